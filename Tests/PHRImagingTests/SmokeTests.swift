import Testing
import PHRImaging

@Test func moduleLoads() {
    #expect(ImagingError(.scanner, "x").code == "image.scanner")
}
