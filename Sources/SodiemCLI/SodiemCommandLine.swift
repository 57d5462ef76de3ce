import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// The entry point of the `sodiem` executable.
public enum SodiemCommandLine {
    /// The version `sodiem --version` prints.
    public static let version = "0.1.0"

    /// Runs one command line and exits with its code.
    public static func main() -> Never {
        // A system install re-executes itself with an allow-listed environment before Foundation is used.
        SystemInstall.prepareProcess(arguments: CommandLine.arguments)
        Context.keepsEndedSessions = true
        exit(run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
    }

    /// Runs one command line; returns the exit code. Output goes to the standard streams.
    static func run(_ words: [String], environment: [String: String]) -> Int32 {
        let language = Self.language(environment)
        let context: Context
        let command: (any Command.Type)?
        do throws(SodiemError) {
            let (name, arguments) = try Arguments.parse(words) { name in commandNamed(name)?.options }
            if name == "--version" {
                FileHandle.standardOutput.write(Data("sodiem \(version)\n".utf8))
                return 0
            }
            guard let name else {
                FileHandle.standardOutput.write(Data(HelpText.overview(language).utf8))
                return arguments.has("help") || arguments.has("h") ? 0 : 64
            }
            guard let found = commandNamed(name) else {
                throw SodiemError.usage(Message(vi: "Lệnh không biết: \(name). Xem `sodiem help`.",
                                                en: "Unknown command: \(name). See `sodiem help`."))
            }
            command = found
            if arguments.has("help") || arguments.has("h") {
                FileHandle.standardOutput.write(Data(found.help(language).utf8))
                return 0
            }
            // The login is the process's real one and the clock the system's: nothing here lets an
            // option or the environment choose who runs the command.
            let invocation = Invocation(
                dataPath: try systemModeDataPath(name, arguments, environment) ?? arguments.value("data") ?? environment["SODIEM_DATA"] ?? "sodiem-data",
                asUser: arguments.value("as"), nowOverride: environment["SODIEM_NOW"],
                lockWait: try lockWait(environment["SODIEM_LOCK_WAIT"]),
                commandName: name, identity: SystemIdentity(), clock: SystemClock())
            context = Context(arguments: arguments, invocation: invocation, language: language)
        } catch {
            return report(error, language: language)
        }
        do throws(SodiemError) {
            var input = InputOptions(sheet: context.arguments.value("sheet"),
                                     map: try context.arguments.value("map").map { path throws(SodiemError) in try ColumnMap.read(URL(fileURLWithPath: path)) })
            // The tables a command reads are parsed before it takes the lock (data.md); --sheet and
            // --map are for --file (transfer-in's --particulars is read as it is).
            let declared = Set(command!.spec.options.map(\.name))
            if declared.contains("file"), let path = context.arguments.value("file") {
                input = input.preloading(URL(fileURLWithPath: path))
            }
            if declared.contains("particulars"), let path = context.arguments.value("particulars") {
                input = input.preloading(URL(fileURLWithPath: path), scoped: false)
            }
            // TaskLocal.withValue rethrows untyped: carry the typed error out by hand.
            let failure: SodiemError? = InputOptions.$current.withValue(input) {
                do throws(SodiemError) { try command!.run(context); return nil } catch { return error }
            }
            if let failure { throw failure }
            try context.flush()
            return 0
        } catch {
            // A failed command's notes still go to stderr; its half-made output goes nowhere.
            context.flushNotes()
            return report(error, language: language)
        }
    }

    /// `SODIEM_LOCK_WAIT`: seconds, 0 to a day (default 10); anything else is a usage error.
    static func lockWait(_ text: String?) throws(SodiemError) -> Double {
        guard let text, !text.isEmpty else { return 10 }
        // A plain decimal number of seconds: not 0x10, 1e3, inf or " 5".
        let plain = text.utf8.allSatisfy { (48...57).contains($0) || $0 == 46 } && text.utf8.filter { $0 == 46 }.count <= 1
            && text.first != "." && text.last != "."
        guard plain, let seconds = Double(text), seconds.isFinite, (0...86_400).contains(seconds) else {
            throw SodiemError.usage(Message(vi: "SODIEM_LOCK_WAIT=\"\(text)\" phải là số giây từ 0 đến 86400.",
                                            en: "SODIEM_LOCK_WAIT=\"\(text)\" must be seconds from 0 to 86400."))
        }
        return seconds
    }

    /// In a system install: the data directory of sodiem.conf, and the refusals of data.md for
    /// anyone but the real root (`--data`/`SODIEM_DATA` 64; `SODIEM_NOW`, `init`, `restore` 77).
    /// Nil in a personal install.
    static func systemModeDataPath(_ name: String, _ arguments: Arguments, _ environment: [String: String]) throws(SodiemError) -> String? {
        guard let system = SystemInstall.detect() else { return nil }
        if SystemInstall.realRoot { return arguments.value("data") ?? environment["SODIEM_DATA"] ?? system.data }
        if arguments.value("data") != nil || environment["SODIEM_DATA"] != nil {
            throw SodiemError.usage(Message(
                vi: "Đây là bản cài đặt hệ thống: thư mục dữ liệu là \(system.data) (\(system.confPath)); --data và SODIEM_DATA chỉ dành cho root.",
                en: "This is a system install: the data directory is \(system.data) (\(system.confPath)); --data and SODIEM_DATA are root's only."))
        }
        if let now = environment["SODIEM_NOW"], !now.isEmpty {
            throw SodiemError.notPermitted(Message(vi: "Trong bản cài đặt hệ thống, SODIEM_NOW chỉ dành cho root.",
                                                   en: "In a system install, SODIEM_NOW is root's only."))
        }
        // `demo` makes a school of its own, with the group's rights: it too is root's (or a personal build's).
        if name == "init" || name == "restore" || name == "demo" {
            throw SodiemError.notPermitted(Message(vi: "Trong bản cài đặt hệ thống, chỉ root được chạy \(name)\(name == "demo" ? " (thử sodiem bằng một bản riêng: swift run sodiem demo)" : "").",
                                                   en: "In a system install, only root may run \(name)\(name == "demo" ? " (try sodiem with a personal build: swift run sodiem demo)" : "")."))
        }
        return system.data
    }

    /// The command of a name.
    static func commandNamed(_ name: String) -> (any Command.Type)? {
        allCommands.first { $0.name == name }
    }

    /// Messages in Vietnamese unless `SODIEM_LANG=en`, or `LANG=en…` with `SODIEM_LANG` unset.
    static func language(_ environment: [String: String]) -> Language {
        if let chosen = environment["SODIEM_LANG"], !chosen.isEmpty {
            return chosen.lowercased().hasPrefix("en") ? .english : .vietnamese
        }
        return (environment["LANG"] ?? "").lowercased().hasPrefix("en") ? .english : .vietnamese
    }

    /// Writes the error to standard error and returns its exit code (sysexits.h): the one place that decides.
    static func report(_ error: SodiemError, language: Language) -> Int32 {
        let prefix = "sodiem: "
        var text = prefix + Spelling.text(error.message, language)
        if case .internalError = error {
            text += language == .english ? " (this is a bug in sodiem: please report it)" : " (đây là lỗi của sodiem: xin báo lại)"
        }
        FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
        return exitCode(error)
    }

    /// The longest line of a message or note on standard error; longer ones are cut, saying so.
    static let longestLine = 600

    /// What standard error may show: control characters other than tab and newline written as
    /// `U+001B` (no escape sequence from a value reaches the terminal), and every line at most
    /// `longestLine` characters, so that an echoed value of megabytes never floods it.
    static func printable(_ text: String) -> String {
        var shown = String.UnicodeScalarView()
        var count = 0
        func endLine() {
            if count > longestLine { shown.append(contentsOf: "… (\(count) characters)".unicodeScalars) }
            count = 0
        }
        // By scalars: "\r\n" is one Character, and a value's CR must be shown, not obeyed.
        for scalar in text.unicodeScalars {
            if scalar == "\n" { endLine(); shown.append(scalar); continue }
            count += 1
            guard count <= longestLine else { continue }
            if scalar.value < 0x20 && scalar != "\t" || (0x7F...0x9F).contains(scalar.value) {
                shown.append(contentsOf: String(format: "U+%04X", scalar.value).unicodeScalars)
            } else {
                shown.append(scalar)
            }
        }
        endLine()
        return String(shown)
    }

    /// The exit code of an error kind.
    static func exitCode(_ error: SodiemError) -> Int32 { exitCode(error.category) }

    /// The exit code of a category: every layer's situations (`StoreError`, `CoreError`) reach
    /// it through their `category`, so this stays the one table of cli.md's exit codes.
    static func exitCode(_ category: SodiemError.Category) -> Int32 {
        switch category {
        case .usage: return 64
        case .badData: return 65
        case .notFound: return 66
        case .unavailable: return 69
        case .cannotCreate: return 73
        case .io: return 74
        case .busy: return 75
        case .notPermitted: return 77
        case .notConfigured: return 78
        case .internalError: return 1
        }
    }
}
