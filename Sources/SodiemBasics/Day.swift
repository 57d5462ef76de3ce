import Foundation

/// A calendar day in the school's time zone (`2024-10-15`), compared and counted exactly.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    /// The day a number of days after 1970-01-01 (negative: before it).
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day of a year, month and day; `nil` when no such day exists (31/02).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Parses `yyyy-mm-dd` (ISO) or `dd/mm/yyyy` (Vietnamese), checking that the day exists.
    public init?(_ text: String) {
        // Fast path for the stored form yyyy-mm-dd, without allocating.
        let stored: (Int, Int, Int)? = text.utf8.count == 10 ? text.utf8.withContiguousStorageIfAvailable { u in
            guard u[4] == 45, u[7] == 45 else { return nil }
            var value = [0, 0, 0], part = 0
            for i in 0..<10 where i != 4 && i != 7 {
                guard (48...57).contains(u[i]) else { return nil }
                part = i < 4 ? 0 : i < 7 ? 1 : 2
                value[part] = value[part] * 10 + Int(u[i] - 48)
            }
            return (value[0], value[1], value[2])
        } ?? nil : nil
        if let (y, m, d) = stored {
            self.init(year: y, month: m, day: d)
            return
        }
        let trimmed = text.trimmingSpaces()
        if trimmed.contains("/") {
            let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                  let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        } else {
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        }
    }

    /// Year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `2024-10-15`.
    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(Day.twoDigits(m))-\(Day.twoDigits(d))"
    }

    /// 7 → "07" (String(format:) goes through CFString and is slow on Linux).
    package static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `15/10/2024`, as printed on Vietnamese documents.
    public var vietnamese: String {
        let (y, m, d) = components
        return "\(Day.twoDigits(d))/\(Day.twoDigits(m))/\(y)"
    }

    /// `15 Oct 2024`, the one form of a day in English text (docs/decisions.md): the month as a
    /// word, so neither a British nor an American reader can take 05/09 for 9 May.
    public var english: String {
        let (y, m, d) = components
        return "\(d) \(Day.englishMonths[m - 1]) \(y)"
    }

    /// Jan … Dec.
    package static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2024-10`, the month this day is in.
    public var monthKey: String {
        let (y, m, _) = components
        return "\(y)-\(Day.twoDigits(m))"
    }

    /// Monday 1 … Sunday 7.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day { Day(ordinal: ordinal + count) }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Earlier days compare smaller.
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// A moment with the UTC offset of the school's time zone, as written in the audit log.
public struct Instant: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int
    /// The UTC offset in seconds at that moment in the school's time zone.
    public let offset: Int

    /// Creates a moment from seconds since the epoch and a UTC offset in seconds.
    public init(seconds: Int, offset: Int) {
        self.seconds = seconds
        self.offset = offset
    }

    /// This moment in a time zone.
    public init(date: Date, timeZone: TimeZone) {
        seconds = Int(date.timeIntervalSince1970.rounded(.down))
        offset = timeZone.secondsFromGMT(for: date)
    }

    /// The local day.
    public var day: Day { Day(ordinal: Int((Double(seconds + offset) / 86400).rounded(.down))) }

    /// `2024-10-03T08:12:31+07:00`.
    public var iso8601: String {
        let local = seconds + offset
        let dayStart = Int((Double(local) / 86400).rounded(.down)) * 86400
        let secondOfDay = local - dayStart
        let sign = offset < 0 ? "-" : "+"
        let o = abs(offset)
        // Built by hand: String(format:) costs about a million instructions per call on Linux
        // (its CVarArg boxing goes through dynamic casts), and every commit stamps its event.
        let two = Day.twoDigits
        return "\(day.description)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
            + "\(sign)\(two(o / 3600)):\(two(o / 60 % 60))"
    }

    /// Parses `2024-10-15` (that day at 00:00 in `timeZone`) or `2024-10-15T08:00:00+07:00`.
    public static func parse(_ text: String, timeZone: TimeZone) -> Instant? {
        if let day = Day(text), !text.contains("/") {
            let noon = Date(timeIntervalSince1970: Double(day.ordinal * 86400 + 43200))
            let offset = timeZone.secondsFromGMT(for: noon)
            return Instant(seconds: day.ordinal * 86400 - offset, offset: offset)
        }
        let chars = Array(text)
        guard chars.count >= 19, chars[10] == "T" || chars[10] == " ",
              let day = Day(String(chars[0..<10])) else { return nil }
        let time = String(chars[11..<19]).split(separator: ":")
        guard time.count == 3, let h = Int(time[0]), let m = Int(time[1]), let s = Int(time[2]),
              (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s) else { return nil }
        let rest = String(chars[19...])
        var offset: Int
        if rest == "Z" {
            offset = 0
        } else if rest.isEmpty {
            offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day.ordinal * 86400)))
        } else {
            let sign = rest.first == "-" ? -1 : 1
            let parts = rest.dropFirst().split(separator: ":")
            // Real offsets lie within ±14:00 (UTC-12 … UTC+14); +99:00 is a typo, not a time zone.
            guard rest.first == "+" || rest.first == "-", parts.count == 2, parts[0].count == 2, parts[1].count == 2,
                  parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
                  let oh = Int(parts[0]), let om = Int(parts[1]), om < 60, oh * 60 + om <= 14 * 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
        let local = day.ordinal * 86400 + h * 3600 + m * 60 + s
        let utc = local - offset
        // Show it in the school's zone from here on.
        let schoolOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc)))
        return Instant(seconds: utc, offset: schoolOffset)
    }
}
