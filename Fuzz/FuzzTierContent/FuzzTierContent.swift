@testable import PHRCard
import FuzzSupport

/// Fuzz target: what a tier holds after decryption — raw DEFLATE with the preset dictionary, strict CBOR, compact
/// record decoding (every section allowed). Unreachable through card mutations (AES-GCM rejects them), hence
/// this target (it needs `-enable-testing`, see `make fuzz`). Oracles: a decoded record validates and encodes back
/// to the same compact CBOR.
func fuzzTierContent(_ plaintext: [UInt8]) {
    guard let content = try? Deflate.decompress(plaintext, dictionary: PresetDictionary.bytes,
                                                maxOutputSize: CardFormat.maxInflatedTierBytes),
          let item = try? CBOR.decode(content, options: .strict) else { return }
    var sections = DecodedSections()
    guard (try? CompactRecord.decode(item, allowed: HealthRecord.Section.allCases, into: &sections, tier: .essential)) != nil,
          let holder = sections.holder else { return }
    let record = HealthRecord(holder: holder, allergies: sections.allergies, conditions: sections.conditions,
                              medications: sections.medications, immunizations: sections.immunizations,
                              results: sections.results, vitals: sections.vitals, pregnancy: sections.pregnancy,
                              notes: sections.notes)
    precondition(record.validate().isEmpty, "tier content decoded to an invalid record: \(record.validate())")
    let again = CompactRecord.encode(record, sections: HealthRecord.Section.allCases).encoded()
    precondition(again == content, "decoded tier content \(content.hexString) re-encodes to \(again.hexString)")
}

@main enum FuzzTierContentMain {
    static func main() { FuzzMain.run(fuzzTierContent) }
}
