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
        usage: ["demo [--data DIR] [--terms 0|1|2]"],
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
        options: [.value("terms", "0|1|2", vi: "số học kì có điểm mẫu (mặc định 1)", en: "how many terms of made-up scores (default 1)")],
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
        let started = Date()
        var report = try example.setUp(dataPath: path, osUser: context.invocation.osUser, osIsRoot: context.invocation.osIsRoot)
        for term in Term.allCases.prefix(termCount) {
            report.steps.append(try example.fillTerm(term, dataPath: path, osUser: context.invocation.osUser,
                                                     osIsRoot: context.invocation.osIsRoot))
        }
        _ = manager.createFile(atPath: folder.appendingPathComponent(marker).path, contents: Data("sodiem demo\n".utf8))
        // Printouts go beside the data, in ban-in/ (printouts), as a school office would keep them.
        let printed = folder.appendingPathComponent("ban-in")
        var paths: [String] = []
        if termCount > 0 {
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
        let d = path.contains(" ") ? "\"\(path)\"" : path
        context.print(context.text(vi: "Thử:", en: "Try:"))
        context.print("  sodiem --data \(d) class list")
        context.print("  sodiem --data \(d) students --class 6A1")
        context.print("  sodiem --data \(d) assignments --class 6A1")
        context.print("  sodiem --data \(d) results --class 6A1 --term 1")
        context.print("  sodiem --data \(d) explain --student \(report.firstStudent ?? "HS0001") --term 1")
        context.print("  sodiem --data \(d) log --class 6A1")
        context.print("  sodiem --data \(d) verify")
        context.print(context.text(vi: "Sổ tính Excel (Examples/xlsx, docs/spreadsheets.md):", en: "Excel workbooks (Examples/xlsx, docs/spreadsheets.md):"))
        context.print("  sodiem --data \(d) --as gv.long01 print-ledger --class 6A1 --subject toan --term 1 --out toan-6A1.xlsx")
        context.print("  sodiem --data \(d) --as gv.long01 enter-score --class 6A1 --subject toan --term 1 --file toan-6A1.xlsx --dry-run")
        context.print("  sodiem --data \(d) students --class 6A1 --out 6A1.xlsx")
        context.print("  sodiem --data \(d) --as gv.long01 import-students --class 6A1 --file Examples/xlsx/csdl-nganh-6A1.xlsx --map Examples/xlsx/csdl-nganh.map --dry-run")
    }
}
