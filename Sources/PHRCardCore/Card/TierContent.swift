import PHRCodecs

/// A tier's plaintext pipeline, shared by the issuer and the opener so that both sides apply the same limits:
/// record sections → compact CBOR (§6) → limit check (§12) → raw DEFLATE with the preset dictionary (§7), and
/// back: inflate (bounded) → zero padding (§8.1) → deterministic CBOR within the tier limits → compact decoding.
enum TierContent {
    /// The content and compressed bytes of one tier of `record`.
    /// - Throws: `issue.tier-too-large` when a decoder could not open the result (``TierLimits``), or
    ///   `crypto.failure` if zlib fails.
    static func encode(_ record: HealthRecord, sections: [HealthRecord.Section],
                       tier: Tier) throws(PHRCardError) -> (content: [UInt8], compressed: [UInt8]) {
        let item = CompactRecord.encode(record, sections: sections)
        let content = item.encoded()
        // Never sign a card that a decoder could not open: check its limits on these exact bytes.
        try TierLimits.checkIssuable(content: content, item: item, tier: tier,
                                     sections: sections.filter(record.presentSections.contains))
        do {
            return (content, try Deflate.compress(content, dictionary: PresetDictionary.bytes))
        } catch {
            throw PHRCardError(.cryptoFailure, "compression failed: \(error)")
        }
    }

    /// Decodes a decrypted tier plaintext (compressed content followed by zero padding) into `sections`.
    /// - Throws: `tier.decompress-failed` (cause `deflate.*`), `tier.bad-padding`, `tier.bad-content`
    ///   (cause `cbor.*` when the content is not deterministic CBOR within the limits).
    static func decode(plaintext: [UInt8], allowed: [HealthRecord.Section], tier: Tier,
                       into sections: inout OpenedRecord) throws(PHRCardError) {
        let (content, consumed): ([UInt8], Int)
        do {
            (content, consumed) = try Deflate.decompressPrefix(plaintext, dictionary: PresetDictionary.bytes,
                                                               maxOutputSize: TierLimits.maxInflatedBytes)
        } catch {
            throw PHRCardError(.decompressFailed, "tier \(tier): \(error)", underlying: error.code)
        }
        guard plaintext[consumed...].allSatisfy({ $0 == 0 }) else {
            throw PHRCardError(.badPadding, "tier \(tier): bytes after the compressed content are not zero padding")
        }
        let item: CBOR
        do { item = try CBOR.decode(content, options: TierLimits.cborOptions) } catch {
            throw PHRCardError(.badContent, "tier \(tier): \(error.message)", underlying: error.code)
        }
        // §10.5 D3: every text string is in Unicode NFC (only then does a record have one encoding).
        if let text = firstNonNFCText(item) {
            throw PHRCardError(.badContent, "tier \(tier): the text \(RecordText.quoted(text)) is not in Unicode NFC")
        }
        try CompactRecord.decode(item, allowed: allowed, into: &sections, tier: tier)
        // §10.5 D4: the tier that owns section 1 carries the holder.
        if allowed.contains(.holder) && sections.holder == nil {
            throw PHRCardError(.badContent, "tier \(tier): the holder section (1) is missing; the record requires it")
        }
        // §10.5 D8: exactly one encoding. Re-encoding what was decoded must give back the content bytes, so nothing
        // the decoder skipped (an extra field, a non-canonical form) can pass unnoticed.
        let decoded = sections.record(placeholder: Holder(given: "-"))
        let present = allowed.filter { $0 != .holder || sections.holder != nil }
        guard CompactRecord.encode(decoded, sections: present).encoded() == content else {
            throw PHRCardError(.badContent, "tier \(tier): the content is not the one encoding of what it holds (§6): a field the format does not define, or a value in a form the encoder never writes")
        }
    }

    /// The first text string in `item` (depth first, in order) that is not in Unicode NFC.
    static func firstNonNFCText(_ item: CBOR) -> String? {
        var stack = [item]
        while let node = stack.popLast() {
            switch node {
            case .textString(let s):
                if !RecordText.nfc(s).utf8.elementsEqual(s.utf8) { return s }
            case .array(let a): stack.append(contentsOf: a.reversed())
            case .map(let m): for e in m.reversed() { stack.append(e.value); stack.append(e.key) }
            case .tagged(_, let inner): stack.append(inner)
            default: break
            }
        }
        return nil
    }
}
