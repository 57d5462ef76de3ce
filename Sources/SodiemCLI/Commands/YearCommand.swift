import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem year create|set|show`: school years and their calendars.
enum YearCommand: Command {
    static let spec = CommandSpec(
        "year",
        summary: Message(vi: "Năm học: tạo, đặt lịch, xem", en: "School years: create, set the calendar, show"),
        audience: .office,
        usage: ["year create 2024-2025 [--term1 2024-09-05:2025-01-11 --term2 2025-01-13:2025-05-24] [--current]",
                "year create 2025-2026 --from 2024-2025 --promote [--force] [--term1 … --term2 …] [--current]",
                "year set [2024-2025] [calendar options] [--current]",
                "year show [2024-2025] [--format text|json]",
                "year close 2024-2025"],
        details: Message(vi: """
            Lịch năm học (data.md, "Deadlines"): ngày học kì, hạn khoá, thời hạn sửa, ngày kiểm tra, mốc
            điểm thường xuyên, ngày báo cáo, số tiết. Chưa đặt ngày kiểm tra gk/ck thì không có nhắc
            gk/ck: `year create`, `year set` và `year show` nêu các ngày kiểm tra còn thiếu. Sau mỗi lệnh
            `year`, dòng cuối cho biết năm học nào đang là năm hiện tại (năm các lệnh khác dùng khi không
            có --year); --current đổi năm hiện tại.
            --from CŨ --promote: các lớp của năm mới nhận học sinh của năm cũ theo kết quả: lên lớp → lớp
            cùng tên của khối trên (6A1 → 7A1, cùng giáo viên chủ nhiệm), ở lại lớp → lớp cùng tên, học
            sinh lớp 9 hoàn thành chương trình THCS ra trường. Học sinh chưa xác định được kết quả làm
            dừng lệnh (65, có danh sách), trừ khi có --force: khi đó các em không vào năm mới (xếp lớp sau
            bằng import-students).
            close: niêm phong một năm đã xong (mọi học kì đã khoá): ghi một checkpoint của toàn bộ trạng thái
            và băm của nó vào sự kiện year.close; năm đã niêm phong chỉ còn nhận yêu cầu sửa điểm và quyết
            định duyệt, chữ kí và khen thưởng (77 với mọi việc khác), và `verify` bắt đầu từ checkpoint
            (docs/data-format.md, định dạng 2). Quản trị viên; `year show` cho mọi người.
            """, en: """
            The calendar of the year (data.md, "Deadlines"): term dates, lock delay, edit window, test
            dates, regular checkpoints, reporting dates, periods. Without gk/ck test dates there are
            no gk/ck reminders: `year create`, `year set` and `year show` name the test dates still
            missing. After every `year` command a last line says which year is current (the one
            other commands use without --year); --current switches it.
            --from OLD --promote: the new year's classes hold the old year's students by their
            outcome: lên lớp → the next grade's class of the same name (6A1 → 7A1, with its
            homeroom teacher), ở lại lớp → the class of the same name, grade 9 completers leave.
            Students whose outcome is not determinable yet stop it (65, listed) unless --force,
            which leaves them out of the new year (place them later with import-students).
            close: seals a finished year (all its terms locked): a checkpoint of the whole state is
            written and its hash recorded in a year.close event; the sealed year then accepts only
            correction requests and decisions, signatures and commendations (77 otherwise), and
            `verify` starts from the checkpoint (docs/data-format.md, format 2).
            Admins only; `year show` for everyone.
            """),
        options: [.value("term1", "BẮT-ĐẦU:KẾT-THÚC", "START:END", vi: "ngày học kì 1 (yyyy-mm-dd:yyyy-mm-dd)", en: "the dates of term 1 (yyyy-mm-dd:yyyy-mm-dd)"),
                  .value("term2", "BẮT-ĐẦU:KẾT-THÚC", "START:END", vi: "ngày học kì 2", en: "the dates of term 2"),
                  .value("lock-after-days", "N", vi: "học kì tự khoá N ngày sau khi kết thúc (7)", en: "a term locks by itself N days after it ends (7)"),
                  .value("edit-window-days", "N", vi: "điểm sửa trực tiếp được N ngày sau lần nhập đầu (7)", en: "a score can be changed directly N days after its first entry (7)"),
                  .value("entry-days-after-test", "N", vi: "điểm gk/ck hạn N ngày sau kiểm tra (7)", en: "gk/ck scores are due N days after the test (7)"),
                  .value("checkpoints", "14,28", vi: "các ngày trong tháng đến hạn điểm thường xuyên", en: "days of the month when planned regular scores fall due"),
                  .repeating("test-date", "gk1:6=2024-11-04", vi: "ngày kiểm tra: gk|ck, học kì, khối (hoặc all, hoặc 6/toan) = ngày", en: "a test date: gk|ck, term, grade (or all, or 6/toan) = day"),
                  .repeating("tx-dates", "toan:1=NGÀY,NGÀY", "toan:1=DAY,DAY", vi: "ngày dự kiến điểm thường xuyên của một môn trong học kì", en: "planned tx dates of a subject in a term"),
                  .repeating("reporting", "freeze:TÊN=NGÀY", "freeze:NAME=DAY", vi: "ngày báo cáo (thay cả danh sách)", en: "reporting dates (replace the list)"),
                  .repeating("periods", "cong-nghe:8=52", vi: "số tiết cả năm của môn ở khối (quyết định số cột tx)", en: "periods per year of a subject in a grade (sets its tx columns)"),
                  .value("main-session", "6:chieu,7:chieu", vi: "buổi chính của khối (mặc định sang) để tính buổi nghỉ: mỗi ngày một buổi, ngày nghỉ buổi chính",
                         en: "the grades' main session (sang by default) for counting buổi absent: one a day, the days the main session was missed"),
                  .value("school-days", "mon-fri|mon-sat", vi: "tuần học (mặc định mon-sat): chỉ ghi buổi nghỉ vào ngày học",
                         en: "the school week (mon-sat by default): absences only on school days"),
                  .repeating("holiday", "NGÀY:NGÀY", "DAY:DAY", vi: "ngày nghỉ của trường (hoặc một ngày); không ghi buổi nghỉ vào đó (thêm vào danh sách)",
                             en: "a school holiday (or one day); no absence is recorded on it (adds to the list)"),
                  .flag("current", vi: "đặt năm này làm năm hiện tại", en: "make this year the current one"),
                  .value("from", "NĂM-CŨ", "OLD", vi: "năm học cũ để chuyển học sinh lên", en: "the old year to carry students over from"),
                  .flag("promote", vi: "xếp học sinh năm cũ vào lớp theo kết quả (với --from)", en: "place the old year's students by outcome (with --from)"),
                  .flag("force", vi: "bỏ qua học sinh chưa có kết quả (với --promote)", en: "leave out students without an outcome (with --promote)")],
        positionals: 2,
        examples: ["year create 2024-2025 --term1 2024-09-05:2025-01-11 --term2 2025-01-13:2025-05-24 --current",
                   "year set --test-date gk1:all=2024-11-04 --test-date ck1:all=2024-12-23",
                   "year create 2025-2026 --from 2024-2025 --promote --term1 2025-09-05:2026-01-10 --term2 2026-01-12:2026-05-23 --current"],
        exitCodes: [.bad(vi: "năm đã có, ngày sai, hoặc học sinh chưa có kết quả (--promote)", en: "the year exists, bad dates, or students without an outcome (--promote)"),
                    .missing(vi: "không có năm học này", en: "no such year"),
                    .denied(vi: "không phải quản trị viên", en: "not an admin")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        switch a.positionals.first {
        case "create":
            guard a.positionals.count == 2 else { throw usage() }
            let session = try context.session(.write, walksCheckpoints: true)
            var terms: [Term: TermDates] = [:]
            if let text = a.value("term1") { terms[.first] = try termDates(text, option: "--term1") }
            if let text = a.value("term2") { terms[.second] = try termDates(text, option: "--term2") }
            if a.has("promote") != (a.value("from") != nil) || (a.has("force") && !a.has("promote")) {
                throw SodiemError.usage(Message(vi: "--from NĂM và --promote đi cùng nhau (--force chỉ dùng với chúng). Xem `sodiem help year`.",
                                                en: "--from YEAR and --promote go together (--force only with them). See `sodiem help year`."))
            }
            let event: AuditEvent
            if let from = a.value("from") {
                let (created, plan) = try session.createPromotedYear(name: a.positionals[1], from: from, terms: terms,
                                                                      current: a.has("current"), force: a.has("force"))
                event = created
                context.print(context.text(
                    vi: "Lên lớp: \(plan.promoted.count), ở lại lớp: \(plan.retained.count), hoàn thành chương trình THCS (ra trường): \(plan.completed.count).",
                    en: "Promoted: \(plan.promoted.count), retained: \(plan.retained.count), completed grade 9 (left): \(plan.completed.count)."))
                for move in plan.undetermined {
                    context.note(Message(vi: "Chưa xếp lớp (--force): \(move.student) \(move.name) (\(move.from)): \(move.outcomeWords.vi).",
                                         en: "Not placed (--force): \(move.student) \(move.name) (\(move.from)): \(move.outcomeWords.en)."))
                }
            } else {
                event = try session.createYear(name: a.positionals[1], terms: terms, current: a.has("current"))
            }
            context.print(context.text(vi: "Đã tạo năm học \(a.positionals[1]) — sự kiện #\(event.seq).",
                                       en: "Created the school year \(a.positionals[1]) — event #\(event.seq)."))
            let promoted = event["classes"].object ?? [:]
            if !promoted.isEmpty {
                let count = promoted.values.reduce(0) { $0 + ($1["students"].object?.count ?? 0) }
                context.print(context.text(vi: "\(promoted.count) lớp, \(count) học sinh chuyển lên từ \(a.value("from") ?? "").",
                                           en: "\(Words.count(promoted.count, "class", "classes")), \(Words.count(count, "student")) carried over from \(a.value("from") ?? "")."))
            }
            if let missing = YearNotices.missingTestDates(try session.year(a.positionals[1]).calendar) { context.note(missing) }
            context.print(context.text(YearNotices.currentYear(session.school.currentYear, touched: a.positionals[1])))
        case "set":
            guard a.positionals.count <= 2 else { throw usage() }
            let session = try context.session(.write, walksCheckpoints: true)
            let year = try session.year(a.positionals.count == 2 ? a.positionals[1] : context.requestedYear)
            let calendar = try changedCalendar(year.calendar, a)
            if let event = try session.setYear(year, calendar: calendar, current: a.has("current")) {
                context.print(context.text(vi: "Đã cập nhật năm học \(year.name) — sự kiện #\(event.seq).",
                                           en: "Updated the school year \(year.name) — event #\(event.seq)."))
            } else {
                context.print(context.text(vi: "Không có gì thay đổi.", en: "Nothing changed."))
            }
            if let missing = YearNotices.missingTestDates(calendar) { context.note(missing) }
            context.print(context.text(YearNotices.currentYear(session.school.currentYear, touched: year.name)))
        case "close":
            guard a.positionals.count == 2 else { throw usage() }
            let session = try context.session(.write, walksCheckpoints: true)
            let event = try session.closeYear(a.positionals[1])
            context.print(context.text(
                vi: "Đã niêm phong năm học \(a.positionals[1]) — sự kiện #\(event.seq); checkpoint \(event["checkpoint"]["path"].string ?? "") (\(event["checkpoint"]["files"].int ?? 0) tệp).",
                en: "Sealed the school year \(a.positionals[1]) — event #\(event.seq); checkpoint \(event["checkpoint"]["path"].string ?? "") (\(event["checkpoint"]["files"].int ?? 0) files)."))
            context.print(context.text(YearNotices.currentYear(session.school.currentYear, touched: nil)))
        case "show", nil:
            let session = try context.session(.read, walksCheckpoints: true)
            let year = try session.year(a.positionals.count == 2 ? a.positionals[1] : context.requestedYear)
            try session.require(.everyone)
            show(year, current: session.school.currentYear, context: context, format: try context.format(default: .text, allowed: [.text, .json]))
        default:
            throw usage()
        }
    }

    static func termDates(_ text: String, option: String) throws(SodiemError) -> TermDates {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let start = Day(String(parts[0])), let end = Day(String(parts[1])) else {
            throw SodiemError.usage(Message(vi: "\(option) cần dạng BẮT-ĐẦU:KẾT-THÚC (2024-09-05:2025-01-11), không phải \"\(text)\".",
                                            en: "\(option) takes START:END (2024-09-05:2025-01-11), not \"\(text)\"."))
        }
        return TermDates(start: start, end: end)
    }

    static func changedCalendar(_ original: SchoolCalendar, _ a: Arguments) throws(SodiemError) -> SchoolCalendar {
        var calendar = original
        if let text = a.value("term1") { calendar.terms[.first] = try termDates(text, option: "--term1") }
        if let text = a.value("term2") { calendar.terms[.second] = try termDates(text, option: "--term2") }
        for (option, keyPath) in [("lock-after-days", \SchoolCalendar.lockAfterDays), ("edit-window-days", \.editWindowDays),
                                  ("entry-days-after-test", \.entryDaysAfterTest)] {
            guard let text = a.value(option) else { continue }
            guard let n = Int(text), (0...365).contains(n) else { throw bad("--\(option)", text, "0…365") }
            calendar[keyPath: keyPath] = n
        }
        if let text = a.value("checkpoints") {
            let days = text.split(separator: ",").compactMap { Int($0.trimmingSpaces()) }
            guard !days.isEmpty, days.allSatisfy({ (1...31).contains($0) }) else { throw bad("--checkpoints", text, "14,28") }
            calendar.checkpoints = days.sorted()
        }
        for text in a.values["test-date"] ?? [] {
            // gk1:6=2024-11-04, ck2:all=…, gk1:6/toan=…
            let sides = text.split(separator: "=")
            let left = sides.first.map { $0.split(separator: ":") } ?? []
            guard sides.count == 2, left.count == 2, let day = Day(String(sides[1])), left[0].count == 3,
                  ["gk", "ck"].contains(left[0].prefix(2)), let term = Int(left[0].suffix(1)).flatMap(Term.init(rawValue:))
            else { throw bad("--test-date", text, "gk1:6=2024-11-04") }
            let target = String(left[1])
            let grades = target == "all" ? ["6", "7", "8", "9"] : [target]
            for grade in grades {
                guard let g = Int(grade.split(separator: "/")[0]), (6...9).contains(g) else { throw bad("--test-date", text, "gk1:6=2024-11-04") }
                calendar.testDates[term, default: [:]][String(left[0].prefix(2)), default: [:]][grade] = day
            }
        }
        for text in a.values["tx-dates"] ?? [] {
            let sides = text.split(separator: "=")
            let left = sides.first.map { $0.split(separator: ":") } ?? []
            guard sides.count == 2, left.count == 2, let subject = TT22Catalogue.lookup(String(left[0])),
                  let term = Int(left[1]).flatMap(Term.init(rawValue:)) else { throw bad("--tx-dates", text, "toan:1=2024-09-20,2024-10-18") }
            var days: [Day] = []
            for part in sides[1].split(separator: ",") {
                guard let day = Day(String(part)) else { throw bad("--tx-dates", text, "toan:1=2024-09-20,2024-10-18") }
                days.append(day)
            }
            calendar.regularDates[subject.code, default: [:]][term] = days
        }
        if let entries = a.values["reporting"] {
            calendar.reporting = []
            for text in entries {
                let sides = text.split(separator: "=")
                let left = sides.first.map { $0.split(separator: ":") } ?? []
                guard sides.count == 2, left.count == 2, ["freeze", "send"].contains(left[0]), let day = Day(String(sides[1]))
                else { throw bad("--reporting", text, "freeze:chot-so-lieu-dau-nam=2024-09-30") }
                calendar.reporting.append(ReportingDate(kind: String(left[0]), name: String(left[1]), date: day))
            }
        }
        for text in a.values["periods"] ?? [] {
            let sides = text.split(separator: "=")
            let left = sides.first.map { $0.split(separator: ":") } ?? []
            guard sides.count == 2, left.count == 2, let subject = TT22Catalogue.lookup(String(left[0])),
                  let grade = Int(left[1]), (6...9).contains(grade), let n = Int(sides[1]), (1...400).contains(n)
            else { throw bad("--periods", text, "cong-nghe:8=52") }
            calendar.periods[subject.code, default: [:]][grade] = n
        }
        if let text = a.value("main-session") {
            for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }) {
                let sides = part.split(separator: ":")
                guard sides.count == 2, let grade = Int(sides[0]), (6...9).contains(grade),
                      let session = HomeroomValues.session(String(sides[1])) else { throw bad("--main-session", text, "6:chieu,7:chieu") }
                calendar.mainSessions[grade] = session
            }
            calendar.mainSessions = calendar.mainSessions.filter { $0.value != "sang" }
        }
        if let text = a.value("school-days") {
            guard ["mon-fri", "mon-sat"].contains(text) else { throw bad("--school-days", text, "mon-fri, mon-sat") }
            calendar.schoolDays = text
        }
        for text in a.values["holiday"] ?? [] {
            let parts = text.split(separator: ":")
            guard (1...2).contains(parts.count), let start = Day(String(parts[0])), let end = Day(String(parts[parts.count - 1])),
                  start <= end else { throw bad("--holiday", text, "2025-01-25:2025-02-02") }
            let holiday = TermDates(start: start, end: end)
            if !calendar.holidays.contains(holiday) { calendar.holidays.append(holiday) }
        }
        return calendar
    }

    static func bad(_ option: String, _ text: String, _ example: String) -> SodiemError {
        .usage(Message(vi: "\(option) \"\(text)\" không đúng dạng (ví dụ \(example)).", en: "\(option) \"\(text)\" is malformed (e.g. \(example))."))
    }

    static func show(_ year: YearFile, current: String?, context: Context, format: OutputFormat) {
        let c = year.calendar
        if format == .json {
            context.write(Render.json(.object(["year": .string(year.name), "current": .bool(current == year.name),
                                               "calendar": calendarJSON(year)])))
            return
        }
        var out = context.text(vi: "Năm học \(year.name)\(current == year.name ? " (hiện tại)" : "")\n",
                               en: "School year \(year.name)\(current == year.name ? " (current)" : "")\n")
        for term in Term.allCases {
            if let dates = c.terms[term] {
                out += context.text(vi: "  Học kì \(term.rawValue): \(dates.start.vietnamese) – \(dates.end.vietnamese), khoá sau ngày \(c.lockDate(term)!.vietnamese)\n",
                                    en: "  Term \(term.rawValue): \(dates.start.english) – \(dates.end.english), locks after \(c.lockDate(term)!.english)\n")
                if let lock = year.locks[term], lock.locked || lock.classes.values.contains(true) {
                    out += context.text(vi: "    đã khoá\(lock.locked ? "" : " (một số lớp)")\n", en: "    locked\(lock.locked ? "" : " (some classes)")\n")
                }
            } else {
                out += context.text(vi: "  Học kì \(term.rawValue): chưa đặt ngày\n", en: "  Term \(term.rawValue): dates not set\n")
            }
        }
        out += context.text(vi: "  Sửa trực tiếp trong \(c.editWindowDays) ngày; điểm gk/ck hạn \(c.entryDaysAfterTest) ngày sau kiểm tra; mốc điểm thường xuyên ngày \(c.checkpoints.map(String.init).joined(separator: ", "))\n",
                            en: "  Direct changes within \(c.editWindowDays) days; gk/ck due \(c.entryDaysAfterTest) days after the test; regular checkpoints on days \(c.checkpoints.map(String.init).joined(separator: ", "))\n")
        // One line per test and date, the grades that share it together (gk before ck, as a term runs).
        let l = context.language
        for (term, kinds) in c.testDates.sorted(by: { $0.key < $1.key }) {
            for (kind, byGrade) in kinds.sorted(by: { $0.key > $1.key }) {
                var byDay: [(day: Day, targets: [String])] = []
                for (target, day) in byGrade.sorted(by: { $0.key < $1.key }) {
                    if let index = byDay.firstIndex(where: { $0.day == day && !target.contains("/") && !$0.targets[0].contains("/") }) {
                        byDay[index].targets.append(target)
                    } else { byDay.append((day, [target])) }
                }
                for (day, targets) in byDay.sorted(by: { ($0.day, $0.targets[0]) < ($1.day, $1.targets[0]) }) {
                    let whom = targets.count == 1 ? Words.testTarget(targets[0], l)
                        : context.text(vi: "khối ", en: "grades ") + targets.joined(separator: ", ")
                    out += context.text(vi: "  Kiểm tra \(kind) (\(Words.test(kind, l))) học kì \(term.rawValue), \(whom): \(day.vietnamese)\n",
                                        en: "  Test \(kind) (\(Words.test(kind, l))), term \(term.rawValue), \(whom): \(day.english)\n")
                }
            }
        }
        for r in c.reporting {
            // A freeze is done with `snapshot --name`: its name is printed as the command to type.
            let command = r.kind == "freeze" ? " (`sodiem snapshot --name \(r.name)`)" : ""
            out += context.text(vi: "  Báo cáo (\(Words.reportingKind(r.kind, l))): \(Words.reporting(r.name, l)), \(r.date.vietnamese)\(command)\n",
                                en: "  Reporting (\(Words.reportingKind(r.kind, l))): \(Words.reporting(r.name, l)), \(r.date.english)\(command)\n")
        }
        let sessions = (6...9).map { "\(context.text(vi: "khối", en: "grade")) \($0): \(Words.session(c.mainSession(grade: $0), context.language))" }
            .joined(separator: ", ")
        out += context.text(vi: "  Buổi chính (tính buổi nghỉ): \(sessions)\n", en: "  Main session (counting half-days absent): \(sessions)\n")
        out += context.text(vi: "  Tuần học: ", en: "  School week: ") + Words.schoolWeek(c.schoolDays ?? "mon-sat", context.language) + "\n"
        for h in c.holidays {
            out += context.text(vi: "  Ngày nghỉ: ", en: "  Holiday: ") + Words.span(h.start, h.end, context.language) + "\n"
        }
        if let missing = YearNotices.missingTestDates(c) { out += "  " + context.text(missing) + "\n" }
        out += context.text(vi: "  \(year.classes.count) lớp, \(year.studentIndex.count) học sinh\n",
                            en: "  \(Words.count(year.classes.count, "class", "classes")), \(Words.count(year.studentIndex.count, "student"))\n")
        out += context.text(YearNotices.currentYear(current, touched: year.name)) + "\n"
        context.write(out)
    }

    static func calendarJSON(_ year: YearFile) -> JSON {
        YearFile.publicCalendarJSON(year)
    }

    static func usage() -> SodiemError {
        .usage(Message(vi: "Dùng: sodiem year create NĂM … | year set … | year show. Xem `sodiem help year`.",
                       en: "Use: sodiem year create YEAR … | year set … | year show. See `sodiem help year`."))
    }
}
