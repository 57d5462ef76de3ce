import Foundation

/// A command the user can run next, named by the situation that calls for it.
///
/// The libraries below the command line know no command and no option: where a message tells
/// the user what to run, it holds one of these, and the CLI's catalogue
/// (`Sources/SodiemCLI/Spelling.swift`) writes the command line, in the user's language.
public enum NextStep: Sendable, Hashable, Codable {
    /// Start a data directory (`init --school`).
    case initialise
    /// Start a data directory as its first admin, for an OS user who is not root.
    case initialiseAsFirstAdmin
    /// Register an OS login as an account.
    case registerOSUser(osUser: String)
    /// See the accounts.
    case listAccounts
    /// Create the current school year.
    case createCurrentYear
    /// See the school years.
    case showYears
    /// Change a year's calendar.
    case changeYear
    /// Set a term's dates in a year's calendar.
    case setTermDates(term: Int)
    /// Widen the direct edit window of scores.
    case widenEditWindow
    /// Change the school days of the week.
    case changeSchoolDays
    /// See the classes.
    case listClasses
    /// Create a class.
    case addClass
    /// See a class's students; nil when the class is not known.
    case listStudents(className: String?)
    /// See who is assigned to a class.
    case assignmentsOfClass(className: String)
    /// See what a teacher is assigned to.
    case assignmentsOfTeacher(teacher: String)
    /// Assign teachers (an admin).
    case assign
    /// See the correction requests.
    case listFixes
    /// File a correction request (no particulars).
    case requestFix
    /// File a correction request in another class (the class that holds the score).
    case requestFixInClass(className: String)
    /// File a correction request for a score of a sheet, with every particular known.
    case requestFixOfScore(className: String, subject: String, term: Int, student: String?, column: String?, value: String?, clearing: Bool)
    /// Reject a correction request.
    case rejectFix(id: Int)
    /// Lock a term.
    case lockTerm(term: Int)
    /// Reopen a month's closed attendance of a class.
    case reopenAttendance(className: String, month: String)
    /// Make a snapshot of the figures under a name.
    case makeSnapshot(name: String)
    /// Check the data directory (the chain, the replay, the files).
    case verify
    /// Restore the latest archive.
    case restore
    /// Restore an archive into a new data directory.
    case restoreIntoNewDirectory
    /// Check the system install (as root).
    case checkInstall
    /// Install for the whole machine (as root).
    case install
    /// Build the binary with the Swift runtime inside it (what a set-group-ID install needs).
    case buildStaticBinary
    /// Install for the whole machine from the release build (as root).
    case installReleaseBuild
}

/// A command named in a sentence, where the sentence is about the command itself
/// ("`init` needs …"), not about running it next.
public enum CommandName: String, Sendable, Hashable, Codable, CaseIterable {
    /// `init`.
    case initialise
    /// `user add`.
    case userAdd
    /// `user set`.
    case userSet
    /// `import-students`.
    case importStudents
    /// `enter-score`.
    case enterScore
    /// `unlock-term`.
    case unlockTerm
    /// `individual-plan`.
    case individualPlan
    /// `request-fix`.
    case requestFix
    /// `transfer-out`.
    case transferOut
}

/// An option named in a message; the CLI writes it as the command line spells it (`acting` is
/// `--as`, `className` is `--class`, the others their name in kebab-case).
public enum OptionName: String, Sendable, Hashable, Codable, CaseIterable {
    case acting, admin, afterSummer, className, data, date, decision, email, enterers, force, from, grade, homeroom
    case lead, learning, move, name, off, order, osUser, outcome, passEnv, planSubjects, prefix, readmit, reason, ref
    case reopen, result, role, school, sheet, student, term, text, to, until, witnessTo
}

/// What a message refers to that only the command line can spell.
public enum Reference: Sendable, Hashable, Codable {
    /// A command line to run next.
    case step(NextStep)
    /// A command named in the text.
    case command(CommandName)
    /// An option named in the text.
    case option(OptionName)

    /// Open and close a reference inside a message's text (Unicode private use: not written by
    /// people; a token inside a value lacks the process's `nonce`, so it is dropped, never spelled).
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    /// The reference as it sits in a message until the CLI spells it: its JSON in base64
    /// between the two markers (base64 holds neither marker, so values cannot break out).
    package var token: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding strings, integers and booleans cannot fail; were it to, the reference would
        // be dropped from the text (see `spell`), never shown as a marker.
        let data = (try? encoder.encode(self)) ?? Data()
        return String(Reference.open) + Reference.nonce + "." + data.base64EncodedString() + String(Reference.close)
    }

    /// A number drawn once per process and put in every token it makes: a token inside a value
    /// (a spreadsheet's cell, an option) cannot know it, so it is dropped, never spelled.
    static let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 36)

    /// The reference a token holds, or nil for anything else (a forged token included).
    static func decode(_ body: Substring) -> Reference? {
        let prefix = nonce + "."
        guard body.hasPrefix(prefix), let data = Data(base64Encoded: String(body.dropFirst(prefix.count))) else { return nil }
        return try? JSONDecoder().decode(Reference.self, from: data)
    }

    /// The text with every reference replaced by `spell(reference)`; a marker without a
    /// valid reference is dropped, so a stray one never shows.
    package static func spell(_ text: String, _ spell: (Reference) -> String) -> String {
        guard text.unicodeScalars.contains(open) else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.unicodeScalars.firstIndex(of: open) {
            result += rest[..<start]
            let afterOpen = rest.unicodeScalars.index(after: start)
            guard let end = rest.unicodeScalars[afterOpen...].firstIndex(of: close) else { rest = rest[afterOpen...]; continue }
            if let reference = decode(rest[afterOpen..<end]) { result += spell(reference) }
            rest = rest[rest.unicodeScalars.index(after: end)...]
        }
        result += rest
        return result
    }
}

extension DefaultStringInterpolation {
    /// A command line to run next, spelled by the CLI: `"Xem `\(run: .listAccounts)`."`.
    package mutating func appendInterpolation(run step: NextStep) { appendLiteral(Reference.step(step).token) }
    /// A command named in the text, spelled by the CLI.
    package mutating func appendInterpolation(command: CommandName) { appendLiteral(Reference.command(command).token) }
    /// An option named in the text, spelled by the CLI: `"\(option: .reason) cần …"`.
    package mutating func appendInterpolation(option: OptionName) { appendLiteral(Reference.option(option).token) }
}

extension Message {
    /// The text with its references spelled by `spell` (the CLI passes its catalogue).
    public func text(_ language: Language, spelling spell: (Reference, Language) -> String) -> String {
        Reference.spell(text(language)) { spell($0, language) }
    }
}
