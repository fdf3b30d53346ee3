// Open a verified card: every tier with the holder code, or a reader's tiers with its private key.
// (DocC article "Opening a card"; `make test` builds this snippet and PHRCLITests runs it.)
import Foundation
import PHRCardCore

// snippet.hide
let issuerKey = IssuerSigningKey.p256(P256.Signing.PrivateKey())
let readerKey = ReaderPrivateKey(P256.KeyAgreement.PrivateKey())
let now = Int64(Date().timeIntervalSince1970)
let issued = try CardIssuer.issue(
    try HealthRecord(jsonData: Array("""
        {"holder": {"given": "Amina", "family": "Yusuf", "birthDate": "1990-03-14"},
         "allergies": [{"code": "snomed:764146007", "text": "Penicillin", "criticality": "high"}],
         "conditions": [{"code": "icd10:E11.9", "text": "Type 2 diabetes mellitus", "status": "active"}]}
        """.utf8)),
    signingKey: issuerKey,
    options: IssueOptions(issuerID: "clinic-042", issuedAt: now,
                          readers: [ReaderGrant(key: readerKey.publicKey, tiers: [.essential])]))
let typedCode = issued.holderCode.description          // as the holder reads it out: 1234-5678-9012-3456-7890
let verified = try CardVerifier.verify(text: issued.qrText, trusting: [TrustedIssuer(key: issuerKey.publicKey)], at: now)
let anotherCardsCode = HolderCode().description
// snippet.show

// snippet.holder-code
// The holder code opens every tier; spaces and hyphens are ignored.
let everything = try verified.open(holderCode: typedCode)
if let record = everything.record {
    print(record.holder.given ?? "", record.conditions?.count ?? 0)
    let json = record.jsonData()         // the record's native JSON
    print(json.count, "bytes of JSON")
}
// snippet.end

// snippet.reader-key
// A reader key opens the tiers encrypted to it; the others stay closed.
//   let readerKey = try ReaderPrivateKey(pem: readerKeyPEM)
let essential = try verified.open(readerKey: readerKey)
print("opened:", essential.openedTiers, "closed:", essential.closedTiers)
print("allergies:", essential.allergies?.compactMap(\.text) ?? [])
print("conditions:", essential.conditions == nil ? "closed" : "opened")
// snippet.end

// snippet.errors
do {
    _ = try verified.open(holderCode: anotherCardsCode)
} catch {
    switch error.code {
    case .holderCodeFormat, .holderCodeMistyped:
        print("check the code and type it again:", error.message)
    case .holderCodeWrong:
        print("this code belongs to another card")
    default:
        print("the card cannot be opened: \(error.code): \(error.message)")
    }
}
// snippet.end

// snippet.hide
precondition(everything.closedTiers.isEmpty && everything.record?.allergies?.count == 1)
precondition(essential.openedTiers == [.essential] && essential.closedTiers == [.clinical])
precondition(essential.holder?.family == "Yusuf" && essential.conditions == nil)
func code(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch let error as PHRCardError { return error.code.rawValue } catch { return "?" }
}
precondition(code { _ = try verified.open(holderCode: anotherCardsCode) } == PHRCardError.Code.holderCodeWrong.rawValue)
precondition(code { _ = try verified.open(holderCode: "0000-0000-0000-0000-0000") }
             == PHRCardError.Code.holderCodeMistyped.rawValue)
let other = ReaderPrivateKey(P256.KeyAgreement.PrivateKey())
precondition(code { _ = try verified.open(readerKey: other) } == PHRCardError.Code.noRecipient.rawValue)
print("snippet OpenACard: ok")
// snippet.show
