/// A disclosure tier: a part of the record encrypted for its own set of readers.
public enum Tier: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// Identity, allergies, immunizations and alerts by default: for health checks at borders and reception centres.
    case essential = 0
    /// Everything else by default: for treating clinicians with the holder's consent.
    case clinical = 1

    /// The tier's name as used on the command line and in JSON.
    public var name: String {
        switch self {
        case .essential: "essential"
        case .clinical: "clinical"
        }
    }

    public var description: String { name }

    /// Parses a tier name.
    public init?(name: String) {
        guard let t = Tier.allCases.first(where: { $0.name == name }) else { return nil }
        self = t
    }

    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

/// The assignment of record sections to tiers. Every section belongs to exactly one tier; the assignment is
/// recorded on the card as a section mask per tier (the policy, not which sections hold data, so that the card
/// does not reveal which sections are present).
public struct TierPolicy: Sendable, Hashable {
    private var assignment: [HealthRecord.Section: Tier] { didSet { sectionsByTier = Self.sectionsByTier(assignment) } }
    /// ``sections(in:)`` per tier (indexed by raw value), derived from `assignment` whenever it changes: `verify`
    /// asks for it on every card.
    private var sectionsByTier: [[HealthRecord.Section]]

    /// holder, allergies, immunizations and alerts in `essential`; conditions, medications, results, vitals,
    /// pregnancy, notes, procedures and devices in `clinical`.
    /// (Each section's ``SectionDescriptor/defaultTier`` in the section table.)
    public static let `default` = TierPolicy(
        assignment: Dictionary(uniqueKeysWithValues: HealthRecord.Section.table.map { ($0.section, $0.defaultTier) }))

    private init(assignment: [HealthRecord.Section: Tier]) {
        self.assignment = assignment
        self.sectionsByTier = Self.sectionsByTier(assignment)
    }

    private static func sectionsByTier(_ assignment: [HealthRecord.Section: Tier]) -> [[HealthRecord.Section]] {
        Tier.allCases.map { tier in HealthRecord.Section.allCases.filter { (assignment[$0] ?? .clinical) == tier } }
    }

    /// The tier that holds `section`.
    public func tier(of section: HealthRecord.Section) -> Tier { assignment[section] ?? .clinical }

    /// Moves `section` to `tier`.
    public mutating func assign(_ section: HealthRecord.Section, to tier: Tier) { assignment[section] = tier }

    /// Parses `SECTION=TIER` overrides on top of the default policy (e.g. `conditions=essential`).
    public init(overrides: [String]) throws(PHRCardError) {
        self = .default
        for o in overrides {
            let parts = o.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw PHRCardError(.badTierPolicy, "tier assignment \"\(o)\" is not SECTION=TIER")
            }
            guard let s = HealthRecord.Section(rawValue: parts[0]) else {
                throw PHRCardError(.badTierPolicy, "tier assignment \"\(o)\": unknown section \"\(parts[0])\"; sections are "
                                   + HealthRecord.Section.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let t = Tier(name: parts[1]) else {
                throw PHRCardError(.badTierPolicy, "tier assignment \"\(o)\": unknown tier \"\(parts[1])\"; tiers are essential, clinical")
            }
            guard s != .holder || t == .essential else {
                throw PHRCardError(.badTierPolicy, "tier assignment \"\(o)\": the holder section is always in the essential tier")
            }
            guard s != .holder || t == .essential else {
                throw PHRCardError(.badTierPolicy, "tier assignment \"\(o)\": the holder section is always in the essential tier")
            }
            assign(s, to: t)
        }
    }

    /// The sections of `tier`, in record order.
    public func sections(in tier: Tier) -> [HealthRecord.Section] {
        sectionsByTier[tier.rawValue]
    }

    /// The section mask of `tier` as written on the card: bit (id − 1) for each section id.
    public func mask(of tier: Tier) -> UInt64 {
        sections(in: tier).reduce(0) { $0 | (1 << UInt64(CompactRecord.sectionID($1) - 1)) }
    }

    /// The masks of the default policy, per tier (nil if they would not read back as the default policy).
    private static let defaultMasks: [Tier: UInt64]? = {
        let masks = Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0, TierPolicy.default.mask(of: $0)) })
        return build(fromMasks: masks) == .default ? masks : nil
    }()

    /// Rebuilds a policy from the masks read from a card; nil unless every section is in exactly one tier.
    /// Rebuilds a policy from the masks of the tiers in order (essential, clinical), as a card lists them.
    static func fromMasks(_ masks: [UInt64]) -> TierPolicy? {
        guard masks.count == Tier.allCases.count else { return nil }
        if Self.defaultMasks != nil, masks == Self.defaultMaskList { return .default }
        return build(fromMasks: Dictionary(uniqueKeysWithValues: zip(Tier.allCases, masks)))
    }

    /// ``defaultMasks`` in tier order.
    private static let defaultMaskList: [UInt64] = Tier.allCases.map { TierPolicy.default.mask(of: $0) }

    static func fromMasks(_ masks: [Tier: UInt64]) -> TierPolicy? {
        // Nearly every card uses the default policy: recognise its masks without rebuilding it.
        if let defaultMasks, masks == defaultMasks { return .default }
        return build(fromMasks: masks)
    }

    private static func build(fromMasks masks: [Tier: UInt64]) -> TierPolicy? {
        var assignment: [HealthRecord.Section: Tier] = [:]
        for section in HealthRecord.Section.allCases {
            let bit = UInt64(1) << UInt64(CompactRecord.sectionID(section) - 1)
            let owners = masks.filter { $0.value & bit != 0 }.map(\.key)
            guard owners.count == 1 else { return nil }
            assignment[section] = owners[0]
        }
        let all = HealthRecord.Section.allCases.reduce(UInt64(0)) { $0 | 1 << UInt64(CompactRecord.sectionID($1) - 1) }
        guard masks.values.allSatisfy({ $0 & ~all == 0 }) else { return nil }
        return TierPolicy(assignment: assignment)
    }
}
