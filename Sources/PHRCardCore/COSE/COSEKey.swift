import PHRCodecs
import PHRCrypto

/// COSE_Key (RFC 9052 §7, RFC 9053 §7) import and export for the key types PHRCard uses: EC2 keys on P-256
/// (`kty` 2, `crv` 1) and OKP Ed25519 keys (`kty` 1, `crv` 6).
public enum COSEKey {
    static let kty: Int64 = 1
    static let kid: Int64 = 2
    static let crv: Int64 = -1
    static let x: Int64 = -2
    static let y: Int64 = -3
    static let d: Int64 = -4
    static let ktyOKP: Int64 = 1
    static let ktyEC2: Int64 = 2
    static let crvP256: Int64 = 1
    static let crvEd25519: Int64 = 6

    /// Encodes a P-256 public key. With `compressed`, `y` is the sign bit as a boolean (true when y is odd, i.e.
    /// SEC 1 prefix 0x03), as RFC 9053 §7.1.1 allows.
    public static func encode(_ key: P256.Signing.PublicKey, compressed: Bool, kid: [UInt8]? = nil) -> CBOR {
        var pairs: [(Int64, CBOR)] = [(kty, .int(ktyEC2)), (crv, .int(crvP256)), (x, .byteString(key.x))]
        if compressed {
            pairs.append((y, .bool(key.compressedRepresentation[0] == 0x03)))
        } else {
            pairs.append((y, .byteString(key.y)))
        }
        if let kid { pairs.append((Self.kid, .byteString(kid))) }
        return .intMap(pairs)
    }

    /// Encodes a P-256 private key (with its public part, uncompressed).
    public static func encode(_ key: P256.Signing.PrivateKey, kid: [UInt8]? = nil) -> CBOR {
        var pairs: [(Int64, CBOR)] = [(kty, .int(ktyEC2)), (crv, .int(crvP256)), (x, .byteString(key.publicKey.x)),
                                      (y, .byteString(key.publicKey.y)), (d, .byteString(key.rawRepresentation))]
        if let kid { pairs.append((Self.kid, .byteString(kid))) }
        return .intMap(pairs)
    }

    /// Encodes an Ed25519 public key.
    public static func encode(_ key: Ed25519.PublicKey, kid: [UInt8]? = nil) -> CBOR {
        var pairs: [(Int64, CBOR)] = [(kty, .int(ktyOKP)), (crv, .int(crvEd25519)), (x, .byteString(key.rawRepresentation))]
        if let kid { pairs.append((Self.kid, .byteString(kid))) }
        return .intMap(pairs)
    }

    /// Checks, without decoding the point, that `item` is exactly the compressed EC2 P-256 COSE_Key that cards
    /// carry as the ephemeral key: `{1: 2, -1: 1, -2: 32-byte x, -3: bool}`. The point itself is decompressed and
    /// validated when a reader key uses it (``decodeP256PublicKey(_:)``).
    static func checkCompressedP256Structure(_ item: CBOR, context: @autoclosure () -> String) throws(PHRCardError) {
        guard case .map(let entries) = item, entries.count == 4,
              item[kty]?.intValue == ktyEC2, item[crv]?.intValue == crvP256,
              let xb = item[x]?.bytesValue, xb.count == 32, case .bool? = item[y] else {
            throw PHRCardError(.badTier, "\(context()): the ephemeral key must be {1: 2, -1: 1, -2: 32-byte x, -3: bool}")
        }
    }

    /// Decodes a P-256 public key from an EC2 COSE_Key (full or compressed `y`); the point is validated.
    public static func decodeP256PublicKey(_ item: CBOR) throws(PHRCardError) -> P256.Signing.PublicKey {
        guard case .map = item else { throw PHRCardError(.badKey, "COSE_Key is not a map") }
        guard item[kty]?.intValue == ktyEC2 else { throw PHRCardError(.badKey, "COSE_Key kty is not EC2 (2)") }
        guard item[crv]?.intValue == crvP256 else { throw PHRCardError(.badKey, "COSE_Key crv is not P-256 (1)") }
        guard let xb = item[x]?.bytesValue, xb.count == 32 else {
            throw PHRCardError(.badKey, "COSE_Key x must be a 32-byte string")
        }
        do {
            switch item[y] {
            case .bool(let odd)?:
                return try P256.Signing.PublicKey(compressedRepresentation: [odd ? 0x03 : 0x02] + xb)
            case .byteString(let yb)? where yb.count == 32:
                return try P256.Signing.PublicKey(x: xb, y: yb)
            default:
                throw PHRCardError(.badKey, "COSE_Key y must be a 32-byte string or a boolean sign bit")
            }
        } catch let error as PHRCardError {
            throw error
        } catch {
            throw PHRCardError(.badKey, "COSE_Key is not a valid P-256 point: \(error)", underlying: (error as? CryptoError)?.code)
        }
    }

    /// Decodes a P-256 private key from an EC2 COSE_Key with `d`; the public part, if present, must match.
    public static func decodeP256PrivateKey(_ item: CBOR) throws(PHRCardError) -> P256.Signing.PrivateKey {
        guard let db = item[d]?.bytesValue, db.count == 32 else {
            throw PHRCardError(.badKey, "COSE_Key d must be a 32-byte string")
        }
        let key: P256.Signing.PrivateKey
        do throws(CryptoError) { key = try P256.Signing.PrivateKey(rawRepresentation: db) } catch {
            throw PHRCardError(.badKey, "COSE_Key d is not a valid P-256 scalar", underlying: error.code)
        }
        if item[x] != nil {
            let pub = try decodeP256PublicKey(item)
            guard pub == key.publicKey else { throw PHRCardError(.badKey, "COSE_Key x/y do not match d") }
        }
        return key
    }

    /// Decodes an Ed25519 public key from an OKP COSE_Key.
    public static func decodeEd25519PublicKey(_ item: CBOR) throws(PHRCardError) -> Ed25519.PublicKey {
        guard item[kty]?.intValue == ktyOKP, item[crv]?.intValue == crvEd25519,
              let xb = item[x]?.bytesValue, xb.count == 32 else {
            throw PHRCardError(.badKey, "COSE_Key is not an OKP Ed25519 key with a 32-byte x")
        }
        do throws(CryptoError) { return try Ed25519.PublicKey(rawRepresentation: xb) } catch {
            throw PHRCardError(.badKey, "COSE_Key x is not a valid Ed25519 key", underlying: error.code)
        }
    }
}
