/// Searching the dictionary's codes and standard displays (the station's code search in its issue form).
public enum CodeSearch {
    /// One code of the dictionary.
    public struct Match: Sendable, Hashable {
        /// The code system as written on cards (`cvx`, `icd10`, `atc`, `snomed`, …).
        public let system: String
        /// The code within its system.
        public let code: String
        /// The standard display text.
        public let display: String
    }

    /// The codes whose code or display contains every word of `query` (case-insensitive), in the
    /// dictionary's order, codes starting with the query first; only `systems` when given; at most `limit`.
    public static func find(_ query: String, systems: Set<String>? = nil, limit: Int = 20) -> [Match] {
        let words = fold(query).split(separator: " ").map(String.init)
        guard !words.isEmpty, limit > 0 else { return [] }
        var prefixed: [Match] = [], others: [Match] = []
        for row in DictionaryV1Tables.rows {
            if let systems, !systems.contains(row.system) { continue }
            let code = fold(row.code), hay = code + " " + fold(row.display) + " " + row.system
            guard words.allSatisfy({ hay.contains($0) }) else { continue }
            let match = Match(system: row.system, code: row.code, display: row.display)
            if code.hasPrefix(words[0]) { prefixed.append(match) } else { others.append(match) }
            if prefixed.count >= limit { break }
        }
        return Array((prefixed + others).prefix(limit))
    }

    /// The dictionary is ASCII: folding is lower-casing.
    private static func fold(_ s: String) -> String { s.lowercased() }
}
