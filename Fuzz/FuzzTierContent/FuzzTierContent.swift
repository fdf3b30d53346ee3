@testable import PHRCardCore
import FuzzSupport

/// Fuzz target: what a tier holds after decryption — raw DEFLATE with the preset dictionary, strict CBOR, compact
/// record decoding (every section allowed). Unreachable through card mutations (AES-GCM rejects them), hence
/// this target (it needs `-enable-testing`, see `make fuzz`). Oracles: a decoded record validates and encodes back
/// to the same compact CBOR.
func fuzzTierContent(_ plaintext: [UInt8]) {
    // The opener's own pipeline (bounded inflate, padding, CBOR within the tier limits, NFC, compact decoding,
    // holder presence, canonical re-encoding), every section allowed.
    var sections = OpenedRecord()
    guard (try? TierContent.decode(plaintext: plaintext, allowed: HealthRecord.Section.allCases, tier: .essential,
                                   into: &sections)) != nil, let holder = sections.holder else { return }
    let record = HealthRecord(holder: holder, allergies: sections.allergies, conditions: sections.conditions,
                              medications: sections.medications, immunizations: sections.immunizations,
                              results: sections.results, vitals: sections.vitals, pregnancy: sections.pregnancy,
                              notes: sections.notes, procedures: sections.procedures, devices: sections.devices,
                              alerts: sections.alerts)
    precondition(record.validate().isEmpty, "tier content decoded to an invalid record: \(record.validate())")
    // Whatever opens must also be issuable: the issuer's limit check accepts it and encodes the same bytes.
    guard let (content, _) = try? TierContent.encode(record, sections: HealthRecord.Section.allCases, tier: .essential) else {
        preconditionFailure("decoded tier content is refused by the issuer")
    }
    let inflated = try? Deflate.decompressPrefix(plaintext, dictionary: PresetDictionary.bytes,
                                                 maxOutputSize: TierLimits.maxInflatedBytes).output
    precondition(inflated == content, "decoded tier content re-encodes to different bytes")
}

@main enum FuzzTierContentMain {
    static func main() { FuzzMain.run(fuzzTierContent) }
}
