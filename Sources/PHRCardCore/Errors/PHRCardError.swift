/// An error from reading, verifying, opening or issuing a card.
///
/// Every error carries a stable ``Code`` (the same strings appear in `spec/format.md` and in `vectors/`), a human
/// message that says what went wrong and where, and, when the failure came from a lower layer (CBOR, numeric text,
/// DEFLATE, cryptography), that layer's own code in ``underlyingCode``.
public struct PHRCardError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A stable, machine-readable error code. New codes can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The dotted code, for example `card.expired`.
        public let rawValue: String
        /// Wraps a dotted code.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    /// The stable error code.
    public let code: Code
    /// What went wrong, where, and why.
    public let message: String
    /// The code of the lower-layer error that caused this one (for example `cbor.truncated`), if any.
    public let underlyingCode: String?

    /// Creates an error with its code, a message that says what went wrong and where, and the lower layer's code.
    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlyingCode = underlying
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: PHRCardError, rhs: PHRCardError) -> Bool { lhs.code == rhs.code }
}

extension PHRCardError.Code {
    // MARK: Text form (QR text)
    /// The text does not start with `PHR1:`.
    public static let badPrefix = Self(rawValue: "text.bad-prefix")
    /// A character other than a decimal digit follows the prefix.
    public static let nonDigit = Self(rawValue: "text.non-digit")
    /// The number of digits is not a valid total for the numeric text form.
    public static let badLength = Self(rawValue: "text.bad-length")
    /// A group of digits encodes a value larger than its byte count can hold.
    public static let groupOverflow = Self(rawValue: "text.group-overflow")
    /// The card is larger than the format allows.
    public static let cardTooLarge = Self(rawValue: "card.too-large")
    /// The card's length is not the length of a size class (or one byte less), spec/format.md §8.3.
    public static let badSize = Self(rawValue: "card.bad-size")

    // MARK: CBOR
    /// The card bytes are not well-formed, deterministic CBOR within the format's limits.
    public static let malformedCBOR = Self(rawValue: "card.malformed-cbor")

    // MARK: COSE_Sign1 and CWT
    /// The outer structure is not a tagged COSE_Sign1 (tag 18, four elements, correct types).
    public static let notSign1 = Self(rawValue: "cose.not-sign1")
    /// A header map is malformed (wrong types, duplicate labels across buckets, non-empty unprotected where forbidden).
    public static let badHeader = Self(rawValue: "cose.bad-header")
    /// `alg` is missing from the protected header (it is only in the unprotected header, or nowhere).
    public static let algNotProtected = Self(rawValue: "cose.alg-not-protected")
    /// `alg` names an algorithm this format does not allow at that place.
    public static let unsupportedAlgorithm = Self(rawValue: "cose.unsupported-alg")
    /// `kid` is missing from the protected header.
    public static let missingKid = Self(rawValue: "cose.missing-kid")
    /// `kid` is not exactly 8 bytes.
    public static let badKid = Self(rawValue: "cose.bad-kid")
    /// The `crit` header lists a label this implementation does not understand.
    public static let unknownCritical = Self(rawValue: "cose.unknown-critical")
    /// The signature is not a raw 64-byte r‖s value (for example a DER-encoded ECDSA signature).
    public static let signatureEncoding = Self(rawValue: "cose.signature-encoding")
    /// An ES256 signature has s > n/2: its low-S twin (r, n − s) is the only encoding cards allow.
    public static let highS = Self(rawValue: "cose.high-s")
    /// No trusted issuer key has this `kid`.
    public static let unknownIssuer = Self(rawValue: "card.unknown-issuer")
    /// The signature does not verify under the issuer's key.
    public static let badSignature = Self(rawValue: "card.bad-signature")
    /// The claims set is malformed or a required claim is missing or of the wrong type.
    public static let badClaims = Self(rawValue: "card.bad-claims")
    /// The card's `exp` is at or before the validation time.
    public static let expired = Self(rawValue: "card.expired")
    /// The card's `iat` is after the validation time (beyond the allowed clock skew).
    public static let notYetValid = Self(rawValue: "card.not-yet-valid")
    /// The `iss` claim does not match the issuer identifier the key is trusted for.
    public static let issuerMismatch = Self(rawValue: "card.issuer-mismatch")

    // MARK: Tiers
    /// A tier's COSE_Encrypt or its recipients are malformed.
    public static let badTier = Self(rawValue: "tier.malformed")
    /// The key presented is not a recipient of any tier on this card.
    public static let noRecipient = Self(rawValue: "tier.no-recipient")
    /// A content key could not be unwrapped (wrong key for a recipient that names this key).
    public static let unwrapFailed = Self(rawValue: "tier.unwrap-failed")
    /// Authenticated decryption failed: the ciphertext was altered, or the tier was moved from another card.
    public static let decryptFailed = Self(rawValue: "tier.decrypt-failed")
    /// The padding after the compressed content is not all zero bytes.
    public static let badPadding = Self(rawValue: "tier.bad-padding")
    /// The compressed tier content is corrupt or inflates beyond the format's limit.
    public static let decompressFailed = Self(rawValue: "tier.decompress-failed")
    /// The tier content does not follow the compact record encoding.
    public static let badContent = Self(rawValue: "tier.bad-content")

    // MARK: Holder code
    /// The holder code is not 20 digits (in groups of four, separators optional).
    public static let holderCodeFormat = Self(rawValue: "holder-code.format")
    /// The holder code's check digit is wrong: a digit was mistyped or two digits were swapped.
    public static let holderCodeMistyped = Self(rawValue: "holder-code.mistyped")
    /// The holder code is well-formed but is not this card's code.
    public static let holderCodeWrong = Self(rawValue: "holder-code.wrong")

    // MARK: Issuing
    /// The record is invalid (see the record issues listed in the message).
    public static let invalidRecord = Self(rawValue: "record.invalid")
    /// The tier policy is invalid (unknown section or tier, or a section in two tiers).
    public static let badTierPolicy = Self(rawValue: "issue.bad-tier-policy")
    /// A tier's content would exceed a decoder limit (inflated bytes, CBOR items or depth, spec/format.md §12): the
    /// card is not issued, because no reader could open it. The cause names the limit the decoder would report.
    public static let tierTooLarge = Self(rawValue: "issue.tier-too-large")
    /// A key could not be used (wrong type or malformed).
    public static let badKey = Self(rawValue: "key.invalid")
    /// The passphrase does not decrypt the private key.
    public static let wrongPassphrase = Self(rawValue: "key.wrong-passphrase")
    /// The private key is encrypted and no passphrase was given.
    public static let passphraseRequired = Self(rawValue: "key.passphrase-required")
    /// A cryptographic operation failed unexpectedly.
    public static let cryptoFailure = Self(rawValue: "crypto.failure")
}
