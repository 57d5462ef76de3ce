import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore
import SodiemCore

extension OptionDeclaration {
    static let sign = flag("sign", vi: "kí số PDF ngay khi in (cần --format pdf)", en: "sign the PDF as it is printed (needs --format pdf)")
    static let p12 = value("p12", "TỆP.p12", "FILE.p12", vi: "khoá và chứng thư của người kí trong tệp PKCS#12",
                           en: "the signer's key and certificate in a PKCS#12 file")
    static let passEnv = value("pass-env", "BIẾN", "VARIABLE", vi: "biến môi trường chứa mật khẩu tệp .p12 (không có: mật khẩu rỗng)",
                               en: "the environment variable holding the .p12 password (none: an empty password)")
    static let key = value("key", "KHOÁ.pem", "KEY.pem", vi: "khoá riêng của người kí (PEM)", en: "the signer's private key (PEM)")
    static let cert = value("cert", "CHỨNG-THƯ.pem", "CERT.pem", vi: "chứng thư của người kí (PEM)", en: "the signer's certificate (PEM)")
    static let chain = value("chain", "CA.pem", vi: "chứng thư CA gửi kèm chữ kí (PEM)", en: "CA certificates to embed with the signature (PEM)")
    static let signingReason = value("reason", "LÍ-DO", "REASON", vi: "lí do ghi trong chữ kí (mặc định theo vai trò người kí)",
                                     en: "the reason written in the signature (default: by the signer's role)")
    /// The key options of `sign` and of `--sign`.
    static let keyOptions: [OptionDeclaration] = [.p12, .passEnv, .key, .cert, .chain, .signingReason]
    /// `--sign` and the key options, for the print commands.
    static let signing: [OptionDeclaration] = [.sign] + keyOptions
}

extension ExitCodeDeclaration {
    /// 69: Chromium or openssl is not installed.
    static let unavailable = code(69, vi: "thiếu chương trình trợ giúp: Chromium (gói chromium) hoặc openssl (gói openssl)",
                                  en: "a helper program is missing: Chromium (package chromium) or openssl (package openssl)")
    /// What signing adds to a print command.
    static let signing: [Self] = [.unavailable,
                                  .bad(vi: "chứng thư hết hạn, khoá yếu hoặc không khớp chứng thư (--sign)",
                                       en: "an expired certificate, a weak key, a key not matching its certificate (--sign)")]
}

/// The options that sign a PDF: on `print-* --format pdf --sign` and on `sign`.
enum SigningOptions {
    static let values: Set<String> = Set(OptionDeclaration.keyOptions.map(\.name))

    /// The first signing option given, if any.
    static func given(_ a: Arguments) -> String? {
        if a.has("sign") { return "sign" }
        return OptionDeclaration.keyOptions.map(\.name).first { a.value($0) != nil }
    }

    /// The key the options name, its certificate checked as of `now`; 64 when they name none or both.
    static func key(_ a: Arguments, command: String, now: Date) throws(SodiemError) -> SigningKey {
        switch (a.value("p12"), a.value("key"), a.value("cert")) {
        case (let p12?, nil, nil):
            return try SigningKey.pkcs12(p12, passwordVariable: a.value("pass-env"), now: now)
        case (nil, let key?, let cert?):
            return try SigningKey.pem(key: key, certificate: cert, chain: a.value("chain"), now: now)
        default:
            throw SodiemError.usage(Message(
                vi: "\(command): kí cần --p12 TỆP.p12 [--pass-env BIẾN] hoặc --key KHOÁ.pem --cert CHỨNG_THƯ.pem [--chain CA.pem] (không cả hai).",
                en: "\(command): signing needs --p12 FILE.p12 [--pass-env VARIABLE] or --key KEY.pem --cert CERT.pem [--chain CA.pem] (not both)."))
        }
    }

    /// The /Reason of the signature: what the signer's signature means on the form.
    static func reason(_ a: Arguments, role: String) -> String {
        if let given = a.value("reason"), !given.isEmpty { return given }
        switch role {
        case "principal": return "Hiệu trưởng xác nhận và đóng dấu"
        case "homeroom": return "Giáo viên chủ nhiệm xác nhận"
        default: return "Kí số bằng sodiem"
        }
    }
}

/// Writes a printed document: HTML as text, or a PDF through Chromium, signed with `--sign`.
enum DocumentOutput {
    /// Prints what `render` builds from the data. With `--format pdf` the data directory is read
    /// under a shared lock only while the HTML is made; Chromium and openssl run without it; a
    /// signature is committed (`document.sign`) under the exclusive lock before the file appears.
    static func emit(_ context: Context, format: OutputFormat,
                     render: (Session) throws(SodiemError) -> (html: String, document: SignedDocument)) throws(SodiemError) {
        let a = context.arguments
        let sign = a.has("sign")
        if format != .pdf {
            if SigningOptions.given(a) != nil {
                throw SodiemError.usage(Message(vi: "--sign và các tuỳ chọn khoá chỉ dùng với --format pdf.",
                                                en: "--sign and the key options go with --format pdf only."))
            }
            let session = try context.session(.read)
            context.write(try render(session).html)
            return
        }
        if !sign, let stray = ["p12", "key", "cert", "chain", "pass-env"].first(where: { a.value($0) != nil }) {
            throw SodiemError.usage(Message(vi: "--\(stray) chỉ dùng cùng --sign.", en: "--\(stray) goes with --sign only."))
        }
        let out = a.value("out")
        if out == nil, isatty(1) != 0 {
            throw SodiemError.usage(Message(vi: "PDF không in ra màn hình: dùng --out TỆP.pdf.", en: "A PDF does not go to the terminal: use --out FILE.pdf."))
        }
        if let out { try context.refuseDataFiles(URL(fileURLWithPath: out).standardizedFileURL) }
        // The key first: a wrong password or an expired certificate stops here, before anything is made.
        let key = sign ? try SigningOptions.key(a, command: context.invocation.commandName, now: context.invocation.clock.now()) : nil
        defer { key?.remove() }
        let (html, document, role) = try Session.with(context.invocation, mode: .read) { session throws(SodiemError) in
            let (html, document) = try render(session)
            let role = sign ? try session.signingRole(document) : ""
            return (html, document, role)
        }
        let pdf = try ChromiumPrinter.pdf(html: html)
        guard let key else {
            try deliver(context, pdf, to: out, commit: nil)
            if out != nil { context.print(context.text(vi: "Đã in PDF vào \(out!).", en: "Printed the PDF to \(out!).")) }
            return
        }
        let signed = try DocumentSigner.sign([UInt8](pdf), key: key, reason: SigningOptions.reason(a, role: role), name: out ?? "PDF",
                                             date: context.invocation.clock.now())
        try deliver(context, Data(signed.bytes), to: out) { () throws(SodiemError) in
            try Session.with(context.invocation, mode: .write) { session throws(SodiemError) in
                let again = try session.signingRole(document)
                return try session.recordSignature(document, role: again, signed: signed, certificate: key.certificate, file: out ?? "-")
            }
        }
        context.print(context.text(
            vi: "Đã in và kí PDF\(out.map { " vào \($0)" } ?? "") (\(key.certificate.subjectText)); SHA-256 \(signed.resultSHA256.prefix(16)).",
            en: "Printed and signed the PDF\(out.map { " to \($0)" } ?? "") (\(key.certificate.subjectText)); SHA-256 \(signed.resultSHA256.prefix(16))."))
    }

    /// An unsigned PDF of `html` to `--out` (or to standard output when it is not a terminal).
    static func pdf(_ context: Context, html: String) throws(SodiemError) {
        let out = context.arguments.value("out")
        if out == nil, isatty(1) != 0 {
            throw SodiemError.usage(Message(vi: "PDF không in ra màn hình: dùng --out TỆP.pdf.", en: "A PDF does not go to the terminal: use --out FILE.pdf."))
        }
        let pdf = try ChromiumPrinter.pdf(html: html)
        try deliver(context, pdf, to: out, commit: nil)
        if out != nil { context.print(context.text(vi: "Đã in PDF vào \(out!).", en: "Printed the PDF to \(out!).")) }
    }

    /// Puts `data` at `out` (or on standard output): staged beside it, `commit` run, then renamed
    /// into place, so a failed commit leaves no file and an existing one untouched.
    static func deliver(_ context: Context, _ data: Data, to out: String?,
                        commit: (() throws(SodiemError) -> AuditEvent)?) throws(SodiemError) {
        context.wroteOut = true
        guard let out else {
            _ = try commit?()
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: out).standardizedFileURL
        try context.refuseDataFiles(url)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SodiemError.cannotCreate(Message(vi: "Không tạo được \(out): thư mục \(folder.path) không tồn tại.",
                                                   en: "Cannot create \(out): the folder \(folder.path) does not exist."))
        }
        // A device or FIFO (`--out /dev/stdout`, a pipe to the printer) is written in place, never renamed over.
        var info = stat()
        if stat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            guard (info.st_mode & S_IFMT) == S_IFCHR || (info.st_mode & S_IFMT) == S_IFIFO else {
                throw SodiemError.cannotCreate(Message(vi: "\(out) đã có và không phải tệp thường.", en: "\(out) exists and is not a regular file."))
            }
            _ = try commit?()
            let fd = open(url.path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0, writeAll(fd, data), close(fd) == 0 else {
                throw SodiemError.cannotCreate(Message(vi: "Không ghi được \(out): \(String(cString: strerror(errno)))",
                                                       en: "Cannot write \(out): \(String(cString: strerror(errno)))"))
            }
            return
        }
        let staged = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(staged.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var failed = fd < 0
        if !failed {
            failed = !writeAll(fd, data)
            if fsync(fd) != 0 { failed = true }
            if close(fd) != 0 { failed = true }
        }
        if failed {
            let reason = String(cString: strerror(errno))
            unlink(staged.path)
            throw SodiemError.cannotCreate(Message(vi: "Không ghi được \(out): \(reason)", en: "Cannot write \(out): \(reason)"))
        }
        do throws(SodiemError) {
            _ = try commit?()
        } catch {
            unlink(staged.path)
            throw error
        }
        guard rename(staged.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(staged.path)
            throw SodiemError.cannotCreate(Message(vi: "Không ghi được \(out): \(reason)", en: "Cannot write \(out): \(reason)"))
        }
    }

    /// Writes all of `data` to `fd`.
    static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}
