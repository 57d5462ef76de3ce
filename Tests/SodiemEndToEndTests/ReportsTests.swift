import Foundation
import Testing

/// `report` and `snapshot` on the small school, against counts made by hand.
@Suite("report and snapshot", .enabled(if: Sodiem.isRoot, "SODIEM_NOW and --as need root"))
struct ReportsTests {
    func json(_ run: Sodiem.Run) throws -> [String: Any] {
        #expect(run.status == 0, "\(run)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    func unit(_ report: [String: Any], _ key: String, _ value: Any) -> [String: Any]? {
        let list = (report[key == "class" ? "classes" : "grades"] as? [[String: Any]]) ?? []
        return list.first { "\($0[key] ?? "")" == "\(value)" }
    }

    @Test("enrollment: by sex and ethnicity, per class, grade and school; CSV and HTML agree")
    func enrollment() throws {
        let s = Sodiem.smallSchool()
        s.addNinth()
        // Re-import 6A1 with ethnicities (dân tộc), one written in lower case.
        let file = s.file("hs2.csv", "ma_hs,ho_ten,gioi_tinh,dan_toc\nA1,Trần Văn Bảo,Nam,Kinh\nA2,Lê Thị An,Nữ,Tày\nA3,Đỗ Văn Cường,Nam,kinh\n")
        s.ok(["import-students", "--class", "6A1", "--file", file], as: "cn.6a1", now: "2024-09-12")
        let report = try json(s.run(["report", "--kind", "enrollment", "--format", "json"], as: "ht", now: "2024-09-30"))
        #expect(report["kind"] as? String == "enrollment" && report["year"] as? String == "2024-2025" && report["date"] as? String == "2024-09-30")
        let a1 = try #require(unit(report, "class", "6A1"))
        #expect(a1["students"] as? Int == 3 && a1["male"] as? Int == 2 && a1["female"] as? Int == 1)
        #expect(a1["kinh"] as? Int == 2 && a1["other_ethnic"] as? Int == 1 && a1["ethnicity_unknown"] as? Int == 0)
        #expect(a1["ethnicities"] as? [String: Int] == ["Kinh": 2, "Tày": 1])
        let b1 = try #require(unit(report, "class", "8A1"))
        #expect(b1["students"] as? Int == 1 && b1["sex_unknown"] as? Int == 1 && b1["ethnicity_unknown"] as? Int == 1)
        let total = try #require(report["total"] as? [String: Any])
        #expect(total["students"] as? Int == 5 && total["male"] as? Int == 2 && total["female"] as? Int == 2 && total["sex_unknown"] as? Int == 1)
        #expect(total["ethnicities"] as? [String: Int] == ["Kinh": 2, "Tày": 1, "Mường": 1])
        #expect((report["grades"] as? [[String: Any]])?.map { $0["grade"] as? Int } == [6, 8, 9])

        let csv = s.ok(["report", "--kind", "enrollment", "--format", "csv"], as: "cron", now: "2024-09-30").stdout
        let lines = csv.split(whereSeparator: \.isNewline)
        #expect(lines.first == "pham_vi,khoi,lop,si_so,nam,nu,gioi_tinh_chua_ro,kinh,dan_toc_khac,dan_toc_chua_ro,dan_toc:Mường,dan_toc:Tày")
        #expect(lines.contains("lop,6,6A1,3,2,1,0,2,1,0,0,1") && lines.last == "truong,,,5,2,2,1,2,2,1,1,1", "\(csv)")
        let out = s.folder.appendingPathComponent("si-so.html").path
        s.ok(["report", "--kind", "enrollment", "--out", out], as: "ad", now: "2024-09-30")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("@page { size: A4") && !html.contains("<script"))
        #expect(html.contains("<td class=\"t\">Toàn trường</td>") && html.contains("Trường THCS Thử Nghiệm"))
        // Teachers may not.
        #expect(s.run(["report", "--kind", "enrollment"], as: "gv.toan", now: "2024-09-30").status == 77)
        #expect(s.run(["report", "--kind", "nothing"], as: "ad", now: "2024-09-30").status == 64)
    }

    @Test("results of term I match hand counts; a snapshot keeps them after later entries; replay reproduces it")
    func resultsAndSnapshot() throws {
        let s = Sodiem.smallSchool()
        s.assignEverything("6A1")
        // A1 scores 9 everywhere, A2 7, A3 5 in term I; conduct T, T, K.
        let values = ["A1": "9", "A2": "7", "A3": "5"]
        for subject in Sodiem.compulsory { s.enterSheet("6A1", subject, term: 1, now: "2024-12-20") { values[$0]! } }
        s.ok(["conduct", "--class", "6A1", "--term", "1", "--file", s.file("c.csv", "ma_hs,muc\nA1,T\nA2,T\nA3,K\n")], as: "cn.6a1", now: "2024-12-20")
        let live = try json(s.run(["report", "--kind", "results", "--term", "1", "--format", "json"], as: "ad", now: "2025-01-05"))
        let t1 = try #require(((unit(live, "class", "6A1")?["terms"] as? [String: Any])?["1"]) as? [String: Any])
        // 9 in every subject: Tốt; 7: Khá; 5: Đạt (rules-tt22.md §5).
        #expect(t1["learning"] as? [String: Int] == ["T": 1, "K": 1, "Đ": 1, "CĐ": 0, "none": 0], "\(t1)")
        #expect(t1["conduct"] as? [String: Int] == ["T": 2, "K": 1, "Đ": 0, "CĐ": 0, "none": 0])
        let b1 = try #require(((unit(live, "class", "8A1")?["terms"] as? [String: Any])?["1"]) as? [String: Any])
        #expect((b1["learning"] as? [String: Int])?["none"] == 1)
        #expect(live["periods"] as? [String] == ["1"])

        s.ok(["snapshot", "--name", "cuoi-hk1"], as: "ad", now: "2025-01-05")
        #expect(s.run(["snapshot", "--name", "cuoi-hk1"], as: "ad", now: "2025-01-06").status == 65)
        #expect(s.run(["snapshot", "--name", "../x"], as: "ad", now: "2025-01-06").status == 64)
        #expect(s.run(["snapshot", "--name", "x"], as: "gv.toan", now: "2025-01-06").status == 77)
        let frozenBefore = s.ok(["report", "--kind", "results", "--snapshot", "cuoi-hk1", "--format", "csv"], as: "ad", now: "2025-01-06").stdout
        let fileBefore = try #require(s.dataFile("years/2024-2025/snapshots/cuoi-hk1.json"))

        // Later entries change the live figures, not the frozen ones.
        s.ok(["conduct", "--class", "6A1", "--term", "1", "--student", "A3", "--level", "T"], as: "cn.6a1", now: "2025-01-06")
        let moved = try json(s.run(["report", "--kind", "results", "--term", "1", "--format", "json"], as: "ad", now: "2025-01-06"))
        let t1Now = try #require(((unit(moved, "class", "6A1")?["terms"] as? [String: Any])?["1"]) as? [String: Any])
        #expect((t1Now["conduct"] as? [String: Int])?["T"] == 3)
        #expect(s.ok(["report", "--kind", "results", "--snapshot", "cuoi-hk1", "--format", "csv"], as: "ad", now: "2025-01-07").stdout == frozenBefore)
        let frozen = try json(s.run(["report", "--kind", "results", "--snapshot", "cuoi-hk1", "--term", "1", "--format", "json"], as: "ht", now: "2025-01-07"))
        #expect(frozen["snapshot"] as? String == "cuoi-hk1" && frozen["date"] as? String == "2025-01-05")
        let frozenT1 = try #require(((unit(frozen, "class", "6A1")?["terms"] as? [String: Any])?["1"]) as? [String: Any])
        #expect((frozenT1["conduct"] as? [String: Int])?["T"] == 2)
        #expect(s.run(["report", "--kind", "results", "--snapshot", "nope"], as: "ad", now: "2025-01-07").status == 66)
        #expect(s.run(["report", "--kind", "progress", "--snapshot", "cuoi-hk1"], as: "ad", now: "2025-01-07").status == 64)

        // verify replays the log from nothing: the snapshot file comes out byte for byte.
        let verify = s.run(["verify"], as: "ad")
        #expect(verify.status == 0, "\(verify)")
        try FileManager.default.removeItem(atPath: s.data + "/years/2024-2025/snapshots/cuoi-hk1.json")
        #expect(s.run(["verify"], as: "ad").status == 65)
        try fileBefore.write(to: URL(fileURLWithPath: s.data + "/years/2024-2025/snapshots/cuoi-hk1.json"))
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    @Test("people read periods, subjects and teachers by name (text, HTML; Vietnamese and English); CSV keeps the codes and adds names")
    func namesForPeople() throws {
        let s = Sodiem.smallSchool()
        let now = "2024-10-20"
        func vi(_ run: Sodiem.Run) -> String {
            #expect(run.status == 0, "\(run)")
            return run.stdout
        }
        // results: the period column.
        let resultsVI = vi(s.run(["report", "--kind", "results"], as: "ad", now: now, environment: ["SODIEM_LANG": "vi"]))
        #expect(resultsVI.contains("Học kì I") && resultsVI.contains("Học kì II") && resultsVI.contains("Cả năm"), "\(resultsVI)")
        #expect(!resultsVI.contains(" year "), "\(resultsVI)")
        #expect(resultsVI.contains("Toàn trường"))
        let resultsEN = s.ok(["report", "--kind", "results"], as: "ad", now: now).stdout
        #expect(resultsEN.contains("Term 1") && resultsEN.contains("Term 2") && resultsEN.contains("Year"), "\(resultsEN)")
        let resultsHTML = s.ok(["report", "--kind", "results", "--format", "html"], as: "ad", now: now).stdout
        #expect(resultsHTML.contains("<td class=\"t\">Học kì II</td>") && resultsHTML.contains("<td class=\"t\">Cả năm</td>"))
        let resultsCSV = vi(s.run(["report", "--kind", "results", "--format", "csv"], as: "ad", now: now, environment: ["SODIEM_LANG": "vi"]))
        #expect(resultsCSV.contains("\nlop,6,6A1,year,") && !resultsCSV.contains("Cả năm"), "\(resultsCSV)")
        // progress: subject names and teachers by name with the account.
        let progressVI = vi(s.run(["report", "--kind", "progress"], as: "ad", now: now, environment: ["SODIEM_LANG": "vi"]))
        #expect(progressVI.contains("Giáo Viên Toán (gv.toan)") && progressVI.contains("Toán") && progressVI.contains("Công nghệ"), "\(progressVI)")
        #expect(progressVI.contains("Chủ Nhiệm Sáu (cn.6a1)"))
        let progressEN = s.ok(["report", "--kind", "progress"], as: "ad", now: now).stdout
        #expect(progressEN.contains("Giáo Viên Toán (gv.toan)") && progressEN.contains("Công nghệ"), "\(progressEN)")
        let progressHTML = s.ok(["report", "--kind", "progress", "--format", "html"], as: "ad", now: now).stdout
        #expect(progressHTML.contains("Giáo Viên Công Nghệ (gv.cn)") && progressHTML.contains("<td class=\"t\">Công nghệ</td>"), "\(progressHTML)")
        let progressCSV = s.ok(["report", "--kind", "progress", "--format", "csv"], as: "ad", now: now).stdout
        let lines = progressCSV.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "loai,giao_vien,lop,mon,hoc_ki,phai_nhap,da_nhap,den_han,thieu,tre,thang_chua_chot,ten_giao_vien,ten_mon")
        #expect(lines.contains { $0.hasPrefix("diem,gv.toan,6A1,toan,1,") && $0.hasSuffix(",Giáo Viên Toán,Toán") }, "\(progressCSV)")
        // enrollment: the scope in words, in both languages.
        #expect(vi(s.run(["report", "--kind", "enrollment"], as: "ad", now: now, environment: ["SODIEM_LANG": "vi"])).contains("\nToàn trường"))
        #expect(s.ok(["report", "--kind", "enrollment"], as: "ad", now: now).stdout.contains("\nschool"))
    }
}
