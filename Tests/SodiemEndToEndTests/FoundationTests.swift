import Foundation
import Testing

@Suite("Foundation, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct FoundationEndToEndTests {
    @Test("students --format json lists the class in Vietnamese order")
    func classListOrder() throws {
        let s = Sodiem.smallSchool()
        let run = s.run(["students", "--class", "6A1", "--format", "json"], as: "cn.6a1")
        #expect(run.status == 0, "\(run)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let ids = (json["students"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(ids == ["A2", "A1", "A3"])
    }

    @Test("exit codes: unknown command 64, no data directory 78, unknown class 66")
    func exitCodes() {
        let s = Sodiem.smallSchool()
        #expect(s.run(["frobnicate"]).status == 64)
        #expect(s.run(["students", "--class", "6A1"], data: s.folder.appendingPathComponent("nowhere").path).status == 78)
        #expect(s.run(["students", "--class", "9Z9"], as: "ad").status == 66)
    }

    @Test("verify passes on untouched data and the log is a SHA-256 chain")
    func verifyUntouched() {
        let s = Sodiem.smallSchool()
        let run = s.run(["verify"], as: "ad")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Intact"))
    }
}
