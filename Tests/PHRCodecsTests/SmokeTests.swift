import Testing
@testable import PHRCodecs

@Test func moduleLoads() {
    #expect(!PHRCodecsInfo.name.isEmpty)
}
