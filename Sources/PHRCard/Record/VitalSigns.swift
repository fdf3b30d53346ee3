/// Measurements taken at one visit. Needs at least one measurement.
public struct VitalSigns: Sendable, Hashable {
    /// Allowed heights in centimetres.
    public static let heightRangeCm: ClosedRange<DecimalValue> = 20...260
    /// Allowed weights in kilograms.
    public static let weightRangeKg: ClosedRange<DecimalValue> = DecimalValue(significand: 3, exponent: -1)...400
    /// Allowed blood pressures in mmHg (systolic and diastolic).
    public static let bloodPressureRange: ClosedRange<Int> = 20...300

    /// When the measurements were taken, possibly partial.
    public var date: PartialDate?
    /// Height in centimetres, 20...260.
    public var heightCm: DecimalValue?
    /// Weight in kilograms, 0.3...400.
    public var weightKg: DecimalValue?
    /// Systolic blood pressure in mmHg, 20...300.
    public var bpSystolic: Int?
    /// Diastolic blood pressure in mmHg, 20...300.
    public var bpDiastolic: Int?

    /// Creates a vital signs entry.
    public init(
        date: PartialDate? = nil, heightCm: DecimalValue? = nil, weightKg: DecimalValue? = nil,
        bpSystolic: Int? = nil, bpDiastolic: Int? = nil
    ) {
        self.date = date
        self.heightCm = heightCm
        self.weightKg = weightKg
        self.bpSystolic = bpSystolic
        self.bpDiastolic = bpDiastolic
    }
}
