import PHRTrust
import PHRIssuanceLog
import PHRFHIR
import PHRLocalization
import PHRImaging

/// The stable error codes and messages of the library's errors, as `phrcard` prints them (`error: <code>: <message>`)
/// and the station returns them (`{"error": {"code": …, "message": …}}`).
public enum ErrorLines {
    /// The (code, message) lines of a library error and whether it is a usage problem (exit status 2) rather than a
    /// problem with the card or record (exit status 1); nil for errors the library does not raise.
    public static func lines(for error: any Error) -> (lines: [(code: String, message: String)], usage: Bool)? {
        switch error {
        case let e as RecordValidationError:
            return (e.issues.map { ("record.invalid", $0.path.isEmpty ? "\($0.message) [\($0.code)]"
                                                        : "\($0.path): \($0.message) [\($0.code)]") }, false)
        case let e as PHRCardError:
            let usage: Set<PHRCardError.Code> = [.badKey, .wrongPassphrase, .passphraseRequired, .badTierPolicy]
            let lines = e.message.split(separator: "\n").map { (e.code.rawValue, String($0).trimmingCharacters(in: .whitespaces)) }
            return (lines, usage.contains(e.code))
        case let e as ImagingError:
            let unreadable: Set<ImagingError.Kind> = [.unknownImageFormat, .pngDecode, .jpegDecode, .imageTooLarge]
            return ([(e.code, e.message)], unreadable.contains(e.kind))
        case let e as CryptoError:
            return ([(e.code, e.message)], false)
        case let e as FHIRError:
            return ([(e.code, e.message)] + e.dropped.map { (e.code, "would drop: \($0)") }, false)
        default:
            return nil
        }
    }
}
