// PHRLocalization: The translation table and localized dates of the printed card, the officer text and the station.
// Its API is written in the card's types (records, keys, errors), so `import PHRLocalization` brings PHRCardCore too.
@_exported import PHRCardCore
