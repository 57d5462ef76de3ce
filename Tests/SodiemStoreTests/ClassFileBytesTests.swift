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
    let (json, layout) = try JSON.parseLayout(bytes, spansUnder: "students", deferring: "scores")
    return try ClassFile(bytes: bytes, json: json, layout: layout)
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

    @Test("a changed member of a student is encoded and the others copied: every member, at random, gives the whole encoder's bytes")
    func everyMemberChangeGivesTheEncodersBytes() throws {
        let bytes = Array(sampleClass(6).json.prettyData())
        var random = SplitMix64(seed: 14)
        let day = Day("2024-11-04")!
        let changes: [(String, (inout StudentRecord) -> Void)] = [
            ("name", { $0.name = "Tên Mới" }),
            ("particulars", { $0.particulars["dan_toc"] = "Tày" }),
            ("scores, one subject", { $0.setMarks(SubjectMarks(regular: [.score(Score(tenths: 95)!)]), "toan", .first) }),
            ("scores, a new subject", { $0.setMarks(SubjectMarks(midTerm: .score(Score(tenths: 40)!)), "khtn", .second) }),
            ("scores, a cleared subject", { $0.setMarks(SubjectMarks(), "gdtc", .first) }),
            ("scores, all", { $0.scores["toan"] = nil }),
            ("conduct", { $0.conduct["2"] = .fair }),
            ("absences", { $0.absences = [] }),
            ("comment", { $0.homeroomComment = "Chăm chỉ" }),
            ("subject comments", { $0.subjectComments["toan"] = "Tiến bộ" }),
            ("exemptions", { $0.exemptions.append(Exemption(subject: "gdtc", term: "1", decision: "QĐ 1")) }),
            ("retests", { $0.retests["toan"] = .score(Score(tenths: 55)!) }),
            ("retests entered", { $0.retestEntered["toan"] = day }),
            ("moved to", { $0.movedTo = MovedOut(className: "6A2", date: day) }),
            ("moved from", { $0.movedFrom.append(MovedIn(className: "6A3", date: day)) }),
            ("transfer in", { $0.transferIn = TransferIn(school: "THCS Khác", reference: "CV 2", date: day, terms: [:]) }),
            ("transfer out", { $0.transferOut = TransferOut(date: day, school: nil, reason: "chuyển nhà") }),
            ("plan", { $0.individualPlan = IndividualPlan(decision: "QĐ 3") }),
            ("plan lifted", { $0.planLifted = true }),
            ("commendations", { $0.commendations.append("Học sinh giỏi") }),
            ("score notes", { $0.scoreNotes[ScoreCell(subject: "toan", term: .first, column: .midTerm)] = "không kiểm tra bù" }),
        ]
        for round in 0..<60 {
            var file = try read(bytes)
            var applied: [String] = []
            for _ in 0..<random.int(1...4) {
                let (name, change) = changes[random.int(0...(changes.count - 1))]
                let id = "HS000\(random.int(1...6))"
                change(&file.students[id]!)
                applied.append("\(id) \(name)")
            }
            let expected = file.json.prettyData()
            #expect(file.prettyData() == expected, "round \(round): \(applied)")
            // (An emptied subject's term stays in memory until written: compared by what is written.)
            #expect(try read(Array(file.prettyData())).json == file.json, "round \(round): \(applied)")
        }
    }

    @Test("a changed subject is encoded, and a student's other subjects and members are copied as read")
    func copiesUnchangedSubjects() throws {
        let text = String(decoding: sampleClass().json.prettyData(), as: UTF8.self)
        // A space no encoder writes, inside HS0001's particulars and in everyone's gdtc, to see
        // where the output comes from.
        let marked = text.replacingOccurrences(of: "{\"gioi_tinh\": \"Nữ\", \"ngay_sinh\": \"2012-02-11\"}",
                                               with: "{\"gioi_tinh\":  \"Nữ\", \"ngay_sinh\": \"2012-02-11\"}")
            .replacingOccurrences(of: "\"tx\": [\"Đ\"]", with: "\"tx\":  [\"Đ\"]")
        #expect(marked.contains("\"gioi_tinh\":  \"Nữ\""))
        #expect(marked.components(separatedBy: "\"tx\":  [\"Đ\"]").count == 5)
        var file = try read(Array(marked.utf8))
        var marks = file.students["HS0001"]!.marks("toan", .first)
        marks[.regular(2)] = .score(Score(tenths: 90)!)
        // First-entry days, as every entered score has: the member no longer fits on one line.
        for column in [Column.regular(1), .regular(2), .regular(3), .midTerm] { marks.entered[column] = Day("2024-10-0\(column == .midTerm ? 9 : 1)")! }
        file.students["HS0001"]!.setMarks(marks, "toan", .first)
        #expect(file.students["HS0001"]!.marks("toan", .first)[.regular(2)] == .score(Score(tenths: 90)!))
        #expect(file.students["HS0001"]!.marks("gdtc", .first)[.regular(1)] == .judgement(.pass))
        let written = String(decoding: file.prettyData(), as: UTF8.self)
        #expect(written.contains("\"gioi_tinh\":  \"Nữ\""))
        #expect(written.components(separatedBy: "\"tx\":  [\"Đ\"]").count == 5)
        #expect(written.contains("\"tx\": [6.1, null, 8.5]") == false)
        #expect(written.contains("\"tx\": [6.1, 9.0, 8.5]"))
        // Read back, the one change is there and the copied parts read as they did.
        let back = try read(Array(written.utf8))
        #expect(back.json == file.json)
    }
}
