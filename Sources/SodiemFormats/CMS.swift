import Foundation

/// An X.509 certificate, read from its DER: what a signature needs to name and check it.
public struct Certificate: Equatable, Sendable {
    public enum KeyKind: Equatable, Sendable {
        case rsa(bits: Int)
        case ec(curve: String)
        case other(String)
    }

    public let der: [UInt8]
    /// The serial number's INTEGER content octets.
    public let serial: [UInt8]
    public let issuer: DER
    public let subject: DER
    public let notBefore: Date
    public let notAfter: Date
    public let key: KeyKind

    public init(der: [UInt8]) throws(DERError) {
        self.der = der
        let top = try DER.parse(der)
        guard top.tag == DER.sequenceTag, let tbs = try top.children().first, tbs.tag == DER.sequenceTag else { throw DERError("not a certificate") }
        var parts = try tbs.children()
        if parts.first?.tag == 0xA0 { parts.removeFirst() }
        guard parts.count >= 6, parts[0].tag == DER.integerTag else { throw DERError("a certificate without its fields") }
        serial = parts[0].content
        issuer = parts[2]
        let validity = try parts[3].children()
        guard validity.count == 2, let a = validity[0].time, let b = validity[1].time else { throw DERError("a certificate validity that is not UTC") }
        notBefore = a; notAfter = b
        subject = parts[4]
        let spki = try parts[5].children()
        guard spki.count == 2 else { throw DERError("a bad public key") }
        let algorithm = try spki[0].children()
        switch algorithm.first?.oidString {
        case OID.rsaEncryption?:
            // BIT STRING: unused-bits byte, then RSAPublicKey SEQUENCE { modulus, exponent }.
            let key = try DER.parse(Array(spki[1].content.dropFirst())).children()
            var modulus = key.first?.content ?? []
            while modulus.first == 0 { modulus.removeFirst() }
            let lead = modulus.first.map { 8 - $0.leadingZeroBitCount } ?? 0
            self.key = .rsa(bits: max(0, (modulus.count - 1) * 8 + lead))
        case OID.ecPublicKey?:
            self.key = .ec(curve: algorithm.count > 1 ? algorithm[1].oidString ?? "?" : "?")
        case let other:
            self.key = .other(other ?? "?")
        }
    }

    /// Certificates in PEM text (every `CERTIFICATE` block).
    public static func pem(_ text: String) throws(DERError) -> [Certificate] {
        var out: [Certificate] = []
        var inside = false
        var body = ""
        for line in text.split(whereSeparator: \.isNewline) {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l == "-----BEGIN CERTIFICATE-----" { inside = true; body = ""; continue }
            if l == "-----END CERTIFICATE-----" {
                inside = false
                guard let data = Data(base64Encoded: body) else { throw DERError("bad base64 in a PEM certificate") }
                out.append(try Certificate(der: [UInt8](data)))
                continue
            }
            if inside { body += l }
        }
        return out
    }

    public var serialHex: String { SHA256.hexString(serial.drop { $0 == 0 }.isEmpty ? [0] : Array(serial.drop { $0 == 0 })) }
    /// SHA-256 of the DER, lower-case hex.
    public var fingerprint: String { SHA256.hexString(SHA256.hash(der)) }
    public var subjectText: String { Certificate.text(of: subject) }
    public var issuerText: String { Certificate.text(of: issuer) }
    public var commonName: String? { Certificate.attributes(of: subject).first { $0.0 == "CN" }?.1 }

    /// Whether sodiem signs with this kind of key (cli.md: RSA ≥ 2048 or ECDSA P-256; P-384 too).
    public var keyIsAcceptable: Bool {
        switch key {
        case .rsa(let bits): return bits >= 2048
        case .ec(let curve): return curve == OID.prime256v1 || curve == OID.secp384r1
        case .other: return false
        }
    }

    public var keyDescription: String {
        switch key {
        case .rsa(let bits): return "RSA \(bits)"
        case .ec(let curve): return curve == OID.prime256v1 ? "ECDSA P-256" : curve == OID.secp384r1 ? "ECDSA P-384" : "EC \(curve)"
        case .other(let o): return o
        }
    }

    static let shortNames = ["2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
                             "2.5.4.5": "serialNumber", "2.5.4.12": "title", "1.2.840.113549.1.9.1": "emailAddress",
                             "0.9.2342.19200300.100.1.1": "UID"]

    static func attributes(of name: DER) -> [(String, String)] {
        var out: [(String, String)] = []
        for rdn in (try? name.children()) ?? [] {
            for attribute in (try? rdn.children()) ?? [] {
                guard let pair = try? attribute.children(), pair.count == 2, let oid = pair[0].oidString else { continue }
                out.append((shortNames[oid] ?? oid, pair[1].stringValue ?? SHA256.hexString(pair[1].content)))
            }
        }
        return out
    }

    /// `CN=…, O=…, C=VN`, most specific first (RFC 4514 order).
    static func text(of name: DER) -> String {
        attributes(of: name).reversed().map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }
}

/// CMS SignedData (RFC 5652), detached, as PAdES baseline B-B wants it (ETSI EN 319 142-1):
/// signed attributes content-type, message-digest and ESS signing-certificate-v2, no signing-time.
public enum CMS {
    static func algorithm(_ oid: String, null: Bool) -> DER { DER.sequence(null ? [DER.oid(oid), DER.null] : [DER.oid(oid)]) }

    /// The DER of the SET OF signed attributes: what the private key signs.
    public static func signedAttributes(digest: [UInt8], certificate: Certificate) -> DER {
        let issuerSerial = DER.sequence([DER.sequence([DER.explicit(4, certificate.issuer)]), DER(tag: DER.integerTag, content: certificate.serial)])
        let essCertIDv2 = DER.sequence([DER.octetString(SHA256.hash(certificate.der)), issuerSerial])   // hashAlgorithm: SHA-256, the default
        let signingCertificateV2 = DER.sequence([DER.sequence([essCertIDv2])])
        return DER.set([
            DER.sequence([DER.oid(OID.contentType), DER.set([DER.oid(OID.data)])]),
            DER.sequence([DER.oid(OID.messageDigest), DER.set([DER.octetString(digest)])]),
            DER.sequence([DER.oid(OID.signingCertificateV2), DER.set([signingCertificateV2])]),
        ])
    }

    /// The ContentInfo of a detached SignedData with one signer.
    public static func signedData(signedAttributes: DER, signature: [UInt8], certificate: Certificate, chain: [Certificate]) -> [UInt8] {
        let signatureAlgorithm: DER
        switch certificate.key {
        case .ec: signatureAlgorithm = algorithm(OID.ecdsaWithSHA256, null: false)
        default: signatureAlgorithm = algorithm(OID.rsaEncryption, null: true)
        }
        let signerInfo = DER.sequence([
            DER.integer(1),
            DER.sequence([certificate.issuer, DER(tag: DER.integerTag, content: certificate.serial)]),
            algorithm(OID.sha256, null: false),
            DER.implicit(0, signedAttributes),
            signatureAlgorithm,
            DER.octetString(signature),
        ])
        var certificates = [certificate]
        for c in chain where c != certificate && !certificates.contains(c) { certificates.append(c) }
        let signedData = DER.sequence([
            DER.integer(1),
            DER.set([algorithm(OID.sha256, null: false)]),
            DER.sequence([DER.oid(OID.data)]),
            DER(tag: 0xA0, content: certificates.flatMap(\.der)),
            DER.set([signerInfo]),
        ])
        return DER.sequence([DER.oid(OID.signedData), DER.explicit(0, signedData)]).encoded
    }

    /// What a CMS signature says, read without checking it (openssl checks it).
    public struct Parsed: Sendable {
        public let certificates: [Certificate]
        public let signer: Certificate?
        public let digestAlgorithm: String?
        public let messageDigest: [UInt8]?
        public let attributeTypes: [String]
    }

    public static func parse(_ bytes: [UInt8]) throws(DERError) -> Parsed {
        let top = try DER.parse(bytes).children()
        guard top.count == 2, top[0].oidString == OID.signedData, top[1].tag == 0xA0, let sd = try top[1].children().first else {
            throw DERError("not a CMS SignedData")
        }
        let parts = try sd.children()
        var certificates: [Certificate] = []
        if let certs = parts.first(where: { $0.tag == 0xA0 }) {
            for c in try certs.children() where c.tag == DER.sequenceTag { certificates.append(try Certificate(der: c.encoded)) }
        }
        guard let infos = parts.last, infos.tag == DER.setTag, let info = try infos.children().first else { throw DERError("no signer") }
        let fields = try info.children()
        guard fields.count >= 5 else { throw DERError("a short SignerInfo") }
        var signer: Certificate?
        if fields[1].tag == DER.sequenceTag {
            let sid = try fields[1].children()
            if sid.count == 2 { signer = certificates.first { $0.issuer == sid[0] && $0.serial == sid[1].content } }
        }
        let digestAlgorithm = try fields[2].children().first?.oidString
        var digest: [UInt8]?
        var types: [String] = []
        if fields[3].tag == 0xA0 {
            for attribute in try fields[3].children() {
                let pair = try attribute.children()
                guard let type = pair.first?.oidString else { continue }
                types.append(type)
                if type == OID.messageDigest, pair.count == 2, let value = try pair[1].children().first { digest = value.content }
            }
        }
        return Parsed(certificates: certificates, signer: signer, digestAlgorithm: digestAlgorithm, messageDigest: digest, attributeTypes: types)
    }
}
