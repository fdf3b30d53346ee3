import Testing
import PHRCard
@testable import PHRCardCore
@testable import PHRTrust
@testable import PHRIssuanceLog
@testable import PHRFHIR
@testable import PHRLocalization

@Test func moduleLoads() {
    #expect(!PHRCardVersion.library.isEmpty)
}
