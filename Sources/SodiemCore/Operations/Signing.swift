import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// What a signed document is, as the `document.sign` event records it.
public struct SignedDocument: Sendable {
    /// `transcript`, `transcripts` (a class's, in one PDF), `ledger`, `fix-record`.
    public var kind: String
    public var year: String
    public var className: String
    public var student: String?

    public init(kind: String, year: String, className: String, student: String?) {
        self.kind = kind
        self.year = year
        self.className = className
        self.student = student
    }
}

extension Session {
    /// The signer's role for a document of `className` (`homeroom` or `principal`), or 77.
    /// Signing is a personal act: refused with `--as` unless the real account is root (data.md).
    public func signingRole(_ document: SignedDocument) throws(SodiemError) -> String {
        if identity.usesAs && identity.realID != Identity.rootID {
            throw SodiemError.notPermitted(Message(
                vi: "Kí là việc của chính người kí: không kí thay người khác bằng \(option: .acting) (\(identity.realID) → \(identity.actingID)).",
                en: "Signing is a personal act: it cannot be done in another's name with \(option: .acting) (\(identity.realID) → \(identity.actingID))."))
        }
        let year = try world.year(document.year)
        try require(.signDocument(className: document.className), year: year)
        let stored = year?.storedClassName(document.className) ?? document.className
        if year?.classes[stored]?.homeroom == identity.actingID { return "homeroom" }
        if identity.has(.principal) { return "principal" }
        return identity.isRoot ? "root" : "homeroom"
    }

    /// Records a signature (`document.sign`).
    @discardableResult
    public func recordSignature(_ document: SignedDocument, role: String, signed: DocumentSigner.Signed,
                                certificate: Certificate, file: String) throws(SodiemError) -> AuditEvent {
        try commit(.documentSign(DocumentSignBody(
            year: document.year, className: document.className, student: document.student, document: document.kind, role: role,
            file: URL(fileURLWithPath: file).lastPathComponent, signedSHA256: signed.signedRevisionSHA256, resultSHA256: signed.resultSHA256,
            certificate: SigningCertificate(subject: certificate.subjectText, issuer: certificate.issuerText,
                                            serial: certificate.serialHex, fingerprint: certificate.fingerprint))))
    }

    /// Every `document.sign` event, oldest first.
    public func signatureEvents() throws(SodiemError) -> [AuditEvent] {
        try auditEntries(className: nil, student: nil, since: nil, action: Action.documentSign.rawValue, account: nil).map(\.1)
    }

    /// The `document.sign` event whose result is the file with this SHA-256, if any.
    public func signatureEvent(resulting sha256: String) throws(SodiemError) -> AuditEvent? {
        try signatureEvents().last { $0["result_sha256"].string == sha256 }
    }
}
