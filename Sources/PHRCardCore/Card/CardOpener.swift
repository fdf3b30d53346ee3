import PHRCodecs
import PHRCrypto

/// The part of a record that a key opened, with the verified card it came from.
///
/// The sections read through to ``content``: `opened.allergies`, `opened.holder`, … are nil for a section that is
/// not recorded or whose tier was not opened.
@dynamicMemberLookup
public struct OpenedCard: Sendable {
    /// The verified card it came from.
    public let card: VerifiedCard
    /// What was opened: a record whose sections may be absent.
    public let content: OpenedRecord

    /// The tiers that were opened.
    public var openedTiers: [Tier] { content.openedTiers }
    /// The tiers that could not be opened.
    public var closedTiers: [Tier] { content.closedTiers }
    /// The holder, or nil when the holder section's tier was not opened.
    public var holder: Holder? { content.holder }

    /// A section of the opened record (nil when absent or in a tier that was not opened), e.g. `opened.allergies`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HealthRecord, Value?>) -> Value? {
        content[dynamicMember: keyPath]
    }

    /// The whole record, when the holder section was opened.
    public var record: HealthRecord? { content.record }

    /// The opened sections in the record's native JSON (sections of closed tiers are absent).
    public func jsonData(prettyPrinted: Bool = true) -> [UInt8] { content.jsonData(prettyPrinted: prettyPrinted) }

    init(card: VerifiedCard, opened: [Tier], sections: OpenedRecord) {
        self.card = card
        var content = sections
        content.setTiers(opened: opened, closed: card.tiers.map(\.tier).filter { !opened.contains($0) },
                         policy: card.policy)
        self.content = content
    }
}

extension VerifiedCard {
    /// Opens every tier with the holder code.
    /// - Throws: `holder-code.format` / `holder-code.mistyped` (before any key derivation), `holder-code.wrong`,
    ///   or a tier error (`tier.decrypt-failed`, `tier.bad-padding`, `tier.decompress-failed`, `tier.bad-content`).
    public func open(holderCode text: String) throws(PHRCardError) -> OpenedCard {
        let code = try HolderCode(parsing: text)
        return try open(holderCode: code)
    }

    /// Opens every tier with a parsed holder code.
    public func open(holderCode code: HolderCode) throws(PHRCardError) -> OpenedCard {
        let keys = try HolderKeys(code: code, cti: cardID)
        var sections = OpenedRecord()
        var opened: [Tier] = []
        var failures: [PHRCardError] = []
        for t in tiers {
            do throws(PHRCardError) {
                // The holder is every tier's first recipient, always `direct` (§5.2).
                try decryptTier(t, cek: try keys.directContentKey(tier: t.tier), into: &sections)
                opened.append(t.tier)
            } catch {
                failures.append(error)
            }
        }
        // §10.3: every tier is tried; authentication failures decide first whether the code is right.
        let unauthenticated = failures.filter { $0.code == .decryptFailed }
        if !failures.isEmpty && unauthenticated.count == tiers.count {
            throw PHRCardError(.holderCodeWrong, "the holder code does not open this card")
        }
        if !unauthenticated.isEmpty {
            throw PHRCardError(.decryptFailed, "\(unauthenticated[0].message): the holder code authenticates another tier of this card, so this tier was altered or does not belong to it")
        }
        if let first = failures.first { throw first }
        return OpenedCard(card: self, opened: opened, sections: sections)
    }

    /// Opens the tiers encrypted to a reader key.
    /// - Throws: `tier.no-recipient` when no tier names this key, `tier.unwrap-failed`, or a tier error.
    public func open(readerKey: ReaderPrivateKey) throws(PHRCardError) -> OpenedCard {
        let kid = readerKey.kid
        let mine = tiers.filter { $0.readerKids.contains(kid) }
        guard !mine.isEmpty else {
            throw PHRCardError(.noRecipient, "this card has no tier for reader key \(kid)")
        }
        guard let epkItem = firstEphemeralKey else { throw PHRCardError(.badTier, "the card has no ephemeral key") }
        let epk: P256.Signing.PublicKey
        do { epk = try COSEKey.decodeP256PublicKey(epkItem) } catch {
            throw PHRCardError(.badTier, "the card's ephemeral key is not a valid P-256 point: \(error.message)",
                               underlying: error.underlyingCode)
        }
        let secret: [UInt8]
        do {
            secret = try readerKey.key.sharedSecret(with: epk)
        } catch {
            throw PHRCardError(.cryptoFailure, "key agreement with the card's ephemeral key failed: \(error)")
        }
        let kek = try ECDHES.keyEncryptionKey(sharedSecret: secret, recipientProtected: ECDHES.protectedHeader)
        var sections = OpenedRecord()
        var opened: [Tier] = []
        // §10.4: every tier of this reader is tried; the failure of highest precedence wins (unwrap, then
        // authentication, then the first failing tier in tier order); nothing is returned when any tier fails.
        var failures: [PHRCardError] = []
        for t in mine {
            guard let r = t.encrypt.recipients.first(where: {
                $0.headers.unprotectedValue(COSEHeader.kid) == .byteString(kid.bytes)
            }) else { continue }
            do throws(PHRCardError) {
                let cek: [UInt8]
                do { cek = try AES.KeyWrap.unwrap(r.ciphertext, using: kek) } catch {
                    throw PHRCardError(.unwrapFailed, "tier \(t.tier): the content key does not unwrap with reader key \(kid)")
                }
                try decryptTier(t, cek: cek, into: &sections)
                opened.append(t.tier)
            } catch {
                failures.append(error)
            }
        }
        if let f = failures.first(where: { $0.code == .unwrapFailed }) ?? failures.first(where: { $0.code == .decryptFailed })
            ?? failures.first {
            throw f
        }
        return OpenedCard(card: self, opened: opened, sections: sections)
    }

    private func decryptTier(_ t: EncryptedTier, cek: [UInt8], into sections: inout OpenedRecord) throws(PHRCardError) {
        // The same COSE_Encrypt decryption that the cose-wg examples prove (COSEGeneric.swift).
        let plaintext: [UInt8]
        do {
            plaintext = try t.encrypt.decrypt(cek: cek, externalAAD: t.externalAAD,
                                              suppliedIV: CardFormat.iv(cti: cardID, tier: t.tier))
        } catch {
            guard error.code == .decryptFailed else { throw PHRCardError(error.code, "tier \(t.tier): \(error.message)") }
            throw PHRCardError(.decryptFailed, "tier \(t.tier): authenticated decryption failed: the tier was altered or does not belong to this card")
        }
        try TierContent.decode(plaintext: plaintext, allowed: t.sections, tier: t.tier, into: &sections)
    }
}
