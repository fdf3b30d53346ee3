import Foundation
import PHRCard

/// Checks a vector file against the library: decoding reaches exactly the expected result at every step.
public enum VectorChecker {
    /// Runs a vector's `context` against its `layers.qr_text`; returns the differences from `expected`.
    public static func check(_ vector: [String: Any]) throws -> [String] {
        guard let layers = vector["layers"] as? [String: Any], let text = layers["qr_text"] as? String,
              let context = vector["context"] as? [String: Any], let expected = vector["expected"] as? [String: Any],
              let time = (context["validation_time"] as? NSNumber)?.int64Value,
              let trustedList = context["trusted_issuers"] as? [[String: Any]] else {
            throw VectorError("vector lacks layers.qr_text, context or expected")
        }
        let trusted = try trustedList.map { t -> TrustedIssuer in
            TrustedIssuer(key: try IssuerPublicKey(pem: t["public_key_pem"] as! String), issuerID: t["issuer_id"] as? String)
        }
        let readers = try (context["readers"] as? [[String: Any]] ?? []).map { r in
            VectorRunner.ReaderInput(name: r["name"] as! String, key: try ReaderPrivateKey(pem: r["private_key_pem"] as! String))
        }
        let actual = VectorRunner.run(qrText: text, trusted: trusted, at: time, holderCode: context["holder_code"] as? String,
                                      readers: readers)
        return VectorRunner.differences(expected: expected, actual: actual)
    }
}
