import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// `sodiem print-transcript`: the THCS transcript (học bạ) of a student, or of a whole class.
enum PrintTranscriptCommand: Command {
    static let spec = CommandSpec(
        "print-transcript",
        summary: Message(vi: "In học bạ THCS của một học sinh hoặc cả lớp", en: "Print the THCS transcript of a student or a class"),
        audience: .homeroomTeacher,
        usage: ["print-transcript --student ID [--out FILE] [--cover] [--format html|pdf] [--sign --p12 FILE [--pass-env VAR]]",
                "print-transcript --class 6A1 --out DIR [--cover]",
                "print-transcript --class 6A1 --format pdf --out FILE.pdf [--cover] [--sign --key KEY.pem --cert CERT.pem]"],
        details: Message(vi: """
            Học bạ THCS với mọi năm học của học sinh có trong thư mục dữ liệu, cũ trước: bìa, trang thông
            tin với mỗi năm một dòng, rồi mỗi năm một trang kết quả các môn (HK I, HK II, CN, kiểm tra lại,
            nhận xét và tên giáo viên môn học) và một trang phần của giáo viên chủ nhiệm và phần hiệu
            trưởng. --cover chỉ in trang thông tin (cho lớp 6 vào tháng 9). --class ghi mỗi học sinh một
            tệp, tên MÃ.html, và index.html vào THƯ-MỤC (tạo nếu chưa có; thư mục cha phải có). A4 dọc. Ai
            dạy lớp (gần nhất) của học sinh, ban giám hiệu, quản trị viên, hệ thống.

            --format pdf (hoặc --out TỆP.pdf) in qua Chromium không giao diện (gói chromium; thiếu thì mã
            69), không có đầu trang và chân trang của trình duyệt; với --class, cả lớp là một PDF, mỗi học
            sinh bắt đầu từ một tờ mới. --sign kí số PDF ngay khi in (giáo viên chủ nhiệm của lớp hoặc hiệu
            trưởng); hiệu trưởng kí thêm sau bằng `sodiem sign TỆP.pdf`. Mật khẩu tệp .p12 chỉ đọc từ biến
            môi trường --pass-env chỉ ra. Xem docs/signing.md.
            """, en: """
            The transcript (Học bạ THCS) with every school year of the student held in the data
            directory, oldest first: the cover, the particulars page with one line per year, then
            for each year a page of subject results (HK I, HK II, CN, re-test, the subject
            teacher's comment and name) and a page for the homeroom teacher's part and the
            principal's block. --cover prints the particulars page alone (for grade 6 in
            September). --class writes one file per student, named ID.html, and index.html into
            DIR (created if missing; its parent must exist). A4 portrait. Anyone who teaches the
            student's (latest) class, the board, admin, system.

            --format pdf (or --out FILE.pdf) prints through headless Chromium (package chromium; 69
            without it), without the browser's header and footer; with --class, the whole class is
            one PDF, each student from a new sheet. --sign signs the PDF as it is printed (the
            class's homeroom teacher or the principal); the principal adds a signature later with
            `sodiem sign FILE.pdf`. A .p12 password is read only from the variable --pass-env names.
            See docs/signing.md.
            """),
        options: [.student, .className.meaning(vi: "cả lớp, mỗi học sinh một tệp trong --out", en: "the whole class, one file per student in --out"),
                  .flag("cover", vi: "chỉ trang thông tin học sinh", en: "the particulars page only")] + OptionDeclaration.signing,
        examples: ["print-transcript --student HS0001 --out hoc-ba-HS0001.html", "print-transcript --class 6A1 --out hoc-ba-6A1/ --cover",
                   "print-transcript --class 6A1 --format pdf --out hoc-ba-6A1.pdf",
                   "print-transcript --student HS0001 --out hoc-ba-HS0001.pdf --sign --p12 gvcn.p12 --pass-env P12_PASS"],
        exitCodes: ExitCodeDeclaration.signing + [.missing(vi: "không có học sinh hoặc lớp này", en: "no such student or class"),
                    .cannotWrite(vi: "không ghi được --out", en: "cannot write --out"),
                    .denied(vi: "không dạy lớp của học sinh", en: "not teaching the student's class")] + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let format = try context.format(default: .html, allowed: [.html, .pdf])
        let cover = a.has("cover")
        switch (a.value("student"), a.value("class")) {
        case (let id?, nil):
            try DocumentOutput.emit(context, format: format) { session throws(SodiemError) in
                let transcript = try session.transcript(student: id, coverOnly: cover)
                return (transcript.html(), SignedDocument(kind: "transcript", year: transcript.years.last?.year.name ?? "",
                                                          className: transcript.years.last?.className ?? "", student: id))
            }
        case (nil, let className?) where format == .pdf:
            try DocumentOutput.emit(context, format: format) { session throws(SodiemError) in
                let year = try session.year(context.requestedYear)
                let transcripts = try session.transcripts(year, className: className, coverOnly: cover)
                let stored = year.storedClassName(className)
                return (Transcript.classHTML(transcripts, className: stored, yearName: year.name),
                        SignedDocument(kind: "transcripts", year: year.name, className: stored, student: nil))
            }
        case (nil, let className?):
            if let option = SigningOptions.given(a) {
                throw SodiemError.usage(Message(vi: "--\(option) cần --format pdf.", en: "--\(option) needs --format pdf."))
            }
            guard let out = a.value("out"), !out.isEmpty else {
                throw SodiemError.usage(Message(vi: "print-transcript --class cần --out THƯ_MỤC (mỗi học sinh một tệp).",
                                                en: "print-transcript --class needs --out DIR (one file per student)."))
            }
            let session = try context.session(.read)
            let year = try session.year(context.requestedYear)
            let transcripts = try session.transcripts(year, className: className, coverOnly: cover)
            let folder = try makeFolder(out, context: context)
            for transcript in transcripts {
                try write(folder.appendingPathComponent("\(transcript.studentID).html"), transcript.html())
            }
            try write(folder.appendingPathComponent("index.html"), session.transcriptIndex(year, className: className, transcripts))
            context.wroteOut = true
            context.print(context.text(vi: "Đã in \(transcripts.count) học bạ vào \(folder.path) (mở \(folder.appendingPathComponent("index.html").path)).",
                                       en: "Printed \(Words.count(transcripts.count, "transcript")) into \(folder.path) (open \(folder.appendingPathComponent("index.html").path))."))
        default:
            throw SodiemError.usage(Message(vi: "print-transcript cần --student ID hoặc --class C (không cả hai). Xem `sodiem help print-transcript`.",
                                            en: "print-transcript needs --student ID or --class C (not both). See `sodiem help print-transcript`."))
        }
    }

    /// Writes one printed file atomically (temporary file and rename), without the fsync the data
    /// store needs: a document lost in a crash is printed again, and 800 fsyncs cost seconds.
    static func write(_ url: URL, _ text: String) throws(SodiemError) {
        // With the person's own rights (a set-group-ID install drops its group meanwhile).
        try SystemInstall.withUserRights { () throws(SodiemError) in try writeAsUser(url, text) }
    }

    private static func writeAsUser(_ url: URL, _ text: String) throws(SodiemError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        let bytes = Array(text.utf8)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        var failed = fd < 0
        if !failed {
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { failed = true; break }
                offset += n
            }
            if close(fd) != 0 { failed = true }
        }
        if failed || rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw SodiemError.cannotCreate(Message(vi: "Không ghi được \(url.path): \(reason)", en: "Cannot write \(url.path): \(reason)"))
        }
    }

    /// The output folder, created if missing; its parent must exist (73 otherwise). Looked at and
    /// made with the person's own rights, so a set-group-ID install never makes one where they could not.
    static func makeFolder(_ path: String, context: Context) throws(SodiemError) -> URL {
        try SystemInstall.withUserRights { () throws(SodiemError) -> URL in try makeFolderAsUser(path, context: context) }
    }

    private static func makeFolderAsUser(_ path: String, context: Context) throws(SodiemError) -> URL {
        let folder = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        try context.refuseDataFiles(folder)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw SodiemError.cannotCreate(Message(vi: "\(path) đã có và không phải thư mục.", en: "\(path) exists and is not a folder."))
            }
            return folder
        }
        let parent = folder.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SodiemError.cannotCreate(Message(vi: "Không tạo được thư mục \(path): thư mục cha \(parent.path) không tồn tại.",
                                                   en: "Cannot create the folder \(path): its parent \(parent.path) does not exist."))
        }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false) } catch {
            throw SodiemError.cannotCreate(Message(vi: "Không tạo được thư mục \(path): \(error.localizedDescription)",
                                                   en: "Cannot create the folder \(path): \(error.localizedDescription)"))
        }
        return folder
    }
}
