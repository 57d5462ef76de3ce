/// Where a value lies in a byte array: the bytes `lower..<upper`.
///
/// Not `Range<Int>`: a dictionary of ranges makes the runtime check `Int: Comparable` when it
/// first builds the dictionary's storage, a search of every conformance record in the binary
/// (about a third of a million instructions, on every command that reads a class file). A
/// non-generic value has no requirement to check.
package struct ByteSpan: Sendable, Hashable {
    package var lower: Int
    package var upper: Int

    package init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    package var range: Range<Int> { lower..<upper }
}

extension Array where Element == UInt8 {
    /// The bytes a span names.
    package subscript(span: ByteSpan) -> ArraySlice<UInt8> { self[span.lower..<span.upper] }
}

extension ArraySlice where Element == UInt8 {
    /// The bytes a span names (positions in the array this is a slice of).
    package subscript(span: ByteSpan) -> ArraySlice<UInt8> { self[span.lower..<span.upper] }
}
