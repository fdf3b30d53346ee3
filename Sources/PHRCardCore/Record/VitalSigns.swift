/// Measurements taken at one visit. Needs at least one measurement.
public struct VitalSigns: Sendable, Hashable {
    /// Allowed heights in centimetres.
    public static let heightRangeCm: ClosedRange<DecimalValue> = 20...260
    /// Allowed weights in kilograms.
    public static let weightRangeKg: ClosedRange<DecimalValue> = DecimalValue(significand: 3, exponent: -1)...400
    /// Allowed blood pressures in mmHg (systolic and diastolic).
    public static let bloodPressureRange: ClosedRange<Int> = 20...300
    /// Allowed body temperatures in degrees Celsius.
    public static let temperatureRangeC: ClosedRange<DecimalValue> = 25...45
    /// Allowed heart rates in beats per minute.
    public static let heartRateRange: ClosedRange<Int> = 20...300
    /// Allowed respiratory rates in breaths per minute.
    public static let respiratoryRateRange: ClosedRange<Int> = 1...150
    /// Allowed oxygen saturations in percent.
    public static let oxygenSaturationRange: ClosedRange<DecimalValue> = 50...100
    /// Allowed body mass indices in kg/m².
    public static let bmiRange: ClosedRange<DecimalValue> = 5...150

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
    /// Body temperature in degrees Celsius, 25...45.
    public var temperatureC: DecimalValue?
    /// Heart rate in beats per minute, 20...300.
    public var heartRate: Int?
    /// Respiratory rate in breaths per minute, 1...150.
    public var respiratoryRate: Int?
    /// Oxygen saturation (SpO2) in percent, 50...100.
    public var oxygenSaturation: DecimalValue?
    /// Body mass index in kg/m², 5...150.
    public var bmi: DecimalValue?

    /// Creates a vital signs entry.
    public init(
        date: PartialDate? = nil, heightCm: DecimalValue? = nil, weightKg: DecimalValue? = nil,
        bpSystolic: Int? = nil, bpDiastolic: Int? = nil, temperatureC: DecimalValue? = nil, heartRate: Int? = nil,
        respiratoryRate: Int? = nil, oxygenSaturation: DecimalValue? = nil, bmi: DecimalValue? = nil
    ) {
        self.date = date
        self.heightCm = heightCm
        self.weightKg = weightKg
        self.bpSystolic = bpSystolic
        self.bpDiastolic = bpDiastolic
        self.temperatureC = temperatureC
        self.heartRate = heartRate
        self.respiratoryRate = respiratoryRate
        self.oxygenSaturation = oxygenSaturation
        self.bmi = bmi
    }
}
