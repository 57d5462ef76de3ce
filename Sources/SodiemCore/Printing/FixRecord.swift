import Foundation

/// The correction record (biên bản sửa chữa điểm) of one request, as a page to print on A4.
///
/// Pure: everything it shows is handed in, so the same inputs give the same bytes.
public struct FixRecord: Sendable {
    public var fix: FixRequest
    public var year: String
    public var school: SchoolFile
    public var users: UsersFile
    /// The student's name (nil when the class file no longer knows the student).
    public var studentName: String?
    /// True when the term is locked for the class at the moment of printing.
    public var termLockedNow: Bool
    /// The audit position the record reflects: the last event and the first 12 hex digits of its hash.
    public var anchorSeq: Int
    public var anchorHash: String
    /// When it was printed (effective clock).
    public var printedAt: Instant

    public init(fix: FixRequest, year: String, school: SchoolFile, users: UsersFile, studentName: String?,
                termLockedNow: Bool, anchorSeq: Int, anchorHash: String, printedAt: Instant) {
        self.fix = fix
        self.year = year
        self.school = school
        self.users = users
        self.studentName = studentName
        self.termLockedNow = termLockedNow
        self.anchorSeq = anchorSeq
        self.anchorHash = anchorHash
        self.printedAt = printedAt
    }

    /// "Học kì I" / "Học kì II".
    public static func termName(_ term: Term) -> String { term == .first ? "Học kì I" : "Học kì II" }

    /// The Vietnamese name of a score column: "Đánh giá thường xuyên lần 2 (TX2)".
    public static func columnName(_ column: Column) -> String {
        switch column {
        case .regular(let k): return "Đánh giá thường xuyên lần \(k) (TX\(k))"
        case .midTerm: return "Đánh giá giữa kì (GK)"
        case .endOfTerm: return "Đánh giá cuối kì (CK)"
        }
    }

    /// The Vietnamese name of a role.
    public static func roleName(_ role: Role) -> String {
        switch role {
        case .teacher: return "Giáo viên"
        case .admin: return "Tổ quản trị hệ thống"
        case .principal: return "Hiệu trưởng"
        case .vicePrincipal: return "Phó Hiệu trưởng"
        case .system: return "Tài khoản hệ thống"
        }
    }

    /// A value as printed: decimal comma, or "(trống)" for an empty cell.
    static func printed(_ mark: Mark?) -> String { mark?.printed ?? "(trống)" }

    private func name(_ id: String) -> String { users.accounts[id]?.name ?? id }

    private func roles(_ id: String) -> String {
        guard let account = users.accounts[id] else { return id == Identity.rootID ? "Quản trị tối cao (root)" : "" }
        return account.roles.sorted().map(FixRecord.roleName).joined(separator: ", ")
    }

    private func isAdmin(_ id: String) -> Bool { users.accounts[id]?.has(.admin) ?? false }

    /// The day an ISO instant of the log falls on.
    private func day(_ iso: String?) -> Day? {
        iso.flatMap { Instant.parse($0, timeZone: school.zone)?.day }
    }

    /// The whole page.
    public func html() -> String {
        let subject = TT22Catalogue.subject(code: fix.subject)
        let subjectName = subject?.name ?? fix.subject
        let recordDay = (fix.status == .pending ? nil : day(fix.decidedAt)) ?? printedAt.day
        let place = school.ward ?? school.district ?? school.province
        let placeAndDate = (place.map { "\($0), " } ?? "") + HTML.vietnameseDate(recordDay)

        var body = HTML.mottoHeader(authority: nil, school: school.name, number: "Số: \(fix.id)/BB-SĐ",
                                    placeAndDate: placeAndDate.prefix(1).uppercased() + placeAndDate.dropFirst())
        body = body + HTML.element("h1", [:], HTML.text("BIÊN BẢN SỬA CHỮA ĐIỂM"))
        body = body + HTML.element("p", ["class": "subtitle"],
                                   HTML.text("V/v sửa điểm theo đề nghị số \(fix.id), năm học \(year)"))
        if fix.status != .approved {
            let state = fix.status == .pending ? "BẢN NHÁP — ĐỀ NGHỊ CHƯA ĐƯỢC DUYỆT" : "ĐỀ NGHỊ ĐÃ BỊ TỪ CHỐI — KHÔNG SỬA ĐIỂM"
            body = body + HTML.element("p", ["class": "state"], HTML.text(state))
        }
        body = body + HTML.element("p", [:], HTML.text(
            "Hôm nay, \(HTML.vietnameseDate(recordDay)), tại \(school.name), chúng tôi gồm:"))

        // The people present (thành phần): requester, approver, witnesses, the administration team.
        var people: [HTML.Fragment] = []
        func person(_ id: String, _ part: String) -> HTML.Fragment {
            let roleText = roles(id)
            return HTML.element("tr", [:], HTML.element("td", ["class": "who"], HTML.text(name(id)))
                + HTML.element("td", [:], HTML.text(roleText.isEmpty ? "" : roleText))
                + HTML.element("td", [:], HTML.text(part))
                + HTML.element("td", ["class": "id"], HTML.text(id)))
        }
        people.append(person(fix.requestedBy, "Người đề nghị sửa điểm"))
        if let approver = fix.decidedBy {
            people.append(person(approver, fix.status == .approved ? "Người duyệt (đại diện Ban giám hiệu)" : "Người quyết định (đại diện Ban giám hiệu)"))
        } else {
            people.append(HTML.element("tr", [:], HTML.element("td", ["class": "who blank"], "")
                + HTML.element("td", [:], HTML.text("Ban giám hiệu")) + HTML.element("td", [:], HTML.text("Người duyệt (đại diện Ban giám hiệu)"))
                + HTML.element("td", [:], "")))
        }
        for witness in fix.witnesses where witness != fix.decidedBy && witness != fix.requestedBy {
            people.append(person(witness, isAdmin(witness) ? "Đại diện tổ quản trị hệ thống, người chứng kiến" : "Người chứng kiến"))
        }
        let adminPresent = ([fix.decidedBy].compactMap { $0 } + fix.witnesses).contains(where: isAdmin)
        if !adminPresent {
            people.append(HTML.element("tr", [:], HTML.element("td", ["class": "who blank"], "")
                + HTML.element("td", [:], HTML.text("Tổ quản trị hệ thống")) + HTML.element("td", [:], HTML.text("Đại diện tổ quản trị hệ thống"))
                + HTML.element("td", [:], "")))
        }
        body = body + HTML.element("table", ["class": "people"],
            HTML.element("tr", [:], HTML.join(["Họ và tên", "Chức vụ", "Thành phần", "Tài khoản"].map { HTML.element("th", [:], HTML.text($0)) }))
            + HTML.join(people))

        body = body + HTML.element("p", [:], HTML.text("Cùng tiến hành sửa điểm trong hệ thống sổ điểm điện tử như sau:"))
        let student = studentName.map { "\($0) (mã HS \(fix.student))" } ?? "mã HS \(fix.student)"
        let rows: [(String, HTML.Fragment)] = [
            ("Lớp — Môn học — Học kì", HTML.text("\(fix.className) — \(subjectName) — \(FixRecord.termName(fix.term)), năm học \(year)")),
            ("Học sinh", HTML.text(student)),
            ("Cột điểm", HTML.text(FixRecord.columnName(fix.column))),
            ("Điểm trước khi sửa", HTML.element("span", ["class": "value"], HTML.text(FixRecord.printed(fix.from)))),
            ("Điểm sau khi sửa", HTML.element("span", ["class": "value"], HTML.text(FixRecord.printed(fix.to)))),
            ("Lí do sửa", HTML.multiline(fix.reason)),
            ("Minh chứng kèm theo", HTML.multiline(fix.evidence ?? "(không ghi)")),
            ("Đề nghị lập lúc", HTML.text("\(display(fix.requestedAt)), người đề nghị \(name(fix.requestedBy)) (sự kiện #\(fix.requestSeq))")),
        ]
        var decision: String
        switch fix.status {
        case .pending:
            decision = "Chưa duyệt."
        case .approved:
            decision = "Đồng ý sửa. \(name(fix.decidedBy ?? "")) duyệt lúc \(display(fix.decidedAt ?? "")); điểm đã được sửa trong hệ thống cùng lúc (sự kiện #\(fix.decisionSeq ?? 0))."
        case .rejected:
            decision = "Không đồng ý sửa. \(name(fix.decidedBy ?? "")) từ chối lúc \(display(fix.decidedAt ?? "")) (sự kiện #\(fix.decisionSeq ?? 0)). Lí do: \(fix.rejection ?? "")"
        }
        let termLower = fix.term == .first ? "học kì I" : "học kì II"
        let lockState = termLockedNow
            ? "Dữ liệu \(termLower) của lớp \(fix.className) đang khoá."
            : "Dữ liệu \(termLower) của lớp \(fix.className) đang mở: tổ quản trị cần khoá lại ngay sau khi sửa (sodiem lock-term --term \(fix.term.rawValue))."
        var table = HTML.join(rows.map { label, value in
            HTML.element("tr", [:], HTML.element("th", [:], HTML.text(label)) + HTML.element("td", [:], value))
        })
        table = table + HTML.element("tr", [:], HTML.element("th", [:], HTML.text("Quyết định")) + HTML.element("td", [:], HTML.text(decision)))
        table = table + HTML.element("tr", [:], HTML.element("th", [:], HTML.text("Khoá dữ liệu khi in")) + HTML.element("td", [:], HTML.text(lockState)))
        body = body + HTML.element("table", ["class": "facts"], table)
        body = body + HTML.element("p", [:], HTML.text(
            "Biên bản kèm bản in mục điểm trước và sau khi sửa, được lập thành 02 bản, các thành phần có mặt cùng thống nhất và ký tên dưới đây."))

        // Requester, the administration team, the approver on the first row; other witnesses after.
        let witnesses = fix.witnesses.filter { $0 != fix.decidedBy && $0 != fix.requestedBy }
        var blocks = [HTML.Signature(role: "NGƯỜI ĐỀ NGHỊ", name: name(fix.requestedBy))]
        if let admin = witnesses.first(where: isAdmin) {
            blocks.append(HTML.Signature(role: "TỔ QUẢN TRỊ HỆ THỐNG", name: name(admin)))
        } else if !adminPresent {
            blocks.append(HTML.Signature(role: "TỔ QUẢN TRỊ HỆ THỐNG", name: nil))
        }
        let approverIsVice = fix.decidedBy.map { users.accounts[$0].map { !$0.has(.principal) && $0.has(.vicePrincipal) } ?? false } ?? false
        blocks.append(HTML.Signature(role: approverIsVice ? "KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG" : "HIỆU TRƯỞNG",
                                     name: fix.decidedBy.map(name)))
        let firstAdmin = witnesses.first(where: isAdmin)
        for witness in witnesses where witness != firstAdmin {
            blocks.append(HTML.Signature(role: isAdmin(witness) ? "TỔ QUẢN TRỊ HỆ THỐNG" : "NGƯỜI CHỨNG KIẾN", name: name(witness)))
        }
        body = body + HTML.signatures(blocks, perRow: 4)

        let css = """
            h1 { text-align: center; font-size: 16pt; margin: 2mm 0 0 0; }
            .subtitle { text-align: center; font-style: italic; margin: 1mm 0 4mm 0; }
            .state { text-align: center; font-weight: bold; border: 2px solid #000; padding: 1mm; }
            table.people, table.facts { width: 100%; margin: 2mm 0 3mm 0; }
            table.people th, table.people td, table.facts th, table.facts td { border: 1px solid #000; padding: 0.6mm 2mm; vertical-align: top; text-align: left; }
            table.people td.who { width: 26%; }
            table.people th { background: #eee; white-space: nowrap; }
            table.people td.id { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; white-space: nowrap; }
            p { margin: 2mm 0; }
            table.people td.blank { height: 7mm; }
            table.facts th { width: 30%; font-weight: normal; background: #f3f3f3; }
            .value { font-weight: bold; font-size: 13pt; }
            .signatures .role { white-space: pre-line; }
            """
        let footer = HTML.auditFooter(seq: anchorSeq, hash: anchorHash, printedAt: printedAt.iso8601)
        return HTML.page(title: "Biên bản sửa chữa điểm số \(fix.id) — \(school.name)", body: body, css: css,
                         margin: "12mm 15mm 14mm 20mm", footer: footer)
    }

    /// An instant of the log as people read it: `22/01/2025 08:00`.
    private func display(_ iso: String) -> String {
        guard let instant = Instant.parse(iso, timeZone: school.zone) else { return iso }
        let time = instant.iso8601
        let clock = time.dropFirst(11).prefix(5)
        return "\(instant.day.vietnamese) \(clock)"
    }
}

extension Session {
    /// The correction record of a request, for `print-fix-record` (the requester, the board, admin).
    public func fixRecord(_ year: YearFile, id: Int) throws(SodiemError) -> FixRecord {
        let fix = try readableFix(year, id)
        let studentName = try world.classFile(year.name, fix.className)?.students[fix.student]?.name
        let (seq, hash) = anchor
        return FixRecord(fix: fix, year: year.name, school: school, users: try world.users(), studentName: studentName,
                         termLockedNow: year.isLocked(fix.term, className: fix.className), anchorSeq: seq, anchorHash: hash,
                         printedAt: now)
    }
}
