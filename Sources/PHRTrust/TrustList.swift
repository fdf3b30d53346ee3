import PHRCodecs
import PHRCrypto

/// A trust list: the issuer and reader keys a programme's root vouches for (spec/trust.md §3).
///
/// The same value serves as the unsigned working copy an operator edits (``encoded()`` / ``init(decoding:)``, the
/// exact payload that will be signed) and as the content of a signed list (``signed(by:at:nextUpdateAfter:)``,
/// ``verify(_:root:at:lastSeenSequence:maxAge:)``).
public struct TrustList: Sendable, Hashable {
    /// The payload version this implementation writes and reads.
    public static let version: UInt64 = 1
    /// The default time from signing to the next update: 30 days.
    public static let defaultUpdateInterval: Int64 = 30 * 86_400
    /// The default grace after the next-update time before a list is refused (`trust.too-old`): 60 days.
    public static let defaultMaxAge: Int64 = 60 * 86_400

    /// The sequence number; every signing increments it, verifiers refuse lower numbers than they have seen.
    public var sequence: UInt64
    /// When the list was signed (seconds since 1970).
    public var issuedAt: Int64
    /// When a newer list is expected; after it the list is stale (a warning).
    public var nextUpdate: Int64
    /// The issuer keys, at most 10,000, kids unique.
    public private(set) var issuers: [TrustListIssuer]
    /// The reader keys, at most 10,000, kids unique.
    public private(set) var readers: [TrustListReader]

    /// Creates an empty working copy (sequence 0, never signed).
    public init() {
        sequence = 0
        issuedAt = 0
        nextUpdate = 0
        issuers = []
        readers = []
    }

    // MARK: Editing

    /// Adds an issuer key.
    /// - Throws: `trust.edit` if the kid is already listed (as issuer or reader) or a field is invalid.
    public mutating func addIssuer(_ issuer: TrustListIssuer) throws(PHRCardError) {
        let problems = issuer.problems()
        guard problems.isEmpty else { throw PHRCardError(.trustEdit, "issuer \(issuer.kid): " + problems.joined(separator: "; ")) }
        guard !containsKid(issuer.kid) else { throw PHRCardError(.trustEdit, "key \(issuer.kid) is already listed") }
        guard issuers.count < TrustListLimits.maxEntries else { throw PHRCardError(.trustEdit, "the list holds the maximum number of issuers") }
        issuers.append(issuer)
    }

    /// Replaces the issuer entry with the same kid (for example to change its status or period).
    /// - Throws: `trust.edit` if no issuer has that kid or a field is invalid.
    public mutating func updateIssuer(_ issuer: TrustListIssuer) throws(PHRCardError) {
        guard let i = issuers.firstIndex(where: { $0.kid == issuer.kid }) else {
            throw PHRCardError(.trustEdit, "no issuer has kid \(issuer.kid)")
        }
        let problems = issuer.problems()
        guard problems.isEmpty else { throw PHRCardError(.trustEdit, "issuer \(issuer.kid): " + problems.joined(separator: "; ")) }
        issuers[i] = issuer
    }

    /// Sets the status of the issuer key `kid`.
    /// - Throws: `trust.edit` if no issuer has that kid.
    public mutating func setStatus(_ status: IssuerKeyStatus, ofIssuer kid: KeyID) throws(PHRCardError) {
        guard let i = issuers.firstIndex(where: { $0.kid == kid }) else { throw PHRCardError(.trustEdit, "no issuer has kid \(kid)") }
        issuers[i].status = status
    }

    /// Removes the issuer key `kid`. Prefer ``setStatus(_:ofIssuer:)``: removing a key invalidates every card it signed.
    /// - Throws: `trust.edit` if no issuer has that kid.
    public mutating func removeIssuer(kid: KeyID) throws(PHRCardError) {
        guard let i = issuers.firstIndex(where: { $0.kid == kid }) else { throw PHRCardError(.trustEdit, "no issuer has kid \(kid)") }
        issuers.remove(at: i)
    }

    /// Adds a reader key.
    /// - Throws: `trust.edit` if the kid is already listed or a field is invalid.
    public mutating func addReader(_ reader: TrustListReader) throws(PHRCardError) {
        let problems = reader.problems()
        guard problems.isEmpty else { throw PHRCardError(.trustEdit, "reader \(reader.kid): " + problems.joined(separator: "; ")) }
        guard !containsKid(reader.kid) else { throw PHRCardError(.trustEdit, "key \(reader.kid) is already listed") }
        guard readers.count < TrustListLimits.maxEntries else { throw PHRCardError(.trustEdit, "the list holds the maximum number of readers") }
        readers.append(reader)
    }

    /// Removes the reader key `kid`.
    /// - Throws: `trust.edit` if no reader has that kid.
    public mutating func removeReader(kid: KeyID) throws(PHRCardError) {
        guard let i = readers.firstIndex(where: { $0.kid == kid }) else { throw PHRCardError(.trustEdit, "no reader has kid \(kid)") }
        readers.remove(at: i)
    }

    /// The issuer entry with this kid.
    public func issuer(kid: KeyID) -> TrustListIssuer? { issuers.first { $0.kid == kid } }
    /// The reader entry with this kid.
    public func reader(kid: KeyID) -> TrustListReader? { readers.first { $0.kid == kid } }

    private func containsKid(_ kid: KeyID) -> Bool {
        issuers.contains { $0.kid == kid } || readers.contains { $0.kid == kid }
    }

    // MARK: Signing

    /// Signs the list with the root key: increments ``sequence``, sets ``issuedAt`` to `time` and ``nextUpdate`` to
    /// `time + interval`, and returns the COSE_Sign1 bytes. Save the working copy afterwards so the next signing
    /// continues from the new sequence number.
    /// - Throws: `trust.edit` if `interval` is not positive or the sequence would overflow; a crypto error.
    public mutating func signed(by root: IssuerSigningKey, at time: Int64,
                                nextUpdateAfter interval: Int64 = TrustList.defaultUpdateInterval) throws(PHRCardError) -> [UInt8] {
        guard interval > 0 else { throw PHRCardError(.trustEdit, "the update interval must be positive") }
        guard sequence < UInt64(Int64.max) else { throw PHRCardError(.trustEdit, "the sequence number is exhausted") }
        var next = self
        next.sequence += 1
        next.issuedAt = time
        next.nextUpdate = time + interval
        let bytes = try SignedEnvelope.sign(payload: next.encoded(), with: root)
        self = next
        return bytes
    }

    // MARK: Encoding (spec/trust.md §3, CDDL `trust-list-payload`)

    enum Key {
        static let version: Int64 = 1, sequence: Int64 = 2, issuedAt: Int64 = 3, nextUpdate: Int64 = 4
        static let issuers: Int64 = 5, readers: Int64 = 6
    }
    enum IssuerKey {
        static let kid: Int64 = 1, spki: Int64 = 2, issuerID: Int64 = 3, name: Int64 = 4, country: Int64 = 5
        static let validFrom: Int64 = 6, validTo: Int64 = 7, status: Int64 = 8, compromisedSince: Int64 = 9
    }
    enum ReaderKey {
        static let kid: Int64 = 1, spki: Int64 = 2, authority: Int64 = 3, country: Int64 = 4, tiers: Int64 = 5
    }

    /// The deterministic CBOR payload: the working-copy file format and the bytes that are signed.
    public func encoded() -> [UInt8] {
        let issuerItems: [CBOR] = issuers.map { i in
            var pairs: [(Int64, CBOR)] = [
                (IssuerKey.kid, .byteString(i.kid.bytes)), (IssuerKey.spki, .byteString(i.key.spkiDER)),
                (IssuerKey.issuerID, .textString(i.issuerID)), (IssuerKey.name, .textString(i.displayName)),
                (IssuerKey.country, .textString(i.country)), (IssuerKey.validFrom, .int(i.validFrom)),
                (IssuerKey.validTo, .int(i.validTo)),
            ]
            switch i.status {
            case .active: pairs.append((IssuerKey.status, 0))
            case .suspended: pairs.append((IssuerKey.status, 1))
            case .compromised(let since):
                pairs.append((IssuerKey.status, 2))
                pairs.append((IssuerKey.compromisedSince, .int(since)))
            }
            return .intMap(pairs)
        }
        let readerItems: [CBOR] = readers.map { r in
            .intMap([(ReaderKey.kid, .byteString(r.kid.bytes)), (ReaderKey.spki, .byteString(r.key.key.derRepresentation)),
                     (ReaderKey.authority, .textString(r.authority)), (ReaderKey.country, .textString(r.country)),
                     (ReaderKey.tiers, .array(r.defaultTiers.sorted().map { .int(Int64($0.rawValue)) }))])
        }
        return CBOR.intMap([
            (Key.version, .unsignedInt(Self.version)), (Key.sequence, .unsignedInt(sequence)),
            (Key.issuedAt, .int(issuedAt)), (Key.nextUpdate, .int(nextUpdate)),
            (Key.issuers, .array(issuerItems)), (Key.readers, .array(readerItems)),
        ]).encoded()
    }

    /// Reads a working copy (the payload of a trust list, unsigned).
    /// - Throws: `trust.malformed` or `trust.unsupported-version`.
    public init(decoding bytes: [UInt8]) throws(PHRCardError) {
        self = try Self.decodePayload(bytes)
    }

    static func decodePayload(_ bytes: [UInt8]) throws(PHRCardError) -> TrustList {
        let bad = PHRCardError.Code.trustMalformed
        let item = try SignedEnvelope.payloadMap(bytes, known: [1, 2, 3, 4, 5, 6], maxBytes: TrustListLimits.maxPayloadBytes,
                                                 maxItems: TrustListLimits.maxItems, code: bad, what: "trust list")
        guard let version = item[Key.version]?.uint64Value else { throw PHRCardError(bad, "trust list: version (1) is missing") }
        guard version == Self.version else {
            throw PHRCardError(.trustUnsupportedVersion, "trust list version \(version) is not supported (this reads \(Self.version))")
        }
        var list = TrustList()
        guard let seq = item[Key.sequence]?.uint64Value, seq <= UInt64(Int64.max) else {
            throw PHRCardError(bad, "trust list: sequence (2) is missing or not an unsigned integer")
        }
        guard let iat = item[Key.issuedAt]?.intValue, let next = item[Key.nextUpdate]?.intValue else {
            throw PHRCardError(bad, "trust list: issued-at (3) and next-update (4) must be integers")
        }
        guard case .array(let issuerItems)? = item[Key.issuers], case .array(let readerItems)? = item[Key.readers] else {
            throw PHRCardError(bad, "trust list: issuers (5) and readers (6) must be arrays")
        }
        guard issuerItems.count <= TrustListLimits.maxEntries, readerItems.count <= TrustListLimits.maxEntries else {
            throw PHRCardError(bad, "trust list: more than \(TrustListLimits.maxEntries) issuers or readers")
        }
        list.sequence = seq
        list.issuedAt = iat
        list.nextUpdate = next
        for (n, entry) in issuerItems.enumerated() {
            let path = "trust list issuers[\(n)]"
            try SignedEnvelope.checkKeys(entry, known: Set(1...9), code: bad, path: path)
            guard case .byteString(let kidBytes)? = entry[IssuerKey.kid], let kid = KeyID(bytes: kidBytes),
                  case .byteString(let spki)? = entry[IssuerKey.spki],
                  case .textString(let issuerID)? = entry[IssuerKey.issuerID],
                  case .textString(let name)? = entry[IssuerKey.name],
                  case .textString(let country)? = entry[IssuerKey.country],
                  let from = entry[IssuerKey.validFrom]?.intValue, let to = entry[IssuerKey.validTo]?.intValue,
                  let statusCode = entry[IssuerKey.status]?.uint64Value else {
                throw PHRCardError(bad, "\(path): a field is missing or of the wrong type")
            }
            guard let key = TrustListLimits.issuerKey(spki: spki) else {
                throw PHRCardError(bad, "\(path): the SPKI is not a P-256 or Ed25519 public key")
            }
            guard key.kid == kid else { throw PHRCardError(bad, "\(path): kid \(kid) does not match the key (\(key.kid))") }
            let since = entry[IssuerKey.compromisedSince]
            let status: IssuerKeyStatus
            switch (statusCode, since?.intValue) {
            case (0, nil) where since == nil: status = .active
            case (1, nil) where since == nil: status = .suspended
            case (2, let s?): status = .compromised(since: s)
            default: throw PHRCardError(bad, "\(path): status must be 0, 1, or 2 with compromised-since (9), which only status 2 has")
            }
            let issuer = TrustListIssuer(key: key, issuerID: issuerID, displayName: name, country: country,
                                         validFrom: from, validTo: to, status: status)
            do { try list.addIssuer(issuer) } catch { throw PHRCardError(bad, "\(path): \(error.message)") }
        }
        for (n, entry) in readerItems.enumerated() {
            let path = "trust list readers[\(n)]"
            try SignedEnvelope.checkKeys(entry, known: Set(1...5), code: bad, path: path)
            guard case .byteString(let kidBytes)? = entry[ReaderKey.kid], let kid = KeyID(bytes: kidBytes),
                  case .byteString(let spki)? = entry[ReaderKey.spki],
                  case .textString(let authority)? = entry[ReaderKey.authority],
                  case .textString(let country)? = entry[ReaderKey.country],
                  case .array(let tierItems)? = entry[ReaderKey.tiers] else {
                throw PHRCardError(bad, "\(path): a field is missing or of the wrong type")
            }
            guard let p = try? P256.Signing.PublicKey(derRepresentation: spki) else {
                throw PHRCardError(bad, "\(path): the SPKI is not a P-256 public key")
            }
            let key = ReaderPublicKey(p)
            guard key.kid == kid else { throw PHRCardError(bad, "\(path): kid \(kid) does not match the key (\(key.kid))") }
            var tiers = Set<Tier>()
            var previous = -1
            for t in tierItems {
                guard let v = t.uint64Value, v < 256, let tier = Tier(rawValue: Int(v)), tier.rawValue > previous else {
                    throw PHRCardError(bad, "\(path): default tiers must be known tier numbers in ascending order")
                }
                previous = tier.rawValue
                tiers.insert(tier)
            }
            do { try list.addReader(TrustListReader(key: key, authority: authority, country: country, defaultTiers: tiers)) } catch {
                throw PHRCardError(bad, "\(path): \(error.message)")
            }
        }
        return list
    }
}
