/// Placeholder; imaging is being written.
public enum PHRImagingInfo { public static let name = "PHRImaging" }
