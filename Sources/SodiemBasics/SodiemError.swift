/// A user-facing text in Vietnamese (the default) and English (`SODIEM_LANG=en`).
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// The Vietnamese text.
    public let vi: String
    /// The English text.
    public let en: String

    /// Creates a message from its Vietnamese and English texts.
    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in the given language.
    public func text(_ language: Language) -> String { language == .english ? en : vi }

    /// English, for logs and test failures; a reference shows as its name (`⟨listAccounts⟩`).
    public var description: String { Reference.spell(en) { "⟨\($0)⟩" } }

    /// Joins two messages sentence by sentence.
    public static func + (lhs: Message, rhs: Message) -> Message {
        Message(vi: lhs.vi + " " + rhs.vi, en: lhs.en + " " + rhs.en)
    }
}

/// The language of messages and printed labels.
public enum Language: Sendable {
    /// Tiếng Việt, the default.
    case vietnamese
    /// English (`SODIEM_LANG=en`).
    case english
}

/// Every failure the libraries report; the command-line layer maps the kind to an exit code
/// (`SodiemCommandLine.exitCode`, the one place).
///
/// The cases are the categories of cli.md's exit codes. The situations met most often have
/// their own enums, one per layer (`StoreError` in SodiemStore, `CoreError` in SodiemCore),
/// each giving its category and its text; `SodiemError(situation)` carries one up. A command or
/// an option a text names is a `Reference` (`\(run: .listAccounts)`, `\(option: .reason)`)
/// that the CLI spells; see docs/architecture.md, "Errors: where a message goes".
public enum SodiemError: Error, Sendable {
    /// Unknown command or flag, missing or conflicting option (64).
    case usage(Message)
    /// Bad data: a value out of range, a malformed file, an integrity failure (65).
    case badData(Message)
    /// No such class, student, subject, account, request or input file (66).
    case notFound(Message)
    /// A helper program the command needs (Chromium, `openssl`) is not installed or failed to run (69).
    case unavailable(Message)
    /// Cannot create the output or the data directory (73).
    case cannotCreate(Message)
    /// An input/output error (74).
    case io(Message)
    /// Another command holds the data directory longer than the wait (75).
    case busy(Message)
    /// The account lacks the role or assignment, the term is locked, the window has closed (77).
    case notPermitted(Message)
    /// Not initialised, or a configuration error such as no current year (78).
    case notConfigured(Message)
    /// A bug: none of the others describes it (1).
    case internalError(Message)

    /// The text of the error.
    public var message: Message {
        switch self {
        case .usage(let m), .badData(let m), .notFound(let m), .unavailable(let m), .cannotCreate(let m), .io(let m),
             .busy(let m), .notPermitted(let m), .notConfigured(let m), .internalError(let m):
            return m
        }
    }
}

/// A failure named by its situation: its exit category and its text, in one enum per layer.
public protocol Situation: Error, Sendable {
    /// The category of cli.md's exit codes the situation belongs to.
    var category: SodiemError.Category { get }
    /// The text, in both languages; commands and options in it are `Reference`s.
    var message: Message { get }
}

extension SodiemError {
    /// The categories of `SodiemError`, without their texts (the cases above, in their order).
    public enum Category: Sendable, CaseIterable {
        /// 64.
        case usage
        /// 65.
        case badData
        /// 66.
        case notFound
        /// 69.
        case unavailable
        /// 73.
        case cannotCreate
        /// 74.
        case io
        /// 75.
        case busy
        /// 77.
        case notPermitted
        /// 78.
        case notConfigured
        /// 1.
        case internalError
    }

    /// The category of the error.
    public var category: Category {
        switch self {
        case .usage: .usage
        case .badData: .badData
        case .notFound: .notFound
        case .unavailable: .unavailable
        case .cannotCreate: .cannotCreate
        case .io: .io
        case .busy: .busy
        case .notPermitted: .notPermitted
        case .notConfigured: .notConfigured
        case .internalError: .internalError
        }
    }

    /// The error of a category with a text.
    public init(_ category: Category, _ message: Message) {
        switch category {
        case .usage: self = .usage(message)
        case .badData: self = .badData(message)
        case .notFound: self = .notFound(message)
        case .unavailable: self = .unavailable(message)
        case .cannotCreate: self = .cannotCreate(message)
        case .io: self = .io(message)
        case .busy: self = .busy(message)
        case .notPermitted: self = .notPermitted(message)
        case .notConfigured: self = .notConfigured(message)
        case .internalError: self = .internalError(message)
        }
    }

    /// The error a situation of a layer's enum stands for.
    public init(_ situation: some Situation) { self.init(situation.category, situation.message) }

    package static func usage(vi: String, en: String) -> SodiemError { .usage(Message(vi: vi, en: en)) }
    package static func badData(vi: String, en: String) -> SodiemError { .badData(Message(vi: vi, en: en)) }
    package static func notFound(vi: String, en: String) -> SodiemError { .notFound(Message(vi: vi, en: en)) }
    package static func notPermitted(vi: String, en: String) -> SodiemError { .notPermitted(Message(vi: vi, en: en)) }
    package static func notConfigured(vi: String, en: String) -> SodiemError { .notConfigured(Message(vi: vi, en: en)) }
    package static func io(vi: String, en: String) -> SodiemError { .io(Message(vi: vi, en: en)) }
}

extension Message {
    /// Several messages, one per line (every bad row of a file, say).
    public static func lines(_ messages: [Message]) -> Message {
        Message(vi: messages.map(\.vi).joined(separator: "\n"), en: messages.map(\.en).joined(separator: "\n"))
    }
}
