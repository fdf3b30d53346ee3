import PHRCodecs

/// The COSE_Sign1 envelope shared by trust lists and revocation lists (spec/trust.md §2): tag 18, protected header
/// `{1: alg, 4: kid}` naming the signing key, an empty unprotected header, an embedded payload and a raw 64-byte
/// signature. Unlike cards, these objects can be large, so the size limits are the caller's.
enum SignedEnvelope {
    /// Signs `payload` with `key`; the protected header names the key's algorithm and kid.
    static func sign(payload: [UInt8], with key: IssuerSigningKey) throws(PHRCardError) -> [UInt8] {
        let protected = CBOR.intMap([(COSEHeader.alg, .int(key.algorithm.rawValue)),
                                     (COSEHeader.kid, .byteString(key.publicKey.kid.bytes))]).encoded()
        let tbs = COSESign1.toBeSigned(protectedBytes: protected, payload: payload)
        let signature = try key.signature(for: tbs)
        return COSESign1(headers: COSEHeaders(protectedBytes: protected, protected: [], unprotected: []),
                         payload: payload, signature: signature).cbor().encoded()
    }

    /// A parsed envelope whose signature has not been checked yet.
    struct Parsed {
        let sign1: COSESign1
        let algorithm: COSEAlgorithm
        let kid: KeyID

        /// Whether the signature verifies under `key` (whose algorithm must match the header's).
        func isSigned(by key: IssuerPublicKey) -> Bool {
            key.algorithm == algorithm && key.kid == kid && key.isValidSignature(sign1.signature, for: sign1.toBeSigned())
        }
    }

    /// Parses the envelope strictly; every failure is reported with `code` and `what` ("trust list", …).
    static func parse(_ bytes: [UInt8], maxBytes: Int, maxItems: Int, code: PHRCardError.Code,
                      what: String) throws(PHRCardError) -> Parsed {
        guard bytes.count <= maxBytes else {
            throw PHRCardError(code, "the \(what) is \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        let item: CBOR
        do {
            item = try CBOR.decode(bytes, options: CBORDecodingOptions(
                requireDeterministic: true, allowIndefiniteLength: false, maxDepth: 4, maxItems: 16, maxInputSize: maxBytes))
        } catch {
            throw PHRCardError(code, "\(what): \(error.description)", underlying: error.code)
        }
        let sign1: COSESign1
        do { sign1 = try COSESign1.parse(item, requireTag: true) } catch {
            throw PHRCardError(code, "\(what): \(error.message)", underlying: error.code.rawValue)
        }
        let h = sign1.headers
        guard h.unprotected.isEmpty else { throw PHRCardError(code, "\(what): the unprotected header must be empty") }
        let allowed: Set<CBOR> = [.int(COSEHeader.alg), .int(COSEHeader.kid)]
        if let other = h.protected.first(where: { !allowed.contains($0.key) }) {
            throw PHRCardError(code, "\(what): protected header label \(other.key) is not allowed")
        }
        guard let algValue = h.protectedValue(COSEHeader.alg)?.intValue, let alg = COSEAlgorithm(rawValue: algValue),
              alg == .es256 || alg == .edDSA else {
            throw PHRCardError(code, "\(what): the protected header must give alg ES256 (-7) or EdDSA (-8)")
        }
        guard case .byteString(let kidBytes)? = h.protectedValue(COSEHeader.kid), let kid = KeyID(bytes: kidBytes) else {
            throw PHRCardError(code, "\(what): the protected header must give an 8-byte kid")
        }
        guard sign1.signature.count == 64 else {
            throw PHRCardError(code, "\(what): the signature is \(sign1.signature.count) bytes, not a raw 64-byte value")
        }
        return Parsed(sign1: sign1, algorithm: alg, kid: kid)
    }

    /// Decodes a payload map with integer keys, rejecting keys outside `known`.
    static func payloadMap(_ payload: [UInt8], known: Set<Int64>, maxBytes: Int, maxItems: Int,
                           code: PHRCardError.Code, what: String) throws(PHRCardError) -> CBOR {
        let item: CBOR
        do {
            item = try CBOR.decode(payload, options: CBORDecodingOptions(
                requireDeterministic: true, allowIndefiniteLength: false, maxDepth: 6, maxItems: maxItems,
                maxInputSize: maxBytes))
        } catch {
            throw PHRCardError(code, "\(what) payload: \(error.description)", underlying: error.code)
        }
        try checkKeys(item, known: known, code: code, path: what)
        return item
    }

    /// Checks that `item` is a map whose keys are all integers in `known`.
    static func checkKeys(_ item: CBOR, known: Set<Int64>, code: PHRCardError.Code, path: String) throws(PHRCardError) {
        guard let entries = item.mapEntries else { throw PHRCardError(code, "\(path) is not a map") }
        for e in entries {
            guard let k = e.key.intValue, known.contains(k) else {
                throw PHRCardError(code, "\(path): key \(e.key) is not allowed")
            }
        }
    }
}
