import Foundation
import Testing

/// `year create NEW --from OLD --promote` after a whole school year of the small school.
@Suite("the new school year", .enabled(if: Sodiem.isRoot, "SODIEM_NOW and --as need root"))
struct NewYearTests {
    func students(_ s: Sodiem, _ className: String, year: String) throws -> [String] {
        let run = s.run(["students", "--class", className, "--year", year, "--format", "json"], as: "ad", now: "2025-08-01")
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return ((json["students"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted()
    }

    @Test("promoted to the next grade, retained in their grade, grade 9 gone; refused while an outcome is open")
    func promote() throws {
        let s = Sodiem.smallSchool()
        s.addNinth()
        s.assignEverything("6A1, 8A1, 9A1")
        s.absentTooOften("6A1", "A3")  // more than 45 sessions: ở lại lớp
        let everyone = ["6A1": ["A1", "A2", "A3"], "8A1": ["B1"], "9A1": ["C1"]]
        for term in [1, 2] {
            let day = term == 1 ? "2024-12-20" : "2025-05-20"
            for (className, ids) in everyone {
                for subject in Sodiem.compulsory where !(className == "9A1" && term == 2 && subject == "gddp") {
                    s.enterSheet(className, subject, term: term, now: day) { _ in "8" }
                }
                s.conductAll(className, ids, term: term, now: day)
            }
        }
        // C1 still lacks gddp in term II: not determinable → refused, listing C1; nothing written.
        let before = s.dataState()
        let refused = s.run(["year", "create", "2025-2026", "--from", "2024-2025", "--promote"], as: "ad", now: "2025-06-20")
        #expect(refused.status == 65 && refused.stderr.contains("C1") && !refused.stderr.contains("A1 "), "\(refused)")
        #expect(s.dataState() == before)
        #expect(s.run(["year", "create", "2025-2026", "--promote"], as: "ad", now: "2025-06-20").status == 64)
        #expect(s.run(["year", "create", "2025-2026", "--from", "2023-2024", "--promote"], as: "ad", now: "2025-06-20").status == 66)
        #expect(s.run(["year", "create", "2026-2027", "--from", "2024-2025", "--promote"], as: "ad", now: "2025-06-20").status == 65)

        s.enterSheet("9A1", "gddp", term: 2, now: "2025-05-20") { _ in "Đ" }
        let created = s.run(["year", "create", "2025-2026", "--from", "2024-2025", "--promote", "--term1", "2025-09-05:2026-01-10",
                             "--term2", "2026-01-12:2026-05-23", "--current"], as: "ad", now: "2025-06-20")
        #expect(created.status == 0 && created.stdout.contains("Promoted: 3, retained: 1, completed grade 9 (left): 1."), "\(created)")
        #expect(try students(s, "7A1", year: "2025-2026") == ["A1", "A2"])
        #expect(try students(s, "6A1", year: "2025-2026") == ["A3"])
        #expect(try students(s, "9A1", year: "2025-2026") == ["B1"])
        let classes = s.ok(["class", "list", "--year", "2025-2026"], as: "ad", now: "2025-08-01").stdout
        #expect(!classes.contains("8A1") && classes.contains("7A1") && classes.contains("cn.6a1"), "\(classes)")
        // Particulars carried over; the old year is untouched.
        let a1 = String(decoding: try #require(s.dataFile("years/2025-2026/classes/7A1.json")), as: UTF8.self)
        #expect(a1.contains("\"gioi_tinh\": \"Nam\"") && a1.contains("Trần Văn Bảo") && !a1.contains("scores"))
        #expect(try students(s, "6A1", year: "2024-2025") == ["A1", "A2", "A3"])
        #expect(s.run(["verify"], as: "ad").status == 0)
        // Its own snapshot of the new year's enrollment sees the promoted students.
        let report = s.ok(["report", "--kind", "enrollment", "--format", "csv"], as: "ad", now: "2025-09-05").stdout
        #expect(report.contains("lop,7,7A1,2,") && report.contains("truong,,,4,"), "\(report)")
    }

    @Test("--force leaves the undetermined out and says who")
    func force() throws {
        let s = Sodiem.smallSchool()
        let run = s.run(["year", "create", "2025-2026", "--from", "2024-2025", "--promote", "--force"], as: "ad", now: "2025-06-20")
        #expect(run.status == 0 && run.stdout.contains("Promoted: 0, retained: 0") && run.stderr.contains("Not placed (--force): A1"), "\(run)")
        #expect(s.dataFile("years/2025-2026/year.json") != nil)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }
}
