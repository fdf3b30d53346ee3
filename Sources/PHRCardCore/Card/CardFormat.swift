/// The constants of card format version 1 (`PHR1:`). `spec/format.md` is normative; these values are copied from it.
public enum CardFormat {
    /// The QR text prefix. A different prefix means a different, incompatible format version.
    public static let prefix = "PHR1:"
    /// The CWT claim key that holds the encrypted tiers (CWT private-use range, RFC 8392 §9.1).
    public static let tiersClaim: Int64 = -65537
    /// Length of the random card identifier (`cti`).
    public static let ctiLength = 8
    /// Default card lifetime: three years.
    public static let defaultValidity: Int64 = 3 * 365 * 86_400
    /// Allowed clock skew when checking `iat` against the verifier's clock.
    public static let clockSkew: Int64 = 300
    /// The largest card, in bytes (the largest size class).
    public static var maxCardBytes: Int { SizeClass.all.last!.cardBytes }
    /// The largest QR text accepted as input, in characters (prefix + digits of the largest card, plus slack for
    /// surrounding whitespace that is trimmed first).
    public static var maxTextLength: Int { prefix.count + NumericText.digitCount(forByteCount: maxCardBytes) }
    /// Upper bound on a tier's inflated compact CBOR (see ``TierLimits``).
    public static var maxInflatedTierBytes: Int { TierLimits.maxInflatedBytes }
    /// Every tier but the last has its plaintext padded to a multiple of this many bytes, so that a tier's length
    /// reveals its content size only to within this block.
    public static let tierPaddingBlock = 16
    /// AES-GCM key length (AES-128) and AES key wrap (A128KW).
    static let contentKeyLength = 16
    static let ivLength = 12
    static let tagLength = 16

    /// The AES-GCM nonce of a tier: `cti ‖ 00 00 00 ‖ tier id` (12 bytes). It is not written on the card: every
    /// content key is used exactly once (it is derived from the holder secret, which is salted with `cti`, and the
    /// tier id), so a nonce derived from the card is unique per key.
    static func iv(cti: [UInt8], tier: Tier) -> [UInt8] {
        cti + [0, 0, 0, UInt8(tier.rawValue)]
    }

    /// Why `iss` is not allowed (1–64 bytes of UTF-8, NFC, no control character), or nil when it is (§4).
    static func issuerIDProblem(_ iss: String) -> String? {
        if iss.isEmpty || iss.utf8.count > 64 { return "must be 1 to 64 bytes of UTF-8, is \(iss.utf8.count)" }
        if RecordText.nfc(iss).utf8.elementsEqual(iss.utf8) == false { return "must be in Unicode NFC" }
        if let c = RecordText.firstControlCharacter(in: iss, allowingLineBreaks: false) {
            return "must not contain the control character \(RecordText.scalarName(c))"
        }
        return nil
    }

    /// scrypt parameters for the holder code (N = 2^14, r = 8, p = 1: 16 MiB, about 50 ms on one core).
    public static let scryptN: UInt64 = 16_384
    /// scrypt block size r for the holder code.
    public static let scryptR: UInt64 = 8
    /// scrypt parallelisation p for the holder code.
    public static let scryptP: UInt64 = 1
    /// Domain-separation strings.
    static let holderSaltLabel = Array("PHR1 holder code".utf8)
    static let holderDirectInfo = Array("PHR1 holder cek".utf8)
}

/// A card size class. Every card is padded (inside the encryption) to exactly the byte length of one class, so its
/// size and QR version reveal only the class. The classes are the byte capacities of QR versions 11, 14, 17, 19,
/// 22, 25, 30, 35 and 40 at error-correction level M, for `PHR1:` as an alphanumeric segment followed by the
/// numeric text form as a numeric segment.
public struct SizeClass: Sendable, Hashable, CustomStringConvertible {
    /// The class number, 1 for the smallest.
    public let number: Int
    /// The QR version at error-correction level M that this class fills.
    public let qrVersionAtM: Int
    /// The card length in bytes.
    public let cardBytes: Int

    /// All classes, smallest first.
    public static let all: [SizeClass] = [
        (11, 243), (14, 353), (17, 493), (19, 612), (22, 765), (25, 980), (30, 1348), (35, 1782), (40, 2298),
    ].enumerated().map { SizeClass(number: $0.offset + 1, qrVersionAtM: $0.element.0, cardBytes: $0.element.1) }

    /// The smallest class that holds `byteCount` bytes, or nil if none does.
    public static func smallest(holding byteCount: Int) -> SizeClass? {
        all.first { $0.cardBytes >= byteCount }
    }

    /// The class whose length is `byteCount` (or one more, see the spec's padding rule), if any.
    public static func of(cardBytes byteCount: Int) -> SizeClass? {
        all.first { $0.cardBytes == byteCount || $0.cardBytes == byteCount + 1 }
    }

    public var description: String { "class \(number) (\(cardBytes) bytes, QR version \(qrVersionAtM) at M)" }
}
