extension OpenedCard {
    /// The opened card as an IPS document Bundle (spec/fhir.md), dated at the card's `iat` (ISO 8601 UTC),
    /// identified by its card id and authored by its issuer id unless `options` says otherwise.
    public func fhirBundle(options: FHIRExportOptions? = nil) -> [UInt8] {
        let defaults = FHIRExportOptions(date: formatTime(card.issuedAt), identifier: card.cardID.hexString,
                                         author: card.issuerID)
        return FHIRExport.bundle(from: content, options: options ?? defaults)
    }
}
