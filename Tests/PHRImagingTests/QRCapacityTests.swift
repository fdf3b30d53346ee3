import Testing
import PHRImaging

/// `minimumVersion` (computed from the capacity tables) against published capacities and libqrencode.
@Suite("QR capacity")
struct QRCapacityTests {
    /// Published character capacities (ISO/IEC 18004 Table 7): (version, level, numeric, alphanumeric, byte).
    static let published: [(Int, QRErrorCorrection, Int, Int, Int)] = [
        (1, .L, 41, 25, 17), (1, .M, 34, 20, 14), (1, .Q, 27, 16, 11), (1, .H, 17, 10, 7),
        (10, .L, 652, 395, 271),
        (40, .L, 7089, 4296, 2953), (40, .M, 5596, 3391, 2331), (40, .Q, 3993, 2420, 1663),
        (40, .H, 3057, 1852, 1273),
    ]

    @Test("capacity boundaries match the published table", arguments: 0..<published.count)
    func publishedCapacities(index: Int) {
        let (version, level, numeric, alnum, byte) = Self.published[index]
        let cases: [(Int, (Int) -> QRSegment)] = [
            (numeric, { .numeric(String(repeating: "7", count: $0)) }),
            (alnum, { .alphanumeric(String(repeating: "A", count: $0)) }),
            (byte, { .byte([UInt8](repeating: 0x41, count: $0)) }),
        ]
        for (capacity, make) in cases {
            #expect(QRCode.minimumVersion(for: [make(capacity)], errorCorrection: level) == version,
                    "v\(version)-\(level) capacity \(capacity)")
            let next = QRCode.minimumVersion(for: [make(capacity + 1)], errorCorrection: level)
            #expect(version == 40 ? next == nil : next == version + 1, "v\(version)-\(level) capacity \(capacity)+1")
        }
    }

    @Test("agrees with encode() for numeric lengths 1...3000 step 7", arguments: QRErrorCorrection.allCases)
    func numericAgreement(level: QRErrorCorrection) throws {
        for length in stride(from: 1, through: 3000, by: 7) {
            let segments: [QRSegment] = [.numeric(TestData.digits(length))]
            let code = try QRCode.encode(segments: segments, errorCorrection: level)
            #expect(QRCode.minimumVersion(for: segments, errorCorrection: level) == code.version,
                    "numeric length \(length) level \(level)")
        }
    }

    @Test("agrees with encode() for alphanumeric prefix + numeric", arguments: QRErrorCorrection.allCases)
    func alphanumericMixAgreement(level: QRErrorCorrection) throws {
        for (i, length) in stride(from: 1, through: 2900, by: 23).enumerated() {
            let prefix = ["A:", "PHR1:", "HC1:", "X-Y/Z $%*+.:"][i % 4]
            let segments: [QRSegment] = [.alphanumeric(prefix), .numeric(TestData.digits(length, seed: 2))]
            let code = try QRCode.encode(segments: segments, errorCorrection: level)
            #expect(QRCode.minimumVersion(for: segments, errorCorrection: level) == code.version,
                    "prefix \(prefix) digits \(length) level \(level)")
        }
    }

    @Test("agrees with encode() for byte + numeric", arguments: QRErrorCorrection.allCases)
    func byteMixAgreement(level: QRErrorCorrection) throws {
        for (i, length) in stride(from: 1, through: 2500, by: 29).enumerated() {
            let bytes = TestData.bytes(1 + (i * 13) % 300, seed: UInt64(i))
            let segments: [QRSegment] = [.byte(bytes), .numeric(TestData.digits(length, seed: 4))]
            guard let expected = QRCode.minimumVersion(for: segments, errorCorrection: level) else {
                let error = TestData.error { () throws(ImagingError) in
                    try QRCode.encode(segments: segments, errorCorrection: level)
                }
                #expect(error?.kind == .qrTooLarge, "bytes \(bytes.count) digits \(length) level \(level)")
                continue
            }
            let code = try QRCode.encode(segments: segments, errorCorrection: level)
            #expect(expected == code.version, "bytes \(bytes.count) digits \(length) level \(level)")
        }
    }

    @Test("segments too large for version 40 throw image.qr-too-large with the excess")
    func tooLarge() {
        let error = TestData.error { () throws(ImagingError) in
            try QRCode.encode(segments: [.numeric(String(repeating: "1", count: 7090))], errorCorrection: .L)
        }
        #expect(error?.code == "image.qr-too-large")
        // 7090 digits: 4 + 14 + 2363*10 + 4 = 23652 bits; version 40-L holds 2956*8 = 23648 bits.
        #expect(error?.message.contains("4 bits") == true, "\(String(describing: error))")
        let prefixed = TestData.error { () throws(ImagingError) in
            try QRCode.encode(prefixedNumericText: "PHR1:" + TestData.digits(3100), errorCorrection: .H)
        }
        #expect(prefixed?.kind == .qrTooLarge)
        let bytes = TestData.error { () throws(ImagingError) in
            try QRCode.encode(segments: [.byte(TestData.bytes(2954))], errorCorrection: .L)
        }
        #expect(bytes?.kind == .qrTooLarge)
    }

    @Test("invalid segments and card texts are rejected")
    func invalidInput() {
        func kind(_ body: () throws(ImagingError) -> QRCode) -> ImagingError.Kind? { TestData.error(body)?.kind }
        #expect(kind { () throws(ImagingError) in try .encode(segments: [.numeric("12a4")], errorCorrection: .M) }
            == .qrEncoding)
        #expect(kind { () throws(ImagingError) in try .encode(segments: [.alphanumeric("abc")], errorCorrection: .M) }
            == .qrEncoding)
        #expect(kind { () throws(ImagingError) in try .encode(segments: [], errorCorrection: .M) } == .qrEncoding)
        #expect(kind { () throws(ImagingError) in try .encode(segments: [.numeric("")], errorCorrection: .M) }
            == .qrEncoding)
        #expect(kind { () throws(ImagingError) in try .encode(prefixedNumericText: "phr1:123", errorCorrection: .M) }
            == .invalidParameter)
        #expect(kind { () throws(ImagingError) in try .encode(prefixedNumericText: "12345", errorCorrection: .M) }
            == .invalidParameter)
        #expect(kind { () throws(ImagingError) in try .encode(prefixedNumericText: "PHR1:", errorCorrection: .M) }
            == .invalidParameter)
        #expect(kind { () throws(ImagingError) in try .encode(prefixedNumericText: "PHR1:12x", errorCorrection: .M) }
            == .invalidParameter)
    }
}
