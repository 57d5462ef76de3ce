import Foundation
import SodiemBasics
import SodiemModel

/// Subject and judgement matching keys, on top of the shared Vietnamese folding.
package enum RulesFolding {
    /// Folds case and diacritics: "Chưa đạt" → "chua dat".
    package static func fold(_ text: String) -> String { VietnameseText.folded(text, removingSeparators: false) }

    /// Folds and keeps only letters and digits: "LS-ĐL" → "lsdl".
    package static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(VietnameseText.folded(text).unicodeScalars.filter(isAlphanumeric)))
    }

    /// `CharacterSet.alphanumerics` (general categories L*, M* and N*), without its per-call
    /// cost on Linux (a dynamic cast each time: docs/performance.md).
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0...0x7F: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
