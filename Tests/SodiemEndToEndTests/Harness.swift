import Foundation
import Testing

/// Runs the built `sodiem` binary on a fresh data directory, as hledger's functional tests do.
struct Sodiem {
    /// What one run printed and returned.
    struct Run: CustomStringConvertible {
        let status: Int32
        let stdout: String
        let stderr: String

        var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// A temporary folder for this test (data directory and input files).
    let folder: URL
    /// The data directory inside it.
    var data: String { folder.appendingPathComponent("data").path }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sodiem-e2e-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The binary under test: `$SODIEM_BINARY`, else the one built beside this test bundle.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["SODIEM_BINARY"] { return URL(fileURLWithPath: path) }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = me.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("sodiem")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".build/debug/sodiem")
    }()

    /// True when the tests run as root (`--as` and `SODIEM_NOW` need root or an admin).
    static var isRoot: Bool { geteuid() == 0 }

    /// Runs `sodiem --data DIR [--as USER] ARGS…` with `SODIEM_NOW` and English messages unless told otherwise.
    @discardableResult
    func run(_ arguments: [String], as user: String? = nil, now: String? = nil, environment: [String: String] = [:],
             data: String? = nil) -> Run {
        start(arguments, as: user, now: now, environment: environment, data: data).wait()
    }

    /// Writes an input file into the test folder and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) -> String {
        let url = folder.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    /// The bytes of a file in the data directory.
    func dataFile(_ path: String) -> Data? {
        FileManager.default.contents(atPath: URL(fileURLWithPath: data).appendingPathComponent(path).path)
    }

    /// Every file of the data directory with its bytes, to prove that a failed command changed nothing.
    func dataState() -> [String: Data] { Sodiem.state(of: data) }

    /// Every file of a data directory with its bytes (without `.lock`).
    static func state(of path: String) -> [String: Data] {
        var state: [String: Data] = [:]
        let root = URL(fileURLWithPath: path)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return state }
        for case let url as URL in walker where !url.hasDirectoryPath {
            let relative = String(url.path.dropFirst(root.path.count))
            if relative.hasSuffix("/.lock") { continue }
            state[relative] = FileManager.default.contents(atPath: url.path)
        }
        return state
    }

    /// A small school like the contract check's: accounts, a year, 6A1 and 8A1, two assignments, three students.
    static func smallSchool() -> Sodiem {
        let s = Sodiem()
        let day = "2024-09-02"
        let steps: [([String], String?)] = [
            (["init", "--school", "Trường THCS Thử Nghiệm"], nil),
            (["user", "add", "ad", "--name", "Quản Trị Viên", "--role", "admin"], nil),
            (["user", "add", "ht", "--name", "Hiệu Trưởng Thử", "--role", "principal"], nil),
            (["user", "add", "pht", "--name", "Phó Hiệu Trưởng Thử", "--role", "vice-principal,teacher"], nil),
            (["user", "add", "gv.toan", "--name", "Giáo Viên Toán", "--role", "teacher"], nil),
            (["user", "add", "gv.cn", "--name", "Giáo Viên Công Nghệ", "--role", "teacher"], nil),
            (["user", "add", "cn.6a1", "--name", "Chủ Nhiệm Sáu", "--role", "teacher"], nil),
            (["user", "add", "cron", "--name", "Định Kỳ", "--role", "system"], nil),
            (["year", "create", "2024-2025", "--term1", "2024-09-05:2025-01-11", "--term2", "2025-01-13:2025-05-24", "--current"], "ad"),
            (["class", "add", "6A1", "--grade", "6", "--homeroom", "cn.6a1"], "ad"),
            (["class", "add", "8A1", "--grade", "8", "--homeroom", "cn.6a1"], "ad"),
            (["assign", "--subject", "toan", "--classes", "6A1", "--enterers", "gv.toan", "--lead", "gv.toan"], "ad"),
            (["assign", "--subject", "Công nghệ", "--classes", "8A1", "--enterers", "gv.cn", "--lead", "gv.cn"], "ad"),
        ]
        for (arguments, user) in steps {
            let result = s.run(arguments, as: user, now: day)
            precondition(result.status == 0, "set-up step \(arguments) failed: \(result)")
        }
        let students = s.file("hs.csv", "\u{FEFF}Mã học sinh;Họ và tên;Ngày sinh;Giới tính\r\nA3;Đỗ Văn Cường;01/02/2013;Nam\r\nA1;Trần Văn Bảo;03/04/2013;Nam\r\nA2;Lê Thị An;05/06/2013;Nữ\r\n")
        precondition(s.run(["import-students", "--class", "6A1", "--file", students], as: "cn.6a1", now: "2024-09-10").status == 0)
        let eighth = s.file("h8.csv", "ma_hs,ho_ten\nB1,Phan Văn Tám\n")
        precondition(s.run(["import-students", "--class", "8A1", "--file", eighth], as: "cn.6a1", now: "2024-09-10").status == 0)
        return s
    }
}

// MARK: - Helpers for the foundation's robustness tests (processes started together, crashes, OS logins)

extension Sodiem {
    /// A run started and not yet waited for (to start several at once, or to kill one).
    final class Started {
        let process: Process
        private let outURL: URL
        private let errURL: URL
        private let handles: [FileHandle]

        init(process: Process, outURL: URL, errURL: URL, handles: [FileHandle]) {
            self.process = process
            self.outURL = outURL
            self.errURL = errURL
            self.handles = handles
        }

        /// Waits for the process and returns what it printed.
        func wait() -> Run {
            process.waitUntilExit()
            for handle in handles { try? handle.close() }
            let stdout = FileManager.default.contents(atPath: outURL.path) ?? Data()
            let stderr = FileManager.default.contents(atPath: errURL.path) ?? Data()
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
        }

        /// Sends a signal (SIGKILL to simulate a crash).
        func signal(_ number: Int32) { kill(process.processIdentifier, number) }
    }

    /// Starts `sodiem --data DIR [--as USER] ARGS…` without waiting; `launcher` runs it through another
    /// program (`["/usr/sbin/runuser", "-u", login, "--"]`), `binary` replaces the binary under test.
    func start(_ arguments: [String], as user: String? = nil, now: String? = nil, environment: [String: String] = [:],
               data: String? = nil, launcher: [String] = [], binary: String? = nil) -> Started {
        let process = Process()
        var words = ["--data", data ?? self.data]
        if let user { words += ["--as", user] }
        words += arguments
        let program = binary ?? Sodiem.binary.path
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(launcher.dropFirst()) + [program] + words
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = words
        }
        var env = ProcessInfo.processInfo.environment
        env["SODIEM_LANG"] = "en"
        env["SODIEM_NOW"] = now
        env["SODIEM_DATA"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = folder
        // Files, not pipes: a large output can never block the child, and no reader thread is needed.
        let outURL = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try! FileHandle(forWritingTo: outURL), err = try! FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try! process.run()
        return Started(process: process, outURL: outURL, errURL: errURL, handles: [out, err])
    }

    /// Runs the binary as a user types it: no `--data` and no `--as` added, in the working
    /// directory `cwd` (the test folder unless told), English unless told otherwise.
    func runAsTyped(_ arguments: [String], in cwd: URL? = nil, now: String? = nil, environment: [String: String] = [:]) -> Run {
        let process = Process()
        process.executableURL = Sodiem.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SODIEM_LANG"] = "en"
        env["SODIEM_NOW"] = now
        env["SODIEM_DATA"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = cwd ?? folder
        let outURL = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try! FileHandle(forWritingTo: outURL), err = try! FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try! process.run()
        return Started(process: process, outURL: outURL, errURL: errURL, handles: [out, err]).wait()
    }

    /// The URL of a path inside the data directory.
    func dataURL(_ path: String) -> URL { URL(fileURLWithPath: data).appendingPathComponent(path) }

    /// The complete lines of audit.log, without their newlines.
    func logLines() -> [Data] {
        guard let bytes = dataFile("audit.log") else { return [] }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Appends bytes to a file of the data directory, as a crash or a hand would.
    func appendToData(_ path: String, _ bytes: Data) {
        let handle = try! FileHandle(forWritingTo: dataURL(path))
        handle.seekToEndOfFile()
        handle.write(bytes)
        try! handle.close()
    }

    /// Replaces a file of the data directory by hand (no sodiem involved).
    func overwriteData(_ path: String, _ bytes: Data) {
        try! bytes.write(to: dataURL(path))
    }

    /// The ids of a class's students as `students --format json` lists them (nil when the command fails).
    func studentIDs(_ className: String, as user: String? = "ad") -> [String]? {
        let run = run(["students", "--class", className, "--format", "json"], as: user)
        guard run.status == 0, let json = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
              let students = json["students"] as? [[String: Any]] else { return nil }
        return students.compactMap { $0["id"] as? String }
    }

    /// Runs a system tool (useradd, chgrp…) and returns its exit status and output.
    @discardableResult
    static func system(_ path: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (-1, "cannot run \(path)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// True when the tests can create OS users and run commands as them (root, useradd, runuser).
    static var canSwitchUsers: Bool {
        isRoot && ["/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/sbin/groupadd", "/usr/sbin/groupdel", "/usr/sbin/runuser"]
            .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A copy of the binary that any OS user can run (mode 0755 in a traversable folder).
    func sharedBinary() -> String {
        let folder = self.folder.appendingPathComponent("bin")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("sodiem")
        if !FileManager.default.fileExists(atPath: copy.path) {
            try! FileManager.default.copyItem(at: Sodiem.binary, to: copy)
        }
        chmod(copy.path, 0o755)
        chmod(folder.path, 0o755)
        chmod(self.folder.path, 0o755)
        return copy.path
    }
}
