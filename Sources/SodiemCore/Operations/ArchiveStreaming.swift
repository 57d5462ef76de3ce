import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

/// What `archive --out FILE` wrote.
public struct ArchiveWritten: Sendable {
    /// The particulars written into the archive's `ARCHIVE.json`.
    public var info: ArchiveInfo
    /// The size of the ZIP file.
    public var bytes: Int
    /// As `ArchiveResult.notes`.
    public var notes: [Message]
}

extension Session {
    /// `archive`, written straight into `url` entry by entry: the same ZIP as `archive()` makes,
    /// but no file is held in memory beyond a 1 MiB piece (except a snapshot the session brought
    /// up to the log in memory), so memory does not grow with the directory.
    ///
    /// Two passes over the files: the first hashes them (the manifest comes first in the ZIP),
    /// the second copies them; the shared lock keeps them still in between, and the second pass
    /// checks each file's CRC-32 and size again.
    public func archive(into url: URL) throws(SodiemError) -> ArchiveWritten {
        try require(.schoolOversight)
        enum Source { case file(URL, limit: Int?), bytes(Data) }
        var sources: [String: Source] = [:]
        for path in try SodiemArchive.list(directory) { sources[path] = .file(directory.root.appendingPathComponent(path), limit: nil) }
        var notes: [Message] = []
        if !tail.torn.isEmpty {
            sources["audit.log"] = .file(directory.auditLog, limit: tail.completeLength)
            var broken = try directory.read(directory.auditLog.appendingPathExtension("broken")) ?? Data()
            broken.append(tail.torn)
            broken.append(0x0A)
            sources["audit.log.broken"] = .bytes(broken)
            notes.append(Message(vi: "audit.log có dòng cuối ghi dở (\(tail.torn.count) byte): trong tệp lưu trữ nó nằm ở audit.log.broken.",
                                 en: "audit.log has a torn last line (\(tail.torn.count) bytes): the archive holds it in audit.log.broken."))
        }
        let prefix = directory.root.path + "/"
        for id in world.dirty {
            guard let bytes = try world.encoded(id) else { continue }
            sources[String(id.url(in: directory).path.dropFirst(prefix.count))] = .bytes(bytes)
            notes.append(Message(vi: "\(id) chậm hơn nhật kí: tệp lưu trữ giữ bản đã cập nhật theo nhật kí.",
                                 en: "\(id) lags behind the log: the archive holds it brought up to the log."))
        }
        let paths = sources.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let directory = self.directory
        func each(_ source: Source, _ body: (UnsafeRawBufferPointer) throws(SodiemError) -> Void) throws(SodiemError) {
            switch source {
            case .bytes(let data):
                try DataDirectory.withBytes(of: data, body)
            case .file(let url, let limit):
                guard try directory.readChunks(url, limit: limit, body) != nil else {
                    throw SodiemError.io(vi: "\(url.path) biến mất trong khi lưu trữ.", en: "\(url.path) vanished while archiving.")
                }
            }
        }
        // First pass: size, CRC-32 and SHA-256 of every file.
        var sums: [(size: Int, crc: UInt32, sha: String)] = []
        for path in paths {
            var sha = SHA256Hasher(), crc = CRC32(), size = 0
            try each(sources[path]!) { bytes in sha.update(bytes); crc.update(bytes); size += bytes.count }
            sums.append((size, crc.checksum, SHA256.hexString(sha.finalize())))
        }
        let info = ArchiveInfo(school: school.name, createdAt: realNow.iso8601, createdBy: identity.realID,
                               lastSeq: tail.last?.seq ?? 0, lastHash: tail.lastHash, files: paths.count)
        let infoData = info.json.prettyData()
        var manifest = SHA256.hexString(SHA256.hash(infoData)) + "  " + SodiemArchive.infoName + "\n"
        for (path, sum) in zip(paths, sums) { manifest += sum.sha + "  " + path + "\n" }
        let manifestData = Data(manifest.utf8)
        var writer = ZipStreamWriter(modified: realNow)
        var endLength = 0
        // The archive is a file the user named: written with their own rights, a device in place.
        try DataDirectory.writeOutput(url) { send throws(SodiemError) in
            func sendData(_ data: Data) throws(SodiemError) {
                try DataDirectory.withBytes(of: data, send)
            }
            for (name, data) in [(SodiemArchive.infoName, infoData), (SodiemArchive.manifestName, manifestData)] {
                try sendData(try writer.localHeader(path: name, size: data.count, crc: CRC32.checksum(data)))
                try sendData(data)
            }
            // Second pass: the bytes themselves, checked against the first.
            for (path, sum) in zip(paths, sums) {
                try sendData(try writer.localHeader(path: path, size: sum.size, crc: sum.crc))
                var crc = CRC32(), size = 0
                try each(sources[path]!) { bytes throws(SodiemError) in
                    crc.update(bytes)
                    size += bytes.count
                    try send(bytes)
                }
                guard size == sum.size, crc.checksum == sum.crc else {
                    throw SodiemError.io(vi: "\(path) thay đổi trong khi lưu trữ; chạy lại lệnh.", en: "\(path) changed while archiving; run the command again.")
                }
            }
            let end = try writer.end()
            endLength = end.count
            try sendData(end)
        }
        return ArchiveWritten(info: info, bytes: Int(writer.offset) + endLength, notes: notes)
    }
}
