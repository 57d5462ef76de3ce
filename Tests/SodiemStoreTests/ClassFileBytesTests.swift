import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemStore

/// A class of `count` students, each with particulars, scores, conduct and an absence: every record is multi-line.
private func sampleClass(_ count: Int = 4) -> ClassFile {
    var file = ClassFile(name: "6A1", grade: 6)
    for k in 1...count {
        var record = StudentRecord(name: "Học Sinh Số \(k)", particulars: ["gioi_tinh": k % 2 == 0 ? "Nam" : "Nữ",
                                                                         "ngay_sinh": "2012-0\(k % 9 + 1)-1\(k % 10)"])
        record.scores = ["toan": [.first: SubjectMarks(regular: [.score(Score(tenths: 60 + k)!), nil, .score(Score(tenths: 85)!)],
                                                        midTerm: .score(Score(tenths: 70)!))],
                         "gdtc": [.first: SubjectMarks(regular: [.judgement(.pass)])]]
        record.conduct = ["1": .good]
        record.absences = [Absence(date: Day("2024-10-0\(k % 9 + 1)")!, session: "sang", excused: k % 2 == 0)]
        file.students["HS000\(k)"] = record
    }
    file.closedMonths = ["2024-09"]
    file.seq = 41
    file.hash = String(repeating: "ab", count: 32)
    return file
}

/// Reads a class file's bytes as `World` does: students' bytes kept, their scores decoded when read.
private func read(_ bytes: [UInt8]) throws -> ClassFile {
    let (json, spans, scores) = try JSON.parse(bytes, spansUnder: "students", deferring: "scores")
    return try ClassFile(bytes: bytes, json: json, studentSpans: spans, scoreSpans: scores)
}

@Suite("Class file written from its read bytes")
struct ClassFileBytesTests {
    @Test("spans: each member of the named object is found at its bytes, and nothing else is recorded")
    func spans() throws {
        let text = #"{"a": {"x": [1, 2], "y": {"z": "Đ"}}, "students": {"HS1": {"name": "Ánh"}, "HS2": [true, null] }, "b": {"HS3": 1}}"#
        let bytes = Array(text.utf8)
        let (json, spans) = try JSON.parse(bytes, spansUnder: "students")
        #expect(json == (try JSON.parse(text)))
        #expect(Set(spans.keys) == ["HS1", "HS2"])
        for (key, span) in spans {
            #expect(try JSON.parse(Data(bytes[span])) == json["students"][key])
        }
        #expect(String(decoding: bytes[spans["HS2"]!], as: UTF8.self) == "[true, null]")
        #expect(try JSON.parse(bytes, spansUnder: "none").1.isEmpty)
    }

    @Test("deferred members are checked but left out of the value; their bytes are where they were")
    func deferredMembers() throws {
        let text = #"{"students": {"HS1": {"name": "Ánh", "scores": {"toan": {"1": {"tx": [7.5]}}}}, "HS2": {"name": "Bình"}}, "scores": 1}"#
        let bytes = Array(text.utf8)
        let (json, spans, deferred) = try JSON.parse(bytes, spansUnder: "students", deferring: "scores")
        #expect(json["students"]["HS1"] == .object(["name": .string("Ánh")]))
        #expect(json["scores"] == .number("1"))
        #expect(Set(spans.keys) == ["HS1", "HS2"] && Set(deferred.keys) == ["HS1"])
        #expect(try JSON.parse(bytes[deferred["HS1"]!]) == (try JSON.parse(text))["students"]["HS1"]["scores"])
        // A deferred member is still checked: a broken one fails the parse where the whole parse fails.
        let broken = text.replacingOccurrences(of: "[7.5]", with: "[7.5,]")
        let whole = #expect(throws: JSONSyntaxError.self) { try JSON.parse(broken) }
        let skipped = #expect(throws: JSONSyntaxError.self) { try JSON.parse(Array(broken.utf8), spansUnder: "students", deferring: "scores") }
        #expect(whole?.offset == skipped?.offset)
        for bad in ["[7.5 7]", "[\"\u{01}\"]", "[01]", "{\"a\" 1}", "[tru]"] {
            let text = text.replacingOccurrences(of: "[7.5]", with: bad)
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSON.parse(Array(text.utf8), spansUnder: "students", deferring: "scores") }
        }
    }

    @Test("a class read and written unchanged gives its bytes back; with one student changed, the whole encoder's bytes")
    func sameBytesAsTheEncoder() throws {
        let original = sampleClass()
        let bytes = Array(original.json.prettyData())
        var file = try read(bytes)
        #expect(file == original)
        #expect(file.students.values.allSatisfy { $0.stored.bytes != nil })
        #expect(Array(file.prettyData()) == bytes)

        // Each way a reducer changes a record drops that record's bytes, and only that record's.
        file.students["HS0001"]!.scores["toan", default: [:]][.first]![.regular(2)] = .score(Score(tenths: 95)!)
        file.students["HS0002"]!.absences.append(Absence(date: Day("2024-11-04")!, session: "chieu", excused: false))
        file.students["HS0003"]?.homeroomComment = "Chăm chỉ"
        file.students["HS0005"] = StudentRecord(name: "Học Sinh Mới")
        file.seq = 42
        #expect(file.students["HS0001"]!.stored.bytes == nil)
        #expect(file.students["HS0002"]!.stored.bytes == nil)
        #expect(file.students["HS0003"]!.stored.bytes == nil)
        #expect(file.students["HS0004"]!.stored.bytes != nil)
        #expect(file.prettyData() == file.json.prettyData())
        #expect(try read(Array(file.prettyData())) == file)
    }

    @Test("an unchanged student's bytes are copied as read, not encoded again")
    func copiesUnchangedStudents() throws {
        let bytes = Array(sampleClass().json.prettyData())
        // Mark one student's bytes (a space no encoder writes) to see where the output comes from.
        let text = String(decoding: bytes, as: UTF8.self)
        let marked = text.replacingOccurrences(of: "\"name\": \"Học Sinh Số 4\"", with: "\"name\":  \"Học Sinh Số 4\"")
        #expect(marked != text)
        var file = try read(Array(marked.utf8))
        file.students["HS0001"]!.conduct["1"] = .fair
        let written = String(decoding: file.prettyData(), as: UTF8.self)
        #expect(written.contains("\"name\":  \"Học Sinh Số 4\""))
        #expect(!written.contains("\"name\":  \"Học Sinh Số 1\""))
        #expect(written.contains("\"conduct\": {\"1\": \"K\"}"))
        // The changed student is the encoder's form, wherever it sits.
        var expected = file
        expected.students["HS0004"]!.stored = StoredForm()
        #expect(written == String(decoding: expected.json.prettyData(), as: UTF8.self)
            .replacingOccurrences(of: "\"name\": \"Học Sinh Số 4\"", with: "\"name\":  \"Học Sinh Số 4\""))
    }

    @Test("a class of bare names that fits on one line is written by the whole encoder")
    func smallClassOnOneLine() throws {
        var tiny = ClassFile(name: "6A9", grade: 6)
        tiny.students["A"] = StudentRecord(name: "An")
        tiny.students["B"] = StudentRecord(name: "Ba")
        let bytes = Array(tiny.json.prettyData())
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"students\": {\"A\": {\"name\": \"An\"}, \"B\": {\"name\": \"Ba\"}}"))
        var file = try read(bytes)
        #expect(Array(file.prettyData()) == bytes)
        file.students["C"] = StudentRecord(name: "Cẩm")
        #expect(file.prettyData() == file.json.prettyData())
    }

    @Test("a world loads a class file with its students' bytes, and an applied score event writes the encoder's bytes")
    func worldWritesTheEncodersBytes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-classbytes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = DataDirectory(root: root)
        let original = sampleClass(6)
        try directory.makeFolder(directory.classFile("2024-2025", "6A1").deletingLastPathComponent())
        try directory.replace(directory.classFile("2024-2025", "6A1"), with: original.json.prettyData())
        let world = World(directory: directory)
        world.logSeq = 42
        let id = SnapshotID.classFile(year: "2024-2025", className: "6A1")
        #expect(try world.classFile("2024-2025", "6A1")?.students.values.allSatisfy { $0.stored.bytes != nil } == true)
        #expect(try world.encoded(id) == original.json.prettyData())
        let event = AuditEvent(seq: 42, at: "2024-12-01T08:00:00+07:00", by: "root", actingAs: nil, now: nil, action: .scoreSet,
                               body: ["year": .string("2024-2025"), "class": .string("6A1"), "subject": .string("toan"),
                                      "term": .int(1), "student": .string("HS0003"), "column": .string("tx2"),
                                      "old": .null, "new": .tenths(75), "late": .bool(false)],
                               prev: String(repeating: "ab", count: 32))
        try world.apply(event, hash: String(repeating: "cd", count: 32))
        let changed = try #require(try world.classFile("2024-2025", "6A1"))
        #expect(changed.students["HS0003"]!.marks("toan", .first)[.regular(2)] == .score(Score(tenths: 75)!))
        #expect(changed.students["HS0003"]!.stored.bytes == nil)
        #expect(changed.students.values.filter { $0.stored.bytes != nil }.count == 5)
        try world.writeDirty()
        let written = try #require(try directory.read(directory.classFile("2024-2025", "6A1")))
        #expect(written == changed.json.prettyData())
        #expect(written != original.json.prettyData())
    }
}
