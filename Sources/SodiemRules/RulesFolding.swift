import Foundation
import SodiemBasics
import SodiemModel

/// Subject and judgement matching keys, on top of the shared Vietnamese folding.
package enum RulesFolding {
    /// Folds case and diacritics: "Chưa đạt" → "chua dat".
    package static func fold(_ text: String) -> String { VietnameseText.folded(text, removingSeparators: false) }

    /// Folds and keeps only letters and digits: "LS-ĐL" → "lsdl".
    package static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(VietnameseText.folded(text).unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0)
        }))
    }
}
