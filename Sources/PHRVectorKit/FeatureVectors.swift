import Foundation
import PHRCard

/// Valid vectors for features the sample records do not reach (issue 12 §3): procedures, devices and alerts; codes
/// of a registered non-default system (`[id, value]`) and of an unregistered one (`[name, value]`); a text date after
/// 2079-06-06; a reader that receives only the clinical tier; empty lists; a `crit` header; every section in the
/// essential tier; a record whose tier inflates far beyond its compressed size (the defect of issue 12 §1).
enum FeatureVectors {
    static func record(_ json: String) -> [UInt8] { Array(json.utf8) }

    static let holder = #""holder":{"given":"Ada","family":"Vector","birthDate":"1990-01-01","sex":"female"}"#

    static func all() throws -> [VectorGenerator.Vector] {
        let r1 = VectorKeys.readers[0], r2 = VectorKeys.readers[1]
        let ed = VectorKeys.issuerEd25519
        var out: [VectorGenerator.Vector] = []
        out.append(try VectorGenerator.valid(
            name: "valid-feature-procedures-devices-alerts",
            description: "Procedures (section 10), devices (11) and alerts (12, essential tier): snomed codes as bare integers, a standard display as true, every status and severity value.",
            record: record("{" + holder + #","procedures":[{"code":"snomed:80146002","text":"Appendectomy","date":"2015-06","status":"completed"},{"text":"Wound dressing","status":"in-progress"},{"text":"Planned hernia repair","status":"not-done"}],"devices":[{"code":"snomed:14106009","text":"Cardiac pacemaker","since":"2019-02-01"}],"alerts":[{"code":"snomed:409822003","text":"Infection control precautions","since":"2024-01","severity":"high"},{"text":"No blood products","severity":"low"}]}"#),
            issuer: ed, readers: [("reader-1", r1, [.essential])]))
        out.append(try VectorGenerator.valid(
            name: "valid-feature-code-systems",
            description: "Codes of a registered system other than the section's default ([id, value]: snomed and icd11 conditions, rxnorm medication, loinc-form and text values) and of unregistered systems ([name, value]).",
            record: record("{" + holder + #","conditions":[{"code":"snomed:44054006","text":"Diabetes type 2"},{"code":"icd11:5A11","text":"Type 2 diabetes mellitus"},{"code":"local:DM-2","text":"Diabetes (clinic list)"}],"medications":[{"code":"rxnorm:860975","text":"Metformin 500 mg"},{"code":"x-pharmacy.v2:A:17","text":"Local product"}],"results":[{"code":"loinc:4548-4","text":"HbA1c","value":"7.4 %","date":"2024-02-01"},{"code":"snomed:0","text":"Zero code","value":"n/a"}]}"#),
            issuer: ed, readers: [("reader-1", r1, [.essential])]))
        out.append(try VectorGenerator.valid(
            name: "valid-feature-dates",
            description: "Dates in every form: 1900-01-01 (day 0), 2079-06-06 (day 65535, the last integer date), 2079-06-07 and 2150-12-31 (text form), year-only and year-month partial dates, 29 February of a leap year.",
            record: record(#"{"holder":{"given":"Ada","birthDate":"1900-01-01"},"immunizations":[{"code":"cvx:03","date":"2079-06-06"},{"code":"cvx:03","date":"2079-06-07"},{"text":"Booster","date":"2150-12-31","dose":99},{"text":"Yellow fever","date":"1990","country":"ET"},{"text":"Polio","date":"2024-02-29"},{"text":"BCG","date":"2150-12"}]}"#),
            issuer: ed, readers: [("reader-1", r1, [.essential])]))
        out.append(try VectorGenerator.valid(
            name: "valid-feature-reader-clinical-only",
            description: "reader-2 receives only the clinical tier: it opens conditions and notes but not the holder section; the holder code opens both tiers.",
            record: record("{" + holder + #","allergies":[{"text":"Peanuts","criticality":"high"}],"conditions":[{"code":"icd10:E11.9","text":"Type 2 diabetes mellitus","status":"active"}],"notes":"Clinical tier only for reader-2."}"#),
            issuer: ed, readers: [("reader-2", r2, [.clinical])]))
        out.append(try VectorGenerator.valid(
            name: "valid-feature-empty-lists",
            description: "Every list section present and empty ([]: recorded as none), kept apart from absent sections.",
            record: record("{" + holder + #","allergies":[],"conditions":[],"medications":[],"immunizations":[],"results":[],"vitals":[],"procedures":[],"devices":[],"alerts":[]}"#),
            issuer: ed, readers: [("reader-1", r1, [.essential])]))
        out.append(try VectorGenerator.valid(
            name: "valid-feature-crit-header",
            description: "The COSE_Sign1 protected header lists crit [1, 4] (both understood): verifiers accept it (§3.1 S3–S5).",
            record: record("{" + holder + "}"), issuer: ed, readers: [("reader-1", r1, [.essential])], critical: [1, 4]))
        var all = TierPolicy.default
        for s in HealthRecord.Section.allCases { all.assign(s, to: .essential) }
        out.append(try VectorGenerator.valid(
            name: "valid-feature-all-sections-essential",
            description: "Every section in the essential tier (mask 4095); the clinical tier has mask 0 and empty content ({}), still present and padded to the class.",
            record: record("{" + holder + #","allergies":[{"text":"Peanuts"}],"vitals":[{"date":"2024-03-01","heightCm":165,"weightKg":61.25,"bpSystolic":120,"bpDiastolic":80}],"pregnancy":{"status":"pregnant","dueDate":"2024-09-15"},"notes":"All in one tier.\nSecond line\twith a tab."}"#),
            issuer: ed, readers: [("reader-1", r1, [.essential])], policy: all))
        // The defect of issue 12 §1: 64 allergies with a 500-byte reaction each compress into a small card but inflate
        // to about 33 KB, more than the old 32,768-byte limit; with the v1 limit of 65,536 the card opens.
        let reaction = String(repeating: "generalised urticaria and angioedema ", count: 14).prefix(500)
            .trimmingCharacters(in: .whitespaces)
        let allergies = (0..<64).map { _ in #"{"text":"Penicillin","criticality":"high","reaction":"\#(reaction)"}"# }
        out.append(try VectorGenerator.valid(
            name: "valid-feature-large-inflated-tier",
            description: "64 allergies with the same long reaction: the essential tier inflates to more than 32 KB from a few hundred compressed bytes; decoders must accept up to 65,536 inflated bytes (§7, §12).",
            record: record("{" + holder + #","allergies":["# + allergies.joined(separator: ",") + "]}"),
            issuer: ed, readers: [("reader-1", r1, [.essential])]))
        return out
    }
}
