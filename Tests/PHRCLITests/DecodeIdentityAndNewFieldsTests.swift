import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

/// `decode` text output of the v1-final members: unknown and self-declared identity shown plainly, and the new
/// allergy, medication, result and vital-sign fields.
@Suite("decode: identity and v1-final fields")
struct DecodeIdentityAndNewFieldsTests {
    @Test func unknownIdentitySampleIsShownPlainly() throws {
        let ws = try Workspace()
        let source = try String(contentsOf: CLI.examples.appendingPathComponent("unknown-identity.json"), encoding: .utf8)
        let code = try ws.issue(source, out: "card.txt")
        let text = ws.run("decode", "card.txt", "--code", code, "--issuer-pub", ws.path("iss.pub"))
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map { String($0) }
        for expected in [
            "  Name:        Yonas (self-declared)",
            "  Born:        birth date unknown",
            "  Sex:         male",
            "  Nationality: ER (self-declared)",
            "  Allergy to peanut [snomed:91935009] — food — criticality high — reaction: urticaria; lip swelling — severity moderate",
            "  Permethrin [atc:P03AC04] — 5 % cream, whole body, repeat after 7 days — since 2026-11-28 — active",
            "  Rifampicin [atc:J04AB02] — not taken",
            "  2026-11-28 — Hemoglobin [loinc:718-7] — = 10.9 g/dL — low — range 13.0-17.0 g/dL",
            "  2026-11-28 — height 162 cm — weight 47.5 kg — BP 112/70 mmHg — temperature 38.1 °C — heart rate 96/min"
                + " — respiratory rate 18/min — SpO2 98 % — BMI 18.1",
        ] {
            #expect(lines.contains(expected), "missing line: \(expected)\n\(text.stdout)")
        }
        let json = ws.run("decode", "card.txt", "--code", code, "--issuer-pub", ws.path("iss.pub"), "--format", "json")
        #expect(try HealthRecord(jsonData: json.stdoutBytes) == HealthRecord(jsonData: Array(source.utf8)))
    }

    @Test func unknownNameIsShownAsNameUnknown() throws {
        let ws = try Workspace()
        let code = try ws.issue(#"{"holder": {"sex": "female", "unknown": ["name"]}}"#, out: "card.txt")
        let text = ws.run("decode", "card.txt", "--code", code, "--issuer-pub", ws.path("iss.pub"))
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("  Name:        name unknown\n"))
        #expect(!text.stdout.contains("Born:"))
    }
}
