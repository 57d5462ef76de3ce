import Foundation
import Testing
@testable import SodiemBasics

@Suite("Trimming spaces agrees with Foundation's trimmingCharacters")
struct TrimmingTests {
    @Test("random texts of spaces, newlines, Unicode spaces, combining marks and letters")
    func agreesWithFoundation() {
        let pieces = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{A0}", "\u{3000}", "\u{85}", "\u{2028}", "\u{200B}",
                      "\u{0301}", "a", "Đ", "ể", "7", ",", "-", "\u{FEFF}"]
        var random = SplitMix64(seed: 22)
        var cases = ["", " ", "  a  ", "\t9,5\t", "\u{A0}Ánh", "Ánh\u{3000}", " \u{0301}a", "a\u{0301} ", "\r\n", "x\r\n", "\n\u{85}"]
        for _ in 0..<20_000 {
            cases.append((0..<random.int(0...6)).map { _ in pieces[random.int(0...(pieces.count - 1))] }.joined())
        }
        for text in cases {
            for newlines in [false, true] {
                let expected = text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
                #expect(text.trimmingSpaces(newlines: newlines) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(newlines)")
                #expect(text[...].trimmingSpaces(newlines: newlines) == expected)
            }
        }
    }
}
