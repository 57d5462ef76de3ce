import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemCore

extension ExampleSchool {
    /// One of each special case of issue 11, so `sodiem demo` shows them: a grade taught in the
    /// afternoon (grade 7's main session), a missed test made up and one not (`vắng`, then the
    /// make-up, or 0 with "không kiểm tra bù"), an individual plan with two plan subjects, and at
    /// the start of term II a student moved to the next class, one arriving from another school
    /// with term I's results and one leaving for another school; after term II a commendation.
    public func specialCases(after term: Term, dataPath: String, osUser: String, osIsRoot: Bool) throws(SodiemError) -> Message? {
        func invocation(_ acting: String?, _ now: String) -> Invocation {
            Invocation(dataPath: dataPath, asUser: acting, nowOverride: now, lockWait: 10, osUser: osUser, osIsRoot: osIsRoot,
                       commandName: "demo")
        }
        let accounts = try CSVFiles.read(folder.appendingPathComponent("tai-khoan.csv"))
        let (year, first) = try Session.with(invocation(nil, "2024-12-28"), mode: .read) { s throws(SodiemError) in
            let year = try s.year(nil)
            let name = year.classes.keys.sorted(by: ClassNotation.precedes).first
            return (year, try name.map { n throws(SodiemError) in try s.classFile(year, n) })
        }
        guard let first else { return nil }
        let students = first.orderedStudents.map(\.id)
        switch term {
        case .first:
            // Grade 7 is taught in the afternoon: its buổi absent count the afternoons.
            _ = try Session.with(invocation(nil, "2024-12-28"), mode: .write) { s throws(SodiemError) in
                var calendar = year.calendar
                calendar.mainSessions[7] = "chieu"
                return try s.setYear(try s.year(nil), calendar: calendar, current: false)
            }
            guard students.count >= 2, let teacher = year.assignment("toan", first.name)?.enterers.first else { return nil }
            func enter(_ student: String, _ column: String, _ value: String, on day: String, note: String? = nil) throws(SodiemError) {
                _ = try Session.with(invocation(teacher, day), mode: .write) { s throws(SodiemError) in
                    try s.enterScore(try s.year(nil), className: first.name, subject: "toan", term: "1", student: student,
                                     column: column, value: value, note: note)
                }
            }
            // The first student missed the mid-term test and took the make-up; the second missed the
            // end-of-term test and was not tested again (0, with the note).
            try enter(students[0], "gk", "vắng", on: "2024-12-28")
            try enter(students[1], "ck", "vắng", on: "2024-12-28")
            try enter(students[0], "gk", "7,5", on: "2025-01-06")
            try enter(students[1], "ck", "0", on: "2025-01-08", note: "không kiểm tra bù")
            var cases = [Message(vi: "khối 7 học buổi chiều (tính buổi nghỉ theo buổi chiều); \(first.name): một bài kiểm tra vắng đã kiểm tra bù, một bài không kiểm tra bù (0)",
                                 en: "grade 7 taught in the afternoon (buổi absent count the afternoons); \(first.name): a missed test made up, one not made up (0)")]
            cases += try termBoundaryCases(year: year, first: first, students: students, invocation: invocation)
            return Message(vi: "Trường hợp riêng:", en: "Special cases:") + Message(vi: cases.map(\.vi).joined(separator: "; "), en: cases.map(\.en).joined(separator: "; "))
        case .second:
            // The plan subjects' own results for term II, by their leads.
            if let planStudent = first.orderedStudents.first(where: { $0.record.individualPlan?.subjects != nil })?.id {
                try planResults(year: year, className: first.name, student: planStudent, term: .second, day: "2025-05-20", invocation: invocation)
            }
            guard let principal = accounts.rows.first(where: { $0[field: 2].contains("principal") && !$0[field: 2].contains("vice") })?[field: 0],
                  let student = students.first else { return nil }
            _ = try Session.with(invocation(osIsRoot ? nil : principal, "2025-05-23"), mode: .write) { s throws(SodiemError) in
                try s.commend(try s.year(nil), className: first.name, student: student, text: "Có tiến bộ vượt bậc môn Toán trong học kì II")
            }
            return Message(vi: "Khen thưởng (Điều 15.1.b): một học sinh lớp \(first.name), in trên học bạ",
                           en: "A commendation (Article 15.1.b) for a student of \(first.name), printed on the transcript")
        }
    }

    /// The cases of the first class around the term boundary (rules-tt22.md §8): an individual
    /// plan with two plan subjects (decided in term I), then on term II's first day a move to the
    /// next class of the grade, a transfer in with term I's results, and a transfer out.
    private func termBoundaryCases(year: YearFile, first: ClassFile, students: [String],
                                   invocation: (String?, String) -> Invocation) throws(SodiemError) -> [Message] {
        guard students.count >= 5, let homeroom = year.classes[first.name]?.homeroom else { return [] }
        var done: [Message] = []
        let planStudent = students[4]
        _ = try Session.with(invocation(nil, "2024-12-28"), mode: .write) { s throws(SodiemError) in
            try s.setIndividualPlan(try s.year(nil), className: first.name, student: planStudent, decision: "QĐ số 31/QĐ-THCS ngày 16/09/2024",
                                    planSubjects: "gdtc,nghe-thuat")
        }
        try planResults(year: year, className: first.name, student: planStudent, term: .first, day: "2025-01-08", invocation: invocation)
        done.append(Message(vi: "\(planStudent) học theo kế hoạch giáo dục cá nhân ở GDTC và Nghệ thuật (các môn khác đánh giá như thường, mức học tập đề xuất)",
                            en: "\(planStudent) on an individual plan in GDTC and Nghệ thuật (other subjects as usual, levels proposed)"))
        let boundary = "2025-01-13"
        let sameGrade = year.classes.filter { $0.value.grade == first.grade && $0.key != first.name }.keys.sorted(by: ClassNotation.precedes)
        let scratch = try PrivateFolder()  // nobody else can enter or guess it
        defer { scratch.remove() }
        let files = URL(fileURLWithPath: scratch.path)
        func write(_ name: String, _ text: String) throws(SodiemError) -> URL {
            let url = files.appendingPathComponent(name)
            do { try Data(text.utf8).write(to: url) } catch {
                throw SodiemError.cannotCreate(Message(vi: "Không ghi được \(url.path).", en: "Cannot write \(url.path)."))
            }
            return url
        }
        // Moving class: everything entered in term I goes with the student (the year is one record).
        if let next = sameGrade.first, let record = first.students[students[2]] {
            let list = try write("chuyen-lop.csv", "ma_hs,ho_ten\n\(students[2]),\"\(record.name)\"\n")
            _ = try Session.with(invocation(nil, boundary), mode: .write) { s throws(SodiemError) in
                try s.importStudents(try s.year(nil), className: next, file: list, dryRun: false, move: true)
            }
            done.append(Message(vi: "\(students[2]) chuyển từ \(first.name) sang \(next) đầu học kì II (mang theo kết quả học kì I)",
                                en: "\(students[2]) moved from \(first.name) to \(next) at the start of term II (term I's results go along)"))
        }
        // From another school, with term I's results from its transcript.
        let newcomer = "HS9001"
        let particulars = try write("hs-chuyen-den.csv", "ma_hs,ho_ten,ngay_sinh,gioi_tinh,dan_toc,noi_sinh\n\(newcomer),Lục Thị Mai Anh,14/02/2013,Nữ,Tày,Lạng Sơn\n")
        let taken = try Session.with(invocation(nil, boundary), mode: .read) { s throws(SodiemError) in
            s.subjectsTaken(try s.year(nil), className: first.name)
        }
        let comments: Set<String> = ["gdtc", "nghe-thuat", "hdtn-hn", "gddp"]
        let values = taken.enumerated().map { index, code in comments.contains(code) ? "Đ" : ["7,8", "8,1", "6,9", "8,4", "7,2", "8,8"][index % 6] }
        let results = try write("ket-qua-hk1.csv", "hoc_ki,ren_luyen,buoi_nghi," + taken.joined(separator: ",") + "\n1,T,3," + values.map { "\"\($0)\"" }.joined(separator: ",") + "\n")
        _ = try Session.with(invocation(homeroom, boundary), mode: .write) { s throws(SodiemError) in
            try s.transferIn(try s.year(nil), className: first.name, student: newcomer, from: "Trường THCS Hồng Phong", reference: "Học bạ số 45/HP",
                             particulars: particulars, results: results)
        }
        done.append(Message(vi: "\(newcomer) chuyển đến \(first.name) từ trường khác với kết quả học kì I",
                            en: "\(newcomer) joined \(first.name) from another school with term I's results"))
        // Leaving for another school: off the list from term II, transcript up to then.
        _ = try Session.with(invocation(homeroom, boundary), mode: .write) { s throws(SodiemError) in
            try s.transferOut(try s.year(nil), className: first.name, student: students[3], date: boundary, to: "Trường THCS Lê Lợi", reason: nil)
        }
        let left = Day(boundary)!
        done.append(Message(vi: "\(students[3]) chuyển đi trường khác từ \(left.vietnamese)", en: "\(students[3]) left for another school on \(left.english)"))
        return done
    }

    /// The plan's own results (Đ) of the plan student's plan subjects in a term, each by the subject's lead.
    private func planResults(year: YearFile, className: String, student: String, term: Term, day: String,
                             invocation: (String?, String) -> Invocation) throws(SodiemError) {
        for code in ["gdtc", "nghe-thuat"] {
            guard let lead = year.assignment(code, className)?.lead else { continue }
            _ = try Session.with(invocation(lead, day), mode: .write) { s throws(SodiemError) in
                try s.recordPlanResult(try s.year(nil), className: className, student: student, subject: code, term: term, result: "Đ")
            }
        }
    }
}
