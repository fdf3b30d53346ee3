extension P256.Signing {
    /// A validated P-256 public key (never the point at infinity, always on the curve).
    ///
    /// Equality and hashing use the point. Also used for key agreement (``P256/KeyAgreement/PublicKey``).
    public struct PublicKey: Sendable, Hashable {
        /// Canonical uncompressed encoding, 04 || x || y.
        let uncompressed: [UInt8]
        let handle: EVPKeyHandle

        /// Builds from an already-canonical, validated uncompressed point.
        init(validatedUncompressed point: [UInt8]) throws(CryptoError) {
            uncompressed = point
            handle = try P256Backend.publicKeyHandle(uncompressed: point)
        }

        /// Decodes and validates any SEC1 point encoding whose prefix the caller has checked.
        init(validating encoding: [UInt8]) throws(CryptoError) {
            try self.init(validatedUncompressed: P256Backend.canonicalPoint(encoding))
        }

        /// Parses a SubjectPublicKeyInfo DER structure (id-ecPublicKey, namedCurve prime256v1).
        /// - Parameter derRepresentation: The SPKI DER bytes (no trailing bytes).
        /// - Throws: `.invalidKey` (not SPKI), `.unsupportedKeyType` (other algorithm or curve), `.invalidPoint`.
        public init(derRepresentation: [UInt8]) throws(CryptoError) {
            // The usual form (named curve, uncompressed point) is the fixed RFC 5480 prefix + the point: read it
            // directly (OpenSSL's decoder set-up costs more than the rest of a one-card `verify`). Others go to OpenSSL.
            if let point = Self.uncompressedPoint(inSPKI: derRepresentation) {
                try self.init(x963Representation: point)
                return
            }
            let parsed = try EVPKeys.parseSubjectPublicKeyInfo(derRepresentation)
            guard EVPKeys.isA(parsed, "EC"), EVPKeys.groupName(parsed) == P256Backend.groupName else {
                throw CryptoError(.unsupportedKeyType, "SubjectPublicKeyInfo is not an EC key on P-256")
            }
            let point = try P256Backend.encodedPoint(of: parsed)
            guard let first = point.first, [0x02, 0x03, 0x04].contains(first) else {
                throw CryptoError(.invalidPoint, "SubjectPublicKeyInfo point has an unsupported encoding")
            }
            try self.init(validating: point)
        }

        /// Parses a "PUBLIC KEY" PEM block (SubjectPublicKeyInfo).
        /// - Throws: `.invalidPEM` when not a PUBLIC KEY PEM block; otherwise as ``init(derRepresentation:)``.
        public init(pemRepresentation: String) throws(CryptoError) {
            let (label, der) = try PEMArmor.decode(pemRepresentation)
            guard label == "PUBLIC KEY" else {
                throw CryptoError(.invalidPEM, "PEM block is '\(label)'; expected 'PUBLIC KEY'")
            }
            try self.init(derRepresentation: der)
        }

        /// Parses the uncompressed SEC1 encoding 04 || x || y (65 bytes).
        /// - Throws: `.invalidPoint` for a wrong length or prefix, a point off the curve, or coordinates >= p.
        public init(x963Representation: [UInt8]) throws(CryptoError) {
            guard x963Representation.count == P256Backend.uncompressedByteCount, x963Representation.first == 0x04 else {
                throw CryptoError(.invalidPoint,
                    "uncompressed P-256 point must be 65 bytes starting with 04, got \(x963Representation.count) bytes"
                    + (x963Representation.first.map { " starting with \(String($0, radix: 16))" } ?? ""))
            }
            try self.init(validating: x963Representation)
        }

        /// Parses the compressed SEC1 encoding 02/03 || x (33 bytes).
        /// - Throws: `.invalidPoint` for a wrong length or prefix, or an x with no point on the curve.
        public init(compressedRepresentation: [UInt8]) throws(CryptoError) {
            guard compressedRepresentation.count == P256Backend.compressedByteCount,
                  compressedRepresentation.first == 0x02 || compressedRepresentation.first == 0x03
            else {
                throw CryptoError(.invalidPoint,
                    "compressed P-256 point must be 33 bytes starting with 02 or 03, got \(compressedRepresentation.count) bytes")
            }
            try self.init(validating: compressedRepresentation)
        }

        /// Builds from affine coordinates, each 32 bytes big-endian.
        /// - Throws: `.invalidPoint` for wrong lengths or a point not on the curve.
        public init(x: [UInt8], y: [UInt8]) throws(CryptoError) {
            guard x.count == 32, y.count == 32 else {
                throw CryptoError(.invalidPoint, "P-256 coordinates must be 32 bytes each, got \(x.count) and \(y.count)")
            }
            try self.init(x963Representation: [0x04] + x + y)
        }

        /// SubjectPublicKeyInfo DER (uncompressed point, named curve).
        public var derRepresentation: [UInt8] { Self.spkiPrefix + uncompressed }

        /// The fixed DER prefix of every P-256 SubjectPublicKeyInfo (RFC 5480: SEQUENCE { SEQUENCE { id-ecPublicKey,
        /// prime256v1 }, BIT STRING with no unused bits }), followed by the 65-byte uncompressed point. Building the
        /// encoding directly avoids a round trip through the OpenSSL encoder on every key-id computation; the tests
        /// compare it with OpenSSL's own encoding.
        static let spkiPrefix: [UInt8] = [
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86,
            0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
        ]

        /// The 65-byte point of an SPKI that is exactly ``spkiPrefix`` + an uncompressed point, or nil.
        static func uncompressedPoint(inSPKI der: [UInt8]) -> [UInt8]? {
            guard der.count == spkiPrefix.count + P256Backend.uncompressedByteCount, der.starts(with: spkiPrefix),
                  der[spkiPrefix.count] == 0x04 else { return nil }
            return Array(der[spkiPrefix.count...])
        }

        /// The SubjectPublicKeyInfo as OpenSSL encodes it (for tests of ``derRepresentation``).
        var opensslDERRepresentation: [UInt8] { EVPKeys.subjectPublicKeyInfo(handle) }
        /// "PUBLIC KEY" PEM of ``derRepresentation``.
        public var pemRepresentation: String { PEMArmor.encode(label: "PUBLIC KEY", der: derRepresentation) }
        /// Uncompressed SEC1 encoding 04 || x || y (65 bytes).
        public var x963Representation: [UInt8] { uncompressed }
        /// Compressed SEC1 encoding 02/03 || x (33 bytes).
        public var compressedRepresentation: [UInt8] { [0x02 | (uncompressed[64] & 1)] + x }
        /// The x-coordinate, 32 bytes big-endian.
        public var x: [UInt8] { Array(uncompressed[1...32]) }
        /// The y-coordinate, 32 bytes big-endian.
        public var y: [UInt8] { Array(uncompressed[33...64]) }

        /// Verifies an ECDSA-SHA-256 signature in raw `r || s` form.
        /// - Parameters:
        ///   - rawSignature: Exactly 64 bytes; any other length (including DER) is rejected, never converted.
        ///   - message: The signed message (hashed with SHA-256 here).
        /// - Returns: `true` only for a valid signature with r and s in 1...n-1.
        public func isValidSignature(_ rawSignature: [UInt8], for message: [UInt8]) -> Bool {
            P256Backend.verify(rawSignature, for: message, with: handle)
        }

        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.uncompressed == rhs.uncompressed }
        public func hash(into hasher: inout Hasher) { hasher.combine(uncompressed) }
    }
}

extension P256.KeyAgreement {
    /// Key agreement uses the same public key type as signing (a P-256 point is algorithm-agnostic).
    public typealias PublicKey = P256.Signing.PublicKey
}
