extension CBOR {
    /// Encodes this item in RFC 8949 §4.2.1 core deterministic encoding: shortest argument forms, definite
    /// lengths, map keys sorted bytewise by their encoded form, floats in the shortest of half/single/double that
    /// keeps the value exactly (every NaN as `f97e00`). Tags are kept. Entries with equal keys are all written.
    /// - Returns: the encoded bytes.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        CBOREncoding.append(self, to: &out)
        return out
    }
}

/// The deterministic encoder's internals.
enum CBOREncoding {
    /// Appends the encoding of `item` to `out`.
    static func append(_ item: CBOR, to out: inout [UInt8]) {
        switch item {
        case .unsignedInt(let n): appendHead(0, n, to: &out)
        case .negativeInt(let n): appendHead(1, n, to: &out)
        case .byteString(let b):
            appendHead(2, UInt64(b.count), to: &out)
            out.append(contentsOf: b)
        case .textString(let s):
            var s = s
            s.withUTF8 { utf8 in
                appendHead(3, UInt64(utf8.count), to: &out)
                out.append(contentsOf: utf8)
            }
        case .array(let a):
            appendHead(4, UInt64(a.count), to: &out)
            for element in a { append(element, to: &out) }
        case .map(let entries):
            appendHead(5, UInt64(entries.count), to: &out)
            var encodedEntries: [(key: [UInt8], value: CBOR)] = []
            encodedEntries.reserveCapacity(entries.count)
            for entry in entries {
                var k: [UInt8] = []
                append(entry.key, to: &k)
                encodedEntries.append((k, entry.value))
            }
            encodedEntries.sort { $0.key.lexicographicallyPrecedes($1.key) }
            for entry in encodedEntries {
                out.append(contentsOf: entry.key)
                append(entry.value, to: &out)
            }
        case .tagged(let tag, let content):
            appendHead(6, tag, to: &out)
            append(content, to: &out)
        case .simple(let v):
            if v < 24 {
                out.append(0xE0 | v)
            } else {
                out.append(0xF8)
                out.append(v)
            }
        case .bool(let b): out.append(b ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        case .undefined: out.append(0xF7)
        case .float(let d):
            let (ai, bits) = shortestFloat(d)
            out.append(0xE0 | ai)
            let byteCount = ai == 25 ? 2 : ai == 26 ? 4 : 8
            appendBigEndian(bits, byteCount: byteCount, to: &out)
        }
    }

    /// Appends a head with the shortest argument form.
    @inline(__always)
    static func appendHead(_ major: UInt8, _ arg: UInt64, to out: inout [UInt8]) {
        let m = major << 5
        if arg < 24 {
            out.append(m | UInt8(arg))
        } else if arg <= 0xFF {
            out.append(m | 24)
            out.append(UInt8(arg))
        } else if arg <= 0xFFFF {
            out.append(m | 25)
            appendBigEndian(arg, byteCount: 2, to: &out)
        } else if arg <= 0xFFFF_FFFF {
            out.append(m | 26)
            appendBigEndian(arg, byteCount: 4, to: &out)
        } else {
            out.append(m | 27)
            appendBigEndian(arg, byteCount: 8, to: &out)
        }
    }

    @inline(__always)
    static func appendBigEndian(_ v: UInt64, byteCount: Int, to out: inout [UInt8]) {
        var shift = (byteCount - 1) * 8
        while shift >= 0 {
            out.append(UInt8(truncatingIfNeeded: v >> UInt64(shift)))
            shift -= 8
        }
    }

    /// The shortest exact float form of `d`: additional info (25/26/27) and the bit pattern. NaN is `7e00`.
    static func shortestFloat(_ d: Double) -> (ai: UInt8, bits: UInt64) {
        if d.isNaN { return (25, 0x7E00) }
        let h = Float16(d)
        if Double(h) == d { return (25, UInt64(h.bitPattern)) }
        let f = Float(d)
        if Double(f) == d { return (26, UInt64(f.bitPattern)) }
        return (27, d.bitPattern)
    }
}
