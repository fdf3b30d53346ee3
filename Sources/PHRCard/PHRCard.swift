// The umbrella module: `import PHRCard` brings every library module of the package, as before the split
// (issue 16). An app that only verifies and opens card texts imports `PHRCardCore` instead and links libcrypto and
// zlib only (examples/embed-decoder).
@_exported import PHRCardCore
@_exported import PHRTrust
@_exported import PHRIssuanceLog
@_exported import PHRFHIR
@_exported import PHRLocalization
@_exported import PHRImaging
