internal import CLibCrypto
import Foundation

/// Owns an `OSSL_PARAM` array and copies of every key and value it points to.
///
/// `OSSL_PARAM_construct_*` only stores pointers, and Swift's implicit String/Array bridging lasts one call, so
/// all keys and values are copied into memory owned here. Values are cleansed and freed in `deinit`.
final class OSSLParameters {
    /// A parameter value.
    enum Value {
        case utf8(String)
        case octets([UInt8])
        /// An unsigned integer given big-endian; stored native-endian as `OSSL_PARAM_construct_BN` expects.
        case unsignedBigEndian([UInt8])
        case uint64(UInt64)
        case uint32(UInt32)
    }

    private var allocations: [(UnsafeMutableRawPointer, Int)] = []
    private let array: UnsafeMutablePointer<OSSL_PARAM>
    private let count: Int

    init(_ entries: [(String, Value)]) {
        count = entries.count + 1
        array = .allocate(capacity: count)
        for (index, (key, value)) in entries.enumerated() {
            let keyPointer = copyCString(key)
            switch value {
            case .utf8(let text):
                let valuePointer = copyCString(text)
                array[index] = OSSL_PARAM_construct_utf8_string(keyPointer, valuePointer, 0)
            case .octets(let bytes):
                let buffer = copyBytes(bytes)
                array[index] = OSSL_PARAM_construct_octet_string(keyPointer, buffer, bytes.count)
            case .unsignedBigEndian(let bytes):
                let native = UInt32(littleEndian: 1) == 1 ? Array(bytes.reversed()) : bytes
                let buffer = copyBytes(native)
                array[index] = OSSL_PARAM_construct_BN(
                    keyPointer, buffer.assumingMemoryBound(to: UInt8.self), native.count)
            case .uint64(let number):
                let buffer = allocate(MemoryLayout<UInt64>.size)
                let typed = buffer.bindMemory(to: UInt64.self, capacity: 1)
                typed.pointee = number
                array[index] = OSSL_PARAM_construct_uint64(keyPointer, typed)
            case .uint32(let number):
                let buffer = allocate(MemoryLayout<UInt32>.size)
                let typed = buffer.bindMemory(to: UInt32.self, capacity: 1)
                typed.pointee = number
                array[index] = OSSL_PARAM_construct_uint32(keyPointer, typed)
            }
        }
        array[entries.count] = OSSL_PARAM_construct_end()
    }

    /// Runs `body` with a pointer to the terminated parameter array, valid only during the call.
    func withParameters<R>(_ body: (UnsafePointer<OSSL_PARAM>) -> R) -> R {
        withExtendedLifetime(self) { body(UnsafePointer(array)) }
    }

    deinit {
        for (pointer, size) in allocations {
            OPENSSL_cleanse(pointer, size)
            free(pointer)
        }
        array.deallocate()
    }

    private func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        guard let pointer = malloc(max(size, 1)) else { fatalError("PHRCrypto: out of memory") }
        allocations.append((pointer, max(size, 1)))
        return pointer
    }

    private func copyBytes(_ bytes: [UInt8]) -> UnsafeMutableRawPointer {
        let pointer = allocate(bytes.count)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
        return pointer
    }

    private func copyCString(_ text: String) -> UnsafeMutablePointer<CChar> {
        let utf8 = Array(text.utf8) + [0]
        return copyBytes(utf8).bindMemory(to: CChar.self, capacity: utf8.count)
    }
}
