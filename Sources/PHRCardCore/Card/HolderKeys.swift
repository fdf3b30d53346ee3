import PHRCrypto

/// Keys derived from a holder code for one card (spec/format.md §6.3).
///
/// `master = scrypt(code digits, "PHR1 holder code" ‖ cti, N = 2^14, r = 8, p = 1, 32 bytes)`;
/// the content key of every tier is `HKDF-SHA-256(master, salt = empty, info = "PHR1 holder cek" ‖ tier id byte,
/// 16)`: the holder is always a `direct` recipient, and readers receive that key wrapped.
struct HolderKeys {
    private let master: [UInt8]

    init(code: HolderCode, cti: [UInt8]) throws(PHRCardError) {
        do {
            master = try Scrypt.deriveKey(password: code.digits, salt: CardFormat.holderSaltLabel + cti,
                                          n: CardFormat.scryptN, r: CardFormat.scryptR, p: CardFormat.scryptP,
                                          outputByteCount: 32)
        } catch {
            throw PHRCardError(.cryptoFailure, "holder key derivation failed: \(error.message)", underlying: error.code)
        }
    }

    func directContentKey(tier: Tier) throws(PHRCardError) -> [UInt8] {
        do {
            return try HKDFSHA256.deriveKey(inputKeyMaterial: master, salt: [],
                                            info: CardFormat.holderDirectInfo + [UInt8(tier.rawValue)],
                                            outputByteCount: CardFormat.contentKeyLength)
        } catch {
            throw PHRCardError(.cryptoFailure, "holder key derivation failed: \(error.message)", underlying: error.code)
        }
    }
}

/// ECDH-ES + A128KW key derivation (RFC 9053 §6.3 with HKDF-SHA-256, §5.2 context).
enum ECDHES {
    /// The recipient protected header `{1: -29}` as serialized on cards.
    static let protectedHeader: [UInt8] = CBORBytes.map1(label: 1, negative: 28)

    /// COSE_KDF_Context for A128KW: `[-3, [null, null, null], [null, null, null], [128, protected]]`.
    static func context(recipientProtected: [UInt8]) -> [UInt8] {
        context(algorithm: .a128kw, keyBits: 128, recipientProtected: recipientProtected)
    }

    /// The A128KW key-encryption key for a reader recipient (HKDF-SHA-256 over the shared secret and context).
    static func keyEncryptionKey(sharedSecret: [UInt8], recipientProtected: [UInt8]) throws(PHRCardError) -> [UInt8] {
        try deriveKey(sharedSecret: sharedSecret, algorithmID: COSEAlgorithm.a128kw.rawValue,
                      keyBytes: CardFormat.contentKeyLength, recipientProtected: recipientProtected)
    }
}

import PHRCodecs

/// Fixed serializations used on cards.
enum CBORBytes {
    /// `{label: -1 - negative}` as deterministic CBOR.
    static func map1(label: Int64, negative: UInt64) -> [UInt8] {
        CBOR.map([(CBOR.int(label), CBOR.negativeInt(negative))]).encoded()
    }
}
