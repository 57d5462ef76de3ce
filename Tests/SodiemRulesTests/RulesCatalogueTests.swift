import Testing
import Foundation
@testable import SodiemBasics
@testable import SodiemModel
@testable import SodiemRules

@Suite("Rules: subject catalogue (§1)")
struct RulesCatalogueTests {
    @Test("codes, kinds and compulsory flags", arguments: [
        ("ngu-van", SubjectKind.scored, true), ("toan", .scored, true), ("ngoai-ngu", .scored, true),
        ("gdcd", .scored, true), ("ls-dl", .scored, true), ("khtn", .scored, true), ("cong-nghe", .scored, true),
        ("tin-hoc", .scored, true), ("gdtc", .comment, true), ("nghe-thuat", .comment, true),
        ("hdtn-hn", .comment, true), ("gddp", .comment, true), ("tieng-dan-toc", .scored, false),
        ("ngoai-ngu-2", .scored, false),
    ])
    func catalogue(code: String, kind: SubjectKind, compulsory: Bool) throws {
        let subject = try #require(R.rules.subject(code: code))
        #expect(subject.kind == kind)
        #expect(subject.compulsory == compulsory)
    }

    @Test("the catalogue has exactly the 14 codes, compulsory first")
    func allCodes() {
        #expect(R.rules.subjects.map(\.code) == R.scored + R.comments + ["tieng-dan-toc", "ngoai-ngu-2"])
        #expect(TT22Catalogue.compulsoryCodes == R.scored + R.comments)
    }

    @Test("parts (phân môn)")
    func parts() {
        #expect(R.rules.subject(code: "ls-dl")?.parts == ["Lịch sử", "Địa lí"])
        #expect(R.rules.subject(code: "khtn")?.parts == ["Vật lí", "Hóa học", "Sinh học"])
        #expect(R.rules.subject(code: "nghe-thuat")?.parts == ["Âm nhạc", "Mĩ thuật"])
        #expect(R.rules.subject(code: "toan")?.parts == [])
    }

    @Test("regular assessments per term by grade", arguments: [
        ("ngu-van", [4, 4, 4, 4]), ("toan", [4, 4, 4, 4]), ("ngoai-ngu", [4, 4, 4, 4]), ("gdcd", [2, 2, 2, 2]),
        ("ls-dl", [4, 4, 4, 4]), ("khtn", [4, 4, 4, 4]), ("cong-nghe", [2, 2, 3, 3]), ("tin-hoc", [2, 2, 2, 2]),
        ("gdtc", [2, 2, 2, 2]), ("nghe-thuat", [2, 2, 2, 2]), ("hdtn-hn", [2, 2, 2, 2]), ("gddp", [2, 2, 2, 2]),
        ("tieng-dan-toc", [4, 4, 4, 4]), ("ngoai-ngu-2", [4, 4, 4, 4]),
    ])
    func regularCounts(code: String, counts: [Int]) {
        #expect((6...9).map { R.n(code, grade: $0) } == counts)
    }

    @Test("periods rule: ≤35 → 2, 36–70 → 3, >70 → 4 for scored; comment always 2", arguments: [
        (35, 2), (36, 3), (52, 3), (70, 3), (71, 4), (140, 4), (1, 2),
    ])
    func periodsRule(periods: Int, expected: Int) {
        #expect(TT22Rules.regularCount(kind: .scored, periods: periods) == expected)
        #expect(TT22Rules.regularCount(kind: .comment, periods: periods) == 2)
    }

    @Test("the school's periods override the table")
    func override() {
        let rules = TT22Rules(periods: ["tin-hoc": [8: 52], "gdtc": [6: 140]])
        let tin = rules.subject(code: "tin-hoc")!
        #expect(rules.periodsPerYear(tin, grade: 8) == 52)
        #expect(rules.regularCount(tin, grade: 8) == 3)
        #expect(rules.regularCount(tin, grade: 7) == 2)
        #expect(rules.regularCount(rules.subject(code: "gdtc")!, grade: 6) == 2)
        let viaBook = RuleBook.rules(forYear: "2024-2025", grade: 8, periods: ["tin-hoc": [8: 52]])
        #expect(viaBook.regularCount(tin, grade: 8) == 3)
    }

    @Test("lookup by code, name and alias without case or diacritics", arguments: [
        ("Toán", "toan"), ("toan", "toan"), ("TOÁN", "toan"), ("Ngữ văn", "ngu-van"), ("ngu van", "ngu-van"),
        ("ngu_van", "ngu-van"), ("Tiếng Anh", "ngoai-ngu"), ("LS-ĐL", "ls-dl"), ("LSĐL", "ls-dl"), ("lsdl", "ls-dl"),
        ("Lịch sử và Địa lí", "ls-dl"), ("KHTN", "khtn"), ("Khoa học tự nhiên", "khtn"), ("Tin", "tin-hoc"),
        ("Tin học", "tin-hoc"), ("GDTC", "gdtc"), ("Thể dục", "gdtc"), ("Nghệ thuật", "nghe-thuat"),
        ("Âm nhạc", "nghe-thuat"), ("Mĩ thuật", "nghe-thuat"), ("Mỹ thuật", "nghe-thuat"), ("TNHN", "hdtn-hn"),
        ("HĐTN", "hdtn-hn"), ("hdtn-hn", "hdtn-hn"), ("Hoạt động trải nghiệm, hướng nghiệp", "hdtn-hn"),
        ("GDĐP", "gddp"), ("Công nghệ", "cong-nghe"), ("cong nghe", "cong-nghe"), ("GDCD", "gdcd"),
        ("Ngoại ngữ 2", "ngoai-ngu-2"), ("Tiếng dân tộc", "tieng-dan-toc"), ("  toán  ", "toan"),
        ("Hoá học", "khtn"), ("Hóa học", "khtn"),
        // NFD input
        ("To\u{0061}\u{0301}n", "toan"),
    ])
    func lookup(typed: String, code: String) {
        #expect(R.rules.lookup(typed)?.code == code)
    }

    @Test("unknown names find nothing", arguments: ["", "  ", "Vật lí hạt nhân", "hoa hoc 2", "x"])
    func unknown(typed: String) {
        #expect(R.rules.lookup(typed) == nil)
    }

    @Test("no folded name or alias belongs to two subjects")
    func noClash() {
        var owner: [String: String] = [:]
        for (key, code) in TT22Catalogue.allKeys {
            #expect(owner[key, default: code] == code, "\(key) names \(owner[key] ?? "") and \(code)")
            owner[key] = code
        }
    }

    @Test("RuleBook: TT22 phase-in by grade")
    func phaseIn() {
        #expect(RuleBook.rules(forYear: "2024-2025", grade: 6).circular == "TT22/2021/TT-BGDĐT")
        #expect(RuleBook.covers(year: "2021-2022", grade: 6))
        #expect(!RuleBook.covers(year: "2021-2022", grade: 7))
        #expect(RuleBook.covers(year: "2023-2024", grade: 8))
        #expect(!RuleBook.covers(year: "2023-2024", grade: 9))
        #expect(RuleBook.covers(year: "2024-2025", grade: 9))
        #expect(!RuleBook.covers(year: "2020-2021", grade: 6))
        #expect(!RuleBook.covers(year: "2024-2025", grade: 10))
    }
}

@Suite("Rules: subject lookup's fast paths agree with the folded index")
struct RulesLookupFastPathTests {
    @Test("a code typed as it is finds what the folded index finds")
    func codesAgreeWithIndex() throws {
        for subject in TT22Catalogue.subjects {
            #expect(TT22Catalogue.index[RulesFolding.key(subject.code)] == subject.code, "\(subject.code)")
            #expect(TT22Catalogue.lookup(subject.code)?.code == subject.code)
        }
        #expect(TT22Catalogue.lookup("Toán")?.code == "toan")
        #expect(TT22Catalogue.lookup("LS-ĐL")?.code == "ls-dl")
        #expect(TT22Catalogue.lookup("toan ") == TT22Catalogue.lookup("TOAN"))
    }

    @Test("the alphanumeric test is CharacterSet.alphanumerics on the blocks names and subjects are written in")
    func alphanumericMatchesFoundation() {
        // (Outside them, Foundation's Unicode tables and the standard library's may be of
        // different Unicode versions: U+088F is a letter to one and unassigned to the other.)
        var checked = 0
        let blocks = [0...0x052F, 0x1E00...0x1FFF, 0x2000...0x206F, 0x20A0...0x20CF, 0x2150...0x218F, 0xFF00...0xFFEF]
        for value in blocks.joined() {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            if RulesFolding.isAlphanumeric(scalar) != CharacterSet.alphanumerics.contains(scalar) {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)) differs")
                return
            }
            checked += 1
        }
        #expect(checked > 2_000)
    }
}
