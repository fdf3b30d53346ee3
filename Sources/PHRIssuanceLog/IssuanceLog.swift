import Foundation

/// One card in the issuance log: everything needed to find and revoke it, and nothing about the holder in clear
/// (spec/trust.md §6).
public struct IssuanceLogEntry: Sendable, Hashable {
    /// The card's `cti` (8 bytes).
    public var cardID: [UInt8]
    /// The issuer key that signed it.
    public var issuerKid: KeyID
    /// `iat`, seconds since 1970.
    public var issuedAt: Int64
    /// `exp`, seconds since 1970.
    public var expiresAt: Int64
    /// The card's size class number.
    public var sizeClass: Int
    /// The tiers encrypted to at least one reader (a tier not listed opens with the holder code only).
    public var tiers: [Tier]
    /// The reader keys the card is encrypted to.
    public var readerKids: [KeyID]
    /// The keyed hash of the holder's identity (``HolderHashKey/hash(_:)``, 32 bytes).
    public var holderHash: [UInt8]

    /// Creates an entry from its fields.
    public init(cardID: [UInt8], issuerKid: KeyID, issuedAt: Int64, expiresAt: Int64, sizeClass: Int, tiers: [Tier],
                readerKids: [KeyID], holderHash: [UInt8]) {
        self.cardID = cardID
        self.issuerKid = issuerKid
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.sizeClass = sizeClass
        self.tiers = tiers
        self.readerKids = readerKids
        self.holderHash = holderHash
    }

    /// The entry for a card just issued.
    /// - Parameters:
    ///   - card: the issued card.
    ///   - record: the record it was issued from (only the holder's identity is used, through the keyed hash).
    ///   - signingKey: the issuer's public key.
    ///   - readers: the reader grants given to `CardIssuer`.
    ///   - holderKey: the issuer's holder-hash key.
    public init(card: IssuedCard, record: HealthRecord, signingKey: IssuerPublicKey, readers: [ReaderGrant],
                holderKey: HolderHashKey) {
        self.init(cardID: card.cardID, issuerKid: signingKey.kid, issuedAt: card.issuedAt, expiresAt: card.expiresAt,
                  sizeClass: card.sizeClass.number,
                  tiers: Tier.allCases.filter { t in readers.contains { $0.tiers.contains(t) } },
                  readerKids: readers.map(\.key.kid), holderHash: holderKey.hash(record.holder))
    }
}

/// The issuer's append-only record of the cards it issued: an SQLite database at a path the caller gives (the
/// `phrcard` command keeps it in PHRCARD_HOME; spec/trust.md §6).
///
/// Rows are only ever inserted; triggers make SQLite refuse any UPDATE or DELETE on them. A batch is appended in one
/// transaction, so after a crash the log holds either all or none of a batch. The database runs in WAL mode with
/// `synchronous=FULL`, so a committed batch survives power loss.
public final class IssuanceLog {
    /// The schema version stored in `PRAGMA user_version`.
    static let schemaVersion: Int64 = 1
    private let db: SQLiteDatabase
    /// The database path.
    public let path: String

    /// Opens the log at `path`, creating it (and its directory) if needed.
    /// - Throws: `log.open` if the file cannot be opened or has a newer schema.
    public init(path: String) throws(PHRCardError) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA journal_mode=WAL", code: .logOpen)
        try db.execute("PRAGMA synchronous=FULL", code: .logOpen)
        let versionStmt = try db.prepare("PRAGMA user_version", code: .logOpen)
        let version = try versionStmt.step(code: .logOpen) ? versionStmt.int64(0) : 0
        guard version <= Self.schemaVersion else {
            throw PHRCardError(.logOpen, "\(path) has schema version \(version); this program knows \(Self.schemaVersion)")
        }
        if version < Self.schemaVersion {
            try db.transaction { () throws(PHRCardError) in
                for sql in Self.schema { try db.execute(sql, code: .logOpen) }
                try db.execute("PRAGMA user_version = \(Self.schemaVersion)", code: .logOpen)
            }
        }
    }

    static let schema = [
        """
        CREATE TABLE IF NOT EXISTS issuance (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            card_id BLOB NOT NULL CHECK (length(card_id) = 8),
            issuer_kid BLOB NOT NULL CHECK (length(issuer_kid) = 8),
            iat INTEGER NOT NULL,
            exp INTEGER NOT NULL,
            size_class INTEGER NOT NULL,
            tiers TEXT NOT NULL,
            reader_kids BLOB NOT NULL CHECK (length(reader_kids) % 8 = 0),
            holder_hash BLOB NOT NULL CHECK (length(holder_hash) = 32),
            logged_at INTEGER NOT NULL,
            UNIQUE (issuer_kid, card_id)
        )
        """,
        "CREATE INDEX IF NOT EXISTS issuance_holder ON issuance (holder_hash)",
        "CREATE INDEX IF NOT EXISTS issuance_card ON issuance (card_id)",
        """
        CREATE TRIGGER IF NOT EXISTS issuance_append_only_update BEFORE UPDATE ON issuance
        BEGIN SELECT RAISE(ABORT, 'the issuance log is append-only'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS issuance_append_only_delete BEFORE DELETE ON issuance
        BEGIN SELECT RAISE(ABORT, 'the issuance log is append-only'); END
        """,
    ]

    /// Appends `entries` in one transaction: either all are logged or, on any error, none.
    /// - Throws: `log.bad-entry` (checked before writing), `log.duplicate` (a card already logged), `log.write`.
    public func append(_ entries: [IssuanceLogEntry]) throws(PHRCardError) {
        for (i, e) in entries.enumerated() {
            guard e.cardID.count == CardFormat.ctiLength, e.holderHash.count == 32 else {
                throw PHRCardError(.logBadEntry, "entry \(i): the card id must be 8 bytes and the holder hash 32 bytes")
            }
        }
        let now = Int64(Date().timeIntervalSince1970)
        try db.transaction { () throws(PHRCardError) in
            let stmt = try db.prepare("""
                INSERT INTO issuance (card_id, issuer_kid, iat, exp, size_class, tiers, reader_kids, holder_hash, logged_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                """, code: .logWrite)
            for e in entries {
                stmt.bind(1, e.cardID)
                stmt.bind(2, e.issuerKid.bytes)
                stmt.bind(3, e.issuedAt)
                stmt.bind(4, e.expiresAt)
                stmt.bind(5, Int64(e.sizeClass))
                stmt.bind(6, e.tiers.map(\.name).joined(separator: ","))
                stmt.bind(7, e.readerKids.flatMap(\.bytes))
                stmt.bind(8, e.holderHash)
                stmt.bind(9, now)
                _ = try stmt.step(code: .logWrite)
                stmt.reset()
            }
        }
    }

    /// The number of logged cards.
    public func count() throws(PHRCardError) -> Int {
        let stmt = try db.prepare("SELECT count(*) FROM issuance", code: .logRead)
        return try stmt.step(code: .logRead) ? Int(stmt.int64(0)) : 0
    }

    /// The most recently logged cards, newest first.
    public func list(limit: Int = 100) throws(PHRCardError) -> [IssuanceLogEntry] {
        try query("ORDER BY seq DESC LIMIT ?1") { $0.bind(1, Int64(max(0, limit))) }
    }

    /// Every card logged for this holder hash, oldest first.
    public func find(holderHash: [UInt8]) throws(PHRCardError) -> [IssuanceLogEntry] {
        try query("WHERE holder_hash = ?1 ORDER BY seq") { $0.bind(1, holderHash) }
    }

    /// The logged cards with this `cti` (normally one; more only if two issuer keys drew the same id).
    public func find(cardID: [UInt8]) throws(PHRCardError) -> [IssuanceLogEntry] {
        try query("WHERE card_id = ?1 ORDER BY seq") { $0.bind(1, cardID) }
    }

    private func query(_ tail: String, bind: (SQLiteDatabase.Statement) -> Void) throws(PHRCardError) -> [IssuanceLogEntry] {
        let stmt = try db.prepare("""
            SELECT card_id, issuer_kid, iat, exp, size_class, tiers, reader_kids, holder_hash FROM issuance \(tail)
            """, code: .logRead)
        bind(stmt)
        var out: [IssuanceLogEntry] = []
        while try stmt.step(code: .logRead) {
            let kidBytes = stmt.blob(1), readerBytes = stmt.blob(6), tierText = stmt.text(5)
            guard let kid = KeyID(bytes: kidBytes), readerBytes.count % 8 == 0 else {
                throw PHRCardError(.logRead, "a log row has a malformed key id")
            }
            var tiers: [Tier] = []
            for name in tierText.split(separator: ",") {
                guard let t = Tier(name: String(name)) else { throw PHRCardError(.logRead, "a log row has unknown tier \"\(name)\"") }
                tiers.append(t)
            }
            let readers = stride(from: 0, to: readerBytes.count, by: 8).compactMap { KeyID(bytes: Array(readerBytes[$0..<$0 + 8])) }
            out.append(IssuanceLogEntry(cardID: stmt.blob(0), issuerKid: kid, issuedAt: stmt.int64(2), expiresAt: stmt.int64(3),
                                        sizeClass: Int(stmt.int64(4)), tiers: tiers, readerKids: readers,
                                        holderHash: stmt.blob(7)))
        }
        return out
    }

    /// Runs raw SQL (tests use it to show that the triggers refuse changes).
    func executeRaw(_ sql: String) throws(PHRCardError) {
        try db.execute(sql, code: .logWrite)
    }
}
