import Foundation
import PHRCard
import PHRCodecs
import PHRCrypto
import PHRImaging

/// A SMART Health Card style encoding of the same record: a minimal FHIR R4 Bundle inside the VC wrapper,
/// minified JSON, raw DEFLATE, compact JWS ES256 (`zip: DEF`), `shc:/` + numeric digits, QR byte + numeric segments.
///
/// Mapping (every record field appears; `resource:N` full URLs; no narrative, ids or meta):
/// - holder → Patient: `name` [{family, given}], `birthDate`, `gender` (sex), `identifier` [{system, value}],
///   `communication` [{language: {coding: [{urn:ietf:bcp:47, code}]}}], nationality as the standard extension
///   `patient-nationality` {code: {coding: [{urn:iso:std:iso:3166, code}]}}.
/// - allergy → AllergyIntolerance: `code`, `category`, `criticality`, `reaction` [{description, severity}], `patient`.
/// - condition → Condition: `code`, `clinicalStatus` (condition-clinical code), `onsetDateTime`, `subject`.
/// - medication → MedicationStatement: `status` (the record's, else active), `medicationCodeableConcept`, `effectivePeriod.start`
///   (since), `dosage` [{text}], `subject`.
/// - immunization → Immunization: `status` completed, `vaccineCode`, `occurrenceDateTime`,
///   `protocolApplied` [{doseNumberPositiveInt}], country as `location.display`, `patient`.
/// - result → Observation: `status` final, `code`, `effectiveDateTime`, `valueString`, `interpretation` (v3 code),
///   `referenceRange` [{text}], `subject`.
/// - vitals → one Observation per measurement (LOINC 8302-2 height, 29463-7 weight, 85354-9 blood pressure with
///   components 8480-6/8462-4, 8310-5, 8867-4, 9279-1, 2708-6, 39156-5), UCUM `valueQuantity` {value, system, code}.
/// - holder unknown name/birth date → `data-absent-reason` extensions; declared → `urn:phrcard:fhir:self-declared`.
/// - pregnancy → Observation LOINC 82810-3 with a SNOMED value (77386006 / 60001007 / 261665006) and, for the due
///   date, Observation LOINC 11778-8 `valueDateTime`.
/// - notes → Observation LOINC 48767-8 `valueString`.
/// Codes are {system URI, code}. With `withDisplays == false` (the SMART rule) display texts are left out when an
/// entry has a code; an entry without a code keeps its text as `CodeableConcept.text`. With `true` they are
/// `Coding.display` (not allowed by SMART's QR rules; shown for comparison with PHRCard, which keeps texts).
struct SMARTStyle {
    let withDisplays: Bool
    static let issuer = "https://health.example.gr/shc"
    /// The largest JWS in one QR code (version 22 at L) and the chunk size of the deprecated chunking.
    static let singleQRLimit = 1195

    func bundle(_ r: HealthRecord) -> JSON {
        var resources: [JSON] = [patient(r.holder)]
        let subject = JSON.object([("reference", .string("resource:0"))])
        for a in r.allergies ?? [] {
            var f: [(String, JSON)] = [("resourceType", .string("AllergyIntolerance"))]
            f += concept("code", a.code, a.text)
            if let c = a.category { f.append(("category", .array([.string(c.rawValue)]))) }
            if let c = a.criticality { f.append(("criticality", .string(c.rawValue))) }
            if a.reaction != nil || a.severity != nil {
                var reaction: [(String, JSON)] = []
                if let re = a.reaction { reaction.append(("description", .string(re))) }
                if let sv = a.severity { reaction.append(("severity", .string(sv.rawValue))) }
                f.append(("reaction", .array([.object(reaction)])))
            }
            f.append(("patient", subject))
            resources.append(.object(f))
        }
        for c in r.conditions ?? [] {
            var f: [(String, JSON)] = [("resourceType", .string("Condition"))]
            if let s = c.status {
                f.append(("clinicalStatus", coding("http://terminology.hl7.org/CodeSystem/condition-clinical", s.rawValue)))
            }
            f += concept("code", c.code, c.text)
            f.append(("subject", subject))
            if let o = c.onset { f.append(("onsetDateTime", .string(o.description))) }
            resources.append(.object(f))
        }
        for m in r.medications ?? [] {
            var f: [(String, JSON)] = [("resourceType", .string("MedicationStatement")),
                                       ("status", .string(m.status?.rawValue ?? "active"))]
            f += concept("medicationCodeableConcept", m.code, m.text)
            f.append(("subject", subject))
            if let s = m.since { f.append(("effectivePeriod", .object([("start", .string(s.description))]))) }
            if let d = m.dosage { f.append(("dosage", .array([.object([("text", .string(d))])]))) }
            resources.append(.object(f))
        }
        for i in r.immunizations ?? [] {
            var f: [(String, JSON)] = [("resourceType", .string("Immunization")), ("status", .string("completed"))]
            f += concept("vaccineCode", i.code, i.text)
            f.append(("patient", subject))
            if let d = i.date { f.append(("occurrenceDateTime", .string(d.description))) }
            if let c = i.country { f.append(("location", .object([("display", .string(c))]))) }
            if let n = i.dose { f.append(("protocolApplied", .array([.object([("doseNumberPositiveInt", .int(n))])]))) }
            resources.append(.object(f))
        }
        for l in r.results ?? [] {
            var f: [(String, JSON)] = [("resourceType", .string("Observation")), ("status", .string("final"))]
            f += concept("code", l.code, l.text)
            f.append(("subject", subject))
            if let d = l.date { f.append(("effectiveDateTime", .string(d.description))) }
            if let v = l.value { f.append(("valueString", .string(v))) }
            if let i = l.interpretation {
                let code = ["normal": "N", "abnormal": "A", "low": "L", "high": "H", "critical-low": "LL",
                            "critical-high": "HH", "positive": "POS", "negative": "NEG", "indeterminate": "IND"][i.rawValue]!
                f.append(("interpretation", .array([coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code)])))
            }
            if let range = l.range { f.append(("referenceRange", .array([.object([("text", .string(range))])]))) }
            resources.append(.object(f))
        }
        for v in r.vitals ?? [] {
            func obs(_ loinc: String, _ rest: [(String, JSON)]) -> JSON {
                var f: [(String, JSON)] = [("resourceType", .string("Observation")), ("status", .string("final")),
                                           ("code", coding("http://loinc.org", loinc)), ("subject", subject)]
                if let d = v.date { f.append(("effectiveDateTime", .string(d.description))) }
                return .object(f + rest)
            }
            if let h = v.heightCm { resources.append(obs("8302-2", [("valueQuantity", quantity(h.description, "cm"))])) }
            if let w = v.weightKg { resources.append(obs("29463-7", [("valueQuantity", quantity(w.description, "kg"))])) }
            if v.bpSystolic != nil || v.bpDiastolic != nil {
                var comps: [JSON] = []
                if let s = v.bpSystolic {
                    comps.append(.object([("code", coding("http://loinc.org", "8480-6")),
                                          ("valueQuantity", quantity(String(s), "mm[Hg]"))]))
                }
                if let d = v.bpDiastolic {
                    comps.append(.object([("code", coding("http://loinc.org", "8462-4")),
                                          ("valueQuantity", quantity(String(d), "mm[Hg]"))]))
                }
                resources.append(obs("85354-9", [("component", .array(comps))]))
            }
            if let t = v.temperatureC { resources.append(obs("8310-5", [("valueQuantity", quantity(t.description, "Cel"))])) }
            if let n = v.heartRate { resources.append(obs("8867-4", [("valueQuantity", quantity(String(n), "/min"))])) }
            if let n = v.respiratoryRate { resources.append(obs("9279-1", [("valueQuantity", quantity(String(n), "/min"))])) }
            if let o = v.oxygenSaturation { resources.append(obs("2708-6", [("valueQuantity", quantity(o.description, "%"))])) }
            if let b = v.bmi { resources.append(obs("39156-5", [("valueQuantity", quantity(b.description, "kg/m2"))])) }
        }
        if let p = r.pregnancy {
            let snomed = switch p.status {
            case .pregnant: "77386006"
            case .notPregnant: "60001007"
            case .unknown: "261665006"
            }
            resources.append(.object([("resourceType", .string("Observation")), ("status", .string("final")),
                                      ("code", coding("http://loinc.org", "82810-3")), ("subject", subject),
                                      ("valueCodeableConcept", coding("http://snomed.info/sct", snomed))]))
            if let dd = p.dueDate {
                resources.append(.object([("resourceType", .string("Observation")), ("status", .string("final")),
                                          ("code", coding("http://loinc.org", "11778-8")), ("subject", subject),
                                          ("valueDateTime", .string(dd.description))]))
            }
        }
        if let n = r.notes {
            resources.append(.object([("resourceType", .string("Observation")), ("status", .string("final")),
                                      ("code", coding("http://loinc.org", "48767-8")), ("subject", subject),
                                      ("valueString", .string(n))]))
        }
        return .object([
            ("resourceType", .string("Bundle")), ("type", .string("collection")),
            ("entry", .array(resources.enumerated().map {
                .object([("fullUrl", .string("resource:\($0.offset)")), ("resource", $0.element)])
            })),
        ])
    }

    private func patient(_ h: Holder) -> JSON {
        var f: [(String, JSON)] = [("resourceType", .string("Patient"))]
        var extensions: [JSON] = []
        if let n = h.nationality {
            extensions.append(.object([
                ("url", .string("http://hl7.org/fhir/StructureDefinition/patient-nationality")),
                ("extension", .array([.object([("url", .string("code")),
                                               ("valueCodeableConcept", coding("urn:iso:std:iso:3166", n))])])),
            ]))
        }
        for field in Holder.DeclaredField.allCases where h.declared.contains(field) {
            extensions.append(.object([("url", .string("urn:phrcard:fhir:self-declared")), ("valueCode", .string(field.rawValue))]))
        }
        if !extensions.isEmpty { f.append(("extension", .array(extensions))) }
        let absent = JSON.object([("extension", .array([.object([
            ("url", .string("http://hl7.org/fhir/StructureDefinition/data-absent-reason")), ("valueCode", .string("unknown")),
        ])]))])
        if let ids = h.identifiers {
            f.append(("identifier", .array(ids.map { .object([("system", .string($0.system)), ("value", .string($0.value))]) })))
        }
        var name: [(String, JSON)] = []
        if let fam = h.family { name.append(("family", .string(fam))) }
        if let g = h.given { name.append(("given", .array([.string(g)]))) }
        f.append(("name", .array([h.unknown.contains(.name) ? absent : .object(name)])))
        if let s = h.sex { f.append(("gender", .string(s.rawValue))) }
        if let b = h.birthDate { f.append(("birthDate", .string(b.description))) }
        if h.unknown.contains(.birthDate) { f.append(("_birthDate", absent)) }
        if let l = h.languages {
            f.append(("communication", .array(l.map { .object([("language", coding("urn:ietf:bcp:47", $0))]) })))
        }
        return .object(f)
    }

    private func coding(_ system: String, _ code: String, display: String? = nil) -> JSON {
        var c: [(String, JSON)] = [("system", .string(system)), ("code", .string(code))]
        if let display { c.append(("display", .string(display))) }
        return .object([("coding", .array([.object(c)]))])
    }

    private func concept(_ key: String, _ code: ClinicalCode?, _ text: String?) -> [(String, JSON)] {
        guard let code else { return text.map { [(key, .object([("text", .string($0))]))] } ?? [] }
        let system = code.knownSystem?.fhirURI ?? "urn:phr:\(code.system)"
        return [(key, coding(system, code.code, display: withDisplays ? text : nil))]
    }

    private func quantity(_ value: String, _ unit: String) -> JSON {
        .object([("value", .number(value)), ("system", .string("http://unitsofmeasure.org")), ("code", .string(unit))])
    }

    struct Layers {
        let bundle: Int, payload: Int, deflated: Int, jws: Int, digits: Int, qrText: String
        var segments: [QRSegment] { [.byte(Array("shc:/".utf8)), .numeric(String(qrText.dropFirst(5)))] }
        /// Chunks needed at the SMART limit (1 when it fits one QR).
        var chunks: Int { (jws + SMARTStyle.singleQRLimit - 1) / SMARTStyle.singleQRLimit }
    }

    func encode(_ r: HealthRecord, key: P256.Signing.PrivateKey) throws -> Layers {
        let b = bundle(r).minified
        if ProcessInfo.processInfo.environment["PHRBENCH_DUMP"] != nil { print(b) }
        let vc = JSON.object([
            ("iss", .string(Self.issuer)), ("nbf", .int(Int(BenchSetup.issuedAt))),
            ("vc", .object([("type", .array([.string("https://smarthealth.cards#health-card")])),
                            ("credentialSubject", .object([("fhirVersion", .string("4.0.1")),
                                                           ("fhirBundle", .number(b))]))])),
        ]).minified
        let deflated = try Deflate.compress(Array(vc.utf8))
        // kid: base64url SHA-256 JWK thumbprint (RFC 7638) of the signer's public key (43 characters).
        let pub = key.publicKey
        let jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"\(base64url(pub.x))\",\"y\":\"\(base64url(pub.y))\"}"
        let kid = base64url(SHA256.hash(Array(jwk.utf8)))
        let header = "{\"alg\":\"ES256\",\"zip\":\"DEF\",\"kid\":\"\(kid)\"}"
        let signingInput = base64url(Array(header.utf8)) + "." + base64url(deflated)
        let signature = try key.signature(for: Array(signingInput.utf8))
        let jws = signingInput + "." + base64url(signature)
        var digits = ""
        digits.reserveCapacity(jws.utf8.count * 2)
        for c in jws.utf8 {
            let v = Int(c) - 45
            digits += v < 10 ? "0\(v)" : String(v)
        }
        return Layers(bundle: b.utf8.count, payload: vc.utf8.count, deflated: deflated.count, jws: jws.utf8.count,
                      digits: digits.utf8.count, qrText: "shc:/" + digits)
    }
}
