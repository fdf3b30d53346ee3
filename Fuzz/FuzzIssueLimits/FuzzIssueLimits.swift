@testable import PHRCardCore
import FuzzSupport

/// Fuzz target: no valid record yields a tier that a decoder cannot open (spec/format.md §10.1 step 4, §12).
///
/// Input: byte 0 = entries per list section (0…64, every present list is cycled up to it), byte 1 = tier policy
/// (0 default, 1 all essential, 2 all clinical), bytes 2–3 = a text length (0…500: every free text is repeated up
/// to it), the rest = record JSON. Small inputs thus reach the limits: 64 entries × long repetitive texts × one
/// tier. Oracle, per tier: the issuer's pipeline either refuses with `issue.tier-too-large` and the decoder's own
/// cause, or the opener's pipeline returns exactly the tier's sections.
func fuzzIssueLimits(_ bytes: [UInt8]) {
    guard bytes.count > 4, var record = try? HealthRecord(jsonData: Array(bytes[4...])) else { return }
    let count = Int(bytes[0]) % (RecordLimits.maxEntriesPerSection + 1)
    let length = (Int(bytes[2]) << 8 | Int(bytes[3])) % (RecordLimits.maxTextBytes + 1)
    func cycle<T>(_ l: [T]?) -> [T]? {
        guard let l, !l.isEmpty else { return l }
        return (0..<count).map { l[$0 % l.count] }
    }
    func long(_ t: String?) -> String? {
        guard let t, length > 0 else { return t }
        var s = t
        while (s + " " + t).utf8.count <= length { s += " " + t }
        return s
    }
    record.allergies = cycle(record.allergies)?.map { var a = $0; a.reaction = long(a.reaction); return a }
    record.conditions = cycle(record.conditions)
    record.medications = cycle(record.medications)?.map { var m = $0; m.dosage = long(m.dosage); return m }
    record.immunizations = cycle(record.immunizations)
    record.results = cycle(record.results)?.map { var r = $0; r.value = long(r.value); return r }
    record.vitals = cycle(record.vitals)
    record.procedures = cycle(record.procedures)
    record.devices = cycle(record.devices)
    record.alerts = cycle(record.alerts)
    guard record.validate().isEmpty else { return }
    var policy = TierPolicy.default
    if bytes[1] % 3 != 0 {
        for s in HealthRecord.Section.allCases { policy.assign(s, to: bytes[1] % 3 == 1 ? .essential : .clinical) }
    }
    for tier in Tier.allCases {
        let sections = policy.sections(in: tier)
        let content = CompactRecord.encode(record, sections: sections).encoded()
        guard let compressed = try? Deflate.compress(content, dictionary: PresetDictionary.bytes) else {
            preconditionFailure("compression failed")
        }
        var decoded = OpenedRecord()
        var decodeError: PHRCardError?
        do { try TierContent.decode(plaintext: compressed, allowed: sections, tier: tier, into: &decoded) } catch {
            decodeError = error
        }
        do {
            _ = try TierContent.encode(record, sections: sections, tier: tier)
            precondition(decodeError == nil, "issue accepted a tier that a decoder rejects: \(decodeError!)")
            let back = HealthRecord(holder: decoded.holder ?? record.holder, allergies: decoded.allergies,
                                    conditions: decoded.conditions, medications: decoded.medications,
                                    immunizations: decoded.immunizations, results: decoded.results,
                                    vitals: decoded.vitals, pregnancy: decoded.pregnancy, notes: decoded.notes,
                                    procedures: decoded.procedures, devices: decoded.devices, alerts: decoded.alerts)
            precondition(back == record.keepingOnly(Set(sections)), "tier \(tier) does not decode to its sections")
        } catch {
            precondition(error.code == .tierTooLarge, "issue failed with \(error)")
            precondition(decodeError?.underlyingCode == error.underlyingCode,
                         "issue refused (\(error.underlyingCode ?? "-")) what a decoder does with \(decodeError.map { "\($0)" } ?? "success")")
        }
    }
}

@main enum FuzzIssueLimitsMain {
    static func main() { FuzzMain.run(fuzzIssueLimits) }
}
