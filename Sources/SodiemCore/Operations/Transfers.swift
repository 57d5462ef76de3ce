import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemStore

/// What `transfer-in` was given and found.
public struct TransferInReport: Sendable {
    /// The terms whose results came with the student.
    public var terms: [Term] = []
    /// Notes that do not stop the transfer (ignored columns).
    public var warnings: [Message] = []
    /// The audit event committed.
    public var event: AuditEvent?
}

extension Session {
    /// `transfer-in` (chuyển đến, rules-tt22.md §8): a student from another school joins a class
    /// with their particulars (one row in the columns of `import-students`) and, from `results`,
    /// the terms completed there (one row per term: `hoc_ki`, `ren_luyen`, `buoi_nghi`, then one
    /// column per subject holding its ĐTBmhk or Đ/CĐ), as one event.
    public func transferIn(_ year: YearFile, className: String, student: String, from school: String, reference: String,
                           particulars particularsFile: URL, results resultsFile: URL?) throws(SodiemError) -> TransferInReport {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.homeroomWork(className: className), year: year)
        let school = VietnameseText.nfc(school.trimmingSpaces(newlines: true))
        let reference = VietnameseText.nfc(reference.trimmingSpaces(newlines: true))
        guard !school.isEmpty, !reference.isEmpty else {
            throw SodiemError.usage(vi: "\(option: .from) cần tên trường cũ và \(option: .ref) số học bạ (hoặc giấy chuyển trường) mà kết quả được lấy từ đó.",
                                    en: "\(option: .from) needs the previous school's name and \(option: .ref) the transcript (or transfer paper) the results come from.")
        }
        guard isValidStudentID(student) else {
            throw SodiemError.badData(vi: "Mã học sinh \"\(student)\" không hợp lệ (chữ không dấu, số, . _ -).",
                                      en: "The student id \"\(student)\" is not valid (ASCII letters, digits, . _ -).")
        }
        if let other = year.studentIndex[student] {
            throw SodiemError.badData(vi: "Học sinh \(student) đã ở lớp \(other) của năm học \(year.name): chuyển lớp trong trường dùng `\(command: .importStudents) \(option: .move)`.",
                                      en: "The student \(student) is already in \(other) of \(year.name): a move within the school is `\(command: .importStudents) \(option: .move)`.")
        }
        var report = TransferInReport()
        let (name, particulars) = try transferParticulars(particularsFile, student: student, year: year, report: &report)
        var terms: [CarriedTermEntry] = []
        if let resultsFile {
            terms = try carriedTerms(resultsFile, year: year, className: className, grade: classFile.grade, report: &report)
        }
        report.terms = terms.map(\.term)
        report.event = try commit(.transferIn(TransferInBody(
            year: year.name, className: className, student: student, name: name, particulars: particulars,
            from: school, reference: reference, date: now.day, terms: terms)))
        return report
    }

    /// The one row of `--particulars`: the name and the particulars, checked as `import-students` checks them.
    private func transferParticulars(_ file: URL, student: String, year: YearFile,
                                     report: inout TransferInReport) throws(SodiemError) -> (String, [String: String]) {
        let table = StudentColumns.skippingTitleRows(try CSVFiles.read(file))
        let fileName = file.lastPathComponent
        var columns: [Int: String] = [:]
        var ignored: [String] = []
        for (index, header) in table.header.enumerated() {
            if let code = StudentColumns.code(forHeader: header), !columns.values.contains(code) {
                columns[index] = code
            } else if !StudentColumns.isRowNumber(header), !header.trimmingSpaces().isEmpty {
                ignored.append(header)
            }
        }
        guard columns.values.contains("ho_ten") else {
            throw SodiemError.badData(vi: "\(fileName) dòng 1: thiếu cột ho_ten (Họ và tên); các cột như của \(command: .importStudents).",
                                      en: "\(fileName) line 1: the column ho_ten (Họ và tên) is missing; the columns are those of \(command: .importStudents).")
        }
        if !ignored.isEmpty {
            report.warnings.append(Message(vi: "Bỏ qua các cột không biết trong \(fileName): \(ignored.map(Message.oneLine).joined(separator: ", ")).",
                                           en: "Ignored unknown columns of \(fileName): \(ignored.map(Message.oneLine).joined(separator: ", "))."))
        }
        let rows = table.rows.filter { !$0.fields.allSatisfy { $0.trimmingSpaces().isEmpty } }
        guard rows.count == 1, let row = rows.first else {
            throw SodiemError.badData(vi: "\(fileName): cần đúng một dòng học sinh (có \(rows.count)).",
                                      en: "\(fileName): exactly one student row is needed (it has \(rows.count)).")
        }
        let at = Message(vi: "\(fileName) \(row.place().vi):", en: "\(fileName) \(row.place().en):")
        var values: [String: String] = [:]
        for (index, code) in columns { values[code] = VietnameseText.nfc(row[field: index].trimmingSpaces()) }
        if let given = values["ma_hs"], !given.isEmpty, given != student {
            throw SodiemError.badData(at + Message(vi: "mã học sinh \(given) khác \(option: .student) \(student).", en: "the student id \(given) differs from \(option: .student) \(student)."))
        }
        let name = (values["ho_ten"] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !name.isEmpty else { throw SodiemError.badData(at + Message(vi: "thiếu họ và tên.", en: "the name is empty.")) }
        var particulars: [String: String] = [:]
        for (code, value) in values where code != "ma_hs" && code != "ho_ten" && !value.isEmpty {
            switch StudentColumns.particular(code, value, year: year) {
            case .success(let stored): particulars[code] = stored
            case .failure(let problem): throw SodiemError.badData(at + problem)
            }
        }
        return (name, particulars)
    }

    /// The rows of `--file`: one per term completed at the previous school; every bad cell reported.
    private func carriedTerms(_ file: URL, year: YearFile, className: String, grade: Int,
                              report: inout TransferInReport) throws(SodiemError) -> [CarriedTermEntry] {
        let table = try CSVFiles.read(file)
        let fileName = file.lastPathComponent
        let taken = Set(subjectsTaken(year, className: className))
        var termIndex: Int?, conductIndex: Int?, absenceIndex: Int?
        var subjectIndex: [(index: Int, subject: Subject)] = []
        var problems = BadRows()
        for (index, raw) in table.header.enumerated() {
            let header = raw.trimmingSpaces()
            let key = VietnameseText.folded(header)
            if header.isEmpty || StudentColumns.isRowNumber(header) { continue }
            switch key {
            case "hocki", "hoc_ki", "hocky", "hoc_ky": termIndex = index
            case "renluyen", "ren_luyen", "ketquarenluyen": conductIndex = index
            case "buoinghi", "buoi_nghi", "sobuoinghi", "so_buoi_nghi": absenceIndex = index
            default:
                if let subject = TT22Catalogue.lookup(header), taken.contains(subject.code) {
                    if subjectIndex.contains(where: { $0.subject.code == subject.code }) {
                        problems.append(Message(vi: "\(fileName) dòng 1: môn \(subject.code) có hai cột.", en: "\(fileName) line 1: the subject \(subject.code) has two columns."))
                    }
                    subjectIndex.append((index, subject))
                } else {
                    problems.append(Message(
                        vi: "\(fileName) dòng 1: cột \"\(header.prefix(40))\" không phải hoc_ki, ren_luyen, buoi_nghi hay một môn lớp \(className) học.",
                        en: "\(fileName) line 1: the column \"\(header.prefix(40))\" is not hoc_ki, ren_luyen, buoi_nghi or a subject \(className) takes."))
                }
            }
        }
        if termIndex == nil { problems.append(Message(vi: "\(fileName) dòng 1: thiếu cột hoc_ki (1 hoặc 2).", en: "\(fileName) line 1: the column hoc_ki (1 or 2) is missing.")) }
        guard problems.isEmpty, let termIndex else { throw SodiemError.badData(.lines(problems)) }
        var terms: [Int: CarriedTermEntry] = [:]
        for row in table.rows {
            if row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            func place(_ column: Int, _ name: String) -> Message {
                Message(vi: "\(fileName) \(row.place(column: column).vi), cột \(name):", en: "\(fileName) \(row.place(column: column).en), column \(name):")
            }
            let termText = row[field: termIndex].trimmingSpaces()
            guard let number = Int(termText), let term = Term(rawValue: number) else {
                problems.append(place(termIndex, "hoc_ki") + Message(vi: "\"\(termText.prefix(20))\" không phải học kì 1 hoặc 2.", en: "\"\(termText.prefix(20))\" is not term 1 or 2."))
                continue
            }
            if terms[number] != nil {
                problems.append(place(termIndex, "hoc_ki") + Message(vi: "học kì \(number) có hai dòng.", en: "term \(number) has two rows."))
                continue
            }
            // Only a completed term: one that ended before the student arrives here.
            if let dates = year.calendar.terms[term], dates.end >= now.day {
                problems.append(place(termIndex, "hoc_ki") + Message(
                    vi: "học kì \(number) chưa kết thúc (đến \(dates.end.vietnamese)): chỉ nhập kết quả các học kì đã hoàn thành ở trường cũ.",
                    en: "term \(number) has not ended (until \(dates.end)): only the terms completed at the previous school are entered."))
                continue
            }
            var item = CarriedTermEntry(term: term, conduct: nil, absences: 0, results: [:])
            if let conductIndex {
                let text = row[field: conductIndex].trimmingSpaces()
                if !text.isEmpty {
                    if let level = HomeroomValues.level(text) { item.conduct = level } else {
                        problems.append(place(conductIndex, "ren_luyen") + Message(vi: "\"\(text.prefix(20))\" không phải T, K, Đ hay CĐ.", en: "\"\(text.prefix(20))\" is not T, K, Đ or CĐ."))
                    }
                }
            }
            if let absenceIndex {
                let text = row[field: absenceIndex].trimmingSpaces()
                if !text.isEmpty {
                    if let count = Int(text), (0...200).contains(count) { item.absences = count } else {
                        problems.append(place(absenceIndex, "buoi_nghi") + Message(vi: "\"\(text.prefix(20))\" không phải số buổi nghỉ (0 đến 200).", en: "\"\(text.prefix(20))\" is not a number of buổi (0 to 200)."))
                    }
                }
            }
            var results: [String: Mark] = [:]
            // A completed term is carried whole: a subject without its result would leave the
            // term's results undeterminable, with no cell here to enter it in (rules §8).
            let given = Set(subjectIndex.filter { !row[field: $0.index].trimmingSpaces().isEmpty }.map(\.subject.code))
            let missing = taken.sorted().filter { !given.contains($0) }
            if !missing.isEmpty {
                problems.append(place(termIndex, "hoc_ki") + Message(
                    vi: "học kì \(number) thiếu kết quả các môn lớp \(className) học: \(missing.joined(separator: ", ")) (mỗi học kì mang theo có kết quả mọi môn).",
                    en: "term \(number) lacks the results of subjects \(className) takes: \(missing.joined(separator: ", ")) (a carried term has every subject's result)."))
            }
            for (index, subject) in subjectIndex {
                let text = row[field: index].trimmingSpaces()
                if text.isEmpty { continue }
                switch MarkParser.parse(text, kind: subject.kind) {
                case .success(.missed):
                    problems.append(place(index, subject.code) + Message(vi: "kết quả học kì không thể là vắng.", en: "a term result cannot be vắng."))
                case .success(let mark): results[subject.code] = mark
                case .failure(let error): problems.append(place(index, subject.code) + error.message)
                }
            }
            item.results = results
            terms[number] = item
        }
        guard problems.isEmpty else { throw SodiemError.badData(.lines(problems)) }
        return terms.keys.sorted().map { terms[$0]! }
    }

    /// Why a student cannot leave `className` on `date` (nil when they can): the day is in the
    /// year, not after `today`, not before they arrived in the class (`transfer-in` or a move),
    /// and not in a locked term (77, as for every change of a locked term). The command and
    /// `verify`'s rule replay ask this one function.
    static func transferOutRefusal(_ date: Day, record: StudentRecord, className: String, year: YearFile, today: Day) -> SodiemError? {
        guard let start = StudentColumns.startOfYear(year), date >= start, date <= (year.calendar.terms[.second]?.end ?? date) else {
            return .badData(vi: "Ngày \(date.vietnamese) không thuộc năm học \(year.name).", en: "\(date) is not in the year \(year.name).")
        }
        guard date <= today else {
            return .badData(vi: "Ngày \(date.vietnamese) chưa đến (hôm nay \(today.vietnamese)): ghi chuyển đi vào ngày học sinh rời trường.",
                            en: "\(date) has not come yet (today is \(today)): record the leaving on the day the student leaves.")
        }
        // The last arrival in this class: from another school, or from another class of the year.
        var arrivals: [(day: Day, vi: String, en: String)] = []
        if let came = record.transferIn {
            arrivals.append((came.date, "chuyển đến lớp \(className) từ \(came.school)", "came to \(className) from \(came.school)"))
        }
        if let moved = record.movedFrom.last {
            arrivals.append((moved.date, "chuyển từ lớp \(moved.className) sang lớp \(className)", "moved from \(moved.className) into \(className)"))
        }
        if let arrival = arrivals.max(by: { $0.day < $1.day }), date < arrival.day {
            return .badData(vi: "Ngày \(date.vietnamese) trước ngày học sinh \(arrival.vi) (\(arrival.day.vietnamese)).",
                            en: "\(date) is before the day the student \(arrival.en) (\(arrival.day)).")
        }
        if let term = year.calendar.term(containing: date), year.isLocked(term, className: className) {
            return .notPermitted(vi: "học kì \(term.rawValue) của lớp \(className) đã khoá: không ghi học sinh rời lớp ngày \(date.vietnamese) được (mở khoá trước: \(command: .unlockTerm)).",
                                 en: "term \(term.rawValue) is locked for \(className): a leaving on \(date) cannot be recorded (unlock the term first: \(command: .unlockTerm)).")
        }
        return nil
    }

    /// `transfer-out` (chuyển đi, thôi học): the student leaves the class list from `date`, to
    /// another school (`to`) or for a reason; their record stays for the ledger and the transcript.
    public func transferOut(_ year: YearFile, className: String, student: String, date typed: String, to school: String?,
                            reason: String?) throws(SodiemError) -> AuditEvent {
        let classFile = try self.classFile(year, className)
        let className = classFile.name  // the stored form (6a1 → 6A1)
        try require(.homeroomWork(className: className), year: year)
        let record = try self.student(classFile, student)
        let school = school.map { VietnameseText.nfc($0.trimmingSpaces(newlines: true)) }
        let reason = reason.map { VietnameseText.nfc($0.trimmingSpaces(newlines: true)) }
        guard (school == nil) != (reason == nil), !(school ?? reason ?? "").isEmpty else {
            throw SodiemError.usage(vi: "\(command: .transferOut) cần một trong hai: \(option: .to) \"Trường …\" (chuyển trường) hoặc \(option: .reason) \"…\" (thôi học).",
                                    en: "\(command: .transferOut) needs one of \(option: .to) \"Trường …\" (another school) or \(option: .reason) \"…\" (leaving school).")
        }
        guard let date = Day(typed) else {
            throw SodiemError.badData(vi: "\(option: .date) \"\(typed.prefix(40))\" không phải một ngày (yyyy-mm-dd hoặc dd/mm/yyyy).",
                                      en: "\(option: .date) \"\(typed.prefix(40))\" is not a date (yyyy-mm-dd or dd/mm/yyyy).")
        }
        if let refusal = Session.transferOutRefusal(date, record: record, className: className, year: year, today: now.day) { throw refusal }
        return try commit(.transferOut(TransferOutBody(year: year.name, className: className, student: student, date: date,
                                                       to: school, reason: reason)))
    }
}
