import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SodiemBasics
import SodiemFormats
import SodiemModel

/// Checkpoints of the whole state, written by `year close` (docs/data-format.md, format 2).
///
/// `checkpoints/NNNNNNNNN/` holds a copy of every snapshot file as it stood after event
/// NNNNNNNNN (the seal's head), in the same layout as the data directory, and `MANIFEST.sha256`
/// (`<sha256>  <path>` per file, sorted by path, `sha256sum` format). The SHA-256 of the manifest
/// is recorded in the `year.close` event, so the chain vouches for the checkpoint. A file that
/// is unchanged since the previous checkpoint is a hard link to it, so twenty sealed years do
/// not cost twenty copies of the early years.
public enum Checkpoint {
    /// The folder of checkpoints inside the data directory.
    public static let folder = "checkpoints"
    /// The manifest inside each checkpoint.
    public static let manifestName = "MANIFEST.sha256"
    /// The data format that has checkpoints and sealed years (format 1 is today's directory without them).
    public static let formatVersion = 2

    /// The relative path of the checkpoint after event `head`.
    public static func path(head: Int) -> String {
        let digits = String(head)
        return folder + "/" + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }

    /// Parses a manifest: path → SHA-256 (nil when it is malformed).
    public static func parseManifest(_ data: Data) -> [String: String]? {
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else { return nil }
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let hash = String(line.prefix(64))
            guard line.count > 66, line.dropFirst(64).hasPrefix("  "), hash.allSatisfy(\.isHexDigit) else { return nil }
            let path = String(line.dropFirst(66))
            guard Zip.isSafePath(path), !path.hasPrefix(folder + "/"), entries[path] == nil else { return nil }
            entries[path] = hash
        }
        return entries
    }
}

extension DataDirectory {
    /// The relative path of every snapshot file on disk: sodiem.json, users.json, and under
    /// years/Y/ year.json, fixes.json, classes/*.json and snapshots/*.json.
    /// A folder that cannot be read is an error (a checkpoint must not leave its files out in silence).
    package func snapshotPaths() throws(SodiemError) -> [String] {
        var paths: [String] = []
        let manager = FileManager.default
        func names(_ relative: String) throws(SodiemError) -> [String] {
            let url = root.appendingPathComponent(relative)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return [] }
            do { return try manager.contentsOfDirectory(atPath: url.path) } catch {
                throw SodiemError.ioFailure("opendir", url, errno == 0 ? EIO : errno)
            }
        }
        for name in ["sodiem.json", "users.json"] where manager.fileExists(atPath: root.appendingPathComponent(name).path) {
            paths.append(name)
        }
        let years = try names("years")
        for year in years where !year.hasPrefix(".") {
            let base = "years/\(year)"
            for name in ["year.json", "fixes.json"] where manager.fileExists(atPath: root.appendingPathComponent("\(base)/\(name)").path) {
                paths.append("\(base)/\(name)")
            }
            for folder in ["classes", "snapshots"] {
                let files = try names("\(base)/\(folder)")
                paths += files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { "\(base)/\(folder)/\($0)" }
            }
        }
        return paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Lower-case hex SHA-256 of a file, read in pieces (nil when it does not exist).
    package func sha256(ofFile url: URL) throws(SodiemError) -> String? {
        var hasher = SHA256Hasher()
        guard try readChunks(url, { hasher.update($0) }) != nil else { return nil }
        return SHA256.hexString(hasher.finalize())
    }

    /// Writes the checkpoint of every snapshot file as it stands after event `head`.
    ///
    /// Returns its relative path, the SHA-256 of its manifest and the manifest's entries. A
    /// folder left by an earlier attempt for the same head (a crash before its seal was
    /// appended; no event refers to it) is replaced.
    package func writeCheckpoint(head: Int) throws(SodiemError) -> (path: String, manifestSHA: String, files: [String: String]) {
        let relative = Checkpoint.path(head: head)
        let target = root.appendingPathComponent(relative)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) { try? manager.removeItem(at: target) }
        // The newest earlier checkpoint, to link the files that did not change since.
        let earlier = ((try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(Checkpoint.folder).path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0 < String(relative.dropFirst(Checkpoint.folder.count + 1)) }.sorted().last
        var previous: [String: String] = [:]
        if let earlier, let data = try read(root.appendingPathComponent("\(Checkpoint.folder)/\(earlier)/\(Checkpoint.manifestName)")) {
            previous = Checkpoint.parseManifest(data) ?? [:]
        }
        var files: [String: String] = [:]
        var manifest = ""
        for path in try snapshotPaths() {
            guard let data = try read(root.appendingPathComponent(path)) else { continue }
            let sha = SHA256.hexString(SHA256.hash(data))
            files[path] = sha
            manifest += "\(sha)  \(path)\n"
            let destination = target.appendingPathComponent(path)
            try makeFolder(destination.deletingLastPathComponent())
            if let earlier, previous[path] == sha,
               link(root.appendingPathComponent("\(Checkpoint.folder)/\(earlier)/\(path)").path, destination.path) == 0 {
                continue
            }
            try replace(destination, with: data)
        }
        let manifestData = Data(manifest.utf8)
        try replace(target.appendingPathComponent(Checkpoint.manifestName), with: manifestData)
        return (relative, SHA256.hexString(SHA256.hash(manifestData)), files)
    }

    /// Checks a checkpoint against the manifest hash its seal records; returns the manifest's entries.
    ///
    /// Names the first fault: the manifest missing or altered, a file missing or altered.
    package func checkCheckpoint(_ relative: String, manifestSHA: String, sealLine: Int) throws(SodiemError) -> [String: String] {
        let folder = root.appendingPathComponent(relative)
        let manifestURL = folder.appendingPathComponent(Checkpoint.manifestName)
        guard let data = try read(manifestURL) else {
            throw SodiemError.integrity(vi: "\(relative)/\(Checkpoint.manifestName): tệp bị thiếu (niêm phong ở audit.log dòng \(sealLine) ghi nó).",
                                        en: "\(relative)/\(Checkpoint.manifestName): the file is missing (the seal on audit.log line \(sealLine) records it).")
        }
        guard SHA256.hexString(SHA256.hash(data)) == manifestSHA, let entries = Checkpoint.parseManifest(data) else {
            throw SodiemError.integrity(vi: "\(relative)/\(Checkpoint.manifestName): không khớp băm mà niêm phong ở audit.log dòng \(sealLine) ghi (đã bị sửa).",
                                        en: "\(relative)/\(Checkpoint.manifestName): does not match the hash the seal on audit.log line \(sealLine) records (altered).")
        }
        for (path, sha) in entries.sorted(by: { $0.key < $1.key }) {
            let actual = try sha256(ofFile: folder.appendingPathComponent(path))
            guard actual == sha else {
                throw SodiemError.integrity(vi: "\(relative)/\(path): \(actual == nil ? "tệp bị thiếu" : "khác với bản ghi trong \(Checkpoint.manifestName) (đã bị sửa)").",
                                            en: "\(relative)/\(path): \(actual == nil ? "the file is missing" : "differs from its record in \(Checkpoint.manifestName) (altered)").")
            }
        }
        return entries
    }
}
