import PHRCard
import PHRCodecs
import PHRImaging

/// `phrcard-bench size`: bytes at every layer and QR versions for PHRCard and the two baselines.
enum SizeBench {
    static func run(samples: [Sample], setup: BenchSetup) throws {
        var phrRows: [[String]] = [], euRows: [[String]] = [], shcRows: [[String]] = [], ratioRows: [[String]] = []
        for s in samples {
            let card = try CardIssuer.issue(s.record, signingKey: setup.issuerKey, options: setup.options)
            let digits = String(card.qrText.dropFirst(CardFormat.prefix.count))
            let phrSegments: [QRSegment] = [.alphanumeric(CardFormat.prefix), .numeric(digits)]
            let phrV = QRVersions(phrSegments)
            // Unpadded: what the QR would need without the size-class padding.
            let unpaddedDigits = NumericText.digitCount(forByteCount: card.unpaddedBytes)
            let phrUnpaddedV = QRVersions([.alphanumeric(CardFormat.prefix),
                                           .numeric(String(repeating: "0", count: unpaddedDigits))])
            phrRows.append([s.name, "\(s.minifiedJSON.count)", "\(card.tiers.map(\.content.count).reduce(0, +))",
                            "\(card.tiers.map(\.compressed.count).reduce(0, +))", "\(card.bytes.count)",
                            "\(card.unpaddedBytes)", "\(digits.utf8.count)", phrV.text, phrUnpaddedV.text,
                            "\(card.sizeClass.number) (\(card.sizeClass.cardBytes) B)"])

            let phrBits = qrBits(phrSegments, version: phrV.m ?? 40)
            var ratios: [String] = [s.name, "\(phrBits)"]
            for withTexts in [false, true] {
                let eu = try EUStyle(withTexts: withTexts).encode(s.record, key: setup.signingKey)
                let v = QRVersions(eu.segments)
                euRows.append([s.name, withTexts ? "b: texts" : "a: codes only", "\(eu.payload)", "\(eu.cwt)",
                               "\(eu.cose)", "\(eu.zlib)", "\(eu.base45)", "\(eu.text.utf8.count)", v.text])
                let bits = qrBits(eu.segments, version: v.m ?? 40)
                ratios += ["\(bits)", ratio(phrBits, bits)]
            }
            for withDisplays in [false, true] {
                let shc = try SMARTStyle(withDisplays: withDisplays).encode(s.record, key: setup.signingKey)
                let v = QRVersions(shc.segments)
                let fits = (v.l ?? 41) <= 22
                shcRows.append([s.name, withDisplays ? "with displays*" : "SMART rules", "\(shc.bundle)", "\(shc.payload)",
                                "\(shc.deflated)", "\(shc.jws)", "\(shc.digits)", v.text,
                                fits ? "1 (fits V22-L)" : "\(shc.chunks) (exceeds V22-L)"])
                let bits = qrBits(shc.segments, version: v.m ?? 40)
                ratios += ["\(bits)", ratio(phrBits, bits)]
            }
            ratioRows.append(ratios)
        }
        print("## PHRCard (ES256, signed + encrypted, one reader on the essential tier)\n")
        print(table(["record", "JSON B", "tier CBOR B", "deflated B", "card B", "unpadded B", "QR digits",
                     "QR L/M/Q", "unpadded L/M/Q", "size class"], phrRows))
        print("\nJSON = minified record; tier CBOR/deflated = sums over both tiers; card = COSE_Sign1 padded to its size class.\n")
        print("## EU DCC style (CBOR short keys, CWT, COSE_Sign1 ES256, zlib, Base45, HC1:, alphanumeric QR; not encrypted)\n")
        print(table(["record", "variant", "payload B", "CWT B", "COSE B", "zlib B", "Base45 chars", "QR chars", "QR L/M/Q"],
                    euRows, left: 2))
        print("\n## SMART Health Card style (FHIR R4 Bundle, VC JWT, raw DEFLATE, JWS ES256, shc:/ numeric; not encrypted)\n")
        print(table(["record", "variant", "bundle B", "VC JSON B", "deflated B", "JWS chars", "QR digits", "QR L/M/Q",
                     "QR codes"], shcRows, left: 2))
        print("\n* Coding.display is not allowed in SMART QR codes; shown to compare like with like (PHRCard keeps texts).")
        print("  Chunking (\(SMARTStyle.singleQRLimit) JWS chars per chunk) is deprecated by SMART; count shown when V22-L is exceeded.\n")
        print("## QR data bits (segments per ISO/IEC 18004 at the version needed at M) and PHRCard ÷ baseline\n")
        print(table(["record", "PHRCard bits", "EU a bits", "PHR/EU a", "EU b bits", "PHR/EU b", "SHC bits", "PHR/SHC",
                     "SHC+disp bits", "PHR/SHC+disp"], ratioRows))
    }

    static func ratio(_ a: Int, _ b: Int) -> String { String(format: "%.2f", Double(a) / Double(b)) }
}
