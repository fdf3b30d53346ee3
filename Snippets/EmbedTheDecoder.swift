// The decoder inside another app: card text in (from the app's own camera or scanner), opened record out.
// (DocC article "Embedding the decoder"; `make test` builds this snippet and PHRCLITests runs it.)
import Foundation
import PHRCardCore

// snippet.decoder
/// What a border-check app keeps: its reader key and the trusted
/// issuers, loaded once.
struct CardDecoder {
    let readerKey: ReaderPrivateKey
    let issuers: [TrustedIssuer]

    /// Verifies and opens one card text. Every failure is a
    /// `PHRCardError` with a stable code.
    func decode(_ cardText: String,
                at time: Int64 = Int64(Date().timeIntervalSince1970))
        throws(PHRCardError) -> OpenedCard {
        let card = try CardVerifier.verify(
            text: cardText, trusting: issuers, at: time)
        return try card.open(readerKey: readerKey)
    }
}
// snippet.end

// snippet.hide
let issuerKey = IssuerSigningKey.p256(P256.Signing.PrivateKey())
let readerPrivateKey = ReaderPrivateKey(P256.KeyAgreement.PrivateKey())
let issued = try CardIssuer.issue(
    try HealthRecord(jsonData: Array(#"{"holder": {"given": "Amina", "family": "Yusuf"}, "allergies": []}"#.utf8)),
    signingKey: issuerKey,
    options: IssueOptions(issuerID: "clinic-042", issuedAt: Int64(Date().timeIntervalSince1970),
                          readers: [ReaderGrant(key: readerPrivateKey.publicKey)]))
let scannedText = issued.qrText
let trustedIssuers = [TrustedIssuer(key: issuerKey.publicKey, issuerID: "clinic-042")]
// snippet.show

// snippet.use
let decoder = CardDecoder(readerKey: readerPrivateKey, issuers: trustedIssuers)
do {
    let opened = try decoder.decode(scannedText)
    print(String(decoding: opened.jsonData(), as: UTF8.self))
} catch {
    print("\(error.code): \(error.message)")  // e.g. card.expired
}
// snippet.end

// snippet.hide
let decoded = try decoder.decode(scannedText)
precondition(decoded.holder?.given == "Amina" && decoded.allergies == [])
print("snippet EmbedTheDecoder: ok")
// snippet.show
