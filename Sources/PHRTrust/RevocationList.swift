import PHRCodecs

/// The list of an issuer key's revoked cards (spec/trust.md §5), signed by that issuer key or by the trust-list root.
///
/// Cards are identified by their full `cti` (8 random bytes), never by a hash of the signed card, so re-encoding a
/// card's signature cannot dodge revocation. In memory the list is a sorted array of `cti` values (as big-endian
/// `UInt64`) with a parallel array of reason and time, so a lookup is a binary search: about 20 comparisons and no
/// hashing for 1,000,000 entries, 16 bytes per entry. On the wire the entries are one byte string of fixed
/// 14-byte records sorted by `cti`, which loads without per-entry allocation.
public struct RevocationList: Sendable, Hashable {
    /// The payload version this implementation writes and reads.
    public static let version: UInt64 = 1
    /// The largest number of entries a list may hold.
    public static let maxEntries = 4_000_000
    /// The size of one entry on the wire: `cti` (8) ‖ reason (1) ‖ revoked-at (5, big-endian seconds).
    public static let recordSize = 14
    static let maxTime: Int64 = (1 << 40) - 1
    static let timeMask: UInt64 = (1 << 40) - 1
    static let maxPayloadBytes = maxEntries * recordSize + 1024

    /// The issuer key whose cards the list revokes.
    public let issuerKid: KeyID
    /// The sequence number; every signing increments it.
    public var sequence: UInt64
    /// When the list was signed.
    public var issuedAt: Int64
    /// Sorted card ids (big-endian `cti` as integers) and, at the same index, `reason << 40 | revokedAt`.
    private(set) var ids: [UInt64]
    private(set) var info: [UInt64]

    /// Creates a working copy holding `entries` (sorted here).
    /// - Throws: `trust.edit` if a card id appears twice or there are too many entries.
    public init(issuerKid: KeyID, entries: [RevocationEntry] = [], sequence: UInt64 = 0, issuedAt: Int64 = 0) throws(PHRCardError) {
        self.issuerKid = issuerKid
        self.sequence = sequence
        self.issuedAt = issuedAt
        ids = []
        info = []
        try revoke(contentsOf: entries)
    }

    /// The number of revoked cards.
    public var count: Int { ids.count }

    /// Every entry, sorted by card id.
    public var entries: [RevocationEntry] { zip(ids, info).map { RevocationEntry(id: $0.0, info: $0.1) } }

    /// The entry for `cardID`, if the card is revoked. O(log n).
    public func entry(for cardID: [UInt8]) -> RevocationEntry? {
        guard cardID.count == CardFormat.ctiLength else { return nil }
        let id = Self.integer(cardID, at: 0)
        guard let i = index(of: id) else { return nil }
        return RevocationEntry(id: id, info: info[i])
    }

    /// Whether `cardID` (8 bytes) is revoked. O(log n).
    public func contains(cardID: [UInt8]) -> Bool {
        cardID.count == CardFormat.ctiLength && index(of: Self.integer(cardID, at: 0)) != nil
    }

    func index(of id: UInt64) -> Int? {
        ids.withUnsafeBufferPointer { buf in
            var lo = 0, hi = buf.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if buf[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < buf.count && buf[lo] == id ? lo : nil
        }
    }

    /// Revokes one card.
    /// - Throws: `trust.edit` if it is already revoked or the list is full.
    public mutating func revoke(_ entry: RevocationEntry) throws(PHRCardError) {
        try revoke(contentsOf: [entry])
    }

    /// Revokes many cards at once (one sort, so building a list of a million entries is fast).
    /// - Throws: `trust.edit` if a card is already revoked or listed twice, or the list would be too long.
    public mutating func revoke(contentsOf newEntries: [RevocationEntry]) throws(PHRCardError) {
        guard !newEntries.isEmpty else { return }
        guard ids.count + newEntries.count <= Self.maxEntries else {
            throw PHRCardError(.trustEdit, "a revocation list holds at most \(Self.maxEntries) entries")
        }
        var pairs = zip(ids, info).map { ($0.0, $0.1) }
        pairs.reserveCapacity(ids.count + newEntries.count)
        for e in newEntries {
            pairs.append((Self.integer(e.cardID, at: 0), UInt64(e.reason.rawValue) << 40 | UInt64(e.revokedAt)))
        }
        pairs.sort { $0.0 < $1.0 }
        for i in pairs.indices.dropFirst() where pairs[i].0 == pairs[i - 1].0 {
            throw PHRCardError(.trustEdit, "card \(Self.bytes(of: pairs[i].0).hexString) is revoked twice")
        }
        ids = pairs.map(\.0)
        info = pairs.map(\.1)
    }

    // MARK: Signing and encoding

    enum Key {
        static let version: Int64 = 1, issuerKid: Int64 = 2, sequence: Int64 = 3, issuedAt: Int64 = 4, entries: Int64 = 5
    }

    /// Signs the list with the issuer key it names or with the trust-list root: increments ``sequence``, sets
    /// ``issuedAt`` and returns the COSE_Sign1 bytes. Save the working copy afterwards.
    /// - Throws: `trust.edit` if the sequence would overflow; a crypto error.
    public mutating func signed(by key: IssuerSigningKey, at time: Int64) throws(PHRCardError) -> [UInt8] {
        guard sequence < UInt64(Int64.max) else { throw PHRCardError(.trustEdit, "the sequence number is exhausted") }
        var next = self
        next.sequence += 1
        next.issuedAt = time
        let bytes = try SignedEnvelope.sign(payload: next.encoded(), with: key)
        self = next
        return bytes
    }

    /// The deterministic CBOR payload: the working-copy file format and the bytes that are signed.
    public func encoded() -> [UInt8] {
        var records = [UInt8]()
        records.reserveCapacity(ids.count * Self.recordSize)
        for (id, inf) in zip(ids, info) {
            for s in stride(from: 56, through: 0, by: -8) { records.append(UInt8(truncatingIfNeeded: id >> UInt64(s))) }
            for s in stride(from: 40, through: 0, by: -8) { records.append(UInt8(truncatingIfNeeded: inf >> UInt64(s))) }
        }
        return CBOR.intMap([(Key.version, .unsignedInt(Self.version)), (Key.issuerKid, .byteString(issuerKid.bytes)),
                            (Key.sequence, .unsignedInt(sequence)), (Key.issuedAt, .int(issuedAt)),
                            (Key.entries, .byteString(records))]).encoded()
    }

    /// Reads a working copy (the payload of a revocation list, unsigned).
    /// - Throws: `revocation.malformed`.
    public init(decoding bytes: [UInt8]) throws(PHRCardError) {
        let bad = PHRCardError.Code.revocationMalformed
        let item = try SignedEnvelope.payloadMap(bytes, known: [1, 2, 3, 4, 5], maxBytes: Self.maxPayloadBytes, maxItems: 16,
                                                 code: bad, what: "revocation list")
        guard item[Key.version]?.uint64Value == Self.version else {
            throw PHRCardError(bad, "revocation list: version (1) must be \(Self.version)")
        }
        guard case .byteString(let kidBytes)? = item[Key.issuerKid], let kid = KeyID(bytes: kidBytes),
              let seq = item[Key.sequence]?.uint64Value, seq <= UInt64(Int64.max),
              let iat = item[Key.issuedAt]?.intValue, case .byteString(let records)? = item[Key.entries] else {
            throw PHRCardError(bad, "revocation list: issuer kid (2), sequence (3), issued-at (4) or entries (5) is missing or of the wrong type")
        }
        guard records.count % Self.recordSize == 0 else {
            throw PHRCardError(bad, "revocation list: entries are \(records.count) bytes, not a multiple of \(Self.recordSize)")
        }
        let n = records.count / Self.recordSize
        guard n <= Self.maxEntries else { throw PHRCardError(bad, "revocation list: more than \(Self.maxEntries) entries") }
        var ids = [UInt64](repeating: 0, count: n)
        var info = [UInt64](repeating: 0, count: n)
        var previous: UInt64?
        for i in 0..<n {
            let off = i * Self.recordSize
            let id = Self.integer(records, at: off)
            if let p = previous, id <= p {
                throw PHRCardError(bad, "revocation list: entry \(i) (card \(Self.bytes(of: id).hexString)) is not in strictly ascending cti order")
            }
            previous = id
            var inf: UInt64 = 0
            for j in 8..<14 { inf = inf << 8 | UInt64(records[off + j]) }
            ids[i] = id
            info[i] = inf
        }
        issuerKid = kid
        sequence = seq
        issuedAt = iat
        self.ids = ids
        self.info = info
    }

    static func integer(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var v: UInt64 = 0
        for j in 0..<8 { v = v << 8 | UInt64(bytes[offset + j]) }
        return v
    }

    package static func bytes(of id: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: id >> UInt64(56 - 8 * $0)) }
    }
}
