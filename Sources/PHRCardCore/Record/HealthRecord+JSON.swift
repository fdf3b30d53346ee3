/// JSON input and output, and validation, of a health record.
extension HealthRecord {
    /// Parses, validates and NFC-normalises a record from its JSON form.
    ///
    /// The input is checked against ``RecordLimits/maxInputBytes`` before parsing and against
    /// ``RecordLimits/maxNestingDepth`` while parsing. A syntax error stops with one `record.not-json` issue;
    /// otherwise every problem in the record is reported at once, in the record's field order.
    /// - Parameter jsonData: UTF-8 JSON text.
    /// - Throws: ``RecordValidationError`` listing every issue found.
    public init(jsonData: [UInt8]) throws(RecordValidationError) {
        guard jsonData.count <= RecordLimits.maxInputBytes else {
            throw RecordValidationError(issues: [RecordIssue(
                path: "", code: RecordIssue.Code.tooLarge,
                message: "the input is \(jsonData.count) bytes; the limit is \(RecordLimits.maxInputBytes)")])
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(jsonData, maxDepth: RecordLimits.maxNestingDepth)
        } catch {
            throw RecordValidationError(issues: [RecordIssue(path: "", code: error.code, message: error.message)])
        }
        var decoder = RecordDecoder()
        let record = decoder.decodeRecord(root)
        guard decoder.issues.isEmpty, let record else {
            throw RecordValidationError(issues: decoder.issues)
        }
        self = record
    }

    /// The record as UTF-8 JSON, NFC-normalised.
    ///
    /// Members are written in the samples' order (the v1 additions `procedures`, `devices` and `alerts` come
    /// after `notes`); absent sections and fields are omitted; numbers are written
    /// exactly (integers without `.0`, decimals in their shortest exact form). Pretty output uses two-space
    /// indentation and ends with a newline.
    /// - Parameter prettyPrinted: indented output (the default) or the most compact form.
    /// - Returns: the JSON bytes.
    public func jsonData(prettyPrinted: Bool = true) -> [UInt8] {
        JSONWriter.write(RecordEncoder.encode(self), prettyPrinted: prettyPrinted)
    }

    /// Checks a record built in code against every rule that ``init(jsonData:)`` applies.
    /// - Returns: every issue found (empty when valid), with the same paths and codes as JSON input would get.
    public func validate() -> [RecordIssue] {
        var decoder = RecordDecoder()
        _ = decoder.decodeRecord(RecordEncoder.encode(self))
        return decoder.issues + codeSystemColonIssues()
    }

    /// A code system name containing a colon cannot survive `system:code` (it would split differently);
    /// the JSON round trip cannot see it, so it is checked here.
    private func codeSystemColonIssues() -> [RecordIssue] {
        var coded: [(String, ClinicalCode?)] = []
        coded += (allergies ?? []).enumerated().map { ("allergies[\($0.offset)].code", $0.element.code) }
        coded += (conditions ?? []).enumerated().map { ("conditions[\($0.offset)].code", $0.element.code) }
        coded += (medications ?? []).enumerated().map { ("medications[\($0.offset)].code", $0.element.code) }
        coded += (immunizations ?? []).enumerated().map { ("immunizations[\($0.offset)].code", $0.element.code) }
        coded += (results ?? []).enumerated().map { ("results[\($0.offset)].code", $0.element.code) }
        coded += (procedures ?? []).enumerated().map { ("procedures[\($0.offset)].code", $0.element.code) }
        coded += (devices ?? []).enumerated().map { ("devices[\($0.offset)].code", $0.element.code) }
        coded += (alerts ?? []).enumerated().map { ("alerts[\($0.offset)].code", $0.element.code) }
        return coded.compactMap { path, code in
            guard let code, code.system.contains(":") else { return nil }
            return RecordIssue(
                path: path, code: RecordIssue.Code.invalidCode,
                message: "the code system name \(RecordText.quoted(code.system)) must not contain a colon")
        }
    }
}
