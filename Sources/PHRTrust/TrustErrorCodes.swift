/// Error codes of the trust network: trust lists, revocation lists and card-level trust checks (spec/trust.md §7).
/// They are `PHRCardError` codes, so one error type covers verifying a card end to end. The issuance log's codes
/// and `trust.state` are in PHRIssuanceLog.
extension PHRCardError.Code {
    // MARK: Trust list
    /// The trust list is not a well-formed COSE_Sign1 with a valid payload (wrong types, missing or unknown keys,
    /// duplicate kids, a kid that does not match its key, bad dates or country codes, over the size limits).
    public static let trustMalformed = Self(rawValue: "trust.malformed")
    /// The trust list's version is not one this implementation reads.
    public static let trustUnsupportedVersion = Self(rawValue: "trust.unsupported-version")
    /// The trust list is signed by a key other than the configured root (its `kid` differs).
    public static let trustWrongRoot = Self(rawValue: "trust.wrong-root")
    /// The trust list names the root's `kid` but its signature does not verify: it was altered or forged.
    public static let trustBadSignature = Self(rawValue: "trust.bad-signature")
    /// The trust list's sequence number is lower than one already seen: an old list is being replayed.
    public static let trustRollback = Self(rawValue: "trust.rollback")
    /// The trust list is past its next-update time (a warning, see ``TrustWarning``; never thrown by `verify`).
    public static let trustStale = Self(rawValue: "trust.stale")
    /// The trust list is past its next-update time by more than the allowed maximum age.
    public static let trustTooOld = Self(rawValue: "trust.too-old")
    /// The trust list was issued after the validation time (beyond the allowed clock skew).
    public static let trustNotYetValid = Self(rawValue: "trust.not-yet-valid")
    /// The working copy cannot be edited as asked (duplicate key, unknown kid, invalid field).
    public static let trustEdit = Self(rawValue: "trust.edit")

    // MARK: Revocation list
    /// The revocation list is not a well-formed COSE_Sign1 with a valid payload (entries not sorted or not unique,
    /// bad record length, unknown keys, over the size limits).
    public static let revocationMalformed = Self(rawValue: "revocation.malformed")
    /// The revocation list is signed by a key that may not sign it (neither the issuer key it names, while that key
    /// is not compromised, nor the trust-list root), or the signature does not verify.
    public static let revocationBadSignature = Self(rawValue: "revocation.bad-signature")
    /// The revocation list's sequence number is lower than one already seen.
    public static let revocationRollback = Self(rawValue: "revocation.rollback")

    // MARK: Card-level trust
    /// The card's `cti` is on its issuer's revocation list.
    public static let revoked = Self(rawValue: "card.revoked")
    /// The card was issued on or after the date its issuer key was reported compromised.
    public static let issuerKeyCompromised = Self(rawValue: "card.issuer-key-compromised")
    /// The card's `iat` is outside the issuing period the trust list gives its issuer key.
    public static let issuerKeyOutsidePeriod = Self(rawValue: "card.issuer-key-outside-period")
    /// The card's issuer key is suspended in the trust list.
    public static let issuerKeySuspended = Self(rawValue: "card.issuer-key-suspended")
}
