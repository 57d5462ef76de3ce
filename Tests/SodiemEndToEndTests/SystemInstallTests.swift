import Foundation
import Testing

/// The static binary the install tests need (a set-group-ID program must not load the toolchain's
/// libraries): `$SODIEM_STATIC_BINARY` when given; else, as root, the tests build this tree with
/// `swift build --static-swift-stdlib --build-path .build-static` (about a minute the first time,
/// seconds when it is up to date, so the binary is never older than the sources) and use it.
private let staticBinary: String? = {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    let base: String = root.path
    // Linked without the Swift runtime: the dynamic loader lists what the program needs and
    // exits, as `ldd` does (a debug binary names the library in its debug data, so no grep).
    func isStatic(_ path: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        let trace = Process()
        trace.executableURL = URL(fileURLWithPath: path)
        trace.environment = ["LD_TRACE_LOADED_OBJECTS": "1"]
        let pipe = Pipe()
        trace.standardOutput = pipe
        trace.standardError = FileHandle.nullDevice
        guard (try? trace.run()) != nil else { return false }
        let needed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        trace.waitUntilExit()
        return trace.terminationStatus == 0 && !needed.isEmpty && !needed.contains("libswiftCore.so")
    }
    if let chosen = ProcessInfo.processInfo.environment["SODIEM_STATIC_BINARY"] { return isStatic(chosen) ? chosen : nil }
    guard Sodiem.canSwitchUsers else { return nil }
    let build = Process()
    build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    build.arguments = ["swift", "build", "--static-swift-stdlib", "--build-path", base + "/.build-static", "--package-path", base]
    build.standardOutput = FileHandle.nullDevice
    build.standardError = FileHandle.nullDevice
    guard (try? build.run()) != nil else { return nil }
    build.waitUntilExit()
    let path = base + "/.build-static/debug/sodiem"
    return build.terminationStatus == 0 && isStatic(path) ? path : nil
}()

/// A folder on a filesystem that honours set-group-ID (statvfs without ST_NOSUID; /tmp often is nosuid).
private let installPlace: String? = {
    for base in ["/var/tmp", "/work", "/srv"] {
        var info = statvfs()
        guard statvfs(base, &info) == 0, info.f_flag & UInt(ST_NOSUID) == 0 else { continue }
        return base
    }
    return nil
}()

private let installReady = Sodiem.canSwitchUsers && staticBinary != nil && installPlace != nil
private let installSkipReason = !Sodiem.canSwitchUsers ? "needs root, useradd and runuser"
    : staticBinary == nil ? "needs a binary built with `swift build --static-swift-stdlib --build-path .build-static` (or SODIEM_STATIC_BINARY); building one failed"
    : "needs a filesystem that honours set-group-ID (statvfs ST_NOSUID is set on /var/tmp, /work and /srv)"

@Suite("The system install with real OS users", .serialized, .enabled(if: installReady, Comment(rawValue: installSkipReason)))
struct SystemInstallTests {
    /// Runs a program with a clean environment and returns status and output.
    func run(_ program: String, _ arguments: [String], user: String? = nil, environment: [String: String] = [:]) -> Sodiem.Run {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", user, "--", program] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        }
        var env = ["PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "SODIEM_LANG": "en", "HOME": "/nonexistent", "TMPDIR": "/tmp"]
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return Sodiem.Run(status: -1, stdout: "", stderr: "cannot run \(program)") }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Sodiem.Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func aTeacherReachesTheDataOnlyThroughSodiem() throws {
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        let group = "sdg\(tag)"
        let (teacher, other, admin, stranger) = ("sdt\(tag)a", "sdt\(tag)b", "sdt\(tag)c", "sdt\(tag)d")
        let top = "\(installPlace!)/sodiem-install-\(tag)"
        try FileManager.default.createDirectory(atPath: top, withIntermediateDirectories: true)
        chmod(top, 0o755)
        for login in [teacher, other, admin, stranger] { Sodiem.system("/usr/sbin/useradd", ["-M", "-N", "-s", "/bin/sh", login]) }
        defer {
            for login in [teacher, other, admin, stranger] { Sodiem.system("/usr/sbin/userdel", [login]) }
            Sodiem.system("/usr/sbin/groupdel", [group])
            try? FileManager.default.removeItem(atPath: top)
        }
        let prefix = "\(top)/usr", data = "\(top)/var/lib/sodiem"
        let installed = run(staticBinary!, ["install", "--prefix", prefix, "--group", group, "--data", data])
        #expect(installed.status == 0, "\(installed)")
        let bin = "\(prefix)/bin/sodiem"
        var info = stat()
        #expect(stat(bin, &info) == 0 && info.st_mode & 0o7777 == 0o2755 && info.st_uid == 0)
        #expect(run(bin, ["install", "--check", "--prefix", prefix, "--group", group]).status == 0)
        // Root sets the school up (SODIEM_NOW is root's).
        let now = ["SODIEM_NOW": "2026-09-10"]
        let setUp: [[String]] = [
            ["init", "--school", "Trường THCS Cài Đặt"],
            ["user", "add", "ad", "--name", "Quản Trị", "--role", "admin", "--os-user", admin],
            ["user", "add", "gv.toan", "--name", "Giáo Viên Toán", "--role", "teacher", "--os-user", teacher],
            ["user", "add", "gv.van", "--name", "Giáo Viên Văn", "--role", "teacher", "--os-user", other],
            ["year", "create", "2026-2027", "--term1", "2026-09-05:2027-01-11", "--term2", "2027-01-13:2027-05-24", "--current"],
            ["class", "add", "6A1", "--grade", "6", "--homeroom", "gv.van"],
            ["class", "add", "8A1", "--grade", "8", "--homeroom", "gv.van"],
            ["assign", "--subject", "toan", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan"],
            ["assign", "--subject", "ngu-van", "--classes", "6A1", "--enterers", "gv.van", "--lead", "gv.van"],
        ]
        for words in setUp {
            let step = run(bin, words, environment: now)
            #expect(step.status == 0, "\(words): \(step)")
        }
        let list = "\(top)/hs.csv"
        try Data("ma_hs,ho_ten\nA1,Trần Văn Bảo\nA2,Lê Thị An\n".utf8).write(to: URL(fileURLWithPath: list))
        #expect(run(bin, ["--as", "gv.van", "import-students", "--class", "6A1", "--file", list], environment: now).status == 0)
        try Data("ma_hs,ho_ten\nB1,Phan Văn Tám\n".utf8).write(to: URL(fileURLWithPath: "\(top)/h8.csv"))
        #expect(run(bin, ["--as", "gv.van", "import-students", "--class", "8A1", "--file", "\(top)/h8.csv"], environment: now).status == 0)

        // The teacher's login cannot list, read or write the directory itself.
        #expect(run("/bin/ls", [data], user: teacher).status != 0)
        #expect(run("/bin/cat", ["\(data)/audit.log"], user: teacher).status != 0)
        #expect(run("/bin/sh", ["-c", "echo x >> \(data)/audit.log"], user: teacher).status != 0)
        // …but enters its own scores through the installed binary, even with umask 077.
        let score = ["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "7"]
        let entered = run("/bin/sh", ["-c", "umask 077; exec \"$0\" \"$@\"", bin] + score, user: teacher)
        #expect(entered.status == 0, "\(entered)")
        // The next login still works after that umask, and the modes are as install --check wants.
        let next = run(bin, ["enter-score", "--class", "6A1", "--subject", "ngu-van", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "8"], user: other)
        #expect(next.status == 0, "\(next)")
        #expect(run(bin, ["install", "--check", "--prefix", prefix, "--group", group]).status == 0)
        // No --data, no SODIEM_DATA, no SODIEM_NOW for a teacher.
        #expect(run(bin, ["--data", "/tmp", "students", "--class", "6A1"], user: teacher).status == 64)
        #expect(run(bin, ["students", "--class", "6A1"], user: teacher, environment: ["SODIEM_DATA": "/tmp"]).status == 64)
        #expect(run(bin, ["students", "--class", "6A1"], user: teacher, environment: ["SODIEM_NOW": "2026-10-01"]).status == 77)
        // A login nobody registered reaches the data through the installed binary: it hears that it is
        // not registered and how an admin registers it (77), not that the directory is out of reach (issue 16 item 9).
        let unregistered = run(bin, ["students", "--class", "6A1"], user: stranger)
        #expect(unregistered.status == 77 && unregistered.stderr.contains("\"\(stranger)\" is not registered")
                && unregistered.stderr.contains("--os-user \(stranger)") && !unregistered.stderr.contains("cannot reach"), "\(unregistered)")
        // Another class's students are not theirs to see.
        #expect(run(bin, ["students", "--class", "8A1"], user: teacher).status == 77)
        #expect(run(bin, ["students", "--class", "6A1"], user: teacher).status == 0)
        // A root-only file can be neither read through --file nor written through --out.
        let secret = "\(top)/secret.csv"
        try Data("ma_hs,tx1\nA1,10\n".utf8).write(to: URL(fileURLWithPath: secret))
        // Readable and writable by the sodiem group, not by the teacher: only the dropped group keeps it out of reach.
        chown(secret, 0, getgrnam(group)!.pointee.gr_gid)
        chmod(secret, 0o660)
        let read = run(bin, ["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file", secret], user: teacher)
        #expect(read.status != 0, "\(read)")
        let out = run(bin, ["students", "--class", "6A1", "--out", secret], user: teacher)
        #expect(out.status != 0, "\(out)")
        #expect(String(decoding: FileManager.default.contents(atPath: secret)!, as: UTF8.self) == "ma_hs,tx1\nA1,10\n")
        // A column map is quoted in errors: one named inside the data directory is read with the
        // teacher's rights (refused), never with the group's (which would show the log's first line).
        let mapped = run(bin, ["import-students", "--class", "6A1", "--file", list, "--map", "\(data)/audit.log"], user: teacher)
        #expect(mapped.status != 0 && !mapped.stderr.contains("\"seq\""), "\(mapped)")
        // Another subject's score, and acting as someone else, are refused; the log keeps none of it.
        let logLines = { (try? String(contentsOfFile: "\(data)/audit.log", encoding: .utf8))?.split(separator: "\n").count ?? -1 }
        let linesBefore = logLines()
        let otherSubject = run(bin, ["enter-score", "--class", "6A1", "--subject", "ngu-van", "--term", "1", "--student", "A2", "--column", "tx1", "--score", "3"], user: teacher)
        #expect(otherSubject.status == 77, "\(otherSubject)")
        let acting = run(bin, ["--as", "gv.van", "enter-score", "--class", "6A1", "--subject", "ngu-van", "--term", "1", "--student", "A2", "--column", "tx1", "--score", "3"], user: teacher)
        #expect(acting.status == 77, "\(acting)")
        #expect(logLines() == linesBefore)
        // A program planted on the teacher's PATH under a helper's name runs with the teacher's own
        // group only: it cannot read the data directory the set-group-ID binary can.
        let planted = "\(top)/planted"
        try FileManager.default.createDirectory(atPath: planted, withIntermediateDirectories: true)
        let teacherIDs = getpwnam(teacher)!.pointee
        chown(planted, teacherIDs.pw_uid, teacherIDs.pw_gid)
        let probe = "\(planted)/probe.txt"
        // `sh -p`: without it, dash and bash drop a set-group-ID they inherit, and would hide a leak.
        // It also leaves, as its standard error, a link to users.json: sodiem must not read it with the group's rights.
        let script = "#!/bin/sh -p\n{ id -g; id -G; if cat \(data)/audit.log >/dev/null 2>&1; then echo READ; else echo DENIED; fi; } > \(probe)\n"
            + "rm -f \"$TMPDIR/.helper-stderr\"; ln -s \(data)/users.json \"$TMPDIR/.helper-stderr\"\nexit 1\n"
        try Data(script.utf8).write(to: URL(fileURLWithPath: "\(planted)/chromium"))
        chmod("\(planted)/chromium", 0o755)
        // A planted openssl puts a link to a class file where the extracted key goes: its chmod 0600
        // would lock everyone out of the class, were it done with the group's rights.
        let classFile = "\(data)/years/2026-2027/classes/6A1.json"
        let openssl = "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in */key.pem) ln -sf \(classFile) \"$a\";; esac; done\nexit 0\n"
        try Data(openssl.utf8).write(to: URL(fileURLWithPath: "\(planted)/openssl"))
        chmod("\(planted)/openssl", 0o755)
        let printed = run(bin, ["print-ledger", "--teacher", "gv.toan", "--blank", "--term", "1", "--out", "\(planted)/blank.pdf"],
                          user: teacher, environment: ["PATH": "\(planted):/usr/bin:/bin"])
        #expect(printed.status != 0, "the planted program fails, so does the print: \(printed)")
        let seen = (try? String(contentsOfFile: probe, encoding: .utf8)) ?? ""
        let sodiemGroup = getgrnam(group)!.pointee.gr_gid
        let groups = seen.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { gid_t($0) }
        #expect(seen.contains("DENIED") && !seen.contains("READ\n"), "the planted program read the data: \(seen) \(printed)")
        #expect(!groups.isEmpty && !groups.contains(sodiemGroup), "the planted program ran with the sodiem group: \(seen)")
        #expect(!printed.stderr.contains("os_user"), "users.json came through the helper's standard error: \(printed)")
        var before = stat()
        #expect(stat(classFile, &before) == 0)
        try Data("%PDF-1.7\n".utf8).write(to: URL(fileURLWithPath: "\(planted)/x.pdf"))
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: "\(planted)/k.p12"))
        chown("\(planted)/x.pdf", teacherIDs.pw_uid, teacherIDs.pw_gid); chown("\(planted)/k.p12", teacherIDs.pw_uid, teacherIDs.pw_gid)
        // As the login that wrote the class file last (it owns the file, so a chmod through the link would succeed).
        #expect(before.st_uid == getpwnam(other)!.pointee.pw_uid, "the class file was last written by \(other)")
        let signed = run(bin, ["sign", "\(planted)/x.pdf", "--p12", "\(planted)/k.p12"], user: other, environment: ["PATH": "\(planted):/usr/bin:/bin"])
        #expect(signed.status != 0, "\(signed)")
        var after = stat()
        #expect(stat(classFile, &after) == 0 && after.st_mode == before.st_mode, "the class file's mode changed: \(signed)")
        // Output folders are made with the person's rights: none inside the data directory.
        let folderOut = run(bin, ["print-transcript", "--class", "6A1", "--format", "html", "--out", "\(data)/hb/"], user: other)
        #expect(folderOut.status != 0 && !FileManager.default.fileExists(atPath: "\(data)/hb"), "\(folderOut)")
        // A teacher's demo in a system install: refused before anything is made.
        let demoFolder = "\(planted)/demo"
        let demo = run(bin, ["demo", "--data", demoFolder], user: teacher)
        #expect(demo.status == 64 || demo.status == 77, "\(demo)")
        #expect(run("/bin/sh", ["-c", "cd \(planted) && exec \"$0\" demo", bin], user: teacher).status == 77)
        #expect(!FileManager.default.fileExists(atPath: demoFolder) && !FileManager.default.fileExists(atPath: "\(planted)/sodiem-demo"))
        // init by a teacher, and an admin granting a board role: refused in system mode.
        #expect(run(bin, ["init", "--school", "X", "--admin", "x", "--name", "X"], user: teacher).status == 77)
        let grant = run(bin, ["user", "add", "ht", "--name", "Hiệu Trưởng", "--role", "principal"], user: admin)
        #expect(grant.status == 77, "\(grant)")
        // Nor may the admin move the principal's account to another login (that grants the role too).
        #expect(run(bin, ["user", "add", "ht", "--name", "Hiệu Trưởng", "--role", "principal"]).status == 0)
        let remap = run(bin, ["user", "set", "ht", "--os-user", admin], user: admin)
        #expect(remap.status == 77, "\(remap)")
        #expect(run(bin, ["user", "set", "ad", "--os-user", "\(admin)x"], user: admin).status == 77)
        #expect(run(bin, ["user", "add", "gv.moi", "--name", "Giáo Viên Mới", "--role", "teacher"], user: admin).status == 0)
        // The whole record still verifies.
        #expect(run(bin, ["verify"]).status == 0)
        // o+w on any file: install --check says so (78), and commands refuse too.
        chmod("\(data)/users.json", 0o666)
        let check = run(bin, ["install", "--check", "--prefix", prefix, "--group", group])
        #expect(check.status == 78 && check.stderr.contains("users.json"), "\(check)")
        #expect(run(bin, ["students", "--class", "6A1"], user: teacher).status == 78)
    }

}

@Suite("install refuses a binary that loads the Swift runtime", .enabled(if: Sodiem.isRoot, "needs root"))
struct InstallRefusalTests {
    @Test func aDynamicallyLinkedBinaryIsNotInstalled() {
        let run = Sodiem().run(["install", "--prefix", "/nonexistent-prefix", "--group", "nogroup"], data: "/nonexistent-data")
        #expect(run.status == 78 && run.stderr.contains("static-swift-stdlib"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-prefix"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-data"))
    }
}
