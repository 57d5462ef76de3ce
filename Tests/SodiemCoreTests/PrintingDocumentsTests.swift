import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats
@testable import SodiemModel
@testable import SodiemRules
@testable import SodiemDocuments
@testable import SodiemStore
@testable import SodiemCore

private func score(_ tenths: Int) -> Mark { .score(Score(tenths: tenths)!) }

/// A small school with scores, attendance, conduct and one approved correction, seeded through the core.
private func seededSchool() throws -> CoreSchool {
    let school = try CoreSchool()
    try school.write { s throws(SodiemError) in
        _ = try s.addUser(id: "gv.toan", name: "Nguyễn Thị Toán", roles: [.teacher], osUser: nil, email: nil)
        _ = try s.addUser(id: "gv.su", name: "Phạm Văn Sử", roles: [.teacher], osUser: nil, email: nil)
        _ = try s.addUser(id: "ht", name: "Hoàng Văn Hiệu", roles: [.principal], osUser: nil, email: nil)
        _ = try s.assign(try s.year(nil), rows: [
            .init(subject: "toan", classes: "6A1", enterers: ["gv.toan"], lead: "gv.toan", origin: nil),
            .init(subject: "ls-dl", classes: "6A1", enterers: ["gv.su", "gv.toan"], lead: "gv.su", origin: nil),
        ])
        try s.commit(.studentsImport, ["year": .string("2024-2025"), "class": .string("6A1"),
                                       "students": .object(["A3": .object(["name": .string("Đỗ <Văn> & \"Cường\""),
                                                                           "particulars": .object(["ngay_sinh": .string("2013-02-01")])])])])
    }
    try school.sheet("A1", "toan", term: 1, ["tx1": score(80), "tx2": score(70), "tx3": score(90), "tx4": score(60),
                                             "gk": score(75), "ck": score(80)])
    try school.write { s throws(SodiemError) in
        try s.commit(.attendanceSet, ["year": .string("2024-2025"), "class": .string("6A1"), "entries": .array([
            .object(["student": .string("A2"), "date": .string("2024-10-15"), "session": .string("sang"), "excused": .bool(true), "absent": .bool(true)]),
            .object(["student": .string("A2"), "date": .string("2024-10-15"), "session": .string("chieu"), "excused": .bool(false), "absent": .bool(true)]),
        ])])
        try s.commit(.conductSet, ["year": .string("2024-2025"), "class": .string("6A1"), "term": .string("1"),
                                   "levels": .object(["A1": .string("T"), "A2": .string("K")])])
        try s.commit(.commentSet, ["year": .string("2024-2025"), "class": .string("6A1"), "student": .string("A1"),
                                   "subject": .string("toan"), "text": .string("Chăm chỉ, tiến bộ")])
        // A correction of tx2: 7,0 → 9,0, request 1, approved.
        try s.commit(.fixRequest, ["year": .string("2024-2025"), "class": .string("6A1"), "fix": .object([
            "id": .int(1), "class": .string("6A1"), "subject": .string("toan"), "term": .int(1), "student": .string("A1"),
            "column": .string("tx2"), "from": score(70).json, "to": score(90).json, "reason": .string("nhập nhầm"),
            "evidence": .null])])
        try s.commit(.fixApprove, ["year": .string("2024-2025"), "class": .string("6A1"), "id": .int(1), "subject": .string("toan"),
                                   "term": .int(1), "student": .string("A1"), "column": .string("tx2"), "old": score(70).json,
                                   "new": score(90).json, "witnesses": .array([])])
    }
    return school
}

@Suite("Printed documents from the store")
struct PrintingDocumentsTests {
    @Test("the class ledger: decimal comma, corrected cell, attendance, escaping, footer, page count")
    func classLedger() throws {
        let school = try seededSchool()
        let ledger = try school.write { s throws(SodiemError) in try s.classLedger(try s.year(nil), className: "6A1", period: .term(.first)) }
        let html = ledger.html()
        // tx 8 9 9 6 (after the fix), gk 7,5, ck 8 → (32 + 2·7,5 + 3·8)/9 = 7,89 → 7,9.
        #expect(ledger.evaluations.first { $0.id == "A1" }?.results.term1.subject("toan")?.average == Score(tenths: 79))
        #expect(html.contains("<b>7,9</b>"))
        #expect(html.contains("<del>7,0</del> <ins>9,0</ins><sup class=\"fix\">BB số 1</sup>"))
        #expect(!html.contains("7.5"))
        #expect(html.contains("Đỗ &lt;Văn&gt; &amp; &quot;Cường&quot;"))
        #expect(!html.contains("<Văn>"))
        #expect(html.contains("<td class=\"n\">PK</td>"))  // 15/10: morning excused, afternoon not
        #expect(html.contains("sự kiện số \(ledger.anchor.seq), mã băm \(ledger.anchor.hash)"))
        #expect(ledger.anchor.hash.count == 16)
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        // 3 students: cover, teachers, 1 particulars, 5 months, 12 subjects, 1 summary, signatures.
        #expect(ledger.pageCount == 2 + 1 + 5 + 12 + 1 + 1)
        #expect(html.components(separatedBy: "<section class=\"sheet").count - 1 == ledger.pageCount)
        #expect(html.contains("Phạm Văn Sử") && html.contains("Nguyễn Thị Toán"))
    }

    @Test("the year ledger adds term II columns, the year summary and both terms' sheets")
    func yearLedger() throws {
        let school = try seededSchool()
        let ledger = try school.write { s throws(SodiemError) in try s.classLedger(try s.year(nil), className: "6A1", period: .year) }
        #expect(ledger.terms == [.first, .second] && ledger.includesYear)
        #expect(ledger.months.count == 9)
        let html = ledger.html()
        #expect(html.contains("ĐTBmcn") && html.contains("Tổng hợp kết quả cả năm học"))
        #expect(html.components(separatedBy: "<section class=\"sheet").count - 1 == ledger.pageCount)
    }

    @Test("the blank gradebook: a sheet per part of LS&ĐL and the combined one; refused for another teacher")
    func blankGradebook() throws {
        let school = try seededSchool()
        let book = try school.write { s throws(SodiemError) in try s.blankGradebook(try s.year(nil), teacher: "gv.toan", term: .first) }
        #expect(book.sheets.map { $0.subject + "/" + ($0.part ?? "") } == ["toan/", "ls-dl/Lịch sử", "ls-dl/Địa lí", "ls-dl/"])
        #expect(book.sheets.allSatisfy { $0.students.map(\.id) == ["A3", "A2", "A1"] })  // class-list order: the quoted given name "Cường" sorts first
        #expect(book.sheets.first?.regularCount == 4)
        let html = book.html()
        #expect(html.contains("Phân môn Lịch sử") && html.contains("Ban giám hiệu kí, đóng dấu"))
        #expect(html.components(separatedBy: "<section class=\"sheet").count - 1 == book.pageCount)
        #expect(!html.contains("7,5"))  // blank: no scores
        let other = Invocation(dataPath: school.path, asUser: "gv.su", nowOverride: nil, lockWait: 2, osUser: "root", osIsRoot: true, commandName: "test")
        #expect(throws: SodiemError.self) {
            try Session.with(other, mode: .read) { s throws(SodiemError) in _ = try s.blankGradebook(try s.year(nil), teacher: "gv.toan", term: .first) }
        }
    }

    @Test("the transcript: year results with the decimal comma, comment, lead teacher, fixed page count")
    func transcript() throws {
        let school = try seededSchool()
        let t = try school.write { s throws(SodiemError) in try s.transcript(student: "A1", coverOnly: false) }
        #expect(t.years.count == 1 && t.pageCount == 4)
        let html = t.html()
        #expect(html.contains(">7,9<"))
        #expect(html.contains("Chăm chỉ, tiến bộ") && html.contains("Nguyễn Thị Toán") && html.contains("Hiệu trưởng kí tên, đóng dấu"))
        #expect(html.contains("Trong bảng này có sửa chữa ở <b>1</b> chỗ"))
        #expect(html.components(separatedBy: "<section class=\"sheet").count - 1 == t.pageCount)
        let cover = try school.write { s throws(SodiemError) in try s.transcript(student: "A3", coverOnly: true) }
        #expect(cover.pageCount == 1 && cover.html().contains("01/02/2013"))
        #expect(throws: SodiemError.self) { try school.write { s throws(SodiemError) in try s.transcript(student: "ZZ", coverOnly: false) } }
    }

    @Test("the ledger prints an exemption's decision as given (no doubled QĐ) and the Quê quán of the particulars")
    func exemptionAndHometown() throws {
        let school = try seededSchool()
        try school.write { s throws(SodiemError) in
            _ = try s.setExemption(try s.year(nil), className: "6A1", student: "A1", subject: "gdtc", term: "year",
                                   decision: "QĐ số 12/QĐ-THCS ngày 05/09/2024")
            try s.commit(.studentsImport, ["year": .string("2024-2025"), "class": .string("6A1"),
                                           "students": .object(["A4": .object(["name": .string("Mai Thị Dung"),
                                                                               "particulars": .object(["que_quan": .string("Nam Định"),
                                                                                                       "noi_sinh": .string("Hà Nam")])])])])
        }
        let html = try school.write { s throws(SodiemError) in try s.classLedger(try s.year(nil), className: "6A1", period: .year) }.html()
        #expect(html.contains("Miễn thực hành cả năm (QĐ số 12/QĐ-THCS ngày 05/09/2024)"))
        #expect(!html.contains("QĐ QĐ"))
        #expect(html.contains("<th>Nơi sinh</th><th>Quê quán</th><th>Nơi ở hiện nay</th>"))
        #expect(html.contains("<td class=\"wrap\">Hà Nam</td><td class=\"wrap\">Nam Định</td>"))
    }

    @Test("a rejected correction record shows the value asked for and Không sửa; a pending one is a draft; an approved one has before and after")
    func fixRecordStates() throws {
        let school = try seededSchool()
        try school.write { s throws(SodiemError) in
            for (id, column, to) in [(2, "gk", 80), (3, "ck", 95)] {
                try s.commit(.fixRequest, ["year": .string("2024-2025"), "class": .string("6A1"), "fix": .object([
                    "id": .int(id), "class": .string("6A1"), "subject": .string("toan"), "term": .int(1), "student": .string("A1"),
                    "column": .string(column), "from": (column == "gk" ? score(75) : score(80)).json, "to": score(to).json,
                    "reason": .string("cộng nhầm"), "evidence": .null])])
            }
            try s.commit(.fixReject, ["year": .string("2024-2025"), "class": .string("6A1"), "id": .int(2), "student": .string("A1"),
                                      "reason": .string("không có minh chứng")])
        }
        func record(_ id: Int) throws -> String {
            try school.write { s throws(SodiemError) in try s.fixRecord(try s.year(nil), id: id) }.html()
        }
        let rejected = try record(2)
        #expect(!rejected.contains("Điểm sau khi sửa"))
        #expect(rejected.contains("<th>Điểm đề nghị sửa thành</th><td><span class=\"value\">8,0</span></td>"))
        #expect(rejected.contains("<th>Điểm trong sổ (giữ nguyên)</th><td><span class=\"value\">7,5</span></td>"))
        #expect(rejected.contains("<th>Kết quả</th><td><span class=\"value\">Không sửa</span></td>"))
        #expect(rejected.contains("KHÔNG SỬA ĐIỂM"))
        let pending = try record(3)
        #expect(pending.contains("BẢN NHÁP"))
        #expect(!pending.contains("Điểm sau khi sửa"))
        #expect(pending.contains("<th>Điểm đề nghị sửa thành</th><td><span class=\"value\">9,5</span></td>"))
        #expect(pending.contains("Chưa sửa (chờ duyệt)"))
        let approved = try record(1)
        #expect(approved.contains("<th>Điểm trước khi sửa</th><td><span class=\"value\">7,0</span></td>"))
        #expect(approved.contains("<th>Điểm sau khi sửa</th><td><span class=\"value\">9,0</span></td>"))
        #expect(!approved.contains("Điểm đề nghị sửa thành") && !approved.contains("BẢN NHÁP"))
    }
}
