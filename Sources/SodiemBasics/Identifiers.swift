/// The kinds of identifier that end up in file paths and so must be checked before use.
public enum IdentifierKind: Sendable, CaseIterable {
    /// A class name (tên lớp) such as `6A1`: a grade digit 6–9, then a letter, then letters and digits; at most 16.
    case className
    /// An account id (mã tài khoản): letters, digits, `.`, `_`, `-`; at most 64; not starting with `.` or `-`.
    case account
    /// A student id (mã học sinh): letters, digits, `.`, `_`, `-`; at most 32; not starting with `.` or `-`.
    case student

    /// The longest allowed identifier of this kind, in characters.
    public var maxLength: Int {
        switch self {
        case .className: 16
        case .account: 64
        case .student: 32
        }
    }
}

/// Whether `string` is a valid identifier of `kind`.
///
/// These guard every path built from user input, so only ASCII letters, digits and (for ids)
/// `.`, `_`, `-` pass: never `/`, `\`, `..` as a whole name, control characters, spaces, or
/// non-ASCII letters (which macOS file systems may store decomposed); never empty. Student ids
/// may not start with `.` or `-` either, so none is hidden or looks like an option.
public func isValidIdentifier(_ string: String, kind: IdentifierKind) -> Bool {
    let bytes = Array(string.utf8)
    guard !bytes.isEmpty, bytes.count <= kind.maxLength else { return false }
    func isAlnum(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }
    func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    switch kind {
    case .className:
        guard bytes.count >= 2, (UInt8(ascii: "6")...UInt8(ascii: "9")).contains(bytes[0]), isLetter(bytes[1]) else {
            return false
        }
        return bytes.dropFirst(2).allSatisfy(isAlnum)
    case .account, .student:
        guard bytes[0] != UInt8(ascii: "."), bytes[0] != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}

/// Whether `string` is a valid class name such as `6A1`.
public func isValidClassName(_ string: String) -> Bool { isValidIdentifier(string, kind: .className) }

/// Whether `string` is a valid account id.
public func isValidAccountID(_ string: String) -> Bool { isValidIdentifier(string, kind: .account) }

/// Whether `string` is a valid student id.
public func isValidStudentID(_ string: String) -> Bool { isValidIdentifier(string, kind: .student) }
