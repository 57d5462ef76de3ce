import Testing
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

@Suite("Rules: parsing one entered value (§2)")
struct RulesParsingTests {
    @Test("valid scores", arguments: [
        ("0", 0), ("10", 100), ("7", 70), ("7,5", 75), ("7.5", 75), (" 7,5 ", 75), ("\t8\n", 80), ("10,0", 100),
        ("10.0", 100), ("0,1", 1), ("9.9", 99), ("07", 70), ("7,50", 75), ("8.00", 80),
    ])
    func valid(text: String, tenths: Int) {
        #expect(R.rules.parseMark(text, kind: .scored) == .success(R.s(tenths)))
    }

    @Test("refused scores and the reason", arguments: [
        ("7,55", MarkError.tooManyDecimals("7,55")), ("7.25", .tooManyDecimals("7.25")), ("6,451", .tooManyDecimals("6,451")),
        ("-1", .negative("-1")), ("-0,5", .negative("-0,5")), ("11", .aboveTen("11")), ("10,1", .aboveTen("10,1")),
        ("100", .aboveTen("100")), ("abc", .notAScore("abc")), ("7,", .notAScore("7,")), (",5", .notAScore(",5")),
        ("7,5,1", .notAScore("7,5,1")), ("1e1", .notAScore("1e1")), ("Đ", .notAScore("Đ")), ("", .empty), ("   ", .empty),
        ("+7", .notAScore("+7")), ("7 5", .notAScore("7 5")),
    ])
    func refused(text: String, error: MarkError) {
        #expect(R.rules.parseMark(text, kind: .scored) == .failure(error))
    }

    @Test("error messages in both languages; too many decimals says to round first")
    func messages() {
        let m = MarkError.tooManyDecimals("7,55").message
        #expect(m.vi.contains("7,55") && m.vi.contains("làm tròn"))
        #expect(m.en.contains("7,55") && m.en.contains("rounds"))
        for e in [MarkError.empty, .negative("-1"), .aboveTen("11"), .notAScore("x"), .notAJudgement("x")] {
            #expect(!e.message.vi.isEmpty && !e.message.en.isEmpty && e.message.vi != e.message.en)
        }
    }

    @Test("judgements, any case, NFC or NFD", arguments: [
        ("Đ", Judgement.pass), ("đ", .pass), ("D", .pass), ("d", .pass), ("Đạt", .pass), ("đạt", .pass), ("DAT", .pass),
        ("D\u{0323}a\u{0323}t", .pass), (" Đ ", .pass), ("CĐ", .fail), ("cđ", .fail), ("CD", .fail), ("cd", .fail),
        ("Chưa đạt", .fail), ("chua dat", .fail), ("CHƯA ĐẠT", .fail), ("Chu\u{031B}a đa\u{0323}t", .fail),
    ])
    func judgements(text: String, judgement: Judgement) {
        #expect(R.rules.parseMark(text, kind: .comment) == .success(.judgement(judgement)))
    }

    @Test("refused judgements", arguments: ["7", "Tốt", "K", "x", "C", "Đạt rồi"])
    func badJudgements(text: String) {
        #expect(R.rules.parseMark(text, kind: .comment) == .failure(.notAJudgement(text)))
    }
}
