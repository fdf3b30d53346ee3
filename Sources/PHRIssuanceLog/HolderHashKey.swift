import Foundation
import PHRCodecs
import PHRCrypto

/// A per-issuer secret key for the keyed hash of a holder's identity in the issuance log (spec/trust.md §6.2).
///
/// The hash lets an issuer find every card it issued to one person (to revoke them) without the log holding names
/// or health data: without the key, the hash cannot be tested against guessed identities.
public struct HolderHashKey: Sendable, Hashable {
    /// The key length in bytes.
    public static let length = 32
    /// The key bytes.
    public let bytes: [UInt8]

    /// Wraps 32 key bytes.
    /// - Throws: `trust.state` if `bytes` is not 32 bytes long.
    public init(bytes: [UInt8]) throws(PHRCardError) {
        guard bytes.count == Self.length else { throw PHRCardError(.trustState, "a holder-hash key is \(Self.length) bytes, not \(bytes.count)") }
        self.bytes = bytes
    }

    /// A fresh random key.
    public init(random: any RandomSource = SystemRandom()) { bytes = random.bytes(Self.length) }

    /// HMAC-SHA-256 over the holder's identity: the deterministic CBOR array
    /// `["phrcard-holder-v1", family, given, birthDate, [[system, value], …]]`, where names, systems and values are
    /// NFC-normalised with surrounding white space removed, an absent field is the empty string, the birth date is
    /// written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and identifiers are sorted by their encoding (so their order on the
    /// record does not matter). The CBOR framing keeps fields apart, unlike a separator character.
    public func hash(_ holder: Holder) -> [UInt8] {
        HMACSHA256.authenticationCode(for: Self.identityBytes(holder), key: bytes)
    }

    static func identityBytes(_ holder: Holder) -> [UInt8] {
        func norm(_ s: String?) -> String {
            (s ?? "").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let ids = (holder.identifiers ?? [])
            .map { CBOR.array([.textString(norm($0.system)), .textString(norm($0.value))]) }
            .sorted { $0.encoded().lexicographicallyPrecedes($1.encoded()) }
        return CBOR.array([.textString("phrcard-holder-v1"), .textString(norm(holder.family)), .textString(norm(holder.given)),
                           .textString(holder.birthDate?.description ?? ""), .array(ids)]).encoded()
    }
}
