/// Placeholder; the crypto layer is being written.
public enum PHRCryptoInfo { public static let name = "PHRCrypto" }
