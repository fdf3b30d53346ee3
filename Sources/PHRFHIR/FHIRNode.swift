/// A JSON value inside a FHIR resource together with its JSON path, for reading and for the drop report.
internal struct FHIRNode: Sendable {
    let value: JSONValue
    let path: String

    /// The member `name` of an object (the first, if repeated), or nil.
    subscript(name: String) -> FHIRNode? {
        guard case .object(let members) = value, let m = members.first(where: { $0.name == name }) else { return nil }
        return FHIRNode(value: m.value, path: path.isEmpty ? name : "\(path).\(name)")
    }

    /// The object's members as nodes (empty for a non-object).
    var members: [(name: String, node: FHIRNode)] {
        guard case .object(let members) = value else { return [] }
        return members.map { ($0.name, FHIRNode(value: $0.value, path: path.isEmpty ? $0.name : "\(path).\($0.name)")) }
    }

    /// The items of an array as nodes; a single non-array value counts as one item; null as none.
    var items: [FHIRNode] {
        switch value {
        case .array(let items): items.enumerated().map { FHIRNode(value: $0.element, path: "\(path)[\($0.offset)]") }
        case .null: []
        default: [self]
        }
    }

    /// The string value, or nil.
    var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The literal text of a number, or nil.
    var numberLiteral: String? {
        if case .number(let n) = value { return n }
        return nil
    }

    /// An integer value (a number without fraction), or nil.
    var integer: Int? {
        guard let literal = numberLiteral, let d = DecimalValue(literal), d.exponent >= 0, d.exponent < 10 else {
            return nil
        }
        var v = Int(d.significand)
        for _ in 0..<d.exponent { v *= 10 }
        return v
    }

    var bool: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    /// The member `name` as a string.
    func string(_ name: String) -> String? { self[name]?.string }
}

/// A JSON path without array indices: `entry[3].resource.note[0]` → `note` relative to the resource.
internal func fhirKind(resourceType: String, path: String, resourcePath: String) -> String {
    var relative = path
    if !resourcePath.isEmpty, relative.hasPrefix(resourcePath) {
        relative = String(relative.dropFirst(resourcePath.count))
        if relative.hasPrefix(".") { relative.removeFirst() }
    }
    var out = ""
    var inIndex = false
    for ch in relative {
        if ch == "[" { inIndex = true; continue }
        if ch == "]" { inIndex = false; continue }
        if !inIndex { out.append(ch) }
    }
    return out.isEmpty ? resourceType : "\(resourceType).\(out)"
}
