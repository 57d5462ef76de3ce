import Foundation
import Testing

/// docs/commands against what the built binary's `help` prints (issue 16 item 8): a page for
/// every command `sodiem help` lists and a command for every page; every option help shows is
/// on the page, and every option the page names is one help shows, in both languages.
@Suite("docs/commands pages against the binary's help")
struct CommandPagesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The commands of `sodiem help`: the indented `  name  summary` lines of its groups.
    static func commands(_ overview: String) -> [String] {
        overview.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.dropFirst(2).prefix { $0 != " " }
            return name.first?.isLetter == true && name.allSatisfy { $0.isLowercase || $0 == "-" } ? String(name) : nil
        }
    }

    /// The options a command's help declares: its own ("Options:") and the global ones.
    static func options(_ help: String) -> (own: Set<String>, global: Set<String>) {
        var own: Set<String> = [], global: Set<String> = [], inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "Options:" || line == "Tuỳ chọn:" { inOptions = true; continue }
            if inOptions {
                guard line.hasPrefix("  --") else { inOptions = false; continue }
                own.insert(String(line.dropFirst(4).prefix { $0.isLetter || $0.isNumber || $0 == "-" }))
            }
            if line.hasPrefix("Global options:") || line.hasPrefix("Tuỳ chọn chung:") {
                global.formUnion(named(in: String(line)))
            }
        }
        return (own, global)
    }

    /// The `--option` names in a text, where an option can start (after a space, a bracket, a quote…).
    static func named(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "--") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard before.map({ " [`(|,\n".contains($0) }) ?? true else { continue }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if let first = name.first, first.isLetter { found.append(String(name)) }
        }
        return found
    }

    @Test("every command has a page and every page a command; the options of help and page agree both ways, in both languages",
          arguments: ["en", "vi"])
    func pagesMatchHelp(language: String) throws {
        let s = Sodiem()
        let environment = ["SODIEM_LANG": language]
        let overview = s.runAsTyped(["help"], environment: environment)
        try #require(overview.status == 0, "\(overview)")
        let commands = Self.commands(overview.stdout)
        #expect(commands.count >= 35 && commands.contains("enter-score") && commands.contains("print-ledger"), "\(commands)")
        let folder = Self.repository.appendingPathComponent("docs/commands")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }
        for command in commands where command != "help" {
            #expect(pages.contains(command), "sodiem help lists \(command) but docs/commands/\(command).md is missing")
        }
        var helpOptions: [String: Set<String>] = [:]
        for name in Set(commands + pages) {
            let help = s.runAsTyped(["help", name], environment: environment)
            guard help.status == 0 else {
                Issue.record("docs/commands/\(name).md documents a command `sodiem help \(name)` does not know: \(help)")
                continue
            }
            let options = Self.options(help.stdout)
            #expect(options.global.isSuperset(of: ["data", "as", "year", "format", "out", "help"]), "\(name): \(help.stdout)")
            helpOptions[name] = options.own.union(options.global)
            guard pages.contains(name) else { continue }
            let page = try String(contentsOf: folder.appendingPathComponent(name + ".md"), encoding: .utf8)
            for option in options.own.sorted() where !page.contains("--\(option)") {
                Issue.record("`sodiem help \(name)` shows --\(option); docs/commands/\(name).md never mentions it")
            }
        }
        // The reverse: an option a page names is one its command's help shows, or one of another
        // command named on the same line; lines that run another program name that program's options.
        for name in pages {
            guard let own = helpOptions[name] else { continue }
            let page = try String(contentsOf: folder.appendingPathComponent(name + ".md"), encoding: .utf8)
            for line in page.split(separator: "\n", omittingEmptySubsequences: false)
            where !["chromium", "unzip ", "openssl ", "pdfsig ", "install -d"].contains(where: { line.contains($0) }) {
                for option in Self.named(in: String(line)) where !own.contains(option) {
                    let other = helpOptions.contains { line.contains($0.key) && $0.value.contains(option) }
                    #expect(other, "docs/commands/\(name).md names --\(option), which `sodiem help \(name)` does not show: \(line)")
                }
            }
        }
    }

    @Test("the pages issue 16 found stale stay right: print-ledger's ledger, blank gradebook and HTML; import-students' M/F/Male; the README's test dates",
          .enabled(if: Sodiem.isRoot, "SODIEM_NOW and --as need root"))
    func stalePagesStayFixed() throws {
        let folder = Self.repository.appendingPathComponent("docs/commands")
        let ledger = try String(contentsOf: folder.appendingPathComponent("print-ledger.md"), encoding: .utf8)
        #expect(!ledger.contains("not in this build") && ledger.contains("--blank"), "\(ledger)")
        let students = try String(contentsOf: folder.appendingPathComponent("import-students.md"), encoding: .utf8)
        #expect(students.contains("Male") && students.contains("M"), "\(students)")
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("year set --test-date"))
        // What the pages promise, the binary does: M, F and Male are read as sexes (not refused).
        let s = Sodiem.smallSchool()
        let sheet = s.file("gioi.csv", "ma_hs,ho_ten,gioi_tinh\nC1,Lý Văn Khoa,M\nC2,Lý Thị Lan,F\nC3,Lý Văn Minh,Male\n")
        let imported = s.run(["import-students", "--class", "6A1", "--file", sheet, "--dry-run"], as: "cn.6a1", now: "2024-09-12")
        #expect(imported.status == 0 && imported.stdout.contains("3 added"), "\(imported)")
        // The ledger, the blank gradebook and HTML all print.
        s.run(["assign", "--subject", "ngu-van", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan"], as: "ad", now: "2024-09-12")
        let out = s.folder.appendingPathComponent("so.html").path, blank = s.folder.appendingPathComponent("trang.html").path
        #expect(s.run(["print-ledger", "--class", "6A1", "--term", "1", "--out", out], as: "ad", now: "2024-10-01").status == 0)
        #expect(s.run(["print-ledger", "--teacher", "gv.toan", "--blank", "--term", "1", "--out", blank], as: "gv.toan", now: "2024-10-01").status == 0)
        #expect(FileManager.default.fileExists(atPath: out) && FileManager.default.fileExists(atPath: blank))
    }
}
