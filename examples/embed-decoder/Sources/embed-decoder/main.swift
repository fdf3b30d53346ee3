// embed-decoder: reads one card text (`PHR1:…`, as a QR scanner returns it) on standard input, verifies it against
// an issuer's public key and opens it with a reader's private key, using only the PHRCardCore library product.
//
//     embed-decoder --issuer-pub clinic.pub --reader-key border.key [--issuer-id ID] [--at UNIX-SECONDS] < card.txt
//
// Prints one JSON object: {"verdict": "valid", "cardId", "issuer", "issuedAt", "expiresAt", "openedTiers",
// "closedTiers", "record"} or {"verdict": "invalid", "error": {"code", "message"}}. Exit status: 0 valid, 1 the card
// is not valid or does not open with the key, 2 usage or unreadable key file.
import Foundation
import PHRCardCore

/// A usage or input problem (exit status 2).
struct UsageError: Error { let message: String }

/// The command line: `--name value` pairs.
func options(_ arguments: [String]) throws(UsageError) -> [String: String] {
    var result: [String: String] = [:]
    var rest = arguments[...]
    while let name = rest.popFirst() {
        guard ["--issuer-pub", "--reader-key", "--issuer-id", "--at"].contains(name) else {
            throw UsageError(message: "unknown option \(name)")
        }
        guard let value = rest.popFirst() else { throw UsageError(message: "\(name) needs a value") }
        result[name] = value
    }
    for required in ["--issuer-pub", "--reader-key"] where result[required] == nil {
        throw UsageError(message: "missing \(required) FILE")
    }
    return result
}

func readFile(_ path: String) throws(UsageError) -> String {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw UsageError(message: "cannot read \(path)")
    }
    return text
}

/// A JSON string literal.
func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{00}"..."\u{1F}": out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

func tierList(_ tiers: [Tier]) -> String { "[" + tiers.map { json($0.name) }.joined(separator: ",") + "]" }

do {
    let o = try options(Array(CommandLine.arguments.dropFirst()))
    let issuerKey: IssuerPublicKey
    let readerKey: ReaderPrivateKey
    do {
        issuerKey = try IssuerPublicKey(pem: try readFile(o["--issuer-pub"]!))
        readerKey = try ReaderPrivateKey(pem: try readFile(o["--reader-key"]!))
    } catch let error as PHRCardError {
        throw UsageError(message: error.description)
    }
    let now = o["--at"].flatMap { Int64($0) } ?? Int64(Date().timeIntervalSince1970)
    let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
    do throws(PHRCardError) {
        let issuer = TrustedIssuer(key: issuerKey, issuerID: o["--issuer-id"])
        let card = try CardVerifier.verify(text: text, trusting: [issuer], at: now)
        let opened = try card.open(readerKey: readerKey)
        let record = String(decoding: opened.jsonData(prettyPrinted: false), as: UTF8.self)
        print("{\"verdict\":\"valid\",\"cardId\":\(json(card.cardID.map { String(format: "%02x", $0) }.joined())),"
              + "\"issuer\":\(json(card.issuerID)),\"issuedAt\":\(card.issuedAt),\"expiresAt\":\(card.expiresAt),"
              + "\"openedTiers\":\(tierList(opened.openedTiers)),\"closedTiers\":\(tierList(opened.closedTiers)),"
              + "\"record\":\(record)}")
    } catch {
        print("{\"verdict\":\"invalid\",\"error\":{\"code\":\(json(error.code.rawValue)),\"message\":\(json(error.message))}}")
        exit(1)
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("embed-decoder: \(error.message)\n".utf8))
    exit(2)
}
