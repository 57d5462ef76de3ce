import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// The results of cli.md's JSON shape, and their text and CSV forms.
enum ResultsRendering {
    /// `1`, `2` or `year` from `--term` (default: the term today falls in, else `year`).
    static func period(_ given: Period?, session: Session, year: YearFile) -> Period {
        given ?? year.calendar.term(containing: session.now.day).map(Period.term) ?? .year
    }

    static func name(_ period: Period) -> String {
        switch period {
        case .term(let t): return "\(t.rawValue)"
        case .year: return "year"
        }
    }

    static func mark(_ mark: Mark?) -> JSON { mark?.json ?? .null }

    /// Absences in a period (a term's dates, or the whole year).
    static func absences(_ record: StudentRecord, _ period: Period, _ year: YearFile, grade: Int) -> Int {
        let main = year.calendar.mainSession(grade: grade)
        guard case .term(let term) = period, let dates = year.calendar.terms[term] else {
            return AbsenceCount(record.absences, mainSession: main).total + record.carriedAbsences()
        }
        return AbsenceCount(record.absences, mainSession: main, from: dates.start, through: dates.end).total + record.carriedAbsences(term)
    }

    /// One student as cli.md's `results --format json` shows them.
    static func json(_ e: StudentEvaluation, _ period: Period, _ year: YearFile) -> JSON {
        var subjects: [String: JSON] = [:]
        var student: [String: JSON] = ["id": .string(e.id), "name": .string(e.record.name),
                                       "absences": .int(absences(e.record, period, year, grade: e.input.grade))]
        switch period {
        case .term(let term):
            let results = e.results.term(term)
            for subject in results.subjects {
                let marks = e.record.marks(subject.code, term)
                var item: [String: JSON] = [
                    "tx": .array((0..<subject.regularCount).map { $0 < marks.regular.count ? mark(marks.regular[$0]) : .null }),
                    "gk": mark(marks.midTerm), "ck": mark(marks.endOfTerm),
                ]
                if subject.kind == .scored { item["average"] = mark(subject.result) } else { item["result"] = mark(subject.result) }
                if e.record.individualPlan?.subjects?.contains(subject.code) == true { item["plan"] = .bool(true) }
                subjects[subject.code] = .object(item)
            }
            student["learning"] = .optional(results.learning?.rawValue)
            student["conduct"] = .optional(results.conduct?.rawValue)
            student["title"] = .null
            student["outcome"] = .null
            if let proposed = results.proposedLearning { student["proposed"] = .object(["learning": .string(proposed.rawValue)]) }
        case .year:
            let results = e.results.year
            for subject in results.subjects {
                var item: [String: JSON] = ["term1": mark(subject.term1), "term2": mark(subject.term2)]
                item[subject.kind == .scored ? "average" : "result"] = mark(subject.result)
                if let retest = subject.retest { item["retest"] = retest.json }
                if e.record.individualPlan?.subjects?.contains(subject.code) == true { item["plan"] = .bool(true) }
                subjects[subject.code] = .object(item)
            }
            student["learning"] = .optional(results.learning?.rawValue)
            student["conduct"] = .optional(results.conduct?.rawValue)
            student["learning_initial"] = .optional(results.learningInitial?.rawValue)
            student["conduct_initial"] = .optional(results.conductInitial?.rawValue)
            student["title"] = .optional(results.title?.rawValue)
            student["outcome"] = .optional(results.outcome?.rawValue)
            if !results.retestSubjects.isEmpty { student["retest_subjects"] = .array(results.retestSubjects.map(JSON.string)) }
            if let plan = e.record.individualPlan {
                // Left to the principal (Điều 11): show what the principal recorded.
                student["individual_plan"] = .object(["decision": .string(plan.decision),
                                                      "recorded": .object(plan.recorded.mapValues(JSON.string))])
                for key in ["learning", "title", "outcome"] { student[key] = .optional(plan.recorded[key]) }
                // Proposed from the subjects assessed as usual, for the principal's decision (Điều 12.4).
                if let proposal = results.proposal {
                    student["proposed"] = .object(["learning": .optional(proposal.learning?.rawValue), "outcome": .optional(proposal.outcome?.rawValue),
                                                   "title": .optional(proposal.title?.rawValue)])
                }
            }
        }
        student["subjects"] = .object(subjects)
        return .object(student)
    }

    /// The subject's printed figure in a period: average or judgement, or a dash.
    static func figure(_ e: StudentEvaluation, _ code: String, _ period: Period, printed: Bool) -> String {
        let value: Mark?
        switch period {
        case .term(let term): value = e.results.term(term).subject(code)?.result
        case .year: value = e.results.year.subject(code)?.final
        }
        guard let value else { return printed ? "-" : "" }
        return printed ? value.printed : value.description
    }

    static func short(_ code: String) -> String {
        ["ngu-van": "Văn", "toan": "Toán", "ngoai-ngu": "NN", "gdcd": "GDCD", "ls-dl": "LSĐL", "khtn": "KHTN",
         "cong-nghe": "CN", "tin-hoc": "Tin", "gdtc": "GDTC", "nghe-thuat": "NT", "hdtn-hn": "HĐTN", "gddp": "GDĐP",
         "tieng-dan-toc": "TDT", "ngoai-ngu-2": "NN2"][code] ?? code
    }
}
