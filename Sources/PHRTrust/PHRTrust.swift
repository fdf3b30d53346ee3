// PHRTrust: Signed trust lists, the reader directory and revocation lists (spec/trust.md).
// Its API is written in the card's types (records, keys, errors), so `import PHRTrust` brings PHRCardCore too.
@_exported import PHRCardCore
