import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules
import SodiemCore

/// The bundled example school (Examples/truong-thcs-song-may): a made-up school shaped like the plan's.
public struct ExampleSchool {
    /// The folder with the example's CSV files.
    public let folder: URL

    /// Uses the example's CSV files in `folder` (`truong.csv`, `lop.csv`, …).
    public init(folder: URL) { self.folder = folder }

    /// Finds the example folder: `$SODIEM_EXAMPLES`, the source tree this build came from, or `./Examples`.
    public static func locate(environment: [String: String], sourceFile: String = #filePath) -> ExampleSchool? {
        var candidates: [URL] = []
        if let path = environment["SODIEM_EXAMPLES"] { candidates.append(URL(fileURLWithPath: path)) }
        var root = URL(fileURLWithPath: sourceFile)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        candidates.append(root.appendingPathComponent("Examples"))
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Examples"))
        for candidate in candidates {
            let folder = candidate.lastPathComponent == "truong-thcs-song-may" ? candidate : candidate.appendingPathComponent("truong-thcs-song-may")
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("truong.csv").path) {
                return ExampleSchool(folder: folder)
            }
        }
        return nil
    }

    /// What the set-up did, step by step, for the demo to show.
    public struct Report: Sendable {
        /// One line per step done, in order (the school, the accounts, the year, …).
        public var steps: [Message] = []
        /// The school year created, `2024-2025`.
        public var year = ""
        /// The classes created, in `lop.csv` order.
        public var classes: [String] = []
        /// How many students were imported, all classes together.
        public var students = 0
        /// The first student of the first class, for the demo's suggestions.
        public var firstStudent: String?
    }

    /// Sets the school up in an empty data directory, acting as each account would.
    public func setUp(dataPath: String, osUser: String, osIsRoot: Bool) throws(SodiemError) -> Report {
        var report = Report()
        let facts = try keyValues("truong.csv")
        func fact(_ key: String) throws(SodiemError) -> String {
            guard let value = facts[key], !value.isEmpty else {
                throw SodiemError.badData(vi: "truong.csv: thiếu \(key).", en: "truong.csv: \(key) is missing.")
            }
            return value
        }
        let accounts = try CSVFiles.read(folder.appendingPathComponent("tai-khoan.csv"))
        let firstAdmin = accounts.rows.first { $0[field: 2].contains("admin") }
        guard let firstAdmin else { throw SodiemError.badData(vi: "tai-khoan.csv: không có quản trị viên.", en: "tai-khoan.csv: no admin.") }
        let adminID = firstAdmin[field: 0]
        let setUpDay = "2024-09-03"
        func invocation(_ acting: String?, _ now: String) -> Invocation {
            Invocation(dataPath: dataPath, asUser: acting, nowOverride: now, lockWait: 10, osUser: osUser, osIsRoot: osIsRoot,
                       commandName: "demo")
        }
        _ = try Bootstrap.initialize(
            invocation(nil, setUpDay),
            school: .init(name: try fact("ten_truong"), ward: facts["xa_phuong"], district: facts["quan_huyen"],
                          province: facts["tinh_thanh"], timeZone: "Asia/Ho_Chi_Minh"),
            admin: osIsRoot ? nil : .init(id: adminID, name: firstAdmin[field: 1]))
        report.steps.append(Message(vi: "Khởi tạo \(try fact("ten_truong"))", en: "Initialised \(try fact("ten_truong"))"))
        let yearName = try fact("nam_hoc")
        try Session.with(invocation(nil, setUpDay), mode: .write) { admin throws(SodiemError) in
        for row in accounts.rows where !(row[field: 0] == adminID && !osIsRoot) {
            let roles = row[field: 2].split(separator: ",").compactMap { Role(rawValue: String($0)) }
            let email = row[field: 3].isEmpty ? nil : row[field: 3]
            _ = try admin.addUser(id: row[field: 0], name: row[field: 1], roles: roles, osUser: nil, email: email)
        }
        report.steps.append(Message(vi: "\(accounts.rows.count) tài khoản (tai-khoan.csv)", en: "\(accounts.rows.count) accounts (tai-khoan.csv)"))
        var terms: [Term: TermDates] = [:]
        for (term, key) in [(Term.first, "hoc_ki_1"), (.second, "hoc_ki_2")] {
            let parts = try fact(key).split(separator: ":")
            guard parts.count == 2, let start = Day(String(parts[0])), let end = Day(String(parts[1])) else {
                throw SodiemError.badData(vi: "truong.csv: \(key) sai dạng.", en: "truong.csv: \(key) is malformed.")
            }
            terms[term] = TermDates(start: start, end: end)
        }
        _ = try admin.createYear(name: yearName, terms: terms, current: true)
        var year = try admin.year(yearName)
        var calendar = year.calendar
        for term in Term.allCases {
            for kind in ["gk", "ck"] {
                if let day = facts["kiem_tra_\(kind)\(term.rawValue)"].flatMap(Day.init) {
                    for grade in 6...9 { calendar.testDates[term, default: [:]][kind, default: [:]]["\(grade)"] = day }
                }
            }
        }
        _ = try admin.setYear(year, calendar: calendar, current: false)
        report.year = yearName
        report.steps.append(Message(vi: "Năm học \(yearName) với lịch học kì và ngày kiểm tra", en: "School year \(yearName) with terms and test dates"))
        let classes = try CSVFiles.read(folder.appendingPathComponent("lop.csv"))
        for row in classes.rows {
            year = try admin.year(yearName)
            _ = try admin.addClass(year, name: row[field: 0], grade: Int(row[field: 1]) ?? 0,
                                   homeroom: row[field: 2].isEmpty ? nil : row[field: 2])
            report.classes.append(row[field: 0])
        }
        report.steps.append(Message(vi: "\(classes.rows.count) lớp (lop.csv)", en: "\(classes.rows.count) classes (lop.csv)"))
        let assignments = try CSVFiles.read(folder.appendingPathComponent("phan-cong.csv"))
        let rows = assignments.rows.map { row in
            Session.AssignmentRow(subject: row[field: 0], classes: row[field: 1],
                                  enterers: row[field: 2].split(separator: ",").map(String.init), lead: row[field: 3],
                                  origin: "phan-cong.csv:\(row.line)")
        }
        _ = try admin.assign(try admin.year(yearName), rows: rows)
        report.steps.append(Message(vi: "Phân công vào điểm: \(rows.count) dòng (phan-cong.csv)", en: "Teaching assignments: \(rows.count) rows (phan-cong.csv)"))
        }
        let homerooms = try Dictionary(uniqueKeysWithValues: CSVFiles.read(folder.appendingPathComponent("lop.csv")).rows.map { ($0[field: 0], $0[field: 2]) })
        // Each homeroom teacher imports their own class, as the plan says.
        for className in report.classes {
            let imported = try Session.with(invocation(homerooms[className], "2024-09-10"), mode: .write) { teacher throws(SodiemError) in
                try teacher.importStudents(try teacher.year(yearName), className: className,
                                           file: folder.appendingPathComponent("hoc-sinh/\(className).csv"), dryRun: false)
            }
            report.students += imported.added.count
            if report.firstStudent == nil { report.firstStudent = imported.added.sorted().first }
        }
        report.steps.append(Message(vi: "\(report.students) học sinh, mỗi lớp do GVCN nhập (hoc-sinh/*.csv)",
                                    en: "\(report.students) students, each class imported by its homeroom teacher (hoc-sinh/*.csv)"))
        return report
    }

    private func keyValues(_ name: String) throws(SodiemError) -> [String: String] {
        let table = try CSVFiles.read(folder.appendingPathComponent(name))
        var values: [String: String] = [:]
        for row in table.rows { values[row[field: 0]] = row[field: 1] }
        return values
    }
}
