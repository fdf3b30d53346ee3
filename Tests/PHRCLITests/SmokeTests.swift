import Testing
@testable import PHRCard

@Test func moduleLoads() {
    #expect(!PHRCardVersion.library.isEmpty)
}
