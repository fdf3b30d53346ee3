@_exported import PHRCodecs
@_exported import PHRCrypto

/// Version information for the PHRCard library and the card format it writes.
public enum PHRCardVersion {
    /// The library's semantic version.
    public static let library = "0.1.0"
    /// The card format version written by this library (`PHR1:` cards).
    public static let format = 1
}
