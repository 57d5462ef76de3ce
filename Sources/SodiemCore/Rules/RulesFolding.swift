import Foundation

/// Small Vietnamese folding for the rules module (a shared one will replace it).
///
/// NFD, drop the combining marks U+0300–U+036F, đ/Đ → d, lowercase.
enum RulesFolding {
    /// Folds case and diacritics: "Chưa đạt" → "chua dat".
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F:
                continue
            case 0x0110, 0x0111:  // Đ đ
                out.append("d")
            default:
                out.append(scalar)
            }
        }
        return String(out).lowercased()
    }

    /// Folds and keeps only letters and digits: "LS-ĐL" → "lsdl", "Hoạt động trải nghiệm, hướng nghiệp" → "hoatdongtrainghiemhuongnghiep".
    static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(fold(text).unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0)
        }))
    }
}
