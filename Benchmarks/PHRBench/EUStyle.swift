import PHRCard
import PHRCodecs
import PHRCrypto
import PHRImaging

/// An EU Digital COVID Certificate (HCERT) style encoding of the same record: CBOR with short text keys,
/// CWT, COSE_Sign1 ES256, zlib, Base45, `HC1:`, QR alphanumeric mode. No encryption.
///
/// Mapping (every record field appears): `ver`; `nam` {`fn` family, `gn` given}; `dob`; `sx` sex; `na`
/// nationality; `lg` languages; `id` [{`s` system, `v` value}]; `uk` unknown, `dc` declared [names]; `a` allergies
/// [{`cd`, `tx`, `cr` criticality, `re` reaction, `sv` severity, `ct` category}]; `c` conditions [{`cd`, `tx`, `st`
/// status, `on` onset}]; `m` medications [{`cd`, `tx`, `ds` dosage, `sn` since, `st` status}]; `v` immunizations
/// [{`vp` code, `tx`, `dt` date, `dn` dose, `co` country}]; `t` results [{`tt` code, `tx`, `tr` value, `sc` date,
/// `ip` interpretation, `rr` range}]; `vs` vitals [{`dt`, `ht`, `wt`, `bs`, `bd`, `tp`, `hr`, `rr`, `o2`, `bm`}];
/// `pg` pregnancy
/// {`st`, `dd`}; `nt` notes. A code is the text `system:code` (like the record's own JSON). Numbers are CBOR
/// integers or the shortest float.
///
/// `withTexts == false` is the "codes only" variant: a display text (`tx`) is left out whenever the entry has a
/// code (an entry without a code keeps its text, or its content would be lost). Free texts that are not displays
/// (reaction, dosage, result value, notes) stay in both variants.
struct EUStyle {
    let withTexts: Bool

    func payload(_ r: HealthRecord) -> CBOR {
        var m: [(String, CBOR)] = [("ver", .textString("1.3.0"))]
        let h = r.holder
        var nam: [(String, CBOR)] = []
        if let f = h.family { nam.append(("fn", .textString(f))) }
        if let g = h.given { nam.append(("gn", .textString(g))) }
        m.append(("nam", obj(nam)))
        if let d = h.birthDate { m.append(("dob", .textString(d.description))) }
        if let s = h.sex { m.append(("sx", .textString(s.rawValue))) }
        if let n = h.nationality { m.append(("na", .textString(n))) }
        if let l = h.languages { m.append(("lg", .array(l.map { .textString($0) }))) }
        if let ids = h.identifiers {
            m.append(("id", .array(ids.map { obj([("s", .textString($0.system)), ("v", .textString($0.value))]) })))
        }
        if !h.unknown.isEmpty {
            m.append(("uk", .array(Holder.UnknownField.allCases.filter(h.unknown.contains).map { .textString($0.rawValue) })))
        }
        if !h.declared.isEmpty {
            m.append(("dc", .array(Holder.DeclaredField.allCases.filter(h.declared.contains).map { .textString($0.rawValue) })))
        }
        if let a = r.allergies {
            m.append(("a", .array(a.map { e in
                obj(coded("cd", e.code, e.text) + opt("cr", e.criticality?.rawValue) + opt("re", e.reaction)
                    + opt("sv", e.severity?.rawValue) + opt("ct", e.category?.rawValue))
            })))
        }
        if let c = r.conditions {
            m.append(("c", .array(c.map { e in
                obj(coded("cd", e.code, e.text) + opt("st", e.status?.rawValue) + opt("on", e.onset?.description))
            })))
        }
        if let md = r.medications {
            m.append(("m", .array(md.map { e in
                obj(coded("cd", e.code, e.text) + opt("ds", e.dosage) + opt("sn", e.since?.description)
                    + opt("st", e.status?.rawValue))
            })))
        }
        if let v = r.immunizations {
            m.append(("v", .array(v.map { e in
                var f = coded("vp", e.code, e.text) + opt("dt", e.date?.description)
                if let d = e.dose { f.append(("dn", .unsignedInt(UInt64(d)))) }
                return obj(f + opt("co", e.country))
            })))
        }
        if let t = r.results {
            m.append(("t", .array(t.map { e in
                obj(coded("tt", e.code, e.text) + opt("tr", e.value) + opt("sc", e.date?.description)
                    + opt("ip", e.interpretation?.rawValue) + opt("rr", e.range))
            })))
        }
        if let vs = r.vitals {
            m.append(("vs", .array(vs.map { e in
                var f = opt("dt", e.date?.description)
                if let x = e.heightCm { f.append(("ht", number(x))) }
                if let x = e.weightKg { f.append(("wt", number(x))) }
                if let x = e.bpSystolic { f.append(("bs", .unsignedInt(UInt64(x)))) }
                if let x = e.bpDiastolic { f.append(("bd", .unsignedInt(UInt64(x)))) }
                if let x = e.temperatureC { f.append(("tp", number(x))) }
                if let x = e.heartRate { f.append(("hr", .unsignedInt(UInt64(x)))) }
                if let x = e.respiratoryRate { f.append(("rr", .unsignedInt(UInt64(x)))) }
                if let x = e.oxygenSaturation { f.append(("o2", number(x))) }
                if let x = e.bmi { f.append(("bm", number(x))) }
                return obj(f)
            })))
        }
        if let p = r.pregnancy {
            m.append(("pg", obj([("st", .textString(p.status.rawValue))] + opt("dd", p.dueDate?.description))))
        }
        if let n = r.notes { m.append(("nt", .textString(n))) }
        return obj(m)
    }

    private func obj(_ pairs: [(String, CBOR)]) -> CBOR { .map(pairs.map { (.textString($0.0), $0.1) }) }
    private func opt(_ key: String, _ value: String?) -> [(String, CBOR)] { value.map { [(key, .textString($0))] } ?? [] }
    private func coded(_ key: String, _ code: ClinicalCode?, _ text: String?) -> [(String, CBOR)] {
        var f: [(String, CBOR)] = []
        if let code { f.append((key, .textString(code.description))) }
        if let text, withTexts || code == nil { f.append(("tx", .textString(text))) }
        return f
    }
    private func number(_ d: DecimalValue) -> CBOR {
        d.exponent >= 0 && d.significand >= 0 ? .unsignedInt(UInt64(d.description)!) : .float(d.doubleValue)
    }

    /// Every layer of the encoding.
    struct Layers {
        let payload: Int, cwt: Int, cose: Int, zlib: Int, base45: Int, text: String
        var segments: [QRSegment] { [.alphanumeric(text)] }
    }

    func encode(_ r: HealthRecord, key: P256.Signing.PrivateKey) throws -> Layers {
        let hcert = payload(r).encoded()
        // CWT claims: iss (1), iat (6), exp (4) one year later, hcert (-260): {1: eu_dcc_v1}.
        let iat = BenchSetup.issuedAt
        let claims = CBOR.map([
            (.int(1), .textString("GR")), (.int(4), .int(iat + 365 * 86_400)), (.int(6), .int(iat)),
            (.int(-260), .map([(.int(1), try CBOR.decode(hcert))])),
        ]).encoded()
        // kid = first 8 bytes of SHA-256 of the signer's DER public key (HCERT uses the DSC certificate).
        let kid = Array(SHA256.hash(key.publicKey.derRepresentation).prefix(8))
        let protected = CBOR.map([(.int(1), .int(-7)), (.int(4), .byteString(kid))]).encoded()
        let toBeSigned = CBOR.array([.textString("Signature1"), .byteString(protected), .byteString([]),
                                     .byteString(claims)]).encoded()
        let signature = try key.signature(for: toBeSigned)
        let cose = CBOR.tagged(18, .array([.byteString(protected), .map([]), .byteString(claims),
                                           .byteString(signature)])).encoded()
        let z = try ZlibFormat.compress(cose)
        let b45 = Base45.encode(z)
        return Layers(payload: hcert.count, cwt: claims.count, cose: cose.count, zlib: z.count,
                      base45: b45.utf8.count, text: "HC1:" + b45)
    }
}
