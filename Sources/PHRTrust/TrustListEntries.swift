import PHRCodecs
import PHRCrypto

/// The status of an issuer key in a trust list (spec/trust.md §3).
public enum IssuerKeyStatus: Sendable, Hashable, CustomStringConvertible {
    /// The key is trusted for cards issued within its period.
    case active
    /// The key is temporarily not trusted (for example while an incident is investigated): every card it signed is
    /// rejected with `card.issuer-key-suspended` until the status changes.
    case suspended
    /// The key was compromised at `since` (seconds since 1970): cards with `iat ≥ since` are rejected with
    /// `card.issuer-key-compromised`; earlier cards stay valid.
    case compromised(since: Int64)

    /// `active`, `suspended` or `compromised since <time>`.
    public var description: String {
        switch self {
        case .active: "active"
        case .suspended: "suspended"
        case .compromised(let since): "compromised since \(since)"
        }
    }
}

/// An issuer key listed in a trust list.
public struct TrustListIssuer: Sendable, Hashable {
    /// The issuer's public key.
    public var key: IssuerPublicKey
    /// The key identifier (derived from the key).
    public var kid: KeyID { key.kid }
    /// The `iss` value cards signed by this key must carry (1 to 64 UTF-8 bytes).
    public var issuerID: String
    /// The issuer's name for verdicts (1 to 100 UTF-8 bytes).
    public var displayName: String
    /// ISO 3166-1 alpha-2 country code, uppercase.
    public var country: String
    /// Start of the key's issuing period (seconds since 1970): cards with an earlier `iat` are rejected.
    public var validFrom: Int64
    /// End of the key's issuing period (inclusive): cards with a later `iat` are rejected.
    public var validTo: Int64
    /// The key's status.
    public var status: IssuerKeyStatus

    /// Creates an issuer entry.
    public init(key: IssuerPublicKey, issuerID: String, displayName: String, country: String,
                validFrom: Int64, validTo: Int64, status: IssuerKeyStatus = .active) {
        self.key = key
        self.issuerID = issuerID
        self.displayName = displayName
        self.country = country
        self.validFrom = validFrom
        self.validTo = validTo
        self.status = status
    }

    /// The entry in the form `CardVerifier` takes.
    public var trustedIssuer: TrustedIssuer { TrustedIssuer(key: key, issuerID: issuerID, displayName: displayName) }

    /// Problems with the fields, or an empty list.
    func problems() -> [String] {
        var out: [String] = []
        if issuerID.isEmpty || issuerID.utf8.count > 64 { out.append("issuer id must be 1 to 64 bytes") }
        if displayName.isEmpty || displayName.utf8.count > 100 { out.append("display name must be 1 to 100 bytes") }
        if !TrustListLimits.isCountryCode(country) { out.append("country \"\(country)\" is not an uppercase alpha-2 code") }
        if validFrom > validTo { out.append("valid-from is after valid-to") }
        return out
    }
}

/// A reader (health authority) key listed in a trust list.
public struct TrustListReader: Sendable, Hashable {
    /// The reader's P-256 public key.
    public var key: ReaderPublicKey
    /// The key identifier (derived from the key).
    public var kid: KeyID { key.kid }
    /// The authority's name (1 to 100 UTF-8 bytes).
    public var authority: String
    /// ISO 3166-1 alpha-2 country code, uppercase.
    public var country: String
    /// The tiers issuers encrypt to this reader unless told otherwise (at least one).
    public var defaultTiers: Set<Tier>

    /// Creates a reader entry.
    public init(key: ReaderPublicKey, authority: String, country: String, defaultTiers: Set<Tier> = [.essential]) {
        self.key = key
        self.authority = authority
        self.country = country
        self.defaultTiers = defaultTiers
    }

    /// The grant `CardIssuer` takes.
    public var grant: ReaderGrant { ReaderGrant(key: key, tiers: defaultTiers) }

    func problems() -> [String] {
        var out: [String] = []
        if authority.isEmpty || authority.utf8.count > 100 { out.append("authority name must be 1 to 100 bytes") }
        if !TrustListLimits.isCountryCode(country) { out.append("country \"\(country)\" is not an uppercase alpha-2 code") }
        if defaultTiers.isEmpty { out.append("a reader needs at least one default tier") }
        return out
    }
}

/// Size limits and field checks for trust lists.
enum TrustListLimits {
    static let maxEntries = 10_000
    static let maxPayloadBytes = 4 * 1024 * 1024
    static let maxEnvelopeBytes = maxPayloadBytes + 1024
    static let maxItems = 2 * maxEntries * 24 + 64

    static func isCountryCode(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 2 && u.allSatisfy { (65...90).contains($0) }
    }

    /// Reads an issuer public key from SPKI DER (P-256 or Ed25519).
    static func issuerKey(spki: [UInt8]) -> IssuerPublicKey? {
        if let k = try? P256.Signing.PublicKey(derRepresentation: spki) { return .p256(k) }
        if let k = try? Ed25519.PublicKey(derRepresentation: spki) { return .ed25519(k) }
        return nil
    }
}
