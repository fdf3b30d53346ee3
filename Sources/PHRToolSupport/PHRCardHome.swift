import Foundation
import PHRCrypto
import PHRIssuanceLog

/// The directory where a verifier or issuer keeps its trust state: the highest sequence numbers seen (rollback
/// protection), per-issuer holder-hash keys and the issuance log (spec/trust.md §6). Layout:
///
///     <home>/state/trust-list-<root kid>.seq      highest trust-list sequence accepted, decimal
///     <home>/state/revocations-<issuer kid>.seq   highest revocation-list sequence accepted, decimal
///     <home>/keys/holder-hash-<issuer kid>.key    32-byte HMAC key, hex, mode 0600
///     <home>/issuance-log.sqlite                  the issuance log
public struct PHRCardHome: Sendable, Hashable {
    /// The directory.
    public let path: String

    /// Uses `path` (created on first write).
    public init(path: String) { self.path = path }

    /// `PHRCARD_HOME` if set and not empty, otherwise `$HOME/.phrcard`.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> PHRCardHome {
        if let p = environment["PHRCARD_HOME"], !p.isEmpty { return PHRCardHome(path: p) }
        return PHRCardHome(path: (environment["HOME"] ?? NSHomeDirectory()) + "/.phrcard")
    }

    /// What a stored sequence number belongs to.
    public enum SequenceSubject: Sendable, Hashable {
        /// Trust lists signed by this root.
        case trustList(root: KeyID)
        /// Revocation lists for this issuer key.
        case revocationList(issuer: KeyID)

        var fileName: String {
            switch self {
            case .trustList(let k): "trust-list-\(k).seq"
            case .revocationList(let k): "revocations-\(k).seq"
            }
        }
    }

    /// The path of the issuance log.
    public var issuanceLogPath: String { path + "/issuance-log.sqlite" }

    /// The highest sequence number recorded for `subject`, or nil if none was.
    /// - Throws: `trust.state` if the file exists but cannot be read or does not hold a number.
    public func lastSeenSequence(for subject: SequenceSubject) throws(PHRCardError) -> UInt64? {
        let file = path + "/state/" + subject.fileName
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        guard let data = FileManager.default.contents(atPath: file), data.count <= 32,
              let n = UInt64(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw PHRCardError(.trustState, "\(file) does not hold a sequence number")
        }
        return n
    }

    /// Records `sequence` for `subject` if it is higher than the one stored (atomically: temporary file, rename).
    /// - Throws: `trust.state` if the state cannot be read or written.
    public func recordSequence(_ sequence: UInt64, for subject: SequenceSubject) throws(PHRCardError) {
        if let old = try lastSeenSequence(for: subject), old >= sequence { return }
        try write(Array("\(sequence)\n".utf8), to: "state/" + subject.fileName, private: false)
    }

    /// The holder-hash key of an issuer key, created with fresh random bytes if `create` and missing.
    /// - Throws: `trust.state` if the key is missing (and `create` is false), unreadable or malformed.
    public func holderHashKey(issuer kid: KeyID, create: Bool = false,
                              random: any RandomSource = SystemRandom()) throws(PHRCardError) -> HolderHashKey {
        let rel = "keys/holder-hash-\(kid).key"
        let file = path + "/" + rel
        if let data = FileManager.default.contents(atPath: file) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = [UInt8](hexString: text), let key = try? HolderHashKey(bytes: bytes) else {
                throw PHRCardError(.trustState, "\(file) does not hold a \(HolderHashKey.length)-byte hex key")
            }
            return key
        }
        guard create else { throw PHRCardError(.trustState, "no holder-hash key for issuer key \(kid) at \(file)") }
        let key = HolderHashKey(random: random)
        try write(Array((key.bytes.hexString + "\n").utf8), to: rel, private: true)
        return key
    }

    private func write(_ bytes: [UInt8], to relative: String, private isPrivate: Bool) throws(PHRCardError) {
        let url = URL(fileURLWithPath: path + "/" + relative)
        do {
            let dir = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                    attributes: isPrivate ? [.posixPermissions: 0o700] : nil)
            let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UInt64.random(in: 0...UInt64.max))")
            guard FileManager.default.createFile(atPath: tmp.path, contents: Data(bytes),
                                                 attributes: [.posixPermissions: isPrivate ? 0o600 : 0o644]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            if rename(tmp.path, url.path) != 0 {
                try? FileManager.default.removeItem(at: tmp)
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw PHRCardError(.trustState, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
