import Foundation
import SodiemCore

/// `sodiem print-ledger`: the printed ledgers. For now the subject sheet (`--subject`).
///
/// The forms are separate branches of `run`: `--class C --subject S --term T` (the subject sheet,
/// here), `--class C` alone (the class ledger) and `--teacher ID --blank` (the blank gradebook)
/// are to be added beside it.
enum PrintLedgerCommand: Command {
    static let name = "print-ledger"
    static let summary = Message(vi: "In sổ điểm (bảng điểm môn)", en: "Print a ledger (a subject's score sheet)")
    static let options = OptionSpec(values: ["class", "subject", "term", "teacher"], flags: ["blank"])
    static let help = """
        Usage: sodiem print-ledger --class 6A1 --subject toan --term 1 [--format text|csv] [--out FILE]

        The subject's sheet for the class and term: ma_hs, ho_ten, tx1..txN, gk, ck with the
        current scores, students in class-list order. CSV (decimal point, no BOM on standard
        output, a BOM in an --out file so Excel reads the Vietnamese names) is the file that
        `enter-score --file` takes back; entering it back unchanged changes nothing. Text is an
        aligned table with the decimal comma. The subject's enterers for the class, the
        homeroom teacher, the board and admins.

        Exit codes: 0 done; 64 usage; 66 no such class or subject; 77 not permitted; 78 no such term.

        Example:
          sodiem print-ledger --class 6A1 --subject toan --term 1 --format csv --out toan-6A1.csv

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        if a.value("subject") != nil {
            try subjectSheet(context)
        } else {
            throw SodiemError.usage(Message(
                vi: "Bản này chỉ in bảng điểm môn: sodiem print-ledger --class LỚP --subject MÔN --term 1|2 [--format csv|text].",
                en: "This build prints the subject sheet only: sodiem print-ledger --class CLASS --subject SUBJECT --term 1|2 [--format csv|text]."))
        }
    }

    /// `--class C --subject S --term T`: one subject's sheet.
    static func subjectSheet(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let className = try a.required("class", command: name)
        let subject = try a.required("subject", command: name)
        let term = try a.required("term", command: name)
        let format = try context.format(default: .text, allowed: [.text, .csv])
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        let sheet = try session.subjectSheet(year, className: className, subject: subject, term: term)
        let columns = sheet.sheet.columns
        switch format {
        case .csv:
            let header = ["ma_hs", "ho_ten"] + columns.map(\.description)
            let rows = sheet.rows.map { row in [row.id, row.name] + columns.map { row.marks[$0]?.description ?? "" } }
            context.write(CSV.write(header: header, rows: rows, bom: a.value("out") != nil))
        default:
            let spec = sheet.sheet
            context.write(context.text(
                vi: "Lớp \(spec.className) — \(spec.subject.name) — học kì \(spec.term.rawValue) — năm học \(sheet.year)\n",
                en: "Class \(spec.className) — \(spec.subject.name) — term \(spec.term.rawValue) — \(sheet.year)\n"))
            let header = (context.language == .english ? ["#", "ID", "NAME"] : ["STT", "MÃ HS", "HỌ VÀ TÊN"])
                + columns.map { $0.description.uppercased() }
            let rows = sheet.rows.enumerated().map { index, row in
                ["\(index + 1)", row.id, row.name] + columns.map { row.marks[$0]?.printed ?? "" }
            }
            context.write(Render.table(header, rows))
        }
    }
}
