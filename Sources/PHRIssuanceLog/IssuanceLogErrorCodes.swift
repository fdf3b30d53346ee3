/// Error codes of the issuer's local trust state (spec/trust.md §7): the issuance log and the key and rollback-state
/// files kept beside it. They are `PHRCardError` codes, like every other code of the card and the trust network.
extension PHRCardError.Code {
    // MARK: Local trust state
    /// The rollback state or a key file beside the log (the command's PHRCARD_HOME) could not be read or written.
    public static let trustState = Self(rawValue: "trust.state")

    // MARK: Issuance log
    /// The issuance log database could not be opened or created, or has an unknown schema.
    public static let logOpen = Self(rawValue: "log.open")
    /// A write to the issuance log failed; the whole batch was rolled back.
    public static let logWrite = Self(rawValue: "log.write")
    /// A card with this issuer kid and `cti` is already in the log; the whole batch was rolled back.
    public static let logDuplicate = Self(rawValue: "log.duplicate")
    /// A query on the issuance log failed, or a stored row is malformed.
    public static let logRead = Self(rawValue: "log.read")
    /// An entry to append is invalid (wrong `cti` or hash length).
    public static let logBadEntry = Self(rawValue: "log.bad-entry")
}
