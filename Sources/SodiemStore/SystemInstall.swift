#if canImport(Glibc)
import Glibc
#endif

/// The system install of data.md ("Who can touch the files"): decided by the installed files,
/// not by who runs the binary. Written with the C library only, so that `SodiemCommandLine.main`
/// can ask before anything touches Foundation (which caches the environment).
package enum SystemInstall {
    /// What the installed files say.
    package struct Config: Sendable {
        /// The installed binary's folder's parent (`/usr/local` for `/usr/local/bin/sodiem`).
        package var prefix: String
        /// `PREFIX/etc/sodiem.conf` (`/etc/sodiem.conf` when the prefix is `/usr`).
        package var confPath: String
        /// `data = DIR` from it.
        package var data: String
        /// The binary's group (the system group).
        package var gid: gid_t
    }

    /// The path of the running binary, from `/proc/self/exe`.
    package static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The configuration file of a prefix.
    package static func confPath(prefix: String) -> String {
        prefix == "/usr" ? "/etc/sodiem.conf" : (prefix == "/" ? "" : prefix) + "/etc/sodiem.conf"
    }

    /// The prefix of an installed binary path (`/usr/local/bin/sodiem` → `/usr/local`).
    package static func prefix(ofBinary path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !parts.isEmpty { parts.removeLast() }          // sodiem
        if parts.last == "bin" { parts.removeLast() }      // bin
        return "/" + parts.joined(separator: "/")
    }

    /// System mode: the running binary carries the set-group-ID bit and `PREFIX/etc/sodiem.conf`
    /// exists, owned by root and writable by nobody else. Nil in a personal install.
    package static func detect() -> Config? {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0, info.st_mode & S_ISGID != 0, let exe = executablePath() else { return nil }
        let prefix = prefix(ofBinary: exe)
        let conf = confPath(prefix: prefix)
        var confInfo = stat()
        guard lstat(conf, &confInfo) == 0, confInfo.st_mode & S_IFMT == S_IFREG, confInfo.st_uid == 0,
              confInfo.st_mode & 0o022 == 0, let data = readConf(conf) else { return nil }
        return Config(prefix: prefix, confPath: conf, data: data, gid: info.st_gid)
    }

    /// The `data = DIR` line of a configuration file (`#` comments).
    package static func readConf(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65_536 {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let pair = text.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces == "data" else { continue }
            let value = pair[1].trimmingSpaces
            if value.hasPrefix("/") { return value }
        }
        return nil
    }

    /// The environment a system-mode process runs with: the language variables, `SODIEM_*`,
    /// `TERM`, `PATH` (helpers run with the person's own rights) and the variables `--pass-env`
    /// names. Nothing else (no `HOME`, `TMPDIR`, `XDG_*`, `TZDIR`, `LD_*`).
    package static func allowed(_ name: String, passEnv: Set<String>) -> Bool {
        if passEnv.contains(name) { return true }
        if name.hasPrefix("LC_") || name.hasPrefix("SODIEM_") { return true }
        return ["LANG", "LANGUAGE", "TERM", "PATH"].contains(name)
    }

    /// In system mode: umask 007, standard descriptors open, and — when the environment holds
    /// anything outside the allow-list — a re-exec of the binary with only the allowed variables.
    /// Called first thing in `main`, before Foundation is used.
    package static func prepareProcess(arguments: [String]) {
        guard detect() != nil else { return }
        umask(0o007)
        // A closed 0, 1 or 2 would let a data file become standard output.
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) < 0 {
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
        }
        var passEnv = Set<String>()
        for (index, word) in arguments.enumerated() {
            if word == "--pass-env", index + 1 < arguments.count { passEnv.insert(arguments[index + 1]) }
            if word.hasPrefix("--pass-env=") { passEnv.insert(String(word.dropFirst("--pass-env=".count))) }
        }
        var keep: [String] = []
        var dropped = false
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            let name = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if allowed(name, passEnv: passEnv) { keep.append(text) } else { dropped = true }
            pointer += 1
        }
        guard dropped else { return }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = keep.map { strdup($0) } + [nil]
        execve("/proc/self/exe", &argv, &envp)
        // exec failed: refuse to go on with an environment we did not choose.
        let message = "sodiem: cannot re-execute with a clean environment: \(String(cString: strerror(errno)))\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(71)
    }

    /// True when the real user is root.
    package static var realRoot: Bool { getuid() == 0 }

    /// Runs `body` with the person's own rights: the effective group dropped to the real one
    /// (a set-group-ID process must not read or write, for the person, what they could not).
    package static func withUserRights<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let effective = getegid(), real = getgid()
        guard effective != real else { return try body() }
        _ = setegid(real)
        defer { _ = setegid(effective) }
        return try body()
    }
}

private extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}
