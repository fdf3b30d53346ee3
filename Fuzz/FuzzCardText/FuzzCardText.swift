import PHRCardCore
import FuzzSupport

/// Fuzz target: QR text → verify (trusting the vector issuers) → open with reader-1 and (on 1 input in 8) with the
/// fixed holder code. Oracle besides "no crash": every record that opens validates.
func fuzzCardText(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let card = try? CardVerifier.verify(text: text, trusting: FuzzKeys.trusted, at: FuzzKeys.now) else { return }
    if let opened = try? card.open(readerKey: FuzzKeys.reader) { checkOpened(opened) }
    if FuzzKeys.fnv1a(bytes) % 8 == 0, let opened = try? card.open(holderCode: FuzzKeys.holderCode) { checkOpened(opened) }
}

@main enum FuzzCardTextMain {
    static func main() { FuzzMain.run(fuzzCardText) }
}
