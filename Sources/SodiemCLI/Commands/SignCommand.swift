import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore
import SodiemCore

/// `sodiem sign FILE.pdf`: a further signature on a PDF whose previous revision sodiem recorded.
enum SignCommand: Command {
    static let spec = CommandSpec(
        "sign",
        summary: Message(vi: "Kí thêm vào một PDF sodiem đã in và kí (học bạ số)", en: "Add a signature to a PDF sodiem printed and signed"),
        audience: .board,
        usage: ["sign FILE.pdf --p12 FILE.p12 [--pass-env VARIABLE] [--out SIGNED.pdf] [--reason TEXT]",
                "sign FILE.pdf --key KEY.pem --cert CERT.pem [--chain CA.pem] [--out SIGNED.pdf] [--reason TEXT]"],
        details: Message(vi: """
            Thêm một chữ kí (PAdES B-B: CMS tách rời, SHA-256, thuộc tính ESS signing-certificate-v2) vào PDF
            trong một lần cập nhật nối thêm, nên các chữ kí đã có vẫn hợp lệ: giáo viên chủ nhiệm in và kí
            bằng `print-* --format pdf --sign`, rồi hiệu trưởng kí bằng `sign`. Tệp phải đúng là bản sodiem
            đã ghi nhận (SHA-256 của nó là kết quả của một sự kiện document.sign) và các chữ kí của nó phải
            hợp lệ; nếu không: 65. Chữ kí mới là một sự kiện document.sign. TỆP được thay thế nguyên khối,
            trừ khi --out chỉ tệp khác. Mật khẩu tệp .p12 chỉ đọc từ biến môi trường --pass-env chỉ ra. Giáo
            viên chủ nhiệm của lớp hoặc hiệu trưởng kí, không bao giờ bằng --as. Xem docs/signing.md.
            """, en: """
            Adds a signature (PAdES B-B: CMS detached, SHA-256, ESS signing-certificate-v2) to a
            PDF in an incremental update, so the signatures already in it stay valid: the homeroom
            teacher signs with `print-* --format pdf --sign`, then the principal signs with `sign`.
            The file must be exactly what sodiem recorded (its SHA-256 is the result of a
            document.sign event) and its signatures must hold; otherwise 65. The new signature is a
            document.sign event. FILE is replaced atomically unless --out names another file. A
            .p12 password is read only from the variable --pass-env names. The class's homeroom
            teacher or the principal signs, never with --as. See docs/signing.md.
            """),
        options: OptionDeclaration.keyOptions,
        positionals: 1,
        examples: ["sign hoc-ba-HS0001.pdf --p12 hieu-truong.p12 --pass-env SODIEM_P12_PASS",
                   "sign hoc-ba-HS0001.pdf --key ht.key --cert ht.pem --chain ca.pem"],
        exitCodes: [.unavailable,
                    .bad(vi: "tệp không có trong nhật kí, chữ kí cũ không hợp lệ, chứng thư hết hạn hoặc đã kí, khoá yếu hoặc không khớp, PDF không đọc được",
                         en: "the file is not in the log, an earlier signature fails, the certificate expired or already signed, a weak or mismatched key, an unreadable PDF"),
                    .missing(vi: "không đọc được tệp", en: "a file cannot be read"),
                    .cannotWrite(vi: "không ghi được tệp", en: "cannot write the file"),
                    .denied(vi: "không phải giáo viên chủ nhiệm hoặc hiệu trưởng, dùng --as, hoặc sai mật khẩu", en: "not the homeroom teacher or the principal, --as, or a wrong password")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        guard let path = a.positionals.first else {
            throw SodiemError.usage(Message(vi: "sign cần tệp PDF. Xem `sodiem help sign`.", en: "sign needs a PDF file. See `sodiem help sign`."))
        }
        // With the user's own rights, as every path a user names.
        let data = try DataDirectory.readInput(URL(fileURLWithPath: path), missing: Message(vi: "Không đọc được \(path).", en: "Cannot read \(path)."))
        let bytes = [UInt8](data)
        let sha = SHA256.hexString(SHA256.hash(bytes))
        let key = try SigningOptions.key(a, command: name, now: context.invocation.clock.now())
        defer { key.remove() }
        let (document, role) = try Session.with(context.invocation, mode: .read) { session throws(SodiemError) -> (SignedDocument, String) in
            guard let event = try session.signatureEvent(resulting: sha) else {
                throw SodiemError.badData(Message(
                    vi: "\(path) không phải bản sodiem đã ghi nhận (SHA-256 \(sha.prefix(16)) không có trong nhật kí): chỉ kí thêm vào PDF in và kí bằng `print-* --format pdf --sign`, đúng như lúc đó.",
                    en: "\(path) is not a revision sodiem recorded (SHA-256 \(sha.prefix(16)) is not in the log): add signatures only to a PDF printed and signed with `print-* --format pdf --sign`, exactly as it was."))
            }
            let document = SignedDocument(kind: event["document"].string ?? "", year: event.year ?? "", className: event.className ?? "",
                                          student: event["student"].string)
            return (document, try session.signingRole(document))
        }
        let checks = try DocumentSigner.verify(bytes, ca: nil, name: path)
        if let bad = checks.first(where: { !$0.valid }) {
            throw SodiemError.badData(Message(vi: "\(path): chữ kí của \(bad.signer) không hợp lệ (\(bad.problems.joined(separator: "; "))); không kí thêm.",
                                              en: "\(path): the signature of \(bad.signer) does not hold (\(bad.problems.joined(separator: "; "))); not signing."))
        }
        if checks.contains(where: { $0.certificate?.fingerprint == key.certificate.fingerprint }) {
            throw SodiemError.badData(Message(vi: "\(path) đã có chữ kí bằng chứng thư này (\(key.certificate.subjectText)).",
                                              en: "\(path) is already signed with this certificate (\(key.certificate.subjectText))."))
        }
        let signed = try DocumentSigner.sign(bytes, key: key, reason: SigningOptions.reason(a, role: role), name: path,
                                             date: context.invocation.clock.now())
        let out = a.value("out") ?? path
        try DocumentOutput.deliver(context, Data(signed.bytes), to: out) { () throws(SodiemError) in
            try Session.with(context.invocation, mode: .write) { session throws(SodiemError) in
                guard try session.signatureEvent(resulting: sha) != nil else {
                    throw SodiemError.badData(Message(vi: "\(path) không còn trong nhật kí.", en: "\(path) is no longer in the log."))
                }
                let again = try session.signingRole(document)
                return try session.recordSignature(document, role: again, signed: signed, certificate: key.certificate, file: out)
            }
        }
        context.print(context.text(
            vi: "Đã kí \(out) (\(key.certificate.subjectText)); chữ kí thứ \(checks.count + 1); SHA-256 \(signed.resultSHA256.prefix(16)).",
            en: "Signed \(out) (\(key.certificate.subjectText)); signature \(checks.count + 1); SHA-256 \(signed.resultSHA256.prefix(16))."))
    }
}
