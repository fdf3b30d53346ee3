import PHRCodecs

/// One recipient of a COSE_Encrypt (RFC 9052 §5.1): headers and the wrapped content key (empty for `direct`).
struct COSERecipient: Sendable {
    var headers: COSEHeaders
    var ciphertext: [UInt8]

    static func parse(_ item: CBOR, context: @autoclosure () -> String) throws(PHRCardError) -> COSERecipient {
        guard case .array(let parts) = item, parts.count == 3 else {
            throw PHRCardError(.badTier, "\(context()): a recipient must be an array of 3 elements")
        }
        let headers = try COSEHeaders.decode(protected: parts[0], unprotected: parts[1], context: context())
        guard case .byteString(let ct) = parts[2] else {
            throw PHRCardError(.badTier, "\(context()): the recipient's ciphertext must be a byte string")
        }
        return COSERecipient(headers: headers, ciphertext: ct)
    }

    func cbor() -> CBOR {
        .array([.byteString(headers.protectedBytes), .map(headers.unprotected), .byteString(ciphertext)])
    }
}

/// A COSE_Encrypt message (RFC 9052 §5.1): tag 96, headers, ciphertext (with the AEAD tag) and recipients.
struct COSEEncrypt: Sendable {
    static let tag: UInt64 = 96

    var headers: COSEHeaders
    var ciphertext: [UInt8]
    var recipients: [COSERecipient]

    /// The Enc_structure used as AEAD additional data (RFC 9052 §5.3), context "Encrypt".
    static func additionalData(protectedBytes: [UInt8], externalAAD: [UInt8]) -> [UInt8] {
        CBOR.array([.textString("Encrypt"), .byteString(protectedBytes), .byteString(externalAAD)]).encoded()
    }

    static func parse(_ item: CBOR, requireTag: Bool = true,
                      context: @autoclosure () -> String) throws(PHRCardError) -> COSEEncrypt {
        var body = item
        if case .tagged(let tag, let inner) = item {
            guard tag == Self.tag else {
                throw PHRCardError(.badTier, "\(context()): expected COSE_Encrypt (tag 96), found tag \(tag)")
            }
            body = inner
        } else if requireTag {
            throw PHRCardError(.badTier, "\(context()): COSE_Encrypt tag 96 missing")
        }
        guard case .array(let parts) = body, parts.count == 4 else {
            throw PHRCardError(.badTier, "\(context()): COSE_Encrypt must be an array of 4 elements")
        }
        let headers = try COSEHeaders.decode(protected: parts[0], unprotected: parts[1], context: context())
        guard case .byteString(let ct) = parts[2] else {
            throw PHRCardError(.badTier, "\(context()): the ciphertext must be a byte string")
        }
        guard case .array(let rs) = parts[3], !rs.isEmpty else {
            throw PHRCardError(.badTier, "\(context()): recipients must be a non-empty array")
        }
        var recipients: [COSERecipient] = []
        for (i, r) in rs.enumerated() {
            recipients.append(try COSERecipient.parse(r, context: "\(context()) recipient \(i)"))
        }
        return COSEEncrypt(headers: headers, ciphertext: ct, recipients: recipients)
    }

    func cbor() -> CBOR {
        .tagged(Self.tag, .array([.byteString(headers.protectedBytes), .map(headers.unprotected),
                                  .byteString(ciphertext), .array(recipients.map { $0.cbor() })]))
    }
}
