/// A condition that does not stop a trust list from being used but must be shown (spec/trust.md §4).
public struct TrustWarning: Sendable, Hashable, CustomStringConvertible {
    /// A stable code, for example `trust.stale`.
    public let code: PHRCardError.Code
    /// What is wrong and what to do.
    public let message: String

    public var description: String { "\(code.rawValue): \(message)" }
}

extension TrustList {
    /// Verifies a signed trust list (spec/trust.md §4).
    ///
    /// - Parameters:
    ///   - bytes: the COSE_Sign1 bytes.
    ///   - root: the programme's root key, configured out of band.
    ///   - time: the validation time (seconds since 1970).
    ///   - lastSeenSequence: the highest sequence number this verifier has accepted before (the caller stores it;
    ///     `phrcard` keeps it in `$PHRCARD_HOME`).
    ///   - maxAge: how long after its next-update time the list may still be used; past that it is refused.
    /// - Returns: the verified list, with a `trust.stale` warning if `time` is past its next-update time.
    /// - Throws: `trust.malformed`, `trust.wrong-root` (signed by another kid), `trust.bad-signature`,
    ///   `trust.unsupported-version`, `trust.rollback` (lower sequence than seen), `trust.not-yet-valid`,
    ///   `trust.too-old`.
    public static func verify(_ bytes: [UInt8], root: IssuerPublicKey, at time: Int64, lastSeenSequence: UInt64?,
                              maxAge: Int64 = TrustList.defaultMaxAge) throws(PHRCardError) -> VerifiedTrustList {
        let env = try SignedEnvelope.parse(bytes, maxBytes: TrustListLimits.maxEnvelopeBytes, maxItems: 16,
                                           code: .trustMalformed, what: "trust list")
        guard env.kid == root.kid else {
            throw PHRCardError(.trustWrongRoot, "the trust list is signed by key \(env.kid), not by the root \(root.kid)")
        }
        guard env.isSigned(by: root) else {
            throw PHRCardError(.trustBadSignature, "the trust list's signature does not verify under root \(root.kid): it was altered or forged")
        }
        let list = try decodePayload(env.sign1.payload)
        if let seen = lastSeenSequence, list.sequence < seen {
            throw PHRCardError(.trustRollback, "the trust list has sequence \(list.sequence) but sequence \(seen) was already seen: an older list is being replayed")
        }
        if list.issuedAt > time + CardFormat.clockSkew {
            throw PHRCardError(.trustNotYetValid, "the trust list is issued at \(formatTime(list.issuedAt)), after the validation time \(formatTime(time))")
        }
        var warnings: [TrustWarning] = []
        if time > list.nextUpdate {
            let (limit, overflow) = list.nextUpdate.addingReportingOverflow(max(0, maxAge))
            if !overflow, time > limit {
                throw PHRCardError(.trustTooOld, "the trust list was due for update at \(formatTime(list.nextUpdate)) and may be used only until \(formatTime(limit)); fetch a newer list")
            }
            warnings.append(TrustWarning(code: .trustStale, message: "the trust list was due for update at \(formatTime(list.nextUpdate)); fetch a newer list"))
        }
        return VerifiedTrustList(list: list, root: root, warnings: warnings)
    }
}

/// A trust list whose root signature, sequence and age have been checked.
public struct VerifiedTrustList: Sendable {
    /// The list's content.
    public let list: TrustList
    /// The root key that signed it.
    public let root: IssuerPublicKey
    /// Conditions to show (for example `trust.stale`).
    public let warnings: [TrustWarning]

    /// The list's sequence number: store it and pass it as `lastSeenSequence` next time, so that an older list
    /// replayed later is refused.
    public var sequence: UInt64 { list.sequence }

    /// The issuer keys in the form `CardVerifier` takes: every listed key whose issuing period has begun by
    /// `time` (with the allowed clock skew). Compromised and suspended keys are included so that ``check(_:)`` can
    /// give the precise reason; always call ``check(_:)`` (or use ``verifyCard(bytes:at:revocations:)``).
    public func trustedIssuers(at time: Int64) -> [TrustedIssuer] {
        list.issuers.filter { $0.validFrom <= time + CardFormat.clockSkew }.map(\.trustedIssuer)
    }

    /// The readers as grants with their default tiers, optionally only those of one country (for `issue --trust`).
    public func readerGrants(country: String? = nil) -> [ReaderGrant] {
        list.readers.filter { country == nil || $0.country == country }.map(\.grant)
    }

    /// Checks a card that `CardVerifier` accepted against this list: the issuer key is listed for the card's
    /// `iss`, the card's `iat` is within the key's issuing period, the key is not suspended, and, if the key is
    /// compromised since D, the card was issued before D.
    /// - Throws: `card.unknown-issuer`, `card.issuer-mismatch`, `card.issuer-key-outside-period`,
    ///   `card.issuer-key-suspended`, `card.issuer-key-compromised`.
    public func check(_ card: VerifiedCard) throws(PHRCardError) {
        try check(kid: card.kid, key: card.issuer.key, issuerID: card.issuerID, issuedAt: card.issuedAt)
    }

    /// Checks that `key` may sign a card with this `iat` (used before issuing with `issue --trust`).
    /// - Throws: the same codes as ``check(_:)``.
    public func checkSigningKey(_ key: IssuerPublicKey, issuerID: String, at time: Int64) throws(PHRCardError) {
        try check(kid: key.kid, key: key, issuerID: issuerID, issuedAt: time)
    }

    func check(kid: KeyID, key: IssuerPublicKey, issuerID: String, issuedAt: Int64) throws(PHRCardError) {
        guard let entry = list.issuer(kid: kid), entry.key == key else {
            throw PHRCardError(.unknownIssuer, "issuer key \(kid) is not in trust list \(list.sequence)")
        }
        guard entry.issuerID == issuerID else {
            throw PHRCardError(.issuerMismatch, "the card names issuer \"\(issuerID)\" but key \(kid) is listed for \"\(entry.issuerID)\"")
        }
        guard issuedAt >= entry.validFrom, issuedAt <= entry.validTo else {
            throw PHRCardError(.issuerKeyOutsidePeriod, "the card is issued at \(formatTime(issuedAt)), outside the issuing period of key \(kid) (\(formatTime(entry.validFrom)) to \(formatTime(entry.validTo)))")
        }
        switch entry.status {
        case .active: break
        case .suspended:
            throw PHRCardError(.issuerKeySuspended, "issuer key \(kid) (\(entry.displayName)) is suspended in trust list \(list.sequence)")
        case .compromised(let since):
            if issuedAt >= since {
                throw PHRCardError(.issuerKeyCompromised, "the card is issued at \(formatTime(issuedAt)), on or after \(formatTime(since)) when issuer key \(kid) (\(entry.displayName)) was reported compromised")
            }
        }
    }

    /// Verifies a card end to end: signature and validity under the listed keys (`CardVerifier`), this list's
    /// checks (``check(_:)``), and revocation (``RevocationSet/check(_:)``).
    /// - Throws: any `CardVerifier` error, the ``check(_:)`` errors, or `card.revoked`.
    public func verifyCard(bytes: [UInt8], at time: Int64, revocations: RevocationSet = RevocationSet()) throws(PHRCardError) -> VerifiedCard {
        let card = try CardVerifier.verify(bytes: bytes, trusting: trustedIssuers(at: time), at: time)
        try check(card)
        try revocations.check(card)
        return card
    }

    /// Verifies a card given as its QR text; see ``verifyCard(bytes:at:revocations:)``.
    public func verifyCard(text: String, at time: Int64, revocations: RevocationSet = RevocationSet()) throws(PHRCardError) -> VerifiedCard {
        try verifyCard(bytes: QRText.decode(text), at: time, revocations: revocations)
    }
}
