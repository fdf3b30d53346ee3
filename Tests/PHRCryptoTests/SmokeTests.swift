import Testing
@testable import PHRCrypto

@Test func moduleLoads() {
    #expect(!PHRCryptoInfo.name.isEmpty)
}
