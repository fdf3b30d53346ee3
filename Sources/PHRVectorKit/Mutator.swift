import PHRCard

/// Builds altered versions of a card for negative vectors.
struct Mutator {
    let card: IssuedCard
    let issuer: IssuerSigningKey

    struct RecipientParts {
        var protected: [UInt8]
        var unprotected: CBOR
        var wrapped: [UInt8]
    }

    struct TierParts {
        var id: CBOR
        var mask: CBOR
        var protected: [UInt8]
        var unprotected: CBOR
        var ciphertext: [UInt8]
        var recipients: [RecipientParts]
    }

    private var parts: (protected: [UInt8], payload: [UInt8], signature: [UInt8]) {
        guard case .tagged(18, .array(let p)) = try! CBOR.decode(card.bytes),
              case .byteString(let prot) = p[0], case .byteString(let payload) = p[2], case .byteString(let sig) = p[3] else {
            fatalError("base card is not a COSE_Sign1")
        }
        return (prot, payload, sig)
    }

    private static func bstr(_ b: [UInt8]) -> [UInt8] { CBOR.byteString(b).encoded() }

    /// The card with its unprotected header replaced by `raw` CBOR bytes (not re-signed: the header is unsigned).
    func withUnprotected(raw: [UInt8]) -> [UInt8] {
        let p = parts
        return [0xd2, 0x84] + Self.bstr(p.protected) + raw + Self.bstr(p.payload) + Self.bstr(p.signature)
    }

    /// The card with the payload's byte-string header replaced by `header`.
    func withPayloadHeader(_ header: [UInt8]) -> [UInt8] {
        let p = parts
        return [0xd2, 0x84] + Self.bstr(p.protected) + [0xa0] + header + p.payload + Self.bstr(p.signature)
    }

    /// One byte inside the `iss` text changed, signature kept.
    func changingClaimsByte() -> [UInt8] {
        var bytes = card.bytes
        let needle = Array(VectorKeys.issuerID.utf8)
        guard let i = (0...(bytes.count - needle.count)).first(where: { Array(bytes[$0..<$0 + needle.count]) == needle }) else {
            fatalError("issuer id not found")
        }
        bytes[i] = UInt8(ascii: "W")
        return bytes
    }

    /// The ES256 signature replaced by its DER encoding.
    func withDERSignature() -> [UInt8] {
        let p = parts
        func integer(_ v: ArraySlice<UInt8>) -> [UInt8] {
            var b = Array(v.drop(while: { $0 == 0 }))
            if b.isEmpty || b[0] & 0x80 != 0 { b.insert(0, at: 0) }
            return [0x02, UInt8(b.count)] + b
        }
        let body = integer(p.signature[0..<32]) + integer(p.signature[32..<64])
        let der = [0x30, UInt8(body.count)] + body
        return [0xd2, 0x84] + Self.bstr(p.protected) + [0xa0] + Self.bstr(p.payload) + Self.bstr(der)
    }

    /// Signs `payload` under the given protected header (deterministic CBOR) and returns the card bytes.
    func sign(protectedBytes: [UInt8], unprotected: [UInt8] = [0xa0], payload: [UInt8]) throws -> [UInt8] {
        let tbs = CBOR.array([.textString("Signature1"), .byteString(protectedBytes), .byteString([]), .byteString(payload)]).encoded()
        let sig = try issuer.signature(for: tbs)
        return [0xd2, 0x84] + Self.bstr(protectedBytes) + unprotected + Self.bstr(payload) + Self.bstr(sig)
    }

    func resigned(protected: [(Int64, CBOR)], unprotected: [(Int64, CBOR)] = []) throws -> [UInt8] {
        let prot = CBOR.map(protected.map { (CBOR.int($0.0), $0.1) }).encoded()
        let unprot = CBOR.map(unprotected.map { (CBOR.int($0.0), $0.1) }).encoded()
        return try sign(protectedBytes: prot, unprotected: unprot, payload: parts.payload)
    }

    func resignedClaims(_ transform: ([CBOR.Entry]) -> [CBOR.Entry]) throws -> [UInt8] {
        let claims = try CBOR.decode(parts.payload)
        return try sign(protectedBytes: parts.protected, payload: CBOR.map(transform(claims.mapEntries!)).encoded())
    }

    func resignedRawClaims(_ transform: ([CBOR.Entry]) -> [UInt8]) throws -> [UInt8] {
        let claims = try CBOR.decode(parts.payload)
        return try sign(protectedBytes: parts.protected, payload: transform(claims.mapEntries!))
    }

    /// A map written in the given entry order (not sorted).
    func rawMap(_ entries: [CBOR.Entry]) -> [UInt8] {
        [0xa0 + UInt8(entries.count)] + entries.flatMap { $0.key.encoded() + $0.value.encoded() }
    }

    static func tierParts(_ card: IssuedCard, _ index: Int) -> TierParts {
        let claims = try! CBOR.decode(card.claims)
        guard case .array(let tiers)? = claims[CardFormat.tiersClaim], case .array(let t) = tiers[index],
              case .tagged(96, .array(let e)) = t[2], case .byteString(let prot) = e[0], case .byteString(let ct) = e[2],
              case .array(let rs) = e[3] else { fatalError("bad tier") }
        let recipients = rs.map { r -> RecipientParts in
            guard case .array(let p) = r, case .byteString(let rp) = p[0], case .byteString(let w) = p[2] else { fatalError("bad recipient") }
            return RecipientParts(protected: rp, unprotected: p[1], wrapped: w)
        }
        return TierParts(id: t[0], mask: t[1], protected: prot, unprotected: e[1], ciphertext: ct, recipients: recipients)
    }

    /// Rebuilds the claims with tier `index` changed by `modify`, and re-signs.
    func resignedTier(_ index: Int, _ modify: (inout TierParts) throws -> Void) throws -> [UInt8] {
        var claims = try CBOR.decode(card.claims).mapEntries!
        guard let at = claims.firstIndex(where: { $0.key == .int(CardFormat.tiersClaim) }),
              case .array(var tiers) = claims[at].value else { fatalError("no tiers") }
        var t = Self.tierParts(card, index)
        try modify(&t)
        let enc = CBOR.tagged(96, .array([.byteString(t.protected), t.unprotected, .byteString(t.ciphertext),
                                          .array(t.recipients.map { .array([.byteString($0.protected), $0.unprotected, .byteString($0.wrapped)]) })]))
        tiers[index] = .array([t.id, t.mask, enc])
        claims[at] = CBOR.Entry(claims[at].key, .array(tiers))
        return try sign(protectedBytes: parts.protected, payload: CBOR.map(claims).encoded())
    }

    /// Rebuilds the claims with every tier changed by `modify`, and re-signs.
    func resignedTiers(_ modify: (inout [TierParts]) throws -> Void) throws -> [UInt8] {
        var claims = try CBOR.decode(card.claims).mapEntries!
        guard let at = claims.firstIndex(where: { $0.key == .int(CardFormat.tiersClaim) }) else { fatalError("no tiers") }
        var parts = (0..<2).map { Self.tierParts(card, $0) }
        try modify(&parts)
        let tiers: [CBOR] = parts.map { t in
            .array([t.id, t.mask, .tagged(96, .array([.byteString(t.protected), t.unprotected, .byteString(t.ciphertext),
                .array(t.recipients.map { .array([.byteString($0.protected), $0.unprotected, .byteString($0.wrapped)]) })]))])
        }
        claims[at] = CBOR.Entry(claims[at].key, .array(tiers))
        return try sign(protectedBytes: self.parts.protected, payload: CBOR.map(claims).encoded())
    }

    /// Encrypts `plaintext` with tier `index`'s content key, IV and AAD, first padding it with zero bytes to the
    /// tier's original plaintext length, so that the card keeps its size class and padding block (§5.5 T5, §8).
    func reencrypt(tier index: Int, plaintext unpadded: [UInt8]) throws -> [UInt8] {
        let t = card.tiers[index]
        precondition(unpadded.count <= t.paddedPlaintext.count, "re-encrypted plaintext longer than the tier's")
        let plaintext = unpadded + [UInt8](repeating: 0, count: t.paddedPlaintext.count - unpadded.count)
        let aad = CBOR.array([.textString("Encrypt"), .byteString(CBOR.map([(CBOR.int(1), CBOR.int(1))]).encoded()),
                              .byteString(t.externalAAD)]).encoded()
        return try AES.GCM.seal(plaintext, key: t.contentKey, nonce: t.iv, authenticating: aad)
    }
}
