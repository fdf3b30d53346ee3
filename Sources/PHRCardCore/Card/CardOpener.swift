import PHRCodecs
import PHRCrypto

/// The part of a record that a key opened.
public struct OpenedCard: Sendable {
    /// The verified card it came from.
    public let card: VerifiedCard
    /// The tiers that were opened, and those that were not.
    public let openedTiers: [Tier]
    public let closedTiers: [Tier]
    /// The sections of the opened tiers, as a partial record. `holder` is nil when the holder section's tier was
    /// not opened.
    public let holder: Holder?
    public let allergies: [Allergy]?
    public let conditions: [Condition]?
    public let medications: [Medication]?
    public let immunizations: [Immunization]?
    public let results: [LabResult]?
    public let vitals: [VitalSigns]?
    public let pregnancy: Pregnancy?
    public let notes: String?
    public let procedures: [Procedure]?
    public let devices: [MedicalDevice]?
    public let alerts: [Alert]?

    /// The whole record, when the holder section was opened.
    public var record: HealthRecord? {
        guard let holder else { return nil }
        return HealthRecord(holder: holder, allergies: allergies, conditions: conditions, medications: medications,
                            immunizations: immunizations, results: results, vitals: vitals, pregnancy: pregnancy,
                            notes: notes, procedures: procedures, devices: devices, alerts: alerts)
    }

    /// The opened sections in the record's native JSON (sections of closed tiers are absent).
    public func jsonData(prettyPrinted: Bool = true) -> [UInt8] {
        if let record { return record.jsonData(prettyPrinted: prettyPrinted) }
        // No holder: write the record with a placeholder holder and drop that member from the output.
        let r = HealthRecord(holder: Holder(given: "-"), allergies: allergies, conditions: conditions,
                             medications: medications, immunizations: immunizations, results: results, vitals: vitals,
                             pregnancy: pregnancy, notes: notes, procedures: procedures, devices: devices,
                             alerts: alerts)
        var value = RecordEncoder.encode(r)
        if case .object(let members) = value { value = .object(members.filter { $0.name != "holder" }) }
        return JSONWriter.write(value, prettyPrinted: prettyPrinted)
    }

    init(card: VerifiedCard, opened: [Tier], sections s: DecodedSections) {
        self.card = card
        openedTiers = opened
        closedTiers = card.tiers.map(\.tier).filter { !opened.contains($0) }
        holder = s.holder
        allergies = s.allergies
        conditions = s.conditions
        medications = s.medications
        immunizations = s.immunizations
        results = s.results
        vitals = s.vitals
        pregnancy = s.pregnancy
        notes = s.notes
        procedures = s.procedures
        devices = s.devices
        alerts = s.alerts
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
        var sections = DecodedSections()
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
        var sections = DecodedSections()
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

    private func decryptTier(_ t: EncryptedTier, cek: [UInt8], into sections: inout DecodedSections) throws(PHRCardError) {
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
