/// Why a card was revoked (spec/trust.md §5). Unknown values read from a list are kept as they are: a revoked card
/// stays revoked whatever the reason says.
public struct RevocationReason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The one-byte code on the list.
    public let rawValue: UInt8
    /// Wraps a reason code as read from a list.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// No reason given.
    public static let unspecified = Self(rawValue: 0)
    /// The card's holder code (or the card with it) fell into the wrong hands.
    public static let keyCompromise = Self(rawValue: 1)
    /// A newer card replaces this one.
    public static let superseded = Self(rawValue: 2)
    /// The card should never have been issued (wrong person, wrong data).
    public static let issuedInError = Self(rawValue: 3)
    /// The holder asked for the card to be revoked.
    public static let holderRequest = Self(rawValue: 4)
    /// The holder has died.
    public static let holderDeceased = Self(rawValue: 5)

    /// The named reasons, in code order.
    public static let known: [RevocationReason] = [.unspecified, .keyCompromise, .superseded, .issuedInError,
                                                   .holderRequest, .holderDeceased]

    /// The name used on the command line and in reports (`reason-<n>` for an unknown code).
    public var name: String {
        switch rawValue {
        case 0: "unspecified"
        case 1: "keyCompromise"
        case 2: "superseded"
        case 3: "issuedInError"
        case 4: "holderRequest"
        case 5: "holderDeceased"
        default: "reason-\(rawValue)"
        }
    }

    /// Parses a reason name (as in ``name``).
    public init?(name: String) {
        guard let r = Self.known.first(where: { $0.name == name }) else { return nil }
        self = r
    }

    public var description: String { name }
}

/// One revoked card.
public struct RevocationEntry: Sendable, Hashable {
    /// The card's `cti` (8 bytes).
    public let cardID: [UInt8]
    /// Why it was revoked.
    public let reason: RevocationReason
    /// When it was revoked (seconds since 1970, 0 ... 2^40 − 1).
    public let revokedAt: Int64

    /// Creates an entry.
    /// - Throws: `trust.edit` if `cardID` is not 8 bytes or `revokedAt` is outside 0 ... 2^40 − 1.
    public init(cardID: [UInt8], reason: RevocationReason, revokedAt: Int64) throws(PHRCardError) {
        guard cardID.count == CardFormat.ctiLength else {
            throw PHRCardError(.trustEdit, "a card id is \(CardFormat.ctiLength) bytes, not \(cardID.count)")
        }
        guard revokedAt >= 0, revokedAt <= RevocationList.maxTime else {
            throw PHRCardError(.trustEdit, "revoked-at \(revokedAt) is outside 0 ... 2^40 − 1")
        }
        self.cardID = cardID
        self.reason = reason
        self.revokedAt = revokedAt
    }

    init(id: UInt64, info: UInt64) {
        cardID = RevocationList.bytes(of: id)
        reason = RevocationReason(rawValue: UInt8(truncatingIfNeeded: info >> 40))
        revokedAt = Int64(info & RevocationList.timeMask)
    }
}
