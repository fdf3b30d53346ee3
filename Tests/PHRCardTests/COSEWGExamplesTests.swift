import Foundation
import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// One cose-wg example file (`Fixtures/cose-wg/<path>`), parsed with Foundation (independent of the code under test).
struct COSEWGExample {
    let path: String
    let json: [String: Any]

    init(_ path: String) throws {
        self.path = path
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("cose-wg").appendingPathComponent(path))
        json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path): not a JSON object")
    }

    var fails: Bool { json["fail"] as? Bool ?? false }
    var input: [String: Any] { json["input"] as? [String: Any] ?? [:] }
    var intermediates: [String: Any] { json["intermediates"] as? [String: Any] ?? [:] }
    var plaintext: [UInt8] { Array((input["plaintext"] as? String ?? "").utf8) }

    /// `output.cbor` decoded leniently (the examples do not use deterministic map order).
    func message() throws -> CBOR {
        let output = try #require(json["output"] as? [String: Any], "\(path): no output")
        return try CBOR.decode(try Self.hex(output["cbor"], path, "output.cbor"), options: .lenient)
    }

    /// An intermediate value `name` (hex).
    func intermediate(_ name: String) throws -> [UInt8] {
        try Self.hex(intermediates[name], path, "intermediates.\(name)")
    }

    /// The first recipient's intermediate `name` (hex).
    func recipientIntermediate(_ name: String) throws -> [UInt8] {
        let recipients = try #require(intermediates["recipients"] as? [[String: Any]], "\(path): no recipient intermediates")
        return try Self.hex(recipients.first?[name], path, "intermediates.recipients[0].\(name)")
    }

    /// The message layer of `input` (`sign0`, `enveloped`, `encrypted` or `mac`).
    func layer(_ name: String) throws -> [String: Any] {
        try #require(input[name] as? [String: Any], "\(path): input.\(name) missing")
    }

    /// The first recipient's `key` in the `enveloped`, `encrypted` or `mac` layer.
    func recipientKey() throws -> [String: Any] {
        let layer = (input["enveloped"] ?? input["encrypted"] ?? input["mac"]) as? [String: Any]
        let recipients = try #require(layer?["recipients"] as? [[String: Any]], "\(path): no input recipients")
        return try #require(recipients.first?["key"] as? [String: Any], "\(path): recipient has no key")
    }

    /// The external AAD of a layer (`external`, hex), empty when absent.
    func externalAAD(_ layer: [String: Any]) throws -> [UInt8] {
        guard let text = layer["external"] else { return [] }
        return try Self.hex(text, path, "external")
    }

    static func hex(_ value: Any?, _ path: String, _ what: String) throws -> [UInt8] {
        let text = try #require(value as? String, "\(path): \(what) missing")
        return try #require([UInt8](hexString: text), "\(path): \(what) is not hex")
    }

    /// Base64url without padding (JWK style), decoded with Foundation.
    static func base64url(_ value: Any?, _ path: String, _ what: String) throws -> [UInt8] {
        var text = try #require(value as? String, "\(path): \(what) missing")
        text = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Array(try #require(Data(base64Encoded: text), "\(path): \(what) is not base64url"))
    }

    /// The recipient key's symmetric `k`.
    func symmetricKey() throws -> [UInt8] {
        try Self.base64url(try recipientKey()["k"], path, "key.k")
    }
}

/// Example runs that report which file they came from.
struct ExampleCase: Sendable, CustomTestStringConvertible {
    let path: String
    /// The expected failure: nil for a message that must be accepted.
    let failure: ExpectedFailure?
    var testDescription: String { path }

    init(_ path: String, _ failure: ExpectedFailure? = nil) {
        self.path = path
        self.failure = failure
    }
}

/// Where and how a `"fail": true` example must be rejected.
enum ExpectedFailure: Sendable {
    /// The structure is rejected while parsing (wrong tag, wrong shape), with this code.
    case parse(PHRCardError.Code)
    /// The structure parses; verification or decryption throws this code.
    case process(PHRCardError.Code)
}

@Suite struct COSEWGExamplesTests {
    // MARK: COSE_Sign1

    /// Sign1 examples with the documented failure mode of each `sign-fail-*` file:
    /// 01 tag 998 → not a COSE_Sign1; 02 payload changed → signature; 03 alg -999 and 04 alg "unknown" → algorithm;
    /// 06 `ctyp` added to / 07 removed from the protected header → signature.
    static let sign1Cases: [ExampleCase] = [
        ExampleCase("ecdsa-examples/ecdsa-sig-01.json"),
        ExampleCase("eddsa-examples/eddsa-sig-01.json"),
        ExampleCase("RFC8152/Appendix_C_2_1.json"),
        ExampleCase("sign1-tests/sign-pass-01.json"),
        ExampleCase("sign1-tests/sign-pass-02.json"),
        ExampleCase("sign1-tests/sign-pass-03.json"),
        ExampleCase("sign1-tests/sign-fail-01.json", .parse(.notSign1)),
        ExampleCase("sign1-tests/sign-fail-02.json", .process(.badSignature)),
        ExampleCase("sign1-tests/sign-fail-03.json", .process(.unsupportedAlgorithm)),
        ExampleCase("sign1-tests/sign-fail-04.json", .process(.unsupportedAlgorithm)),
        ExampleCase("sign1-tests/sign-fail-06.json", .process(.badSignature)),
        ExampleCase("sign1-tests/sign-fail-07.json", .process(.badSignature)),
    ]

    static func signerKey(_ example: COSEWGExample) throws -> IssuerPublicKey {
        let key = try #require(try example.layer("sign0")["key"] as? [String: Any], "\(example.path): no sign0.key")
        switch key["kty"] as? String {
        case "EC":
            #expect(key["crv"] as? String == "P-256", "\(example.path): not P-256")
            return .p256(try P256.Signing.PublicKey(x: try COSEWGExample.base64url(key["x"], example.path, "x"),
                                                    y: try COSEWGExample.base64url(key["y"], example.path, "y")))
        case "OKP":
            #expect(key["crv"] as? String == "Ed25519", "\(example.path): not Ed25519")
            return .ed25519(try Ed25519.PublicKey(rawRepresentation: try COSEWGExample.hex(key["x_hex"], example.path, "x_hex")))
        default:
            Issue.record("\(example.path): unexpected key type \(String(describing: key["kty"]))")
            throw PHRCardError(.badKey, "unexpected key type")
        }
    }

    @Test(arguments: sign1Cases)
    func sign1(_ testCase: ExampleCase) throws {
        let example = try COSEWGExample(testCase.path)
        let path = testCase.path
        #expect(example.fails == (testCase.failure != nil), "\(path): the file's fail flag disagrees with the case list")
        let key = try Self.signerKey(example)
        let external = try example.externalAAD(try example.layer("sign0"))
        let message = try example.message()
        let sign1: COSESign1
        do throws(PHRCardError) {
            sign1 = try COSESign1.parse(message, requireTag: false)
        } catch {
            guard case .parse(let code)? = testCase.failure else {
                Issue.record("\(path): parsing failed: \(error)")
                return
            }
            #expect(error.code == code, "\(path): parse failure \(error) is not \(code)")
            return
        }
        if case .parse(let code)? = testCase.failure {
            Issue.record("\(path): must not parse (expected \(code))")
            return
        }
        switch testCase.failure {
        case nil:
            #expect(sign1.payload == example.plaintext, "\(path): payload")
            let expectedTBS = try example.intermediate("ToBeSign_hex")
            let tbs = COSESign1.toBeSigned(protectedBytes: sign1.headers.structureProtectedBytes,
                                           externalAAD: external, payload: sign1.payload)
            #expect(tbs == expectedTBS, "\(path): ToBeSign")
            // The published signature verifies over the published ToBeSign bytes (independent of Sig_structure code).
            #expect(key.isValidSignature(sign1.signature, for: expectedTBS), "\(path): signature over ToBeSign_hex")
            #expect(throws: Never.self, "\(path): checkSignature") {
                try sign1.checkSignature(publicKey: key, externalAAD: external)
            }
            #expect(sign1.verify(publicKey: key, externalAAD: external), "\(path): verify")
            if !external.isEmpty {
                #expect(!sign1.verify(publicKey: key), "\(path): must not verify without its external AAD")
            }
        case .process(let code)?:
            #expect(!sign1.verify(publicKey: key, externalAAD: external), "\(path): must not verify")
            let error = #expect(throws: PHRCardError.self, "\(path): checkSignature must throw") {
                try sign1.checkSignature(publicKey: key, externalAAD: external)
            }
            #expect(error?.code == code, "\(path): failure \(String(describing: error)) is not \(code)")
        case .parse?:
            break
        }
    }

    /// The card code's `toBeSigned` uses the protected bytes as transmitted; it matches ToBeSign_hex for every
    /// example except sign-pass-01, whose transmitted protected header is an empty map `A0` (the examples, following
    /// RFC 9052 §4.4, sign a zero-length string then). Cards never have an empty protected header.
    @Test(arguments: ["ecdsa-examples/ecdsa-sig-01.json", "eddsa-examples/eddsa-sig-01.json",
                      "sign1-tests/sign-pass-02.json", "sign1-tests/sign-pass-03.json"])
    func cardToBeSignedMatchesExamples(_ path: String) throws {
        let example = try COSEWGExample(path)
        let sign1 = try COSESign1.parse(try example.message(), requireTag: false)
        let external = try example.externalAAD(try example.layer("sign0"))
        #expect(sign1.toBeSigned(externalAAD: external) == (try example.intermediate("ToBeSign_hex")), "\(path)")
    }

    @Test func sign1EmptyProtectedMapIsZeroLengthInToBeSign() throws {
        let example = try COSEWGExample("sign1-tests/sign-pass-01.json")
        let sign1 = try COSESign1.parse(try example.message(), requireTag: false)
        #expect(sign1.headers.protectedBytes == [0xA0])
        #expect(sign1.headers.structureProtectedBytes == [])
        #expect(sign1.toBeSigned() != (try example.intermediate("ToBeSign_hex")))
    }

    @Test func sign1RejectsKeyOfAnotherAlgorithm() throws {
        let example = try COSEWGExample("ecdsa-examples/ecdsa-sig-01.json")
        let sign1 = try COSESign1.parse(try example.message(), requireTag: false)
        let edKey = try Self.signerKey(try COSEWGExample("eddsa-examples/eddsa-sig-01.json"))
        let error = #expect(throws: PHRCardError.self) { try sign1.checkSignature(publicKey: edKey) }
        #expect(error?.code == .unsupportedAlgorithm)
    }

    @Test func sign1RejectsMissingAlgAndUnknownCritical() throws {
        let example = try COSEWGExample("ecdsa-examples/ecdsa-sig-01.json")
        let key = try Self.signerKey(example)
        var sign1 = try COSESign1.parse(try example.message(), requireTag: false)
        sign1.headers.protected = []
        let missing = #expect(throws: PHRCardError.self) { try sign1.checkSignature(publicKey: key) }
        #expect(missing?.code == .unsupportedAlgorithm)
        sign1.headers.protected = [CBOR.Entry(.int(1), .int(-7)), CBOR.Entry(.int(2), .array([.int(99)]))]
        let crit = #expect(throws: PHRCardError.self) { try sign1.checkSignature(publicKey: key) }
        #expect(crit?.code == .unknownCritical)
    }

    // MARK: ECDH-ES + AES key wrap (P-256)

    /// ECDH-ES + A128KW / A192KW / A256KW on P-256. The `-03` files are COSE_Mac (HS512) messages: their recipient
    /// (context, secret, KEK, unwrapped CEK) is checked, the MAC itself is not (PHRCard has no HMAC-COSE_Mac).
    static let ecdhWrapFiles: [String] = ["128", "192", "256"].flatMap { bits in
        (1...3).map { "ecdh-wrap-examples/p256-wrap-\(bits)-0\($0).json" }
    }

    /// A COSE_Encrypt, or just the recipients of a COSE_Mac (tag 97), from a message.
    static func recipients(_ message: CBOR, path: String) throws -> (COSEEncrypt?, [COSERecipient]) {
        if case .tagged(97, .array(let parts)) = message, parts.count == 5, case .array(let rs) = parts[4] {
            return (nil, try rs.map { try COSERecipient.parse($0, context: path) })
        }
        let encrypt = try COSEEncrypt.parse(message, requireTag: true, context: path)
        return (encrypt, encrypt.recipients)
    }

    static func recipientPrivateKey(_ example: COSEWGExample) throws -> P256.KeyAgreement.PrivateKey {
        let key = try example.recipientKey()
        let d = try COSEWGExample.base64url(key["d"], example.path, "key.d")
        let privateKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: d)
        #expect(privateKey.publicKey.x == (try COSEWGExample.base64url(key["x"], example.path, "key.x")), "\(example.path): x")
        #expect(privateKey.publicKey.y == (try COSEWGExample.base64url(key["y"], example.path, "key.y")), "\(example.path): y")
        return privateKey
    }

    @Test(arguments: ecdhWrapFiles)
    func ecdhWrap(_ path: String) throws {
        let example = try COSEWGExample(path)
        let (encrypt, recipients) = try Self.recipients(try example.message(), path: path)
        let recipient = try #require(recipients.first, "\(path): no recipient")
        let privateKey = try Self.recipientPrivateKey(example)

        let secret = try privateKey.sharedSecret(with: try recipient.ephemeralP256Key())
        #expect(secret == (try example.recipientIntermediate("Secret_hex")), "\(path): Secret")
        let alg = try recipient.algorithmID()
        let wrapAlg = try #require(COSEAlgorithmID.keyWrapOfECDHES(alg), "\(path): alg \(alg)")
        let kekLength = try #require(COSEAlgorithmID.keyWrapKeyLength(wrapAlg))
        let context = ECDHES.context(algorithmID: wrapAlg, keyBits: kekLength * 8,
                                     recipientProtected: recipient.headers.protectedBytes)
        #expect(context == (try example.recipientIntermediate("Context_hex")), "\(path): Context")
        let kek = try HKDFSHA256.deriveKey(inputKeyMaterial: secret, salt: [], info: context, outputByteCount: kekLength)
        #expect(kek == (try example.recipientIntermediate("KEK_hex")), "\(path): KEK")
        let expectedCEK = try example.intermediate("CEK_hex")
        #expect(try AES.KeyWrap.unwrap(recipient.ciphertext, using: kek) == expectedCEK, "\(path): unwrapped CEK")

        let contentAlg = try encrypt?.headers.algorithmID(context: path) ?? 0
        let cek = try recipient.contentKey(privateKey: privateKey, contentAlgorithmID: contentAlg)
        #expect(cek == expectedCEK, "\(path): contentKey(privateKey:)")
        guard let encrypt else { return } // COSE_Mac: the MAC is out of scope.
        let external = try example.externalAAD(try example.layer("enveloped"))
        #expect(COSEEncrypt.additionalData(protectedBytes: encrypt.headers.protectedBytes, externalAAD: external)
                == (try example.intermediate("AAD_hex")), "\(path): AAD")
        #expect(try encrypt.decrypt(cek: cek, externalAAD: external) == example.plaintext, "\(path): plaintext")
    }

    /// RFC 8152 Appendix C.3.1: ECDH-ES + HKDF-256 direct, A128GCM, ephemeral key with a compressed `y` (`true`).
    @Test func ecdhDirectRFC8152C31() throws {
        let path = "RFC8152/Appendix_C_3_1.json"
        let example = try COSEWGExample(path)
        let (encrypt, recipients) = try Self.recipients(try example.message(), path: path)
        let message = try #require(encrypt)
        let recipient = try #require(recipients.first)
        #expect(try recipient.algorithmID() == COSEAlgorithmID.ecdhESHKDF256)
        #expect(recipient.headers.value(COSEHeader.ephemeralKey)?[Int64(-3)] == .bool(true), "compressed y")
        let privateKey = try Self.recipientPrivateKey(example)
        let secret = try privateKey.sharedSecret(with: try recipient.ephemeralP256Key())
        #expect(secret == (try example.recipientIntermediate("Secret_hex")))
        let context = ECDHES.context(algorithm: .a128gcm, keyBits: 128, recipientProtected: recipient.headers.protectedBytes)
        #expect(context == (try example.recipientIntermediate("Context_hex")))
        let cek = try recipient.contentKey(privateKey: privateKey, contentAlgorithmID: COSEAlgorithm.a128gcm.rawValue)
        #expect(cek == (try example.intermediate("CEK_hex")))
        #expect(try message.decrypt(cek: cek) == example.plaintext)
    }

    @Test func ecdhRecipientErrors() throws {
        let example = try COSEWGExample("ecdh-wrap-examples/p256-wrap-128-01.json")
        let (encrypt, recipients) = try Self.recipients(try example.message(), path: example.path)
        let privateKey = try Self.recipientPrivateKey(example)
        var recipient = try #require(recipients.first)
        let content = try #require(try encrypt?.headers.algorithmID(context: ""))

        let otherKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: Array(repeating: 0x42, count: 32))
        let wrongKey = #expect(throws: PHRCardError.self) {
            try recipient.contentKey(privateKey: otherKey, contentAlgorithmID: content)
        }
        #expect(wrongKey?.code == .unwrapFailed)

        var noEPK = recipient
        noEPK.headers.unprotected.removeAll { $0.key == .int(COSEHeader.ephemeralKey) }
        let missing = #expect(throws: PHRCardError.self) {
            try noEPK.contentKey(privateKey: privateKey, contentAlgorithmID: content)
        }
        #expect(missing?.code == .badTier)

        recipient.headers.protected = [CBOR.Entry(.int(1), .int(-3))] // A128KW is not an ECDH algorithm
        let notECDH = #expect(throws: PHRCardError.self) {
            try recipient.contentKey(privateKey: privateKey, contentAlgorithmID: content)
        }
        #expect(notECDH?.code == .unsupportedAlgorithm)
    }

    // MARK: AES key wrap recipients

    /// A128KW / A192KW / A256KW recipients. `-01`…`-03` are COSE_Mac (AES-MAC, HS512): the CEK is unwrapped and
    /// compared, the MAC is not checked (no COSE_Mac in PHRCard). `-04`/`-05` are COSE_Encrypt with A128GCM/A192GCM.
    static let aesWrapFiles: [String] = ["128", "192", "256"].flatMap { bits in
        (1...5).map { "aes-wrap-examples/aes-wrap-\(bits)-0\($0).json" }
    }

    @Test(arguments: aesWrapFiles)
    func aesWrap(_ path: String) throws {
        let example = try COSEWGExample(path)
        let (encrypt, recipients) = try Self.recipients(try example.message(), path: path)
        let recipient = try #require(recipients.first, "\(path): no recipient")
        let key = try example.symmetricKey()
        let cek = try recipient.contentKey(sharedKey: key)
        #expect(cek == (try example.intermediate("CEK_hex")), "\(path): CEK")
        var wrongKey = key
        wrongKey[0] ^= 1
        let error = #expect(throws: PHRCardError.self, "\(path): wrong key") { try recipient.contentKey(sharedKey: wrongKey) }
        #expect(error?.code == .unwrapFailed, "\(path)")
        guard let encrypt else { return } // COSE_Mac: the MAC is out of scope.
        #expect(COSEEncrypt.additionalData(protectedBytes: encrypt.headers.protectedBytes, externalAAD: [])
                == (try example.intermediate("AAD_hex")), "\(path): AAD")
        #expect(try encrypt.decrypt(cek: cek) == example.plaintext, "\(path): plaintext")
    }

    @Test func keyRecipientErrors() throws {
        let example = try COSEWGExample("aes-wrap-examples/aes-wrap-128-04.json")
        let (_, recipients) = try Self.recipients(try example.message(), path: example.path)
        var recipient = try #require(recipients.first)
        let short = #expect(throws: PHRCardError.self) { try recipient.contentKey(sharedKey: Array(repeating: 1, count: 32)) }
        #expect(short?.code == .badKey)
        recipient.headers.unprotected = [CBOR.Entry(.int(1), .int(-6))] // direct with a non-empty ciphertext
        let direct = #expect(throws: PHRCardError.self) { try recipient.contentKey(sharedKey: try example.symmetricKey()) }
        #expect(direct?.code == .badTier)
        recipient.headers.unprotected = [CBOR.Entry(.int(1), .int(-29))]
        let ecdh = #expect(throws: PHRCardError.self) { try recipient.contentKey(sharedKey: try example.symmetricKey()) }
        #expect(ecdh?.code == .unsupportedAlgorithm)
        recipient.headers.unprotected = [CBOR.Entry(.int(1), .textString("A128KW"))]
        let text = #expect(throws: PHRCardError.self) { try recipient.contentKey(sharedKey: try example.symmetricKey()) }
        #expect(text?.code == .unsupportedAlgorithm)
    }

    // MARK: AES-GCM, COSE_Encrypt with a direct key

    /// aes-gcm-04 changes the tag; aes-gcm-05 carries only a partial IV (label 6), whose base IV is not in the
    /// message: PHRCard supports full IVs only and rejects it as a header error.
    static let gcmEncryptCases: [ExampleCase] = [
        ExampleCase("aes-gcm-examples/aes-gcm-01.json"),
        ExampleCase("aes-gcm-examples/aes-gcm-02.json"),
        ExampleCase("aes-gcm-examples/aes-gcm-03.json"),
        ExampleCase("aes-gcm-examples/aes-gcm-04.json", .process(.decryptFailed)),
        ExampleCase("aes-gcm-examples/aes-gcm-05.json", .process(.badHeader)),
    ]

    @Test(arguments: gcmEncryptCases)
    func gcmEncrypt(_ testCase: ExampleCase) throws {
        let path = testCase.path
        let example = try COSEWGExample(path)
        let (encrypt, recipients) = try Self.recipients(try example.message(), path: path)
        let message = try #require(encrypt, "\(path): not a COSE_Encrypt")
        let recipient = try #require(recipients.first)
        let cek = try recipient.contentKey(sharedKey: try example.symmetricKey())
        #expect(cek == (try example.intermediate("CEK_hex")), "\(path): CEK")
        #expect(COSEEncrypt.additionalData(protectedBytes: message.headers.protectedBytes, externalAAD: [])
                == (try example.intermediate("AAD_hex")), "\(path): AAD")
        switch testCase.failure {
        case nil:
            #expect(try message.decrypt(cek: cek) == example.plaintext, "\(path): plaintext")
        case .process(let code)?, .parse(let code)?:
            let error = #expect(throws: PHRCardError.self, "\(path): must not decrypt") { try message.decrypt(cek: cek) }
            #expect(error?.code == code, "\(path): \(String(describing: error)) is not \(code)")
        }
    }

    @Test func gcmDecryptErrors() throws {
        let example = try COSEWGExample("aes-gcm-examples/aes-gcm-01.json")
        let (encrypt, _) = try Self.recipients(try example.message(), path: example.path)
        var message = try #require(encrypt)
        let cek = try example.intermediate("CEK_hex")
        let length = #expect(throws: PHRCardError.self) { try message.decrypt(cek: cek + cek) }
        #expect(length?.code == .badKey)
        let aad = #expect(throws: PHRCardError.self) { try message.decrypt(cek: cek, externalAAD: [0]) }
        #expect(aad?.code == .decryptFailed)
        message.headers.unprotected = [CBOR.Entry(.int(COSEHeader.iv), .byteString([1, 2, 3]))]
        let iv = #expect(throws: PHRCardError.self) { try message.decrypt(cek: cek) }
        #expect(iv?.code == .badHeader)
        message.headers.protected = [CBOR.Entry(.int(1), .int(10))] // AES-CCM-16-64-128
        let ccm = #expect(throws: PHRCardError.self) { try message.decrypt(cek: cek) }
        #expect(ccm?.code == .unsupportedAlgorithm)
    }

    // MARK: COSE_Encrypt0 (Enc_structure context "Encrypt0", built here)

    /// Failure modes: enc-fail-01 tag 995 → not an Encrypt0; 02 tag changed, 06 `ctyp` added / 07 removed from the
    /// protected header → authentication; 03 alg -999, 04 alg "Unknown" → algorithm; aes-gcm-enc-04 tag changed.
    static let encrypt0Cases: [ExampleCase] = [
        ExampleCase("aes-gcm-examples/aes-gcm-enc-01.json"),
        ExampleCase("aes-gcm-examples/aes-gcm-enc-02.json"),
        ExampleCase("aes-gcm-examples/aes-gcm-enc-03.json"),
        ExampleCase("aes-gcm-examples/aes-gcm-enc-04.json", .process(.decryptFailed)),
        ExampleCase("encrypted-tests/aes-gcm-01.json"),
        ExampleCase("encrypted-tests/enc-pass-01.json"),
        ExampleCase("encrypted-tests/enc-pass-02.json"),
        ExampleCase("encrypted-tests/enc-pass-03.json"),
        ExampleCase("encrypted-tests/enc-fail-01.json", .parse(.badTier)),
        ExampleCase("encrypted-tests/enc-fail-02.json", .process(.decryptFailed)),
        ExampleCase("encrypted-tests/enc-fail-03.json", .process(.unsupportedAlgorithm)),
        ExampleCase("encrypted-tests/enc-fail-04.json", .process(.unsupportedAlgorithm)),
        ExampleCase("encrypted-tests/enc-fail-06.json", .process(.decryptFailed)),
        ExampleCase("encrypted-tests/enc-fail-07.json", .process(.decryptFailed)),
    ]

    /// COSE_Encrypt0 (RFC 9052 §5.2): optional tag 16, `[protected, unprotected, ciphertext]`.
    static func parseEncrypt0(_ item: CBOR) throws(PHRCardError) -> (COSEHeaders, [UInt8]) {
        var body = item
        if case .tagged(let tag, let inner) = item {
            guard tag == 16 else { throw PHRCardError(.badTier, "expected COSE_Encrypt0 (tag 16), found tag \(tag)") }
            body = inner
        }
        guard case .array(let parts) = body, parts.count == 3, case .byteString(let ciphertext) = parts[2] else {
            throw PHRCardError(.badTier, "COSE_Encrypt0 must be [protected, unprotected, ciphertext]")
        }
        return (try COSEHeaders.decode(protected: parts[0], unprotected: parts[1], context: "COSE_Encrypt0"), ciphertext)
    }

    @Test(arguments: encrypt0Cases)
    func encrypt0(_ testCase: ExampleCase) throws {
        let path = testCase.path
        let example = try COSEWGExample(path)
        #expect(example.fails == (testCase.failure != nil), "\(path): the file's fail flag disagrees with the case list")
        let cek = try example.symmetricKey()
        #expect(cek == (try example.intermediate("CEK_hex")), "\(path): CEK")
        let external = try example.externalAAD(try example.layer("encrypted"))
        let message = try example.message()
        let headers: COSEHeaders, ciphertext: [UInt8]
        do throws(PHRCardError) {
            (headers, ciphertext) = try Self.parseEncrypt0(message)
        } catch {
            guard case .parse(let code)? = testCase.failure else {
                Issue.record("\(path): parsing failed: \(error)")
                return
            }
            #expect(error.code == code, "\(path): parse failure \(error) is not \(code)")
            return
        }
        let aad = CBOR.array([.textString("Encrypt0"), .byteString(headers.structureProtectedBytes),
                              .byteString(external)]).encoded()
        let decrypt = { () throws(PHRCardError) -> [UInt8] in
            try COSEContent.decrypt(headers: headers, ciphertext: ciphertext, cek: cek, additionalData: aad,
                                    context: "COSE_Encrypt0")
        }
        switch testCase.failure {
        case nil:
            #expect(aad == (try example.intermediate("AAD_hex")), "\(path): AAD")
            #expect(try decrypt() == example.plaintext, "\(path): plaintext")
        case .process(let code)?:
            let error = #expect(throws: PHRCardError.self, "\(path): must not decrypt") { try decrypt() }
            #expect(error?.code == code, "\(path): \(String(describing: error)) is not \(code)")
        case .parse(let code)?:
            Issue.record("\(path): must not parse (expected \(code))")
        }
    }

    // MARK: COSE_KDF_Context

    @Test func genericContextMatchesCardContext() throws {
        // Hand-checked against cose-wg p256-wrap-128-01 Context_hex: [-3, [nil×3], [nil×3], [128, h'A101381C']].
        let published = try #require([UInt8](hexString: "842283F6F6F683F6F6F682188044A101381C"))
        #expect(ECDHES.protectedHeader == [0xA1, 0x01, 0x38, 0x1C])
        #expect(ECDHES.context(algorithm: .a128kw, keyBits: 128, recipientProtected: ECDHES.protectedHeader) == published)
        #expect(ECDHES.context(recipientProtected: ECDHES.protectedHeader) == published)
        for protected: [UInt8] in [[], [0xA0], [0xA1, 0x01, 0x38, 0x1E], Array(repeating: 0x55, count: 40)] {
            #expect(ECDHES.context(algorithm: .a128kw, keyBits: 128, recipientProtected: protected)
                    == ECDHES.context(recipientProtected: protected), "protected \(protected.hexString)")
        }
        // A256KW: AlgorithmID -5, keyDataLength 256 (cose-wg p256-wrap-256-01).
        #expect(ECDHES.context(algorithm: .a256kw, keyBits: 256, recipientProtected: [0xA1, 0x01, 0x38, 0x1E]).hexString
                == "842483f6f6f683f6f6f68219010044a101381e")
    }
}
