import SodiemBasics

/// The one catalogue of how the command line is spelled in messages: the libraries name a
/// situation (`NextStep`), a command (`CommandName`) or an option (`OptionName`), and this
/// writes it, in both languages. `Tests/SodiemCLITests/SpellingTests.swift` holds every
/// spelling to the commands and options the declarations accept.
enum Spelling {
    /// A reference as the user reads it.
    static func spell(_ reference: Reference, _ language: Language) -> String {
        switch reference {
        case .step(let step): return line(step, language)
        case .command(let command): return name(command)
        case .option(let option): return "--" + name(option)
        }
    }

    /// A message's text with its references spelled: what every message shown goes through.
    static func text(_ message: Message, _ language: Language) -> String {
        message.text(language, spelling: spell)
    }

    /// The command's name as typed after `sodiem`.
    static func name(_ command: CommandName) -> String {
        switch command {
        case .initialise: "init"
        case .userAdd: "user add"
        case .userSet: "user set"
        case .importStudents: "import-students"
        case .enterScore: "enter-score"
        case .unlockTerm: "unlock-term"
        case .individualPlan: "individual-plan"
        case .requestFix: "request-fix"
        case .transferOut: "transfer-out"
        }
    }

    /// The option's name without its dashes.
    static func name(_ option: OptionName) -> String {
        switch option {
        case .acting: return "as"
        case .className: return "class"
        default:
            // camelCase to the command line's kebab-case: editWindowDays → edit-window-days.
            var spelled = ""
            for character in option.rawValue {
                if character.isUppercase { spelled += "-" + character.lowercased() } else { spelled.append(character) }
            }
            return spelled
        }
    }

    /// The command line that does the next step, with the placeholders of the user's language.
    static func line(_ step: NextStep, _ language: Language) -> String {
        let english = language == .english
        switch step {
        case .initialise:
            return english ? "sodiem init --school \"School name\"" : "sodiem init --school \"Tên trường\""
        case .initialiseAsFirstAdmin:
            return english ? "sodiem init --admin ID --name \"Full Name\" --school ..." : "sodiem init --admin MA --name \"Họ Tên\" --school ..."
        case .registerOSUser(let osUser):
            return english ? "sodiem user add ID --name \"Full Name\" --role teacher --os-user \(osUser)"
                : "sodiem user add MA --name \"Họ Tên\" --role teacher --os-user \(osUser)"
        case .listAccounts: return "sodiem user list"
        case .createCurrentYear: return "sodiem year create 2024-2025 --current"
        case .showYears: return "sodiem year show"
        case .changeYear: return "sodiem year set"
        case .setTermDates(let term): return "sodiem year set --term\(term) " + (english ? "START:END" : "BẮT-ĐẦU:KẾT-THÚC")
        case .widenEditWindow: return "sodiem year set --edit-window-days N"
        case .changeSchoolDays: return "sodiem year set --school-days"
        case .listClasses: return "sodiem class list"
        case .addClass: return "sodiem class add"
        case .listStudents(let className): return "sodiem students --class \(className ?? "…")"
        case .assignmentsOfClass(let className): return "sodiem assignments --class \(className)"
        case .assignmentsOfTeacher(let teacher): return "sodiem assignments --teacher \(teacher)"
        case .assign: return "sodiem assign"
        case .listFixes: return "sodiem fixes"
        case .requestFix: return "sodiem request-fix"
        case .requestFixInClass(let className): return "sodiem request-fix --class \(className) …"
        case .requestFixOfScore(let className, let subject, let term, let student, let column, let value, let clearing):
            let target = value.map { "--to \($0)" } ?? (clearing ? "--clear" : "--to " + (english ? "VALUE" : "GIÁ-TRỊ"))
            return "sodiem request-fix --class \(className) --subject \(subject) --term \(term)"
                + " --student \(student ?? (english ? "ID" : "MÃ-HS")) --column \(column ?? (english ? "COLUMN" : "CỘT")) \(target) --reason \"…\""
        case .rejectFix(let id): return "sodiem reject-fix \(id)"
        case .lockTerm(let term): return "sodiem lock-term --term \(term)"
        case .reopenAttendance(let className, let month):
            return "sodiem attendance --class \(className) --month \(month) --reopen --reason \"…\""
        case .makeSnapshot(let name): return "sodiem snapshot --name \(name)"
        case .verify: return "sodiem verify"
        case .restore: return "sodiem restore"
        case .restoreIntoNewDirectory:
            return english ? "sodiem restore --archive FILE --data NEW-DIR" : "sodiem restore --archive TỆP --data THƯ-MỤC-MỚI"
        case .checkInstall: return "sudo sodiem install --check"
        case .install: return "sudo sodiem install"
        case .buildStaticBinary: return "swift build -c release --static-swift-stdlib"
        case .installReleaseBuild: return "sudo .build/release/sodiem install"
        }
    }
}
