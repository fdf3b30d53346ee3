extension CBOR {
    /// Decodes exactly one CBOR data item from `bytes`.
    ///
    /// The decoder is iterative (no recursion, so deep nesting cannot overflow the stack) and bounded by `options`.
    /// It checks every claimed length against the remaining input before allocating.
    /// - Parameters:
    ///   - bytes: the complete encoded item; nothing may follow it.
    ///   - options: strictness and limits; `.strict` (the default) requires deterministic encoding.
    /// - Returns: the decoded item.
    /// - Throws: `CBORError` naming the problem and its byte offset.
    public static func decode(_ bytes: [UInt8], options: CBORDecodingOptions = .strict) throws(CBORError) -> CBOR {
        guard bytes.count <= options.maxInputSize else {
            throw CBORError(.inputTooLarge, offset: 0,
                            "input is \(bytes.count) bytes, more than the limit of \(options.maxInputSize)")
        }
        let result: Result<CBOR, CBORError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = CBORReader(buffer: buffer, options: options)
            do throws(CBORError) {
                return .success(try reader.readTopLevel())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// An open array, map or tag on the decoder's explicit stack.
private struct Frame {
    enum Kind { case array, map, tag }
    var kind: Kind
    /// Offset of the container's head.
    var start: Int
    /// Items still expected (map: keys plus values); -1 for indefinite length.
    var remaining: Int
    var tag: UInt64 = 0
    var elements: [CBOR] = []
    var entries: [CBOR.Entry] = []
    var pendingKey: CBOR?
    var previousKeyStart = -1
    var previousKeyEnd = -1
    var seenKeys: Set<[UInt8]> = []
}

/// A head: major type, additional information and argument.
private struct Head {
    var major: UInt8
    var info: UInt8
    var argument: UInt64
    var indefinite: Bool { info == 31 }
}

/// The iterative decoder over a borrowed buffer.
private struct CBORReader {
    let buffer: UnsafeBufferPointer<UInt8>
    let options: CBORDecodingOptions
    let deterministic: Bool
    let allowIndefinite: Bool
    var position = 0
    var itemCount = 0

    init(buffer: UnsafeBufferPointer<UInt8>, options: CBORDecodingOptions) {
        self.buffer = buffer
        self.options = options
        self.deterministic = options.requireDeterministic
        self.allowIndefinite = options.allowIndefiniteLength && !options.requireDeterministic
    }

    var remainingBytes: Int { buffer.count - position }

    mutating func readTopLevel() throws(CBORError) -> CBOR {
        var stack: [Frame] = []
        while true {
            let start = position
            guard position < buffer.count else {
                throw CBORError(.truncated, offset: position, "input ends where a data item was expected")
            }
            var value: CBOR
            var valueStart = start
            if buffer[position] == 0xFF {
                guard let top = stack.last, top.remaining < 0, top.kind != .tag, top.pendingKey == nil else {
                    throw CBORError(.unexpectedBreak, offset: start,
                                    "break code (0xff) outside an indefinite-length array or map, or after a map key")
                }
                position += 1
                let frame = stack.removeLast()
                valueStart = frame.start
                value = frame.kind == .array ? .array(frame.elements) : .map(frame.entries)
            } else {
                let head = try readHead()
                try countItem(at: start)
                switch head.major {
                case 0:
                    value = .unsignedInt(head.argument)
                case 1:
                    value = .negativeInt(head.argument)
                case 2:
                    value = .byteString(try readBytes(head, start: start))
                case 3:
                    value = .textString(try readText(head, start: start))
                case 4, 5:
                    let isMap = head.major == 5
                    var count = -1
                    if head.indefinite {
                        try checkIndefiniteAllowed(at: start)
                    } else {
                        // Each element needs at least one byte, each map entry two: check before reserving.
                        let perItem: UInt64 = isMap ? 2 : 1
                        guard head.argument <= UInt64(remainingBytes) / perItem else {
                            throw CBORError(.lengthExceedsInput, offset: start,
                                            "\(isMap ? "map" : "array") claims \(head.argument) "
                                            + "\(isMap ? "entries" : "elements") but only \(remainingBytes) bytes remain")
                        }
                        count = Int(head.argument)
                    }
                    try checkDepth(stack.count, at: start)
                    if count == 0 {
                        value = isMap ? .map([]) : .array([])
                    } else {
                        var frame = Frame(kind: isMap ? .map : .array, start: start,
                                          remaining: count < 0 ? -1 : (isMap ? count * 2 : count))
                        if count > 0 {
                            if isMap { frame.entries.reserveCapacity(count) } else { frame.elements.reserveCapacity(count) }
                        }
                        stack.append(frame)
                        continue
                    }
                case 6:
                    guard !head.indefinite else {
                        throw CBORError(.reservedValue, offset: start, "a tag cannot have indefinite length (0xdf)")
                    }
                    try checkDepth(stack.count, at: start)
                    stack.append(Frame(kind: .tag, start: start, remaining: 1, tag: head.argument))
                    continue
                default:
                    value = try simpleOrFloat(head, start: start)
                }
            }
            // Deliver the finished value to the enclosing containers, closing those that are complete.
            while true {
                guard !stack.isEmpty else {
                    guard position == buffer.count else {
                        throw CBORError(.trailingBytes, offset: position,
                                        "\(buffer.count - position) bytes follow the end of the data item")
                    }
                    return value
                }
                let top = stack.count - 1
                switch stack[top].kind {
                case .tag:
                    let frame = stack.removeLast()
                    value = .tagged(frame.tag, value)
                    valueStart = frame.start
                    continue
                case .array:
                    stack[top].elements.append(value)
                case .map:
                    if let key = stack[top].pendingKey {
                        stack[top].entries.append(CBOR.Entry(key, value))
                        stack[top].pendingKey = nil
                    } else {
                        try checkKey(value, start: valueStart, frame: &stack[top])
                        stack[top].pendingKey = value
                    }
                }
                if stack[top].remaining > 0 {
                    stack[top].remaining -= 1
                    if stack[top].remaining == 0 {
                        let frame = stack.removeLast()
                        value = frame.kind == .array ? .array(frame.elements) : .map(frame.entries)
                        valueStart = frame.start
                        continue
                    }
                }
                break
            }
        }
    }

    // MARK: Heads and limits

    mutating func readHead() throws(CBORError) -> Head {
        let start = position
        let initial = buffer[position]
        position += 1
        let major = initial >> 5
        let info = initial & 0x1F
        var argument: UInt64 = 0
        switch info {
        case 0..<24:
            argument = UInt64(info)
        case 24...27:
            let length = 1 << Int(info - 24)
            guard remainingBytes >= length else {
                throw CBORError(.truncated, offset: start,
                                "head needs \(length) argument bytes but only \(remainingBytes) remain")
            }
            for _ in 0..<length {
                argument = argument << 8 | UInt64(buffer[position])
                position += 1
            }
            if deterministic && major != 7 {
                let shortestLimit: UInt64 = info == 24 ? 24 : info == 25 ? 0x100 : info == 26 ? 0x1_0000 : 0x1_0000_0000
                if argument < shortestLimit {
                    throw CBORError(.nonDeterministic, offset: start,
                                    "argument \(argument) is not in its shortest form (\(length + 1)-byte head)")
                }
            }
        case 28...30:
            throw CBORError(.reservedValue, offset: start,
                            "reserved additional information \(info) in initial byte 0x\(hex(initial))")
        default: // 31
            if major == 0 || major == 1 || major == 6 {
                throw CBORError(.reservedValue, offset: start,
                                "additional information 31 is not valid for major type \(major)")
            }
        }
        return Head(major: major, info: info, argument: argument)
    }

    mutating func countItem(at offset: Int) throws(CBORError) {
        itemCount += 1
        if itemCount > options.maxItems {
            throw CBORError(.tooManyItems, offset: offset, "more than \(options.maxItems) data items")
        }
    }

    func checkDepth(_ openContainers: Int, at offset: Int) throws(CBORError) {
        if openContainers >= options.maxDepth {
            throw CBORError(.tooDeep, offset: offset, "nesting deeper than \(options.maxDepth) arrays, maps or tags")
        }
    }

    func checkIndefiniteAllowed(at offset: Int) throws(CBORError) {
        if !allowIndefinite {
            throw CBORError(.indefiniteLength, offset: offset,
                            "indefinite-length item (initial byte 0x\(hex(buffer[offset]))) is not allowed")
        }
    }

    // MARK: Strings

    /// Checks a definite string length against the input and returns the payload range.
    mutating func takeDefinite(_ head: Head, start: Int) throws(CBORError) -> Range<Int> {
        guard head.argument <= UInt64(remainingBytes) else {
            throw CBORError(.lengthExceedsInput, offset: start,
                            "string claims \(head.argument) bytes but only \(remainingBytes) remain")
        }
        let range = position..<(position + Int(head.argument))
        position = range.upperBound
        return range
    }

    /// Reads the chunks of an indefinite-length string, calling `body` with each payload range.
    mutating func readChunks(major: UInt8, start: Int,
                             _ body: (Range<Int>, Int) throws(CBORError) -> Void) throws(CBORError) {
        try checkIndefiniteAllowed(at: start)
        while true {
            guard position < buffer.count else {
                throw CBORError(.truncated, offset: position, "indefinite-length string has no break code")
            }
            if buffer[position] == 0xFF {
                position += 1
                return
            }
            let chunkStart = position
            let chunk = try readHead()
            guard chunk.major == major, !chunk.indefinite else {
                throw CBORError(.indefiniteLength, offset: chunkStart,
                                "chunk of an indefinite-length string must be a definite-length string of the same type")
            }
            try countItem(at: chunkStart)
            try body(try takeDefinite(chunk, start: chunkStart), chunkStart)
        }
    }

    mutating func readBytes(_ head: Head, start: Int) throws(CBORError) -> [UInt8] {
        if !head.indefinite {
            return Array(UnsafeBufferPointer(rebasing: buffer[try takeDefinite(head, start: start)]))
        }
        var result: [UInt8] = []
        let buffer = self.buffer
        try readChunks(major: 2, start: start) { (range, _) throws(CBORError) in
            result.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        }
        return result
    }

    mutating func readText(_ head: Head, start: Int) throws(CBORError) -> String {
        let buffer = self.buffer
        func text(_ range: Range<Int>, _ at: Int) throws(CBORError) -> String {
            guard let s = String(validating: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self) else {
                throw CBORError(.invalidUTF8, offset: at, "text string is not valid UTF-8")
            }
            return s
        }
        if !head.indefinite {
            return try text(try takeDefinite(head, start: start), start)
        }
        var result = ""
        try readChunks(major: 3, start: start) { (range, chunkStart) throws(CBORError) in
            result += try text(range, chunkStart)
        }
        return result
    }

    // MARK: Major type 7

    func simpleOrFloat(_ head: Head, start: Int) throws(CBORError) -> CBOR {
        switch head.info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 0..<20: return .simple(head.info)
        case 24:
            guard head.argument >= 32 else {
                throw CBORError(.invalidSimpleValue, offset: start,
                                "simple value \(head.argument) must use the one-byte form (two-byte form needs 32...255)")
            }
            return .simple(UInt8(head.argument))
        case 25, 26, 27:
            let value: Double
            switch head.info {
            case 25: value = Double(Float16(bitPattern: UInt16(head.argument)))
            case 26: value = Double(Float(bitPattern: UInt32(head.argument)))
            default: value = Double(bitPattern: head.argument)
            }
            if deterministic {
                let shortest = CBOREncoding.shortestFloat(value)
                if shortest.ai != head.info || shortest.bits != head.argument {
                    throw CBORError(.nonDeterministic, offset: start,
                                    "float \(value) is not in its shortest exact form (or is a non-canonical NaN)")
                }
            }
            return .float(value)
        default: // 31: break, handled by the caller
            throw CBORError(.unexpectedBreak, offset: start, "unexpected break code")
        }
    }

    // MARK: Map keys

    /// Rejects duplicate keys (by encoded form) and, in deterministic mode, keys out of bytewise order.
    func checkKey(_ key: CBOR, start: Int, frame: inout Frame) throws(CBORError) {
        if deterministic {
            // Deterministic input: the input bytes of the key are its canonical encoding.
            let current = UnsafeBufferPointer(rebasing: buffer[start..<position])
            if frame.previousKeyStart >= 0 {
                let previous = UnsafeBufferPointer(rebasing: buffer[frame.previousKeyStart..<frame.previousKeyEnd])
                if previous.elementsEqual(current) {
                    throw CBORError(.duplicateKey, offset: start, "duplicate map key")
                }
                if !previous.lexicographicallyPrecedes(current) {
                    throw CBORError(.nonDeterministic, offset: start,
                                    "map key is not in bytewise order of encoded keys")
                }
            }
            frame.previousKeyStart = start
            frame.previousKeyEnd = position
        } else {
            if !frame.seenKeys.insert(key.encoded()).inserted {
                throw CBORError(.duplicateKey, offset: start, "duplicate map key")
            }
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
