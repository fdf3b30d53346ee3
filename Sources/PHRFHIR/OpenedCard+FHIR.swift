extension OpenedCard {
    /// The export content of what this key opened: the opened sections, and the sections of the tiers it could not
    /// open (which the IPS marks as withheld).
    public var fhirExportContent: FHIRExportContent {
        FHIRExportContent(holder: holder, allergies: allergies, conditions: conditions, medications: medications,
                          immunizations: immunizations, results: results, vitals: vitals, pregnancy: pregnancy,
                          notes: notes, procedures: procedures, devices: devices, alerts: alerts,
                          openedTiers: openedTiers, closedTiers: closedTiers,
                          closedSections: closedTiers.flatMap { card.policy.sections(in: $0) })
    }

    /// The opened card as an IPS document Bundle (spec/fhir.md), dated at the card's `iat` (ISO 8601 UTC),
    /// identified by its card id and authored by its issuer id unless `options` says otherwise.
    public func fhirBundle(options: FHIRExportOptions? = nil) -> [UInt8] {
        let defaults = FHIRExportOptions(date: formatTime(card.issuedAt), identifier: card.cardID.hexString,
                                         author: card.issuerID)
        return FHIRExport.bundle(from: fhirExportContent, options: options ?? defaults)
    }
}
