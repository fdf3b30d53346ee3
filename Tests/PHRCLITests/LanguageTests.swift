import PHRCLITestSupport
import Foundation
import PHRCard
import Testing

/// `decode --lang` and `verify --lang`: the officer's language in text output; JSON unchanged.
@Suite("officer's language (--lang)")
struct LanguageTests {
    static let rlm: Character = "\u{200F}", fsi: Character = "\u{2068}", pdi: Character = "\u{2069}"

    @Test func decodeInFrenchTranslatesLabelsButNotCodesDisplays() throws {
        let ws = try Workspace()
        let source = try String(contentsOf: CLI.examples.appendingPathComponent("typical.json"), encoding: .utf8)
        let code = try ws.issue(source, out: "card.png")
        let r = ws.run("decode", "card.png", "--code", code, "--issuer-pub", ws.path("iss.pub"), "--lang", "fr")
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        #expect(out.hasPrefix("PHRCard : carte VALIDE émise par TEST-CLINIC (clé "))
        #expect(out.contains("\nTITULAIRE\n"))
        // Values line up one space after the longest label ("Nationalité:").
        #expect(out.contains("  Nom:         Amina Yusuf\n"))
        #expect(out.contains("  Né(e) le:    14/03/1990\n"))
        #expect(out.contains("  Sexe:        féminin\n"))
        #expect(out.contains("  Nationalité: SO\n"))
        #expect(out.contains("PATHOLOGIES (3)"))
        // The code's display stays as carried; the status and the partial date are the language's.
        #expect(out.contains("Type 2 diabetes mellitus [icd10:E11.9] — active — depuis 2018"))
        #expect(out.contains("Scabies [icd10:B86] — guérie — depuis 04/2023"))
        #expect(out.contains("Penicillin [snomed:764146007] — criticité élevée — réaction : anaphylaxis"))
        #expect(out.contains("\nNon lisible: rien (dossier affiché en entier)\n"))
        #expect(out.range(of: "\nÉmise le [0-9]{2}/[0-9]{2}/[0-9]{4}, expire le [0-9]{2}/[0-9]{2}/[0-9]{4}\n",
                          options: .regularExpression) != nil)
        #expect(!out.contains("Holder") && !out.contains("Not readable"))
    }

    @Test func decodeInArabicIsRightToLeftWithIsolatedValues() throws {
        let ws = try Workspace()
        let code = try ws.issue(Records.minimal, out: "card.txt")
        let r = ws.run("decode", "card.txt", "--code", code, "--issuer-pub", ws.path("iss.pub"), "--lang", "ar")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // Every non-empty line starts with RIGHT-TO-LEFT MARK.
        #expect(lines.allSatisfy { $0.isEmpty || $0.first == Self.rlm })
        #expect(r.stdout.contains("\u{200F}حامل البطاقة\n"))
        #expect(r.stdout.contains("الاسم:") && r.stdout.contains("\u{2068}Amina Yusuf\u{2069}"))
        #expect(r.stdout.contains("\u{2068}14/03/1990\u{2069}"))
        #expect(r.stdout.contains("\u{2068}Penicillin [snomed:764146007]\u{2069} — درجة الخطورة: عالية"))
        // Isolates are balanced on every line.
        for line in lines { #expect(line.filter { $0 == Self.fsi }.count == line.filter { $0 == Self.pdi }.count) }
    }

    @Test func verifyInGermanAndGreekAndJSONIsUnchanged() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.txt")
        let pub = ws.path("iss.pub")
        let de = ws.run("verify", "card.txt", "--issuer-pub", pub, "--lang", "de")
        #expect(de.status == 0, "\(de.stderr)")
        #expect(de.stdout.hasPrefix("GÜLTIG\n  Aussteller:   TEST-CLINIC\n  Schlüssel-ID: "))
        #expect(de.stdout.contains(" UTC\n"))
        let el = ws.run("verify", "card.txt", "--issuer-pub", pub, "--lang", "el")
        #expect(el.stdout.hasPrefix("ΕΓΚΥΡΗ\n"))
        let plain = ws.run("verify", "card.txt", "--issuer-pub", pub, "--json")
        let french = ws.run("verify", "card.txt", "--issuer-pub", pub, "--json", "--lang", "fr")
        #expect(plain.status == 0 && french.status == 0)
        #expect(plain.stdout == french.stdout)
        #expect(plain.stdout.contains("\"verdict\" : \"VALID\"") || plain.stdout.contains("\"verdict\":\"VALID\""))
    }

    @Test func invalidCardVerdictIsTranslated() throws {
        let ws = try Workspace()
        _ = try ws.issue(Records.minimal, out: "card.txt")
        var chars = Array(try ws.readText("card.txt").trimmingCharacters(in: .whitespacesAndNewlines))
        let i = chars.count / 2
        chars[i] = Character(String((Int(String(chars[i]))! + 1) % 10))
        let bad = try ws.write("bad.txt", String(chars) + "\n")
        let r = ws.run("verify", bad, "--issuer-pub", ws.path("iss.pub"), "--lang", "it")
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("NON VALIDA: "))
        #expect(r.stderr.contains("error: card."))   // errors on stderr keep their stable English form
    }

    @Test func decodeJSONDoesNotChangeWithTheLanguage() throws {
        let ws = try Workspace()
        let code = try ws.issue(Records.minimal, out: "card.txt")
        let args = ["decode", "card.txt", "--code", code, "--issuer-pub", ws.path("iss.pub"), "--format", "json"]
        let plain = ws.run(args), arabic = ws.run(args + ["--lang", "ar"])
        #expect(plain.status == 0 && arabic.status == 0)
        #expect(plain.stdoutBytes == arabic.stdoutBytes)
    }

    @Test func unknownLanguageIsAUsageErrorListingTheLanguages() throws {
        let ws = try Workspace()
        let code = try ws.issue(Records.minimal, out: "card.txt")
        for lang in ["xx", "so"] {   // so has card texts only
            let r = ws.run("decode", "card.txt", "--code", code, "--issuer-pub", ws.path("iss.pub"), "--lang", lang)
            #expect(r.status == 2)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("error: usage.unknown-language: no officer texts for language \"\(lang)\""))
            for listed in ["en (English)", "fr (Français)", "ar (العربية)", "el", "it", "hr", "sl", "de (Deutsch)"] {
                #expect(r.stderr.contains(listed))
            }
        }
        #expect(ws.run("verify", "card.txt", "--issuer-pub", ws.path("iss.pub"), "--lang", "xx").status == 2)
    }
}
