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
    static let spec = CommandSpec(
        "print-ledger",
        summary: Message(vi: "In sổ theo dõi và đánh giá của lớp, bảng điểm môn, hoặc sổ trắng", en: "Print a class ledger, a subject sheet, or a blank gradebook"),
        audience: .homeroomTeacher,
        usage: ["print-ledger --class 6A1 [--term 1|2|year] [--out FILE] [--format html|text|pdf] [--sign --p12 FILE | --sign --key KEY.pem --cert CERT.pem]",
                "print-ledger --class 6A1 --subject toan --term 1 [--format text|csv|xlsx] [--out FILE]",
                "print-ledger --teacher ID --blank [--term 1|2] [--out FILE]"],
        details: Message(vi: """
            --class: sổ theo dõi và đánh giá học sinh theo lớp học: bìa, lớp và giáo viên, thông tin học
            sinh, chuyên cần theo tháng (P/K), bảng điểm từng môn theo học kì (tx, gk, ck, ĐTBmhk; học kì
            II có thêm HK I, ĐTBmcn và kiểm tra lại), tổng hợp học kì, tổng hợp cả năm (học kì 2 và cả
            năm) và chỗ kí. Ô đã sửa hiện điểm cũ gạch ngang, điểm mới và số biên bản (BB số N). --term
            mặc định là học kì của hôm nay, nếu không thì cả năm. Mặc định HTML (A4, để in); --format text
            in phần tổng hợp ra màn hình. Ai dạy lớp, ban giám hiệu, quản trị viên, hệ thống.

            --class --subject --term: bảng điểm một môn: ma_hs, ho_ten, tx1..txN, gk, ck với điểm hiện
            có, theo thứ tự danh sách lớp. CSV (dấu chấm thập phân; có BOM trong tệp --out để Excel đọc
            đúng tên tiếng Việt) hoặc XLSX (--format xlsx: mã dạng chữ, điểm hiện 0.0, cố định hàng tiêu
            đề, danh sách Đ/CĐ cho môn nhận xét, A4 ngang) là tệp mà `enter-score --file` nhận lại: nhập
            lại nguyên vẹn thì không thay đổi gì. Text (mặc định ở đây) là bảng với dấu phẩy thập phân. Người vào điểm của môn cho
            lớp, giáo viên chủ nhiệm, ban giám hiệu và quản trị viên.

            --teacher MÃ --blank: sổ trắng của giáo viên cho một học kì: mọi lớp và môn giáo viên vào điểm,
            danh sách lớp và các cột trống, mỗi phân môn một bảng với môn có phân môn. Giáo viên đó hoặc
            quản trị viên.

            --format pdf (hoặc --out TỆP.pdf) in sổ của lớp hoặc sổ trắng qua Chromium không giao diện
            (gói chromium; thiếu thì mã 69), sẵn sàng đưa máy in; sổ của lớp kí số được bằng --sign (giáo
            viên chủ nhiệm hoặc hiệu trưởng), xem docs/signing.md.
            """, en: """
            --class: the class ledger (Sổ theo dõi và đánh giá học sinh theo lớp học): cover, class
            and teachers, particulars, monthly attendance (P/K), every subject's sheet per term
            (tx, gk, ck, ĐTBmhk; in term II also HK I, ĐTBmcn and re-test), term summaries, the
            year summary (term 2 and year) and the signatures. Corrected cells show the struck old
            value, the new value and the record number (BB số N). --term defaults to the term
            today is in, else the year. HTML (A4, for printing) by default; --format text prints
            the summaries for the terminal. Anyone who teaches the class, the board, admin, system.

            --class --subject --term: one subject's sheet: ma_hs, ho_ten, tx1..txN, gk, ck with the
            current scores, in class-list order. CSV (decimal point; a BOM in an --out file so Excel
            reads the Vietnamese names) or XLSX (--format xlsx: ids as text, scores shown 0.0, the
            header frozen, a Đ/CĐ drop-down for comment subjects, A4 landscape) is the file
            `enter-score --file` takes back: entering it back unchanged changes nothing. Text (the default here) is a table with the decimal comma.
            The subject's enterers for the class, the homeroom teacher, the board and admins.

            --teacher ID --blank: the teacher's blank gradebook (sổ trắng) for a term: every class
            and subject the teacher enters, the class list and empty columns, a sheet per part for
            subjects with parts. That teacher or an admin.

            --format pdf (or --out FILE.pdf) prints the class ledger or the blank gradebook through
            headless Chromium (package chromium; 69 without it), ready for the printer; the class
            ledger signs with --sign (the homeroom teacher or the principal), see docs/signing.md.
            """),
        options: [.className, .period, .subject.meaning(vi: "bảng điểm của môn này", en: "this subject's sheet"), .teacher,
                  .flag("blank", vi: "sổ trắng của --teacher", en: "the blank gradebook of --teacher")] + OptionDeclaration.signing,
        examples: ["print-ledger --class 6A1 --term 1 --out so-6A1-hk1.html",
                   "print-ledger --class 6A1 --subject toan --term 1 --format csv --out toan-6A1.csv",
                   "print-ledger --class 6A1 --subject toan --term 1 --out toan-6A1.xlsx",
                   "print-ledger --teacher gv.long01 --blank --term 1 --out so-trang.html",
                   "print-ledger --class 6A1 --term year --out so-6A1.pdf --sign --p12 gvcn.p12 --pass-env P12_PASS"],
        exitCodes: ExitCodeDeclaration.signing + [.missing(vi: "không có lớp, môn hoặc giáo viên này", en: "no such class, subject or teacher"),
                    .cannotWrite(vi: "không ghi được --out", en: "cannot write --out"),
                    .denied(vi: "không được phép in", en: "not permitted to print it"),
                    .config(vi: "năm học chưa có học kì này", en: "the year has no such term")] + ExitCodeDeclaration.session)

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
        let term = String(try context.options.term().rawValue)
        let format = try context.format(default: .text, allowed: [.text, .csv, .xlsx])
        let session = try context.session(.read)
        let year = try session.year(context.requestedYear)
        let sheet = try session.subjectSheet(year, className: className, subject: subject, term: term)
        let columns = sheet.sheet.columns
        switch format {
        case .csv, .xlsx:
            let header = ["ma_hs", "ho_ten"] + columns.map(\.description)
            let rows = sheet.rows.map { row in [row.id, row.name] + columns.map { row.marks[$0]?.description ?? "" } }
            // The sheet to fill: scores shown 0.0, or a drop-down of the levels for a comment subject.
            let kind: XLSXSheet.Column = sheet.sheet.subject.kind == .comment ? .choice(["Đ", "CĐ"]) : .score
            try context.writeTable(header: header, sheets: [("\(sheet.sheet.className) \(sheet.sheet.subject.code) hk\(sheet.sheet.term.rawValue)", rows)],
                                   columns: [.text, .text] + columns.map { _ in kind }, now: session.now)
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
