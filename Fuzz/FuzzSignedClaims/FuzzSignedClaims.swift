import PHRCardCore
import FuzzSupport

/// Fuzz target: the input is a CWT claims set, which the harness signs with the vector P-256 issuer key, so the
/// fuzzer reaches claim and tier parsing and the reader/holder open paths behind the signature check (a plain
/// mutation of a card never gets past the signature).
func fuzzSignedClaims(_ claims: [UInt8]) {
    let key = FuzzKeys.p256Issuer
    let protected = CBOR.map([CBOR.Entry(.unsignedInt(1), .negativeInt(6)),
                              CBOR.Entry(.unsignedInt(4), .byteString(key.publicKey.kid.bytes))]).encoded()
    let toBeSigned = CBOR.array([.textString("Signature1"), .byteString(protected), .byteString([]),
                                 .byteString(claims)]).encoded()
    guard let signature = try? key.signature(for: toBeSigned) else { return }
    let card = CBOR.tagged(18, .array([.byteString(protected), .map([]), .byteString(claims),
                                       .byteString(signature)])).encoded()
    guard let verified = try? CardVerifier.verify(bytes: card, trusting: FuzzKeys.trusted, at: FuzzKeys.now) else { return }
    if let opened = try? verified.open(readerKey: FuzzKeys.reader) { checkOpened(opened) }
    if FuzzKeys.fnv1a(claims) % 8 == 0, let opened = try? verified.open(holderCode: FuzzKeys.holderCode) {
        checkOpened(opened)
    }
}

@main enum FuzzSignedClaimsMain {
    static func main() { FuzzMain.run(fuzzSignedClaims) }
}
