// PHRCodecs in a few lines: deterministic CBOR, and the numeric text a QR code holds.
// (PHRCodecs landing page; `make test` builds this snippet and PHRCLITests runs it.)
import PHRCodecs

// snippet.tour
let claims = CBOR.map([
    (.int(1), .textString("clinic-042")),
    (.int(7), .byteString([0x01, 0x02])),
])
let bytes = claims.encoded()            // core deterministic encoding
let decoded = try CBOR.decode(bytes)    // .strict: refuses what is not
let digits = NumericText.encode(bytes)  // 17 digits per 7 bytes
print(decoded[1]?.stringValue ?? "", digits)
// snippet.end

// snippet.hide
let roundTrip = try NumericText.decode(digits)
precondition(decoded == claims && roundTrip == bytes)
precondition(digits.count == NumericText.digitCount(forByteCount: bytes.count))
var refused: String?
do { _ = try CBOR.decode([0x18, 0x01]) } catch { refused = error.code }  // 1 written in two bytes: not shortest
precondition(refused == "cbor.non-deterministic")
print("snippet CodecsTour: ok")
// snippet.show
