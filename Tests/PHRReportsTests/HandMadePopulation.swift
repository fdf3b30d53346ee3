import Foundation
import PHRCard
@testable import PHRReports

/// Eight people written by hand, and the figures expected from them, worked out by hand from the records (see the
/// comments on each record). Reference date 2026-12-01.
enum HandMade {
    static let asOf = ReportDate(year: 2026, month: 12, day: 1)

    static let lines: [String] = [
        // R1: female, 8 months old (<1), SY; HepB birth dose (not "complete": under 1 has no schedule).
        #"{"holder":{"given":"R1","birthDate":"2026-03-10","sex":"female","nationality":"SY"},"immunizations":[{"code":"cvx:08","date":"2026-03-11","dose":1}]}"#,
        // R2: male, 2 years (1–4), SY; MMR ×2 (MCV complete at 2), DTaP-IPV-Hib-HepB ×3 (DTP, polio, HepB complete).
        #"{"holder":{"given":"R2","birthDate":"2024-11-15","sex":"male","nationality":"SY"},"immunizations":[{"code":"cvx:03","dose":1},{"code":"cvx:03","dose":2},{"code":"cvx:146","dose":1},{"code":"cvx:146","dose":2},{"code":"cvx:146","dose":3}]}"#,
        // R3: female, born June 2025 (counts as the 15th: age 1, band 1–4), AF; MMRV ×1 (MCV complete at 1), DTaP ×2 (not complete).
        #"{"holder":{"given":"R3","birthDate":"2025-06","sex":"female","nationality":"AF"},"immunizations":[{"code":"cvx:94","dose":1},{"code":"cvx:20","dose":1},{"code":"cvx:20","dose":2}]}"#,
        // R4: female, 36 (30–39), SO; Td recorded as dose 3 only (DTP complete), COVID ×2, one MMR by ATC (MCV 1 of 2);
        // TB IGRA positive, HIV negative; PTSD active (V mental), scabies resolved (not current); pregnant, due 2027-02;
        // penicillin allergy.
        #"{"holder":{"given":"R4","birthDate":"1990-03-14","sex":"female","nationality":"SO"},"allergies":[{"code":"snomed:764146007"}],"conditions":[{"code":"icd10:F43.1","status":"active"},{"code":"icd10:B86","status":"resolved"}],"immunizations":[{"code":"cvx:09","dose":3},{"code":"cvx:510","date":"2021-09-14","dose":1},{"code":"cvx:510","date":"2021-10-19","dose":2},{"code":"atc:J07BD52","dose":1}],"results":[{"code":"loinc:71773-6","value":"positive","date":"2024-01-10"},{"code":"loinc:56888-1","value":"negative"}],"pregnancy":{"status":"pregnant","dueDate":"2027-02"}}"#,
        // R5: male, born 1985 (counts as 1985-07-15: 41, band 40–49), no nationality; HBsAg "Reactive" (positive),
        // HCV antibody "indeterminate" (screened, not positive); PTSD in ICD-11 without status (current, V mental),
        // diabetes (IV endocrine), a text-only condition (not coded in ICD); one alert.
        #"{"holder":{"given":"R5","birthDate":"1985","sex":"male"},"conditions":[{"code":"icd11:6B40"},{"code":"icd10:E11.9","status":"active"},{"text":"Back pain","status":"active"}],"results":[{"code":"loinc:5196-1","value":"Reactive"},{"code":"loinc:13955-0","value":"indeterminate"}],"alerts":[{"text":"Difficult airway"}]}"#,
        // R6: sex not recorded, born 2000-12-02 (25 on 2026-12-01: band 20–29), ER; "no known allergy" (not an
        // allergy); pregnancy due 2026-11 (past: not current); syphilis RPR non-reactive.
        #"{"holder":{"given":"R6","birthDate":"2000-12-02","nationality":"ER"},"allergies":[{"code":"snomed:716186003"}],"results":[{"code":"loinc:20507-0","value":"non-reactive"}],"pregnancy":{"status":"pregnant","dueDate":"2026-11"}}"#,
        // R7: sex other, no birth date (age unknown), UA; HepB ×3 (≥1 dose; complete not defined without an age);
        // anaemia in pregnancy (XV) and latent TB with status recurrence (XXI factors).
        #"{"holder":{"given":"R7","sex":"other","nationality":"UA"},"conditions":[{"code":"icd10:O99.0","status":"active"},{"code":"icd10:Z22.7","status":"recurrence"}],"immunizations":[{"code":"cvx:43","dose":1},{"code":"cvx:43","dose":2},{"code":"cvx:43","dose":3}]}"#,
        // R8: female, 76 (65+), SY; nothing else.
        #"{"holder":{"given":"R8","birthDate":"1950-01-01","sex":"female","nationality":"SY"}}"#,
    ]

    /// Two bad lines and a blank line (skipped, not counted).
    static let badLines = [
        #"{"holder":{"given":"Bad","birthDate":"2023-13-01"}}"#,
        "",
        "this is not json",
    ]

    static var jsonLines: String { (lines + badLines).joined(separator: "\n") + "\n" }

    static func counts() throws -> PopulationCounts {
        var counts = PopulationCounts(asOf: asOf)
        for line in lines { counts.add(try HealthRecord(jsonData: Array(line.utf8))) }
        return counts
    }
}
