import Foundation
import Testing

/// `results` as people read it: the re-test mark in the year table, and the hint for a narrow screen.
@Suite("results text and CSV", .enabled(if: Sodiem.isRoot, "SODIEM_NOW and --as need root"))
struct ResultsTextTests {
    @Test("a year result replaced by a re-test is marked * with a footnote (vi, en); CSV names the subject; JSON unchanged")
    func retestMarked() throws {
        let s = Sodiem.smallSchool()
        s.assignEverything("6A1")
        // A3 has 3 in every score subject both terms: learning CĐ for the year, conduct T → kiểm tra lại.
        let values = ["A1": "9", "A2": "7", "A3": "3"]
        for (term, day) in [(1, "2024-12-20"), (2, "2025-05-20")] {
            for subject in Sodiem.compulsory { s.enterSheet("6A1", subject, term: term, now: day) { values[$0]! } }
            s.conductAll("6A1", ["A1", "A2", "A3"], term: term, now: day)
        }
        let before = s.ok(["results", "--class", "6A1", "--term", "year", "--format", "json"], as: "gv.toan", now: "2025-06-20").stdout
        #expect(before.contains("\"retest_subjects\""), "\(before)")
        s.ok(["retest", "--class", "6A1", "--student", "A3", "--subject", "toan", "--score", "6,0"], as: "gv.toan", now: "2025-07-10")

        let vi = s.run(["results", "--class", "6A1", "--term", "year"], as: "gv.toan", now: "2025-07-10", environment: ["SODIEM_LANG": "vi"])
        #expect(vi.status == 0)
        let a3 = try #require(vi.stdout.split(separator: "\n").first { $0.hasPrefix("A3 ") })
        #expect(a3.contains(" 6,0* "), "\(vi.stdout)")
        #expect(vi.stdout.split(separator: "\n").filter { $0.contains("*") }.count == 2)  // the row and the footnote
        #expect(vi.stdout.hasSuffix("* điểm kiểm tra lại (thay điểm cả năm của môn)\n"), "\(vi.stdout)")
        let en = s.ok(["results", "--class", "6A1", "--term", "year"], as: "gv.toan", now: "2025-07-10").stdout
        #expect(en.contains("6,0*") && en.hasSuffix("* re-test mark (replaces the subject's year result)\n"), "\(en)")
        // A term table has no re-test and no footnote.
        #expect(!s.ok(["results", "--class", "6A1", "--term", "2"], as: "gv.toan", now: "2025-07-10").stdout.contains("*"))

        let csv = s.ok(["results", "--class", "6A1", "--term", "year", "--format", "csv"], as: "gv.toan", now: "2025-07-10").stdout
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first?.hasSuffix(",ket_qua,mon_kiem_tra_lai") == true, "\(csv)")
        #expect(lines.contains { $0.hasPrefix("A3,") && $0.contains(",6.0,") && $0.hasSuffix(",toan") }, "\(csv)")
        #expect(lines.contains { $0.hasPrefix("A1,") && $0.hasSuffix(",") })
        let json = s.ok(["results", "--class", "6A1", "--term", "year", "--format", "json"], as: "gv.toan", now: "2025-07-10").stdout
        #expect(json.contains("\"retest\":6.0") && !json.contains("*") && !json.contains("mon_kiem_tra_lai"), "\(json)")

        // A narrower screen (COLUMNS) gets a hint on standard error; the table itself is unchanged.
        let narrow = s.run(["results", "--class", "6A1", "--term", "year"], as: "gv.toan", now: "2025-07-10", environment: ["COLUMNS": "80"])
        #expect(narrow.stdout == en && narrow.stderr.contains("columns wide, the screen 80") && narrow.stderr.contains("--format csv"), "\(narrow)")
        let wide = s.run(["results", "--class", "6A1", "--term", "year"], as: "gv.toan", now: "2025-07-10", environment: ["COLUMNS": "300"])
        #expect(wide.stderr.isEmpty, "\(wide)")
    }
}
