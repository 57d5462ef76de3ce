import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemFormats

/// Runs a tool and returns its exit status and standard output (nil when the tool is absent).
private func runTool(_ path: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("zip-tool-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    guard let handle = try? FileHandle(forWritingTo: out) else { return nil }
    process.standardOutput = handle
    process.standardError = handle
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    try? handle.close()
    defer { try? FileManager.default.removeItem(at: out) }
    return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: out.path) ?? Data(), as: UTF8.self))
}

/// `python3` on the PATH, if any.
private let python: String? = {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let candidate = "\(folder)/python3"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}()

private let unzipPath = ["/usr/bin/unzip", "/bin/unzip", "/usr/local/bin/unzip"].first { FileManager.default.isExecutableFile(atPath: $0) }

private func temporaryFile(_ name: String) -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zip-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name)
}

/// Entries with an empty file, a Vietnamese (non-ASCII) name, nested folders and binary bytes.
private let sample: [ZipEntry] = [
    ZipEntry(path: "sodiem.json", data: Data("{\"name\": \"Trường THCS Thử\"}\n".utf8)),
    ZipEntry(path: "empty.txt", data: Data()),
    ZipEntry(path: "years/2024-2025/classes/6A1.json", data: Data("{\"class\": \"6A1\"}\n".utf8)),
    ZipEntry(path: "ghi-chú/điểm số ĐẶC BIỆT.txt", data: Data("Nguyễn Thị Hoa — 8,5\n".utf8)),
    ZipEntry(path: "binary.bin", data: Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })),
]

private let stamp = Instant(seconds: 1_727_740_800, offset: 7 * 3600)  // 2024-10-01T07:00:00+07:00

@Suite("ZIP writer and reader")
struct ZipTests {
    @Test("Write then read gives back every entry, in order, with its CRC-32")
    func roundTrip() throws {
        let data = try Zip.write(sample, modified: stamp)
        let read = try Zip.read(data)
        #expect(read.map(\.path) == sample.map(\.path))
        #expect(read.map(\.data) == sample.map(\.data))
        #expect(read.map(\.crc32) == sample.map { CRC32.checksum($0.data) })
    }

    @Test("CRC-32 of entries matches the published check values", arguments: [
        ("123456789", UInt32(0xCBF4_3926)),
        ("", 0),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
    ])
    func crcVectors(_ text: String, _ expected: UInt32) throws {
        let data = try Zip.write([ZipEntry(path: "x", data: Data(text.utf8))], modified: stamp)
        // The CRC sits at offset 14 of the local file header, little-endian.
        let bytes = [UInt8](data)
        let stored = UInt32(bytes[14]) | UInt32(bytes[15]) << 8 | UInt32(bytes[16]) << 16 | UInt32(bytes[17]) << 24
        #expect(stored == expected)
        #expect(try Zip.read(data).first?.crc32 == expected)
    }

    @Test("Headers: PK signatures, stored method, UTF-8 flag (bit 11), MS-DOS time stamp")
    func headers() throws {
        let bytes = [UInt8](try Zip.write([ZipEntry(path: "điểm.txt", data: Data("8,5".utf8))], modified: stamp))
        #expect(Array(bytes[0..<4]) == [0x50, 0x4b, 0x03, 0x04])
        #expect(bytes[6] == 0x00 && bytes[7] == 0x08)             // flags: bit 11
        #expect(bytes[8] == 0 && bytes[9] == 0)                   // method 0: stored
        #expect(Array(bytes[30..<(30 + "điểm.txt".utf8.count)]) == Array("điểm.txt".utf8))
        #expect(Array(bytes[(bytes.count - 22)..<(bytes.count - 18)]) == [0x50, 0x4b, 0x05, 0x06])
        let (time, date) = Zip.dosTimestamp(stamp)
        #expect(date == UInt16(2024 - 1980) << 9 | 10 << 5 | 1)
        #expect(time == 7 << 11)
    }

    @Test("A changed byte fails the entry's CRC, naming the entry")
    func tamperedByte() throws {
        var bytes = [UInt8](try Zip.write(sample, modified: stamp))
        let target = [UInt8]("6A1\"}".utf8)
        let at = (0...(bytes.count - target.count)).first { Array(bytes[$0..<($0 + target.count)]) == target }!
        bytes[at] ^= 0x01
        #expect {
            try Zip.read(Data(bytes))
        } throws: { error in
            guard case SodiemError.badData(let message) = error else { return false }
            return message.en.contains("years/2024-2025/classes/6A1.json") && message.en.contains("CRC-32")
        }
    }

    @Test("A cut-short file or a non-ZIP is refused as damaged")
    func truncated() throws {
        let data = try Zip.write(sample, modified: stamp)
        for broken in [data.prefix(data.count - 10), data.prefix(100), Data("not a zip at all".utf8), Data()] {
            #expect(throws: SodiemError.self) { try Zip.read(Data(broken)) }
        }
    }

    @Test("Unsafe names are refused by the writer and by the reader")
    func unsafeNames() {
        for name in ["../etc/passwd", "/abs", "a//b", "a/./b", "a\\b", "", "a\nb"] {
            #expect(!Zip.isSafePath(name), "\(name)")
        }
        #expect(Zip.isSafePath("years/2024-2025/classes/6A1.json"))
        #expect(throws: SodiemError.self) { try Zip.write([ZipEntry(path: "../x", data: Data())], modified: stamp) }
        #expect(throws: SodiemError.self) {
            try Zip.write([ZipEntry(path: "a", data: Data()), ZipEntry(path: "a", data: Data())], modified: stamp)
        }
    }

    @Test("unzip -t accepts our archives and lists the UTF-8 names", .enabled(if: unzipPath != nil, "unzip is not installed"))
    func unzipAccepts() throws {
        let url = temporaryFile("mau.zip")
        try Zip.write(sample, modified: stamp).write(to: url)
        let test = try #require(runTool(unzipPath!, ["-t", url.path]))
        #expect(test.status == 0, "\(test.output)")
        #expect(test.output.contains("No errors detected"))
        let extracted = url.deletingLastPathComponent().appendingPathComponent("out")
        let run = try #require(runTool(unzipPath!, ["-q", url.path, "-d", extracted.path]))
        #expect(run.status == 0, "\(run.output)")
        for entry in sample {
            #expect(FileManager.default.contents(atPath: extracted.appendingPathComponent(entry.path).path) == entry.data, "\(entry.path)")
        }
    }

    @Test("Python's zipfile accepts our archives and reads the UTF-8 names", .enabled(if: python != nil, "python3 is not installed"))
    func pythonAccepts() throws {
        let url = temporaryFile("mau.zip")
        try Zip.write(sample, modified: stamp).write(to: url)
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                assert i.compress_type == zipfile.ZIP_STORED
                print(i.filename.encode('utf-8').hex(), len(z.read(i)))
            """
        let run = try #require(runTool(python!, ["-c", script, url.path]))
        #expect(run.status == 0, "\(run.output)")
        let expected = sample.map { entry in
            "\(entry.path.utf8.map { String(format: "%02x", $0) }.joined()) \(entry.data.count)"
        }
        #expect(run.output.split(separator: "\n").map(String.init) == expected)
    }

    @Test("Our reader reads ZIP_STORED and ZIP_DEFLATED files made by Python",
          .enabled(if: python != nil, "python3 is not installed"))
    func readsPython() throws {
        let stored = temporaryFile("py-stored.zip")
        let deflated = stored.deletingLastPathComponent().appendingPathComponent("py-deflated.zip")
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:
                z.writestr('thu-muc/', b'')
                z.writestr('thu-muc/học-sinh.csv', 'Mã;Họ tên\\nHS1;Lê Văn Tư\\n'.encode('utf-8'))
                z.writestr('ascii.txt', b'abc')
            with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('a.txt', b'x' * 1000)
            """
        let run = try #require(runTool(python!, ["-c", script, stored.path, deflated.path]))
        #expect(run.status == 0, "\(run.output)")
        let entries = try Zip.read(try Data(contentsOf: stored))
        #expect(entries.map(\.path) == ["thu-muc/học-sinh.csv", "ascii.txt"])   // the folder entry is skipped
        #expect(entries.first?.data == Data("Mã;Họ tên\nHS1;Lê Văn Tư\n".utf8))
        let inflated = try Zip.read(try Data(contentsOf: deflated))
        #expect(inflated.map(\.path) == ["a.txt"])
        #expect(inflated.first?.data == Data(repeating: UInt8(ascii: "x"), count: 1000))
        #expect(inflated.first?.crc32 == CRC32.checksum(Data(repeating: UInt8(ascii: "x"), count: 1000)))
    }

    @Test("Symbolic links, encrypted entries, other methods, ZIP bombs and bad CRCs of deflated entries are refused",
          .enabled(if: python != nil, "python3 is not installed"))
    func refusesHostile() throws {
        let folder = temporaryFile("x").deletingLastPathComponent()
        let script = """
            import sys, zipfile, struct, zlib
            d = sys.argv[1]
            with zipfile.ZipFile(d + '/link.zip', 'w') as z:
                info = zipfile.ZipInfo('xl/workbook.xml')
                info.create_system = 3
                info.external_attr = (0o120777) << 16
                z.writestr(info, '/etc/passwd')
            with zipfile.ZipFile(d + '/bzip.zip', 'w', zipfile.ZIP_BZIP2) as z:
                z.writestr('a.txt', b'abc')
            with zipfile.ZipFile(d + '/bomb.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('zeros.bin', b'\\0' * (65 << 20))
            with zipfile.ZipFile(d + '/liar.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('a.txt', b'y' * 5000)
            # The bomb's little brother that lies: it declares 100 bytes and inflates to 5000.
            data = bytearray(open(d + '/liar.zip', 'rb').read())
            for sig, off in ((b'PK\\x03\\x04', 22), (b'PK\\x01\\x02', 24)):
                i = data.find(sig)
                data[i + off:i + off + 4] = struct.pack('<I', 100)
            open(d + '/liar.zip', 'wb').write(bytes(data))
            with zipfile.ZipFile(d + '/badcrc.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('a.txt', b'y' * 5000)
            data = bytearray(open(d + '/badcrc.zip', 'rb').read())
            for sig, off in ((b'PK\\x03\\x04', 14), (b'PK\\x01\\x02', 16)):
                i = data.find(sig)
                data[i + off] ^= 1
            open(d + '/badcrc.zip', 'wb').write(bytes(data))
            with zipfile.ZipFile(d + '/enc.zip', 'w') as z:
                z.writestr('a.txt', b'abc')
            data = bytearray(open(d + '/enc.zip', 'rb').read())
            for sig, off in ((b'PK\\x03\\x04', 6), (b'PK\\x01\\x02', 8)):
                i = data.find(sig)
                data[i + off] |= 1
            open(d + '/enc.zip', 'wb').write(bytes(data))
            """
        let run = try #require(runTool(python!, ["-c", script, folder.path]))
        #expect(run.status == 0, "\(run.output)")
        let cases: [(String, [String])] = [
            ("link.zip", ["xl/workbook.xml", "symbolic link"]),
            ("bzip.zip", ["a.txt", "method 12"]),
            ("bomb.zip", ["zeros.bin", "ZIP bomb"]),
            ("liar.zip", ["a.txt", "past 100 bytes"]),
            ("badcrc.zip", ["a.txt", "CRC-32"]),
            ("enc.zip", ["a.txt", "encrypted"]),
        ]
        for (file, words) in cases {
            #expect {
                try Zip.read(try Data(contentsOf: folder.appendingPathComponent(file)))
            } throws: { error in
                guard case SodiemError.badData(let message) = error else { return false }
                return words.allSatisfy { message.en.contains($0) }
            }
        }
    }

    @Test("A name with .. written by another tool is refused", .enabled(if: python != nil, "python3 is not installed"))
    func readsUnsafeName() throws {
        let url = temporaryFile("evil.zip")
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                z.writestr(zipfile.ZipInfo('../outside.txt'), b'x')
            """
        let run = try #require(runTool(python!, ["-c", script, url.path]))
        #expect(run.status == 0, "\(run.output)")
        #expect {
            try Zip.read(try Data(contentsOf: url))
        } throws: { error in
            guard case SodiemError.badData(let message) = error else { return false }
            return message.en.contains("../outside.txt") && message.en.contains("unsafe")
        }
    }
}
