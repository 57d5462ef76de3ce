import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

extension Session {
    /// The transcript of one student with every year held, oldest first (`readClass` on the latest class).
    public func transcript(student id: String, coverOnly: Bool) throws(SodiemError) -> Transcript {
        try transcript(student: id, coverOnly: coverOnly, checkPermission: true)
    }

    /// The transcript; `checkPermission` false only for `transcripts`, which checked the class already.
    private func transcript(student id: String, coverOnly: Bool, checkPermission: Bool) throws(SodiemError) -> Transcript {
        var entries: [Transcript.YearEntry] = []
        for name in school.years {
            guard let year = try world.year(name), let className = year.studentIndex[id],
                  let classFile = try world.classFile(name, className), classFile.students[id] != nil else { continue }
            guard let evaluation = try evaluate(year, classFile, student: id).first else { continue }
            let fixes = try world.fixes(name).fixes.filter { $0.status == .approved && $0.student == id }
            entries.append(.init(year: year, className: className, grade: classFile.grade, evaluation: evaluation,
                                 subjects: subjectsTaken(year, className: className), fixes: fixes))
        }
        guard let latest = entries.last else {
            throw SodiemError.notFound(vi: "Không có học sinh \(id) trong năm học nào. Xem `\(run: .listStudents(className: nil))`.",
                                       en: "There is no student \(id) in any school year. See `\(run: .listStudents(className: nil))`.")
        }
        if checkPermission {
            try require(.readClass(className: latest.className), year: latest.year)
            try require(.readParticulars(className: latest.className), year: latest.year)
        }
        return Transcript(school: school, users: try world.users(), studentID: id, record: latest.evaluation.record,
                          years: entries, coverOnly: coverOnly, anchor: anchor)
    }

    /// The transcripts of a class's students in class-list order (`readClass` on the class).
    public func transcripts(_ year: YearFile, className: String, coverOnly: Bool) throws(SodiemError) -> [Transcript] {
        let classFile = try self.classFile(year, className)
        try require(.readClass(className: className), year: year)
        try require(.readParticulars(className: className), year: year)
        var out: [Transcript] = []
        for (id, _) in classFile.orderedStudents {
            out.append(try transcript(student: id, coverOnly: coverOnly, checkPermission: false))
        }
        return out
    }

    /// An index page linking the transcripts of a class (`ID.html`).
    public func transcriptIndex(_ year: YearFile, className: String, _ transcripts: [Transcript]) -> String {
        let footer = HTMLDocument.footer(school: school.name, document: "Học bạ lớp \(className), năm học \(year.name)", anchor: anchor)
        var doc = HTMLDocument(title: "Học bạ lớp \(className) – \(year.name)", footer: footer)
        let e = HTML.escape
        let rows = transcripts.enumerated().map { i, t in
            "<tr><td class=\"n\">\(i + 1)</td><td class=\"n\">\(e(t.studentID))</td><td><a href=\"\(e(t.studentID)).html\">\(e(t.record.name))</a></td>"
                + "<td class=\"n\">\(t.years.map { e($0.className) }.joined(separator: ", "))</td><td class=\"n\">\(t.pageCount)</td></tr>"
        }
        doc.page(.portrait, "<p class=\"small\"><b>\(e(school.name))</b></p><h1>Học bạ lớp \(e(className)) – năm học \(e(year.name))</h1>"
                 + HTMLForms.table(header: "<tr><th>STT</th><th>Số đăng bộ</th><th>Họ và tên</th><th>Các lớp</th><th>Số trang</th></tr>", rows: rows))
        return doc.render()
    }
}
