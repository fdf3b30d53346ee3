import Foundation
import PHRCard
import PHRCrypto
import PHRImaging

/// A failure of the benchmark itself (bad arguments, a sample that does not load, a library error).
struct BenchError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// One example record loaded from `examples/*.json`.
struct Sample {
    let name: String
    let record: HealthRecord
    /// The record as minified JSON (the library's own writer).
    let minifiedJSON: [UInt8]

    /// Loads every `*.json` file of `directory`, sorted by size of the minified record (smallest first).
    static func loadAll(from directory: String) throws -> [Sample] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        guard !files.isEmpty else { throw BenchError("no *.json records in \(directory)") }
        return try files.map { try load(path: directory + "/" + $0) }.sorted { $0.minifiedJSON.count < $1.minifiedJSON.count }
    }

    /// Imports every FHIR IPS Bundle (`*.json`) of `directory` (documents that do not import are skipped, with a note).
    static func loadFHIR(from directory: String) throws -> [Sample] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        return files.compactMap { file in
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { return nil }
            do {
                let record = try FHIRImport.record(fromBundle: [UInt8](data)).record
                return Sample(name: "ips/" + (file as NSString).deletingPathExtension, record: record,
                              minifiedJSON: record.jsonData(prettyPrinted: false))
            } catch {
                FileHandle.standardError.write(Data("\(file): not imported: \(error)\n".utf8))
                return nil
            }
        }
    }

    static func load(path: String) throws -> Sample {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        let record: HealthRecord
        do { record = try HealthRecord(jsonData: [UInt8](data)) } catch { throw BenchError("\(path): \(error)") }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return Sample(name: name, record: record, minifiedJSON: record.jsonData(prettyPrinted: false))
    }
}

/// Fixed keys and options shared by every benchmark: ES256 issuer, one reader receiving the essential tier.
struct BenchSetup {
    static let issuerID = "GR-MOH-CLINIC-0042"
    static let issuedAt: Int64 = 1_767_225_600 // 2026-01-01T00:00:00Z
    let signingKey: P256.Signing.PrivateKey
    let reader: ReaderPrivateKey
    /// Built once, as a verifier holds its trusted keys (their key ids are computed at load, not per card).
    let trustedIssuers: [TrustedIssuer]

    init() {
        signingKey = P256.Signing.PrivateKey()
        reader = ReaderPrivateKey(P256.KeyAgreement.PrivateKey())
        trustedIssuers = [TrustedIssuer(key: IssuerSigningKey.p256(signingKey).publicKey, issuerID: Self.issuerID)]
    }

    var issuerKey: IssuerSigningKey { .p256(signingKey) }
    var trusted: [TrustedIssuer] { trustedIssuers }
    var options: IssueOptions {
        IssueOptions(issuerID: Self.issuerID, issuedAt: Self.issuedAt,
                     readers: [ReaderGrant(key: reader.publicKey, tiers: [.essential])])
    }
    /// A verification time inside every card's validity.
    var verifyTime: Int64 { Self.issuedAt + 86_400 }
}

/// Monotonic time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time of the calling thread in seconds (CLOCK_THREAD_CPUTIME_ID): what an operation cost whatever else the
/// shared machine was running.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Peak resident set size of this process in KiB (`getrusage` `ru_maxrss`; KiB on Linux).
func peakRSSKiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss)
}

/// Current resident set size in KiB (from /proc/self/statm), or nil where unavailable.
func currentRSSKiB() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

/// Bits a QR symbol needs for `segments` at `version` (ISO/IEC 18004: 4-bit mode indicator, character-count
/// indicator of 10/12/14 (numeric), 9/11/13 (alphanumeric), 8/16/16 (byte) bits for versions 1–9/10–26/27–40,
/// then 10 bits per 3 digits, 11 bits per 2 alphanumeric characters, 8 bits per byte). The terminator and padding
/// are not counted. (`QRSegment.bitLength` is internal to PHRImaging, so this is recomputed here.)
func qrBits(_ segments: [QRSegment], version: Int) -> Int {
    let range = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
    var total = 0
    for segment in segments {
        switch segment {
        case .numeric(let s):
            let n = s.utf8.count
            total += 4 + [10, 12, 14][range] + 10 * (n / 3) + [0, 4, 7][n % 3]
        case .alphanumeric(let s):
            let n = s.utf8.count
            total += 4 + [9, 11, 13][range] + 11 * (n / 2) + 6 * (n % 2)
        case .byte(let b):
            total += 4 + [8, 16, 16][range] + 8 * b.count
        }
    }
    return total
}

/// Minimum QR versions at L, M and Q.
struct QRVersions {
    let l: Int?, m: Int?, q: Int?
    init(_ segments: [QRSegment]) {
        l = QRCode.minimumVersion(for: segments, errorCorrection: .L)
        m = QRCode.minimumVersion(for: segments, errorCorrection: .M)
        q = QRCode.minimumVersion(for: segments, errorCorrection: .Q)
    }
    static func show(_ v: Int?) -> String { v.map(String.init) ?? ">40" }
    var text: String { "\(Self.show(l))/\(Self.show(m))/\(Self.show(q))" }
}

/// base64url without padding (RFC 7515 §2).
func base64url(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// Formats a Markdown table: the first `left` columns left-aligned, the others right-aligned.
func table(_ header: [String], _ rows: [[String]], left: Int = 1) -> String {
    var widths = header.map(\.count)
    for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
        "| " + cells.enumerated().map { i, c in
            let pad = String(repeating: " ", count: widths[i] - c.count)
            return i < left ? c + pad : pad + c
        }.joined(separator: " | ") + " |"
    }
    let rule = "|" + widths.enumerated().map { i, w in
        i < left ? String(repeating: "-", count: w + 2) : String(repeating: "-", count: w + 1) + ":"
    }.joined(separator: "|") + "|"
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
}
