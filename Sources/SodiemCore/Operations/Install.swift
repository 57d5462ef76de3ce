import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

/// `sodiem install` and `install --check` (data.md, "Who can touch the files"; docs/install.md).
public enum SystemInstaller {
    /// Where and for which group.
    public struct Layout: Sendable {
        public var prefix: String
        public var group: String
        public var data: String
        public init(prefix: String, group: String, data: String) {
            self.prefix = prefix
            self.group = group
            self.data = data
        }
        var binary: String { (prefix == "/" ? "" : prefix) + "/bin/sodiem" }
        var conf: String { SystemInstall.confPath(prefix: prefix) }
    }

    /// True when the running binary loads the Swift runtime from a shared library (not linked
    /// with `--static-swift-stdlib`): read from the process's own memory map.
    public static func loadsSwiftRuntime() -> Bool {
        // /proc files report a size of 0, and Foundation may trust that and read nothing: read
        // to the end by hand, and fail closed (an empty map cannot be a running process's).
        let fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return true }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        let maps = String(decoding: bytes, as: UTF8.self)
        guard !maps.isEmpty else { return true }
        return maps.contains("libswiftCore.so") || maps.contains("libFoundation.so")
    }

    private static func fail(_ what: String, _ path: String) -> SodiemError {
        let reason = String(cString: strerror(errno))
        return .cannotCreate(Message(vi: "Không \(what) được \(path): \(reason).", en: "Cannot \(what) \(path): \(reason)."))
    }

    /// Installs (idempotent): the group, the set-group-ID binary, the data directory, the config.
    /// Returns what it did, one line each.
    public static func install(_ layout: Layout) throws(SodiemError) -> [Message] {
        guard SystemInstall.realRoot else {
            throw SodiemError.notPermitted(Message(vi: "Chỉ root được cài đặt hệ thống (\(run: .install)).", en: "Only root may install (\(run: .install))."))
        }
        if loadsSwiftRuntime() {
            throw SodiemError.notConfigured(Message(
                vi: "Tệp chạy này nạp thư viện Swift từ thư mục bộ công cụ: một chương trình set-group-ID không được như vậy. Dựng bằng `\(run: .buildStaticBinary)` rồi chạy `\(run: .installReleaseBuild)`.",
                en: "This binary loads the Swift runtime from the toolchain's folder: a set-group-ID program must not. Build it with `\(run: .buildStaticBinary)` and run `\(run: .installReleaseBuild)`."))
        }
        guard layout.prefix.hasPrefix("/"), layout.data.hasPrefix("/") else {
            throw SodiemError.usage(Message(vi: "\(option: .prefix) và \(option: .data) phải là đường dẫn tuyệt đối.", en: "\(option: .prefix) and \(option: .data) must be absolute paths."))
        }
        var done: [Message] = []
        // The group.
        if getgrnam(layout.group) == nil {
            let result = run("/usr/sbin/groupadd", ["--system", layout.group])
            guard result == 0, getgrnam(layout.group) != nil else {
                throw SodiemError.cannotCreate(Message(vi: "Không tạo được nhóm \(layout.group) (groupadd: \(result)).", en: "Cannot create the group \(layout.group) (groupadd: \(result))."))
            }
            done.append(Message(vi: "Đã tạo nhóm hệ thống \(layout.group).", en: "Created the system group \(layout.group)."))
        }
        let gid = getgrnam(layout.group)!.pointee.gr_gid
        // The binary: a copy of the running one, root:GROUP 2755.
        for folder in [layout.prefix, layout.prefix + "/bin", (layout.conf as NSString).deletingLastPathComponent] {
            try makeFolder(folder, mode: 0o755, gid: 0)
        }
        guard let me = SystemInstall.executablePath(), let bytes = FileManager.default.contents(atPath: "/proc/self/exe") else {
            throw fail("đọc", "/proc/self/exe")
        }
        if me != layout.binary {
            try writeFile(layout.binary, bytes, mode: 0o2755, gid: gid)
            done.append(Message(vi: "Đã chép \(me) thành \(layout.binary) (root:\(layout.group) 2755, set-group-ID).",
                                en: "Copied \(me) to \(layout.binary) (root:\(layout.group) 2755, set-group-ID)."))
        } else {
            chown(layout.binary, 0, gid)
            chmod(layout.binary, 0o2755)
        }
        // The data directory: root:GROUP 2770, what is in it GROUP 0660 / 2770.
        try makeFolder((layout.data as NSString).deletingLastPathComponent, mode: 0o755, gid: 0)
        var existed = stat()
        let had = lstat(layout.data, &existed) == 0
        try makeFolder(layout.data, mode: 0o2770, gid: gid)
        if had { fixTree(layout.data, gid: gid) }
        done.append(Message(vi: "Thư mục dữ liệu \(layout.data): root:\(layout.group) 2770\(had ? ", đã sửa nhóm và quyền của các tệp trong đó (0660/2770)" : "").",
                            en: "The data directory \(layout.data): root:\(layout.group) 2770\(had ? ", the group and modes of what it holds set (0660/2770)" : "")."))
        // The configuration.
        try writeFile(layout.conf, Data("# sodiem: the system install (docs/install.md)\ndata = \(layout.data)\n".utf8), mode: 0o644, gid: 0)
        done.append(Message(vi: "Đã ghi \(layout.conf): data = \(layout.data).", en: "Wrote \(layout.conf): data = \(layout.data)."))
        return done
    }

    /// `install --check`: every problem found (empty when all is as it must be).
    public static func check(_ layout: Layout) -> [Message] {
        var problems: [Message] = []
        func problem(_ path: String, vi: String, en: String) { problems.append(Message(vi: "\(path): \(vi)", en: "\(path): \(en)")) }
        guard let group = getgrnam(layout.group) else {
            return [Message(vi: "không có nhóm \(layout.group).", en: "there is no group \(layout.group).")]
        }
        let gid = group.pointee.gr_gid
        var info = stat()
        if lstat(layout.binary, &info) != 0 {
            problem(layout.binary, vi: "không có.", en: "is missing.")
        } else if info.st_mode & S_IFMT != S_IFREG || info.st_uid != 0 || info.st_gid != gid || info.st_mode & 0o7777 != 0o2755 {
            problem(layout.binary, vi: "phải là tệp root:\(layout.group) 2755, đang là \(describe(info)).", en: "must be a file root:\(layout.group) 2755, is \(describe(info)).")
        }
        var data: String? = nil
        if lstat(layout.conf, &info) != 0 {
            problem(layout.conf, vi: "không có.", en: "is missing.")
        } else if info.st_mode & S_IFMT != S_IFREG || info.st_uid != 0 || info.st_mode & 0o022 != 0 {
            problem(layout.conf, vi: "phải là tệp của root, chỉ root ghi được; đang là \(describe(info)).", en: "must be a file owned and writable by root only; is \(describe(info)).")
        } else if let found = SystemInstall.readConf(layout.conf) {
            data = found
        } else {
            problem(layout.conf, vi: "thiếu dòng data = THƯ-MỤC.", en: "lacks a line data = DIR.")
        }
        guard let data else { return problems }
        if lstat(data, &info) != 0 {
            problem(data, vi: "không có.", en: "is missing.")
            return problems
        }
        if info.st_mode & S_IFMT != S_IFDIR || info.st_uid != 0 || info.st_gid != gid || info.st_mode & 0o7777 != 0o2770 {
            problem(data, vi: "phải là thư mục root:\(layout.group) 2770, đang là \(describe(info)).", en: "must be a folder root:\(layout.group) 2770, is \(describe(info)).")
        }
        walk(data) { path, entry in
            let type = entry.st_mode & S_IFMT
            if type != S_IFREG && type != S_IFDIR {
                problem(path, vi: "không phải tệp hay thư mục (symlink, thiết bị, FIFO?).", en: "is neither a file nor a folder (a symlink, device, FIFO?).")
            } else if entry.st_gid != gid {
                problem(path, vi: "thuộc nhóm \(entry.st_gid), phải là \(layout.group).", en: "belongs to group \(entry.st_gid), must be \(layout.group).")
            } else if entry.st_mode & 0o007 != 0 {
                problem(path, vi: "cho người ngoài nhóm truy cập (\(describe(entry))).", en: "gives access to others (\(describe(entry))).")
            } else if type == S_IFDIR && entry.st_mode & 0o7770 != 0o2770 {
                problem(path, vi: "thư mục phải là 2770, đang là \(describe(entry)).", en: "a folder must be 2770, is \(describe(entry)).")
            } else if type == S_IFREG && entry.st_mode & 0o060 != 0o060 {
                problem(path, vi: "tệp phải là 0660, đang là \(describe(entry)).", en: "a file must be 0660, is \(describe(entry)).")
            }
        }
        return problems
    }

    private static func describe(_ info: stat) -> String {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = "file"
        case S_IFDIR: kind = "folder"
        case S_IFLNK: kind = "symlink"
        default: kind = "special"
        }
        return "\(kind) \(info.st_uid):\(info.st_gid) \(String(info.st_mode & 0o7777, radix: 8))"
    }

    private static func walk(_ folder: String, _ visit: (String, stat) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            visit(path, info)
            if info.st_mode & S_IFMT == S_IFDIR { walk(path, visit) }
        }
    }

    private static func fixTree(_ folder: String, gid: gid_t) {
        walk(folder) { path, info in
            switch info.st_mode & S_IFMT {
            case S_IFDIR: chown(path, uid_t.max, gid); chmod(path, 0o2770)
            case S_IFREG: chown(path, uid_t.max, gid); chmod(path, 0o660)
            default: break
            }
        }
    }

    private static func makeFolder(_ path: String, mode: mode_t, gid: gid_t) throws(SodiemError) {
        var info = stat()
        if lstat(path, &info) != 0 {
            try makeFolder((path as NSString).deletingLastPathComponent, mode: 0o755, gid: 0)
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw fail("tạo", path) }
            chown(path, 0, gid)
            chmod(path, mode)
        } else if info.st_mode & S_IFMT != S_IFDIR {
            throw SodiemError.cannotCreate(Message(vi: "\(path) không phải thư mục.", en: "\(path) is not a folder."))
        } else if mode & 0o2000 != 0 {
            chown(path, 0, gid)
            chmod(path, mode)
        }
    }

    private static func writeFile(_ path: String, _ data: Data, mode: mode_t, gid: gid_t) throws(SodiemError) {
        let temporary = (path as NSString).deletingLastPathComponent + "/.sodiem-install.\(UInt64.random(in: 0...UInt64.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw fail("ghi", temporary) }
        var ok = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count }
        // chown clears the set-group-ID bit: change the owner first, then the mode.
        ok = ok && fchown(fd, 0, gid) == 0 && fchmod(fd, mode) == 0 && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw fail("ghi", path)
        }
    }

    private static func run(_ program: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
