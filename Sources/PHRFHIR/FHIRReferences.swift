/// Reference resolution inside a document Bundle, the way FHIR R4 resolves references (`spec/fhir.md`,
/// "References"): contained resources (`#id`), Bundle `fullUrl`s (`urn:uuid:`, `urn:oid:`, absolute URLs) and
/// relative `Type/id` references against the referring entry's base URL.
extension FHIRImporter {
    /// Registers the `contained` resources of a Bundle entry as entries of their own (named `<container>#<id>`),
    /// reachable only through `#id` references from inside the container.
    mutating func registerContained(of container: Entry) {
        for item in container.resource["contained"]?.items ?? [] {
            guard item.isObject, let type = item.string("resourceType"), let id = item.string("id") else { continue }
            let entry = Entry(index: entries.count, fullUrl: nil, resource: item, type: type, id: id,
                              container: container.index, name: "\(container.name)#\(id)")
            byContained["\(container.index)#\(id)"] = entry.index
            entries.append(entry)
        }
    }

    /// Resolves the `reference` of a Reference found in `from` (the referring entry) against the Bundle.
    ///
    /// In order: `#id` is a resource contained in the referring resource (or in its container); a version suffix
    /// `/_history/N` is ignored; an exact `fullUrl` match; a relative `Type/id` is made absolute with the base URL of
    /// the referring entry's `fullUrl` (`http://x/fhir/Condition/1` → base `http://x/fhir/`); then, for `Type/id` or a
    /// URL ending in `Type/id`, the one entry whose `fullUrl` ends in `/Type/id` or whose resource has that type and
    /// id. A match that is not unique is not a match. Returns nil when nothing in the Bundle is meant.
    func resolve(_ reference: FHIRNode?, from: Entry?) -> Entry? {
        guard var ref = reference?.string("reference"), !ref.isEmpty else { return nil }
        if ref.hasPrefix("#") {
            guard let from else { return nil }
            let root = from.container ?? from.index
            if ref == "#" { return entries[root] }
            return byContained["\(root)#\(ref.dropFirst())"].map { entries[$0] }
        }
        if let history = ref.range(of: "/_history/") { ref = String(ref[..<history.lowerBound]) }
        if let i = byFullUrl[ref] { return entries[i] }
        let isAbsolute = ref.contains(":")
        if !isAbsolute, let base = from.flatMap(baseURL(of:)), let i = byFullUrl[base + ref] { return entries[i] }
        // `Type/id` at the end of the reference (relative, or absolute on another base).
        let parts = ref.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else {
            // `urn:uuid:X` meant for an entry without fullUrl whose id is X.
            if ref.hasPrefix("urn:uuid:") { return unique(entries.filter { $0.container == nil && $0.fullUrl == nil && $0.id == String(ref.dropFirst(9)) }) }
            return nil
        }
        let typeID = "\(parts[parts.count - 2])/\(parts[parts.count - 1])"
        guard let first = typeID.first, first.isUppercase else { return nil }
        let bySuffix = entries.filter { $0.container == nil && $0.fullUrl?.hasSuffix("/" + typeID) == true }
        if let e = unique(bySuffix) { return e }
        if !bySuffix.isEmpty { return nil }
        return unique((byTypeID[typeID] ?? []).map { entries[$0] }.filter { $0.container == nil })
    }

    /// The base of an absolute RESTful `fullUrl` (`http://x/fhir/Patient/1` → `http://x/fhir/`), or nil.
    private func baseURL(of entry: Entry) -> String? {
        let e = entry.container.map { entries[$0] } ?? entry
        guard let url = e.fullUrl, url.hasPrefix("http://") || url.hasPrefix("https://") else { return nil }
        let parts = url.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5 else { return nil }
        return parts.dropLast(2).joined(separator: "/") + "/"
    }

    private func unique(_ candidates: [Entry]) -> Entry? {
        candidates.count == 1 ? candidates[0] : nil
    }
}
