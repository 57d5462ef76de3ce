import Foundation
import SodiemCore

// TEMPORARY dispatcher of the `printing` branch: the `scores` branch owns this file and the
// subject sheet (`--subject`); the lead merges the two. The documents are in PrintLedgerDocuments.swift.

/// `sodiem print-ledger`: the class ledger, or a teacher's blank gradebook.
enum PrintLedgerCommand: Command {
    static let name = "print-ledger"
    static let summary = Message(vi: "In sổ theo dõi và đánh giá của lớp, hoặc sổ trắng của giáo viên", en: "Print a class ledger, or a teacher's blank gradebook")
    static let options = OptionSpec(values: ["class", "term", "subject", "teacher"], flags: ["blank"])
    static let help = """
        Usage: sodiem print-ledger --class 6A1 [--term 1|2|year] [--out FILE] [--format html|text]
               sodiem print-ledger --teacher ID --blank [--term 1|2] [--out FILE]

        --class: the class ledger (Sổ theo dõi và đánh giá học sinh theo lớp học): cover, class
        and teachers, particulars, monthly attendance (P/K), every subject's sheet per term
        (tx, gk, ck, ĐTBmhk; in term II also HK I, ĐTBmcn and re-test), term summaries, the
        year summary (term 2 and year) and the signatures. Corrected cells show the struck old
        value, the new value and the record number (BB số N). --term defaults to the term
        today is in, else the year. HTML (A4, for printing) by default; --format text prints
        the summaries for the terminal. Anyone who teaches the class, the board, admin, system.

        --teacher ID --blank: the teacher's blank gradebook (sổ trắng) for a term: every class
        and subject the teacher enters, the class list and empty columns, a sheet per part for
        subjects with parts. That teacher or an admin.

        Examples:
          sodiem print-ledger --class 6A1 --term 1 --out so-6A1-hk1.html
          sodiem print-ledger --teacher gv.long01 --blank --term 1 --out so-trang.html

        """

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        if a.value("subject") != nil {
            throw SodiemError.usage(Message(vi: "print-ledger --subject (bảng điểm một môn) được xử lý ở nơi khác trong bản này.",
                                            en: "print-ledger --subject (one subject's sheet) is handled elsewhere in this build."))
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
}
