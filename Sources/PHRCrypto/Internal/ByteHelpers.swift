extension Array where Element == UInt8 {
    /// The bytes as `CChar`s, for C parameters typed `const char *` that carry binary data (passphrases).
    var asCChars: [CChar] { map { CChar(bitPattern: $0) } }
}
