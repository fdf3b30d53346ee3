// Verify a card: its signature under a trusted issuer key, its issuer id and its validity period.
// (DocC article "Verifying a card"; `make test` builds this snippet and PHRCLITests runs it.)
import Foundation
import PHRCardCore
import PHRTrust

// snippet.hide
let issuerKey = IssuerSigningKey.p256(P256.Signing.PrivateKey())
let issued = try CardIssuer.issue(
    try HealthRecord(jsonData: Array(#"{"holder": {"given": "Amina", "family": "Yusuf"}}"#.utf8)),
    signingKey: issuerKey,
    options: IssueOptions(issuerID: "clinic-042", issuedAt: Int64(Date().timeIntervalSince1970)))
let scannedText = issued.qrText
let issuerPublicKey = issuerKey.publicKey
// snippet.show

// snippet.verify
// Each trusted issuer: its public key and the issuer id it may sign for.
//   let issuerPublicKey = try IssuerPublicKey(pem: issuerPublicKeyPEM)
let trusted = [TrustedIssuer(key: issuerPublicKey, issuerID: "clinic-042",
                             displayName: "Clinic 42, Kakuma")]
let now = Int64(Date().timeIntervalSince1970)

let verified = try CardVerifier.verify(
    text: scannedText, trusting: trusted, at: now)
print("valid card of", verified.issuer.displayName ?? verified.issuerID)
for tier in verified.tiers {              // still encrypted
    print(tier.tier, tier.sections.map(\.rawValue))
}
// snippet.end

// snippet.errors
do {
    _ = try CardVerifier.verify(
        text: scannedText, trusting: trusted, at: verified.expiresAt)
} catch {
    switch error.code {
    case .expired, .notYetValid:
        print("outside its validity period:", error.message)
    case .unknownIssuer, .issuerMismatch:
        print("not from an issuer this verifier trusts:", error.message)
    case .badSignature:
        print("altered or forged:", error.message)
    default:
        print("not a valid card: \(error.code): \(error.message)")
    }
}
// snippet.end

// snippet.hide
var expiredCode: PHRCardError.Code?
do { _ = try CardVerifier.verify(text: scannedText, trusting: trusted, at: verified.expiresAt) } catch {
    expiredCode = error.code
}
precondition(expiredCode == .expired)
var unknownCode: PHRCardError.Code?
do { _ = try CardVerifier.verify(text: scannedText, trusting: [], at: now) } catch { unknownCode = error.code }
precondition(unknownCode == .unknownIssuer)

// A programme's signed trust list with the issuer, as `phrcard trust` makes it.
let rootKey = IssuerSigningKey.p256(P256.Signing.PrivateKey())
let rootPublicKey = rootKey.publicKey
var list = TrustList()
try list.addIssuer(TrustListIssuer(key: issuerPublicKey, issuerID: "clinic-042", displayName: "Clinic 42, Kakuma",
                                   country: "KE", validFrom: now - 86_400, validTo: now + 86_400))
let trustListBytes = try list.signed(by: rootKey, at: now - 60)
// snippet.show

// snippet.trust-list
// The root key is configured out of band; the list gives the issuers.
let trustList = try TrustList.verify(
    trustListBytes, root: rootPublicKey, at: now, lastSeenSequence: nil)
for warning in trustList.warnings {
    print("warning:", warning)              // for example trust.stale
}
let checked = try trustList.verifyCard(
    bytes: try QRText.decode(scannedText), at: now)
print("listed issuer:", checked.issuer.displayName ?? checked.issuerID)
// snippet.end

// snippet.hide
precondition(checked.cardID == issued.cardID && verified.cardID == issued.cardID)
print("snippet VerifyACard: ok")
// snippet.show
