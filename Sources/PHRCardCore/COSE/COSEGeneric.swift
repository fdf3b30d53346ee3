import PHRCodecs
import PHRCrypto

// Generic COSE operations (RFC 9052, RFC 9053) beyond the fixed card profile: signature verification with the
// algorithm taken from the message, COSE_KDF_Context for any key-wrap or content algorithm, key wrap and ECDH-ES
// recipients, and AES-GCM content decryption from the IV header. They are internal; the card code uses the strict
// profile checks in CardVerifier / CardOpener, and the tests prove these building blocks against the cose-wg
// examples.

/// COSE algorithm identifiers that the generic operations understand but `COSEAlgorithm` (the card profile) does
/// not list (IANA "COSE Algorithms").
enum COSEAlgorithmID {
    /// AES-GCM with a 192-bit key.
    static let a192gcm: Int64 = 2
    /// AES key wrap with a 192-bit key.
    static let a192kw: Int64 = -4
    /// ECDH-ES with HKDF-SHA-256, the derived key used directly as the content key.
    static let ecdhESHKDF256: Int64 = -25
    /// ECDH-ES with HKDF-SHA-256 and A192KW.
    static let ecdhESA192KW: Int64 = -30

    /// Content-encryption key length in bytes for the AES-GCM algorithms (1, 2, 3), else nil.
    static func gcmKeyLength(_ alg: Int64) -> Int? {
        switch alg {
        case COSEAlgorithm.a128gcm.rawValue: 16
        case a192gcm: 24
        case COSEAlgorithm.a256gcm.rawValue: 32
        default: nil
        }
    }

    /// Key-encryption key length in bytes for the AES key wrap algorithms (-3, -4, -5), else nil.
    static func keyWrapKeyLength(_ alg: Int64) -> Int? {
        switch alg {
        case COSEAlgorithm.a128kw.rawValue: 16
        case a192kw: 24
        case COSEAlgorithm.a256kw.rawValue: 32
        default: nil
        }
    }

    /// The key wrap algorithm an ECDH-ES + key wrap algorithm (-29, -30, -31) uses, else nil.
    static func keyWrapOfECDHES(_ alg: Int64) -> Int64? {
        switch alg {
        case COSEAlgorithm.ecdhESA128KW.rawValue: COSEAlgorithm.a128kw.rawValue
        case ecdhESA192KW: a192kw
        case COSEAlgorithm.ecdhESA256KW.rawValue: COSEAlgorithm.a256kw.rawValue
        default: nil
        }
    }
}

/// Header labels the generic operations process (RFC 9052 §3.1): alg, crit, content type, kid, IV.
let coseGenericUnderstoodLabels: Set<Int64> = [COSEHeader.alg, COSEHeader.crit, 3, COSEHeader.kid, COSEHeader.iv]

extension COSEHeaders {
    /// The protected header as it enters Sig_structure and Enc_structure. RFC 9052 §4.4 and §5.3: "If there are no
    /// protected attributes, a zero-length byte string is used"; a transmitted empty map (`A0`) therefore counts as
    /// a zero-length string, as the cose-wg examples sign-pass-01 and enc-pass-01 require.
    var structureProtectedBytes: [UInt8] { protected.isEmpty ? [] : protectedBytes }

    /// The integer `alg` from either bucket, or an error naming what is wrong.
    func algorithmID(context: String) throws(PHRCardError) -> Int64 {
        guard let item = value(COSEHeader.alg) else {
            throw PHRCardError(.unsupportedAlgorithm, "\(context): alg is missing")
        }
        guard let alg = item.intValue else {
            throw PHRCardError(.unsupportedAlgorithm, "\(context): alg \(item) is not an integer algorithm identifier")
        }
        return alg
    }
}

extension COSESign1 {
    /// Checks the signature of a COSE_Sign1 under `publicKey` (RFC 9052 §4.4).
    ///
    /// `alg` may be in either header bucket but must be the key's algorithm (ES256 for P-256, EdDSA for Ed25519);
    /// `crit` may only name labels this code understands. Signatures are raw (ES256: r‖s, 64 bytes).
    /// - Parameters:
    ///   - publicKey: The signer's key.
    ///   - externalAAD: Externally supplied data bound into the Sig_structure (empty if none).
    /// - Throws: `cose.unsupported-alg` for a missing, non-integer or mismatched `alg`; `cose.unknown-critical` /
    ///   `cose.bad-header` for a bad `crit`; `card.bad-signature` when the signature does not verify.
    func checkSignature(publicKey: IssuerPublicKey, externalAAD: [UInt8] = []) throws(PHRCardError) {
        try headers.checkCritical(understood: coseGenericUnderstoodLabels, context: "COSE_Sign1")
        let alg = try headers.algorithmID(context: "COSE_Sign1")
        guard alg == publicKey.algorithm.rawValue else {
            throw PHRCardError(.unsupportedAlgorithm,
                               "COSE_Sign1: alg \(alg) is not \(publicKey.algorithm.name) (\(publicKey.algorithm.rawValue)), the key's algorithm")
        }
        let tbs = Self.toBeSigned(protectedBytes: headers.structureProtectedBytes, externalAAD: externalAAD,
                                  payload: payload)
        guard publicKey.isValidSignature(signature, for: tbs) else {
            throw PHRCardError(.badSignature, "COSE_Sign1: the signature does not verify")
        }
    }

    /// Whether ``checkSignature(publicKey:externalAAD:)`` succeeds.
    func verify(publicKey: IssuerPublicKey, externalAAD: [UInt8] = []) -> Bool {
        (try? checkSignature(publicKey: publicKey, externalAAD: externalAAD)) != nil
    }
}

extension ECDHES {
    /// COSE_KDF_Context (RFC 9053 §5.2) with no party information and no `other`:
    /// `[AlgorithmID, [null, null, null], [null, null, null], [keyDataLength, protected]]`.
    /// - Parameters:
    ///   - algorithmID: The algorithm the derived key is for: the key wrap algorithm (-3, -4, -5) for ECDH-ES + key
    ///     wrap, or the content algorithm (e.g. 1 for A128GCM) for direct ECDH-ES.
    ///   - keyBits: The derived key's length in bits.
    ///   - recipientProtected: The recipient's protected header bytes as transmitted.
    static func context(algorithmID: Int64, keyBits: Int, recipientProtected: [UInt8]) -> [UInt8] {
        CBOR.array([.int(algorithmID), .array([.null, .null, .null]), .array([.null, .null, .null]),
                    .array([.int(Int64(keyBits)), .byteString(recipientProtected)])]).encoded()
    }

    /// ``context(algorithmID:keyBits:recipientProtected:)`` for an algorithm of the card profile.
    static func context(algorithm: COSEAlgorithm, keyBits: Int, recipientProtected: [UInt8]) -> [UInt8] {
        context(algorithmID: algorithm.rawValue, keyBits: keyBits, recipientProtected: recipientProtected)
    }

    /// HKDF-SHA-256 (salt empty) over the shared secret with the COSE_KDF_Context as info.
    static func deriveKey(sharedSecret: [UInt8], algorithmID: Int64, keyBytes: Int,
                          recipientProtected: [UInt8]) throws(PHRCardError) -> [UInt8] {
        let info = context(algorithmID: algorithmID, keyBits: keyBytes * 8, recipientProtected: recipientProtected)
        do {
            return try HKDFSHA256.deriveKey(inputKeyMaterial: sharedSecret, salt: [], info: info,
                                            outputByteCount: keyBytes)
        } catch {
            throw PHRCardError(.cryptoFailure, "ECDH-ES key derivation failed: \(error.message)", underlying: error.code)
        }
    }
}

extension COSERecipient {
    /// The recipient's algorithm (from either bucket).
    func algorithmID() throws(PHRCardError) -> Int64 {
        try headers.algorithmID(context: "recipient")
    }

    /// The P-256 ephemeral key (`-1`) of an ECDH-ES recipient (full or compressed `y`).
    func ephemeralP256Key() throws(PHRCardError) -> P256.Signing.PublicKey {
        guard let item = headers.value(COSEHeader.ephemeralKey) else {
            throw PHRCardError(.badTier, "recipient: the ephemeral key (-1) is missing")
        }
        return try COSEKey.decodeP256PublicKey(item)
    }

    /// Recovers the content key with a shared symmetric key: `direct` (-6) returns the key itself, A128KW / A192KW /
    /// A256KW (-3, -4, -5) unwrap this recipient's ciphertext with it.
    /// - Throws: `cose.unsupported-alg` for other algorithms, `key.invalid` for a key of the wrong length,
    ///   `tier.malformed` for a non-empty `direct` ciphertext, `tier.unwrap-failed` when the unwrap check fails.
    func contentKey(sharedKey: [UInt8]) throws(PHRCardError) -> [UInt8] {
        let alg = try algorithmID()
        if alg == COSEAlgorithm.direct.rawValue {
            guard ciphertext.isEmpty else {
                throw PHRCardError(.badTier, "recipient: a direct recipient must have an empty ciphertext")
            }
            return sharedKey
        }
        guard let kekLength = COSEAlgorithmID.keyWrapKeyLength(alg) else {
            throw PHRCardError(.unsupportedAlgorithm, "recipient: alg \(alg) is not direct or an AES key wrap")
        }
        guard sharedKey.count == kekLength else {
            throw PHRCardError(.badKey, "recipient: alg \(alg) needs a \(kekLength)-byte key, got \(sharedKey.count)")
        }
        return try Self.unwrap(ciphertext, kek: sharedKey)
    }

    /// Recovers the content key with the recipient's P-256 private key: ECDH-ES + A128KW / A192KW / A256KW
    /// (-29, -30, -31), or ECDH-ES + HKDF-256 direct (-25), whose derived key length is that of `contentAlgorithmID`.
    /// - Throws: `cose.unsupported-alg`, `tier.malformed` (missing or bad ephemeral key), `tier.unwrap-failed`.
    func contentKey(privateKey: P256.KeyAgreement.PrivateKey, contentAlgorithmID: Int64) throws(PHRCardError) -> [UInt8] {
        let alg = try algorithmID()
        let epk = try ephemeralP256Key()
        let secret: [UInt8]
        do { secret = try privateKey.sharedSecret(with: epk) } catch {
            throw PHRCardError(.cryptoFailure, "recipient: ECDH failed: \(error.message)", underlying: error.code)
        }
        if let wrapAlg = COSEAlgorithmID.keyWrapOfECDHES(alg), let kekLength = COSEAlgorithmID.keyWrapKeyLength(wrapAlg) {
            let kek = try ECDHES.deriveKey(sharedSecret: secret, algorithmID: wrapAlg, keyBytes: kekLength,
                                           recipientProtected: headers.protectedBytes)
            return try Self.unwrap(ciphertext, kek: kek)
        }
        guard alg == COSEAlgorithmID.ecdhESHKDF256 else {
            throw PHRCardError(.unsupportedAlgorithm, "recipient: alg \(alg) is not an ECDH-ES algorithm")
        }
        guard let keyLength = COSEAlgorithmID.gcmKeyLength(contentAlgorithmID) else {
            throw PHRCardError(.unsupportedAlgorithm, "recipient: content alg \(contentAlgorithmID) is not AES-GCM")
        }
        guard ciphertext.isEmpty else {
            throw PHRCardError(.badTier, "recipient: an ECDH-ES direct recipient must have an empty ciphertext")
        }
        return try ECDHES.deriveKey(sharedSecret: secret, algorithmID: contentAlgorithmID, keyBytes: keyLength,
                                    recipientProtected: headers.protectedBytes)
    }

    private static func unwrap(_ wrapped: [UInt8], kek: [UInt8]) throws(PHRCardError) -> [UInt8] {
        do { return try AES.KeyWrap.unwrap(wrapped, using: kek) } catch {
            throw PHRCardError(.unwrapFailed, "recipient: the content key does not unwrap: \(error.message)",
                               underlying: error.code)
        }
    }
}

/// AES-GCM content decryption shared by COSE_Encrypt and COSE_Encrypt0.
enum COSEContent {
    /// Decrypts `ciphertext` (with its 16-byte tag) under `headers` (alg A128GCM / A192GCM / A256GCM, 12-byte IV
    /// in label 5) with the given Enc_structure as additional data.
    /// - Throws: `cose.unsupported-alg`, `cose.unknown-critical`, `cose.bad-header` (missing or bad IV, including a
    ///   partial IV only), `key.invalid` (wrong key length), `tier.decrypt-failed` (authentication failure).
    /// - Parameter suppliedIV: the IV when the application derives it instead of carrying it in label 5 (cards,
    ///   spec/format.md §5.1); used only when the headers have no IV.
    static func decrypt(headers: COSEHeaders, ciphertext: [UInt8], cek: [UInt8],
                        additionalData: [UInt8], context: String, suppliedIV: [UInt8]? = nil) throws(PHRCardError) -> [UInt8] {
        try headers.checkCritical(understood: coseGenericUnderstoodLabels, context: context)
        let alg = try headers.algorithmID(context: context)
        guard let keyLength = COSEAlgorithmID.gcmKeyLength(alg) else {
            throw PHRCardError(.unsupportedAlgorithm, "\(context): content alg \(alg) is not A128GCM, A192GCM or A256GCM")
        }
        guard cek.count == keyLength else {
            throw PHRCardError(.badKey, "\(context): alg \(alg) needs a \(keyLength)-byte key, got \(cek.count)")
        }
        guard let ivItem = headers.value(COSEHeader.iv) ?? suppliedIV.map(CBOR.byteString) else {
            throw PHRCardError(.badHeader, "\(context): the IV (5) is missing (a partial IV alone is not supported)")
        }
        guard case .byteString(let iv) = ivItem, iv.count == AES.GCM.nonceByteCount else {
            throw PHRCardError(.badHeader, "\(context): the IV must be a \(AES.GCM.nonceByteCount)-byte string")
        }
        do {
            return try AES.GCM.open(ciphertext, key: cek, nonce: iv, authenticating: additionalData)
        } catch {
            throw PHRCardError(.decryptFailed, "\(context): authenticated decryption failed: \(error.message)",
                               underlying: error.code)
        }
    }
}

extension COSEEncrypt {
    /// Decrypts the content with a recovered content key (RFC 9052 §5.3, context "Encrypt").
    /// - Parameters:
    ///   - cek: The content-encryption key (16, 24 or 32 bytes, matching `alg`).
    ///   - externalAAD: Externally supplied data bound into the Enc_structure (empty if none).
    /// - Throws: see ``COSEContent/decrypt(headers:ciphertext:cek:additionalData:context:)``.
    func decrypt(cek: [UInt8], externalAAD: [UInt8] = [], suppliedIV: [UInt8]? = nil) throws(PHRCardError) -> [UInt8] {
        let aad = Self.additionalData(protectedBytes: headers.structureProtectedBytes, externalAAD: externalAAD)
        return try COSEContent.decrypt(headers: headers, ciphertext: ciphertext, cek: cek, additionalData: aad,
                                       context: "COSE_Encrypt", suppliedIV: suppliedIV)
    }
}
