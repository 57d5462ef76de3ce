import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `print-ledger --class` (the class ledger) and `print-ledger --teacher --blank` (the blank gradebook).
///
/// Kept apart from the command's dispatcher so the subject sheet (`--subject`) can live in its own file.
enum PrintLedgerDocuments {
    /// `print-ledger --class C [--term 1|2|year] [--format html|text]`.
    static func classLedger(context: Context) throws(SodiemError) {
        let a = context.arguments
        let format = try context.format(default: .html, allowed: [.html, .text, .pdf])
        let className = try a.required("class", command: PrintLedgerCommand.name)
        if format == .text {
            let session = try context.session(.read)
            let year = try session.year(context.requestedYear)
            let period = try ResultsRendering.period(context.options.period(), session: session, year: year)
            context.write(text(try session.classLedger(year, className: className, period: period), context))
            return
        }
        try DocumentOutput.emit(context, format: format) { session throws(SodiemError) in
            let year = try session.year(context.requestedYear)
            let period = try ResultsRendering.period(context.options.period(), session: session, year: year)
            let ledger = try session.classLedger(year, className: className, period: period)
            return (ledger.html(), SignedDocument(kind: "ledger", year: year.name, className: year.storedClassName(className), student: nil))
        }
    }

    /// The terminal version: the summary of each term, and of the year where it is printed.
    static func text(_ ledger: ClassLedger, _ context: Context) -> String {
        var out = "\(ledger.school.name)\n"
        out += context.text(vi: "SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH – lớp \(ledger.classFile.name), năm học \(ledger.year.name), \(PrintedNames.phrase(ledger.period))\n",
                            en: "CLASS LEDGER – \(ledger.classFile.name), \(ledger.year.name), \(ResultsRendering.name(ledger.period))\n")
        out += context.text(vi: "Giáo viên chủ nhiệm: \(ledger.homeroom) · Sĩ số: \(ledger.evaluations.count)\n",
                            en: "Homeroom teacher: \(ledger.homeroom) · Students: \(ledger.evaluations.count)\n")
        for term in ledger.terms {
            out += "\n" + context.text(vi: "Tổng hợp \(PrintedNames.phrase(.term(term)))", en: "Summary of term \(term.rawValue)") + "\n"
            let dates = ledger.year.calendar.terms[term]
            let header = ["STT", context.text(vi: "HỌ VÀ TÊN", en: "NAME")] + ledger.subjects.map(ResultsRendering.short)
                + [context.text(vi: "HT", en: "LRN"), context.text(vi: "RL", en: "CND"), context.text(vi: "NGHỈ", en: "ABS")]
            out += Render.table(header, ledger.evaluations.enumerated().map { i, ev in
                let results = ev.results.term(term)
                let absent = dates.map { AbsenceCount(ev.record.absences, mainSession: ledger.year.calendar.mainSession(grade: ev.input.grade),
                                                      from: $0.start, through: $0.end).total } ?? 0
                return ["\(i + 1)", ev.record.name] + ledger.subjects.map { results.subject($0)?.result?.printed ?? "-" }
                    + [results.learning?.rawValue ?? "-", results.conduct?.rawValue ?? "-", "\(absent)"]
            })
        }
        if ledger.includesYear {
            out += "\n" + context.text(vi: "Tổng hợp cả năm", en: "Year summary") + "\n"
            let header = ["STT", context.text(vi: "HỌ VÀ TÊN", en: "NAME"), context.text(vi: "RL", en: "CND"), context.text(vi: "HT", en: "LRN"),
                          context.text(vi: "RL HÈ", en: "CND SUMMER"), context.text(vi: "HT SAU KTL", en: "LRN RETEST"),
                          context.text(vi: "NGHỈ", en: "ABS"), context.text(vi: "KẾT QUẢ", en: "OUTCOME"), context.text(vi: "DANH HIỆU", en: "TITLE")]
            out += Render.table(header, ledger.evaluations.enumerated().map { i, ev in
                let y = ev.results.year
                return ["\(i + 1)", ev.record.name, y.conductInitial?.rawValue ?? "-", y.learningInitial?.rawValue ?? "-",
                        ev.record.conduct["summer"]?.rawValue ?? "-", y.learningAfterRetestAssessment?.level.rawValue ?? "-",
                        "\(ev.input.absences)", PrintedNames.outcome(y.outcome, grade: ledger.classFile.grade).nonEmpty ?? "-",
                        PrintedNames.title(y.title).nonEmpty ?? "-"]
            })
        }
        out += "\n" + ledger.footer + "\n"
        return out
    }

    /// `print-ledger --teacher ID --blank [--term 1|2]`.
    static func blankGradebook(context: Context) throws(SodiemError) {
        let a = context.arguments
        let teacher = try a.required("teacher", command: PrintLedgerCommand.name)
        let format = try context.format(default: .html, allowed: [.html, .pdf])
        if a.has("sign") {
            throw SodiemError.usage(Message(vi: "Sổ trắng không kí số.", en: "The blank gradebook is not signed."))
        }
        try DocumentOutput.emit(context, format: format) { session throws(SodiemError) in
            let year = try session.year(context.requestedYear)
            let term: Term
            switch try ResultsRendering.period(context.options.period(), session: session, year: year) {
            case .term(let t): term = t
            case .year:
                throw SodiemError.usage(Message(vi: "Sổ trắng in theo học kì: cho --term 1 hoặc --term 2.",
                                                en: "The blank gradebook is printed per term: give --term 1 or --term 2."))
            }
            let book = try session.blankGradebook(year, teacher: teacher, term: term)
            return (book.html(), SignedDocument(kind: "blank-gradebook", year: year.name, className: "", student: nil))
        }
    }
}

extension String {
    /// Nil when empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
