extension RevocationList {
    /// Verifies a signed revocation list (spec/trust.md §5.3).
    ///
    /// The list may be signed by the trust-list root, or by the issuer key it names while that key is listed and not
    /// compromised (a stolen key must not be able to publish an emptier list).
    /// - Parameters:
    ///   - bytes: the COSE_Sign1 bytes.
    ///   - trustList: the verified trust list that gives the root and the issuer keys.
    ///   - lastSeenSequence: the highest sequence accepted before for this issuer key (the caller stores it;
    ///     `phrcard` keeps it in `$PHRCARD_HOME`).
    /// - Throws: `revocation.malformed`, `revocation.bad-signature` (unauthorised signer or bad signature),
    ///   `revocation.rollback`.
    public static func verify(_ bytes: [UInt8], trustList: VerifiedTrustList,
                              lastSeenSequence: UInt64?) throws(PHRCardError) -> VerifiedRevocationList {
        let env = try SignedEnvelope.parse(bytes, maxBytes: maxPayloadBytes + 1024, maxItems: 16,
                                           code: .revocationMalformed, what: "revocation list")
        let signer: IssuerPublicKey
        if env.kid == trustList.root.kid {
            signer = trustList.root
        } else if let entry = trustList.list.issuer(kid: env.kid) {
            if case .compromised = entry.status {
                throw PHRCardError(.revocationBadSignature, "the revocation list is signed by issuer key \(env.kid), which is compromised; only the root may sign its list now")
            }
            signer = entry.key
        } else {
            throw PHRCardError(.revocationBadSignature, "the revocation list is signed by key \(env.kid), which is neither the root nor a listed issuer key")
        }
        guard env.isSigned(by: signer) else {
            throw PHRCardError(.revocationBadSignature, "the revocation list's signature does not verify under key \(env.kid): it was altered or forged")
        }
        let list = try RevocationList(decoding: env.sign1.payload)
        if signer != trustList.root, list.issuerKid != env.kid {
            throw PHRCardError(.revocationBadSignature, "issuer key \(env.kid) signed a revocation list for another key (\(list.issuerKid))")
        }
        if let seen = lastSeenSequence, list.sequence < seen {
            throw PHRCardError(.revocationRollback, "the revocation list for \(list.issuerKid) has sequence \(list.sequence) but \(seen) was already seen")
        }
        return VerifiedRevocationList(list: list, signerKid: env.kid)
    }
}

/// A revocation list whose signer and sequence have been checked.
public struct VerifiedRevocationList: Sendable {
    /// The list.
    public let list: RevocationList
    /// The key that signed it (the issuer key or the root).
    public let signerKid: KeyID

    /// The issuer key whose cards the list revokes.
    public var issuerKid: KeyID { list.issuerKid }

    /// Rejects `card` if it was signed by this list's issuer key and its `cti` is listed. Cards of other issuer keys
    /// pass unchanged (use ``RevocationSet`` to hold the lists of several keys).
    /// - Throws: `card.revoked`, saying why and since when.
    public func check(_ card: VerifiedCard) throws(PHRCardError) {
        guard card.kid == list.issuerKid, let e = list.entry(for: card.cardID) else { return }
        throw PHRCardError(.revoked, "card \(card.cardID.hexString) of issuer key \(card.kid) was revoked at \(formatTime(e.revokedAt)) (reason: \(e.reason))")
    }
}

/// The verified revocation lists of several issuer keys, at most one per key.
public struct RevocationSet: Sendable {
    /// The lists by issuer kid.
    public private(set) var lists: [KeyID: VerifiedRevocationList]

    /// An empty set (revokes nothing).
    public init() { lists = [:] }

    /// A set of lists; for a key given twice, the one with the higher sequence wins.
    public init(_ lists: [VerifiedRevocationList]) {
        self.lists = [:]
        for l in lists { add(l) }
    }

    /// Adds a list, keeping the higher sequence if the key already has one.
    public mutating func add(_ list: VerifiedRevocationList) {
        if let old = lists[list.issuerKid], old.list.sequence >= list.list.sequence { return }
        lists[list.issuerKid] = list
    }

    /// Rejects `card` if its issuer key's list revokes it.
    /// - Throws: `card.revoked`.
    public func check(_ card: VerifiedCard) throws(PHRCardError) {
        try lists[card.kid]?.check(card)
    }
}
