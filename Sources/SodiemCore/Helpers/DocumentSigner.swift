import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// A signing key and its certificate, taken out of a PKCS#12 file or read from PEM files into a
/// private temporary folder (0700) that `remove()` deletes: sodiem holds no key longer than the command.
public final class SigningKey: @unchecked Sendable {
    public let certificate: Certificate
    public let chain: [Certificate]
    let keyPath: String
    let folder: PrivateFolder
    let openssl: HelperProgram

    init(certificate: Certificate, chain: [Certificate], keyPath: String, folder: PrivateFolder, openssl: HelperProgram) {
        self.certificate = certificate
        self.chain = chain
        self.keyPath = keyPath
        self.folder = folder
        self.openssl = openssl
    }

    /// Removes the key's temporary copy.
    public func remove() { folder.remove() }

    /// The key of a PKCS#12 file, its password from the environment variable `passwordVariable`
    /// names (an empty password without one). Wrong password: 77; unreadable file: 66/65.
    public static func pkcs12(_ path: String, passwordVariable: String?, now: Date = Date(),
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(SodiemError) -> SigningKey {
        let openssl = try HelperProgram.openssl(environment: environment)
        try readable(path)
        var password = ""
        if let passwordVariable {
            guard let value = environment[passwordVariable] else {
                throw SodiemError.usage(Message(vi: "Biến môi trường \(passwordVariable) (\(option: .passEnv)) chưa đặt: đặt mật khẩu của tệp .p12 vào đó.",
                                                en: "The environment variable \(passwordVariable) (\(option: .passEnv)) is not set: put the .p12 password in it."))
            }
            password = value
        }
        let folder = try PrivateFolder()
        let env = ["SODIEM_P12_PASSWORD": password]
        let absolute = URL(fileURLWithPath: path).path
        func extract(_ options: [String], _ out: String) throws(SodiemError) {
            let outcome = try openssl.run(["pkcs12", "-in", absolute, "-passin", "env:SODIEM_P12_PASSWORD", "-out", folder.file(out)] + options,
                                          in: folder, extraEnvironment: env, timeLimit: 30)
            guard outcome.status == 0 else {
                folder.remove()
                let text = outcome.errorText
                if text.contains("mac verify") || text.contains("Mac verify") || text.contains("invalid password") || text.contains("bad decrypt") {
                    throw SodiemError.notPermitted(Message(
                        vi: "\(path): sai mật khẩu của tệp khoá (.p12). Không có gì được ghi.",
                        en: "\(path): wrong password for the key file (.p12). Nothing was written."))
                }
                throw SodiemError.badData(Message(vi: "\(path): openssl không đọc được tệp PKCS#12: \(text.suffix(300))",
                                                  en: "\(path): openssl cannot read the PKCS#12 file: \(text.suffix(300))"))
            }
        }
        try extract(["-nocerts", "-nodes"], "key.pem")
        try extract(["-nokeys", "-clcerts"], "cert.pem")
        try extract(["-nokeys", "-cacerts"], "chain.pem")
        folder.setMode("key.pem", 0o600)
        do {
            let certs = try Certificate.pem(String(decoding: folder.read("cert.pem") ?? Data(), as: UTF8.self))
            let chain = try Certificate.pem(String(decoding: folder.read("chain.pem") ?? Data(), as: UTF8.self))
            guard let certificate = certs.first else { throw DERError("no certificate") }
            let key = SigningKey(certificate: certificate, chain: chain, keyPath: folder.file("key.pem"), folder: folder, openssl: openssl)
            try key.check(now: now, source: path)
            return key
        } catch let error as SodiemError {
            folder.remove(); throw error
        } catch {
            folder.remove()
            throw SodiemError.badData(Message(vi: "\(path): không có chứng thư đọc được (\(error)).", en: "\(path): no readable certificate (\(error))."))
        }
    }

    /// A PEM key and certificate (and the CA chain to embed).
    public static func pem(key: String, certificate: String, chain: String?, now: Date = Date(),
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws(SodiemError) -> SigningKey {
        let openssl = try HelperProgram.openssl(environment: environment)
        for path in [key, certificate] + (chain.map { [$0] } ?? []) { try readable(path) }
        let folder = try PrivateFolder()
        do {
            // Read with the signer's own rights (a set-group-ID install must not read for them what they cannot).
            let keyData = try userFile(key)
            try folder.write("key.pem", keyData)
            let certs = try Certificate.pem(String(decoding: try userFile(certificate), as: UTF8.self))
            guard let leaf = certs.first else {
                throw SodiemError.badData(Message(vi: "\(certificate): không có chứng thư PEM.", en: "\(certificate): no PEM certificate in it."))
            }
            var extra = Array(certs.dropFirst())
            if let chain { extra += try Certificate.pem(String(decoding: try userFile(chain), as: UTF8.self)) }
            let signingKey = SigningKey(certificate: leaf, chain: extra, keyPath: folder.file("key.pem"), folder: folder, openssl: openssl)
            try signingKey.check(now: now, source: certificate)
            return signingKey
        } catch let error as SodiemError {
            folder.remove(); throw error
        } catch {
            folder.remove()
            throw SodiemError.badData(Message(vi: "\(certificate): chứng thư không đọc được (\(error)).", en: "\(certificate): the certificate cannot be read (\(error))."))
        }
    }

    /// A file the user named, read with the user's own rights (66 when it cannot be read).
    static func userFile(_ path: String) throws(SodiemError) -> Data {
        try DataDirectory.readInput(URL(fileURLWithPath: path), missing: Message(vi: "Không đọc được tệp \(path).", en: "Cannot read the file \(path)."))
    }

    static func readable(_ path: String) throws(SodiemError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SodiemError.notFound(Message(vi: "Không đọc được tệp \(path).", en: "Cannot read the file \(path)."))
        }
    }

    /// Refuses a certificate that is not valid now or whose key is too weak.
    func check(now: Date, source: String) throws(SodiemError) {
        let c = certificate
        if now > c.notAfter || now < c.notBefore {
            let day = ISO8601DateFormatter.string(from: now > c.notAfter ? c.notAfter : c.notBefore, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            throw SodiemError.badData(Message(
                vi: now > c.notAfter ? "\(source): chứng thư của \(c.subjectText) đã hết hạn ngày \(day). Không có gì được ghi."
                                     : "\(source): chứng thư của \(c.subjectText) chỉ có hiệu lực từ ngày \(day). Không có gì được ghi.",
                en: now > c.notAfter ? "\(source): the certificate of \(c.subjectText) expired on \(day). Nothing was written."
                                     : "\(source): the certificate of \(c.subjectText) is valid only from \(day). Nothing was written."))
        }
        guard c.keyIsAcceptable else {
            throw SodiemError.badData(Message(vi: "\(source): khoá \(c.keyDescription) không đủ mạnh (cần RSA ≥ 2048 hoặc ECDSA P-256).",
                                              en: "\(source): a \(c.keyDescription) key is not strong enough (RSA ≥ 2048 or ECDSA P-256 needed)."))
        }
    }

    /// The signature of `data` (SHA-256; PKCS#1 v1.5 for RSA, DER ECDSA) by `openssl dgst -sign`.
    func sign(_ data: [UInt8]) throws(SodiemError) -> [UInt8] {
        try folder.write("tbs.der", Data(data))
        defer { folder.removeFile("tbs.der"); folder.removeFile("tbs.sig") }
        let outcome = try openssl.run(["dgst", "-sha256", "-sign", keyPath, "-out", folder.file("tbs.sig"), folder.file("tbs.der")], in: folder, timeLimit: 60)
        guard outcome.status == 0, let signature = folder.read("tbs.sig"), !signature.isEmpty else {
            throw SodiemError.badData(Message(vi: "openssl không kí được: \(outcome.errorText.suffix(300))", en: "openssl could not sign: \(outcome.errorText.suffix(300))"))
        }
        return [UInt8](signature)
    }
}

/// Signs PDFs in an incremental update and checks the signatures of a PDF.
public enum DocumentSigner {
    /// A signed document and the hashes the audit event keeps.
    public struct Signed: Sendable {
        public let bytes: [UInt8]
        /// SHA-256 of the PDF before this signature (the revision signed).
        public let signedRevisionSHA256: String
        /// SHA-256 of the result.
        public let resultSHA256: String
    }

    /// Adds a signature by `key` to `pdf`; 65 for a PDF sodiem cannot update safely.
    public static func sign(_ pdf: [UInt8], key: SigningKey, reason: String?, name fileName: String, date: Date = Date()) throws(SodiemError) -> Signed {
        let file: PDFFile
        let placeholder: PDFSignaturePlaceholder
        do {
            file = try PDFFile(bytes: pdf)
            placeholder = try file.prepareSignature(signer: key.certificate.commonName ?? key.certificate.subjectText, reason: reason, date: date)
        } catch { throw error.sodiem(fileName) }
        let content = placeholder.signedBytes
        let attributes = CMS.signedAttributes(digest: SHA256.hash(content), certificate: key.certificate)
        let signature = try key.sign(attributes.encoded)
        let cms = CMS.signedData(signedAttributes: attributes, signature: signature, certificate: key.certificate, chain: key.chain)
        // The key must be the certificate's: openssl checks the new signature before anything is written.
        guard try cmsVerifies(cms, content: content, ca: nil, openssl: key.openssl, folder: key.folder) == nil else {
            throw SodiemError.badData(Message(vi: "Khoá riêng không khớp với chứng thư \(key.certificate.subjectText): chữ kí tạo ra không kiểm được. Không có gì được ghi.",
                                              en: "The private key does not match the certificate \(key.certificate.subjectText): the signature made does not verify. Nothing was written."))
        }
        let result: [UInt8]
        do { result = try placeholder.signed(with: cms) } catch { throw error.sodiem(fileName) }
        return Signed(bytes: result, signedRevisionSHA256: SHA256.hexString(SHA256.hash(pdf)), resultSHA256: SHA256.hexString(SHA256.hash(result)))
    }

    /// openssl's verdict on a detached CMS over `content`: nil when it verifies, else its words.
    static func cmsVerifies(_ cms: [UInt8], content: [UInt8], ca: String?, openssl: HelperProgram, folder: PrivateFolder) throws(SodiemError) -> String? {
        try folder.write("check.p7s", Data(cms))
        try folder.write("check.bin", Data(content))
        defer { folder.removeFile("check.p7s"); folder.removeFile("check.bin") }
        var arguments = ["cms", "-verify", "-binary", "-inform", "DER", "-in", folder.file("check.p7s"),
                         "-content", folder.file("check.bin"), "-purpose", "any", "-out", "/dev/null"]
        if let ca { arguments += ["-CAfile", ca] } else { arguments += ["-noverify"] }
        let outcome = try openssl.run(arguments, in: folder, timeLimit: 60)
        return outcome.status == 0 ? nil : (outcome.errorText.isEmpty ? "openssl cms -verify failed" : outcome.errorText)
    }

    /// The findings about one signature.
    public struct Check: Sendable {
        public let field: String
        public let signer: String
        public let certificate: Certificate?
        public let coversRevision: Bool
        public let digestMatches: Bool
        /// nil when openssl accepts the CMS (and the chain, with a CA).
        public let cmsProblem: String?
        public let laterChanges: PDFLaterChanges
        /// SHA-256 of the revision this signature ends (the bytes from 0 to its revision's end).
        public let revisionSHA256: String
        /// SHA-256 of the revision before it (what was signed over), nil for a signature in the first revision.
        public let previousRevisionSHA256: String?
        public let problems: [String]

        public var valid: Bool { problems.isEmpty }
    }

    /// Checks every signature of `pdf`; 65 for a file it cannot read, 69 without openssl.
    public static func verify(_ pdf: [UInt8], ca: String?, name fileName: String,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(SodiemError) -> [Check] {
        let file: PDFFile
        let entries: [PDFSignatureEntry]
        do {
            file = try PDFFile(bytes: pdf)
            entries = try file.signatures()
        } catch { throw error.sodiem(fileName) }
        guard !entries.isEmpty else { return [] }
        let openssl = try HelperProgram.openssl(environment: environment)
        if let ca { try SigningKey.readable(ca) }
        let caPath = ca.map { URL(fileURLWithPath: $0).path }
        let folder = try PrivateFolder()
        defer { folder.remove() }
        var checks: [Check] = []
        for entry in entries {
            var problems: [String] = []
            if let p = entry.coverageProblem { problems.append(p) }
            if entry.subFilter != "ETSI.CAdES.detached" && entry.subFilter != "adbe.pkcs7.detached" {
                problems.append("an unsupported /SubFilter \(entry.subFilter ?? "none")")
            }
            let r = entry.byteRange
            var content: [UInt8] = []
            if r[0] >= 0, r[1] >= 0, r[2] >= r[0] + r[1], r[3] >= 0, r[2] + r[3] <= pdf.count {
                content = Array(pdf[r[0]..<(r[0] + r[1])]) + Array(pdf[r[2]..<(r[2] + r[3])])
            } else { problems.append("a byte range outside the file") }
            var parsed: CMS.Parsed?
            do { parsed = try CMS.parse(entry.contents) } catch { problems.append("the CMS cannot be read (\(error))") }
            let digestMatches = parsed?.messageDigest == SHA256.hash(content) && parsed?.digestAlgorithm == OID.sha256
            if parsed != nil && !digestMatches { problems.append("the digest does not match the signed bytes") }
            var cmsProblem: String?
            if parsed != nil {
                cmsProblem = try cmsVerifies(entry.contents, content: content, ca: caPath, openssl: openssl, folder: folder)
                if let cmsProblem { problems.append("openssl: " + (cmsProblem.split(separator: "\n").first.map(String.init) ?? cmsProblem)) }
            }
            let later: PDFLaterChanges
            do { later = try file.laterChanges(after: entry.revision) } catch { throw error.sodiem(fileName) }
            if case .other(let what) = later { problems.append("a later revision changed more than signatures: \(what)") }
            let end = file.revisions[entry.revision].end
            let previous = entry.revision > 0 ? SHA256.hexString(SHA256.hash(pdf[0..<file.revisions[entry.revision - 1].end])) : nil
            let signer = parsed?.signer
            checks.append(Check(field: entry.fieldName, signer: signer?.subjectText ?? "?", certificate: signer,
                                coversRevision: entry.coversRevision, digestMatches: digestMatches, cmsProblem: cmsProblem,
                                laterChanges: later, revisionSHA256: SHA256.hexString(SHA256.hash(pdf[0..<end])),
                                previousRevisionSHA256: previous, problems: problems))
        }
        return checks
    }
}

extension PDFError {
    /// 65, naming the file.
    func sodiemError(_ file: String) -> SodiemError { sodiem(file) }
}

extension Error {
    fileprivate func sodiem(_ file: String) -> SodiemError {
        if let e = self as? PDFError { return e.sodiem(file) }
        if let e = self as? SodiemError { return e }
        return .badData(Message(vi: "\(file): \(self)", en: "\(file): \(self)"))
    }
}
