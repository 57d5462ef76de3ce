import Foundation
import Testing

/// One spelling across the product (docs/decisions.md): "kí", "kì", "rèn luyện".
@Suite struct WordingTests {
    @Test func noKyNoHanhKiemInTheSources() throws {
        let sources = DeclaredOptionsTests.repository.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        var checked = 0
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            checked += 1
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // Headers other systems write are read as they are, marked so.
                for word in ["ký", "Ký", "kỳ", "Kỳ", "hạnh kiểm", "Hạnh kiểm"] where line.contains(word) && !line.contains("// wording:") {
                    Issue.record("Sources/\(path):\(number + 1) writes \"\(word)\" (docs/decisions.md: kí, kì, rèn luyện)")
                }
            }
        }
        #expect(checked > 50)
    }
}
