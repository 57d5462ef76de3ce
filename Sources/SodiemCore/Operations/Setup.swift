import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// `sodiem init`: creates the data directory and records the school.
public enum Bootstrap {
    /// The school's particulars as given to `init`.
    public struct SchoolParticulars: Sendable {
        /// Tên trường.
        public var name: String
        /// Phường/xã, if given.
        public var ward: String?
        /// Quận/huyện, if given.
        public var district: String?
        /// Tỉnh/thành phố, if given.
        public var province: String?
        /// IANA time zone name (`Asia/Ho_Chi_Minh`); refused when this system does not know it.
        public var timeZone: String

        /// Creates the particulars from `init`'s options.
        public init(name: String, ward: String?, district: String?, province: String?, timeZone: String) {
            self.name = name
            self.ward = ward
            self.district = district
            self.province = province
            self.timeZone = timeZone
        }
    }

    /// The first admin, for an `init` run by an OS user who is not root.
    public struct FirstAdmin: Sendable {
        /// The admin's account id.
        public var id: String
        /// The admin's full name (họ và tên).
        public var name: String

        /// Creates the first admin from an id and a name.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Initialises the data directory: by root, or by the OS user who becomes the first admin.
    ///
    /// The `school.init` event goes through `Session.commit`, the write path of every event:
    /// lock, check, append with `fsync`, atomic replace of the snapshots, unlock.
    public static func initialize(_ invocation: Invocation, school: SchoolParticulars,
                                  admin: FirstAdmin?) throws(SodiemError) -> AuditEvent {
        guard invocation.asUser == nil else {
            throw SodiemError.usage(vi: "`\(command: .initialise)` không dùng \(option: .acting).", en: "`\(command: .initialise)` does not take \(option: .acting).")
        }
        let login = invocation.identitySource.currentLogin()
        guard login.isRoot || admin != nil else {
            throw SodiemError.notPermitted(vi: "Chỉ root được chạy `\(command: .initialise)` không kèm \(option: .admin). Người dùng \(login.name) hãy chạy `\(run: .initialiseAsFirstAdmin)` để trở thành quản trị viên đầu tiên.",
                                           en: "Only root may run `\(command: .initialise)` without \(option: .admin). The OS user \(login.name) can run `\(run: .initialiseAsFirstAdmin)` to become the first admin.")
        }
        let name = VietnameseText.nfc(school.name.trimmingSpaces())
        guard !name.isEmpty else {
            throw SodiemError.usage(vi: "`\(command: .initialise)` cần \(option: .school) \"Tên trường\".", en: "`\(command: .initialise)` needs \(option: .school) \"School name\".")
        }
        guard let zone = TimeZone(identifier: school.timeZone) else {
            throw SodiemError.usage(vi: "Múi giờ không biết: \(school.timeZone) (ví dụ Asia/Ho_Chi_Minh).",
                                    en: "Unknown time zone: \(school.timeZone) (e.g. Asia/Ho_Chi_Minh).")
        }
        if let admin {
            guard isValidAccountID(admin.id) else { throw SodiemError.badAccountID(admin.id) }
            guard !admin.name.trimmingSpaces().isEmpty else {
                throw SodiemError.usage(vi: "`\(command: .initialise) \(option: .admin)` cần \(option: .name) \"Họ Tên\".", en: "`\(command: .initialise) \(option: .admin)` needs \(option: .name) \"Full Name\".")
            }
        }
        var firstAdmin: Account?
        if let admin {
            firstAdmin = Account(id: admin.id, name: VietnameseText.nfc(admin.name), roles: [.admin],
                                 osUser: login.isRoot ? nil : login.name, email: nil)
        }
        let event = EventBody.schoolInit(SchoolInitBody(
            school: SodiemStore.SchoolParticulars(name: name, ward: school.ward.map(VietnameseText.nfc),
                                                  district: school.district.map(VietnameseText.nfc),
                                                  province: school.province.map(VietnameseText.nfc)),
            timezone: school.timeZone, admin: firstAdmin))
        // `commit` checks the texts again; checking them first means a refused `init` creates no folder.
        try TextRules.check(event.encode())
        // Root acts as itself even when it names the first admin; otherwise the login becomes that admin.
        let identity = login.isRoot ? Identity(realID: Identity.rootID, actingID: Identity.rootID, account: nil, usesAs: false)
            : Identity(realID: firstAdmin!.id, actingID: firstAdmin!.id, account: firstAdmin, usesAs: false)
        // SODIEM_NOW: the one who runs `init` is root or becomes the first admin, so may set the clock;
        // read before any folder is made, so that a malformed one leaves nothing behind.
        let clock = try invocation.readClock(zone: zone, realID: identity.realID) { () throws(SodiemError) in true }
        let directory = DataDirectory(root: URL(fileURLWithPath: invocation.dataPath))
        if !directory.exists {
            do {
                try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
            } catch {
                throw SodiemError.cannotCreate(Message(vi: "Không tạo được thư mục dữ liệu \(directory.root.path): \(error.localizedDescription)",
                                                       en: "Cannot create the data directory \(directory.root.path): \(error.localizedDescription)"))
            }
        }
        // A folder that holds something else (a home directory, another program's files) is not taken over;
        // `.lock` alone is what an earlier, interrupted `init` may leave.
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: directory.root.path)) ?? [])
            .filter { ![".lock", "sodiem.json", "audit.log", "audit.log.broken", "users.json", "years"].contains($0) }.sorted()
        if !others.isEmpty {
            let shown = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
            throw SodiemError.cannotCreate(Message(
                vi: "\(directory.root.path) không trống (\(shown)); `\(command: .initialise)` cần một thư mục mới hoặc trống. Chọn thư mục khác bằng \(option: .data).",
                en: "\(directory.root.path) is not empty (\(shown)); `\(command: .initialise)` needs a new or empty folder. Choose another with \(option: .data)."))
        }
        let lock = try DirectoryLock(directory: directory, mode: .exclusive, holder: "init", wait: invocation.lockWait) { _ in }
        let log = AuditLog(url: directory.auditLog)
        guard !FileManager.default.fileExists(atPath: directory.schoolFile.path), (try log.tail()).last == nil else {
            throw SodiemError.cannotCreate(Message(vi: "\(directory.root.path) đã có dữ liệu của một trường; `\(command: .initialise)` không ghi đè.",
                                                   en: "\(directory.root.path) already holds a school; `\(command: .initialise)` does not overwrite it."))
        }
        var opening = SchoolFile()
        opening.name = name
        opening.timeZone = school.timeZone
        let session = try Session(creating: directory, identity: identity, lock: lock, school: opening, clock: clock)
        return try withExtendedLifetime(session) { () throws(SodiemError) -> AuditEvent in
            try session.commit(event, filesMayLag: false)
        }
    }
}

extension Session {
    /// `user add`: a new account.
    public func addUser(id: String, name: String, roles: [Role], osUser: String?, email: String?) throws(SodiemError) -> AuditEvent {
        try require(.setUp)
        guard isValidAccountID(id), id != Identity.rootID else { throw SodiemError.badAccountID(id) }
        let users = try world.users()
        guard users.accounts[id] == nil else {
            throw SodiemError.badData(vi: "Tài khoản \(id) đã có. Xem `\(run: .listAccounts)`.", en: "The account \(id) exists already. See `\(run: .listAccounts)`.")
        }
        if let osUser, let holder = users.account(osUser: osUser) {
            throw SodiemError.badData(vi: "Người dùng hệ điều hành \(osUser) đã gắn với tài khoản \(holder.id).",
                                      en: "The OS user \(osUser) is already mapped to the account \(holder.id).")
        }
        let cleanName = VietnameseText.nfc(name.trimmingSpaces())
        guard !cleanName.isEmpty else { throw SodiemError.usage(vi: "`\(command: .userAdd)` cần \(option: .name) \"Họ Tên\".", en: "`\(command: .userAdd)` needs \(option: .name) \"Full Name\".") }
        guard !roles.isEmpty else { throw SodiemError.usage(vi: "`\(command: .userAdd)` cần \(option: .role).", en: "`\(command: .userAdd)` needs \(option: .role).") }
        if let email, !email.contains("@") || email.contains(where: \.isWhitespace) {
            throw SodiemError.badData(vi: "Địa chỉ thư không hợp lệ: \(email).", en: "Not an e-mail address: \(email).")
        }
        try Session.requireRootToGrant(roles, had: [])
        let account = Account(id: id, name: cleanName, roles: roles.sorted(), osUser: osUser, email: email)
        return try commit(.userAdd(UserAddBody(user: account)))
    }

    /// `user disable`: the account stays on record and can no longer act.
    public func disableUser(id: String) throws(SodiemError) -> AuditEvent {
        try require(.setUp)
        guard let account = try world.users().accounts[id] else { throw SodiemError.unknownAccount(id) }
        guard !account.disabled else {
            throw SodiemError.badData(vi: "Tài khoản \(id) đã bị khoá từ trước.", en: "The account \(id) is disabled already.")
        }
        return try commit(.userDisable(UserDisableBody(user: id)))
    }

    /// `year create`: a school year with its terms (and, with `promote`, its classes and students).
    public func createYear(name: String, terms: [Term: TermDates], current: Bool) throws(SodiemError) -> AuditEvent {
        try createYear(name: name, terms: terms, current: current, promoted: [:], from: nil, undetermined: [])
    }

    /// `year create`, and with `--from --promote` the promoted classes and the students left out (`undetermined`).
    package func createYear(name: String, terms: [Term: TermDates], current: Bool, promoted classes: [String: PromotedClass],
                            from: String?, undetermined: [String]) throws(SodiemError) -> AuditEvent {
        try require(.setUp)
        try Session.checkYearName(name)
        guard try world.year(name) == nil else {
            throw SodiemError.badData(vi: "Năm học \(name) đã có. Sửa lịch bằng `\(run: .changeYear)`.",
                                      en: "The school year \(name) exists already. Change its calendar with `\(run: .changeYear)`.")
        }
        var calendar = SchoolCalendar()
        calendar.terms = terms
        calendar.reporting = SchoolCalendar.defaultReporting(year: name)
        try Session.checkTerms(calendar, year: name)
        return try commit(.yearCreate(YearCreateBody(year: name, calendar: calendar, current: current, from: from,
                                                     classes: classes.isEmpty ? nil : classes,
                                                     undetermined: undetermined.isEmpty ? nil : undetermined)))
    }

    /// `year set`: a new calendar for the year (and/or make it current).
    public func setYear(_ year: YearFile, calendar: SchoolCalendar, current: Bool) throws(SodiemError) -> AuditEvent? {
        try require(.setUp)
        try Session.checkTerms(calendar, year: year.name)
        let isCurrent = school.currentYear == year.name
        if calendar == year.calendar && (!current || isCurrent) { return nil }
        return try commit(.yearSet(YearSetBody(year: year.name, calendar: calendar, current: current && !isCurrent)))
    }

    static func checkYearName(_ name: String) throws(SodiemError) {
        let parts = name.split(separator: "-")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let a = Int(parts[0]), let b = Int(parts[1]), b == a + 1 else {
            throw SodiemError.usage(vi: "Năm học phải có dạng 2024-2025, không phải \"\(name)\".",
                                    en: "A school year looks like 2024-2025, not \"\(name)\".")
        }
    }

    static func checkTerms(_ calendar: SchoolCalendar, year: String) throws(SodiemError) {
        for (term, dates) in calendar.terms where dates.end < dates.start {
            throw SodiemError.badData(vi: "Học kì \(term.rawValue) của \(year) kết thúc (\(dates.end.vietnamese)) trước khi bắt đầu (\(dates.start.vietnamese)).",
                                      en: "Term \(term.rawValue) of \(year) ends (\(dates.end.english)) before it starts (\(dates.start.english)).")
        }
        if let one = calendar.terms[.first], let two = calendar.terms[.second], two.start <= one.end {
            throw SodiemError.badData(vi: "Học kì II (\(two.start.vietnamese)) phải bắt đầu sau khi học kì I kết thúc (\(one.end.vietnamese)).",
                                      en: "Term 2 (\(two.start.english)) must start after term 1 ends (\(one.end.english)).")
        }
    }

    /// `class add`: a class of the year.
    public func addClass(_ year: YearFile, name: String, grade: Int, homeroom: String?) throws(SodiemError) -> AuditEvent {
        try require(.setUp)
        guard isValidClassName(name) else {
            throw SodiemError.badData(vi: "Tên lớp không hợp lệ: \"\(name)\" (ví dụ 6A1).", en: "Not a valid class name: \"\(name)\" (e.g. 6A1).")
        }
        guard (6...9).contains(grade) else {
            throw SodiemError.badData(vi: "Khối phải từ 6 đến 9, không phải \(grade).", en: "The grade must be 6 to 9, not \(grade).")
        }
        // 6A4 in grade 7 would break promotion (6A4 → 7A4): the grade digit of the name must be the grade.
        if let first = name.first, let digit = first.wholeNumberValue, (6...9).contains(digit), digit != grade {
            throw SodiemError.badData(vi: "Lớp \(name) bắt đầu bằng khối \(digit) nhưng \(option: .grade) là \(grade). Sửa tên lớp hoặc \(option: .grade) \(digit).",
                                      en: "The class \(name) starts with grade \(digit) but \(option: .grade) is \(grade). Fix the name or use \(option: .grade) \(digit).")
        }
        guard year.classes[name] == nil else {
            throw SodiemError.badData(vi: "Lớp \(name) đã có trong năm học \(year.name).", en: "The class \(name) exists already in \(year.name).")
        }
        if let homeroom { try requireActiveAccount(homeroom, as: "\(option: .homeroom)") }
        return try commit(.classAdd(ClassAddBody(year: year.name, className: name, grade: grade, homeroom: homeroom)))
    }

    /// An existing, enabled account (66 otherwise).
    func requireActiveAccount(_ id: String, as option: @autoclosure () -> String) throws(SodiemError) {
        guard let account = try world.users().accounts[id] else { throw SodiemError.unknownAccount(id) }
        guard !account.disabled else {
            let role = option()  // its references are built only for the refusal
            throw SodiemError.badData(vi: "Tài khoản \(id) (\(role)) đã bị khoá.", en: "The account \(id) (\(role)) is disabled.")
        }
    }

    /// One row of a teaching assignment: a subject, the classes, who enters, who leads.
    public struct AssignmentRow: Sendable {
        /// Subject code, name or alias, as typed.
        public var subject: String
        /// The classes in the school's compact notation (`6A12; 9A34`), see `ClassNotation`.
        public var classes: String
        /// Accounts that enter the scores (người vào điểm), as typed.
        public var enterers: [String]
        /// Account of the lead teacher (người chủ trì), who signs the subject's part.
        public var lead: String
        /// Where the row came from, for messages (`phan-cong.csv line 4`).
        public var origin: String?
        /// The part (phân môn) the row's enterers teach (`--part dia-li`, `phan_mon`); a subject typed
        /// as a part ("Địa lí") names it too. Nil: the whole subject.
        public var part: String?

        /// Creates a row from its fields.
        public init(subject: String, classes: String, enterers: [String], lead: String, origin: String?, part: String? = nil) {
            self.subject = subject
            self.classes = classes
            self.enterers = enterers
            self.lead = lead
            self.origin = origin
            self.part = part
        }
    }

    /// `assign`: replaces the assignment of each subject for the classes named; all rows or none.
    ///
    /// Within one call, rows naming the same subject and class merge their enterers; their lead must agree.
    public func assign(_ year: YearFile, rows: [AssignmentRow]) throws(SodiemError) -> AuditEvent? {
        try require(.setUp)
        var problems: [Message] = []
        // Only unknown classes, subjects or accounts: 66 (not found) rather than 65.
        var onlyMissing = true
        var items: [String: AssignmentEntry] = [:]
        var leadOrigin: [String: String] = [:]
        var rowsOf: [Int: [String]] = [:]  // row number → subject/class keys it names
        var conflicted = Set<Int>()  // rows refused for a second lead: no further message about them
        for (number, row) in rows.enumerated() {
            let at = row.origin.map { "\($0): " } ?? ""
            func located(_ error: SodiemError) -> Message {
                if case .notFound = error {} else { onlyMissing = false }
                let place = at.trimmingSpaces()
                return place.isEmpty ? error.message : Message(vi: place, en: place) + error.message
            }
            guard let subject = TT22Catalogue.lookup(row.subject) else {
                problems.append(Message(vi: "\(at)không có môn \"\(row.subject)\".", en: "\(at)no subject \"\(row.subject)\"."))
                continue
            }
            let classes: [String]
            do { classes = try ClassNotation.expand(row.classes, known: Set(year.classes.keys)) } catch {
                problems.append(located(error))
                continue
            }
            // The part the row's enterers teach: --part / phan_mon, else the subject typed as a part.
            var part: String?
            if let typed = row.part?.trimmingSpaces(), !typed.isEmpty {
                guard let found = TT22Catalogue.part(typed), found.subject.code == subject.code else {
                    onlyMissing = false
                    let parts = subject.parts.isEmpty ? "không có phân môn" : "các phân môn: " + subject.parts.joined(separator: ", ")
                    let partsEn = subject.parts.isEmpty ? "has no parts" : "its parts: " + subject.parts.joined(separator: ", ")
                    problems.append(Message(vi: "\(at)\"\(typed)\" không phải phân môn của \(subject.name) (\(parts)).",
                                            en: "\(at)\"\(typed)\" is not a part of \(subject.name) (\(partsEn))."))
                    continue
                }
                part = found.part
            } else if let found = TT22Catalogue.part(row.subject), found.subject.code == subject.code {
                part = found.part
            }
            let enterers = row.enterers.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            let rowParts: [String: String] = part.map { p in Dictionary(uniqueKeysWithValues: enterers.map { ($0, p) }) } ?? [:]
            if enterers.isEmpty {
                onlyMissing = false
                problems.append(Message(vi: "\(at)cần ít nhất một người vào điểm (\(option: .enterers)).", en: "\(at)at least one enterer is needed (\(option: .enterers))."))
            }
            for id in enterers + [row.lead] {
                do { try requireActiveAccount(id, as: "\(option: .enterers)/\(option: .lead)") } catch {
                    problems.append(located(error))
                }
            }
            rowsOf[number, default: []].append(contentsOf: classes.map { "\(subject.code)/\($0)" })
            // Rows of one call naming the same subject and class add up (Âm nhạc and Mĩ thuật are both
            // nghe-thuat): enterers are merged in order; the lead must be the same on every such row.
            for c in classes {
                let key = "\(subject.code)/\(c)"
                if let earlier = items[key] {
                    let earlierLead = earlier.lead
                    if earlierLead != row.lead {
                        onlyMissing = false
                        conflicted.insert(number)
                        let first = leadOrigin[key].map { "\($0)" } ?? "?"
                        let here = row.origin ?? "?"
                        problems.append(Message(
                            vi: "\(at)môn \(subject.name) lớp \(c) có hai người chủ trì: \(earlierLead) (\(first)) và \(row.lead) (\(here)); mỗi môn của một lớp chỉ có một người chủ trì.",
                            en: "\(at)\(subject.name) in \(c) has two leads: \(earlierLead) (\(first)) and \(row.lead) (\(here)); a subject of a class has one lead."))
                        continue
                    }
                    var merged = earlier.enterers
                    for id in enterers where !merged.contains(id) { merged.append(id) }
                    var parts = earlier.parts ?? [:]
                    for (id, p) in rowParts { parts[id] = p }
                    items[key] = AssignmentEntry(subject: subject.code, className: c, enterers: merged, lead: row.lead,
                                                 parts: parts.isEmpty ? nil : parts)
                } else {
                    leadOrigin[key] = row.origin
                    items[key] = AssignmentEntry(subject: subject.code, className: c, enterers: enterers, lead: row.lead,
                                                 parts: rowParts.isEmpty ? nil : rowParts)
                }
            }
        }
        // The lead must be one of the enterers once the rows of the call are merged (a row
        // "Mĩ thuật, 6A1, gv.b, gv.a" after "Âm nhạc, 6A1, gv.a, gv.a" is fine).
        for (number, row) in rows.enumerated() where !conflicted.contains(number) {
            let keys = rowsOf[number] ?? []
            guard let key = keys.first(where: { !(items[$0]?.enterers.contains(row.lead) ?? true) }) else { continue }
            let enterers = items[key]?.enterers ?? []
            let at = row.origin.map { "\($0): " } ?? ""
            onlyMissing = false
            problems.append(Message(vi: "\(at)người chủ trì \(row.lead) phải là một trong những người vào điểm (\(enterers.joined(separator: ", "))).",
                                    en: "\(at)the lead \(row.lead) must be one of the enterers (\(enterers.joined(separator: ", ")))."))
        }
        if !problems.isEmpty { throw onlyMissing ? SodiemError.notFound(.lines(problems)) : SodiemError.badData(.lines(problems)) }
        let changed = items.values.filter { item in
            let current = year.assignment(item.subject, item.className)
            return current?.enterers != item.enterers || current?.lead != item.lead || (current?.parts ?? [:]) != (item.parts ?? [:])
        }
        guard !changed.isEmpty else { return nil }
        // In the order of their lines' text, as every build has written them.
        let ordered = changed.sorted { $0.json.compactString() < $1.json.compactString() }
        return try commit(.assignSet(AssignSetBody(year: year.name, assignments: ordered)))
    }
}

/// The school's compact class notation: `6A12` is 6A1 and 6A2, `7A123456` is 7A1 … 7A6.
public enum ClassNotation {
    /// Expands a list like `"6A12; 9A34"` or `"6A5, 8A123"` into class names, checking each exists.
    ///
    /// A token that exactly names an existing class is that class; otherwise each digit after
    /// the letters is one class.
    public static func expand(_ text: String, known: Set<String>) throws(SodiemError) -> [String] {
        let tokens = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        guard !tokens.isEmpty else {
            throw SodiemError.usage(vi: "Danh sách lớp trống.", en: "The list of classes is empty.")
        }
        var result: [String] = []
        for token in tokens {
            let upper = token.uppercased()
            if known.contains(upper) || known.contains(token) {
                result.append(known.contains(token) ? token : upper)
                continue
            }
            let chars = Array(upper)
            guard let letterStart = chars.firstIndex(where: \.isLetter),
                  let digitStart = chars[letterStart...].firstIndex(where: \.isNumber), digitStart < chars.count,
                  chars[..<letterStart].allSatisfy(\.isNumber), letterStart > 0,
                  chars[digitStart...].allSatisfy(\.isNumber) else {
                throw SodiemError.badData(vi: "Không hiểu nhóm lớp \"\(token)\" (ví dụ 6A12 = 6A1 và 6A2).",
                                          en: "Cannot read the class group \"\(token)\" (e.g. 6A12 = 6A1 and 6A2).")
            }
            let prefix = String(chars[..<digitStart])
            for digit in chars[digitStart...] {
                let name = prefix + String(digit)
                guard known.contains(name) else {
                    throw SodiemError.notFound(vi: "Không có lớp \(name) (từ \"\(token)\"). Xem `\(run: .listClasses)`.",
                                               en: "There is no class \(name) (from \"\(token)\"). See `\(run: .listClasses)`.")
                }
                result.append(name)
            }
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }
}

extension SodiemError {
    static func badAccountID(_ id: String) -> SodiemError {
        .badData(vi: "Mã tài khoản không hợp lệ: \"\(id)\" (chữ không dấu, số, dấu . _ -).",
                 en: "Not a valid account id: \"\(id)\" (ASCII letters, digits, . _ -).")
    }

    static func unknownAccount(_ id: String) -> SodiemError { .core(.unknownAccount(id)) }
}

extension ClassNotation {
    /// Class order for lists: by grade, then letters, then number (6A2 before 6A10).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        func key(_ s: String) -> (String, Int, String) {
            let digits = s.reversed().prefix { $0.isNumber }
            let prefix = String(s.dropLast(digits.count))
            return (prefix, Int(String(digits.reversed())) ?? 0, s)
        }
        let (ka, kb) = (key(a), key(b))
        return ka.0 != kb.0 ? ka.0 < kb.0 : ka.1 != kb.1 ? ka.1 < kb.1 : ka.2 < kb.2
    }
}
