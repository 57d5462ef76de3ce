import SodiemBasics

extension OptionDeclaration {
    /// The same option with the meaning it has for one command (`.file.meaning(vi: "bảng điểm môn", en: …)`).
    func meaning(vi: String, en: String) -> Self {
        Self(name: name, placeholder: placeholder, kind: kind, about: Message(vi: vi, en: en))
    }
}

/// `help COMMAND`, `COMMAND --help` and `sodiem help`, generated from the declarations.
enum HelpText {
    /// One command's help in a language.
    static func command(_ spec: CommandSpec, _ language: Language) -> String {
        let en = language == .english
        var text = "sodiem \(spec.name) — \(spec.summary.text(language))\n\n"
        let lead = en ? "Usage: " : "Dùng: "
        for (index, line) in spec.usage.enumerated() {
            text += (index == 0 ? lead : String(repeating: " ", count: lead.count)) + "sodiem " + line + "\n"
        }
        let details = spec.details.text(language)
        if !details.isEmpty { text += "\n" + details + (details.hasSuffix("\n") ? "" : "\n") }
        if !spec.options.isEmpty {
            text += en ? "\nOptions:\n" : "\nTuỳ chọn:\n"
            text += table(spec.options.map { option in
                let repeats = option.kind == .repeating ? (en ? " (may repeat)" : " (lặp lại được)") : ""
                return (option.synopsis(language), option.about.text(language) + repeats)
            })
        }
        text += (en ? "\nGlobal options: " : "\nTuỳ chọn chung: ")
            + OptionDeclaration.globals.filter { $0.name != "h" }.map { $0.synopsis(language) }.joined(separator: ", ")
            + (en ? ", -h (see `sodiem help`)\n" : ", -h (xem `sodiem help`)\n")
        text += en ? "\nExit codes:\n" : "\nMã thoát:\n"
        text += table(spec.allExitCodes.map { ("\($0.code)", $0.meaning.text(language)) })
        if !spec.examples.isEmpty {
            text += en ? "\nExamples:\n" : "\nVí dụ:\n"
            for example in spec.examples { text += "  sodiem \(example)\n" }
        }
        return text
    }

    /// Two columns, the first padded to its widest entry.
    static func table(_ rows: [(String, String)]) -> String {
        let width = min(rows.map { $0.0.count }.max() ?? 0, 34)
        return rows.map { left, right in
            left.count > width
                ? "  \(left)\n  \(String(repeating: " ", count: width))  \(right)\n"
                : "  \(left.padding(toLength: width, withPad: " ", startingAt: 0))  \(right)\n"
        }.joined()
    }

    /// `sodiem help`: the commands grouped by who uses them.
    static func overview(_ language: Language) -> String {
        let en = language == .english
        var text = en
            ? "sodiem — the electronic gradebook and transcript of a lower-secondary school (TT22)\n\nUsage: sodiem [--data DIR] [--as USER] <command> [options]\n"
            : "sodiem — sổ điểm điện tử và học bạ điện tử trường THCS (Thông tư 22)\n\nDùng: sodiem [--data THƯ-MỤC] [--as TÀI-KHOẢN] <lệnh> [tuỳ chọn]\n"
        let width = allCommands.map { $0.spec.name.count }.max() ?? 10
        for audience in Audience.allCases {
            let commands = allCommands.filter { $0.spec.audience == audience }
            guard !commands.isEmpty else { continue }
            text += "\n" + audience.title.text(language) + ":\n"
            for command in commands {
                text += "  " + command.spec.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + command.spec.summary.text(language) + "\n"
            }
        }
        text += "\n" + (en ? "Global options:\n" : "Tuỳ chọn chung:\n")
        text += table(OptionDeclaration.globals.filter { $0.name != "h" }.map { ($0.synopsis(language), $0.about.text(language)) })
        text += en
            ? "Environment: SODIEM_DATA, SODIEM_NOW, SODIEM_LANG=en, SODIEM_LOCK_WAIT.\n`sodiem help COMMAND` shows a command's options, exit codes and examples.\n"
            : "Biến môi trường: SODIEM_DATA, SODIEM_NOW, SODIEM_LANG=en, SODIEM_LOCK_WAIT.\n`sodiem help LỆNH` cho biết tuỳ chọn, mã thoát và ví dụ của lệnh.\n"
        return text
    }
}
