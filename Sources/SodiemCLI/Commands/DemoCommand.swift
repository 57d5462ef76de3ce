import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem demo`: sets up the bundled example school in a fresh directory.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        "demo",
        summary: Message(vi: "Dựng trường mẫu (Examples/) trong một thư mục mới", en: "Set up the example school (Examples/) in a fresh directory"),
        audience: .everyone,
        usage: ["demo [--data DIR] [--terms 0|1|2]", "demo [--data DIR] --years N"],
        details: Message(vi: """
            Dựng trường mẫu (hư cấu) Examples/truong-thcs-song-may trong THƯ-MỤC (mặc định ./sodiem-demo):
            tài khoản, lịch năm học 2024-2025, 20 lớp, phân công theo cách viết gọn của trường, và khoảng
            800 học sinh do giáo viên chủ nhiệm nhập từng lớp; rồi --terms (mặc định 1) học kì điểm hư
            cấu do giáo viên được phân công nhập từng bảng, cùng chuyên cần và rèn luyện do giáo viên chủ
            nhiệm ghi. THƯ-MỤC phải chưa có, trống, hoặc chứa bản demo trước (sẽ bị thay). Sau đó thử các
            lệnh nó in ra.
            """, en: """
            Builds the made-up example school of Examples/truong-thcs-song-may in DIR (default
            ./sodiem-demo): accounts, the 2024-2025 calendar, 20 classes, the teaching assignments
            in the school's compact notation, and about 800 students imported class by class by
            their homeroom teachers; then --terms (default 1) terms of made-up scores entered sheet
            by sheet by the assigned teachers, with attendance and conduct by the homeroom teachers.
            DIR must not exist, be empty, or hold an earlier demo (which is replaced). Then try
            the commands it prints.
            """),
        options: [.value("terms", "0|1|2", vi: "số học kì có điểm mẫu (mặc định 1)", en: "how many terms of made-up scores (default 1)"),
                  .value("years", "N", vi: "cho đo hiệu năng: N năm học trọn vẹn (lên lớp, tuyển sinh lớp 6) rồi học kì I năm sau (docs/commands/demo.md)",
                         en: "for benchmarks: N whole school years (promotion, a grade-6 intake), then term 1 of the next (docs/commands/demo.md)")],
        examples: ["demo", "--data sodiem-demo students --class 6A1"],
        exitCodes: [.cannotWrite(vi: "thư mục không trống và không phải bản demo", en: "the directory is not empty and not a demo")]
            + ExitCodeDeclaration.session)

    static let marker = ".sodiem-demo"

    static func run(_ context: Context) throws(SodiemError) {
        let path = context.arguments.value("data") ?? "sodiem-demo"
        let folder = URL(fileURLWithPath: path)
        let manager = FileManager.default
        if let contents = try? manager.contentsOfDirectory(atPath: folder.path), !contents.isEmpty {
            guard contents.contains(marker) else {
                throw SodiemError.cannotCreate(Message(
                    vi: "\(path) đã có dữ liệu không phải của demo; chọn thư mục khác bằng --data.",
                    en: "\(path) holds data that is not an earlier demo; choose another folder with --data."))
            }
            do { try manager.removeItem(at: folder) } catch {
                throw SodiemError.cannotCreate(Message(vi: "Không xoá được demo cũ \(path).", en: "Cannot remove the earlier demo \(path)."))
            }
        }
        guard let example = ExampleSchool.locate(environment: ProcessInfo.processInfo.environment) else {
            throw SodiemError.notFound(Message(vi: "Không tìm thấy thư mục Examples/ (đặt SODIEM_EXAMPLES).",
                                               en: "Cannot find the Examples/ folder (set SODIEM_EXAMPLES)."))
        }
        let terms = context.arguments.value("terms") ?? "1"
        guard let termCount = Int(terms), (0...2).contains(termCount) else {
            throw SodiemError.usage(Message(vi: "--terms nhận 0, 1 hoặc 2.", en: "--terms takes 0, 1 or 2."))
        }
        // For the benchmarks (docs/commands/demo.md): N whole years of history, then a term.
        var years = 0
        if let text = context.arguments.value("years") {
            guard let n = Int(text), (0...20).contains(n) else {
                throw SodiemError.usage(Message(vi: "--years nhận 0 đến 20.", en: "--years takes 0 to 20."))
            }
            years = n
        }
        let started = Date()
        var report = try example.setUp(dataPath: path, osUser: context.invocation.osUser, osIsRoot: context.invocation.osIsRoot)
        if context.arguments.value("years") != nil {
            report.steps += try example.buildHistory(years: years, dataPath: path, osUser: context.invocation.osUser,
                                                     osIsRoot: context.invocation.osIsRoot)
        } else {
            for term in Term.allCases.prefix(termCount) {
                report.steps.append(try example.fillTerm(term, dataPath: path, osUser: context.invocation.osUser,
                                                         osIsRoot: context.invocation.osIsRoot))
                if let cases = try example.specialCases(after: term, dataPath: path, osUser: context.invocation.osUser,
                                                        osIsRoot: context.invocation.osIsRoot) {
                    report.steps.append(cases)
                }
            }
        }
        _ = manager.createFile(atPath: folder.appendingPathComponent(marker).path, contents: Data("sodiem demo\n".utf8))
        // Printouts go beside the data, in ban-in/ (printouts), as a school office would keep them.
        let printed = folder.appendingPathComponent("ban-in")
        var paths: [String] = []
        if termCount > 0 && context.arguments.value("years") == nil {
            let documents = try example.sampleDocuments(dataPath: path, osUser: context.invocation.osUser,
                                                        osIsRoot: context.invocation.osIsRoot, term: .first)
            for document in documents {
                let url = printed.appendingPathComponent(document.path)
                do { try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
                    throw SodiemError.cannotCreate(Message(vi: "Không tạo được \(url.deletingLastPathComponent().path).",
                                                           en: "Cannot create \(url.deletingLastPathComponent().path)."))
                }
                try context.writeFile(url, Data(document.html.utf8))
                if !document.path.contains("/") || document.path.hasSuffix("index.html") { paths.append(url.path) }
            }
        }
        context.print(context.text(vi: "Trường mẫu đã sẵn sàng trong \(path) (\(String(format: "%.1f", Date().timeIntervalSince(started))) giây):",
                                   en: "The example school is ready in \(path) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s):"))
        for step in report.steps { context.print("  • " + context.text(step)) }
        if !paths.isEmpty {
            context.print(context.text(vi: "Bản in (HTML khổ A4, mở bằng trình duyệt rồi In):", en: "Printouts (A4 HTML: open in a browser and print):"))
            for printedPath in paths { context.print("  \(printedPath)") }
        }
        // The sample workbooks travel with the demo, so the try list runs wherever the demo was
        // made, not only inside the source tree (docs/commands/demo.md).
        let samples = folder.appendingPathComponent(samplesFolder)
        let workbooks = example.folder.deletingLastPathComponent().appendingPathComponent("xlsx")
        for name in sampleFiles {
            let source = workbooks.appendingPathComponent(name)
            guard let bytes = manager.contents(atPath: source.path) else {
                throw SodiemError.notFound(Message(vi: "Không tìm thấy tệp mẫu \(source.path).", en: "Cannot find the sample file \(source.path)."))
            }
            do { try manager.createDirectory(at: samples, withIntermediateDirectories: true) } catch {
                throw SodiemError.cannotCreate(Message(vi: "Không tạo được \(samples.path).", en: "Cannot create \(samples.path)."))
            }
            try context.writeFile(samples.appendingPathComponent(name), bytes)
        }
        let d = path.contains(" ") ? "\"\(path)\"" : path
        context.print(context.text(vi: "Thử (mỗi việc chính một lệnh, chạy được như in ra từ thư mục này):",
                                   en: "Try (one command per main task, runnable as printed from this folder):"))
        for line in try tryList(context, data: d, path: path, terms: termCount, firstStudent: report.firstStudent) { context.print("  " + line) }
    }

    /// The folder of the demo that holds copies of the sample workbooks of `Examples/xlsx`.
    static let samplesFolder = "mau"
    /// The sample workbooks the try list reads: a student list from the sector database and its
    /// column map, a whole-school workbook (a sheet per class), a vnEdu-style summary and its map.
    static let sampleFiles = ["csdl-nganh-6A1.xlsx", "csdl-nganh.map", "hoc-sinh-truong.xlsx", "vnedu-tong-hop-hk1.xlsx", "vnedu.map"]

    /// The demo's suggestions: enter a score, print a ledger to PDF, request and approve a
    /// correction, remind, then look around (issue 16 item 10). The example school's own
    /// accounts act (`--as`), at a date inside the term where the clock matters (`SODIEM_NOW`).
    static func tryList(_ context: Context, data d: String, path: String, terms: Int, firstStudent: String?) throws(SodiemError) -> [String] {
        let (teacher, principal, className, subject) = ("gv.long01", "ht.phuc", "6A1", "toan")
        // The first student of 6A1's list with a term-I mid-term score, and a value that score does not have.
        var student = firstStudent ?? "HS0001"
        var fixTo: String?
        if terms > 0 {
            // The demo's folder, which is not the default data directory when --data is not given.
            var invocation = context.invocation
            invocation.dataPath = path
            let session = try Session(invocation, mode: .read)
            let year = try session.year(nil)
            let sheet = try session.subjectSheet(year, className: className, subject: subject, term: "1")
            // The first with a mid-term score of their own (a student who joined in term II has none).
            if let row = sheet.rows.first(where: { if case .score? = $0.marks.midTerm { true } else { false } }) ?? sheet.rows.first {
                student = row.id
                if let gk = row.marks.midTerm { fixTo = gk.printed == "8,0" ? "7,5" : "8,0" }
            }
        }
        let out = path.hasSuffix("/") ? path : path + "/"
        let quotedOut = out.contains(" ") ? "\"\(out)" : out
        func close(_ text: String) -> String { out.contains(" ") ? text + "\"" : text }
        let sodiem = "sodiem --data \(d)"
        var lines: [String] = []
        func task(_ vi: String, _ en: String) { lines.append("# " + context.text(vi: vi, en: en)) }
        // Term II is empty after the default demo: a missing score may be entered while it is open.
        let (entryTerm, entryDay) = terms < 2 ? (terms == 0 ? 1 : 2, terms == 0 ? "2024-10-15" : "2025-02-20") : (0, "")
        if entryTerm > 0 {
            task("Nhập một điểm (giáo viên Toán của \(className)):", "Enter a score (the maths teacher of \(className)):")
            lines.append("SODIEM_NOW=\(entryDay) \(sodiem) --as \(teacher) enter-score --class \(className) --subject \(subject) --term \(entryTerm) --student \(student) --column tx1 --score 8,5")
        }
        task("In sổ theo dõi và đánh giá của lớp \(className) ra PDF:", "Print the class ledger of \(className) to PDF:")
        lines.append("\(sodiem) print-ledger --class \(className) --term 1 --out \(close(quotedOut + "so-\(className)-hk1.pdf"))")
        if let fixTo {
            task("Đề nghị sửa một điểm, rồi hiệu trưởng duyệt:", "Request the correction of a score, then the principal approves it:")
            lines.append("\(sodiem) --as \(teacher) request-fix --class \(className) --subject \(subject) --term 1 --student \(student) --column gk --to \(fixTo) --reason \"Cộng nhầm điểm\"")
            lines.append("\(sodiem) --as \(principal) approve-fix 1")
            lines.append("\(sodiem) print-fix-record 1 --out \(close(quotedOut + "bien-ban-1.html"))")
        }
        task("Nhắc việc quá hạn và sắp đến hạn:", "Remind what is overdue or due soon:")
        lines.append("\(sodiem) remind --date 2024-10-31")
        task("Xem:", "Look around:")
        lines.append("\(sodiem) students --class \(className)")
        lines.append("\(sodiem) results --class \(className) --term 1")
        lines.append("\(sodiem) explain --student \(student) --term 1")
        lines.append("\(sodiem) log --class \(className)")
        lines.append("\(sodiem) verify")
        // Workbooks (docs/spreadsheets.md): written into the demo's folder, read from its copies of Examples/xlsx.
        task("Sổ tính Excel (docs/spreadsheets.md): bảng điểm môn ra .xlsx và đọc lại; danh sách lớp; nhập thử từ CSDL ngành, sổ tính cả trường và bảng tổng hợp kiểu vnEdu:",
             "Excel workbooks (docs/spreadsheets.md): a subject sheet to .xlsx and back; a class list; dry-run imports of a sector-database list, a whole-school workbook and a vnEdu-style summary:")
        let workbook = close(quotedOut + "toan-\(className).xlsx")
        lines.append("\(sodiem) --as \(teacher) print-ledger --class \(className) --subject \(subject) --term 1 --out \(workbook)")
        lines.append("\(sodiem) --as \(teacher) enter-score --class \(className) --subject \(subject) --term 1 --file \(workbook) --dry-run")
        lines.append("\(sodiem) students --class \(className) --out \(close(quotedOut + "\(className).xlsx"))")
        let sample = { (index: Int) in close(quotedOut + samplesFolder + "/" + sampleFiles[index]) }
        lines.append("\(sodiem) --as \(teacher) import-students --class \(className) --file \(sample(0)) --map \(sample(1)) --dry-run")
        lines.append("\(sodiem) import-students --file \(sample(2)) --dry-run")
        lines.append("\(sodiem) import-students --file \(sample(3)) --map \(sample(4)) --dry-run")
        return lines
    }
}
