import Foundation
import Testing

/// Hex helpers and fixture loading shared by the PHRCrypto tests.
enum Hex {
    static func decode(_ text: String) -> [UInt8] {
        let characters = Array(text.utf8)
        precondition(characters.count % 2 == 0, "odd-length hex")
        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            output.append(UInt8(nibble(characters[index]) << 4 | nibble(characters[index + 1])))
            index += 2
        }
        return output
    }

    static func encode(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: preconditionFailure("bad hex digit \(c)")
        }
    }
}

enum Fixtures {
    static func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                               "fixture \(name) missing")
        return try Data(contentsOf: url)
    }

    static func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }
}

/// A Wycheproof test file: only the fields the tests read, kept as dictionaries.
struct WycheproofFile {
    let numberOfTests: Int
    let groups: [[String: Any]]

    init(_ name: String) throws {
        let object = try JSONSerialization.jsonObject(with: try Fixtures.data(name))
        let root = try #require(object as? [String: Any])
        numberOfTests = try #require(root["numberOfTests"] as? Int)
        groups = try #require(root["testGroups"] as? [[String: Any]])
    }
}

/// One Wycheproof test case.
struct WycheproofCase {
    let fields: [String: Any]
    var tcId: Int { fields["tcId"] as? Int ?? -1 }
    var result: String { fields["result"] as? String ?? "" }
    var comment: String { fields["comment"] as? String ?? "" }
    var label: String { "tcId \(tcId) (\(result), \(comment))" }
    func hex(_ key: String) -> [UInt8] { Hex.decode(fields[key] as? String ?? "") }
    func int(_ key: String) -> Int { fields[key] as? Int ?? -1 }

    static func all(in group: [String: Any]) -> [WycheproofCase] {
        (group["tests"] as? [[String: Any]] ?? []).map(WycheproofCase.init(fields:))
    }
}

/// Per-file tallies, checked against the file's numberOfTests and printed for the report.
struct Tally {
    var passed = 0
    var skipped = 0
    var failed = 0
    func report(_ name: String) { print("[\(name)] passed \(passed), skipped \(skipped), failed \(failed)") }
}
