import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem print-ledger`: the class ledger, one subject's sheet, or a teacher's blank gradebook.
///
/// The documents themselves are built in SodiemCore/Printing; the HTML forms are rendered in
/// PrintLedgerDocuments.swift, the subject sheet here.
enum PrintLedgerCommand: Command {
    static let name = "print-ledger"
    static let summary = Message(vi: "In sổ theo dõi và đánh giá của lớp, bảng điểm môn, hoặc sổ trắng", en: "Print a class ledger, a subject sheet, or a blank gradebook")
    static let options = OptionSpec(values: ["class", "term", "subject", "teacher"], flags: ["blank"])
    static let help = """
        Usage: sodiem print-ledger --class 6A1 [--term 1|2|year] [--out FILE] [--format html|text]
               sodiem print-ledger --class 6A1 --subject toan --term 1 [--format text|csv] [--out FILE]
               sodiem print-ledger --teacher ID --blank [--term 1|2] [--out FILE]

        --class: the class ledger (Sổ theo dõi và đánh giá học sinh theo lớp học): cover, class
        and teachers, particulars, monthly attendance (P/K), every subject's sheet per term
        (tx, gk, ck, ĐTBmhk; in term II also HK I, ĐTBmcn and re-test), term summaries, the
        year summary (term 2 and year) and the signatures. Corrected cells show the struck old
        value, the new value and the record number (BB số N). --term defaults to the term
        today is in, else the year. HTML (A4, for printing) by default; --format text prints
        the summaries for the terminal. Anyone who teaches the class, the board, admin, system.

        --class --subject --term: one subject's sheet: ma_hs, ho_ten, tx1..txN, gk, ck with the
        current scores, in class-list order. CSV (decimal point; a BOM in an --out file so Excel
        reads the Vietnamese names) is the file `enter-score --file` takes back: entering it back
        unchanged changes nothing. Text (the default here) is a table with the decimal comma.
        The subject's enterers for the class, the homeroom teacher, the board and admins.

        --teacher ID --blank: the teacher's blank gradebook (sổ trắng) for a term: every class
        and subject the teacher enters, the class list and empty columns, a sheet per part for
        subjects with parts. That teacher or an admin.

        Print the HTML to PDF with headless Chromium:
          chromium --headless --no-pdf-header-footer --print-to-pdf=so.pdf so-6A1-hk1.html

        Exit codes: 0 done; 64 usage; 66 no such class, subject or teacher; 73 cannot write
        --out; 77 not permitted; 78 no such term.

        Examples:
          sodiem print-ledger --class 6A1 --term 1 --out so-6A1-hk1.html
          sodiem print-ledger --class 6A1 --subject toan --term 1 --format csv --out toan-6A1.csv
          sodiem print-ledger --teacher gv.long01 --blank --term 1 --out so-trang.html

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        if a.value("subject") != nil {
            try subjectSheet(context)
            return
        }
        if a.value("teacher") != nil || a.has("blank") {
            guard a.has("blank"), a.value("teacher") != nil, a.value("class") == nil else {
                throw SodiemError.usage(Message(vi: "Sổ trắng cần cả --teacher ID và --blank (không kèm --class). Xem `sodiem help print-ledger`.",
                                                en: "The blank gradebook needs both --teacher ID and --blank (without --class). See `sodiem help print-ledger`."))
            }
            try PrintLedgerDocuments.blankGradebook(context: context)
            return
        }
        guard a.value("class") != nil else {
            throw SodiemError.usage(Message(vi: "print-ledger cần --class C (hoặc --teacher ID --blank). Xem `sodiem help print-ledger`.",
                                            en: "print-ledger needs --class C (or --teacher ID --blank). See `sodiem help print-ledger`."))
        }
        try PrintLedgerDocuments.classLedger(context: context)
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
