import ArgumentParser
import PHRCard
import PHRToolSupport

/// `phrcard inspect`: a card's structure, without verification or secrets.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a card's structure (sizes, QR versions, header, claims, tiers) without verifying it.",
        discussion: """
            NOT a verification: nothing shown here is checked against a trusted key. Use `phrcard verify`.
            Shows the card size and size class, the QR digits and version at each error-correction level, the \
            signature algorithm, issuer key id and issuer, card id, dates, and per tier its sections, ciphertext \
            length and recipients (the holder and reader key ids). No key is needed and nothing is decrypted.

            Examples:
              phrcard inspect card.png
              phrcard inspect card.txt --json
            """)

    @Argument(help: "The card: PHR1:... text, -, a .txt file, or a PNG/JPEG image.") var card: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let text = try CardInput.text(from: card)
        let bytes = try QRText.decode(text)
        let p = try CardVerifier.parse(bytes: bytes)
        let digits = NumericText.encode(bytes)
        var versions: [(String, Int?)] = []
        for level in QRErrorCorrection.allCases {
            versions.append((level.rawValue, QRCode.minimumVersion(
                for: [.alphanumeric(CardFormat.prefix), .numeric(digits)], errorCorrection: level)))
        }
        let sizeClass = SizeClass.of(cardBytes: bytes.count)
        if json {
            let object: [String: Any] = [
                "verified": false, "cardBytes": bytes.count, "qrDigits": digits.count,
                "qrVersion": Dictionary(uniqueKeysWithValues: versions.map { ($0.0, $0.1 as Any? ?? "too large") }),
                "sizeClass": sizeClass.map { $0.number as Any } ?? "none",
                "algorithm": p.algorithm.name, "kid": p.kid.description, "issuer": p.issuerID,
                "cardId": p.cardID.hexString, "issuedAt": ISODate.format(p.issuedAt), "expiresAt": ISODate.format(p.expiresAt),
                "tiers": p.tiers.map { t -> [String: Any] in
                    ["tier": t.tier.name, "mask": t.mask, "sections": t.sections.map(\.rawValue),
                     "ciphertextBytes": t.ciphertextLength, "holder": t.holderRecipient,
                     "readers": t.readerKids.map(\.description)]
                },
            ]
            print(Console.json(object), terminator: "")
            return
        }
        print("NOT VERIFIED: structure only (use `phrcard verify` to check the signature, issuer and dates)")
        print("card bytes:  \(bytes.count) (\(sizeClass.map { "\($0)" } ?? "not a size class"))")
        print("QR digits:   \(digits.count); version " + versions.map { "\($0.1.map(String.init) ?? "-") at \($0.0)" }.joined(separator: ", "))
        print("algorithm:   \(p.algorithm.name)")
        print("issuer kid:  \(p.kid)")
        print("issuer:      \(p.issuerID)")
        print("card id:     \(p.cardID.hexString)")
        print("issued:      \(ISODate.format(p.issuedAt))")
        print("expires:     \(ISODate.format(p.expiresAt))")
        for t in p.tiers {
            print("tier \(t.tier.name):")
            print("  sections:    \(t.sections.map(\.rawValue).joined(separator: ", "))")
            print("  ciphertext:  \(t.ciphertextLength) bytes (including the 16-byte tag)")
            let recipients = (t.holderRecipient ? ["holder code"] : []) + t.readerKids.map { "reader \($0)" }
            print("  recipients:  \(recipients.joined(separator: "; "))")
        }
    }
}
