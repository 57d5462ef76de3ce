import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemStore
import SodiemCore

/// Rewrites an archive's entries (as a valid ZIP, so only sodiem's own checks can catch the change).
private func rewrite(_ path: String, to output: String, _ change: (inout [ZipEntry]) -> Void) throws {
    var entries = try Zip.read(try Data(contentsOf: URL(fileURLWithPath: path)))
    change(&entries)
    try Zip.write(entries, modified: Instant(seconds: 1_727_740_800, offset: 25200)).write(to: URL(fileURLWithPath: output))
}

/// The SHA-256 manifest line of an entry.
private func manifestLine(_ entry: ZipEntry) -> String {
    SHA256.hexString(SHA256.hash(entry.data)) + "  " + entry.path
}

@Suite("Archive, verify --archive, restore, end to end", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct ArchiveEndToEndTests {
    /// Archives the school as `ad` and returns the archive's path.
    private func archive(_ s: Sodiem, name: String = "school.archive") -> String {
        let path = s.folder.appendingPathComponent(name).path
        let run = s.run(["archive", "--out", path], as: "ad")
        #expect(run.status == 0, "\(run)")
        return path
    }

    /// Archive → verify --archive → restore → verify, and the restored files equal the originals.
    private func roundTrip(_ s: Sodiem, as user: String?) throws {
        let path = s.folder.appendingPathComponent("round.archive").path
        let made = s.run(["archive", "--out", path], as: user)
        #expect(made.status == 0, "\(made)")
        #expect(made.stdout.contains("Archived"))
        let checked = s.run(["verify", "--archive", path])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout.contains("Archive intact"))
        let target = s.folder.appendingPathComponent("restored").path
        let restored = s.run(["restore", "--archive", path], data: target)
        #expect(restored.status == 0, "\(restored)")
        let verified = s.run(["verify"], data: target)
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stderr.isEmpty, "verify of a restored directory should need no repair: \(verified)")
        var original = s.dataState()
        original["/.sodiem-demo"] = nil   // the demo's marker is a dot-file: not archived
        let copy = Sodiem.state(of: target)
        #expect(copy.keys.sorted() == original.keys.sorted())
        for (key, bytes) in original { #expect(copy[key] == bytes, "\(key) differs after restore") }
    }

    @Test("archive → restore → verify round-trips on the small school; the archive appends nothing")
    func smallSchoolRoundTrip() throws {
        let s = Sodiem.smallSchool()
        let logBefore = s.dataFile("audit.log")
        let before = s.dataState()
        try roundTrip(s, as: "ad")
        #expect(s.dataFile("audit.log") == logBefore, "archive appended to the audit log")
        #expect(s.dataState() == before, "archive changed the data directory")
        // The board and the system account may archive too.
        for user in ["ht", "cron"] {
            let run = s.run(["archive", "--out", s.folder.appendingPathComponent("\(user).archive").path], as: user)
            #expect(run.status == 0, "\(user): \(run)")
        }
        #expect(s.dataFile("audit.log") == logBefore)
    }

    @Test("archive → restore → verify round-trips on the demo school")
    func demoRoundTrip() throws {
        let s = Sodiem()
        let demo = s.run(["demo"])
        try #require(demo.status == 0, "\(demo)")
        try roundTrip(s, as: nil)
    }

    @Test("an archive larger than the 16 MB input limit verifies and restores (read entry by entry, not whole)")
    func archiveLargerThanTheInputLimit() throws {
        let s = Sodiem.smallSchool()
        // 19,000 students with long addresses: an 8 MB import, so a 9 MB log line and a 10 MB class file.
        var csv = "ma_hs,ho_ten,dia_chi\n"
        let street = " đường Thử Nghiệm Rất Dài phường Mới quận Cũ thành phố Giả Định"
        for k in 0..<19_000 { csv += "L\(k),Học Sinh Thử Số \(k),Số \(k)" + String(repeating: street, count: 4) + "\n" }
        let file = s.file("many.csv", csv)
        #expect(s.run(["class", "add", "9A9", "--grade", "9"], as: "ad", now: "2024-09-10").status == 0)
        #expect(s.run(["import-students", "--class", "9A9", "--file", file], as: "ad", now: "2024-09-10").status == 0)
        let path = archive(s)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size > DataDirectory.inputLimit, "the archive is \(size) bytes")
        let checked = s.run(["verify", "--archive", path])
        #expect(checked.status == 0 && checked.stdout.contains("Archive intact"), "\(checked)")
        let restored = s.folder.appendingPathComponent("restored-large").path
        let restore = s.run(["restore", "--archive", path], data: restored)
        #expect(restore.status == 0, "\(restore)")
        #expect(FileManager.default.contents(atPath: restored + "/years/2024-2025/classes/9A9.json") == s.dataFile("years/2024-2025/classes/9A9.json"))
        #expect(s.run(["verify"], data: restored).status == 0)
    }

    @Test("The archive is a ZIP with ARCHIVE.json and a sha256sum manifest of every data file")
    func format() throws {
        let s = Sodiem.smallSchool()
        let entries = try Zip.read(try Data(contentsOf: URL(fileURLWithPath: archive(s))))
        let paths = entries.map(\.path)
        #expect(Array(paths.prefix(2)) == ["ARCHIVE.json", "MANIFEST.sha256"])
        for required in ["sodiem.json", "users.json", "audit.log", "years/2024-2025/year.json",
                         "years/2024-2025/classes/6A1.json", "years/2024-2025/classes/8A1.json"] {
            #expect(paths.contains(required), "\(required) is missing")
        }
        #expect(!paths.contains { $0.split(separator: "/").contains { $0.hasPrefix(".") } }, "a dot-file was archived: \(paths)")
        let manifest = String(decoding: entries[1].data, as: UTF8.self)
        #expect(manifest == entries.filter { $0.path != "MANIFEST.sha256" }.map { manifestLine($0) + "\n" }.joined())
        let info = try JSONSerialization.jsonObject(with: entries[0].data) as! [String: Any]
        #expect(info["format"] as? String == "sodiem-archive")
        #expect(info["version"] as? Int == 1)
        #expect(info["school"] as? String == "Trường THCS Thử Nghiệm")
        let log = String(decoding: s.dataFile("audit.log")!, as: UTF8.self).split(separator: "\n")
        #expect(info["last_seq"] as? Int == log.count)
        #expect(info["last_hash"] as? String == SHA256.hexString(SHA256.hash(Data(log.last!.utf8))))
        #expect(info["files"] as? Int == entries.count - 2)
    }

    @Test("verify --archive: one byte of a class file changed inside the ZIP → 65 naming the file")
    func tamperedByte() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let entries = try Zip.read(Data(bytes))
        let classFile = try #require(entries.first { $0.path == "years/2024-2025/classes/6A1.json" })
        // Find the class file's bytes in the ZIP (stored, so they are there as they are) and change one.
        let needle = [UInt8](classFile.data)
        let at = try #require((0...(bytes.count - needle.count)).first { bytes[$0] == needle[0] && Array(bytes[$0..<($0 + needle.count)]) == needle })
        bytes[at + needle.count / 2] ^= 0x20
        let tampered = s.folder.appendingPathComponent("byte.archive").path
        try Data(bytes).write(to: URL(fileURLWithPath: tampered))
        let run = s.run(["verify", "--archive", tampered])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("years/2024-2025/classes/6A1.json"), "\(run)")
    }

    @Test("verify --archive: a class file changed in a rebuilt ZIP → 65 naming the manifest line")
    func tamperedFileValidZip() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        let tampered = s.folder.appendingPathComponent("file.archive").path
        try rewrite(path, to: tampered) { entries in
            let i = entries.firstIndex { $0.path == "years/2024-2025/classes/6A1.json" }!
            entries[i] = ZipEntry(path: entries[i].path, data: Data(String(decoding: entries[i].data, as: UTF8.self)
                .replacingOccurrences(of: "Lê Thị An", with: "Lê Thị Ân").utf8))
        }
        let run = s.run(["verify", "--archive", tampered])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("MANIFEST.sha256 line"), "\(run)")
        #expect(run.stderr.contains("years/2024-2025/classes/6A1.json"), "\(run)")
    }

    @Test("verify --archive: a class file and its manifest line both changed → 65 from the replay")
    func tamperedFileAndManifest() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        let tampered = s.folder.appendingPathComponent("both.archive").path
        try rewrite(path, to: tampered) { entries in
            let i = entries.firstIndex { $0.path == "years/2024-2025/classes/6A1.json" }!
            entries[i] = ZipEntry(path: entries[i].path, data: Data(String(decoding: entries[i].data, as: UTF8.self)
                .replacingOccurrences(of: "Lê Thị An", with: "Lê Thị Ân").utf8))
            let m = entries.firstIndex { $0.path == "MANIFEST.sha256" }!
            let lines = entries.filter { $0.path != "MANIFEST.sha256" }.map { manifestLine($0) + "\n" }.joined()
            entries[m] = ZipEntry(path: "MANIFEST.sha256", data: Data(lines.utf8))
        }
        let run = s.run(["verify", "--archive", tampered])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("years/2024-2025/classes/6A1.json"), "\(run)")
        #expect(run.stderr.contains("replay"), "\(run)")
        // And a restore from it is refused, leaving nothing behind.
        let target = s.folder.appendingPathComponent("from-bad").path
        let restore = s.run(["restore", "--archive", tampered], data: target)
        #expect(restore.status == 65, "\(restore)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("verify --archive: an edited manifest line → 65 naming the line")
    func tamperedManifest() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        let tampered = s.folder.appendingPathComponent("manifest.archive").path
        try rewrite(path, to: tampered) { entries in
            let m = entries.firstIndex { $0.path == "MANIFEST.sha256" }!
            var lines = String(decoding: entries[m].data, as: UTF8.self).split(separator: "\n").map(String.init)
            // Line 3: flip the first hex digit of its hash.
            let first = lines[2].first!
            lines[2] = (first == "0" ? "1" : "0") + lines[2].dropFirst()
            entries[m] = ZipEntry(path: "MANIFEST.sha256", data: Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        let run = s.run(["verify", "--archive", tampered])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("MANIFEST.sha256 line 3"), "\(run)")
    }

    @Test("verify --archive: an extra file → 65 naming it; a missing file → 65 naming it")
    func extraAndMissing() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        let extra = s.folder.appendingPathComponent("extra.archive").path
        try rewrite(path, to: extra) { $0.append(ZipEntry(path: "years/2024-2025/classes/6A9.json", data: Data("{}\n".utf8))) }
        let run = s.run(["verify", "--archive", extra])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("years/2024-2025/classes/6A9.json") && run.stderr.contains("not in MANIFEST.sha256"), "\(run)")
        let missing = s.folder.appendingPathComponent("missing.archive").path
        try rewrite(path, to: missing) { $0.removeAll { $0.path == "years/2024-2025/classes/8A1.json" } }
        let gone = s.run(["verify", "--archive", missing])
        #expect(gone.status == 65, "\(gone)")
        #expect(gone.stderr.contains("years/2024-2025/classes/8A1.json") && gone.stderr.contains("missing"), "\(gone)")
        let noInfo = s.folder.appendingPathComponent("noinfo.archive").path
        try rewrite(path, to: noInfo) { entries in
            entries.removeAll { $0.path == "ARCHIVE.json" }
            let m = entries.firstIndex { $0.path == "MANIFEST.sha256" }!
            entries[m] = ZipEntry(path: "MANIFEST.sha256", data: Data(entries.filter { $0.path != "MANIFEST.sha256" }.map { manifestLine($0) + "\n" }.joined().utf8))
        }
        let info = s.run(["verify", "--archive", noInfo])
        #expect(info.status == 65, "\(info)")
        #expect(info.stderr.contains("ARCHIVE.json"), "\(info)")
    }

    @Test("verify --archive: an edited log line inside the archive → 65 naming the line")
    func tamperedLog() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        let tampered = s.folder.appendingPathComponent("log.archive").path
        try rewrite(path, to: tampered) { entries in
            let i = entries.firstIndex { $0.path == "audit.log" }!
            var lines = String(decoding: entries[i].data, as: UTF8.self).split(separator: "\n").map(String.init)
            lines[3] = lines[3].replacingOccurrences(of: "Hiệu Trưởng Thử", with: "Hiệu Trưởng Khác")
            entries[i] = ZipEntry(path: "audit.log", data: Data((lines.joined(separator: "\n") + "\n").utf8))
            let m = entries.firstIndex { $0.path == "MANIFEST.sha256" }!
            entries[m] = ZipEntry(path: "MANIFEST.sha256", data: Data(entries.filter { $0.path != "MANIFEST.sha256" }.map { manifestLine($0) + "\n" }.joined().utf8))
        }
        let run = s.run(["verify", "--archive", tampered])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("audit.log line 4"), "\(run)")  // the edited line itself
    }

    @Test("archive holds the state of the log: a lagging snapshot brought up, a torn line set aside")
    func archiveAfterCrash() throws {
        let s = Sodiem.smallSchool()
        let classPath = URL(fileURLWithPath: s.data).appendingPathComponent("years/2024-2025/classes/6A1.json")
        let stale = try Data(contentsOf: classPath)
        let more = s.file("hs2.csv", "ma_hs,ho_ten\nA4,Vũ Thị Dung\n")
        let imported = s.run(["import-students", "--class", "6A1", "--file", more], as: "cn.6a1", now: "2024-09-11")
        try #require(imported.status == 0, "\(imported)")
        let fresh = try Data(contentsOf: classPath)
        // A crash after the log line was written but before the class file was replaced, then a torn line.
        try stale.write(to: classPath)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: s.data).appendingPathComponent("audit.log"))
        try log.seekToEnd()
        try log.write(contentsOf: Data("{\"seq\":99,\"act".utf8))
        try log.close()
        let before = s.dataState()
        let path = s.folder.appendingPathComponent("crash.archive").path
        let run = s.run(["archive", "--out", path], as: "ad")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("torn") && run.stderr.contains("6A1"), "\(run)")
        #expect(s.dataState() == before, "archive must not repair the directory itself (it only reads)")
        let checked = s.run(["verify", "--archive", path])
        #expect(checked.status == 0, "\(checked)")
        let entries = try Zip.read(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(entries.first { $0.path == "years/2024-2025/classes/6A1.json" }?.data == fresh)
        #expect(entries.first { $0.path == "audit.log.broken" }?.data == Data("{\"seq\":99,\"act\n".utf8))
    }

    @Test("restore into a non-empty folder → 73 and the folder is untouched; into an empty one → 0")
    func restoreTargets() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        let busy = s.folder.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        try Data("giữ lại\n".utf8).write(to: busy.appendingPathComponent("ghi-chu.txt"))
        let run = s.run(["restore", "--archive", path], data: busy.path)
        #expect(run.status == 73, "\(run)")
        #expect(run.stderr.contains("not empty"), "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: busy.path) == ["ghi-chu.txt"])
        // Restoring over the live data directory is refused the same way.
        #expect(s.run(["restore", "--archive", path]).status == 73)
        // An existing empty folder is fine.
        let empty = s.folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let ok = s.run(["restore", "--archive", path], data: empty.path)
        #expect(ok.status == 0, "\(ok)")
        // A missing archive is 66; no --archive is 64.
        #expect(s.run(["restore", "--archive", s.folder.appendingPathComponent("none.archive").path], data: s.folder.appendingPathComponent("n").path).status == 66)
        #expect(s.run(["restore"], data: s.folder.appendingPathComponent("n").path).status == 64)
    }

    @Test("restore into a group-writable folder gives files 0660 and folders 2770")
    func restoreSharedModes() throws {
        let s = Sodiem.smallSchool()
        let path = archive(s)
        let shared = s.folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        chmod(shared.path, 0o2770)
        let run = s.run(["restore", "--archive", path], data: shared.path)
        #expect(run.status == 0, "\(run)")
        for (relative, expected) in [("audit.log", 0o660), ("years/2024-2025/classes/6A1.json", 0o660),
                                     ("years", 0o2770), ("years/2024-2025/classes", 0o2770)] {
            var info = stat()
            #expect(stat(shared.appendingPathComponent(relative).path, &info) == 0)
            #expect(Int(info.st_mode & 0o7777) == expected, "\(relative): \(String(info.st_mode & 0o7777, radix: 8))")
        }
    }

    @Test("archive: a teacher → 77, no --out → 64, an --out in a missing folder → 73")
    func archiveRefusals() {
        let s = Sodiem.smallSchool()
        let before = s.dataState()
        let teacher = s.run(["archive", "--out", s.folder.appendingPathComponent("t.archive").path], as: "gv.toan")
        #expect(teacher.status == 77, "\(teacher)")
        #expect(!FileManager.default.fileExists(atPath: s.folder.appendingPathComponent("t.archive").path))
        #expect(s.run(["archive"], as: "ad").status == 64)
        #expect(s.run(["archive", "--out", s.folder.appendingPathComponent("no/such/x.archive").path], as: "ad").status == 73)
        #expect(s.run(["verify", "--archive", archive(s)], as: "gv.toan").status == 77)
        #expect(s.dataState() == before)
    }
}
