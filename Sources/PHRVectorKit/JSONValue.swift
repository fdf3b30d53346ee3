import Foundation

/// JSON output helpers: vectors are written with sorted keys and two-space indentation so that regeneration is
/// byte-for-byte stable.
enum VectorJSON {
    static func serialize(_ object: [String: Any]) -> [UInt8] {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Array(data) + [0x0a]
    }

    static func parse(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }
}

extension Array where Element == UInt8 {
    var hex: String { hexString }
}
