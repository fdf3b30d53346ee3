/// A record whose sections may be absent: what a reader's key or the holder code opened of a card.
///
/// Its sections are the ``HealthRecord``'s own (read them as `opened.allergies`, `opened.notes`, …; a section
/// whose tier was not opened is nil, as is a section that is not recorded). ``openedSections`` says which is which;
/// ``closedSections`` lists the sections of the tiers that could not be opened. The holder is nil when its tier was
/// not opened; ``record`` is then nil too.
@dynamicMemberLookup
public struct OpenedRecord: Sendable, Hashable {
    /// The holder, or nil when the holder's tier was not opened.
    public var holder: Holder?
    /// The sections of the opened tiers (present or not recorded).
    public var openedSections: Set<HealthRecord.Section>
    /// The tiers that were opened.
    public var openedTiers: [Tier]
    /// The tiers that could not be opened.
    public var closedTiers: [Tier]
    /// The sections of the closed tiers, tier by tier in record order.
    public var closedSections: [HealthRecord.Section]
    /// The opened sections, with a placeholder holder (never exposed) when the holder was not opened.
    private var sections: HealthRecord

    /// An opened record with the given tiers and no section content yet.
    /// - Parameters:
    ///   - openedTiers: the tiers that were opened.
    ///   - closedTiers: the tiers that could not be opened.
    ///   - policy: the card's assignment of sections to tiers.
    public init(openedTiers: [Tier] = Tier.allCases, closedTiers: [Tier] = [], policy: TierPolicy = .default) {
        holder = nil
        self.openedTiers = openedTiers
        self.closedTiers = closedTiers
        openedSections = Set(openedTiers.flatMap { policy.sections(in: $0) })
        closedSections = closedTiers.flatMap { policy.sections(in: $0) }
        sections = HealthRecord(holder: Holder())
    }

    /// A whole record: every tier and section opened.
    /// - Parameter record: the record.
    public init(record: HealthRecord) {
        self.init()
        holder = record.holder
        sections = record
    }

    /// A section of the record (nil when absent or in a tier that was not opened), e.g. `opened.allergies`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HealthRecord, Value?>) -> Value? {
        get { sections[keyPath: keyPath] }
        set { sections[keyPath: keyPath] = newValue }
    }

    /// The whole record, when the holder section was opened.
    public var record: HealthRecord? {
        guard let holder else { return nil }
        var record = sections
        record.holder = holder
        return record
    }

    /// The sections that are present (non-nil), in record order; the holder first when it was opened.
    public var presentSections: [HealthRecord.Section] {
        HealthRecord.Section.table.filter { $0.section == .holder ? holder != nil : $0.isPresent(sections) }
            .map(\.section)
    }

    /// The opened sections in the record's native JSON (sections of closed tiers are absent, and so is the holder
    /// when its tier was not opened).
    /// - Parameter prettyPrinted: indented output (the default) or the most compact form.
    /// - Returns: UTF-8 JSON.
    public func jsonData(prettyPrinted: Bool = true) -> [UInt8] {
        if let record { return record.jsonData(prettyPrinted: prettyPrinted) }
        // No holder: write the record with the placeholder holder and drop that member from the output.
        var value = RecordEncoder.encode(sections)
        if case .object(let members) = value { value = .object(members.filter { $0.name != "holder" }) }
        return JSONWriter.write(value, prettyPrinted: prettyPrinted)
    }

    /// The opened sections as a record, with `placeholder` standing in for a holder that was not opened (the
    /// decoder's checks run the record's own rules and encoder on a partial record this way).
    func record(placeholder: Holder) -> HealthRecord {
        var record = sections
        record.holder = holder ?? placeholder
        return record
    }

    /// Sets which tiers were opened once decoding is done (the decoder fills the sections first).
    mutating func setTiers(opened: [Tier], closed: [Tier], policy: TierPolicy) {
        openedTiers = opened
        closedTiers = closed
        openedSections = Set(opened.flatMap { policy.sections(in: $0) })
        closedSections = closed.flatMap { policy.sections(in: $0) }
    }
}
