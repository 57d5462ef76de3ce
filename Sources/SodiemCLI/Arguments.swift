import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// The options a command accepts: those that take a value and those that are plain flags.
struct OptionSpec: Sendable {
    /// Options that take a value (`--class 6A1`), without the dashes.
    var values: Set<String> = []
    /// Options that may repeat (`--witness a --witness b`).
    var repeating: Set<String> = []
    /// Flags without a value (`--dry-run`).
    var flags: Set<String> = []
    /// How many positional arguments the command takes at most.
    var positionals = 0

    /// Options every command accepts, before or after the command name.
    static let global = CommandSpec.table(OptionDeclaration.globals)
}

/// The arguments of one command line, parsed against the command's `OptionSpec`.
struct Arguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// The last value of an option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// All values of a repeatable option, each split at commas.
    func list(_ name: String) -> [String] {
        (values[name] ?? []).flatMap { $0.split(separator: ",").map { $0.trimmingSpaces() } }
            .filter { !$0.isEmpty }
    }

    /// True when the flag was given.
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The value of a required option (64 when missing).
    func required(_ name: String, command: String) throws(SodiemError) -> String {
        guard let value = value(name), !value.isEmpty else { throw Self.missing(name, command: command) }
        return value
    }

    /// The usage error (64) of a required option that is missing.
    static func missing(_ name: String, command: String) -> SodiemError {
        SodiemError.usage(Message(vi: "Lệnh \(command) cần --\(name). Xem `sodiem help \(command)`.",
                                  en: "The command \(command) needs --\(name). See `sodiem help \(command)`."))
    }

    /// Splits a command line into the command's name and its arguments.
    ///
    /// An option that takes a value takes the next word whatever it looks like, so
    /// `--score -1` is a bad score, not an unknown flag.
    static func parse(_ words: [String], specFor: (String) -> OptionSpec?) throws(SodiemError) -> (command: String?, arguments: Arguments) {
        var command: String?
        var spec = OptionSpec.global
        var arguments = Arguments()
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("-") || word == "-" {
                if command == nil {
                    command = word
                    guard let commandSpec = specFor(word) else { continue }
                    spec.values.formUnion(commandSpec.values)
                    spec.repeating.formUnion(commandSpec.repeating)
                    spec.flags.formUnion(commandSpec.flags)
                    spec.positionals = commandSpec.positionals
                } else {
                    arguments.positionals.append(word)
                }
                continue
            }
            if word == "--" { onlyPositionals = true; continue }
            var name = String(word.drop { $0 == "-" })
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "version" && command == nil { command = "--version"; continue }
            if spec.values.contains(name) {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < words.count else {
                        throw SodiemError.usage(Message(vi: "Tuỳ chọn --\(name) cần một giá trị.",
                                                        en: "The option --\(name) needs a value."))
                    }
                    value = words[index]
                    index += 1
                }
                if arguments.values[name] != nil && !spec.repeating.contains(name) && arguments.values[name] != [value] {
                    throw SodiemError.usage(Message(vi: "Tuỳ chọn --\(name) được cho hai lần với giá trị khác nhau.",
                                                    en: "The option --\(name) is given twice with different values."))
                }
                arguments.values[name, default: []].append(value)
            } else if spec.flags.contains(name) {
                guard inline == nil else {
                    throw SodiemError.usage(Message(vi: "Cờ --\(name) không nhận giá trị.", en: "The flag --\(name) takes no value."))
                }
                arguments.flags.insert(name)
            } else {
                // An unknown command is the real mistake, not the options that follow it.
                if let command, command != "--version", specFor(command) == nil {
                    throw SodiemError.usage(Message(vi: "Lệnh không biết: \(command). Xem `sodiem help`.",
                                                    en: "Unknown command: \(command). See `sodiem help`."))
                }
                let shown = command.map { " \($0)" } ?? ""
                throw SodiemError.usage(Message(vi: "Tuỳ chọn không biết: \(word). Xem `sodiem help\(shown)`.",
                                                en: "Unknown option: \(word). See `sodiem help\(shown)`."))
            }
        }
        if let command, specFor(command) != nil, arguments.positionals.count > spec.positionals,
           !arguments.has("help"), !arguments.has("h") {
            throw SodiemError.usage(Message(vi: "Thừa đối số: \(arguments.positionals[spec.positionals...].joined(separator: " ")). Xem `sodiem help \(command)`.",
                                            en: "Unexpected argument: \(arguments.positionals[spec.positionals...].joined(separator: " ")). See `sodiem help \(command)`."))
        }
        return (command, arguments)
    }
}

import Foundation
