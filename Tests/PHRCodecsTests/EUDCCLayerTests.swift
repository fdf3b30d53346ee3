import Foundation
import Testing
@testable import PHRCodecs

/// EU Digital COVID Certificate test data (dgc-testdata): BASE45 → COMPRESSED (zlib) → COSE → CBOR layers.
struct EUDCCLayerTests {
    struct TestFile: Decodable {
        let CBOR: String?
        let COSE: String?
        let COMPRESSED: String?
        let BASE45: String?
    }

    static func load(_ name: String) throws -> TestFile {
        try JSONDecoder().decode(TestFile.self, from: Fixture.data(name))
    }

    @Test(arguments: ["dgc-DE-1.json", "dgc-AT-1.json"])
    func validFileDecodesThroughAllLayers(_ name: String) throws {
        let file = try Self.load(name)
        let compressed = try Base45.decode(try #require(file.BASE45))
        #expect(hexString(compressed) == file.COMPRESSED?.lowercased())
        let cose = try ZlibFormat.decompress(compressed, maxOutputSize: 64 * 1024)
        #expect(hexString(cose) == file.COSE?.lowercased())
        // COSE_Sign1 is tag 18 around [protected bstr, unprotected map, payload bstr, signature bstr].
        let message = try CBOR.decode(cose, options: .lenient)
        guard case .tagged(18, .array(let parts)) = message else {
            Issue.record("\(name): not a tagged COSE_Sign1: \(message)")
            return
        }
        #expect(parts.count == 4)
        let payload = try CBOR.decode(try #require(parts[2].bytesValue), options: .lenient)
        // The file's CBOR layer is either the whole CWT payload (DE) or the certificate inside claim -260 / 1 (AT);
        // compare as data items via their deterministic encodings (AT uses indefinite-length maps).
        let cborLayer = try CBOR.decode(hexBytes(try #require(file.CBOR)), options: .lenient)
        #expect(payload.encoded() == cborLayer.encoded() || payload[-260]?[1]?.encoded() == cborLayer.encoded())
        #expect(payload[-260]?[1]?.mapEntries != nil, "hcert claim present")
        // The re-encoding passes strict decoding and is stable.
        #expect(try CBOR.decode(payload.encoded(), options: .strict).encoded() == payload.encoded())
    }

    @Test func b1InvalidBase45Fails() throws {
        let file = try Self.load("dgc-common-B1.json")
        // The string ends in five "=" padding characters, which are not in the Base45 alphabet.
        expectBase45Error(try #require(file.BASE45), .invalidCharacter, 591)
    }

    @Test func z1BrokenCompressionFails() throws {
        let file = try Self.load("dgc-common-Z1.json")
        let compressed = hexBytes(try #require(file.COMPRESSED))
        #expect(throws: DeflateError.self) { try ZlibFormat.decompress(compressed, maxOutputSize: 64 * 1024) }
    }
}
