/// One single-valued vital sign of the FHIR mapping: its LOINC codes, the UCUM units accepted on import (with
/// their exact or rounded conversion to the record's unit) and the record field it fills (`spec/fhir.md`).
internal struct VitalMeasure: Sendable {
    /// How the measurement is named in the drop report.
    let name: String
    /// What the import accepts, for the drop report.
    let accepted: String
    /// The record's range.
    let range: ClosedRange<DecimalValue>
    /// The value in the record's unit for a value in `unit` (a UCUM code, else the unit text), or nil.
    let convert: @Sendable (DecimalValue, String) -> DecimalValue?
    let get: @Sendable (VitalSigns) -> DecimalValue?
    let set: @Sendable (inout VitalSigns, DecimalValue) -> Void

    static func forLOINC(_ loinc: String) -> VitalMeasure? {
        switch loinc {
        case FHIRCodes.bodyHeight: height
        case FHIRCodes.bodyWeight: weight
        case FHIRCodes.bodyTemperature: temperature
        case FHIRCodes.heartRate: heartRate
        case FHIRCodes.respiratoryRate: respiratoryRate
        case FHIRCodes.oxygenSaturation, FHIRCodes.oxygenSaturationPulse: oxygenSaturation
        case FHIRCodes.bmi: bmi
        default: nil
        }
    }

    static let height = VitalMeasure(
        name: "body height", accepted: "a height in cm, m or [in_i] within 20–260 cm", range: VitalSigns.heightRangeCm,
        convert: { v, unit in
            switch unit {
            case "cm": v
            case "m": DecimalValue(significand: v.significand, exponent: v.exponent + 2)
            case "[in_i]", "in": scaled(v, by: 254, exponent: -2, places: nil)  // exactly 2.54 cm
            default: nil
            }
        },
        get: { $0.heightCm }, set: { $0.heightCm = $1 })

    static let weight = VitalMeasure(
        name: "body weight", accepted: "a weight in kg, g or [lb_av] within 0.3–400 kg", range: VitalSigns.weightRangeKg,
        convert: { v, unit in
            switch unit {
            case "kg": v
            case "g": DecimalValue(significand: v.significand, exponent: v.exponent - 3)
            case "[lb_av]", "lb": scaled(v, by: 45_359_237, exponent: -8, places: 2)  // 0.45359237 kg, to 10 g
            default: nil
            }
        },
        get: { $0.weightKg }, set: { $0.weightKg = $1 })

    static let temperature = VitalMeasure(
        name: "body temperature", accepted: "a temperature in Cel or [degF] within 25–45 °C",
        range: VitalSigns.temperatureRangeC,
        convert: { v, unit in
            switch unit {
            case "Cel": v
            case "[degF]", "degF": fahrenheitToCelsius(v)
            default: nil
            }
        },
        get: { $0.temperatureC }, set: { $0.temperatureC = $1 })

    static let heartRate = VitalMeasure(
        name: "heart rate", accepted: "a whole number of /min within 20–300",
        range: decimalRange(VitalSigns.heartRateRange),
        convert: { v, unit in ["/min", "{beats}/min", "{beat}/min", "1/min"].contains(unit) && v.exponent >= 0 ? v : nil },
        get: { $0.heartRate.map { DecimalValue(significand: Int64($0), exponent: 0) } }, set: { $0.heartRate = wholeNumber($1) })

    static let respiratoryRate = VitalMeasure(
        name: "respiratory rate", accepted: "a whole number of /min within 1–150",
        range: decimalRange(VitalSigns.respiratoryRateRange),
        convert: { v, unit in
            ["/min", "{breaths}/min", "{breath}/min", "1/min"].contains(unit) && v.exponent >= 0 ? v : nil
        },
        get: { $0.respiratoryRate.map { DecimalValue(significand: Int64($0), exponent: 0) } }, set: { $0.respiratoryRate = wholeNumber($1) })

    static let oxygenSaturation = VitalMeasure(
        name: "oxygen saturation", accepted: "a saturation in % within 50–100", range: VitalSigns.oxygenSaturationRange,
        convert: { v, unit in unit == "%" ? v : nil },
        get: { $0.oxygenSaturation }, set: { $0.oxygenSaturation = $1 })

    static let bmi = VitalMeasure(
        name: "body mass index", accepted: "a BMI in kg/m2 within 5–150", range: VitalSigns.bmiRange,
        convert: { v, unit in ["kg/m2", "kg/m^2"].contains(unit) ? v : nil },
        get: { $0.bmi }, set: { $0.bmi = $1 })

    private static func decimalRange(_ r: ClosedRange<Int>) -> ClosedRange<DecimalValue> {
        DecimalValue(significand: Int64(r.lowerBound), exponent: 0)...DecimalValue(significand: Int64(r.upperBound), exponent: 0)
    }

    /// An integral decimal as an Int (the ranges keep it small).
    private static func wholeNumber(_ v: DecimalValue) -> Int {
        var n = v.significand
        for _ in 0..<max(v.exponent, 0) { n *= 10 }
        return Int(n)
    }

    /// `v × factor × 10^exponent`, exact when `places` is nil, else rounded half away from zero to `places`
    /// decimals; nil on overflow.
    static func scaled(_ v: DecimalValue, by factor: Int64, exponent: Int, places: Int?) -> DecimalValue? {
        let (product, overflow) = v.significand.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        let e = v.exponent + exponent
        guard let places, e < -places else { return DecimalValue(significand: product, exponent: e) }
        guard let divisor = power(-places - e) else { return DecimalValue(significand: 0, exponent: 0) }
        return DecimalValue(significand: roundedDivision(product, divisor), exponent: -places)
    }

    /// (°F − 32) × 5 / 9, rounded half away from zero to 0.1 °C; nil on overflow.
    static func fahrenheitToCelsius(_ v: DecimalValue) -> DecimalValue? {
        // Work in units of 10^e with e ≤ 0: F = p × 10^e.
        var p = v.significand
        var e = v.exponent
        while e > 0 {
            let (next, overflow) = p.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            p = next
            e -= 1
        }
        guard let scale = power(-e) else { return nil }
        let (thirtyTwo, o1) = Int64(32).multipliedReportingOverflow(by: scale)
        let (difference, o2) = p.subtractingReportingOverflow(thirtyTwo)
        let (times5, o3) = difference.multipliedReportingOverflow(by: 5)
        guard !o1, !o2, !o3 else { return nil }
        // tenths = times5 × 10^(e + 1) / 9
        if e + 1 >= 0 {
            guard let factor = power(e + 1), case (let n, false) = times5.multipliedReportingOverflow(by: factor) else {
                return nil
            }
            return DecimalValue(significand: roundedDivision(n, 9), exponent: -1)
        }
        guard let divisor = power(-e - 1), case (let d, false) = divisor.multipliedReportingOverflow(by: 9) else {
            return nil
        }
        return DecimalValue(significand: roundedDivision(times5, d), exponent: -1)
    }

    private static func power(_ n: Int) -> Int64? {
        guard n >= 0, n <= 18 else { return nil }
        var p: Int64 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// `a / b` rounded half away from zero (b > 0).
    private static func roundedDivision(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        let r = a % b
        if r.magnitude * 2 >= b.magnitude { return a < 0 ? q - 1 : q + 1 }
        return q
    }
}
