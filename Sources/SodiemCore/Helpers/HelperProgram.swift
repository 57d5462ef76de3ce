import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
#if canImport(Glibc)
import Glibc
#endif

/// A system program sodiem runs for work it does not do itself (Chromium prints PDF, `openssl` signs).
///
/// data.md, system install: a helper runs with the person's own rights only. It is spawned with
/// `posix_spawn` and `POSIX_SPAWN_RESETIDS` (effective group = real group, and exec makes the saved
/// one follow), a minimal environment, in its own process group (so a time limit kills its
/// children too), and with every descriptor of ours marked close-on-exec first, so no data-directory
/// descriptor reaches it.
public struct HelperProgram: Sendable {
    /// The program's file.
    public let path: String
    /// What it is, for messages (`Chromium`, `openssl`).
    public let label: String

    /// The outcome of one run.
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
        /// The standard error as text, trimmed, for messages.
        public var errorText: String {
            String(decoding: stderr, as: UTF8.self).trimmingSpaces(newlines: true)
        }
    }

    public init(path: String, label: String) {
        self.path = path
        self.label = label
    }

    /// Finds the first of `names` on `PATH` (or the file `override` names); 69 naming the Debian package otherwise.
    public static func find(_ names: [String], label: String, package: String, override: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(SodiemError) -> HelperProgram {
        if let variable = override, let given = environment[variable], !given.isEmpty {
            guard access(given, X_OK) == 0 else {
                throw SodiemError.unavailable(Message(
                    vi: "\(variable)=\(given) không phải chương trình chạy được. Cài gói \(package) (apt-get install \(package)) hoặc sửa \(variable).",
                    en: "\(variable)=\(given) is not an executable program. Install the package \(package) (apt-get install \(package)) or fix \(variable)."))
            }
            return HelperProgram(path: given, label: label)
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            for folder in folders where !folder.isEmpty {
                let candidate = folder + "/" + name
                var info = stat()
                if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                    return HelperProgram(path: candidate, label: label)
                }
            }
        }
        throw SodiemError.unavailable(Message(
            vi: "Không tìm thấy \(label) (\(names.joined(separator: ", ")) trên PATH). Cài gói \(package): apt-get install \(package).",
            en: "\(label) was not found (\(names.joined(separator: ", ")) on PATH). Install the package \(package): apt-get install \(package)."))
    }

    /// Chromium for printing PDF: `chromium`, `chromium-browser`, `google-chrome` on PATH, or `SODIEM_CHROMIUM`.
    public static func chromium(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SodiemError) -> HelperProgram {
        try find(["chromium", "chromium-browser", "google-chrome"], label: "Chromium", package: "chromium",
                 override: "SODIEM_CHROMIUM", environment: environment)
    }

    /// `openssl`, for signatures.
    public static func openssl(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SodiemError) -> HelperProgram {
        try find(["openssl"], label: "openssl", package: "openssl", environment: environment)
    }

    /// Runs the program with `arguments`, standard input from `stdin` (else /dev/null), in `folder`
    /// (a private temporary folder: output goes to files there, not pipes, so nothing can block),
    /// `extraEnvironment` on top of the minimal one, killed after `timeLimit` seconds.
    public func run(_ arguments: [String], in folder: PrivateFolder, stdin: Data? = nil,
                    extraEnvironment: [String: String] = [:], timeLimit: Double = 60) throws(SodiemError) -> Outcome {
        let outPath = folder.path + "/.helper-stdout"
        let errPath = folder.path + "/.helper-stderr"
        var inPath = "/dev/null"
        if let stdin {
            inPath = folder.file(".helper-stdin")
            try folder.write(".helper-stdin", stdin)
        }
        defer { folder.removeFile(".helper-stdout"); folder.removeFile(".helper-stderr"); if stdin != nil { folder.removeFile(".helper-stdin") } }
        Self.closeOnExecAll()

        var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8",
                           "TMPDIR": folder.path, "XDG_CONFIG_HOME": folder.path + "/.config", "XDG_CACHE_HOME": folder.path + "/.cache"]
        for (key, value) in extraEnvironment { environment[key] = value }
        let argv = [path] + arguments
        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgv.forEach { free($0) }; cEnv.forEach { free($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, &cArgv, &cEnv)
        guard spawned == 0 else {
            throw SodiemError.unavailable(Message(vi: "Không chạy được \(label) (\(path)): \(String(cString: strerror(spawned))).",
                                                  en: "Cannot run \(label) (\(path)): \(String(cString: strerror(spawned)))."))
        }
        let deadline = Date().addingTimeInterval(timeLimit)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if Date() > deadline {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw SodiemError.unavailable(Message(
                    vi: "\(label) không xong sau \(Int(timeLimit)) giây và đã bị dừng.",
                    en: "\(label) did not finish within \(Int(timeLimit)) seconds and was stopped."))
            }
            usleep(10_000)
        }
        // Whatever the program left behind in its group (Chromium's helpers) goes with it.
        kill(-pid, SIGKILL)
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        // What the program left there, read with the person's rights (it may have put a link there).
        let out = folder.read(".helper-stdout") ?? Data()
        let err = folder.read(".helper-stderr") ?? Data()
        return Outcome(status: exit, stdout: out, stderr: err)
    }

    /// Marks every open descriptor above standard error close-on-exec.
    static func closeOnExecAll() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else {
            for fd in 3..<1024 { _ = fcntl(Int32(fd), F_SETFD, FD_CLOEXEC) }
            return
        }
        for entry in entries {
            guard let fd = Int32(entry), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}

/// A temporary folder only its owner can enter (0700), removed with everything in it by `remove()`.
///
/// The helper programs run in it with the person's own rights, so they can put anything there
/// (a symlink into the data directory, a FIFO, a folder swapped mid-removal): every use of the
/// folder and its files is made with the person's own rights too (the group of a system install
/// dropped), never following a link, so nothing in it reaches what the person could not.
public final class PrivateFolder: @unchecked Sendable {
    public let path: String
    private var removed = false

    public init() throws(SodiemError) {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/sodiem-XXXXXX").utf8CString)
        let made = SystemInstall.withUserRights { template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) } }
        guard made != nil else {
            throw SodiemError.cannotCreate(Message(vi: "Không tạo được thư mục tạm trong \(base).", en: "Cannot create a temporary folder in \(base)."))
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        SystemInstall.withUserRights { _ = chmod(path, 0o700) }
    }

    /// A file in the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes a file only the owner can read (whatever was there under that name goes first).
    public func write(_ name: String, _ data: Data) throws(SodiemError) {
        let target = file(name)
        let failure: Int32? = SystemInstall.withUserRights {
            unlink(target)
            let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return errno }
            defer { close(fd) }
            return data.withUnsafeBytes { buffer -> Int32? in
                var written = 0
                while written < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                    if n < 0 { if errno == EINTR { continue }; return errno }
                    written += n
                }
                return nil
            }
        }
        if let failure {
            throw SodiemError.io(Message(vi: "Không ghi được tệp tạm \(target): \(String(cString: strerror(failure))).",
                                         en: "Cannot write the temporary file \(target): \(String(cString: strerror(failure)))."))
        }
    }

    /// Reads a regular file of the folder (nil when absent, a link, a FIFO or a device).
    public func read(_ name: String) -> Data? {
        SystemInstall.withUserRights { try? DataDirectory(root: URL(fileURLWithPath: path)).read(URL(fileURLWithPath: file(name))) }
    }

    /// Removes one file of the folder.
    public func removeFile(_ name: String) {
        SystemInstall.withUserRights { _ = unlink(file(name)) }
    }

    /// Sets the mode of a file of the folder, never through a link.
    public func setMode(_ name: String, _ mode: mode_t) {
        SystemInstall.withUserRights {
            let fd = open(file(name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { return }
            _ = fchmod(fd, mode)
            close(fd)
        }
    }

    /// Removes the folder and everything in it.
    public func remove() {
        guard !removed else { return }
        removed = true
        SystemInstall.withUserRights { try? FileManager.default.removeItem(atPath: path) }
    }

    deinit { remove() }
}
