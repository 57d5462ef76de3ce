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
    static let spec = CommandSpec(
        "help",
        summary: Message(vi: "Trợ giúp về một lệnh", en: "Help on a command"),
        audience: .everyone,
        usage: ["help [COMMAND]", "COMMAND --help"],
        details: Message(vi: """
            Không có LỆNH: danh sách các lệnh theo người dùng. Có LỆNH: tuỳ chọn, mã thoát và ví dụ của
            lệnh. Tiếng Việt mặc định; tiếng Anh với SODIEM_LANG=en.
            """, en: """
            Without COMMAND: the commands, grouped by who uses them. With COMMAND: its options, exit
            codes and examples. Vietnamese by default; English with SODIEM_LANG=en.
            """),
        positionals: 1,
        examples: ["help enter-score"],
        exitCodes: [])

    static func run(_ context: Context) throws(SodiemError) {
        guard let name = context.arguments.positionals.first else {
            context.write(HelpText.overview(context.language))
            return
        }
        guard let command = SodiemCommandLine.commandNamed(name) else {
            throw SodiemError.usage(Message(vi: "Lệnh không biết: \(name). Xem `sodiem help`.", en: "Unknown command: \(name). See `sodiem help`."))
        }
        context.write(command.help(context.language))
    }
}
