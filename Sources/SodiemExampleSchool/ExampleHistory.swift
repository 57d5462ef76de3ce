import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules
import SodiemCore

/// Years of history for the example school (`sodiem demo --years N`), for measuring what grows.
///
/// Each year goes through the same operations the commands use: both terms of sheets, attendance
/// and conduct; both terms locked by the admin; then `year create NEXT --from YEAR --promote
/// --force`, the grade-6 classes the promotion left empty added again, the teaching assignments
/// of phan-cong.csv set for the new year, and a new intake of grade-6 students (the example's
/// grade-6 lists with ids `HS<year>-NNNN`) imported by their homeroom teachers; then the
/// finished year is sealed (`year close`, with its checkpoint).
extension ExampleSchool {
    /// Fills `years` whole school years after `setUp`, then term I of the year after them.
    public func buildHistory(years: Int, dataPath: String, osUser: String, osIsRoot: Bool) throws(SodiemError) -> [Message] {
        var steps: [Message] = []
        for k in 0..<years {
            for term in Term.allCases {
                _ = try fillTerm(term, dataPath: dataPath, osUser: osUser, osIsRoot: osIsRoot, yearsLater: k)
            }
            try lockYear(k, dataPath: dataPath, osUser: osUser, osIsRoot: osIsRoot)
            try startYear(k + 1, dataPath: dataPath, osUser: osUser, osIsRoot: osIsRoot)
            // After the summer's work and the promotion, the finished year is sealed (format 2).
            try Session.with(invocation(dataPath, osUser, osIsRoot, try adminID(), ExampleSchool.shifted("2025-09-15", years: k)), mode: .write) { s throws(SodiemError) in
                _ = try s.closeYear("\(2024 + k)-\(2025 + k)")
            }
        }
        _ = try fillTerm(.first, dataPath: dataPath, osUser: osUser, osIsRoot: osIsRoot, yearsLater: years)
        steps.append(Message(vi: "\(years) năm học đầy đủ (hai học kì, khoá sổ, lên lớp, tuyển sinh lớp 6, niêm phong), rồi học kì I của năm \(2024 + years)-\(2025 + years)",
                             en: "\(years) whole school years (two terms, locked, promoted, a new grade-6 intake, sealed), then term 1 of \(2024 + years)-\(2025 + years)"))
        return steps
    }

    private func invocation(_ dataPath: String, _ osUser: String, _ osIsRoot: Bool, _ acting: String?, _ now: String) -> Invocation {
        Invocation(dataPath: dataPath, asUser: acting, nowOverride: now, lockWait: 10, osUser: osUser, osIsRoot: osIsRoot,
                   commandName: "demo")
    }

    private func facts() throws(SodiemError) -> [String: String] {
        var values: [String: String] = [:]
        for row in try CSVFiles.read(folder.appendingPathComponent("truong.csv")).rows { values[row[field: 0]] = row[field: 1] }
        return values
    }

    /// Both terms of year `k` locked by the admin after the year's work.
    private func lockYear(_ k: Int, dataPath: String, osUser: String, osIsRoot: Bool) throws(SodiemError) {
        let admin = try adminID()
        try Session.with(invocation(dataPath, osUser, osIsRoot, admin, ExampleSchool.shifted("2025-06-15", years: k)), mode: .write) { s throws(SodiemError) in
            for term in Term.allCases { _ = try s.lockTerm(try s.year(nil), term: term, className: nil) }
        }
    }

    private func adminID() throws(SodiemError) -> String? {
        let accounts = try CSVFiles.read(folder.appendingPathComponent("tai-khoan.csv"))
        return accounts.rows.first { $0[field: 2].contains("admin") }?[field: 0]
    }

    /// Year `k` (2024 + k): promoted from the year before, with its classes, assignments and grade-6 intake.
    private func startYear(_ k: Int, dataPath: String, osUser: String, osIsRoot: Bool) throws(SodiemError) {
        let facts = try facts()
        let name = "\(2024 + k)-\(2025 + k)"
        let previous = "\(2023 + k)-\(2024 + k)"
        var terms: [Term: TermDates] = [:]
        for (term, key) in [(Term.first, "hoc_ki_1"), (.second, "hoc_ki_2")] {
            let parts = (facts[key] ?? "").split(separator: ":").map { ExampleSchool.shifted(String($0), years: k) }
            guard parts.count == 2, let start = Day(parts[0]), let end = Day(parts[1]) else {
                throw SodiemError.badData(vi: "truong.csv: \(key) sai dạng.", en: "truong.csv: \(key) is malformed.")
            }
            terms[term] = TermDates(start: start, end: end)
        }
        let classes = try CSVFiles.read(folder.appendingPathComponent("lop.csv"))
        let admin = try adminID()
        try Session.with(invocation(dataPath, osUser, osIsRoot, admin, ExampleSchool.shifted("2025-08-20", years: k - 1)), mode: .write) { s throws(SodiemError) in
            _ = try s.createPromotedYear(name: name, from: previous, terms: terms, current: true, force: true)
            var year = try s.year(name)
            var calendar = year.calendar
            for term in Term.allCases {
                for kind in ["gk", "ck"] {
                    if let day = facts["kiem_tra_\(kind)\(term.rawValue)"].flatMap({ Day(ExampleSchool.shifted($0, years: k)) }) {
                        for grade in 6...9 { calendar.testDates[term, default: [:]][kind, default: [:]]["\(grade)"] = day }
                    }
                }
            }
            _ = try s.setYear(year, calendar: calendar, current: false)
            // The grade-6 classes get the homeroom teachers whose grade-9 class has just left.
            let old = try s.year(previous)
            let taken = Set(try s.year(name).classes.values.compactMap(\.homeroom))
            var free = old.classes.keys.sorted(by: ClassNotation.precedes).compactMap { old.classes[$0]?.homeroom }.filter { !taken.contains($0) }
            for row in classes.rows {
                year = try s.year(name)
                // Every class of lop.csv exists each year (phan-cong.csv names them all), some
                // (7A6, which no grade-6 class feeds) empty; the promoted classes are there already.
                let grade = Int(row[field: 1]) ?? 0
                guard year.classes[row[field: 0]] == nil else { continue }
                let homeroom = free.isEmpty ? nil : free.removeFirst()
                _ = try s.addClass(year, name: row[field: 0], grade: grade, homeroom: homeroom)
            }
            let assignments = try CSVFiles.read(folder.appendingPathComponent("phan-cong.csv"))
            let rows = assignments.rows.map { row in
                Session.AssignmentRow(subject: row[field: 0], classes: row[field: 1],
                                      enterers: row[field: 2].split(separator: ",").map(String.init), lead: row[field: 3],
                                      origin: "phan-cong.csv:\(row.line)")
            }
            _ = try s.assign(try s.year(name), rows: rows)
        }
        // The new intake: the example's grade-6 lists under new ids, imported by each homeroom teacher.
        let privateScratch = try PrivateFolder()  // nobody else can enter or guess it
        defer { privateScratch.remove() }
        let scratch = URL(fileURLWithPath: privateScratch.path)
        let year = try Session.with(invocation(dataPath, osUser, osIsRoot, nil, ExampleSchool.shifted("2025-09-01", years: k - 1)), mode: .read) { s throws(SodiemError) in
            try s.year(name)
        }
        for row in classes.rows where row[field: 1] == "6" {
            let className = row[field: 0]
            guard let text = try? String(contentsOf: folder.appendingPathComponent("hoc-sinh/\(className).csv"), encoding: .utf8) else { continue }
            let renamed = text.replacingOccurrences(of: "\nHS", with: "\nHS\(2024 + k)-")
            let file = scratch.appendingPathComponent("\(className).csv")
            do { try Data(renamed.utf8).write(to: file) } catch {
                throw SodiemError.cannotCreate(Message(vi: "Không ghi được \(file.path).", en: "Cannot write \(file.path)."))
            }
            _ = try Session.with(invocation(dataPath, osUser, osIsRoot, year.classes[className]?.homeroom,
                                            ExampleSchool.shifted("2025-09-10", years: k - 1)), mode: .write) { s throws(SodiemError) in
                try s.importStudents(try s.year(name), className: className, file: file, dryRun: false)
            }
        }
    }
}
