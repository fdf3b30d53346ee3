import PHRCodecs

/// A COSE_Sign1 message (RFC 9052 §4.2), as it appears on a card: tag 18, protected header bytes, unprotected
/// header, an embedded payload and a signature.
package struct COSESign1: Sendable {
    package static let tag: UInt64 = 18

    package var headers: COSEHeaders
    package var payload: [UInt8]
    package var signature: [UInt8]

    package init(headers: COSEHeaders, payload: [UInt8], signature: [UInt8]) {
        self.headers = headers
        self.payload = payload
        self.signature = signature
    }

    /// The Sig_structure that is signed (RFC 9052 §4.4) for context "Signature1".
    package static func toBeSigned(protectedBytes: [UInt8], externalAAD: [UInt8] = [], payload: [UInt8]) -> [UInt8] {
        CBOR.array([.textString("Signature1"), .byteString(protectedBytes), .byteString(externalAAD),
                    .byteString(payload)]).encoded()
    }

    package func toBeSigned(externalAAD: [UInt8] = []) -> [UInt8] {
        Self.toBeSigned(protectedBytes: headers.protectedBytes, externalAAD: externalAAD, payload: payload)
    }

    /// Parses a COSE_Sign1 from a decoded CBOR item.
    /// - Parameter requireTag: whether tag 18 must be present (cards: yes).
    package static func parse(_ item: CBOR, requireTag: Bool = true) throws(PHRCardError) -> COSESign1 {
        var body = item
        if case .tagged(let tag, let inner) = item {
            guard tag == Self.tag else {
                throw PHRCardError(.notSign1, "expected COSE_Sign1 (tag 18), found tag \(tag)")
            }
            body = inner
        } else if requireTag {
            throw PHRCardError(.notSign1, "the card is not tagged as COSE_Sign1 (tag 18 missing)")
        }
        guard case .array(let parts) = body, parts.count == 4 else {
            throw PHRCardError(.notSign1, "COSE_Sign1 must be an array of 4 elements")
        }
        let headers = try COSEHeaders.decode(protected: parts[0], unprotected: parts[1], context: "COSE_Sign1")
        guard case .byteString(let payload) = parts[2] else {
            throw PHRCardError(.notSign1, "COSE_Sign1 payload must be an embedded byte string")
        }
        guard case .byteString(let signature) = parts[3] else {
            throw PHRCardError(.notSign1, "COSE_Sign1 signature must be a byte string")
        }
        return COSESign1(headers: headers, payload: payload, signature: signature)
    }

    /// The tagged CBOR item.
    package func cbor() -> CBOR {
        .tagged(Self.tag, .array([.byteString(headers.protectedBytes), .map(headers.unprotected),
                                  .byteString(payload), .byteString(signature)]))
    }
}
