/// Placeholder; the codecs are being written.
public enum PHRCodecsInfo { public static let name = "PHRCodecs" }
