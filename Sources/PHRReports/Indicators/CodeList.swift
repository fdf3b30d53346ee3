import PHRFHIR

/// A list of clinical codes an indicator counts: exact codes and code prefixes per system (spec/reports.md §4).
public struct CodeList: Sendable {
    /// Exact `system:code` texts.
    public let exact: Set<String>
    /// `system:` + a code prefix, e.g. `atc:J07BD` for every measles vaccine.
    public let prefixes: [String]

    /// Creates a list from `system:code` texts; a text ending in `*` is a prefix.
    public init(_ codes: [String]) {
        exact = Set(codes.filter { !$0.hasSuffix("*") })
        prefixes = codes.filter { $0.hasSuffix("*") }.map { String($0.dropLast()) }
    }

    /// Whether the code is on the list. Code systems compare exactly; codes compare case-sensitively except ATC
    /// and ICD codes, which are compared in upper case.
    public func contains(_ code: ClinicalCode) -> Bool {
        let text = CodeList.normalised(code)
        if exact.contains(text) { return true }
        return prefixes.contains { text.hasPrefix($0) }
    }

    /// Every code and prefix (`*`-suffixed), sorted, for the spec and the report's annex.
    public var listing: [String] { exact.sorted() + prefixes.map { $0 + "*" }.sorted() }

    static func normalised(_ code: ClinicalCode) -> String {
        switch code.system {
        case "atc", "icd10", "icd11": code.system + ":" + code.code.uppercased()
        default: code.system + ":" + code.code
        }
    }
}
