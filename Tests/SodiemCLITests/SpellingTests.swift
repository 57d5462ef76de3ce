import Foundation
import Testing
import SodiemBasics
import SodiemStore
import SodiemCore
@testable import SodiemCLI

/// Errors by situation (issue 15 item 4): the libraries name no command and no option, the
/// CLI's one catalogue (`Spelling`) writes them, and every spelling it writes is a command line
/// the declarations accept.
@Suite struct SpellingTests {
    /// Every command's name (the first word of `user add` is `user`).
    static let commandNames = Set(allCommands.map { $0.spec.name })

    /// What a string literal of Core or Store must not hold: `sodiem` and a command, a command
    /// in backticks, a command with a hyphen on its own, an option (`--reason`).
    static func commandLineWords(in literal: String) -> [String] {
        var found: [String] = []
        let names = commandNames.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let hyphenated = commandNames.filter { $0.contains("-") }.sorted { $0.count > $1.count }
            .map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let patterns = [#"sodiem ("# + names + #")(?![\w-])"#, #"`("# + names + #")(?![\w-])"#,
                        #"(?<![\w-])("# + hyphenated + #")(?![\w-])"#, #"(?<![\w-])--[a-z][a-z0-9-]*"#]
        for pattern in patterns {
            let expression = try! NSRegularExpression(pattern: pattern)
            for match in expression.matches(in: literal, range: NSRange(literal.startIndex..., in: literal)) {
                if let range = Range(match.range, in: literal) { found.append(String(literal[range])) }
            }
        }
        return found
    }

    /// The string literals of a line of code (none in a comment).
    static func literals(_ line: Substring) -> [String] {
        let code = line.trimmingCharacters(in: .whitespaces)
        guard !code.hasPrefix("//") else { return [] }
        let expression = try! NSRegularExpression(pattern: #""(?:[^"\\]|\\.)*""#)
        let text = String(line)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }

    /// Literals that are not messages and are left as they are: one option of another program's
    /// command line (Chromium's, `groupadd`'s), or of the wrapper's own that `SystemInstall` reads
    /// (`--pass-env`); and the witness mail's line that says how to check it (a file's content,
    /// written once a day, not a message).
    static func isExempt(_ literal: String) -> Bool {
        literal.range(of: #"^"--[a-z][a-z-]*=?"$"#, options: .regularExpression) != nil
            || literal.hasPrefix("\"# seq hash (sodiem verify --witness FILE)")
    }

    /// The findings of the scan over one folder of the sources.
    static func commandLineWords(under folder: String) throws -> (found: [String], files: Int) {
        let root = DeclaredOptionsTests.repository.appendingPathComponent(folder)
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        var found: [String] = []
        var files = 0
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            files += 1
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for literal in literals(line) where !isExempt(literal) {
                    for word in commandLineWords(in: literal) { found.append("\(folder)/\(path):\(number + 1): \(word)") }
                }
            }
        }
        return (found, files)
    }

    /// The libraries whose messages reach the user through the CLI. Documents is not among them:
    /// its text is printed on paper, where a line for the admins may name the command to run.
    static let libraries = ["Sources/SodiemFormats", "Sources/SodiemModel", "Sources/SodiemRules", "Sources/SodiemStore", "Sources/SodiemCore"]

    @Test func librariesNameNoCommandAndNoOption() throws {
        for folder in Self.libraries {
            let (found, files) = try Self.commandLineWords(under: folder)
            #expect(files > 4, "\(folder): the scan read \(files) files")
            #expect(found.isEmpty, "\(found.count) command-line words: use \\(run:), \\(command:) or \\(option:)\n\(found.joined(separator: "\n"))")
        }
    }

    @Test func theScanFindsWhatItLooksFor() {
        // Each kind the scan is for, as it was written before the catalogue.
        #expect(Self.commandLineWords(in: #""Xem `sodiem user list`.""#) == ["sodiem user"])
        #expect(Self.commandLineWords(in: #""`init` needs a school""#) == ["`init"])
        #expect(Self.commandLineWords(in: #""(unlock the term first: unlock-term)""#) == ["unlock-term"])
        #expect(Self.commandLineWords(in: #""A correction request needs --reason.""#) == ["--reason"])
        #expect(Self.commandLineWords(in: #""Xem `\(run: .listAccounts)`; \(option: .reason)""#).isEmpty)
        #expect(Self.isExempt(#""--headless""#) && !Self.isExempt(#""--reason cần lí do""#))
    }

    /// One of every next step, so that a new case fails to compile here until it is spelled and checked.
    static func sample(_ step: NextStep) -> NextStep {
        switch step {
        case .initialise, .initialiseAsFirstAdmin, .registerOSUser, .listAccounts, .createCurrentYear, .showYears, .changeYear,
             .setTermDates, .widenEditWindow, .changeSchoolDays, .listClasses, .addClass, .listStudents, .assignmentsOfClass,
             .assignmentsOfTeacher, .assign, .listFixes, .requestFix, .requestFixInClass, .requestFixOfScore, .rejectFix, .lockTerm,
             .reopenAttendance, .makeSnapshot, .verify, .restore, .restoreIntoNewDirectory, .checkInstall, .install,
             .buildStaticBinary, .installReleaseBuild:
            return step
        }
    }

    static let steps: [NextStep] = [
        .initialise, .initialiseAsFirstAdmin, .registerOSUser(osUser: "gv01"), .listAccounts, .createCurrentYear, .showYears,
        .changeYear, .setTermDates(term: 1), .setTermDates(term: 2), .widenEditWindow, .changeSchoolDays, .listClasses, .addClass,
        .listStudents(className: "6A1"), .listStudents(className: nil), .assignmentsOfClass(className: "6A1"),
        .assignmentsOfTeacher(teacher: "gv01"), .assign, .listFixes, .requestFix, .requestFixInClass(className: "6A2"),
        .requestFixOfScore(className: "6A1", subject: "toan", term: 1, student: "HS0001", column: "GK", value: "8.5", clearing: false),
        .requestFixOfScore(className: "6A1", subject: "toan", term: 1, student: "HS0001", column: "GK", value: nil, clearing: true),
        .requestFixOfScore(className: "6A1", subject: "toan", term: 2, student: nil, column: nil, value: nil, clearing: false),
        .rejectFix(id: 3), .lockTerm(term: 1), .reopenAttendance(className: "6A1", month: "2024-10"), .makeSnapshot(name: "ky1"),
        .verify, .restore, .restoreIntoNewDirectory, .checkInstall, .install, .buildStaticBinary, .installReleaseBuild,
    ].map(sample)

    @Test func everyNextStepIsACommandLineTheDeclarationsAccept() {
        for step in Self.steps {
            for language in DeclaredOptionsTests.languages {
                let line = Spelling.line(step, language)
                // Two steps are not sodiem's: building it, and running the release build's install.
                if case .buildStaticBinary = step { #expect(line.hasPrefix("swift build ")); continue }
                if case .installReleaseBuild = step { #expect(line.hasSuffix(" install")); continue }
                let words = line.split(separator: " ").map(String.init)
                let start = words.first == "sudo" ? 1 : 0
                #expect(words.count > start + 1 && words[start] == "sodiem", "\(step): \(line)")
                guard words.count > start + 1,
                      let command = allCommands.first(where: { $0.spec.name == words[start + 1] }) else {
                    Issue.record("\(step): `\(line)` names no command"); continue
                }
                for option in DeclaredOptionsTests.optionsNamed(in: line) {
                    #expect(DeclaredOptionsTests.accepted(command.spec).contains(option), "\(step): `\(line)`: \(command.spec.name) has no --\(option)")
                }
            }
        }
    }

    @Test func everyCommandAndOptionNamedIsDeclared() {
        for command in CommandName.allCases {
            let first = Spelling.name(command).split(separator: " ").first.map(String.init) ?? ""
            #expect(Self.commandNames.contains(first), "\(command): \(Spelling.name(command)) is no command")
        }
        let declared = Set(allCommands.flatMap { DeclaredOptionsTests.accepted($0.spec) })
        for option in OptionName.allCases {
            #expect(declared.contains(Spelling.name(option)), "\(option): no command declares --\(Spelling.name(option))")
        }
        #expect(Spelling.name(.acting) == "as" && Spelling.name(.className) == "class" && Spelling.name(.witnessTo) == "witness-to")
    }

    @Test func referencesAreSpelledWhereTheMessageIsShown() {
        let message = Message(vi: "Xem `\(run: .listStudents(className: "6A1"))`; \(option: .reason) cho \(command: .requestFix).",
                              en: "See `\(run: .listStudents(className: "6A1"))`; \(option: .reason) for \(command: .requestFix).")
        #expect(Spelling.text(message, .vietnamese) == "Xem `sodiem students --class 6A1`; --reason cho request-fix.")
        #expect(Spelling.text(message, .english) == "See `sodiem students --class 6A1`; --reason for request-fix.")
        // Joined messages keep their references; a marker that holds no reference is dropped.
        let joined = Message(vi: "a:", en: "a:") + message
        #expect(Spelling.text(joined, .english) == "a: See `sodiem students --class 6A1`; --reason for request-fix.")
        #expect(Spelling.text(Message(vi: "x\u{E000}not base64\u{E001}y", en: ""), .vietnamese) == "xy")
        // A well-formed token inside a value (a spreadsheet's cell) lacks this process's nonce: dropped, not spelled.
        let real = Reference.step(.listAccounts).token
        let forged = "\u{E000}" + real.unicodeScalars.drop { $0 != "." }.dropFirst().map(String.init).joined()
        #expect(forged != real && forged.hasSuffix("\u{E001}"))
        #expect(Spelling.text(Message(vi: "", en: "cell \"a\(forged)b\""), .english) == "cell \"ab\"")
        #expect(Spelling.text(Message(vi: "", en: "run \(real)"), .english).hasPrefix("run sodiem user"))
        // The language picks the placeholders.
        #expect(Spelling.line(.initialise, .vietnamese).contains("Tên trường") && Spelling.line(.initialise, .english).contains("School name"))
        // Outside the CLI (logs, test failures) a reference shows as its name, never as a marker.
        #expect(message.description.contains("⟨option(SodiemBasics.OptionName.reason)⟩"), "\(message.description)")
        #expect(!message.description.unicodeScalars.contains { (0xE000...0xE001).contains($0.value) })
    }

    @Test func theRequestFixOfALockedScoreIsSpelledInFull() {
        // The step Core gives for a score of a locked term (TermLockEntryTests), as the teacher reads it.
        let step = NextStep.requestFixOfScore(className: "6A1", subject: "toan", term: 1, student: "C1", column: "tx1", value: "8,0", clearing: false)
        #expect(Spelling.line(step, .english) == "sodiem request-fix --class 6A1 --subject toan --term 1 --student C1 --column tx1 --to 8,0 --reason \"…\"")
        let sheet = NextStep.requestFixOfScore(className: "6A1", subject: "toan", term: 1, student: nil, column: nil, value: nil, clearing: false)
        #expect(Spelling.line(sheet, .vietnamese) == "sodiem request-fix --class 6A1 --subject toan --term 1 --student MÃ-HS --column CỘT --to GIÁ-TRỊ --reason \"…\"")
        #expect(Spelling.line(sheet, .english) == "sodiem request-fix --class 6A1 --subject toan --term 1 --student ID --column COLUMN --to VALUE --reason \"…\"")
        let clearing = NextStep.requestFixOfScore(className: "6A1", subject: "toan", term: 1, student: "C1", column: "tx1", value: nil, clearing: true)
        #expect(Spelling.line(clearing, .english).hasSuffix("--column tx1 --clear --reason \"…\""))
    }

    @Test func situationsKeepTheirExitCodes() {
        let cases: [(SodiemError, Int32)] = [
            (.store(.lockBusy(holder: "gv01 pid 7", seconds: 3)), 75),
            (.store(.cannotWrite(path: "/x", code: EACCES)), 77),
            (.store(.cannotWrite(path: "/x", code: ENOSPC)), 74),
            (.store(.ioFailure(operation: "read", path: "/x", code: EIO)), 74),
            (.store(.cannotCreateFolder(path: "/x", code: EACCES)), 73),
            (.store(.logLineDamaged(line: 4)), 65),
            (.store(.logTailUnreadable(path: "/x/audit.log", problem: "not JSON")), 65),
            (.store(.snapshotAheadOfLog(file: "users.json", seq: 9, logSeq: 8)), 65),
            (.core(.notInitialised(path: "/x")), 78),
            (.core(.noCurrentYear), 78),
            (.core(.noSuchClass(className: "6A9", year: "2024-2025")), 66),
            (.core(.classFileMissing(className: "6A1", year: "2024-2025")), 65),
            (.core(.unregisteredOSUser("khach")), 77),
            (.core(.noSuchStudent(student: "HS0009", className: "6A1")), 66),
            (.core(.unknownAccount("gv.x")), 66),
            (.core(.noSuchRequest(id: 4, year: "2024-2025")), 66),
            (.core(.noSuchYear("2030-2031")), 78),
            (.core(.yearSealed(year: "2024-2025", seq: 40)), 77),
        ]
        for (error, code) in cases {
            #expect(SodiemCommandLine.exitCode(error) == code, "\(error.message)")
            // Every text is whole in both languages once spelled: no marker is left.
            for language in DeclaredOptionsTests.languages {
                let shown = Spelling.text(error.message, language)
                #expect(!shown.isEmpty && !shown.unicodeScalars.contains { (0xE000...0xE001).contains($0.value) }, "\(shown)")
            }
        }
        #expect(Spelling.text(SodiemError.store(.logLineDamaged(line: 4)).message, .english)
                == "audit.log line 4 is damaged, so the files cannot be brought up to the log. Run `sodiem verify`; restore the latest archive with `sodiem restore`.")
    }
}
