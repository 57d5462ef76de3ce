import Foundation
import Testing
import SodiemBasics
@testable import SodiemCLI

/// The declarations are the one source of parsing and help: these tests keep help, parser and
/// docs/commands pages in step (issue 15 item 3, issue 16 item 8).
@Suite struct DeclaredOptionsTests {
    static let languages: [Language] = [.vietnamese, .english]

    /// The options of a command by name, with the globals.
    static func accepted(_ spec: CommandSpec) -> Set<String> {
        Set((spec.options + OptionDeclaration.globals).map(\.name))
    }

    @Test func everyCommandHasADeclarationWithBothLanguages() {
        #expect(allCommands.count >= 35)
        #expect(Set(allCommands.map { $0.spec.name }).count == allCommands.count, "two commands share a name")
        for command in allCommands {
            let spec = command.spec
            #expect(!spec.summary.vi.isEmpty && !spec.summary.en.isEmpty, "\(spec.name): summary")
            #expect(!spec.usage.isEmpty, "\(spec.name): usage")
            #expect(!spec.examples.isEmpty, "\(spec.name): an example")
            #expect(spec.summary.vi != spec.summary.en, "\(spec.name): the Vietnamese summary is the English one")
            #expect(spec.details.vi != spec.details.en || spec.details.vi.isEmpty, "\(spec.name): details untranslated")
            var names: Set<String> = []
            for option in spec.options {
                #expect(names.insert(option.name).inserted, "\(spec.name): --\(option.name) declared twice")
                #expect(!OptionDeclaration.globals.map(\.name).contains(option.name), "\(spec.name): --\(option.name) is global")
                #expect(!option.about.vi.isEmpty && !option.about.en.isEmpty, "\(spec.name): --\(option.name) unexplained")
                #expect(option.kind == .flag || !option.placeholder.vi.isEmpty, "\(spec.name): --\(option.name) has no placeholder")
            }
            // Every example and usage line names the command and only options it accepts.
            for line in spec.usage + spec.examples {
                for option in Self.optionsNamed(in: line) where !Self.accepted(spec).contains(option) {
                    let other = allCommands.contains { line.contains($0.spec.name + " ") && Self.accepted($0.spec).contains(option) }
                    #expect(other, "\(spec.name): `\(line)` names --\(option), which it does not accept")
                }
            }
        }
    }

    @Test func helpListsEveryOptionAndExitCodeInBothLanguages() {
        for command in allCommands {
            for language in Self.languages {
                let help = command.help(language)
                for option in command.spec.options + OptionDeclaration.globals {
                    let shown = option.name.count == 1 ? "-\(option.name)" : "--\(option.name)"
                    #expect(help.contains(shown), "\(command.spec.name) (\(language)): \(shown) missing from help")
                    #expect(help.contains(option.about.text(language)) || OptionDeclaration.globals.contains(option),
                            "\(command.spec.name) (\(language)): the meaning of --\(option.name) missing")
                }
                for exit in command.spec.allExitCodes {
                    #expect(help.contains("  \(exit.code)  ") || help.contains("  \(exit.code)   "),
                            "\(command.spec.name) (\(language)): exit code \(exit.code) missing")
                    #expect(help.contains(exit.meaning.text(language)), "\(command.spec.name): meaning of \(exit.code)")
                }
                #expect(help.contains(language == .english ? "Exit codes:" : "Mã thoát:"))
                #expect(help.contains(language == .english ? "Usage: sodiem \(command.spec.name)" : "Dùng: sodiem \(command.spec.name)"))
            }
            #expect(command.help(.vietnamese) != command.help(.english), "\(command.spec.name): help not translated")
        }
    }

    @Test func overviewGroupsEveryCommandByWhoUsesIt() {
        for language in Self.languages {
            let overview = HelpText.overview(language)
            for command in allCommands {
                #expect(overview.contains("  \(command.spec.name) "), "\(command.spec.name) missing from `sodiem help`")
            }
            for audience in Audience.allCases where allCommands.contains(where: { $0.spec.audience == audience }) {
                #expect(overview.contains(audience.title.text(language) + ":"))
            }
        }
        #expect(HelpText.overview(.vietnamese).contains("Giáo viên bộ môn:"))
        #expect(HelpText.overview(.english).contains("Homeroom teachers:"))
    }

    // MARK: Parsing, per command

    static func parse(_ words: [String]) -> Result<Arguments, SodiemError> {
        do throws(SodiemError) {
            let (_, arguments) = try Arguments.parse(words) { name in SodiemCommandLine.commandNamed(name)?.options }
            return .success(arguments)
        } catch {
            return .failure(error)
        }
    }

    static func exitCode(_ result: Result<Arguments, SodiemError>) -> Int32? {
        if case .failure(let error) = result { return SodiemCommandLine.exitCode(error) }
        return nil
    }

    @Test func everyDeclaredOptionParsesAndNothingElseDoes() throws {
        for command in allCommands {
            let name = command.spec.name
            for option in command.spec.options {
                switch option.kind {
                case .flag:
                    let parsed = try Self.parse([name, "--\(option.name)"]).get()
                    #expect(parsed.has(option.name), "\(name) --\(option.name)")
                    #expect(Self.exitCode(Self.parse([name, "--\(option.name)=x"])) == 64, "\(name): a flag with a value")
                case .value, .repeating:
                    // A value may begin with '-': it is the value, not an option.
                    let parsed = try Self.parse([name, "--\(option.name)", "-1"]).get()
                    #expect(parsed.value(option.name) == "-1", "\(name) --\(option.name) -1")
                    #expect(try Self.parse([name, "--\(option.name)=7,5"]).get().value(option.name) == "7,5")
                    #expect(Self.exitCode(Self.parse([name, "--\(option.name)"])) == 64, "\(name) --\(option.name) without its value")
                    // The same value twice is harmless; two different values only for a repeating option.
                    #expect(try Self.parse([name, "--\(option.name)", "a", "--\(option.name)", "a"]).get().value(option.name) == "a")
                    let twice = Self.parse([name, "--\(option.name)", "a", "--\(option.name)", "b"])
                    if option.kind == .repeating {
                        #expect(try twice.get().list(option.name) == ["a", "b"], "\(name) --\(option.name) repeats")
                    } else {
                        #expect(Self.exitCode(twice) == 64, "\(name) --\(option.name) given twice")
                    }
                }
            }
            #expect(Self.exitCode(Self.parse([name, "--no-such-option"])) == 64, "\(name): unknown option")
            #expect(Self.exitCode(Self.parse([name, "-x"])) == 64, "\(name): unknown short option")
            // A positional beyond those declared.
            let extra = [name] + Array(repeating: "word", count: command.spec.positionals + 1)
            #expect(Self.exitCode(Self.parse(extra)) == 64, "\(name): too many positionals")
            // Global options before or after the command.
            #expect(try Self.parse(["--data", "/tmp/x", name]).get().value("data") == "/tmp/x")
            #expect(try Self.parse([name, "--year", "2024-2025"]).get().value("year") == "2024-2025")
            // An option of another command is not accepted here.
            let foreign = allCommands.flatMap { $0.spec.options }.map(\.name).first { !Self.accepted(command.spec).contains($0) }
            if let foreign { #expect(Self.exitCode(Self.parse([name, "--\(foreign)", "v"])) == 64, "\(name) accepts --\(foreign)") }
        }
        #expect(Self.exitCode(Self.parse(["no-such-command", "--class", "6A1"])) == 64)
    }

    @Test func typedAccessorsReadTermsPeriodsAndDays() throws {
        func options(_ words: [String]) throws -> Options {
            Options(arguments: try Self.parse(["results"] + words).get(), command: "results")
        }
        #expect(try options(["--term", "2"]).term() == .second)
        #expect(try options(["--term", " 1 "]).optionalTerm() == .first)
        #expect(try options([]).optionalTerm() == nil)
        for bad in ["3", "0", "year", "x", "-1"] {
            #expect(throws: SodiemError.self) { try options(["--term", bad]).term() }
        }
        #expect(throws: SodiemError.self) { try options([]).term() }
        #expect(try options(["--term", "year"]).period() == .year)
        #expect(try options(["--term", "CN"]).period() == .year)
        #expect(try options(["--term", "1"]).period() == .term(.first))
        #expect(throws: SodiemError.self) { try options(["--term", "3"]).period() }
        #expect(throws: SodiemError.self) { try options([]).requiredPeriod() }
        #expect(try options(["--class", "6A1"]).className() == "6A1")
        #expect(throws: SodiemError.self) { try options([]).className() }
        let dated = Options(arguments: try Self.parse(["remind", "--date", "31/10/2024"]).get(), command: "remind")
        #expect(try dated.day("date")?.description == "2024-10-31")
        let bad = Options(arguments: try Self.parse(["remind", "--date", "2024-02-30"]).get(), command: "remind")
        #expect(throws: SodiemError.self) { try bad.day("date") }
    }

    // MARK: docs/commands pages against the declarations (issue 16 item 8)

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func optionsNamed(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "--") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard before.map({ $0 == " " || $0 == "[" || $0 == "`" || $0 == "(" || $0 == "|" || $0 == "\n" }) ?? true else { continue }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if let first = name.first, first.isLetter { found.append(String(name)) }
        }
        return found
    }

    @Test func everyCommandPageMatchesItsDeclaration() throws {
        let folder = Self.repository.appendingPathComponent("docs/commands")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        for command in allCommands where command.spec.name != "help" {
            #expect(pages.contains(command.spec.name + ".md"), "docs/commands/\(command.spec.name).md missing")
        }
        for page in pages {
            let name = String(page.dropLast(3))
            guard let command = SodiemCommandLine.commandNamed(name) else {
                Issue.record("docs/commands/\(page) documents no command")
                continue
            }
            let text = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
            for option in command.spec.options {
                #expect(text.contains("--\(option.name)"), "docs/commands/\(page) does not mention --\(option.name)")
            }
            // Lines that run another program (a browser, unzip) name its options, not ours.
            for line in text.split(separator: "\n", omittingEmptySubsequences: false)
            where !["chromium", "unzip ", "openssl ", "pdfsig ", "install -d"].contains(where: { line.contains($0) }) {
                for option in Self.optionsNamed(in: String(line)) where !Self.accepted(command.spec).contains(option) {
                    // An option of another command is fine where the line names that command.
                    let other = allCommands.contains { line.contains($0.spec.name) && Self.accepted($0.spec).contains(option) }
                    #expect(other, "docs/commands/\(page): --\(option) is not an option of \(name): \(line)")
                }
            }
        }
    }

    @Test func readmeSetsTheTestDatesAndNamesOnlyRealOptions() throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(text.contains("year set --test-date"), "README never says how test dates are set")
        // Every `sodiem COMMAND --option` of the README's shell lines names an option the command has.
        for line in text.split(separator: "\n") where line.hasPrefix("sodiem ") {
            for part in line.split(separator: ";") {
                let words = part.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "sodiem"), index + 1 < words.count,
                      let command = SodiemCommandLine.commandNamed(words[index + 1]) else { continue }
                for option in Self.optionsNamed(in: String(part.split(separator: "#").first ?? part))
                where !Self.accepted(command.spec).contains(option) {
                    Issue.record("README: \(command.spec.name) has no --\(option): \(line)")
                }
            }
        }
    }
}
