import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// One `sodiem` command: its declaration (options, help, exit codes) beside what it does.
protocol Command: Sendable {
    /// Its name, summary, options, examples and exit codes: parsing and help come from it.
    static var spec: CommandSpec { get }
    /// Runs the command; output goes through the context.
    static func run(_ context: Context) throws(SodiemError)
}

extension Command {
    /// The word that selects the command (`enter-score`).
    static var name: String { spec.name }
    /// The one-line summary of `sodiem help`.
    static var summary: Message { spec.summary }
    /// The parser's table of its options besides the global ones.
    static var options: OptionSpec { spec.optionSpec }
    /// Its help in a language.
    static func help(_ language: Language) -> String { HelpText.command(spec, language) }
}

/// Every command, in the order `sodiem help` lists them.
let allCommands: [any Command.Type] = [
    InitCommand.self, UserCommand.self, YearCommand.self, ClassCommand.self, AssignCommand.self,
    AssignmentsCommand.self, ImportStudentsCommand.self, StudentsCommand.self,
    EnterScoreCommand.self, AttendanceCommand.self, ConductCommand.self, CommentCommand.self,
    ExemptCommand.self, IndividualPlanCommand.self, CommendCommand.self, TransferInCommand.self, TransferOutCommand.self,
    ResultsCommand.self, ExplainCommand.self, RetestCommand.self,
    LockTermCommand.self, UnlockTermCommand.self, RequestFixCommand.self, ApproveFixCommand.self,
    RejectFixCommand.self, FixesCommand.self, PrintFixRecordCommand.self,
    PrintLedgerCommand.self, PrintTranscriptCommand.self, SignCommand.self, VerifySignatureCommand.self,
    InstallCommand.self, LogCommand.self, HeadCommand.self, VerifyCommand.self, ArchiveCommand.self, RestoreCommand.self,
    ReportCommand.self, SnapshotCommand.self, RemindCommand.self,
    DemoCommand.self, HelpCommand.self,
]

/// Output formats of commands that print data.
enum OutputFormat: String, Sendable {
    case text, json, csv, html, pdf, xlsx

    /// The format an `--out` file's extension names (`.txt` is text, `.htm` HTML), if any.
    static func of(extension ext: String) -> OutputFormat? {
        switch ext.lowercased() {
        case "txt": .text
        case "htm": .html
        default: OutputFormat(rawValue: ext.lowercased())
        }
    }
}

/// What a running command can use: its arguments, the language, the session, and the output.
final class Context {
    let arguments: Arguments
    let invocation: Invocation
    let language: Language
    private(set) var stdout = ""
    /// A binary document (an .xlsx workbook) to send instead of `stdout`.
    private(set) var binary: Data?
    /// The format `format(default:allowed:)` chose, for the BOM rule of CSV files.
    private(set) var chosenFormat: OutputFormat?
    private(set) var stderr = ""
    /// True once the command wrote `--out` itself (a binary archive, a folder of documents): stdout stays stdout.
    var wroteOut = false

    init(arguments: Arguments, invocation: Invocation, language: Language) {
        self.arguments = arguments
        self.invocation = invocation
        self.language = language
    }

    /// The options read by their declared meaning (`try context.options.term()`).
    var options: Options { Options(arguments: arguments, command: invocation.commandName) }

    /// A text in the user's language.
    func text(_ message: Message) -> String { Spelling.text(message, language) }

    /// Picks `vi` or `en`.
    func text(vi: String, en: String) -> String { language == .english ? en : vi }

    /// Opens the data directory; a wait for the lock and any repair are told on standard error.
    /// `walksCheckpoints` for the commands that read inside `checkpoints/` (see `Session.init`).
    func session(_ mode: Session.Mode, walksCheckpoints: Bool = false) throws(SodiemError) -> Session {
        let session = try Session(invocation, mode: mode, walksCheckpoints: walksCheckpoints) { holder in
            // The holder's text comes from .lock, which another command wrote: shown safe.
            FileHandle.standardError.write(Data(SodiemCommandLine.printable(self.text(vi: "Đang chờ thư mục dữ liệu: \(holder) đang giữ khoá…\n",
                                                                                      en: "Waiting for the data directory: held by \(holder)…\n")).utf8))
        }
        sessions.append((session, 0))
        noteRepairs()
        return session
    }

    /// Sessions this command opened, with how many of their repair notes were shown.
    private var sessions: [(session: Session, shown: Int)] = []

    /// Set by `main` (the process ends after one command): an ended session is kept, not freed.
    /// Freeing a world of decoded snapshots costs a score entry 0.2 M instructions and a sheet
    /// 0.6 M, which the process's exit does for nothing. Tests that run commands in one process
    /// free them.
    nonisolated(unsafe) static var keepsEndedSessions = false
    nonisolated(unsafe) private static var endedSessions: [Session] = []

    /// Ends this command's sessions: their locks are released now.
    private func endAllSessions() {
        for (session, _) in sessions { session.end() }
        if Context.keepsEndedSessions { Context.endedSessions += sessions.map(\.session) }
        sessions.removeAll()
    }

    /// Shows the repair notes not shown yet (from opening, or from a commit that could not finish its files).
    private func noteRepairs() {
        for index in sessions.indices {
            let (session, shown) = sessions[index]
            for repair in session.repairs.dropFirst(shown) { note(repair) }
            sessions[index].shown = session.repairs.count
        }
    }

    /// The year option.
    var requestedYear: String? { arguments.value("year") }

    /// The output format: `--format`, else the `--out` file's extension, else the default.
    func format(default fallback: OutputFormat, allowed: [OutputFormat]) throws(SodiemError) -> OutputFormat {
        var chosen = fallback
        if let given = arguments.value("format") {
            guard let format = OutputFormat(rawValue: given.lowercased()) else {
                throw SodiemError.usage(Message(vi: "Định dạng không biết: \(given) (dùng \(allowed.map(\.rawValue).joined(separator: ", "))).",
                                                en: "Unknown format: \(given) (use \(allowed.map(\.rawValue).joined(separator: ", "))).") )
            }
            chosen = format
        } else if let out = arguments.value("out"), let format = OutputFormat.of(extension: URL(fileURLWithPath: out).pathExtension) {
            chosen = format
        }
        // An --out name that says one format while --format says another is refused: never HTML
        // (or CSV, or a workbook) under a .pdf name.
        if let out = arguments.value("out") {
            let ext = URL(fileURLWithPath: out).pathExtension.lowercased()
            if let named = OutputFormat.of(extension: ext), named != chosen {
                throw SodiemError.usage(Message(vi: "--out \(out) là tệp .\(ext) nhưng định dạng là \(chosen.rawValue); hãy đổi tên tệp hoặc --format.",
                                                en: "--out \(out) is a .\(ext) file but the format is \(chosen.rawValue); change the file name or --format."))
            }
        }
        chosenFormat = chosen
        guard allowed.contains(chosen) else {
            throw SodiemError.usage(Message(vi: "Lệnh này không in được dạng \(chosen.rawValue) (dùng \(allowed.map(\.rawValue).joined(separator: ", "))).",
                                            en: "This command cannot print \(chosen.rawValue) (use \(allowed.map(\.rawValue).joined(separator: ", "))).") )
        }
        return chosen
    }

    /// Adds to standard output (or to `--out` when the command ends).
    func print(_ text: String) {
        stdout += text
        if !text.hasSuffix("\n") { stdout += "\n" }
    }

    /// Adds raw text to standard output, as it is.
    func write(_ text: String) { stdout += text }

    /// Adds raw text to standard output and sends it on in blocks when there is no `--out`, so a
    /// long listing (`log`) holds a block, not the whole output, in memory.
    func stream(_ text: String) {
        stdout += text
        if arguments.value("out") == nil, stdout.utf8.count >= 1 << 16 {
            FileHandle.standardOutput.write(Data(stdout.utf8))
            stdout = ""
        }
    }

    /// Sets a binary document (an .xlsx workbook) as the output; refused (64) to a terminal.
    func writeBinary(_ data: Data) throws(SodiemError) {
        if arguments.value("out") == nil && isatty(1) == 1 {
            throw SodiemError.usage(Message(vi: "Sổ tính .xlsx không in ra màn hình được: thêm --out TỆP.xlsx.",
                                            en: "An .xlsx workbook cannot go to the terminal: add --out FILE.xlsx."))
        }
        binary = data
    }

    /// A note on standard error (warnings, what was repaired).
    func note(_ message: Message) { stderr += text(message) + "\n" }

    /// Refuses (73) an output path that is one of the data directory's own files or folders.
    func refuseDataFiles(_ url: URL) throws(SodiemError) {
        guard DataDirectory(root: URL(fileURLWithPath: invocation.dataPath)).owns(url) else { return }
        throw SodiemError.cannotCreate(Message(
            vi: "Không ghi \(url.path): đó là tệp dữ liệu của sodiem (nhật kí, khoá hoặc thư mục years/). Chọn nơi khác cho --out.",
            en: "Will not write \(url.path): it is one of sodiem's own data files (the log, the lock or years/). Choose another --out."))
    }

    /// Ends the sessions this command opened (their locks released), for work that needs no lock.
    func endSessions() {
        noteRepairs()
        endAllSessions()
    }

    /// Writes the notes to standard error and drops the output (for a command that failed).
    func flushNotes() {
        noteRepairs()
        endAllSessions()
        if !stderr.isEmpty { FileHandle.standardError.write(Data(SodiemCommandLine.printable(stderr).utf8)); stderr = "" }
        stdout = ""
    }

    /// Sends the collected output: to the `--out` file atomically, or to standard output.
    ///
    /// The command's sessions end first, so their locks are released before anything is written:
    /// a pipe nobody reads, a FIFO nobody opens or a terminal paused with Ctrl-S cannot hold the school up.
    func flush(respectingOut: Bool = true) throws(SodiemError) {
        noteRepairs()
        endAllSessions()
        if !stderr.isEmpty { FileHandle.standardError.write(Data(SodiemCommandLine.printable(stderr).utf8)); stderr = "" }
        if let binary {
            if respectingOut, !wroteOut, let out = arguments.value("out") {
                try writeFile(URL(fileURLWithPath: out), binary)
            } else {
                FileHandle.standardOutput.write(binary)
            }
            self.binary = nil
        } else if respectingOut, !wroteOut, let out = arguments.value("out") {
            // A CSV file starts with a BOM so that Excel reads it as UTF-8 (standard output gets none).
            if chosenFormat == .csv && !stdout.hasPrefix("\u{FEFF}") { stdout = "\u{FEFF}" + stdout }
            try writeFile(URL(fileURLWithPath: out), Data(stdout.utf8))
        } else if !stdout.isEmpty {
            FileHandle.standardOutput.write(Data(stdout.utf8))
        }
        stdout = ""
    }

    /// Refuses (73) an output path among the data files or in a folder that does not exist.
    func checkOutputFolder(_ url: URL) throws(SodiemError) {
        try refuseDataFiles(url)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SodiemError.cannotCreate(Message(vi: "Không tạo được \(url.path): thư mục \(folder.path) không tồn tại.",
                                                   en: "Cannot create \(url.path): the folder \(folder.path) does not exist."))
        }
    }

    /// Writes an output file atomically (73 when it cannot be created).
    func writeFile(_ url: URL, _ data: Data) throws(SodiemError) {
        try checkOutputFolder(url)
        do {
            try DataDirectory.writeOutput(url, data)
        } catch {
            throw SodiemError.cannotCreate(error.message)
        }
    }
}
