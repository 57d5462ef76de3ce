import Foundation
import SodiemBasics
import SodiemModel
import SodiemRules

/// The correction record (biên bản sửa chữa điểm) of one request, as a page to print on A4.
///
/// Pure: everything it shows is handed in, so the same inputs give the same bytes.
public struct FixRecord: Sendable {
    /// The correction request the record is about.
    public var fix: FixRequest
    /// The school year of the request, `2024-2025`.
    public var year: String
    /// The school's particulars, for the header and the footer.
    public var school: SchoolFile
    /// The accounts, for the names of the people present.
    public var users: UsersFile
    /// The student's name (nil when the class file no longer knows the student).
    public var studentName: String?
    /// True when the term is locked for the class at the moment of printing.
    public var termLockedNow: Bool
    /// The audit position the record reflects: the last event and the first 16 hex digits of its hash.
    public var anchorSeq: Int
    /// The first 16 hex digits of that event's hash.
    public var anchorHash: String
    /// When it was printed (effective clock).
    public var printedAt: Instant

    /// Creates a record from everything it shows.
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

    /// A value as printed: decimal comma, or "(trống)" for an empty cell.
    package static func printed(_ mark: Mark?) -> String { mark?.printed ?? "(trống)" }

    private func name(_ id: String) -> String { users.accounts[id]?.name ?? id }

    private func roles(_ id: String) -> String {
        guard let account = users.accounts[id] else { return id == Account.rootID ? "Quản trị tối cao (root)" : "" }
        return account.roles.sorted().map(PrintedNames.role).joined(separator: ", ")
    }

    private func isAdmin(_ id: String) -> Bool { users.accounts[id]?.has(.admin) ?? false }

    /// The day an ISO instant of the log falls on.
    private func day(_ iso: String?) -> Day? {
        iso.flatMap { Instant.parse($0, timeZone: school.zone)?.day }
    }

    /// The footer line: school, record, audit position and hash, and when it was printed.
    public var footer: String {
        HTMLDocument.footer(school: school.name, document: "Biên bản sửa chữa điểm số \(fix.id)",
                            anchor: (anchorSeq, anchorHash), printedAt: printedAt.iso8601)
    }

    /// The record's own rules, after the shared style sheet: the larger type and wider left margin of administrative papers.
    package static let css = """
        @page { margin: 12mm 15mm 14mm 20mm; }
        body { font-size: 12pt; line-height: 1.3; }
        h1 { font-size: 16pt; margin: 2mm 0 0 0; }
        p { margin: 2mm 0; }
        .subtitle { text-align: center; font-style: italic; margin: 1mm 0 4mm 0; }
        .state { text-align: center; font-weight: bold; border: 2px solid #000; padding: 1mm; }
        table.people, table.facts { margin: 2mm 0 3mm 0; }
        table.people th, table.people td, table.facts th, table.facts td { border: 1px solid #000; padding: 0.6mm 2mm; vertical-align: top; text-align: left; }
        table.people td.who { width: 26%; }
        table.people th { background: #eee; white-space: nowrap; }
        table.people td.id { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; white-space: nowrap; }
        table.people td.blank { height: 7mm; }
        table.facts th { width: 30%; font-weight: normal; background: #f3f3f3; }
        .value { font-weight: bold; font-size: 13pt; }
        """

    /// The whole page.
    public func html() -> String {
        let e = HTML.escape
        let subjectName = PrintedNames.subject(fix.subject)
        let recordDay = (fix.status == .pending ? nil : day(fix.decidedAt)) ?? printedAt.day

        var body = HTMLForms.mottoHeader(school: school.name, number: "Số: \(fix.id)/BB-SĐ",
                                         placeAndDate: HTMLForms.placeAndDate(PrintedNames.place(school), on: recordDay))
        body += "<h1>BIÊN BẢN SỬA CHỮA ĐIỂM</h1>"
        body += "<p class=\"subtitle\">\(e("V/v sửa điểm theo đề nghị số \(fix.id), năm học \(year)"))</p>"
        if fix.status != .approved {
            let state = fix.status == .pending ? "BẢN NHÁP — ĐỀ NGHỊ CHƯA ĐƯỢC DUYỆT" : "ĐỀ NGHỊ ĐÃ BỊ TỪ CHỐI — KHÔNG SỬA ĐIỂM"
            body += "<p class=\"state\">\(state)</p>"
        }
        body += "<p>\(e("Hôm nay, \(HTMLForms.vietnameseDate(recordDay)), tại \(school.name), chúng tôi gồm:"))</p>"

        // The people present (thành phần): requester, approver, witnesses, the administration team.
        func row(_ cells: [(class: String?, text: String)]) -> String {
            HTML.element("tr", [:], cells.map { HTML.element("td", $0.class.map { ["class": $0] } ?? [:], e($0.text)) }.joined())
        }
        func person(_ id: String, _ part: String) -> String {
            row([("who", name(id)), (nil, roles(id)), (nil, part), ("id", id)])
        }
        var people = [person(fix.requestedBy, "Người đề nghị sửa điểm")]
        if let approver = fix.decidedBy {
            people.append(person(approver, fix.status == .approved ? "Người duyệt (đại diện Ban giám hiệu)" : "Người quyết định (đại diện Ban giám hiệu)"))
        } else {
            people.append(row([("who blank", ""), (nil, "Ban giám hiệu"), (nil, "Người duyệt (đại diện Ban giám hiệu)"), (nil, "")]))
        }
        for witness in fix.witnesses where witness != fix.decidedBy && witness != fix.requestedBy {
            people.append(person(witness, isAdmin(witness) ? "Đại diện tổ quản trị hệ thống, người chứng kiến" : "Người chứng kiến"))
        }
        let adminPresent = ([fix.decidedBy].compactMap { $0 } + fix.witnesses).contains(where: isAdmin)
        if !adminPresent {
            people.append(row([("who blank", ""), (nil, "Tổ quản trị hệ thống"), (nil, "Đại diện tổ quản trị hệ thống"), (nil, "")]))
        }
        let header = "<tr>" + ["Họ và tên", "Chức vụ", "Thành phần", "Tài khoản"].map { "<th>\($0)</th>" }.joined() + "</tr>"
        body += HTML.element("table", ["class": "people"], header + people.joined())

        body += fix.status == .approved
            ? "<p>Cùng tiến hành sửa điểm trong hệ thống sổ điểm điện tử như sau:</p>"
            : "<p>Cùng xem xét đề nghị sửa điểm trong hệ thống sổ điểm điện tử như sau:</p>"
        let student = studentName.map { "\($0) (mã HS \(fix.student))" } ?? "mã HS \(fix.student)"
        let decision: String
        switch fix.status {
        case .pending:
            decision = "Chưa duyệt."
        case .approved:
            decision = "Đồng ý sửa. \(name(fix.decidedBy ?? "")) duyệt lúc \(display(fix.decidedAt ?? "")); điểm đã được sửa trong hệ thống cùng lúc (sự kiện #\(fix.decisionSeq ?? 0))."
        case .rejected:
            decision = "Không đồng ý sửa. \(name(fix.decidedBy ?? "")) từ chối lúc \(display(fix.decidedAt ?? "")) (sự kiện #\(fix.decisionSeq ?? 0)). Lí do: \(fix.rejection ?? "")"
        }
        let termLower = PrintedNames.phrase(.term(fix.term))
        let lockState = termLockedNow
            ? "Dữ liệu \(termLower) của lớp \(fix.className) đang khoá."
            : "Dữ liệu \(termLower) của lớp \(fix.className) đang mở: tổ quản trị cần khoá lại ngay sau khi sửa (sodiem lock-term --term \(fix.term.rawValue))."
        // Only an approved request changed a score: a pending or rejected one shows the value asked for, and no "after".
        let values: [(String, String)]
        switch fix.status {
        case .approved:
            values = [("Điểm trước khi sửa", FixRecord.printed(fix.from)), ("Điểm sau khi sửa", FixRecord.printed(fix.to))]
        case .pending:
            values = [("Điểm trong sổ khi đề nghị", FixRecord.printed(fix.from)), ("Điểm đề nghị sửa thành", FixRecord.printed(fix.to)),
                      ("Kết quả", "Chưa sửa (chờ duyệt)")]
        case .rejected:
            values = [("Điểm trong sổ (giữ nguyên)", FixRecord.printed(fix.from)), ("Điểm đề nghị sửa thành", FixRecord.printed(fix.to)),
                      ("Kết quả", "Không sửa")]
        }
        // Labels are sodiem's own text; values are markup (escaped data).
        let facts: [(String, String)] = [
            ("Lớp — Môn học — Học kì", e("\(fix.className) — \(subjectName) — \(PrintedNames.term(fix.term)), năm học \(year)")),
            ("Học sinh", e(student)),
            ("Cột điểm", e(PrintedNames.column(fix.column))),
        ] + values.map { ($0.0, "<span class=\"value\">\(e($0.1))</span>") } + [
            (fix.status == .approved ? "Lí do sửa" : "Lí do đề nghị sửa", HTML.multiline(fix.reason)),
            ("Minh chứng kèm theo", HTML.multiline(fix.evidence ?? "(không ghi)")),
            ("Đề nghị lập lúc", e("\(display(fix.requestedAt)), người đề nghị \(name(fix.requestedBy)) (sự kiện #\(fix.requestSeq))")),
            ("Quyết định", e(decision)),
            ("Khoá dữ liệu khi in", e(lockState)),
        ]
        body += HTML.element("table", ["class": "facts"], facts.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined())
        body += fix.status == .approved
            ? "<p>Biên bản kèm bản in mục điểm trước và sau khi sửa, được lập thành 02 bản, các thành phần có mặt cùng thống nhất và kí tên dưới đây.</p>"
            : "<p>Biên bản được lập thành 02 bản, các thành phần có mặt cùng thống nhất và kí tên dưới đây.</p>"

        // Requester, the administration team, the approver on the first row; other witnesses after.
        let witnesses = fix.witnesses.filter { $0 != fix.decidedBy && $0 != fix.requestedBy }
        var blocks = [HTMLForms.Signature("NGƯỜI ĐỀ NGHỊ", name: name(fix.requestedBy))]
        let firstAdmin = witnesses.first(where: isAdmin)
        if let firstAdmin {
            blocks.append(HTMLForms.Signature("TỔ QUẢN TRỊ HỆ THỐNG", name: name(firstAdmin)))
        } else if !adminPresent {
            blocks.append(HTMLForms.Signature("TỔ QUẢN TRỊ HỆ THỐNG"))
        }
        let approverIsVice = fix.decidedBy.map { users.accounts[$0].map { !$0.has(.principal) && $0.has(.vicePrincipal) } ?? false } ?? false
        blocks.append(HTMLForms.Signature(approverIsVice ? "KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG" : "HIỆU TRƯỞNG", name: fix.decidedBy.map(name)))
        for witness in witnesses where witness != firstAdmin {
            blocks.append(HTMLForms.Signature(isAdmin(witness) ? "TỔ QUẢN TRỊ HỆ THỐNG" : "NGƯỜI CHỨNG KIẾN", name: name(witness)))
        }
        body += HTMLForms.signatures(blocks, perRow: 4)

        var doc = HTMLDocument(title: "Biên bản sửa chữa điểm số \(fix.id) — \(school.name)", footer: footer, css: FixRecord.css)
        doc.page(.portrait, body)
        return doc.render()
    }

    /// An instant of the log as people read it: `22/01/2025 08:00`.
    private func display(_ iso: String) -> String {
        guard let instant = Instant.parse(iso, timeZone: school.zone) else { return iso }
        let time = instant.iso8601
        let clock = time.dropFirst(11).prefix(5)
        return "\(instant.day.vietnamese) \(clock)"
    }
}
