// Issue a card: a record, the issuer's signing key, and the readers whose keys receive a tier.
// (DocC article "Issuing a card"; `make test` builds this snippet and PHRCLITests runs it.)
import Foundation
import PHRCardCore

// snippet.keys
// Keys as `phrcard keygen` writes them (PKCS#8 and SPKI PEM):
//   let issuerKey = try IssuerSigningKey(pem: issuerKeyPEM)
//   let borderHealth = try ReaderPublicKey(pem: readerPublicKeyPEM)
// Here, fresh keys made in memory:
let issuerKey = IssuerSigningKey.p256(P256.Signing.PrivateKey())
let borderHealth = ReaderPrivateKey(P256.KeyAgreement.PrivateKey()).publicKey
// snippet.end

// snippet.record
// The record's native JSON (spec/record.md); every problem is listed.
let record = try HealthRecord(jsonData: Array("""
    {
      "holder": {"given": "Amina", "family": "Yusuf",
                 "birthDate": "1990-03-14", "languages": ["so", "ar"]},
      "allergies": [{"code": "snomed:764146007", "text": "Penicillin",
                     "criticality": "high"}],
      "conditions": [{"code": "icd10:E11.9", "status": "active",
                      "text": "Type 2 diabetes mellitus"}]
    }
    """.utf8))
// snippet.end

// snippet.issue
let options = IssueOptions(
    issuerID: "clinic-042",                    // the card's `iss` claim
    issuedAt: Int64(Date().timeIntervalSince1970),
    readers: [ReaderGrant(key: borderHealth, tiers: [.essential])])
let card = try CardIssuer.issue(
    record, signingKey: issuerKey, options: options)

print(card.qrText.prefix(24) + "…")   // what the QR code holds: PHR1:…
print("holder code:", card.holderCode) // for the holder; never store it
print("size:", card.sizeClass)         // class 2 (353 bytes, QR version 14…
// snippet.end

// snippet.hide
precondition(card.qrText.hasPrefix(CardFormat.prefix))
precondition(card.bytes.count == card.sizeClass.cardBytes)
precondition(String(describing: card.holderCode).count == 24)
print("snippet IssueACard: ok")
// snippet.show
