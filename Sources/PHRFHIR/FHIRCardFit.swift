/// The fit-to-card policy of the FHIR import (`spec/fhir.md`, *Fit to card*): when the card of an imported record
/// would be larger than a target, lower-priority content is left out in a fixed, clinically ordered sequence until
/// the card fits, and every left-out item is in the drop report (an entry left out counts as not carried).
///
/// Nothing is left out when the card already fits, and nothing is left out when even leaving out everything the
/// rules allow would not make it fit: the card then carries everything and is larger than the target.
public enum FHIRCardFit {
    /// What the policy may leave out, in the order it does so. Within a rule, the oldest first (undated first),
    /// then in Bundle order. Allergies, immunizations, alerts, active conditions, current medications, vital signs,
    /// procedures, devices, the pregnancy status and the notes are never left out.
    public enum Rule: String, Sendable, CaseIterable, Hashable {
        /// The dosage of a medication that is no longer taken (status `stopped`, `completed` or `not-taken`): the
        /// medication itself (name, code, date, status) stays on the card.
        case dosageNoLongerTaken = "dosage-no-longer-taken"
        /// A result whose code a later-dated result on the card repeats (the latest of the series stays).
        case olderResult = "older-result"
        /// A condition whose status is `inactive`, `resolved` or `remission`.
        case inactiveCondition = "inactive-condition"
        /// A medication that is no longer taken (status `stopped`, `completed` or `not-taken`).
        case medicationNoLongerTaken = "medication-no-longer-taken"

        /// The reason written in the drop report.
        public var reason: String {
            let base = "left out to fit the card (fit-to-card policy, spec/fhir.md): "
            switch self {
            case .dosageNoLongerTaken: return base + "the dosage of a medication no longer taken"
            case .olderResult: return base + "an older result of a code that a later result repeats"
            case .inactiveCondition: return base + "a condition that is inactive, resolved or in remission"
            case .medicationNoLongerTaken: return base + "a medication no longer taken"
            }
        }
    }

    /// One thing the policy could leave out.
    struct Candidate: Sendable, Hashable {
        let index: Int
        let rule: Rule
        let date: PartialDate?
    }

    /// How the policy ended for one import.
    public enum Outcome: Sendable, Hashable {
        /// The card fit without leaving anything out (or no target was given).
        case fits
        /// The card fits after leaving out ``FHIRImportResult/leftOutToFit``.
        case fitted
        /// Leaving out everything the rules allow would not make the card fit; nothing was left out.
        case cannotFit
    }

    /// The candidates in the order the policy uses them.
    static func ordered(_ candidates: [Candidate]) -> [Candidate] {
        let rules = Rule.allCases
        return candidates.enumerated().sorted { a, b in
            let ra = rules.firstIndex(of: a.element.rule)!, rb = rules.firstIndex(of: b.element.rule)!
            if ra != rb { return ra < rb }
            switch (a.element.date, b.element.date) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// An entry or element that the fit-to-card policy left out.
public struct FHIRLeftOut: Sendable, Hashable {
    /// The resource type, e.g. `Condition`.
    public let resourceType: String
    /// The resource's name in the drop report (fullUrl, else `Type/id`).
    public let resource: String
    /// The rule that left it out.
    public let rule: FHIRCardFit.Rule
}
