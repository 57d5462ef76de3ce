import Foundation
import SodiemFormats

/// A part of a snapshot kept as the bytes it was read from (bytes the file's parse checked)
/// until first read, then decoded once. Shared by the copies of whatever holds it, under a
/// lock, so every copy on every thread reads the same value. Two are equal when their values are.
///
/// A student's particulars and absences, year.json's student index. (Generic since the build
/// gets generic metadata by accessor: by mangled name, its metadata cost a search of every
/// conformance record of the binary, more than the decoding it saves; docs/performance.md.)
package final class DeferredValue<Value: Sendable>: @unchecked Sendable {
    private let bytes: ArraySlice<UInt8>?
    private let decode: (@Sendable (JSON) -> Value)?
    private let lock = NSLock()
    private var decoded: Value?

    /// A value already decoded (or set).
    init(_ value: Value) {
        bytes = nil
        decode = nil
        decoded = value
    }

    /// Bytes the file's parse checked, decoded by `decode` when first read.
    init(bytes: ArraySlice<UInt8>, decode: @escaping @Sendable (JSON) -> Value) {
        self.bytes = bytes
        self.decode = decode
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let decoded { return decoded }
        // Only a deferred value is ever undecoded: it has both its bytes and its decoder.
        let value = decode!(bytes.flatMap { try? JSON.parse($0) } ?? .null)
        decoded = value
        return value
    }
}

extension DeferredValue: Equatable where Value: Equatable {
    package static func == (lhs: DeferredValue, rhs: DeferredValue) -> Bool { lhs === rhs || lhs.value == rhs.value }
}

/// An object of a snapshot whose members are kept as their bytes (which the file's parse
/// checked) until each is read, each decoded once; or all decoded. Shared and locked as
/// `DeferredValue`. year.json's assignments (a subject at a time) and users.json's accounts.
package final class DeferredMembers<Value: Sendable>: @unchecked Sendable {
    private let bytes: [String: ArraySlice<UInt8>]?
    private let decode: (@Sendable (_ key: String, JSON) -> Value)?
    /// Whether a decoded member belongs in `all` (as the whole file's reading would give it).
    private let keeps: @Sendable (Value) -> Bool
    private let lock = NSLock()
    private var decoded: [String: Value] = [:]
    private var complete: Bool

    /// Members already decoded (or set).
    init(_ all: [String: Value]) {
        bytes = nil
        decode = nil
        keeps = { _ in true }
        decoded = all
        complete = true
    }

    /// Each member's bytes, decoded by `decode` when first read.
    init(bytes: [String: ArraySlice<UInt8>], keeps: @escaping @Sendable (Value) -> Bool = { _ in true },
         decode: @escaping @Sendable (_ key: String, JSON) -> Value) {
        self.bytes = bytes
        self.decode = decode
        self.keeps = keeps
        complete = false
    }

    private func decodeLocked(_ key: String) -> Value? {
        if let done = decoded[key] { return done }
        guard !complete, let decode, let slice = bytes?[key] else { return nil }
        let value = decode(key, (try? JSON.parse(slice)) ?? .null)
        decoded[key] = value
        return value
    }

    /// One member (nil when there is none).
    func member(_ key: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return decodeLocked(key)
    }

    /// The keys of the members whose bytes hold `needle` (none once all are decoded or set).
    func keys(whoseBytesContain needle: [UInt8]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard !complete, let bytes else { return [] }
        return bytes.compactMap { key, slice in DeferredMembers.contains(slice, needle) ? key : nil }
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    var all: [String: Value] {
        lock.lock()
        defer { lock.unlock() }
        if !complete {
            for key in bytes?.keys.sorted() ?? [] { _ = decodeLocked(key) }
            decoded = decoded.filter { keeps($0.value) }
            complete = true
        }
        return decoded
    }
}

extension DeferredMembers: Equatable where Value: Equatable {
    package static func == (lhs: DeferredMembers, rhs: DeferredMembers) -> Bool { lhs === rhs || lhs.all == rhs.all }
}
