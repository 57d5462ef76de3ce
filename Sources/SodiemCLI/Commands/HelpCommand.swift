import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem help [COMMAND]`: the list of commands, or one command's help.
enum HelpCommand: Command {
    static let name = "help"
    static let summary = Message(vi: "Trợ giúp về một lệnh", en: "Help on a command")
    static let options = OptionSpec(positionals: 1)
    static let help = """
        Usage: sodiem help [COMMAND]

        Example:
          sodiem help enter-score

        """

    static func run(_ context: Context) throws(SodiemError) {
        guard let name = context.arguments.positionals.first else {
            context.write(overview(context.language))
            return
        }
        guard let command = SodiemCommandLine.commandNamed(name) else {
            throw SodiemError.usage(Message(vi: "Lệnh không biết: \(name). Xem `sodiem help`.", en: "Unknown command: \(name). See `sodiem help`."))
        }
        context.write(command.help)
    }

    /// The list of commands with their summaries.
    static func overview(_ language: Language) -> String {
        let width = allCommands.map { $0.name.count }.max() ?? 10
        var text = language == .english
            ? "sodiem — the electronic gradebook and transcript of a lower-secondary school (TT22)\n\nUsage: sodiem [--data DIR] [--as USER] <command> [options]\n\nCommands:\n"
            : "sodiem — sổ điểm điện tử và học bạ điện tử trường THCS (Thông tư 22)\n\nDùng: sodiem [--data DIR] [--as USER] <lệnh> [tuỳ chọn]\n\nCác lệnh:\n"
        for command in allCommands {
            text += "  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + command.summary.text(language) + "\n"
        }
        text += language == .english
            ? "\nGlobal options: --data DIR, --as USER, --year YYYY-YYYY, --format text|json|csv|html, --out FILE.\nEnvironment: SODIEM_DATA, SODIEM_NOW, SODIEM_LANG=en, SODIEM_LOCK_WAIT.\n`sodiem help COMMAND` shows a command's options and an example.\n"
            : "\nTuỳ chọn chung: --data DIR, --as USER, --year YYYY-YYYY, --format text|json|csv|html, --out FILE.\nBiến môi trường: SODIEM_DATA, SODIEM_NOW, SODIEM_LANG=en, SODIEM_LOCK_WAIT.\n`sodiem help LỆNH` cho biết tuỳ chọn và ví dụ của lệnh.\n"
        return text
    }
}
