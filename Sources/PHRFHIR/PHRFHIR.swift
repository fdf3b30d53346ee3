// PHRFHIR: FHIR R4 International Patient Summary import and export (spec/fhir.md).
// Its API is written in the card's types (records, keys, errors), so `import PHRFHIR` brings PHRCardCore too.
@_exported import PHRCardCore
