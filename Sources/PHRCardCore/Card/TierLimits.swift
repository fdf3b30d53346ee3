import PHRCodecs

/// The decoder limits on one tier's content (spec/format.md §12) and the issue-time check that no card is signed
/// whose tier a decoder would refuse (spec/format.md §10.1 step 4).
///
/// A decoder inflates a tier to at most ``maxInflatedBytes`` and decodes the result as deterministic CBOR with at
/// most ``maxItems`` data items nested at most ``maxDepth`` deep. An issuer checks the same three limits on the
/// exact content bytes it is about to compress, and refuses with `issue.tier-too-large` instead of signing a card
/// that nobody could open.
public enum TierLimits {
    /// The most bytes a tier's content may inflate to (also the CBOR input limit for tier content).
    public static let maxInflatedBytes = 65_536
    /// The most CBOR data items in a tier's content. Every head counts: map keys and values, array elements,
    /// tags, and each container itself. The largest record allowed by `record.md` stays below it.
    public static let maxItems = 8_192
    /// The deepest nesting of arrays, maps and tags in a tier's content; the outermost container is at depth 1,
    /// a scalar adds nothing. Compact record content is never deeper than 5.
    public static let maxDepth = 16

    /// The CBOR decoding options for tier content.
    public static let cborOptions = CBORDecodingOptions(requireDeterministic: true, allowIndefiniteLength: false,
                                                        maxDepth: maxDepth, maxItems: maxItems,
                                                        maxInputSize: maxInflatedBytes)

    /// What a tier's content measures against the limits.
    public struct Measure: Sendable, Equatable {
        /// Encoded length in bytes (= the inflated size a decoder sees).
        public var bytes: Int
        /// CBOR data items, counted as the decoder counts them.
        public var items: Int
        /// Nesting depth of containers (outermost = 1).
        public var depth: Int
    }

    /// Measures encoded content and the item it was encoded from.
    public static func measure(_ item: CBOR, encodedLength: Int) -> Measure {
        var items = 0
        var depth = 0
        // Iterative walk: (item, depth of the containers around it).
        var stack: [(CBOR, Int)] = [(item, 0)]
        while let (node, level) = stack.popLast() {
            items += 1
            switch node {
            case .array(let elements):
                depth = max(depth, level + 1)
                for e in elements { stack.append((e, level + 1)) }
            case .map(let entries):
                depth = max(depth, level + 1)
                for e in entries {
                    stack.append((e.key, level + 1))
                    stack.append((e.value, level + 1))
                }
            case .tagged(_, let inner):
                depth = max(depth, level + 1)
                stack.append((inner, level + 1))
            default:
                break
            }
        }
        return Measure(bytes: encodedLength, items: items, depth: depth)
    }

    /// Refuses tier content that a decoder would reject for its size: checks the inflated size, the item count and
    /// the depth (in the order a decoder meets them), then decodes `content` with the decoder's own options.
    /// - Parameters:
    ///   - content: the exact compact CBOR bytes about to be compressed.
    ///   - item: the CBOR item `content` encodes.
    ///   - tier: the tier, for the message.
    ///   - sections: the tier's sections that hold data, for the advice.
    /// - Throws: `issue.tier-too-large` with the decoder's cause (`deflate.output-too-large`,
    ///   `cbor.too-many-items`, `cbor.too-deep`), naming the limit, the tier, the amount over and what to change.
    static func checkIssuable(content: [UInt8], item: CBOR, tier: Tier,
                              sections: [HealthRecord.Section]) throws(PHRCardError) {
        let m = measure(item, encodedLength: content.count)
        let advice = sections.isEmpty ? "" : " (its sections with data: \(sections.map(\.rawValue).joined(separator: ", ")))"
        let fix = "move sections to the other tier (issue --tier SECTION=TIER), shorten or de-duplicate long texts, "
            + "or leave out entries"
        if m.bytes > maxInflatedBytes {
            throw PHRCardError(.tierTooLarge, """
                tier \(tier)\(advice): its content is \(m.bytes) bytes, \(m.bytes - maxInflatedBytes) over the \
                decoder limit of \(maxInflatedBytes) inflated bytes per tier (spec/format.md §12): no reader could \
                open this card although it would compress to fit. To fix: \(fix).
                """, underlying: "deflate.output-too-large")
        }
        if m.items > maxItems {
            throw PHRCardError(.tierTooLarge, """
                tier \(tier)\(advice): its content has \(m.items) CBOR data items, \(m.items - maxItems) over the \
                decoder limit of \(maxItems) per tier (spec/format.md §12). To fix: \(fix).
                """, underlying: "cbor.too-many-items")
        }
        if m.depth > maxDepth {
            throw PHRCardError(.tierTooLarge, """
                tier \(tier): its content is nested \(m.depth) deep, \(m.depth - maxDepth) over the decoder limit \
                of \(maxDepth) (spec/format.md §12).
                """, underlying: "cbor.too-deep")
        }
        // The decoder's own verdict on the exact bytes: any other failure is a bug in the encoder.
        do { _ = try CBOR.decode(content, options: cborOptions) } catch {
            throw PHRCardError(.invalidRecord, "tier \(tier): the record encodes to content that a decoder rejects "
                               + "(\(error)); this is a bug in the encoder, please report it", underlying: error.code)
        }
    }
}
