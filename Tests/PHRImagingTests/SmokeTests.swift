import Testing
@testable import PHRImaging

@Test func moduleLoads() {
    #expect(!PHRImagingInfo.name.isEmpty)
}
