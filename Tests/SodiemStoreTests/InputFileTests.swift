import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemStore

/// An archive read piece by piece from a file the person named.
@Suite("Input file: a ZIP read entry by entry")
struct InputFileTests {
    private func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-input-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("entry by entry from the file gives the same entries as the whole ZIP read in memory")
    func sameAsInMemory() throws {
        let entries = [ZipEntry(path: "sodiem.json", data: Data("{}\n".utf8)),
                       ZipEntry(path: "audit.log", data: Data(repeating: 0x41, count: 200_000)),
                       ZipEntry(path: "years/2024-2025/classes/6A1.json", data: Data("{\"class\": \"6A1\"}\n".utf8))]
        let zip = try Zip.write(entries, modified: Instant(seconds: 1_727_740_800, offset: 25200))
        let url = folder().appendingPathComponent("a.zip")
        try zip.write(to: url)
        let file = try InputFile(url, missing: Message(vi: "không có", en: "missing"))
        #expect(file.size == zip.count)
        let stored = try Zip.directory(of: file)
        #expect(stored.map(\.path) == entries.map(\.path))
        #expect(try stored.map { try Zip.contents(of: $0, in: file) } == entries.map(\.data))
        #expect(try Zip.read(zip) == entries)
    }

    @Test("a file cut short is a damaged ZIP; a changed byte fails its CRC only when that entry is read")
    func damage() throws {
        let entries = [ZipEntry(path: "a", data: Data("first".utf8)), ZipEntry(path: "b", data: Data("second".utf8))]
        var zip = try Zip.write(entries, modified: Instant(seconds: 1_727_740_800, offset: 25200))
        let base = folder()
        try zip.prefix(zip.count - 10).write(to: base.appendingPathComponent("cut.zip"))
        let cut = try InputFile(base.appendingPathComponent("cut.zip"), missing: Message(vi: "", en: ""))
        #expect(throws: SodiemError.self) { try Zip.directory(of: cut) }
        let offset = zip.range(of: Data("second".utf8))!.lowerBound
        zip[offset] = UInt8(ascii: "S")
        try zip.write(to: base.appendingPathComponent("changed.zip"))
        let changed = try InputFile(base.appendingPathComponent("changed.zip"), missing: Message(vi: "", en: ""))
        let stored = try Zip.directory(of: changed)
        #expect(try Zip.contents(of: stored[0], in: changed) == Data("first".utf8))
        do {
            _ = try Zip.contents(of: stored[1], in: changed)
            Issue.record("the changed entry was read without complaint")
        } catch {
            #expect(error.message.en.contains("The ZIP entry b fails its CRC-32"), "\(error.message.en)")
        }
    }

    @Test("missing is not found (66) with the caller's message; a folder or a FIFO is refused, not read")
    func notARegularFile() throws {
        let base = folder()
        do {
            _ = try InputFile(base.appendingPathComponent("none.zip"), missing: Message(vi: "Không có", en: "No such archive"))
            Issue.record("a missing file opened")
        } catch {
            guard case .notFound(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.en == "No such archive")
        }
        #expect(throws: SodiemError.self) { try InputFile(base, missing: Message(vi: "", en: "")) }
        let fifo = base.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        do {
            _ = try InputFile(fifo, missing: Message(vi: "", en: ""))
            Issue.record("a FIFO opened")
        } catch {
            #expect(error.message.en.contains("not a regular file"), "\(error.message.en)")
        }
    }
}
