import Foundation
import Hummingbird
import PHRCard
import PHRPrint
import PHRToolSupport

/// The issue endpoints: `POST /api/issue/preview` (validate, size and QR version; nothing signed is returned or
/// logged), `POST /api/issue` (the card file and the holder code; logged as `phrcard issue` logs it) and
/// `GET /api/codes?q=` (the dictionary's codes).
struct IssueAPI: Sendable {
    let keys: StationKeys
    /// Serialises writes to the issuance log.
    let logLock = NSLock()

    /// What a request asks for.
    struct Request: Sendable {
        let record: HealthRecord
        let dropped: [DroppedElement]
        let options: IssueOptions
        let format: String
        let layout: String
        let ecc: QRErrorCorrection
        let moduleMM: Double
        let showName: Bool
    }

    func preview(_ request: Hummingbird.Request) async throws -> Response {
        let r = try parse(try await HTTPBody.jsonObject(request))
        let issued = try issue(r)
        var object = summary(r, issued)
        object["preview"] = true
        return HTTPBody.json(object)
    }

    func issueCard(_ request: Hummingbird.Request) async throws -> Response {
        let r = try parse(try await HTTPBody.jsonObject(request))
        let issued = try issue(r)
        let (bytes, mime) = try render(r, issued)
        try log(issued.card, r)
        var object = summary(r, issued)
        object.merge(["cardId": issued.card.cardID.hexString, "holderCode": issued.card.holderCode.description,
                      "mime": mime, "file": Data(bytes).base64EncodedString(),
                      "fileName": "card-\(issued.card.cardID.hexString).\(r.format)"]) { $1 }
        return HTTPBody.json(object)
    }

    func codes(_ request: Hummingbird.Request) async throws -> Response {
        let q = request.uri.queryParameters.get("q") ?? ""
        guard q.count <= 100 else { throw StationError.badRequest("request.too-large", "the search text is longer than 100 characters") }
        let systems = request.uri.queryParameters.get("system").map { Set($0.split(separator: ",").map(String.init)) }
        let matches = CodeSearch.find(q, systems: systems, limit: 20)
        return HTTPBody.json(["codes": matches.map { ["code": "\($0.system):\($0.code)", "display": $0.display] }])
    }

    // MARK: -

    private struct Issued {
        let card: IssuedCard
        let qr: QRCode
        let layout: CardLayout?
        let printable: PrintableCard
    }

    private func parse(_ body: [String: Any]) throws -> Request {
        guard let signingKey = keys.signingKey, let issuerID = keys.issuerID else {
            throw StationError(.forbidden, "station.role", "this station does not issue cards")
        }
        _ = signingKey
        var dropped: [DroppedElement] = []
        let record: HealthRecord
        if let fhir = body["fhir"] {
            guard fhir is [String: Any] else { throw StationError.badRequest("request.missing-field", "\"fhir\" must be an IPS Bundle (a JSON object)") }
            let bytes = try JSONSerialization.data(withJSONObject: fhir)
            let result = try FHIRImport.record(fromBundle: Array(bytes), options: FHIRImportOptions(strict: body["strict"] as? Bool ?? false))
            record = result.record
            dropped = result.dropped
        } else if let json = body["record"] {
            guard json is [String: Any] else { throw StationError.badRequest("request.missing-field", "\"record\" must be a record (a JSON object)") }
            record = try HealthRecord(jsonData: Array(try JSONSerialization.data(withJSONObject: json)))
        } else {
            throw StationError.badRequest("request.missing-field", "the JSON body needs \"record\" (a record) or \"fhir\" (an IPS Bundle)")
        }
        let grants = try readers(body["readers"])
        let policy = try TierPolicy(overrides: (body["tiers"] as? [String]) ?? [])
        let days = body["validDays"] as? Int ?? 3 * 365
        guard (1...36_500).contains(days) else { throw StationError.badRequest("usage.bad-duration", "\"validDays\" must be 1 to 36500") }
        let format = body["format"] as? String ?? "pdf"
        guard ["pdf", "png", "svg"].contains(format) else {
            throw StationError.badRequest("usage.unknown-format", "\"format\" must be pdf, png or svg")
        }
        let layout = body["layout"] as? String ?? "auto"
        guard ["auto", "id1", "a6"].contains(layout) else { throw StationError.badRequest("usage.bad-layout", "\"layout\" must be auto, id1 or a6") }
        guard let ecc = QRErrorCorrection(rawValue: body["ecc"] as? String ?? "M") else {
            throw StationError.badRequest("usage.bad-ecc", "\"ecc\" must be L, M, Q or H")
        }
        let moduleMM = (body["moduleMm"] as? Double) ?? 0.40
        guard moduleMM >= PrintOptions.minimumModuleSizeMM, moduleMM <= 2 else {
            throw StationError.badRequest("image.module-too-small", "\"moduleMm\" must be 0.25 to 2 mm (a printable QR module)")
        }
        let options = IssueOptions(issuerID: issuerID, issuedAt: ISODate.now, validity: Int64(days) * 86_400,
                                   readers: grants, policy: policy)
        return Request(record: record, dropped: dropped, options: options, format: format, layout: layout, ecc: ecc,
                       moduleMM: moduleMM, showName: body["showName"] as? Bool ?? true)
    }

    /// `["kid", …]` or `[{"kid": …, "tiers": ["essential", …]}, …]`: readers of the station; absent: all of them
    /// with their default tiers.
    private func readers(_ value: Any?) throws -> [ReaderGrant] {
        guard let value else { return keys.readers.map(\.grant) }
        guard let list = value as? [Any] else { throw StationError.badRequest("usage.bad-reader", "\"readers\" must be a list of reader key ids") }
        return try list.map { item in
            let kid: String, tiers: Set<Tier>?
            if let s = item as? String { kid = s; tiers = nil } else if let o = item as? [String: Any], let k = o["kid"] as? String {
                kid = k
                if let names = o["tiers"] as? [String] {
                    let parsed = names.compactMap(Tier.init(name:))
                    guard parsed.count == names.count, !parsed.isEmpty else {
                        throw StationError.badRequest("usage.bad-reader", "reader \(k): tiers must be essential and/or clinical")
                    }
                    tiers = Set(parsed)
                } else { tiers = nil }
            } else { throw StationError.badRequest("usage.bad-reader", "each reader is a key id or {\"kid\", \"tiers\"}") }
            guard let reader = keys.readers.first(where: { $0.grant.key.kid.description == kid }) else {
                throw StationError.badRequest("usage.bad-reader", "\(kid) is not a reader of this station's trust list")
            }
            return ReaderGrant(key: reader.grant.key, tiers: tiers ?? reader.grant.tiers)
        }
    }

    private func issue(_ r: Request) throws -> Issued {
        guard let key = keys.signingKey else { throw StationError(.forbidden, "station.role", "this station does not issue cards") }
        if let list = keys.trust?.list {
            try list.checkSigningKey(key.publicKey, issuerID: r.options.issuerID, at: r.options.issuedAt)
        }
        let card = try CardIssuer.issue(r.record, signingKey: key, options: r.options)
        let qr = try QRCode.encode(prefixedNumericText: card.qrText, errorCorrection: r.ecc)
        let printable = PrintableCard(card: card, record: r.record, issuerID: r.options.issuerID)
        var layout: CardLayout?
        if r.format == "pdf" {
            do {
                layout = try r.layout == "auto" ? CardPrinter.automaticLayout(printable, options: printOptions(r, .id1))
                    : CardLayout(rawValue: r.layout)!
            } catch { throw StationError.from(error) }
        }
        return Issued(card: card, qr: qr, layout: layout, printable: printable)
    }

    private func printOptions(_ r: Request, _ layout: CardLayout) -> PrintOptions {
        PrintOptions(layout: layout, moduleSizeMM: r.moduleMM, errorCorrection: r.ecc, showHolderName: r.showName,
                     issuerName: keys.issuerName(kid: keys.signingKey!.publicKey.kid))
    }

    private func render(_ r: Request, _ issued: Issued) throws -> ([UInt8], String) {
        switch r.format {
        case "png":
            let px = max(2, Int((r.moduleMM / 25.4 * 300).rounded()))
            return (try PNG.encode(issued.qr.render(modulePixels: px, quietZoneModules: 4), bitDepth: 1, dpi: 300), "image/png")
        case "svg":
            return (Array(issued.qr.svg(moduleSizeMM: r.moduleMM, quietZoneModules: 4).utf8), "image/svg+xml")
        default:
            do {
                return (try CardPrinter.pdf(issued.printable, options: printOptions(r, issued.layout ?? .id1)).bytes, "application/pdf")
            } catch { throw StationError.from(error) }
        }
    }

    /// Appends the card to `$PHRCARD_HOME/issuance-log.sqlite` as `phrcard issue` does.
    private func log(_ card: IssuedCard, _ r: Request) throws {
        guard let key = keys.signingKey else { return }
        let state = keys.home.state
        let entry = IssuanceLogEntry(card: card, record: r.record, signingKey: key.publicKey, readers: r.options.readers,
                                     holderKey: try state.holderHashKey(issuer: key.publicKey.kid, create: true))
        logLock.lock()
        defer { logLock.unlock() }
        do {
            try IssuanceLog(path: state.issuanceLogPath).append([entry])
        } catch {
            throw PHRCardError(error.code, "\(error.message); the card was not issued")
        }
    }

    private func summary(_ r: Request, _ issued: Issued) -> [String: Any] {
        let c = issued.card
        var object: [String: Any] = [
            "cardBytes": c.bytes.count, "sizeClass": c.sizeClass.number, "qrVersion": issued.qr.version,
            "qrModules": issued.qr.size, "qrDigits": c.qrText.count - CardFormat.prefix.count,
            "errorCorrection": r.ecc.rawValue, "moduleMm": r.moduleMM, "format": r.format,
            "issuer": r.options.issuerID, "issuedAt": ISODate.format(c.issuedAt), "expiresAt": ISODate.format(c.expiresAt),
            "readers": r.options.readers.map { ["kid": $0.key.kid.description, "tiers": $0.tiers.sorted().map(\.name)] },
            "qrSizeMm": Double(issued.qr.size + 8) * r.moduleMM,
        ]
        if let l = issued.layout { object["layout"] = l.rawValue }
        if !r.dropped.isEmpty {
            object["fhirDropped"] = r.dropped.map { ["path": $0.path, "what": $0.what, "reason": $0.reason, "count": $0.count] as [String: Any] }
        }
        return object
    }
}
