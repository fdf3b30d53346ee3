import Foundation
import PHRCard
import PHRCodecs

/// `phrcard-bench levers`: what the three size levers of issue 12 §4 would save on real cards, and whether any
/// card would move into a smaller size class (spec/format.md §15.2).
///
/// Each card is issued as today, then its CBOR is rewritten as the lever would write it and re-encoded; the
/// difference in length is exact (ciphertexts keep their length). Levers:
/// - **A, IV from the card:** no IV in the tier's unprotected header (`{5: 12 bytes}` → `{}`), the IV derived
///   from the card instead (each content key is used once).
/// - **B, holder without a wrapped key when readers are present:** the holder recipient of a tier with readers
///   becomes `[h'', {1: -6}, h'']` (content key derived from the holder secret, wrapped only for readers).
/// - **C, exp as a lifetime:** claim 4 holds the lifetime in days instead of a NumericDate.
enum LeverBench {
    struct Row { let name: String; let readers: Int; let unpadded: Int; let saved: [Int] }

    static func run(samples: [Sample], setup: BenchSetup) throws {
        let readerKeys = (0..<3).map { _ in ReaderPrivateKey(P256.KeyAgreement.PrivateKey()) }
        var rows: [Row] = []
        for s in samples {
            for readerCount in [0, 1, 3] {
                var options = setup.options
                options.readers = readerKeys.prefix(readerCount).map { ReaderGrant(key: $0.publicKey, tiers: [.essential]) }
                let card: IssuedCard
                do { card = try CardIssuer.issue(s.record, signingKey: setup.issuerKey, options: options) } catch {
                    print("\(s.name): not issued: \(error)")
                    break
                }
                let base = card.bytes.count
                let saved = try [[true, false, false], [false, true, false], [false, false, true], [true, true, true]].map {
                    base - (try rewrite(card.bytes, iv: $0[0], holder: $0[1], lifetime: $0[2])).count
                }
                rows.append(Row(name: s.name, readers: readerCount, unpadded: card.unpaddedBytes, saved: saved))
            }
        }
        func cls(_ n: Int) -> String { SizeClass.smallest(holding: n).map { "\($0.number)" } ?? "–" }
        var out: [[String]] = []
        var moves = [0, 0, 0, 0]
        for r in rows {
            let before = cls(r.unpadded)
            let lower = SizeClass.all.last { $0.cardBytes < r.unpadded }
            var cells = [r.name, "\(r.readers)", "\(r.unpadded)", before,
                         lower.map { "\(r.unpadded - $0.cardBytes)" } ?? "–"]
            for (i, s) in r.saved.enumerated() {
                let after = cls(r.unpadded - s)
                if after != before { moves[i] += 1 }
                cells.append(after != before ? "\(s) → class \(after)" : "\(s)")
            }
            out.append(cells)
        }
        print("## Size levers (ES256; readers receive the essential tier; bytes saved per card, exact)\n")
        print(table(["record", "readers", "unpadded B", "class", "B over next smaller class", "A: IV from card",
                     "B: holder unwrapped", "C: exp as lifetime", "A+B+C"], out))
        print("\ncards moving to a smaller class: A \(moves[0]), B \(moves[1]), C \(moves[2]), all \(moves[3]) of \(rows.count)")
    }

    /// The card bytes as the chosen levers would write them (signature kept: only lengths matter here).
    static func rewrite(_ bytes: [UInt8], iv: Bool, holder: Bool, lifetime: Bool) throws -> [UInt8] {
        guard case .tagged(18, .array(var sign1)) = try CBOR.decode(bytes, options: .lenient),
              case .byteString(let payload) = sign1[2],
              case .map(var claims) = try CBOR.decode(payload, options: .lenient) else { throw BenchError("not a card") }
        for (i, e) in claims.enumerated() {
            if lifetime, e.key == .int(4), let exp = e.value.intValue,
               let iat = claims.first(where: { $0.key == .int(6) })?.value.intValue {
                claims[i] = CBOR.Entry(e.key, .int((exp - iat) / 86_400))
            }
            guard e.key == .int(CardFormat.tiersClaim), case .array(var tiers) = e.value else { continue }
            for t in tiers.indices {
                guard case .array(var parts) = tiers[t], case .tagged(96, .array(var enc)) = parts[2],
                      case .array(var recipients) = enc[3] else { continue }
                if iv { enc[1] = .map([]) }
                if holder && recipients.count > 1 {
                    recipients[0] = .array([.byteString([]), .map([CBOR.Entry(.int(1), .int(-6))]), .byteString([])])
                }
                enc[3] = .array(recipients)
                parts[2] = .tagged(96, .array(enc))
                tiers[t] = .array(parts)
            }
            claims[i] = CBOR.Entry(e.key, .array(tiers))
        }
        let rewritten: CBOR = .map(claims)
        sign1[2] = .byteString(rewritten.encoded())
        return CBOR.tagged(18, .array(sign1)).encoded()
    }
}
