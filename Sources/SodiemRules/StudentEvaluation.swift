import SodiemBasics
import SodiemModel

/// One student's year as the rules see it, with the results they give.
public struct StudentEvaluation: Sendable {
    /// Id of the student (mã học sinh).
    public let id: String
    /// The student's record in the class file.
    public let record: StudentRecord
    /// What went into the rules.
    public let input: StudentYearInput
    /// What came out.
    public let results: StudentResults

    /// Pairs a student's record with the rules' input and results.
    public init(id: String, record: StudentRecord, input: StudentYearInput, results: StudentResults) {
        self.id = id
        self.record = record
        self.input = input
        self.results = results
    }
}
