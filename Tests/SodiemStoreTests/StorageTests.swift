import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemStore

/// A fresh temporary folder for one test.
private func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-storage-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("JSON codec")
struct JSONCodecTests {
    @Test("round trip: parse(pretty(x)) == x and parse(compact(x)) == x")
    func roundTrip() throws {
        let value: JSON = .object([
            "name": .string("Nguyễn Thị Ánh \"Ánh\" \\ tab\t nl\n cr\r bell\u{07}"),
            "scores": .array([.number("7.5"), .number("10"), .null, .string("Đ")]),
            "nested": .object(["b": .bool(true), "a": .bool(false), "empty": .object([:]), "none": .array([])]),
            "big": .number("12345678901234567890"),
            "neg": .number("-0.5"),
        ])
        #expect(try JSON.parse(value.prettyData()) == value)
        #expect(try JSON.parse(value.compactString()) == value)
    }

    @Test("escapes: only what JSON requires; UTF-8 as it is; \\u escapes and surrogate pairs are read")
    func escapes() throws {
        #expect(JSON.string("a\"b\\c\nd\u{01}").compactString() == #""a\"b\\c\nd\u0001""#)
        #expect(JSON.string("Đức / ơ").compactString() == "\"Đức / ơ\"")
        #expect(try JSON.parse(#""\u0110\u1ee9c \ud83d\ude00 \/""#) == .string("Đức 😀 /"))
        #expect(throws: JSONSyntaxError.self) { try JSON.parse(#""\x""#) }
        #expect(throws: JSONSyntaxError.self) { try JSON.parse("\"a\nb\"") }
    }

    @Test("numbers stay their exact text: no Double on the way")
    func numbers() throws {
        let parsed = try JSON.parse(#"{"a": 7.5, "b": 0.1, "c": 8.0, "d": 1e2, "e": -12}"#)
        #expect(parsed["a"] == .number("7.5"))
        #expect(parsed["b"] == .number("0.1"))
        #expect(parsed["c"] == .number("8.0"))
        #expect(parsed["d"] == .number("1e2"))
        #expect(parsed["a"].tenths == 75 && parsed["c"].tenths == 80 && parsed["e"].int == -12)
        #expect(JSON.number("0.30000000000000004").tenths == nil)
        #expect(parsed.compactString() == #"{"a":7.5,"b":0.1,"c":8.0,"d":1e2,"e":-12}"#)
        #expect(JSON.tenths(75).compactString() == "7.5" && JSON.tenths(60).compactString() == "6.0")
        for bad in ["01", "1.", ".5", "+1", "1e", "-", "NaN"] {
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSON.parse(bad) }
        }
    }

    @Test("keys sorted by their UTF-8 bytes, whatever the insertion order or locale")
    func sortedKeys() {
        let a = JSON.object(["b": .int(1), "a": .int(2), "Z": .int(3), "đ": .int(4), "e": .int(5), "a_b": .int(6)])
        #expect(a.compactString() == #"{"Z":3,"a":2,"a_b":6,"b":1,"e":5,"đ":4}"#)
        var members: [String: JSON] = [:]
        for key in ["e", "đ", "a_b", "Z", "b", "a"] { members[key] = a[key] }
        #expect(JSON.object(members).prettyData() == a.prettyData())
    }

    @Test("the pretty layout is stable: two-space indent, small containers on one line, big ones broken, trailing newline")
    func prettyLayout() {
        let value = JSON.object([
            "seq": .int(3),
            "tx": .array([.number("7.0"), .null, .number("8.5")]),
            "list": .array([.object(["id": .string("A1")])]),
            "long": .array((1...40).map(JSON.int)),
            "empty": .object([:]),
        ])
        let expected = """
            {
              "empty": {},
              "list": [{"id": "A1"}],
              "long": [
                1,
            \((3...40).map { "    \($0 - 1),\n" }.joined())    40
              ],
              "seq": 3,
              "tx": [7.0, null, 8.5]
            }

            """
        #expect(String(decoding: value.prettyData(), as: UTF8.self) == expected)
        // The limit is the one-line form's length: 100 bytes fit, 101 do not.
        let fits = JSON.array([.string(String(repeating: "x", count: 96))])
        #expect(String(decoding: fits.prettyData(), as: UTF8.self) == "[\"\(String(repeating: "x", count: 96))\"]\n")
        let breaks = JSON.array([.string(String(repeating: "x", count: 97))])
        #expect(String(decoding: breaks.prettyData(), as: UTF8.self).hasPrefix("[\n  \""))
    }

    @Test("syntax errors carry the byte offset")
    func syntaxErrors() {
        do {
            _ = try JSON.parse(#"{"a": [1, 2,, 3]}"#)
            Issue.record("parsed a bad text")
        } catch {
            #expect(error.offset == 12)
        }
        #expect(throws: JSONSyntaxError.self) { try JSON.parse(#"{"a": 1} x"#) }
        #expect(throws: JSONSyntaxError.self) { try JSON.parse(#"{"a": 1"#) }
    }
}

@Suite("Audit event line form")
struct AuditEventLineTests {
    static let event = AuditEvent(seq: 12, at: "2024-10-03T08:12:31+07:00", by: "root", actingAs: "gv.lan", now: nil,
                                  action: .scoreSet,
                                  body: ["year": .string("2024-2025"), "class": .string("6A1"), "subject": .string("toan"),
                                         "term": .int(1), "student": .string("HS0001"), "column": .string("tx1"),
                                         "old": .null, "new": .number("7.5"), "late": .bool(false)],
                                  prev: String(repeating: "ab", count: 32))

    @Test("header first (seq, at, by, as, now, action), the body in key order, prev last; as/now null when absent")
    func lineForm() {
        let text = String(decoding: AuditEventLineTests.event.line(), as: UTF8.self)
        #expect(text == #"{"seq":12,"at":"2024-10-03T08:12:31+07:00","by":"root","as":"gv.lan","now":null,"action":"score.set","class":"6A1","column":"tx1","late":false,"new":7.5,"old":null,"student":"HS0001","subject":"toan","term":1,"year":"2024-2025","prev":"\#(String(repeating: "ab", count: 32))"}"#)
        #expect(!text.contains("\n"))
    }

    @Test("parse(line) gives the same event, and its line is byte for byte the same")
    func roundTrip() throws {
        let line = AuditEventLineTests.event.line()
        guard case .success(let parsed) = AuditEvent.parse(Data(line)) else { Issue.record("did not parse"); return }
        #expect(parsed.seq == 12 && parsed.actingAs == "gv.lan" && parsed.now == nil && parsed.action == .scoreSet)
        #expect(parsed.line() == line)
        #expect(parsed.touches == [.classFile(year: "2024-2025", className: "6A1")])
    }

    @Test("a line that is not an event says why")
    func problems() {
        if case .success = AuditEvent.parse(Data("{\"seq\":1}".utf8)) { Issue.record("accepted a line without fields") }
        if case .failure(.unknownAction(let name)) = AuditEvent.parse(Data(#"{"seq":1,"at":"x","by":"root","action":"score.eat","prev":"0"}"#.utf8)) {
            #expect(name == "score.eat")
        } else { Issue.record("expected unknownAction") }
        if case .success = AuditEvent.parse(Data("{\"seq\":1,".utf8)) { Issue.record("accepted a torn line") }
    }

    @Test("the chain: prev is the SHA-256 of the previous line's bytes")
    func chain() {
        let first = AuditEvent(seq: 1, at: "2024-08-01T07:00:00+07:00", by: "root", actingAs: nil, now: nil, action: .schoolInit,
                               body: ["school": .object(["name": .string("Trường THCS Thử")]), "timezone": .string("Asia/Ho_Chi_Minh"),
                                      "admin": .null], prev: AuditLog.genesis)
        let line = first.line()
        #expect(SHA256.hex(Data(line)) == SHA256.hexString(SHA256.hash(line)))
        #expect(AuditLog.genesis == String(repeating: "0", count: 64))
    }
}

@Suite("Day and Instant")
struct DayTests {
    @Test("dd/mm/yyyy and ISO days; days that do not exist are refused")
    func days() {
        #expect(Day("15/10/2024")?.description == "2024-10-15")
        #expect(Day("2024-10-15")?.vietnamese == "15/10/2024")
        #expect(Day("5/9/2024")?.description == "2024-09-05")
        #expect(Day("31/02/2013") == nil)
        #expect(Day("2013-02-29") == nil)
        #expect(Day("2012-02-29") != nil)
        #expect(Day("31/04/2024") == nil)
        #expect(Day("00/01/2024") == nil)
        #expect(Day("01/13/2024") == nil)
        #expect(Day("2024-1-1x") == nil)
        #expect(Day("") == nil)
        #expect(Day("1970-01-01")?.ordinal == 0)
        #expect(Day("1969-12-31")?.ordinal == -1)
    }

    @Test("leap years: divisible by 4, not by 100 unless by 400")
    func leapYears() {
        #expect(Day.daysIn(month: 2, year: 2024) == 29)
        #expect(Day.daysIn(month: 2, year: 2023) == 28)
        #expect(Day.daysIn(month: 2, year: 1900) == 28)
        #expect(Day.daysIn(month: 2, year: 2000) == 29)
        #expect(Day("29/02/2000") != nil && Day("29/02/1900") == nil && Day("29/02/2100") == nil)
        // Ordinals agree with Foundation's calendar across a leap day.
        let day = Day("2024-03-01")!
        #expect(day.adding(days: -1).description == "2024-02-29")
        #expect(Day(ordinal: Int(ISO8601DateFormatter().date(from: "2024-03-01T00:00:00Z")!.timeIntervalSince1970) / 86400) == day)
    }

    @Test("Instant: a day is midnight in the school's zone; ISO with an offset is converted to the school's zone")
    func instants() throws {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let midnight = try #require(Instant.parse("2024-10-15", timeZone: zone))
        #expect(midnight.iso8601 == "2024-10-15T00:00:00+07:00")
        #expect(midnight.day.description == "2024-10-15")
        let withOffset = try #require(Instant.parse("2024-10-15T01:30:00+00:00", timeZone: zone))
        #expect(withOffset.iso8601 == "2024-10-15T08:30:00+07:00")
        let utc = try #require(Instant.parse("2024-10-14T20:00:00Z", timeZone: zone))
        #expect(utc.iso8601 == "2024-10-15T03:00:00+07:00" && utc.day.description == "2024-10-15")
        let west = try #require(Instant.parse("2024-10-14T20:00:00-05:00", timeZone: zone))
        #expect(west.iso8601 == "2024-10-15T08:00:00+07:00")
        for bad in ["15/10/2024", "2024-10-15T25:00:00+07:00", "2024-10-15T08:00", "2024-10-15T08:00:00+0700x", "hôm nay", "2024-02-30"] {
            #expect(Instant.parse(bad, timeZone: zone) == nil, "\(bad)")
        }
    }
}

@Suite("Data directory")
struct DataDirectoryTests {
    @Test("replace writes the bytes, leaves no temporary file, and creates missing folders")
    func replace() throws {
        let root = temporaryFolder()
        let directory = DataDirectory(root: root)
        let file = root.appendingPathComponent("years/2024-2025/classes/6A1.json")
        try directory.replace(file, with: Data("{}\n".utf8))
        try directory.replace(file, with: Data("{\"a\": 1}\n".utf8))
        #expect(try directory.read(file) == Data("{\"a\": 1}\n".utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(left == ["6A1.json"])
        #expect(try directory.read(root.appendingPathComponent("none.json")) == nil)
    }

    @Test("a replaced file keeps its mode and group")
    func keepsModeAndGroup() throws {
        let root = temporaryFolder()
        let directory = DataDirectory(root: root)
        let file = root.appendingPathComponent("users.json")
        try directory.replace(file, with: Data("1\n".utf8))
        chmod(file.path, 0o640)
        // A group other than ours, when we may give it (root); else our own.
        let group: gid_t = geteuid() == 0 ? 12345 : getegid()
        if geteuid() == 0 { chown(file.path, uid_t.max, group) }
        try directory.replace(file, with: Data("2\n".utf8))
        var info = stat()
        #expect(stat(file.path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(info.st_gid == group)
        #expect(try directory.read(file) == Data("2\n".utf8))
    }

    @Test("in a group-writable directory new files are 0660 and new folders 2770")
    func sharingModes() throws {
        let root = temporaryFolder()
        chmod(root.path, 0o2770)
        let directory = DataDirectory(root: root)
        #expect(directory.isGroupShared)
        let file = root.appendingPathComponent("years/2024-2025/year.json")
        try directory.replace(file, with: Data("{}\n".utf8))
        var info = stat()
        #expect(stat(file.path, &info) == 0 && info.st_mode & 0o7777 == 0o660)
        for folder in ["years", "years/2024-2025"] {
            #expect(stat(root.appendingPathComponent(folder).path, &info) == 0)
            #expect(info.st_mode & 0o7777 == 0o2770, "\(folder): \(String(info.st_mode & 0o7777, radix: 8))")
        }
        // And the log, appended to rather than replaced.
        let log = AuditLog(url: directory.auditLog)
        try log.append(Array("x".utf8), directory: directory)
        #expect(stat(directory.auditLog.path, &info) == 0 && info.st_mode & 0o7777 == 0o660)
    }

    @Test("a private directory gets 0644 files and 0755 folders")
    func privateModes() throws {
        let root = temporaryFolder()
        chmod(root.path, 0o755)
        let directory = DataDirectory(root: root)
        #expect(!directory.isGroupShared)
        try directory.replace(root.appendingPathComponent("a/b.json"), with: Data())
        var info = stat()
        #expect(stat(root.appendingPathComponent("a/b.json").path, &info) == 0 && info.st_mode & 0o7777 == 0o644)
        #expect(stat(root.appendingPathComponent("a").path, &info) == 0 && info.st_mode & 0o7777 == 0o755)
    }

    @Test("the log's tail: last complete event, its hash, and torn bytes after it")
    func tail() throws {
        let root = temporaryFolder()
        let directory = DataDirectory(root: root)
        let log = AuditLog(url: directory.auditLog)
        #expect(try log.tail().last == nil)
        #expect(try log.tail().lastHash == AuditLog.genesis)
        var event = AuditEventLineTests.event
        event.seq = 1
        event.prev = AuditLog.genesis
        try log.append(event.line(), directory: directory)
        event.seq = 2
        event.prev = SHA256.hex(Data(event.line()))
        let second = event.line()
        try log.append(second, directory: directory)
        var tail = try log.tail()
        #expect(tail.last?.seq == 2 && tail.lastHash == SHA256.hex(Data(second)) && tail.torn.isEmpty && tail.nextSeq == 3)
        // A torn line: kept aside, the log cut after its last newline.
        let handle = try FileHandle(forWritingTo: directory.auditLog)
        handle.seekToEndOfFile()
        handle.write(Data("{\"seq\":3,\"at".utf8))
        try handle.close()
        tail = try log.tail()
        #expect(tail.last?.seq == 2 && tail.torn == Data("{\"seq\":3,\"at".utf8))
        try log.setAsideTorn(tail, directory: directory)
        #expect(try log.tail().torn.isEmpty)
        #expect(try directory.read(directory.auditLog.appendingPathExtension("broken")) == Data("{\"seq\":3,\"at\n".utf8))
        #expect(try log.line(seq: 2)?.bytes == Data(second))
        #expect(try log.line(seq: 3) == nil, "a torn line is not a line")
    }

    @Test("a line is found by its seq without reading the log: every seq of a long log, none that is not there")
    func lineBySeq() throws {
        let root = temporaryFolder()
        let directory = DataDirectory(root: root)
        let log = AuditLog(url: directory.auditLog)
        #expect(try log.line(seq: 1) == nil)
        var previous = AuditLog.genesis
        var lines: [[UInt8]] = []
        // Lines of very different lengths, so that the bisection lands inside long and short ones.
        var generator = SplitMix64(seed: 7)
        for seq in 1...600 {
            var event = AuditEventLineTests.event
            event.seq = seq
            event.prev = previous
            event.body["note"] = .string(String(repeating: "ê", count: Int(generator.next() % (seq % 50 == 0 ? 20_000 : 300))))
            let line = event.line()
            try log.append(line, directory: directory)
            previous = SHA256.hex(Data(line))
            lines.append(line)
        }
        for seq in 1...600 { #expect(try log.line(seq: seq)?.bytes == Data(lines[seq - 1]), "seq \(seq)") }
        for missing in [0, -1, 601, 10_000] { #expect(try log.line(seq: missing) == nil) }
    }

    @Test("the tail of a long log is found without reading it all (lines longer than the first chunk too)")
    func longTail() throws {
        let root = temporaryFolder()
        let directory = DataDirectory(root: root)
        let log = AuditLog(url: directory.auditLog)
        var previous = AuditLog.genesis
        for seq in 1...3 {
            var event = AuditEventLineTests.event
            event.seq = seq
            event.prev = previous
            event.body["note"] = .string(String(repeating: "x", count: seq == 3 ? 200_000 : 10))
            let line = event.line()
            try log.append(line, directory: directory)
            previous = SHA256.hex(Data(line))
        }
        let tail = try log.tail()
        #expect(tail.last?.seq == 3 && tail.lastHash == previous)
    }
}

@Suite("The safety walk: the directory at opening, each year's folder when first touched")
struct YearWalkTests {
    /// The English text of the 78 refusal `body` throws; nil when it throws none.
    private func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as SodiemError {
            guard case .notConfigured(let message) = error else { return "\(error)" }
            return message.en
        } catch {
            return "\(error)"
        }
    }

    /// A data directory with two years, a symlink planted in the older one's classes.
    private func directory() throws -> (DataDirectory, URL) {
        let root = temporaryFolder()
        for year in ["2024-2025", "2025-2026"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("years/\(year)/classes"), withIntermediateDirectories: true)
            try Data("{}\n".utf8).write(to: root.appendingPathComponent("years/\(year)/classes/6A1.json"))
        }
        try Data("{}\n".utf8).write(to: root.appendingPathComponent("sodiem.json"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("years/2024-2025/classes/7A1.json").path,
                                                   withDestinationPath: "/etc/passwd")
        return (DataDirectory(root: root), root)
    }

    @Test("an everyday walk checks each year's folder but not what it holds; the year's own walk and the full walk refuse the symlink")
    func yearContentsWalkedWhenTouched() throws {
        let (directory, root) = try directory()
        #expect(try directory.checkEntries(repair: false, checkpoints: false).isEmpty)
        #expect(try directory.checkEntries(inYear: "2025-2026", repair: false).isEmpty)
        #expect(refusal { _ = try directory.checkEntries(inYear: "2024-2025", repair: false) }?.contains("7A1.json") == true)
        #expect(refusal { _ = try directory.checkEntries(repair: false, checkpoints: true) }?.contains("7A1.json") == true)
        // A year folder that is itself a symlink is refused by the walk at opening.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("years/2026-2027").path, withDestinationPath: "/tmp")
        #expect(throws: SodiemError.self) { try directory.checkEntries(repair: false, checkpoints: false) }
    }

    @Test("a world checks a year's folder once, before its first read of a file of that year, and never for sodiem.json")
    func worldChecksBeforeReading() throws {
        let (directory, root) = try directory()
        let leftover = root.appendingPathComponent("years/2025-2026/classes/.6A1.json.0123456789abcdef0123456789abcdef.tmp")
        try Data("x".utf8).write(to: leftover)
        let world = World(directory: directory)
        var checked: [String] = []
        world.checksYear = { year throws(SodiemError) in
            checked.append(year)
            _ = try directory.checkEntries(inYear: year, repair: true)
        }
        _ = try world.fileSeq(of: .school)
        #expect(checked.isEmpty)
        _ = try world.fileSeq(of: .classFile(year: "2025-2026", className: "6A1"))
        _ = try world.fileSeq(of: .year("2025-2026"))
        #expect(checked == ["2025-2026"])
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(throws: SodiemError.self) { try world.fileSeq(of: .classFile(year: "2024-2025", className: "6A1")) }
        #expect(checked == ["2025-2026", "2024-2025"])
    }
}
