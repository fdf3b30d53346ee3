// PHRIssuanceLog: The issuer's append-only issuance log and holder-hash keys (spec/trust.md §6).
// Its API is written in the card's types (records, keys, errors), so `import PHRIssuanceLog` brings PHRCardCore too.
@_exported import PHRCardCore
