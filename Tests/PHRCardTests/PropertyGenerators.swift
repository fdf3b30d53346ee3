import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

/// SplitMix64: a tiny, fast, seedable PRNG so that every property-test run sees the same cases.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// Generates random valid health records covering every field, script, date form, code system and limit.
struct RecordGenerator {
    var rng: SplitMix64
    /// 0 = small (usually fits a card), 1 = medium, 2 = maximal (every section at its limits).
    var size: Int

    static let words: [[String]] = [
        ["José", "María", "Núñez", "Zoë", "Ørsted", "François", "Çelik", "Łukasz", "Dvořák", "Ångström", "naïve"],
        ["أمينة", "يوسف", "محمد", "الحسن", "فاطمة"],                 // Arabic
        ["فاطمه", "رضایی", "کوچک", "پژوهش", "گل"],                  // Persian
        ["ሰላም", "ተስፋዬ", "አበበ", "ብርሃን", "ኢትዮጵያ"],                     // Ethiopic
        ["রহিম", "উদ্দিন", "বাংলা", "শিশু", "জ্বর"],                     // Bengali
        ["முருகன்", "தமிழ்", "கண்ணன்", "மருந்து"],                       // Tamil
        ["Наталья", "Иванова", "Сергей", "аллергия", "прививка"],  // Cyrillic
        ["王小明", "山田", "太郎", "김민준", "糖尿病", "高血压"],            // CJK + Hangul
        ["🌍", "🏥", "💉", "👩🏽‍⚕️", "🇸🇴", "❤️"],                            // emoji, ZWJ and flag sequences
        ["a", "B", "z-9", "O'Brien", "Smith-Jones", "\"quoted\"", "back\\slash", "50%", "<tag>", "&amp;"],
    ]

    mutating func words(maxBytes: Int, allowLineBreaks: Bool) -> String {
        let count = size == 2 ? 400 : rng.int(1...(size == 0 ? 3 : 12))
        var text = ""
        for i in 0..<count {
            let word = rng.pick(rng.pick(Self.words))
            let sep = i == 0 ? "" : (allowLineBreaks && rng.chance(0.1) ? rng.pick(["\n", "\t", "\n\n"]) : " ")
            if (text + sep + word).utf8.count > maxBytes { break }
            text += sep + word
        }
        if text.isEmpty { text = "x" }
        return text
    }

    mutating func name() -> String { words(maxBytes: RecordLimits.maxNameBytes, allowLineBreaks: false) }
    mutating func text() -> String { words(maxBytes: RecordLimits.maxTextBytes, allowLineBreaks: true) }

    mutating func date() -> PartialDate {
        let year = rng.chance(0.2) ? rng.pick([1900, 2079, 2080, 2150, 2000, 2024, 1904]) : rng.int(1900...2150)
        switch rng.int(0...5) {
        case 0: return try! PartialDate(year: year)
        case 1: return try! PartialDate(year: year, month: rng.int(1...12))
        case 2:
            let leap = rng.pick([1904, 1996, 2000, 2024, 2076, 2148])
            return try! PartialDate(year: leap, month: 2, day: 29)
        case 3: return try! PartialDate(year: 2079, month: 6, day: rng.int(5...7))  // around day 65535
        default:
            let month = rng.int(1...12)
            return try! PartialDate(year: year, month: month, day: rng.int(1...PartialDate.daysInMonth(month, year: year)))
        }
    }

    mutating func code() -> ClinicalCode {
        switch rng.int(0...11) {
        case 0: return ClinicalCode(.cvx, rng.pick(["03", "3", "510", "01", "1", "208", "0", "00", "0003"]))
        case 1: return ClinicalCode(.loinc, rng.pick(["1234-5", "56888-1", "4548-4", "12345", "0-1", "9-9", "1-23"]))
        case 2: return ClinicalCode(.snomed, rng.pick(["764146007", "38341003", "0", "9223372036854775807",
                                                        "18446744073709551615", "18446744073709551616", "007"]))
        case 3: return ClinicalCode(.icd10, rng.pick(["E11.9", "B20", "J45.909", "O24.4", "e11.9", "1"]))
        case 4: return ClinicalCode(.icd11, rng.pick(["5A11", "1C62.Z", "XN109"]))
        case 5: return ClinicalCode(.atc, rng.pick(["A10BA02", "J01CA04", "N02BE01"]))
        case 6: return ClinicalCode(.rxnorm, rng.pick(["860975", "0", "1049221"]))
        case 7: return ClinicalCode(.iso3166, rng.pick(["SO", "ET", "840"]))
        case 8: return ClinicalCode(system: rng.pick(["local", "x-clinic.v2", "a", "msf+ocb"]),
                                    code: rng.pick(["abc", "a:b:c", "~!@#$%^&*()", "123", "X"]))
        case 9:
            let long = String(repeating: "9", count: RecordLimits.maxCodeLength)
            return ClinicalCode(system: String(repeating: "z", count: RecordLimits.maxCodeSystemLength), code: long)
        default:
            // A code with a standard display text (the caller may use the text exactly or a near miss).
            return ClinicalCode(system: rng.pick(["cvx", "loinc", "icd10", "atc"]),
                                code: rng.pick(["03", "19", "56888-1", "E11.9", "A10BA02", "B20"]))
        }
    }

    /// A text for an entry with `code`: its standard display, a near miss of it, or an ordinary text.
    mutating func display(for code: ClinicalCode?) -> String? {
        if let code, let standard = CodeDisplays.standardDisplay(system: code.system, code: code.code) {
            switch rng.int(0...4) {
            case 0, 1: return standard
            case 2: return standard + " "
            case 3: return standard.lowercased() == standard ? standard.uppercased() : standard.lowercased()
            default: return String(standard.dropLast()) + (standard.last == "x" ? "y" : "x")
            }
        }
        return rng.chance(0.7) ? text() : nil
    }

    mutating func count() -> Int {
        switch size {
        case 0: return rng.pick([0, 1, 1, 2, 3])
        case 1: return rng.int(0...12)
        default: return RecordLimits.maxEntriesPerSection
        }
    }

    mutating func list<T>(_ make: (inout RecordGenerator) -> T) -> [T]? {
        guard size == 2 || rng.chance(0.75) else { return nil }
        return (0..<count()).map { _ in make(&self) }
    }

    mutating func opt<T>(_ p: Double = 0.6, _ make: (inout RecordGenerator) -> T) -> T? {
        size == 2 || rng.chance(p) ? make(&self) : nil
    }

    mutating func codeOrText<T>(_ make: (ClinicalCode?, String?) -> T) -> T {
        let code = rng.chance(0.7) || size == 2 ? self.code() : nil
        var text = display(for: code)
        if code == nil && text == nil { text = self.text() }
        return make(code, text)
    }

    /// A decimal in `range` (including integral values such as 170 = 17 × 10¹).
    mutating func decimal(_ range: ClosedRange<DecimalValue>) -> DecimalValue {
        anyDecimal(range)
    }

    mutating func anyDecimal(_ range: ClosedRange<DecimalValue>) -> DecimalValue {
        if rng.chance(0.3) {
            return rng.pick([DecimalValue("54.0")!, DecimalValue("61.25")!, DecimalValue("0.3")!, range.lowerBound,
                             range.upperBound, DecimalValue("165")!, DecimalValue("3.14159")!].filter(range.contains))
        }
        let lo = Int(range.lowerBound.doubleValue.rounded(.up) * 100), hi = Int(range.upperBound.doubleValue * 100)
        return DecimalValue(significand: Int64(rng.int(lo...hi)), exponent: -2)
    }

    mutating func record() -> HealthRecord {
        var holder = Holder()
        switch rng.int(0...2) {
        case 0: holder.given = name()
        case 1: holder.family = name()
        default: holder.given = name(); holder.family = name()
        }
        holder.birthDate = opt { $0.date() }
        holder.sex = opt { $0.rng.pick(Holder.Sex.allCases) }
        holder.nationality = opt { g in g.rng.pick(["SO", "ET", "AF", "SY", "UA", "CN", "BD", "ER", "ZZ"]) }
        holder.languages = opt { g in
            (0..<(g.size == 2 ? RecordLimits.maxLanguages : g.rng.int(0...3))).map { _ in
                g.rng.pick(["so", "ar", "fa", "am", "ti", "bn", "ta", "ru", "zh", "prs", "eng"]) }
        }
        holder.identifiers = opt { g in
            (0..<(g.size == 2 ? RecordLimits.maxIdentifiers : g.rng.int(0...2))).map { _ in
                Holder.Identifier(system: g.rng.pick(["unhcr", "asylum-case", "مفوضية"]), value: g.name()) }
        }
        // Unknown and self-declared identity (v1-final): an unknown field is absent, a declared one present.
        if rng.chance(0.15) { holder.given = nil; holder.family = nil; holder.unknown.insert(.name) }
        if holder.birthDate == nil && rng.chance(0.3) { holder.unknown.insert(.birthDate) }
        if rng.chance(0.3) || size == 2 {
            let present: [Holder.DeclaredField: Bool] = [
                .name: holder.given != nil || holder.family != nil, .birthDate: holder.birthDate != nil,
                .sex: holder.sex != nil, .nationality: holder.nationality != nil,
            ]
            holder.declared = Set(Holder.DeclaredField.allCases.filter { present[$0]! && (size == 2 || rng.chance(0.5)) })
        }
        var r = HealthRecord(holder: holder)
        r.allergies = list { g in g.codeOrText { Allergy(code: $0, text: $1) } }.map { list in
            list.map { a in var a = a; a.criticality = rng.chance(0.5) ? rng.pick(Allergy.Criticality.allCases) : nil
                a.reaction = rng.chance(0.4) || size == 2 ? text() : nil
                a.severity = rng.chance(0.4) || size == 2 ? rng.pick(Allergy.Severity.allCases) : nil
                a.category = rng.chance(0.4) || size == 2 ? rng.pick(Allergy.Category.allCases) : nil; return a } }
        r.conditions = list { g in g.codeOrText { Condition(code: $0, text: $1) } }.map { list in
            list.map { c in var c = c; c.status = rng.chance(0.5) ? rng.pick(Condition.Status.allCases) : nil
                c.onset = rng.chance(0.5) ? date() : nil; return c } }
        r.medications = list { g in g.codeOrText { Medication(code: $0, text: $1) } }.map { list in
            list.map { m in var m = m; m.dosage = rng.chance(0.5) || size == 2 ? text() : nil
                m.since = rng.chance(0.5) ? date() : nil
                m.status = rng.chance(0.5) || size == 2 ? rng.pick(Medication.Status.allCases) : nil; return m } }
        r.immunizations = list { g in g.codeOrText { Immunization(code: $0, text: $1) } }.map { list in
            list.map { i in var i = i; i.date = rng.chance(0.7) ? date() : nil
                i.dose = rng.chance(0.5) ? rng.pick([1, 2, 3, 99, rng.int(1...99)]) : nil
                i.country = rng.chance(0.4) ? rng.pick(["SO", "ET", "KE"]) : nil; return i } }
        r.results = list { g in g.codeOrText { LabResult(code: $0, text: $1) } }.map { list in
            list.map { x in var x = x; x.value = rng.chance(0.7) || size == 2 ? rng.pick(["negative", "7.4 %", "≥ 5", text()]) : nil
                x.date = rng.chance(0.6) ? date() : nil
                x.interpretation = rng.chance(0.4) || size == 2 ? rng.pick(LabResult.Interpretation.allCases) : nil
                x.range = rng.chance(0.4) || size == 2 ? rng.pick(["4.0-6.0 %", "<5 mg/L", ">=60 mL/min", name()]) : nil
                return x } }
        r.vitals = list { g in
            var v = VitalSigns(date: g.opt { $0.date() })
            let which = g.size == 2 ? 511 : g.rng.int(1...511)
            if which & 1 != 0 { v.heightCm = g.decimal(VitalSigns.heightRangeCm) }
            if which & 2 != 0 { v.weightKg = g.decimal(VitalSigns.weightRangeKg) }
            if which & 4 != 0 { v.bpSystolic = g.rng.pick([20, 300, g.rng.int(20...300)]) }
            if which & 8 != 0 { v.bpDiastolic = g.rng.pick([20, 300, g.rng.int(20...300)]) }
            if which & 16 != 0 { v.temperatureC = g.decimal(VitalSigns.temperatureRangeC) }
            if which & 32 != 0 { v.heartRate = g.rng.pick([20, 300, g.rng.int(20...300)]) }
            if which & 64 != 0 { v.respiratoryRate = g.rng.pick([1, 150, g.rng.int(1...150)]) }
            if which & 128 != 0 { v.oxygenSaturation = g.decimal(VitalSigns.oxygenSaturationRange) }
            if which & 256 != 0 { v.bmi = g.decimal(VitalSigns.bmiRange) }
            return v
        }
        r.pregnancy = opt(0.3) { g in Pregnancy(status: g.rng.pick(Pregnancy.Status.allCases), dueDate: g.opt { $0.date() }) }
        r.notes = opt(0.3) { g in g.words(maxBytes: RecordLimits.maxNotesBytes, allowLineBreaks: true) }
        r.procedures = list { g in g.codeOrText { Procedure(code: $0, text: $1) } }.map { list in
            list.map { p in var p = p; p.date = rng.chance(0.6) ? date() : nil
                p.status = rng.chance(0.5) || size == 2 ? rng.pick(Procedure.Status.allCases) : nil; return p } }
        r.devices = list { g in g.codeOrText { MedicalDevice(code: $0, text: $1) } }.map { list in
            list.map { d in var d = d; d.since = rng.chance(0.5) || size == 2 ? date() : nil; return d } }
        r.alerts = list { g in g.codeOrText { Alert(code: $0, text: $1) } }.map { list in
            list.map { a in var a = a; a.since = rng.chance(0.4) ? date() : nil
                a.severity = rng.chance(0.6) || size == 2 ? rng.pick(Alert.Severity.allCases) : nil; return a } }
        return r
    }
}
