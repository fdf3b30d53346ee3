// PHRCrypto in a few lines: an ECDSA P-256 signature and AES-128-GCM.
// (PHRCrypto landing page; `make test` builds this snippet and PHRCLITests runs it.)
import PHRCrypto

// snippet.tour
let message = Array("card".utf8)
let issuer = P256.Signing.PrivateKey()
let signature = try issuer.signature(for: message)  // raw 64-byte r‖s
let valid = issuer.publicKey.isValidSignature(signature, for: message)

let key = SystemRandom().bytes(16)
let nonce = SystemRandom().bytes(AES.GCM.nonceByteCount)
let sealed = try AES.GCM.seal(
    Array("tier".utf8), key: key, nonce: nonce, authenticating: [])
let opened = try AES.GCM.open(
    sealed, key: key, nonce: nonce, authenticating: [])
// snippet.end

// snippet.hide
precondition(valid && signature.count == 64 && opened == Array("tier".utf8))
var tampered = sealed
tampered[0] ^= 1
var failure: String?
do { _ = try AES.GCM.open(tampered, key: key, nonce: nonce, authenticating: []) } catch { failure = error.code }
precondition(failure == "crypto.authentication-failure")
print("snippet CryptoTour: ok")
// snippet.show
