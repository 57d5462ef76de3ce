import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// The particulars of an archive, kept in its `ARCHIVE.json` (format of docs/archive.md).
public struct ArchiveInfo: Sendable, Equatable {
    /// The archive format's version; a reader refuses a newer one.
    public static let formatVersion = 1
    /// The value of `format`, naming what the file is.
    public static let formatName = "sodiem-archive"

    /// The archive format version it was written in (`version`).
    public var version = ArchiveInfo.formatVersion
    /// The school's name (sodiem.json).
    public var school: String
    /// When the archive was made (the real clock, ISO 8601 with the school's offset).
    public var createdAt: String
    /// The account that made it.
    public var createdBy: String
    /// The last event of the archived log and the SHA-256 of its line.
    public var lastSeq: Int
    /// Lower-case hex SHA-256 of that line.
    public var lastHash: String
    /// How many data files the archive holds (besides ARCHIVE.json and MANIFEST.sha256).
    public var files: Int

    var json: JSON {
        .object(["format": .string(ArchiveInfo.formatName), "version": .int(version), "school": .string(school),
                 "created_at": .string(createdAt), "created_by": .string(createdBy),
                 "last_seq": .int(lastSeq), "last_hash": .string(lastHash), "files": .int(files)])
    }

    init(school: String, createdAt: String, createdBy: String, lastSeq: Int, lastHash: String, files: Int) {
        self.school = school
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.lastSeq = lastSeq
        self.lastHash = lastHash
        self.files = files
    }

    init(json: JSON) throws(SodiemError) {
        guard json["format"].string == ArchiveInfo.formatName else {
            throw SodiemArchive.bad(vi: "ARCHIVE.json không phải của một tệp lưu trữ sodiem (format phải là \"\(ArchiveInfo.formatName)\").",
                                    en: "ARCHIVE.json is not an archive of sodiem's (format must be \"\(ArchiveInfo.formatName)\").")
        }
        guard let version = json["version"].int, version >= 1 else {
            throw SodiemArchive.bad(vi: "ARCHIVE.json: thiếu hoặc sai version.", en: "ARCHIVE.json: a missing or bad version.")
        }
        guard version <= ArchiveInfo.formatVersion else {
            throw SodiemArchive.bad(vi: "ARCHIVE.json: phiên bản định dạng \(version) mới hơn bản sodiem này đọc được (\(ArchiveInfo.formatVersion)); hãy cập nhật sodiem.",
                                    en: "ARCHIVE.json: format version \(version) is newer than this sodiem reads (\(ArchiveInfo.formatVersion)); update sodiem.")
        }
        guard let school = json["school"].string, let createdAt = json["created_at"].string,
              let createdBy = json["created_by"].string, let lastSeq = json["last_seq"].int,
              let lastHash = json["last_hash"].string, let files = json["files"].int else {
            throw SodiemArchive.bad(vi: "ARCHIVE.json: thiếu trường (school, created_at, created_by, last_seq, last_hash, files).",
                                    en: "ARCHIVE.json: a field is missing (school, created_at, created_by, last_seq, last_hash, files).")
        }
        self.init(school: school, createdAt: createdAt, createdBy: createdBy, lastSeq: lastSeq, lastHash: lastHash, files: files)
        self.version = version
    }
}

/// What `archive` made.
public struct ArchiveResult: Sendable {
    /// The ZIP file's bytes.
    public var data: Data
    /// The particulars written into the archive's `ARCHIVE.json`.
    public var info: ArchiveInfo
    /// What the archive holds as the log has it rather than as the disk does (a torn line, a lagging snapshot).
    public var notes: [Message]
}

/// What `verify --archive` and `restore` found.
public struct ArchiveCheck: Sendable {
    /// The particulars read from the archive's `ARCHIVE.json`.
    public var info: ArchiveInfo
    /// The verification of the contained data directory.
    public var report: VerifyReport
}

extension Session {
    /// `archive`: the whole data directory as one ZIP with `MANIFEST.sha256` and `ARCHIVE.json`.
    ///
    /// Reads under the session's shared lock and appends nothing to the log. The archive holds the
    /// state of the log, as every reader shows it: a snapshot the session brought up to the log in
    /// memory is archived as brought up, and a torn last line is archived set aside into
    /// `audit.log.broken`, as the next writer would do — so the archive always verifies.
    public func archive() throws(SodiemError) -> ArchiveResult {
        try require(.schoolOversight)
        var files = try SodiemArchive.collect(directory)
        var notes: [Message] = []
        if !tail.torn.isEmpty {
            files["audit.log"] = files["audit.log"].map { Data($0.prefix(tail.completeLength)) }
            var broken = files["audit.log.broken"] ?? Data()
            broken.append(tail.torn)
            broken.append(0x0A)
            files["audit.log.broken"] = broken
            notes.append(Message(vi: "audit.log có dòng cuối ghi dở (\(tail.torn.count) byte): trong tệp lưu trữ nó nằm ở audit.log.broken.",
                                 en: "audit.log has a torn last line (\(tail.torn.count) bytes): the archive holds it in audit.log.broken."))
        }
        let prefix = directory.root.path + "/"
        for id in world.dirty {
            guard let bytes = try world.encoded(id) else { continue }
            files[String(id.url(in: directory).path.dropFirst(prefix.count))] = bytes
            notes.append(Message(vi: "\(id) chậm hơn nhật kí: tệp lưu trữ giữ bản đã cập nhật theo nhật kí.",
                                 en: "\(id) lags behind the log: the archive holds it brought up to the log."))
        }
        let info = ArchiveInfo(school: school.name, createdAt: realNow.iso8601, createdBy: identity.realID,
                               lastSeq: tail.last?.seq ?? 0, lastHash: tail.lastHash, files: files.count)
        return ArchiveResult(data: try SodiemArchive.build(files, info: info, modified: realNow), info: info, notes: notes)
    }
}

/// sodiem's archive format (docs/archive.md): a stored ZIP of the data directory with a manifest.
public enum SodiemArchive {
    /// The manifest entry, in `sha256sum` format.
    public static let manifestName = "MANIFEST.sha256"
    /// The particulars entry.
    public static let infoName = "ARCHIVE.json"

    // MARK: Making

    /// Every regular file of the data directory by relative path, skipping dot-files (`.lock`,
    /// temporary files `.*.tmp`, the demo marker) at every level.
    static func collect(_ directory: DataDirectory) throws(SodiemError) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try list(directory) {
            files[path] = try directory.read(directory.root.appendingPathComponent(path)) ?? Data()
        }
        return files
    }

    /// The relative paths of every regular file `collect` archives (same walk, nothing read).
    static func list(_ directory: DataDirectory) throws(SodiemError) -> [String] {
        var files: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? directory.root : directory.root.appendingPathComponent(relative)
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
                throw SodiemError.io(vi: "Không đọc được thư mục \(folder.path).", en: "Cannot read the folder \(folder.path).")
            }
            for name in names where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                let url = directory.root.appendingPathComponent(path)
                var info = stat()
                guard lstat(url.path, &info) == 0 else { throw SodiemError.ioFailure("stat", url, errno) }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(path)
                case S_IFREG:
                    guard Zip.isSafePath(path) else {
                        throw SodiemError.badData(vi: "Tên tệp \(path) trong thư mục dữ liệu không lưu trữ được; đổi tên hoặc chuyển nó đi.",
                                                  en: "The file name \(path) in the data directory cannot be archived; rename or move it.")
                    }
                    files.append(path)
                default:
                    throw SodiemError.badData(vi: "\(path) trong thư mục dữ liệu không phải tệp thường (liên kết?); tệp lưu trữ chỉ giữ tệp thường. Chuyển nó ra ngoài.",
                                              en: "\(path) in the data directory is not a regular file (a link?); the archive holds only regular files. Move it out.")
                }
            }
        }
        return files
    }

    /// The ZIP of the files with `ARCHIVE.json` and `MANIFEST.sha256` first, the rest by path.
    static func build(_ files: [String: Data], info: ArchiveInfo, modified: Instant) throws(SodiemError) -> Data {
        let infoEntry = ZipEntry(path: infoName, data: info.json.prettyData())
        let data = files.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { ZipEntry(path: $0, data: files[$0]!) }
        var manifest = ""
        for entry in [infoEntry] + data {
            manifest += SHA256.hexString(SHA256.hash(entry.data)) + "  " + entry.path + "\n"
        }
        return try Zip.write([infoEntry, ZipEntry(path: manifestName, data: Data(manifest.utf8))] + data, modified: modified)
    }

    // MARK: Checking

    /// An archive whose ZIP structure, manifest and particulars have been checked; its data files
    /// are read, and checked against the manifest, one at a time by `eachFile`.
    public struct Opened {
        /// The particulars read from its `ARCHIVE.json`.
        public var info: ArchiveInfo
        /// The data files (not ARCHIVE.json, not the manifest), in archive order, not yet read.
        public var files: [ZipStoredEntry]
        /// The archived accounts, for deciding who may verify or restore it.
        public var users: UsersFile
        /// Each file's manifest line: its number and the SHA-256 it records.
        fileprivate var listed: [String: (line: Int, sha256: String)]
        /// Where the bytes are read from.
        fileprivate var source: any ZipSource
        /// The archive's file name, for messages.
        fileprivate var name: String

        /// Reads each data file in turn (its CRC-32, then its SHA-256 against the manifest) and
        /// hands it to `body`: only one file's bytes are held at a time.
        public func eachFile(_ body: (_ path: String, _ data: Data) throws(SodiemError) -> Void) throws(SodiemError) {
            for entry in files {
                let data = try SodiemArchive.contents(of: entry, listed: listed, in: source, archive: name)
                try body(entry.path, data)
            }
        }
    }

    /// Opens an archive file (66 when missing) with the person's rights and checks everything but
    /// the data's own integrity: the ZIP's structure, the manifest, ARCHIVE.json and users.json.
    /// The data files' bytes are checked as `Opened.eachFile` reads them.
    ///
    /// The first fault is named: the ZIP entry, the manifest line, or the missing or extra file.
    public static func open(_ url: URL) throws(SodiemError) -> Opened {
        let file = try InputFile(url, missing: Message(vi: "Không có tệp lưu trữ \(url.path).", en: "There is no archive file \(url.path)."))
        return try check(file, name: url.lastPathComponent)
    }

    /// Checks the manifest and ARCHIVE.json of the archive in `source`.
    static func check(_ source: some ZipSource, name: String) throws(SodiemError) -> Opened {
        func zip<T>(_ body: () throws(SodiemError) -> T) throws(SodiemError) -> T {
            do { return try body() } catch { throw named(error, archive: name) }
        }
        let entries = try zip { () throws(SodiemError) in try Zip.directory(of: source) }
        var byPath: [String: ZipStoredEntry] = [:]
        for entry in entries { byPath[entry.path] = entry }
        guard let manifest = byPath[manifestName] else {
            throw bad(vi: "thiếu \(manifestName).", en: "\(manifestName) is missing.")
        }
        let manifestBytes = try zip { () throws(SodiemError) in try Zip.contents(of: manifest, in: source) }
        guard let text = String(validating: [UInt8](manifestBytes), as: UTF8.self) else {
            throw bad(vi: "\(manifestName) không phải UTF-8.", en: "\(manifestName) is not UTF-8.")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var listed: [String: (line: Int, sha256: String)] = [:]
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let hash = line.prefix(64)
            let separator = line.dropFirst(64).prefix(2)
            let path = String(line.dropFirst(66))
            guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }), separator == "  ", !path.isEmpty else {
                throw bad(vi: "\(manifestName) dòng \(number): không đúng dạng \"<sha256>  <tệp>\".",
                          en: "\(manifestName) line \(number): not of the form \"<sha256>  <file>\".")
            }
            guard listed[path] == nil else {
                throw bad(vi: "\(manifestName) dòng \(number): \(path) được liệt kê hai lần.", en: "\(manifestName) line \(number): \(path) is listed twice.")
            }
            guard path != manifestName, byPath[path] != nil else {
                throw bad(vi: "\(manifestName) dòng \(number): \(path) không có trong tệp lưu trữ (bị xoá?).",
                          en: "\(manifestName) line \(number): \(path) is missing from the archive (removed?).")
            }
            listed[path] = (number, String(hash))
        }
        for entry in entries where entry.path != manifestName && listed[entry.path] == nil {
            throw bad(vi: "\(entry.path) có trong tệp lưu trữ nhưng không có trong \(manifestName) (thêm vào sau?).",
                      en: "\(entry.path) is in the archive but not in \(manifestName) (added afterwards?).")
        }
        guard let infoEntry = byPath[infoName] else { throw bad(vi: "thiếu \(infoName).", en: "\(infoName) is missing.") }
        let infoJSON: JSON
        let infoBytes = try contents(of: infoEntry, listed: listed, in: source, archive: name)
        do { infoJSON = try JSON.parse(infoBytes) } catch {
            throw bad(vi: "\(infoName) không phải JSON hợp lệ (byte \(error.offset)).", en: "\(infoName) is not valid JSON (byte \(error.offset)).")
        }
        let info = try ArchiveInfo(json: infoJSON)
        let files = entries.filter { $0.path != manifestName && $0.path != infoName }
        for entry in files where entry.path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            throw bad(vi: "\(entry.path): sodiem không lưu trữ tệp bắt đầu bằng dấu chấm.", en: "\(entry.path): sodiem never archives dot-files.")
        }
        guard files.count == info.files else {
            throw bad(vi: "\(infoName) ghi \(info.files) tệp dữ liệu nhưng tệp lưu trữ có \(files.count).",
                      en: "\(infoName) records \(info.files) data files but the archive holds \(files.count).")
        }
        for required in ["sodiem.json", "audit.log"] where byPath[required] == nil {
            throw bad(vi: "thiếu \(required).", en: "\(required) is missing.")
        }
        // The accounts decide who may go on, so they are checked against the manifest first.
        var users = UsersFile()
        if let entry = byPath["users.json"] {
            let bytes = try contents(of: entry, listed: listed, in: source, archive: name)
            do { users = UsersFile(json: try JSON.parse(bytes)) } catch {
                throw bad(vi: "users.json không phải JSON hợp lệ (byte \(error.offset)).", en: "users.json is not valid JSON (byte \(error.offset)).")
            }
        }
        return Opened(info: info, files: files, users: users, listed: listed, source: source, name: name)
    }

    /// One entry's bytes, checked by their CRC-32 and against the manifest's SHA-256.
    fileprivate static func contents(of entry: ZipStoredEntry, listed: [String: (line: Int, sha256: String)],
                                     in source: some ZipSource, archive name: String) throws(SodiemError) -> Data {
        let data: Data
        do { data = try Zip.contents(of: entry, in: source) } catch { throw named(error, archive: name) }
        guard let (number, hash) = listed[entry.path] else {
            throw bad(vi: "\(entry.path) không có trong \(manifestName).", en: "\(entry.path) is not in \(manifestName).")
        }
        let actual = SHA256.hexString(SHA256.hash(data))
        guard actual == hash else {
            throw bad(vi: "\(manifestName) dòng \(number): SHA-256 của \(entry.path) là \(actual.prefix(12))…, danh sách ghi \(hash.prefix(12))…: tệp hoặc dòng này đã bị sửa.",
                      en: "\(manifestName) line \(number): the SHA-256 of \(entry.path) is \(actual.prefix(12))…, the manifest says \(hash.prefix(12))…: the file or this line was altered.")
        }
        return data
    }

    /// Verifies the data directory in a folder extracted from an archive and compares it with ARCHIVE.json.
    static func verifyExtracted(_ directory: DataDirectory, info: ArchiveInfo) throws(SodiemError) -> VerifyReport {
        let report: VerifyReport
        do { report = try directory.verify(.full) } catch {
            if case .badData(let message) = error {
                throw SodiemError.badData(Message(vi: "Tệp lưu trữ: ", en: "The archive: ") + message)
            }
            throw error
        }
        guard report.lastSeq == info.lastSeq, report.lastHash == info.lastHash else {
            throw bad(vi: "\(infoName) ghi sự kiện cuối #\(info.lastSeq) \(info.lastHash.prefix(12)) nhưng audit.log kết thúc ở #\(report.lastSeq) \(report.lastHash.prefix(12)).",
                      en: "\(infoName) records the last event #\(info.lastSeq) \(info.lastHash.prefix(12)) but audit.log ends at #\(report.lastSeq) \(report.lastHash.prefix(12)).")
        }
        return report
    }

    // MARK: verify --archive

    /// `verify --archive FILE`: the archive's structure and manifest, then `verify` of its data.
    ///
    /// Who may: as `verify` (admin, board, system, root), judged by the archive's own users.json,
    /// since the archive may come from another machine or an earlier year.
    ///
    /// Checking an archive needs nothing of the data directory, and the archive and the folder it
    /// is unpacked into are the person's own (a teacher can make an archive in which they are the
    /// admin, and plant links in that folder while it fills): everything runs with the person's
    /// own rights, in a private folder, never following a link — so it reaches nothing they could not.
    public static func verify(_ url: URL, osUser: String, osIsRoot: Bool, asUser: String?) throws(SodiemError) -> ArchiveCheck {
        try SystemInstall.withUserRights { () throws(SodiemError) -> ArchiveCheck in
            try verifyAsUser(url, osUser: osUser, osIsRoot: osIsRoot, asUser: asUser)
        }
    }

    private static func verifyAsUser(_ url: URL, osUser: String, osIsRoot: Bool, asUser: String?) throws(SodiemError) -> ArchiveCheck {
        let opened = try open(url)
        let identity = try Identity.resolve(osUser: osUser, osIsRoot: osIsRoot, asUser: asUser, users: opened.users)
        if let refusal = Permission.schoolOversight.refusal(for: identity, year: nil) { throw SodiemError.notPermitted(refusal) }
        let scratch = try PrivateFolder()
        defer { scratch.remove() }
        let folder = URL(fileURLWithPath: scratch.path)
        let directory = DataDirectory(root: folder)
        try opened.eachFile { (path, data) throws(SodiemError) in
            // A new file only (O_EXCL|O_NOFOLLOW), not synced: the copy is thrown away after the check.
            let target = folder.appendingPathComponent(path)
            try directory.makeFolder(target.deletingLastPathComponent())
            let fd = Glibc.open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw SodiemError.cannotWrite(target, errno) }
            defer { close(fd) }
            try DataDirectory.withBytes(of: data) { (bytes: UnsafeRawBufferPointer) throws(SodiemError) in
                var written = 0
                while written < bytes.count {
                    let n = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
                    if n < 0 { if errno == EINTR { continue }; throw SodiemError.cannotWrite(target, errno) }
                    written += n
                }
            }
        }
        return ArchiveCheck(info: opened.info, report: try verifyExtracted(directory, info: opened.info))
    }

    // MARK: restore

    /// `restore --archive FILE --data DIR`: a new data directory from an archive that verifies.
    ///
    /// DIR must be empty (a `.lock` alone counts as empty) or not exist (73 otherwise). Who may:
    /// root, or an OS user who is an admin in the archive's users.json (the new directory has no
    /// other accounts yet). Files get the sharing modes of data.md when DIR is group-writable.
    /// The restored directory is verified in place; on any failure everything written is removed.
    public static func restore(_ url: URL, into path: String, osUser: String, osIsRoot: Bool,
                               asUser: String?) throws(SodiemError) -> ArchiveCheck {
        let opened = try open(url)
        let identity = try Identity.resolve(osUser: osUser, osIsRoot: osIsRoot, asUser: asUser, users: opened.users)
        guard identity.realID == Identity.rootID || opened.users.accounts[identity.realID]?.has(.admin) == true else {
            throw SodiemError.notPermitted(vi: "Chỉ root hoặc một quản trị viên trong users.json của tệp lưu trữ được khôi phục; \(identity.realID) không phải quản trị viên.",
                                           en: "Only root or an admin in the archive's users.json may restore it; \(identity.realID) is not an admin.")
        }
        let directory = DataDirectory(root: URL(fileURLWithPath: path))
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        let existed = manager.fileExists(atPath: directory.root.path, isDirectory: &isFolder)
        if existed && !isFolder.boolValue {
            throw SodiemError.cannotCreate(Message(vi: "\(path) là một tệp, không phải thư mục; chọn thư mục khác bằng \(option: .data).",
                                                   en: "\(path) is a file, not a folder; choose another with \(option: .data)."))
        }
        // Every file against the manifest first, so that a damaged archive is refused (65) before
        // anything is made beside DIR, whatever DIR holds (restore.md's order); read again below.
        try opened.eachFile { _, _ throws(SodiemError) in }
        try requireEmpty(directory, path: path)
        // Fill and verify a fresh sibling folder nobody knows the name of, then rename it into
        // place: a restore killed at any moment leaves either nothing or the whole verified directory.
        let parent = directory.root.deletingLastPathComponent()
        let staging = DataDirectory(root: parent.appendingPathComponent(".\(directory.root.lastPathComponent).restore-\(UInt64.random(in: 0...UInt64.max))"))
        var targetInfo = stat()
        let mode: mode_t = existed && stat(directory.root.path, &targetInfo) == 0 ? targetInfo.st_mode & 0o7777 : 0o755
        guard mkdir(staging.root.path, 0o700) == 0 else {
            throw SodiemError.cannotCreate(Message(vi: "Không tạo được thư mục \(staging.root.path): \(String(cString: strerror(errno))).",
                                                   en: "Cannot create the folder \(staging.root.path): \(String(cString: strerror(errno)))."))
        }
        do throws(SodiemError) {
            chmod(staging.root.path, mode)
            try opened.eachFile { (path, data) throws(SodiemError) in
                try staging.replace(staging.root.appendingPathComponent(path), with: data)
            }
            let report = try verifyExtracted(staging, info: opened.info)
            if existed {
                try requireEmpty(directory, path: path)
                unlink(directory.lockFile.path)
                guard rmdir(directory.root.path) == 0 || errno == ENOENT else {
                    throw SodiemError.cannotCreate(Message(vi: "Không thay được thư mục \(path): \(String(cString: strerror(errno))).",
                                                           en: "Cannot replace the folder \(path): \(String(cString: strerror(errno)))."))
                }
            }
            guard rename(staging.root.path, directory.root.path) == 0 else {
                throw SodiemError.cannotCreate(Message(vi: "Không đổi tên \(staging.root.path) thành \(path): \(String(cString: strerror(errno))).",
                                                       en: "Cannot rename \(staging.root.path) to \(path): \(String(cString: strerror(errno)))."))
            }
            directory.syncFolder(parent)
            return ArchiveCheck(info: opened.info, report: report)
        } catch {
            try? manager.removeItem(at: staging.root)
            throw error
        }
    }

    /// Refuses (73) a folder that holds anything besides `.lock`.
    private static func requireEmpty(_ directory: DataDirectory, path: String) throws(SodiemError) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.root.path)) ?? []).filter { $0 != ".lock" }
        guard names.isEmpty else {
            throw SodiemError.cannotCreate(Message(
                vi: "Không khôi phục vào \(path): thư mục không trống (\(names.sorted().prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : "")). Chọn một thư mục trống hoặc chưa có bằng \(option: .data).",
                en: "Cannot restore into \(path): the folder is not empty (\(names.sorted().prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : "")). Choose an empty or new folder with \(option: .data)."))
        }
    }

    /// A fault of the ZIP as a fault of the archive, with its name; an I/O error stays one (74).
    private static func named(_ error: SodiemError, archive name: String) -> SodiemError {
        guard case .badData = error else { return error }
        return bad(vi: "\(name): \(error.message.vi)", en: "\(name): \(error.message.en)")
    }

    static func bad(vi: String, en: String) -> SodiemError {
        .badData(Message(vi: "Tệp lưu trữ hỏng: \(vi)", en: "The archive fails its check: \(en)"))
    }
}
