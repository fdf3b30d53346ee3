import Foundation
import Hummingbird
import PHRCard
import PHRToolSupport

/// The check endpoints: `POST /api/verify`, `POST /api/decode`, `POST /api/scan`.
struct CheckAPI: Sendable {
    let keys: StationKeys
    let throttle: HolderCodeThrottle

    /// `{"card": "PHR1:…"}` → the verdict and the card's details.
    func verify(_ request: Request) async throws -> Response {
        let body = try await HTTPBody.jsonObject(request)
        let outcome = check(try HTTPBody.string(body, "card"))
        return HTTPBody.json(verdictJSON(outcome))
    }

    /// `{"card": "PHR1:…", "code": "1234-…"?}` → the verdict and, for a valid card, what the holder code (or else the
    /// station's reader key) opens. A card that fails verification shows nothing (422 with the verdict).
    func decode(_ request: Request) async throws -> Response {
        let body = try await HTTPBody.jsonObject(request)
        let outcome = check(try HTTPBody.string(body, "card"))
        guard let card = outcome.card else {
            var e = StationError.from(outcome.error ?? PHRCardError(.badSignature, "verification failed"))
            e.extra["verdict"] = JSONValueBox(verdictJSON(outcome))
            throw e
        }
        var result = verdictJSON(outcome)
        let opened: OpenedCard
        if let code = body["code"] {
            guard let code = code as? String else {
                throw StationError.badRequest("request.missing-field", "\"code\" must be a string: the 20-digit holder code")
            }
            let holderCode = try HolderCode(parsing: code)   // holder-code.format / .mistyped: no attempt counted
            let wait = throttle.waitSeconds(cardID: card.cardID)
            if wait > 0 {
                var e = StationError(.tooManyRequests, "holder-code.throttled",
                                     "too many wrong holder codes for this card: try again in \(wait) s")
                e.extra["retryAfter"] = JSONValueBox(wait)
                throw e
            }
            switch Result(catching: { () throws(PHRCardError) in try card.open(holderCode: holderCode) }) {
            case .success(let o):
                opened = o
                throttle.recordSuccess(cardID: card.cardID)
            case .failure(let error):
                if error.code == .holderCodeWrong { throttle.recordFailure(cardID: card.cardID) }
                throw error
            }
            result["openedWith"] = "holder-code"
        } else {
            guard let readerKey = keys.readerKey else {
                throw StationError.badRequest("usage.missing-key", "this station has no reader key (\(keys.home.readerKey)): give the holder code")
            }
            switch Result(catching: { () throws(PHRCardError) in try card.open(readerKey: readerKey) }) {
            case .success(let o):
                opened = o
            case .failure(let error) where error.code != .noRecipient:
                throw error
            case .failure:
                result["openedWith"] = "reader-key"
                result["openedTiers"] = [String]()
                result["closedTiers"] = Tier.allCases.map(\.name)
                result["readable"] = [String]()
                result["record"] = [String: Any]()
                result["note"] = "the card is not encrypted to this station's reader key: ask the holder for their code"
                return HTTPBody.json(result)
            }
            result["openedWith"] = "reader-key"
        }
        result["openedTiers"] = opened.openedTiers.map(\.name)
        result["closedTiers"] = opened.closedTiers.map(\.name)
        result["readable"] = opened.openedTiers.flatMap { card.policy.sections(in: $0).map(\.rawValue) }
        result["record"] = (try? JSONSerialization.jsonObject(with: Data(opened.jsonData(prettyPrinted: false)))) ?? [:]
        return HTTPBody.json(result)
    }

    /// An image (PNG or JPEG body: a camera frame or a photo) → `{"card": "PHR1:…"}` of the QR code found.
    func scan(_ request: Request) async throws -> Response {
        let bytes = try await HTTPBody.bytes(request, limit: HTTPBody.maxImageBytes)
        guard !bytes.isEmpty else { throw StationError.badRequest("request.empty", "send a PNG or JPEG image as the request body") }
        let image = try ImageFile.decode(bytes)
        let symbols = try QRScanner.scan(image)
        let cards = symbols.filter { $0.text.hasPrefix(CardFormat.prefix) }
        guard let first = cards.first else {
            throw StationError(.unprocessableContent, "image.no-phrcard",
                               "the image holds \(symbols.count) QR code(s), none of them a PHRCard card (PHR1:)")
        }
        return HTTPBody.json(["card": first.text, "codesFound": symbols.count])
    }

    private func check(_ text: String) -> CardCheck.Outcome {
        let now = ISODate.now
        return CardCheck.check(text: text.trimmingCharacters(in: .whitespacesAndNewlines), trusted: keys.issuers(at: now),
                               at: now, trust: keys.trust)
    }

    /// The verdict as JSON (the fields of `phrcard verify --json`, plus the reason, the revocation time and the
    /// issuer's name from the trust list).
    func verdictJSON(_ o: CardCheck.Outcome) -> [String: Any] {
        var object: [String: Any] = ["verdict": o.verdict.headline, "status": o.verdict.status, "valid": o.card != nil]
        if let r = o.verdict.reason { object["reason"] = r }
        if let t = o.verdict.revokedAt { object["revokedAt"] = ISODate.format(t) }
        var authentic = o.card != nil || o.verdict.signatureChecked
        if let c = o.card {
            object.merge(["issuer": c.issuerID, "kid": c.kid.description, "cardId": c.cardID.hexString,
                          "issuedAt": ISODate.format(c.issuedAt), "expiresAt": ISODate.format(c.expiresAt)]) { $1 }
            if let name = keys.issuerName(kid: c.kid) { object["issuerName"] = name }
        } else if let p = o.parsed {
            object.merge(["issuer": p.issuerID, "kid": p.kid.description, "cardId": p.cardID.hexString,
                          "issuedAt": ISODate.format(p.issuedAt), "expiresAt": ISODate.format(p.expiresAt)]) { $1 }
            if authentic, let name = keys.issuerName(kid: p.kid) { object["issuerName"] = name }
        } else {
            authentic = false
        }
        object["signatureVerified"] = authentic
        if let e = o.error {
            let s = StationError.from(e)
            object["error"] = ["code": s.code, "message": s.message]
        }
        return object
    }
}
