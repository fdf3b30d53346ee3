import PHRCardCore
import FuzzSupport

/// Fuzz target: the COSE_Sign1 / CWT / COSE_Encrypt parser (`CardVerifier.parse(bytes:)`) and `verify(bytes:)`.
/// Oracle: a card that verifies also parses, to the same claims.
func fuzzCardEnvelope(_ bytes: [UInt8]) {
    let parsed = try? CardVerifier.parse(bytes: bytes)
    if let verified = try? CardVerifier.verify(bytes: bytes, trusting: FuzzKeys.trusted, at: FuzzKeys.now) {
        guard let parsed else { preconditionFailure("a card verifies but does not parse") }
        precondition(parsed.cardID == verified.cardID && parsed.issuerID == verified.issuerID
                     && parsed.expiresAt == verified.expiresAt, "parse and verify disagree on the claims")
    }
}

@main enum FuzzCardEnvelopeMain {
    static func main() { FuzzMain.run(fuzzCardEnvelope) }
}
