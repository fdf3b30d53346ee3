import ArgumentParser
import PHRCard

/// `phrcard selftest`: quick round trips through every native library.
struct SelfTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Check that the native libraries load and work (CBOR, DEFLATE, crypto, QR, PNG, JPEG).",
        discussion: """
            Runs small round trips and known-answer checks and prints one ok/FAIL line each. Exit status 1 if any \
            check fails.

            Example:
              phrcard selftest
            """)

    func run() throws {
        var failed = 0
        func check(_ name: String, _ body: () throws -> Bool) {
            let ok: Bool
            var detail = ""
            do { ok = try body() } catch { ok = false; detail = ": \(error)" }
            print("\(ok ? "ok  " : "FAIL") \(name)\(detail)")
            if !ok { failed += 1 }
        }
        check("cbor: deterministic encode/decode round trip (RFC 8949 A: {1: 2, 3: 4} = a201020304)") {
            let item = CBOR.map([(.int(1), .int(2)), (.int(3), .int(4))])
            let bytes = item.encoded()
            let decoded = try CBOR.decode(bytes)
            return bytes == [0xA2, 0x01, 0x02, 0x03, 0x04] && decoded == item
        }
        check("deflate (zlib): compress/decompress round trip with a preset dictionary") {
            let text = Array(String(repeating: "negative positive mg once daily ", count: 20).utf8)
            let packed = try Deflate.compress(text, dictionary: PresetDictionary.bytes)
            let unpacked = try Deflate.decompress(packed, dictionary: PresetDictionary.bytes, maxOutputSize: 4096)
            return packed.count < text.count && unpacked == text
        }
        check("sha-256 (libcrypto): FIPS 180-2 \"abc\" vector") {
            SHA256.hash(Array("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        }
        check("aes-128-gcm (libcrypto): seal/open round trip, tampering detected") {
            let key = [UInt8](repeating: 7, count: 16), nonce = [UInt8](repeating: 1, count: 12)
            var sealed = try AES.GCM.seal(Array("card".utf8), key: key, nonce: nonce, authenticating: [])
            guard try AES.GCM.open(sealed, key: key, nonce: nonce, authenticating: []) == Array("card".utf8) else { return false }
            sealed[0] ^= 1
            return (try? AES.GCM.open(sealed, key: key, nonce: nonce, authenticating: [])) == nil
        }
        check("p-256 ecdsa (libcrypto): sign/verify, wrong message rejected") {
            let k = P256.Signing.PrivateKey()
            let sig = try k.signature(for: [1, 2, 3])
            return k.publicKey.isValidSignature(sig, for: [1, 2, 3]) && !k.publicKey.isValidSignature(sig, for: [1, 2, 4])
        }
        check("p-256 ecdh (libcrypto): both sides agree") {
            let a = P256.KeyAgreement.PrivateKey(), b = P256.KeyAgreement.PrivateKey()
            return try a.sharedSecret(with: b.publicKey) == b.sharedSecret(with: a.publicKey)
        }
        check("ed25519 (libcrypto): sign/verify, wrong message rejected") {
            let k = Ed25519.PrivateKey()
            let sig = try k.signature(for: [9])
            return k.publicKey.isValidSignature(sig, for: [9]) && !k.publicKey.isValidSignature(sig, for: [8])
        }
        check("qr (libqrencode → PNG → libpng → zbar): encode, render, decode, scan") {
            let text = "PHR1:" + NumericText.encode(Array(0..<200))
            let qr = try QRCode.encode(prefixedNumericText: text, errorCorrection: .M)
            let png = try PNG.encode(qr.render(modulePixels: 4, quietZoneModules: 4), bitDepth: 1, dpi: 300)
            let symbols = try QRScanner.scan(ImageFile.decode(png))
            return symbols.first?.text == text
        }
        check("jpeg (libjpeg): encode/decode keeps the QR code readable") {
            let qr = try QRCode.encode(prefixedNumericText: "PHR1:0123456789", errorCorrection: .M)
            let jpeg = try JPEG.encode(qr.render(modulePixels: 6, quietZoneModules: 4), quality: 90)
            return try QRScanner.scan(ImageFile.decode(jpeg)).first?.text == "PHR1:0123456789"
        }
        if failed > 0 {
            print("selftest: \(failed) check(s) failed")
            throw ExitCode(1)
        }
        print("selftest: ok")
    }
}
