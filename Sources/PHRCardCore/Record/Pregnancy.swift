/// The holder's pregnancy status.
public struct Pregnancy: Sendable, Hashable {
    /// Whether the holder is pregnant.
    public enum Status: String, CaseIterable, Sendable {
        case pregnant
        case notPregnant = "not-pregnant"
        case unknown
    }

    /// Whether the holder is pregnant (required).
    public var status: Status
    /// The expected delivery date, possibly partial.
    public var dueDate: PartialDate?

    /// Creates a pregnancy status.
    public init(status: Status, dueDate: PartialDate? = nil) {
        self.status = status
        self.dueDate = dueDate
    }
}
