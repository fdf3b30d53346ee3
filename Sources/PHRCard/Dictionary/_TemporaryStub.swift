// Temporary until the dictionary branch lands.
public enum CodeDisplays { public static func standardDisplay(system: String, code: String) -> String? { nil } }
public enum PresetDictionary { public static let version = 1; public static let bytes: [UInt8] = Array("negative positive mg once daily".utf8) }
