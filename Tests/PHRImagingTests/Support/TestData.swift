import PHRImaging

/// Deterministic test inputs.
enum TestData {
    /// `count` pseudo-random decimal digits (LCG; includes leading zeros and all digits).
    static func digits(_ count: Int, seed: UInt64 = 1) -> String {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var out = ""
        out.reserveCapacity(count)
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(Character(Unicode.Scalar(UInt8(48 + (state >> 33) % 10))))
        }
        return out
    }

    /// `count` pseudo-random bytes.
    static func bytes(_ count: Int, seed: UInt64 = 7) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    /// Errors thrown by a closure as ImagingError, or nil if it did not throw.
    static func error<T>(_ body: () throws(ImagingError) -> T) -> ImagingError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}
