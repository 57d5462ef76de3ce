import Foundation
import Testing

/// The layering of docs/architecture.md as facts about the source tree: each target imports only
/// targets below it, and the pure layers touch no file, clock, process or environment.
///
/// SwiftPM already refuses an import of a target that is not a declared dependency; this test
/// keeps the declared dependencies themselves pointing downward, and keeps I/O out of the layers
/// that must not have it even through Foundation.
@Suite("Layers")
struct LayeringTests {
    /// Lowest first. A target may import only targets of a lower rank.
    static let layers: [String: Int] = [
        "SodiemBasics": 0, "SodiemFormats": 1, "SodiemModel": 2,
        "SodiemRules": 3, "SodiemDocuments": 4, "SodiemStore": 4,
        "SodiemCore": 5, "SodiemExampleSchool": 6, "SodiemCLI": 7, "sodiem": 8,
    ]
    /// Layers that compute from values only.
    static let pure = ["SodiemBasics", "SodiemFormats", "SodiemModel", "SodiemRules", "SodiemDocuments"]
    /// What a pure layer must not call: files, the clock, processes, the environment, the C library.
    static let forbidden = [
        "FileManager", "FileHandle", "ProcessInfo", "Process(", "Date()", "Date.now", "getenv", "setenv",
        "fopen(", "geteuid", "getuid", "time(nil",
        "import Glibc", "import Darwin", "contentsOfFile", "contentsOf: URL", "contentsOf: url",
        "Data(contentsOf", "String(contentsOf", "URL(fileURLWithPath", "TimeZone.current", "Locale.current",
    ]

    /// A call of the C library's file and process functions. The generic names (`open`, `read`,
    /// `write`, `close`) are left out: pure code has methods of those names, and a descriptor
    /// cannot be had without one of the calls that are listed.
    static let systemCall = try! NSRegularExpression(
        pattern: #"(?<![\w.]|func )(fsync|fdatasync|ftruncate|flock|lseek|fstat|lstat|mkdir|mkdtemp|mkstemp|unlink|opendir|fork|execve|execv|posix_spawn|getpid|getppid|clock_gettime|gettimeofday)\("#)

    static func systemCalls(in code: String) -> [String] {
        systemCall.matches(in: code, range: NSRange(code.startIndex..., in: code)).compactMap {
            Range($0.range, in: code).map { String(code[$0]) }
        }
    }

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
    }

    static func swiftFiles(of target: String) -> [(name: String, text: String)] {
        let root = sources.appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.compactMap { url in
            (try? String(contentsOf: url, encoding: .utf8)).map { (url.path, $0) }
        }
    }

    @Test("every source folder is a known layer")
    func everyTargetHasARank() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasPrefix(".") }
        #expect(!folders.isEmpty)
        for folder in folders { #expect(Self.layers[folder] != nil, "Sources/\(folder) has no place in LayeringTests.layers") }
    }

    @Test("imports point downward only")
    func importsPointDown() {
        for (target, rank) in Self.layers {
            let files = Self.swiftFiles(of: target)
            #expect(!files.isEmpty, "no sources for \(target)")
            for (name, text) in files {
                for line in text.split(separator: "\n") where line.hasPrefix("import Sodiem") || line.hasPrefix("@testable import") {
                    let imported = String(line.split(separator: " ").last ?? "")
                    guard let other = Self.layers[imported] else {
                        Issue.record("\(name) imports \(imported), which is not a layer"); continue
                    }
                    #expect(other < rank, "\(name) (\(target)) imports \(imported), which is not below it")
                }
            }
        }
    }

    @Test("rules, documents and the layers below them do no I/O")
    func pureLayersDoNoIO() {
        for target in Self.pure {
            for (name, text) in Self.swiftFiles(of: target) {
                let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                    .joined(separator: "\n")
                for word in Self.forbidden.filter(code.contains) + Self.systemCalls(in: code) {
                    Issue.record("\(name) uses \(word), but \(target) must not touch files, clock or environment")
                }
            }
        }
    }

    @Test("the checker sees a forbidden call when there is one")
    func checkerCanFail() {
        let sample = "let d = Date()\nlet f = FileManager.default\nlet n = fsync(fd)\nfunc unlink(_ d: Data)\nx.unlink(y)\nread(b, &o)"
        #expect(Self.forbidden.filter { sample.contains($0) }.sorted() == ["Date()", "FileManager"])
        #expect(Self.systemCalls(in: sample) == ["fsync("])
    }
}
