/// The error thrown by every fallible operation in PHRCrypto.
///
/// `kind` is the stable machine-readable category (exposed as the dotted ``code``, e.g. `crypto.invalid-point`);
/// `message` is a human explanation of what failed and why. Two errors are equal when kind and message are equal.
public struct CryptoError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The stable error categories. The raw value is the suffix of ``CryptoError/code``.
    public enum Kind: String, Sendable {
        /// A key has the wrong length, is out of range (e.g. a P-256 scalar of 0 or >= n) or is otherwise unusable.
        case invalidKey = "invalid-key"
        /// A received elliptic-curve point is malformed, not on the curve, or the point at infinity.
        case invalidPoint = "invalid-point"
        /// A signature or DER structure could not be decoded.
        case invalidSignatureEncoding = "invalid-signature-encoding"
        /// AEAD tag verification failed (wrong key, nonce, AAD, or tampered ciphertext/tag).
        case authenticationFailure = "authentication-failure"
        /// RFC 3394 key unwrapping failed its integrity check or the wrapped data has an impossible length.
        case unwrapFailure = "unwrap-failure"
        /// A parameter (length, size, cost) is outside the supported range.
        case invalidParameter = "invalid-parameter"
        /// An encrypted private key could not be decrypted with the given passphrase.
        case wrongPassphrase = "wrong-passphrase"
        /// An encrypted private key was given without a passphrase.
        case passphraseRequired = "passphrase-required"
        /// The text is not a PEM block of the expected kind, or its DER content is malformed.
        case invalidPEM = "invalid-pem"
        /// The key is well-formed but of an algorithm or curve this module does not handle.
        case unsupportedKeyType = "unsupported-key-type"
        /// libcrypto reported an unexpected internal failure (message carries OpenSSL's error queue).
        case libcrypto = "libcrypto"
    }

    /// The error category.
    public let kind: Kind
    /// A human-readable explanation: what failed, where and why.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - kind: The category.
    ///   - message: What failed and why.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The stable dotted code, `crypto.<kind>`, e.g. `crypto.authentication-failure`.
    public var code: String { "crypto." + kind.rawValue }

    public var description: String { "\(code): \(message)" }
}
