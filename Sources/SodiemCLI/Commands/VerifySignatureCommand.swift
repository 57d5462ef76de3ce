import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore
import SodiemCore

/// `sodiem verify-signature FILE.pdf`: every signature, and that each signed revision is in the log.
enum VerifySignatureCommand: Command {
    static let spec = CommandSpec(
        "verify-signature",
        summary: Message(vi: "Kiểm tra chữ kí số của một PDF và đối chiếu với nhật kí", en: "Check a PDF's signatures and match them against the log"),
        audience: .everyone,
        usage: ["verify-signature FILE.pdf [--ca CA.pem] [--no-log] [--format text|json]"],
        details: Message(vi: """
            Kiểm tra mọi chữ kí của PDF: /ByteRange phủ trọn bản sửa đổi của nó trừ chính chữ kí; SHA-256
            của các byte đó là message digest đã kí; openssl chấp nhận CMS (và, với --ca, chuỗi chứng thư
            tới CA.pem); các bản sửa đổi sau chỉ thêm chữ kí. Rồi kiểm tra SHA-256 của mỗi bản đã kí có
            trong nhật kí (sự kiện document.sign): giấy in đúng là điều nhật kí ghi. --no-log chỉ kiểm
            tra chữ kí, không cần thư mục dữ liệu (trường nhận học sinh). JSON: {"signatures": [{"signer",
            "valid", "covers_revision", "later_changes", "in_log", …}]}. Mọi người.
            """, en: """
            Checks every signature of the PDF: its /ByteRange covers its whole revision but the
            signature itself; the SHA-256 of those bytes is the signed message digest; openssl
            accepts the CMS (and, with --ca, the certificate chain up to CA.pem); later revisions
            only add signatures. Then that each signed revision's SHA-256 is recorded in the audit
            log (a document.sign event): what the paper shows is what the log held. --no-log checks
            the signatures alone, without a data directory (a receiving school). JSON:
            {"signatures": [{"signer", "valid", "covers_revision", "later_changes", "in_log", …}]}.
            Anyone.
            """),
        options: [.value("ca", "CA.pem", vi: "chứng thư CA tin cậy để kiểm tra chuỗi", en: "the trusted CA certificates to check the chain"),
                  .flag("no-log", vi: "chỉ kiểm tra chữ kí, không đối chiếu nhật kí", en: "check the signatures alone, not the log")],
        positionals: 1,
        examples: ["verify-signature hoc-ba-HS0001.pdf --ca so-gd-ca.pem",
                   "verify-signature hoc-ba-HS0001.pdf --no-log --format json"],
        exitCodes: [.unavailable,
                    .bad(vi: "một chữ kí không hợp lệ, không có trong nhật kí, hoặc tệp không có chữ kí", en: "a signature fails or is not in the log, or the file carries none"),
                    .missing(vi: "không đọc được tệp", en: "a file cannot be read")]
            + ExitCodeDeclaration.session)

    static func run(_ context: Context) throws(SodiemError) {
        let a = context.arguments
        let format = try context.format(default: .text, allowed: [.text, .json])
        guard let path = a.positionals.first else {
            throw SodiemError.usage(Message(vi: "verify-signature cần tệp PDF.", en: "verify-signature needs a PDF file."))
        }
        // With the user's own rights, as every path a user names.
        let data = try DataDirectory.readInput(URL(fileURLWithPath: path), missing: Message(vi: "Không đọc được \(path).", en: "Cannot read \(path)."))
        let checks = try DocumentSigner.verify([UInt8](data), ca: a.value("ca"), name: path)
        let useLog = !a.has("no-log")
        var recorded: [String: AuditEvent] = [:]
        if useLog && !checks.isEmpty {
            let events = try Session.with(context.invocation, mode: .read) { session throws(SodiemError) in try session.signatureEvents() }
            for event in events { if let sha = event["result_sha256"].string { recorded[sha] = event } }
        }
        var items: [JSON] = []
        var lines: [String] = []
        var allHold = !checks.isEmpty
        for (index, check) in checks.enumerated() {
            let inLog: Bool? = useLog ? recorded[check.revisionSHA256] != nil : nil
            if !check.valid || inLog == false { allHold = false }
            items.append(.object([
                "field": .string(check.field),
                "signer": .string(check.signer),
                "valid": .bool(check.valid),
                "covers_revision": .bool(check.coversRevision),
                "digest_matches": .bool(check.digestMatches),
                "cms_valid": .bool(check.cmsProblem == nil),
                "later_changes": .string(check.laterChanges.word),
                "in_log": inLog.map(JSON.bool) ?? .null,
                "log_seq": inLog == true ? (recorded[check.revisionSHA256].map { JSON.int($0.seq) } ?? .null) : .null,
                "revision_sha256": .string(check.revisionSHA256),
                "certificate_serial": .string(check.certificate?.serialHex ?? ""),
                "problems": .array(check.problems.map(JSON.string)),
            ]))
            let verdict = check.valid ? context.text(vi: "hợp lệ", en: "valid") : context.text(vi: "KHÔNG hợp lệ", en: "NOT valid")
            let logText: String
            switch inLog {
            case true?: logText = context.text(vi: "có trong nhật kí (sự kiện #\(recorded[check.revisionSHA256]!.seq))", en: "in the log (event #\(recorded[check.revisionSHA256]!.seq))")
            case false?: logText = context.text(vi: "KHÔNG có trong nhật kí", en: "NOT in the log")
            case nil: logText = context.text(vi: "không đối chiếu nhật kí (--no-log)", en: "log not consulted (--no-log)")
            }
            var line = "\(index + 1). \(check.signer): \(verdict); " + logText
            line += context.text(vi: "; phủ trọn bản sửa đổi: \(check.coversRevision ? "có" : "không"); thay đổi sau: \(check.laterChanges.word)",
                                 en: "; covers its revision: \(check.coversRevision ? "yes" : "no"); later changes: \(check.laterChanges.word)")
            for problem in check.problems { line += "\n   – \(problem)" }
            lines.append(line)
        }
        let output: String
        if format == .json {
            output = JSON.object(["file": .string(path), "signatures": .array(items), "valid": .bool(allHold)]).compactString() + "\n"
        } else if checks.isEmpty {
            output = context.text(vi: "\(path): không có chữ kí nào.\n", en: "\(path): no signatures.\n")
        } else {
            output = lines.joined(separator: "\n") + "\n"
        }
        guard allHold else {
            context.wroteOut = true
            FileHandle.standardOutput.write(Data(output.utf8))
            throw SodiemError.badData(checks.isEmpty
                ? Message(vi: "\(path): không có chữ kí số.", en: "\(path): it carries no signature.")
                : Message(vi: "\(path): có chữ kí không hợp lệ hoặc không có trong nhật kí.", en: "\(path): a signature does not hold or is not in the log."))
        }
        context.write(output)
    }
}
