import PHRCodecs
import FuzzSupport

/// Fuzz target: the CBOR decoder, strict and lenient.
///
/// Oracles besides "no crash": an item accepted in strict (deterministic) mode re-encodes to exactly the input;
/// the deterministic encoding of an item accepted in lenient mode decodes (leniently) and re-encodes to itself
/// (map equality is order-sensitive, so the items themselves are not compared).
func fuzzCBOR(_ bytes: [UInt8]) {
    if let item = try? CBOR.decode(bytes, options: .strict) {
        precondition(item.encoded() == bytes, "strict CBOR accepted bytes that do not re-encode identically")
    }
    if let item = try? CBOR.decode(bytes, options: .lenient) {
        let canonical = item.encoded()
        guard let again = try? CBOR.decode(canonical, options: .lenient) else {
            preconditionFailure("the encoding of a lenient-decoded item does not decode")
        }
        precondition(again.encoded() == canonical, "lenient decode → encode → decode → encode is not stable")
    }
}

@main enum FuzzCBORMain {
    static func main() { FuzzMain.run(fuzzCBOR) }
}
