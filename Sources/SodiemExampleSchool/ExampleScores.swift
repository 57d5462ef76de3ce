import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules
import SodiemCore

extension ExampleSchool {
    /// When each term's made-up work is entered: sheets after the end-of-term test, conduct at term end.
    static let termDays: [Term: (sheets: String, conduct: String, close: String, months: [String])] = [
        .first: ("2024-12-27", "2025-01-10", "2024-12-31", ["2024-09", "2024-10", "2024-11", "2024-12"]),
        .second: ("2025-05-09", "2025-05-23", "2025-04-30", ["2025-01", "2025-02", "2025-03", "2025-04"]),
    ]

    /// Enters a term of made-up scores, conduct and attendance, each by the teacher whose job it is.
    ///
    /// Sheets go through `enter-score --file` as the subject's first enterer would send them; the
    /// homeroom teacher records absences, closes the months and sets conduct.
    /// `yearsLater` shifts every date by that many years (the history generator's later years).
    public func fillTerm(_ term: Term, dataPath: String, osUser: String, osIsRoot: Bool, yearsLater: Int = 0) throws(SodiemError) -> Message {
        let base = ExampleSchool.termDays[term]!
        let shift = { (text: String) -> String in ExampleSchool.shifted(text, years: yearsLater) }
        let days = (sheets: shift(base.sheets), conduct: shift(base.conduct), close: shift(base.close), months: base.months.map(shift))
        func invocation(_ acting: String?, _ now: String) -> Invocation {
            Invocation(dataPath: dataPath, asUser: acting, nowOverride: now, lockWait: 10, osUser: osUser, osIsRoot: osIsRoot,
                       commandName: "demo")
        }
        let (year, classes) = try Session.with(invocation(nil, days.sheets), mode: .read) { s throws(SodiemError) in
            let year = try s.year(nil)
            var classes: [(ClassFile, [String])] = []
            for name in year.classes.keys.sorted(by: ClassNotation.precedes) {
                classes.append((try s.classFile(year, name), s.subjectsTaken(year, className: name)))
            }
            return (year, classes)
        }
        // A folder nobody else can enter or guess (a name of our pid in /tmp let others plant links there).
        let scratch = try PrivateFolder()
        defer { scratch.remove() }
        let sheets = URL(fileURLWithPath: scratch.path)
        var count = 0
        for (classFile, subjects) in classes {
            let rules = RuleBook.rules(forYear: year.name, grade: classFile.grade, periods: year.calendar.periods)
            let students = classFile.orderedStudents
            for code in subjects {
                guard let subject = rules.subject(code: code), let teacher = year.assignment(code, classFile.name)?.enterers.first else { continue }
                let columns = Column.sheet(regularCount: rules.regularCount(subject, grade: classFile.grade))
                var csv = "ma_hs,ho_ten," + columns.map(\.description).joined(separator: ",") + "\n"
                for (id, record) in students {
                    let seed: UInt64 = id.hashValueStable &+ code.hashValueStable &* 31 &+ UInt64(term.rawValue) &+ UInt64(yearsLater) &* 1_000_003
                    var random = SplitMix64(seed: seed)
                    // A student's level is stable across subjects; each score varies around it.
                    var personal = SplitMix64(seed: id.hashValueStable)
                    let ability = 45 + Int(personal.next() % 50)
                    let cells = columns.map { column -> String in
                        if subject.kind == .comment { return random.int(0...40) == 0 ? "CĐ" : "Đ" }
                        let spread = random.int(-20...20)
                        let tenths = min(100, max(0, ability + spread))
                        // Regular scores are whole numbers; tests are marked to the half point.
                        let rounded = column == .midTerm || column == .endOfTerm ? (tenths + 2) / 5 * 5 : (tenths + 5) / 10 * 10
                        return Score(tenths: min(100, rounded))!.description
                    }
                    csv += "\(id),\"\(record.name)\"," + cells.joined(separator: ",") + "\n"
                }
                let file = sheets.appendingPathComponent("\(classFile.name)-\(code)-hk\(term.rawValue).csv")
                do { try Data(csv.utf8).write(to: file) } catch {
                    throw SodiemError.cannotCreate(Message(vi: "Không ghi được \(file.path).", en: "Cannot write \(file.path)."))
                }
                _ = try Session.with(invocation(teacher, days.sheets), mode: .write) { s throws(SodiemError) in
                    try s.enterScoreSheet(try s.year(nil), className: classFile.name, subject: code, term: "\(term.rawValue)", file: file, dryRun: false)
                }
                count += 1
            }
            guard let homeroom = year.classes[classFile.name]?.homeroom, !students.isEmpty else { continue }
            // A few absences a month, entered and closed by the homeroom teacher.
            var random = SplitMix64(seed: UInt64(classFile.name.hashValueStable) &+ UInt64(term.rawValue))
            var absences = "ma_hs,ngay,buoi,co_phep\n"
            var seen = Set<String>()
            for month in days.months {
                for _ in 0..<random.int(2...6) {
                    let (id, _) = students[random.int(0...(students.count - 1))]
                    let parts = month.split(separator: "-").compactMap { Int($0) }
                    guard var day = Day(year: parts[0], month: parts[1], day: random.int(1...28)) else { continue }
                    while day.weekday == 7 { day = day.adding(days: 1) }
                    if let dates = year.calendar.terms[term], !(dates.start...dates.end).contains(day) { continue }
                    let session = random.int(0...1) == 0 ? "sang" : "chieu"
                    let excused = random.int(0...3) == 0 ? "" : "x"
                    // The same student, day and session once only (later years' dates can collide).
                    guard seen.insert("\(id) \(day) \(session)").inserted else { continue }
                    absences += "\(id),\(day.vietnamese),\(session),\(excused)\n"
                }
            }
            let file = sheets.appendingPathComponent("\(classFile.name)-nghi-hoc-hk\(term.rawValue).csv")
            try? Data(absences.utf8).write(to: file)
            try Session.with(invocation(homeroom, days.close), mode: .write) { s throws(SodiemError) in
                let year = try s.year(nil)
                _ = try s.recordAttendance(year, className: classFile.name, file: file, dryRun: false)
                for month in days.months { _ = try s.closeAttendanceMonth(try s.year(nil), className: classFile.name, month: month) }
            }
            let levels = students.map { id, _ -> (origin: Message?, student: String, level: String) in
                var r = SplitMix64(seed: id.hashValueStable &+ UInt64(term.rawValue) &* 7)
                let roll = r.int(0...19)
                return (nil, id, roll < 13 ? "T" : roll < 18 ? "K" : "Đ")
            }
            _ = try Session.with(invocation(homeroom, days.conduct), mode: .write) { s throws(SodiemError) in
                try s.setConduct(try s.year(nil), className: classFile.name, term: "\(term.rawValue)", afterSummer: false, levels: levels)
            }
        }
        return Message(vi: "Học kì \(term.rawValue): \(count) bảng điểm môn do giáo viên được phân công nhập; chuyên cần và rèn luyện do GVCN",
                       en: "Term \(term.rawValue): \(count) subject sheets entered by the assigned teachers; attendance and conduct by the homeroom teachers")
    }
}

extension ExampleSchool {
    /// `2024-12-27` (or `2024-12`) moved `years` years on.
    static func shifted(_ text: String, years: Int) -> String {
        guard years != 0, let year = Int(text.prefix(4)) else { return text }
        return "\(year + years)" + text.dropFirst(4)
    }
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}

extension ExampleSchool {
    /// The documents the demo prints: the first class's ledger, its first enterer's blank gradebook, its transcripts.
    ///
    /// Returned as (relative path, HTML) for the command-line layer to write.
    public func sampleDocuments(dataPath: String, osUser: String, osIsRoot: Bool, term: Term) throws(SodiemError) -> [(path: String, html: String)] {
        let invocation = Invocation(dataPath: dataPath, asUser: nil, nowOverride: nil, lockWait: 10, osUser: osUser,
                                    osIsRoot: osIsRoot, commandName: "demo")
        return try Session.with(invocation, mode: .read) { s throws(SodiemError) in
            let year = try s.year(nil)
            guard let className = year.classes.keys.sorted(by: ClassNotation.precedes).first else { return [] }
            var documents: [(path: String, html: String)] = []
            let ledger = try s.classLedger(year, className: className, period: .term(term))
            documents.append(("so-theo-doi-\(className)-hk\(term.rawValue).html", ledger.html()))
            if let teacher = year.assignment("toan", className)?.enterers.first {
                documents.append(("so-trang-\(teacher)-hk\(term.rawValue).html", try s.blankGradebook(year, teacher: teacher, term: term).html()))
            }
            let transcripts = try s.transcripts(year, className: className, coverOnly: false)
            for transcript in transcripts {
                documents.append(("hoc-ba-\(className)/\(transcript.studentID).html", transcript.html()))
            }
            documents.append(("hoc-ba-\(className)/index.html", s.transcriptIndex(year, className: className, transcripts)))
            return documents
        }
    }
}
