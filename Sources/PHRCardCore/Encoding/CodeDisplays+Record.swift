extension CodeDisplays {
    /// The standard display text of `code` in dictionary v1's code table, if it has one.
    static func standardDisplay(for code: ClinicalCode) -> String? {
        standardDisplay(system: code.system, code: code.code)
    }
}
