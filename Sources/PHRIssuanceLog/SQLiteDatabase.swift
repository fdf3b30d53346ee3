internal import CSQLite

/// A minimal owner of one `sqlite3*` connection: prepared statements with bound parameters, transactions.
/// The only file in the package that touches SQLite's C API. Not thread-safe: use from one task at a time.
final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// Opens (creating if needed) the database at `path`.
    init(path: String) throws(PHRCardError) {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw PHRCardError(.logOpen, "cannot open \(path): \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit { sqlite3_close_v2(handle) }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs SQL without parameters or results (schema, pragmas, transaction control).
    func execute(_ sql: String, code: PHRCardError.Code) throws(PHRCardError) {
        let stmt = try prepare(sql, code: code)
        while try stmt.step(code: code) {}
    }

    /// Prepares one statement.
    func prepare(_ sql: String, code: PHRCardError.Code) throws(PHRCardError) -> Statement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw PHRCardError(code, "SQL error: \(lastError)")
        }
        return Statement(stmt, database: self)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    func transaction<T>(_ body: () throws(PHRCardError) -> T) throws(PHRCardError) -> T {
        try execute("BEGIN IMMEDIATE", code: .logWrite)
        do {
            let result = try body()
            try execute("COMMIT", code: .logWrite)
            return result
        } catch {
            try? execute("ROLLBACK", code: .logWrite)
            throw error
        }
    }

    /// One prepared statement; finalized when released.
    final class Statement {
        private let stmt: OpaquePointer
        private let database: SQLiteDatabase

        fileprivate init(_ stmt: OpaquePointer, database: SQLiteDatabase) {
            self.stmt = stmt
            self.database = database
        }

        deinit { sqlite3_finalize(stmt) }

        func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(stmt, index, value) }
        func bind(_ index: Int32, _ value: String) { sqlite3_bind_text(stmt, index, value, -1, phr_sqlite_transient()) }
        func bind(_ index: Int32, _ value: [UInt8]) {
            value.withUnsafeBytes { raw in
                // A zero-length blob still binds as a blob, not NULL: SQLite needs a non-null pointer for that.
                _ = sqlite3_bind_blob(stmt, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count),
                                      phr_sqlite_transient())
            }
        }

        /// Advances; true while a row is available. Constraint violations are reported as `log.duplicate`.
        func step(code: PHRCardError.Code) throws(PHRCardError) -> Bool {
            let rc = sqlite3_step(stmt)
            switch rc {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default:
                let message = database.lastError
                // SQLITE_CONSTRAINT_PRIMARYKEY (6 << 8) and SQLITE_CONSTRAINT_UNIQUE (8 << 8) are macros Swift cannot import.
                if rc & 0xff == SQLITE_CONSTRAINT, rc >> 8 == 6 || rc >> 8 == 8 {
                    throw PHRCardError(.logDuplicate, "the log already holds this card: \(message)")
                }
                throw PHRCardError(code, "SQL error \(rc): \(message)")
            }
        }

        /// Clears bindings and rewinds, for the next row of a batch.
        func reset() {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }

        func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }
        func text(_ column: Int32) -> String {
            guard let p = sqlite3_column_text(stmt, column) else { return "" }
            return String(cString: p)
        }
        func blob(_ column: Int32) -> [UInt8] {
            let n = Int(sqlite3_column_bytes(stmt, column))
            guard n > 0, let p = sqlite3_column_blob(stmt, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: p, count: n))
        }
    }
}
