/// Figures kept in tenths (scores and averages): written with exactly one decimal.
public enum Tenths {
    /// `format(75, decimalMark: ",")` is `7,5`; `format(-5, decimalMark: ".")` is `-0.5`.
    public static func format(_ tenths: Int, decimalMark: String) -> String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10)\(decimalMark)\(magnitude % 10)"
    }
}
