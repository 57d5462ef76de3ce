import Foundation
import Testing

/// Runs a program with arguments and returns its status and combined output.
private func runTool(_ path: String, _ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["SODIEM_LANG"] = "en"
    env["SODIEM_DATA"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let folder { process.currentDirectoryURL = folder }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let handle = try! FileHandle(forWritingTo: out)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return (-1, "cannot run \(path)") }
    process.waitUntilExit()
    try? handle.close()
    let text = String(decoding: FileManager.default.contents(atPath: out.path) ?? Data(), as: UTF8.self)
    try? FileManager.default.removeItem(at: out)
    return (process.terminationStatus, text)
}

/// True when strace is installed and may trace here (ptrace can be forbidden in a container).
private let straceWorks: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { return false }
    return runTool("/usr/bin/strace", ["-f", "-o", "/dev/null", "/bin/true"]).status == 0
}()

@Suite("Safe files: symlinks, devices, FIFOs, failed fsync, killed restore", .enabled(if: Sodiem.isRoot, "needs root for --as and SODIEM_NOW"))
struct SafeFilesTests {
    private func victim(_ s: Sodiem) -> URL {
        let url = s.folder.appendingPathComponent("victim.txt")
        try! Data("precious\n".utf8).write(to: url)
        return url
    }

    private let score = ["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "7"]

    /// A symlink planted where a temporary file goes: refused (78, naming it), nothing outside changes.
    @Test func symlinkedTemporaryFileIsRefused() throws {
        let s = Sodiem.smallSchool()
        let victim = victim(s)
        // Every name the old code would have used (the pid is guessable), and one with a made-up token.
        let classes = s.dataURL("years/2024-2025/classes")
        for name in [".6A1.json.12345.tmp", ".6A1.json.0123456789abcdef0123456789abcdef.tmp"] {
            try FileManager.default.createSymbolicLink(atPath: classes.appendingPathComponent(name).path, withDestinationPath: victim.path)
        }
        let before = s.dataState()
        let run = s.run(score, as: "gv.toan", now: "2024-10-01")
        #expect(run.status == 78, "\(run)")
        #expect(run.stderr.contains(".6A1.json."), "\(run)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(s.dataState() == before)
        // Once the administrator removes them, the command works and the victim is untouched.
        for name in try FileManager.default.contentsOfDirectory(atPath: classes.path) where name.hasSuffix(".tmp") {
            unlink(classes.appendingPathComponent(name).path)
        }
        #expect(s.run(score, as: "gv.toan", now: "2024-10-01").status == 0)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    }

    /// `.lock` replaced by a symlink: refused (78), the victim keeps its bytes and mode.
    @Test func symlinkedLockIsRefused() throws {
        let s = Sodiem.smallSchool()
        let victim = victim(s)
        chmod(victim.path, 0o600)
        unlink(s.dataURL(".lock").path)
        try FileManager.default.createSymbolicLink(atPath: s.dataURL(".lock").path, withDestinationPath: victim.path)
        let run = s.run(score, as: "gv.toan", now: "2024-10-01")
        #expect(run.status == 78, "\(run)")
        #expect(run.stderr.contains(".lock"), "\(run)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        var info = stat()
        stat(victim.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        let read = s.run(["students", "--class", "6A1"], as: "ad")
        #expect(read.status == 78, "\(read)")
    }

    /// A symlinked audit.log, a FIFO and a world-writable file in the data directory are refused too.
    @Test func unsafeEntriesAreRefused() throws {
        let s = Sodiem.smallSchool()
        chmod(s.dataURL("users.json").path, 0o666)
        let open = s.run(["students", "--class", "6A1"], as: "ad")
        #expect(open.status == 78 && open.stderr.contains("users.json"), "\(open)")
        chmod(s.dataURL("users.json").path, 0o644)
        mkfifo(s.dataURL("years/2024-2025/trap").path, 0o644)
        let fifo = s.run(["verify"], as: "ad")
        #expect(fifo.status == 78 && fifo.stderr.contains("trap"), "\(fifo)")
        unlink(s.dataURL("years/2024-2025/trap").path)
        let moved = s.folder.appendingPathComponent("elsewhere.log")
        try FileManager.default.moveItem(at: s.dataURL("audit.log"), to: moved)
        try FileManager.default.createSymbolicLink(atPath: s.dataURL("audit.log").path, withDestinationPath: moved.path)
        let linked = s.run(["verify"], as: "ad")
        #expect(linked.status == 78 && linked.stderr.contains("audit.log"), "\(linked)")
    }

    /// `--out` onto a character device and a FIFO writes in place: they stay a device and a FIFO.
    @Test func outputOntoDeviceAndFIFOWritesInPlace() throws {
        let s = Sodiem.smallSchool()
        let device = s.folder.appendingPathComponent("null").path
        #expect(mknod(device, S_IFCHR | 0o666, dev_t(0x0103)) == 0)
        let toDevice = s.run(["students", "--class", "6A1", "--out", device], as: "ad")
        var info = stat()
        #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the device was replaced: \(toDevice)")
        #expect(toDevice.status == 0 || toDevice.status == 73, "\(toDevice)")  // 73 where the filesystem is mounted nodev
        let devNull = s.run(["students", "--class", "6A1", "--out", "/dev/null"], as: "ad")
        #expect(devNull.status == 0, "\(devNull)")
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        // The streamed archive goes the same way (it once replaced the device with a regular file).
        let archived = s.run(["archive", "--out", device], as: "ad")
        #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the archive replaced the device: \(archived)")
        #expect(archived.status == 0 || archived.status == 73, "\(archived)")

        let fifo = s.folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // Hold the FIFO open for reading and writing, so the writer never blocks; read what came.
        let reader = Glibc.open(fifo, O_RDWR | O_NONBLOCK)
        #expect(reader >= 0)
        let toFIFO = s.run(["students", "--class", "6A1", "--out", fifo], as: "ad")
        #expect(toFIFO.status == 0, "\(toFIFO)")
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = read(reader, &buffer, buffer.count)
        close(reader)
        #expect(n > 0 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self).contains("Trần Văn Bảo"))
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced")
    }

    /// A failed fsync of the log: exit 74, nothing in the log, and a retry records the change once.
    @Test(.enabled(if: straceWorks, "needs strace with ptrace allowed (apt-get install strace)"))
    func failedFsyncLeavesNothingInTheLog() throws {
        let s = Sodiem.smallSchool()
        let before = s.logLines().count
        let run = runTool("/usr/bin/strace", ["-f", "-o", "/dev/null", "-e", "inject=fsync:error=EIO:when=1",
                                              Sodiem.binary.path, "--data", s.data, "--as", "gv.toan"] + score,
                          environment: ["SODIEM_NOW": "2024-10-01"], in: s.folder)
        #expect(run.status == 74, "\(run)")
        #expect(run.output.contains("Input/output error"), "\(run)")
        #expect(s.logLines().count == before)
        #expect(s.run(score, as: "gv.toan", now: "2024-10-01").status == 0)
        #expect(s.logLines().count == before + 1)
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    /// The input file is read and parsed before the exclusive lock is taken (data.md): the lock is
    /// held for check-append-write only, never while a big or slow file is read.
    @Test(.enabled(if: straceWorks, "needs strace with ptrace allowed"))
    func inputIsReadBeforeTheLock() throws {
        let s = Sodiem.smallSchool()
        let sheet = s.file("diem-toan.csv", "ma_hs,tx1\nA1,7\nA2,8\nA3,9\n")
        let trace = s.folder.appendingPathComponent("trace.txt").path
        let run = runTool("/usr/bin/strace", ["-f", "-o", trace, "-e", "trace=openat,flock",
                                              Sodiem.binary.path, "--data", s.data, "--as", "gv.toan",
                                              "enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--file", sheet],
                          environment: ["SODIEM_NOW": "2024-10-01"], in: s.folder)
        #expect(run.status == 0, "\(run)")
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        let opened = lines.firstIndex { $0.contains("diem-toan.csv") && $0.contains("openat(") }
        let locked = lines.firstIndex { $0.contains("flock(") && $0.contains("LOCK_EX") }
        #expect(opened != nil && locked != nil && opened! < locked!, "the sheet is read after the lock is taken")
        #expect(lines.filter { $0.contains("diem-toan.csv") && $0.contains("openat(") }.count == 1, "the sheet is read once")
        #expect(s.run(["verify"], as: "ad").status == 0)
    }

    /// Output to a FIFO nobody opens for reading: the command waits, but without its lock, so the
    /// school goes on writing meanwhile.
    @Test func outputNobodyReadsHoldsNoLock() throws {
        let s = Sodiem.smallSchool()
        let fifo = s.folder.appendingPathComponent("nobody-reads").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let waiting = s.start(["students", "--class", "6A1", "--out", fifo], as: "ad")
        Thread.sleep(forTimeInterval: 1)
        let writer = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "6"],
                           as: "gv.toan", now: "2024-10-01", environment: ["SODIEM_LOCK_WAIT": "2"])
        #expect(writer.status == 0, "a reader stuck on its output held the lock: \(writer)")
        // Let the stuck one finish: open the FIFO and read what it wrote.
        let reader = Glibc.open(fifo, O_RDONLY)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = read(reader, &buffer, buffer.count)
        close(reader)
        #expect(n > 0)
        #expect(waiting.wait().status == 0)
    }

    /// An archive into a FIFO nobody reads: made in a private file first, so the school writes meanwhile.
    @Test func archiveIntoAFIFONobodyReadsHoldsNoLock() throws {
        let s = Sodiem.smallSchool()
        let fifo = s.folder.appendingPathComponent("archive-pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let waiting = s.start(["archive", "--out", fifo], as: "ad")
        Thread.sleep(forTimeInterval: 1.5)
        let writer = s.run(["enter-score", "--class", "6A1", "--subject", "toan", "--term", "1", "--student", "A1", "--column", "tx1", "--score", "6"],
                           as: "gv.toan", now: "2024-10-01", environment: ["SODIEM_LOCK_WAIT": "2"])
        #expect(writer.status == 0, "an archive stuck on its output held the lock: \(writer)")
        // Read the archive out of the FIFO: a whole ZIP that verify accepts.
        let reader = FileHandle(forReadingAtPath: fifo)!
        let bytes = reader.readDataToEndOfFile()
        try reader.close()
        #expect(waiting.wait().status == 0)
        let copy = s.folder.appendingPathComponent("from-pipe.archive")
        try bytes.write(to: copy)
        #expect(bytes.starts(with: [0x50, 0x4B]) && s.run(["verify", "--archive", copy.path], as: "ad").status == 0)
    }

    /// A full disk is reported with the system's own reason.
    @Test(.enabled(if: straceWorks, "needs strace with ptrace allowed"))
    func fullDiskSaysSo() throws {
        let s = Sodiem.smallSchool()
        let before = s.logLines().count
        let run = runTool("/usr/bin/strace", ["-f", "-o", "/dev/null", "-e", "inject=write:error=ENOSPC:when=1",
                                              Sodiem.binary.path, "--data", s.data, "--as", "gv.toan"] + score,
                          environment: ["SODIEM_NOW": "2024-10-01"], in: s.folder)
        #expect(run.status == 74, "\(run)")
        #expect(run.output.contains("No space left on device"), "\(run)")
        #expect(s.logLines().count == before)
    }

    /// A restore killed at any step leaves no target folder, or the whole verified one.
    @Test(.enabled(if: straceWorks, "needs strace with ptrace allowed"))
    func killedRestoreLeavesNothingOrTheWhole() throws {
        let s = Sodiem.smallSchool()
        let archive = s.folder.appendingPathComponent("school.archive").path
        #expect(s.run(["archive", "--out", archive], as: "ad").status == 0)
        for step in [1, 3, 8, 15] {
            let target = s.folder.appendingPathComponent("restored-\(step)").path
            let run = runTool("/usr/bin/strace", ["-f", "-o", "/dev/null", "-e", "inject=rename:signal=KILL:when=\(step)",
                                                  Sodiem.binary.path, "--data", target, "restore", "--archive", archive], in: s.folder)
            if FileManager.default.fileExists(atPath: target) {
                #expect(s.run(["verify"], as: "ad", data: target).status == 0, "step \(step): \(run)")
            } else {
                #expect(run.status != 0, "step \(step): \(run)")
            }
        }
        let target = s.folder.appendingPathComponent("restored").path
        #expect(s.run(["restore", "--archive", archive], data: target).status == 0)
        #expect(s.run(["verify"], as: "ad", data: target).status == 0)
    }
}
