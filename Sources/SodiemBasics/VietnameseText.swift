import Foundation

/// Unicode normalization and matching keys for Vietnamese text (tiếng Việt).
public enum VietnameseText {
    /// The NFC form (dựng sẵn), in which sodiem stores every name.
    public static func nfc(_ string: String) -> String {
        // ASCII is NFC as it is, and most of what is normalised (ids, codes, marks, days) is
        // ASCII: Foundation's mapping costs a sheet's event about 13 M instructions otherwise.
        if string.utf8.allSatisfy({ $0 < 0x80 }) { return string }
        return string.precomposedStringWithCanonicalMapping
    }

    /// Whether `string` is already NFC, scalar for scalar.
    ///
    /// Compares scalars because `String ==` treats canonically equivalent strings as equal.
    public static func isNFC(_ string: String) -> Bool {
        string.unicodeScalars.elementsEqual(string.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// A matching key that ignores case and diacritics (dấu), with `đ`/`Đ` → `d`.
    ///
    /// "Mã học sinh", "ma hoc sinh" and "MÃ HỌC SINH" all give `mahocsinh`; "LS-ĐL" gives `lsdl`.
    /// With `removingSeparators` (the default) whitespace, `-` and `_` are dropped; without it,
    /// `-` and `_` stay and whitespace runs become one space, trimmed at both ends.
    /// Built from NFD decomposition and Unicode case data rather than Locale-dependent
    /// `folding(options:locale:)`, which on Linux leaves `đ` alone.
    public static func folded(_ string: String, removingSeparators: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        // ASCII has nothing to decompose; Foundation's mapping is the costly part of a fold.
        let decomposed = string.utf8.allSatisfy { $0 < 0x80 } ? string : string.decomposedStringWithCanonicalMapping
        for scalar in decomposed.unicodeScalars {
            if (0x0300...0x036F).contains(scalar.value) { continue } // combining diacritics
            if scalar.properties.isWhitespace {
                pendingSpace = !removingSeparators
                continue
            }
            if removingSeparators && (scalar == "-" || scalar == "_") { continue }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            switch scalar.value {
            case 0x0110, 0x0111, 0x00D0, 0x0189: // Đ đ, and Ð Ɖ that old fonts and OCR put in their place
                out.append("d")
            case 0x41...0x5A:
                out.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0...0x7F:
                out.append(scalar)
            default:
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }
}

/// A precomputed Vietnamese collation key; comparing keys is comparing the strings.
public struct VietnameseSortKey: Hashable, Comparable, Sendable {
    /// Level weights, each level ended by 0 (see `VietnameseCollation`).
    public let weights: [UInt32]

    /// Orders keys lexicographically by weight.
    public static func < (lhs: VietnameseSortKey, rhs: VietnameseSortKey) -> Bool {
        lhs.weights.lexicographicallyPrecedes(rhs.weights)
    }
}

/// Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
///
/// Four levels, each deciding only when the ones before are equal over the whole string:
/// 1. letters: the Vietnamese alphabet, case-insensitive (f, j, w, z at their Latin places;
///    whitespace < punctuation < digits < Latin letters < other scripts);
/// 2. tones (thanh điệu), letter by letter, in dictionary order: ngang < huyền (`) < hỏi (̉)
///    < ngã (~) < sắc (´) < nặng (̣), as in Vietnamese dictionaries and the CLDR `vi` collation;
///    a letter with a non-Vietnamese accent (ë, ç) comes after all tones;
/// 3. case: lower before upper;
/// 4. the NFC scalars, so distinct strings never compare equal.
/// So "An" < "Anh" < "Ánh" < "Ân" < "Bình" < "Dũng" < "Đức": `ân` starts with `â`, which
/// comes after every `a`, whatever the tones. Written by hand rather than with
/// `Locale(identifier: "vi_VN")` so that the order is the same on every platform and keys can be cached.
public enum VietnameseCollation {
    /// The sort key of `string`; cache it when sorting many strings.
    public static func sortKey(_ string: String) -> VietnameseSortKey {
        var primary: [UInt32] = [], secondary: [UInt32] = [], tertiary: [UInt32] = []
        let scalars = Array(string.decomposedStringWithCanonicalMapping.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let base = scalars[i]
            i += 1
            // The combining marks after a base letter; NFD may put the tone before the modifier (ệ = e ̣ ̂).
            var modifier: UInt32 = 0, tone: UInt32 = 0, foreign: UInt32 = 0
            while i < scalars.count, scalars[i].properties.canonicalCombiningClass != .notReordered {
                let mark = scalars[i].value
                i += 1
                switch mark {
                case 0x0300: tone = 1 // huyền
                case 0x0309: tone = 2 // hỏi
                case 0x0303: tone = 3 // ngã
                case 0x0301: tone = 4 // sắc
                case 0x0323: tone = 5 // nặng
                case 0x0306, 0x0302, 0x031B: modifier = mark // breve, circumflex, horn
                default: foreign = max(foreign, mark) // ë, ç…: after the Vietnamese tones, as ICU does
                }
            }
            let (weight, isUpper) = primaryWeight(base, modifier: modifier)
            primary.append(weight)
            secondary.append(foreign == 0 ? tone + 1 : 0x10000 + foreign)
            tertiary.append(isUpper ? 2 : 1)
        }
        var weights = primary
        weights.reserveCapacity(primary.count * 3 + string.unicodeScalars.count + 4)
        weights.append(0)
        weights += secondary
        weights.append(0)
        weights += tertiary
        weights.append(0)
        weights += string.precomposedStringWithCanonicalMapping.unicodeScalars.map { $0.value + 1 }
        return VietnameseSortKey(weights: weights)
    }

    /// Compares two strings in Vietnamese order (builds both keys; prefer `sortKey` for sorting).
    public static func compare(_ lhs: String, _ rhs: String) -> ComparisonResult {
        let a = sortKey(lhs), b = sortKey(rhs)
        return a < b ? .orderedAscending : (b < a ? .orderedDescending : .orderedSame)
    }

    /// Sorts strings in Vietnamese order, computing each key once.
    public static func sorted(_ strings: some Sequence<String>) -> [String] {
        strings.map { (sortKey($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The level-1 weight of one base letter with its Vietnamese modifier, and whether it is upper case.
    private static func primaryWeight(_ base: Unicode.Scalar, modifier: UInt32) -> (UInt32, Bool) {
        let v = base.value
        switch v {
        case 0x41...0x5A, 0x61...0x7A:
            let lower = v | 0x20
            var variant: UInt32 = 0
            switch (lower, modifier) {
            case (0x61, 0x0306): variant = 1 // ă
            case (0x61, 0x0302), (0x65, 0x0302), (0x6F, 0x0302): variant = 1 + (lower == 0x61 ? 1 : 0) // â ê ô
            case (0x6F, 0x031B): variant = 2 // ơ
            case (0x75, 0x031B): variant = 1 // ư
            default: break
            }
            return (0x1000 + (lower - 0x61) * 4 + variant, v < 0x61)
        case 0x0110, 0x00D0, 0x0189: return (0x1000 + 3 * 4 + 1, true) // Đ (and look-alikes)
        case 0x0111: return (0x1000 + 3 * 4 + 1, false) // đ
        case 0x30...0x39: return (0x800 + v, false)
        default:
            if base.properties.isWhitespace { return (1, false) }
            if v < 0x80 { return (0x100 + v, false) } // ASCII punctuation and symbols
            let lower = base.properties.lowercaseMapping.unicodeScalars.first?.value ?? v
            return (0x10000 + lower, lower != v)
        }
    }
}

/// The class-list order key (thứ tự danh sách lớp): given name, then the rest of the name, then id.
///
/// The given name (tên) is the last word: "Lê Thị An" < "Trần Văn Bảo" < "Đỗ Văn Cường". The rest
/// (họ và tên đệm) is compared from the start, and the id decides between namesakes.
public struct PersonSortKey: Hashable, Comparable, Sendable {
    /// The key of the given name.
    public let givenName: VietnameseSortKey
    /// The key of the family and middle names, in their written order.
    public let rest: VietnameseSortKey
    /// The id, compared by its UTF-8 bytes as a last resort.
    public let id: String

    /// The key of a person with a full name (họ và tên) and an id.
    public init(name: String, id: String) {
        let words = name.split(whereSeparator: \.isWhitespace)
        givenName = VietnameseCollation.sortKey(words.last.map(String.init) ?? "")
        rest = VietnameseCollation.sortKey(words.dropLast().joined(separator: " "))
        self.id = id
    }

    /// Given name, then the rest, then id.
    public static func < (lhs: PersonSortKey, rhs: PersonSortKey) -> Bool {
        if lhs.givenName != rhs.givenName { return lhs.givenName < rhs.givenName }
        if lhs.rest != rhs.rest { return lhs.rest < rhs.rest }
        return lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8)
    }
}

extension VietnameseCollation {
    /// Whether `a` comes before `b` in a Vietnamese class list (given name, rest of the name, id).
    public static func personNameOrder(_ a: (name: String, id: String), _ b: (name: String, id: String)) -> Bool {
        PersonSortKey(name: a.name, id: a.id) < PersonSortKey(name: b.name, id: b.id)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines`), at a fraction of
    /// its cost on Linux (about 7,000 instructions a call, a sheet makes hundreds): ASCII edges
    /// are trimmed here, and Foundation decides only when an edge is not ASCII (U+00A0, U+3000,
    /// U+0085 and the other Unicode spaces are its to judge).
    public func trimmingSpaces(newlines: Bool = false) -> String where UTF8View: BidirectionalCollection {
        let bytes = utf8
        func trimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || (newlines && (0x0A...0x0D).contains(byte)) }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, trimmed(bytes[start]) { start = bytes.index(after: start) }
        while end > start, trimmed(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start < end, bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80 {
            return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
        }
        return String(self[start..<end])
    }
}
