import PHRCodecs

/// COSE header labels and algorithm identifiers used by PHRCard (RFC 9052 §3.1, RFC 9053, IANA COSE registries).
public enum COSEHeader {
    /// `alg` (1).
    public static let alg: Int64 = 1
    /// `crit` (2).
    public static let crit: Int64 = 2
    /// `kid` (4).
    public static let kid: Int64 = 4
    /// `IV` (5).
    public static let iv: Int64 = 5
    /// `ephemeral key` (-1), for ECDH-ES recipients.
    public static let ephemeralKey: Int64 = -1
}

/// COSE algorithm identifiers used by PHRCard.
public enum COSEAlgorithm: Int64, Sendable, CaseIterable {
    /// ECDSA with SHA-256 on P-256 (ES256).
    case es256 = -7
    /// EdDSA (Ed25519 here).
    case edDSA = -8
    /// AES-GCM with a 128-bit key.
    case a128gcm = 1
    /// AES-GCM with a 256-bit key.
    case a256gcm = 3
    /// AES key wrap with a 128-bit key.
    case a128kw = -3
    /// AES key wrap with a 256-bit key.
    case a256kw = -5
    /// Direct use of a shared key as the content key.
    case direct = -6
    /// ECDH-ES with HKDF-SHA-256 and A128KW.
    case ecdhESA128KW = -29
    /// ECDH-ES with HKDF-SHA-256 and A256KW.
    case ecdhESA256KW = -31

    /// The COSE registry name.
    public var name: String {
        switch self {
        case .es256: "ES256"
        case .edDSA: "EdDSA"
        case .a128gcm: "A128GCM"
        case .a256gcm: "A256GCM"
        case .a128kw: "A128KW"
        case .a256kw: "A256KW"
        case .direct: "direct"
        case .ecdhESA128KW: "ECDH-ES+A128KW"
        case .ecdhESA256KW: "ECDH-ES+A256KW"
        }
    }
}

/// A decoded header bucket pair: the protected header (with its exact serialized bytes) and the unprotected header.
package struct COSEHeaders: Sendable {
    /// The protected header exactly as serialized (a zero-length string means an empty map).
    package var protectedBytes: [UInt8]
    package var protected: [CBOR.Entry]
    package var unprotected: [CBOR.Entry]

    package init(protectedBytes: [UInt8], protected: [CBOR.Entry], unprotected: [CBOR.Entry]) {
        self.protectedBytes = protectedBytes
        self.protected = protected
        self.unprotected = unprotected
    }

    /// Decodes the `protected` bstr and `unprotected` map of a COSE structure.
    /// `context` names the structure in error messages (evaluated only when there is an error).
    package static func decode(protected: CBOR, unprotected: CBOR,
                               context: @autoclosure () -> String) throws(PHRCardError) -> COSEHeaders {
        guard case .byteString(let bytes) = protected else {
            throw PHRCardError(.badHeader, "\(context()): the protected header is not a byte string")
        }
        var entries: [CBOR.Entry] = []
        if let known = Self.wellKnownProtected(bytes) {
            // The protected headers every card repeats ({1: 1}, {1: -29}): decoded once, not per card.
            entries = known
        } else if !bytes.isEmpty {
            let decoded: CBOR
            do {
                decoded = try CBOR.decode(bytes, options: .strict)
            } catch {
                throw PHRCardError(.badHeader, "\(context()): protected header: \(error.message)", underlying: error.code)
            }
            guard case .map(let m) = decoded else {
                throw PHRCardError(.badHeader, "\(context()): the protected header is not a map")
            }
            entries = m
        }
        guard case .map(let u) = unprotected else {
            throw PHRCardError(.badHeader, "\(context()): the unprotected header is not a map")
        }
        for entry in u where entries.contains(where: { $0.key == entry.key }) {
            throw PHRCardError(.badHeader, "\(context()): label \(entry.key) is in both header buckets")
        }
        return COSEHeaders(protectedBytes: bytes, protected: entries, unprotected: u)
    }

    /// `{1: 1}` (A128GCM) and `{1: -29}` (ECDH-ES + A128KW) in their deterministic encoding.
    private static let a128gcmProtected: [UInt8] = [0xA1, 0x01, 0x01]
    private static let ecdhESA128KWProtected: [UInt8] = [0xA1, 0x01, 0x38, 0x1C]

    /// The decoded map of a protected header whose exact bytes are one of the two that cards repeat, or nil.
    /// Equal to what ``PHRCodecs/CBOR/decode(_:options:)`` returns for the same bytes (tested).
    static func wellKnownProtected(_ bytes: [UInt8]) -> [CBOR.Entry]? {
        // Built per call, not kept in a static: LeakSanitizer (the fuzz targets) reports a static array of enum
        // boxes as leaked, and one small array costs far less than decoding.
        if bytes == a128gcmProtected { return [CBOR.Entry(.int(COSEHeader.alg), .int(COSEAlgorithm.a128gcm.rawValue))] }
        if bytes == ecdhESA128KWProtected {
            return [CBOR.Entry(.int(COSEHeader.alg), .int(COSEAlgorithm.ecdhESA128KW.rawValue))]
        }
        return nil
    }

    package func protectedValue(_ label: Int64) -> CBOR? {
        protected.first(where: { $0.key == .int(label) })?.value
    }

    package func unprotectedValue(_ label: Int64) -> CBOR? {
        unprotected.first(where: { $0.key == .int(label) })?.value
    }

    /// The value of `label` from either bucket (protected first).
    package func value(_ label: Int64) -> CBOR? {
        protectedValue(label) ?? unprotectedValue(label)
    }

    /// Rejects a `crit` header that names a label outside `understood` (RFC 9052 §3.1).
    package func checkCritical(understood: Set<Int64>, context: @autoclosure () -> String) throws(PHRCardError) {
        if unprotectedValue(COSEHeader.crit) != nil {
            throw PHRCardError(.badHeader, "\(context()): crit must be in the protected header")
        }
        guard let crit = protectedValue(COSEHeader.crit) else { return }
        guard case .array(let labels) = crit, !labels.isEmpty else {
            throw PHRCardError(.badHeader, "\(context()): crit must be a non-empty array of labels")
        }
        for label in labels {
            guard let l = label.intValue else {
                throw PHRCardError(.badHeader, "\(context()): crit must list integer labels, found \(label)")
            }
            guard understood.contains(l) else {
                throw PHRCardError(.unknownCritical, "\(context()): critical header \(label) is not understood")
            }
        }
    }
}

extension CBOR {
    /// A CBOR map from integer labels, in the given order (the encoder sorts them).
    package static func intMap(_ pairs: [(Int64, CBOR)]) -> CBOR {
        .map(pairs.map { CBOR.Entry(.int($0.0), $0.1) })
    }
}
