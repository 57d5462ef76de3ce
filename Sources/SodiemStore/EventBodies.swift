import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

// The typed bodies of the audit events: one struct per action, holding its fields as
// docs/data-format.md lists them. Each reads a body strictly (`init(from:)`: a missing field, a
// field of the wrong kind and a field the type lacks are problems naming the field, nested
// members included) and writes it back (`encode()`) as exactly the members today's writers
// wrote, so a line re-encodes to the same bytes. They live in SodiemStore, beside the log and
// the replay that read them: they are the log's format, not domain values (those are the
// SodiemModel types they hold: `Day`, `Term`, `Mark`, `Column`, `Level`, `Account`, `SchoolCalendar`).

/// The members of a body, with `null` for a nil optional that the writers write as null.
private func optional(_ value: String?) -> JSON { JSON.optional(value) }

/// A mark or `null`.
private func optional(_ mark: Mark?) -> JSON { mark?.json ?? .null }

/// `{key: "text"}`.
private func strings(_ values: [String: String]) -> JSON { .object(values.mapValues(JSON.string)) }

/// `["text", …]`.
private func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

/// Reads `year` and `class`, the fields most class actions begin with.
private func yearAndClass(_ r: inout FieldReader) throws(EventBodyProblem) -> (String, String) {
    (try r.required("year", .string, Leaf.string), try r.required("class", .string, Leaf.string))
}

// MARK: - School and accounts

/// The school's particulars in `school.init`: name, and ward, district, province or null.
package struct SchoolParticulars: Sendable, Equatable {
    /// The school's name.
    package var name: String
    /// Phường/xã, if given.
    package var ward: String?
    /// Quận/huyện, if given.
    package var district: String?
    /// Tỉnh/thành phố, if given.
    package var province: String?

    /// Particulars from their values.
    package init(name: String, ward: String?, district: String?, province: String?) {
        self.name = name
        self.ward = ward
        self.district = district
        self.province = province
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        name = try r.required("name", .string, Leaf.string)
        ward = try r.nullable("ward", .string, Leaf.string)
        district = try r.nullable("district", .string, Leaf.string)
        province = try r.nullable("province", .string, Leaf.string)
    }

    var json: JSON { .object(["name": .string(name), "ward": optional(ward), "district": optional(district), "province": optional(province)]) }
}

/// An account as `school.init`, `user.add` and `user.set` carry it: `id` and the account's
/// users.json members (`name`, `roles`, `os_user`, `email`, `disabled`), exactly as `Account` writes them.
private func readAccount(_ r: inout FieldReader) throws(EventBodyProblem) -> Account {
    let id = try r.required("id", .string, Leaf.string)
    var rest = r.members
    rest["id"] = nil
    let account = Account(id: id, json: .object(rest))
    // Account's reading is lenient (a missing name is the id): the members must be what it writes.
    var written = account.json.object ?? [:]
    written["id"] = .string(id)
    try r.requireCanonical(nil, raw: .object(r.members), canonical: .object(written))
    r.acceptAll()
    return account
}

private func accountJSON(_ account: Account) -> JSON {
    var members = account.json.object ?? [:]
    members["id"] = .string(account.id)
    return .object(members)
}

/// `school.init`: the school's particulars, its time zone and the first admin (null when root set it up alone).
package struct SchoolInitBody: Sendable, Equatable {
    /// Name and place.
    package var school: SchoolParticulars
    /// The IANA time zone, `Asia/Ho_Chi_Minh`.
    package var timezone: String
    /// The first admin, if `init --admin` named one.
    package var admin: Account?

    /// A body from its fields.
    package init(school: SchoolParticulars, timezone: String, admin: Account?) {
        self.school = school
        self.timezone = timezone
        self.admin = admin
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        school = try r.object("school") { (r: inout FieldReader) throws(EventBodyProblem) in try SchoolParticulars(from: &r) }
        timezone = try r.required("timezone", .string, Leaf.string)
        admin = try r.nullableObject("admin", readAccount)
    }

    func encode() -> [String: JSON] {
        ["school": school.json, "timezone": .string(timezone), "admin": admin.map(accountJSON) ?? .null]
    }
}

/// `user.add`: the new account, whole.
package struct UserAddBody: Sendable, Equatable {
    /// The account as it is added.
    package var user: Account

    /// A body from the account.
    package init(user: Account) { self.user = user }

    init(from r: inout FieldReader) throws(EventBodyProblem) { user = try r.object("user", readAccount) }

    func encode() -> [String: JSON] { ["user": accountJSON(user)] }
}

/// `user.set`: the whole account as it is after the change.
package struct UserSetBody: Sendable, Equatable {
    /// The account afterwards.
    package var user: Account

    /// A body from the account.
    package init(user: Account) { self.user = user }

    init(from r: inout FieldReader) throws(EventBodyProblem) { user = try r.object("user", readAccount) }

    func encode() -> [String: JSON] { ["user": accountJSON(user)] }
}

/// `user.disable`: the account's id.
package struct UserDisableBody: Sendable, Equatable {
    /// The account disabled.
    package var user: String

    /// A body from the id.
    package init(user: String) { self.user = user }

    init(from r: inout FieldReader) throws(EventBodyProblem) { user = try r.required("user", .string, Leaf.string) }

    func encode() -> [String: JSON] { ["user": .string(user)] }
}

// MARK: - Years, classes, assignments

/// A calendar as `year.create` and `year.set` carry it: exactly what `SchoolCalendar` writes.
private func readCalendar(_ r: inout FieldReader) throws(EventBodyProblem) -> SchoolCalendar {
    let raw = try r.required("calendar", .object) { $0.object.map(JSON.object) }
    let calendar = SchoolCalendar(json: raw)
    // The calendar's reading skips what it does not understand: the members must be what it writes.
    try r.requireCanonical("calendar", raw: raw, canonical: calendar.json)
    return calendar
}

/// A student promoted by `year create --promote`: name and particulars (`{code: value}`).
package struct PromotedStudent: Sendable, Equatable {
    /// Họ và tên.
    package var name: String
    /// The particulars carried into the new year.
    package var particulars: [String: String]

    /// A student from its fields.
    package init(name: String, particulars: [String: String]) {
        self.name = name
        self.particulars = particulars
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        name = try r.required("name", .string, Leaf.string)
        particulars = try r.values("particulars", .string, Leaf.string)
    }

    var json: JSON { .object(["name": .string(name), "particulars": strings(particulars)]) }
}

/// A class created by `year create --promote`: grade, homeroom teacher and students.
package struct PromotedClass: Sendable, Equatable {
    /// Khối 6-9.
    package var grade: Int
    /// The homeroom teacher's account, or none.
    package var homeroom: String?
    /// The students by ID.
    package var students: [String: PromotedStudent]

    /// A class from its fields.
    package init(grade: Int, homeroom: String?, students: [String: PromotedStudent]) {
        self.grade = grade
        self.homeroom = homeroom
        self.students = students
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        grade = try r.required("grade", .int, Leaf.int)
        homeroom = try r.nullable("homeroom", .string, Leaf.string)
        students = try r.map("students") { (r: inout FieldReader) throws(EventBodyProblem) in try PromotedStudent(from: &r) }
    }

    var json: JSON { .object(["grade": .int(grade), "homeroom": optional(homeroom), "students": .object(students.mapValues(\.json))]) }
}

/// `year.create`: the year, its calendar, whether it becomes current; when promoting, the year it
/// comes from, its classes and the students whose outcome was not known yet.
package struct YearCreateBody: Sendable, Equatable {
    /// The year's name, `2024-2025`.
    package var year: String
    /// Its calendar.
    package var calendar: SchoolCalendar
    /// True when it becomes the current year.
    package var current: Bool
    /// The year promoted from (`--from`), only when promoting.
    package var from: String?
    /// The promoted classes by name, only when there are some.
    package var classes: [String: PromotedClass]?
    /// The students left out because their outcome is not determined yet, only when there are some.
    package var undetermined: [String]?

    /// A body from its fields.
    package init(year: String, calendar: SchoolCalendar, current: Bool, from: String? = nil,
                 classes: [String: PromotedClass]? = nil, undetermined: [String]? = nil) {
        self.year = year
        self.calendar = calendar
        self.current = current
        self.from = from
        self.classes = classes
        self.undetermined = undetermined
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        calendar = try readCalendar(&r)
        current = try r.required("current", .bool, Leaf.bool)
        from = try r.optional("from", .string, Leaf.string)
        classes = try r.optionalMap("classes") { (r: inout FieldReader) throws(EventBodyProblem) in try PromotedClass(from: &r) }
        undetermined = try r.optionalList("undetermined", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "calendar": calendar.json, "current": .bool(current)]
        if let from { body["from"] = .string(from) }
        if let classes { body["classes"] = .object(classes.mapValues(\.json)) }
        if let undetermined { body["undetermined"] = strings(undetermined) }
        return body
    }
}

/// `year.set`: the year's calendar as it is afterwards, and whether the year becomes current.
package struct YearSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// Its calendar afterwards.
    package var calendar: SchoolCalendar
    /// True when it becomes the current year.
    package var current: Bool

    /// A body from its fields.
    package init(year: String, calendar: SchoolCalendar, current: Bool) {
        self.year = year
        self.calendar = calendar
        self.current = current
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        calendar = try readCalendar(&r)
        current = try r.required("current", .bool, Leaf.bool)
    }

    func encode() -> [String: JSON] { ["year": .string(year), "calendar": calendar.json, "current": .bool(current)] }
}

/// `class.add`: a class of a year, its grade and homeroom teacher.
package struct ClassAddBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class, `6A1`.
    package var className: String
    /// Khối 6-9.
    package var grade: Int
    /// The homeroom teacher's account, or none.
    package var homeroom: String?

    /// A body from its fields.
    package init(year: String, className: String, grade: Int, homeroom: String?) {
        self.year = year
        self.className = className
        self.grade = grade
        self.homeroom = homeroom
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        grade = try r.required("grade", .int, Leaf.int)
        homeroom = try r.nullable("homeroom", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "class": .string(className), "grade": .int(grade), "homeroom": optional(homeroom)]
    }
}

/// One teaching assignment of `assign.set`: who enters and who leads a subject in a class, and
/// the parts of a subject taught in parts (`{account: part}`), only when there are some.
package struct AssignmentEntry: Sendable, Equatable {
    /// The subject's code.
    package var subject: String
    /// The class.
    package var className: String
    /// The accounts that enter its scores.
    package var enterers: [String]
    /// The account that leads it.
    package var lead: String
    /// The part each enterer teaches, when the subject is taught in parts.
    package var parts: [String: String]?

    /// An assignment from its fields.
    package init(subject: String, className: String, enterers: [String], lead: String, parts: [String: String]?) {
        self.subject = subject
        self.className = className
        self.enterers = enterers
        self.lead = lead
        self.parts = parts
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        subject = try r.required("subject", .string, Leaf.string)
        className = try r.required("class", .string, Leaf.string)
        enterers = try r.list("enterers", .string, Leaf.string)
        lead = try r.required("lead", .string, Leaf.string)
        parts = try r.optionalValues("parts", .string, Leaf.string)
    }

    /// The entry as the line holds it.
    package var json: JSON {
        var members: [String: JSON] = ["subject": .string(subject), "class": .string(className), "enterers": strings(enterers), "lead": .string(lead)]
        if let parts { members["parts"] = strings(parts) }
        return .object(members)
    }
}

/// `assign.set`: the assignments that changed, in the order written.
package struct AssignSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The assignments set.
    package var assignments: [AssignmentEntry]

    /// A body from its fields.
    package init(year: String, assignments: [AssignmentEntry]) {
        self.year = year
        self.assignments = assignments
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        assignments = try r.records("assignments") { (r: inout FieldReader) throws(EventBodyProblem) in try AssignmentEntry(from: &r) }
    }

    func encode() -> [String: JSON] { ["year": .string(year), "assignments": .array(assignments.map(\.json))] }
}

// MARK: - Students

/// A student of `students.import`: the name, the particulars the file gives (`null` clears one),
/// and `readmit: true` when `--readmit` brings back a student who left.
package struct ImportedStudent: Sendable, Equatable {
    /// Họ và tên.
    package var name: String
    /// The particulars by code; nil clears the particular.
    package var particulars: [String: String?]
    /// True only on a readmission (written only then).
    package var readmit: Bool?

    /// A student from its fields.
    package init(name: String, particulars: [String: String?], readmit: Bool? = nil) {
        self.name = name
        self.particulars = particulars
        self.readmit = readmit
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        name = try r.required("name", .string, Leaf.string)
        particulars = try r.values("particulars", .nullable(.string), Leaf.stringOrNull)
        readmit = try r.optional("readmit", .bool, Leaf.bool)
    }

    /// The student as the line holds it.
    package var json: JSON {
        var members: [String: JSON] = ["name": .string(name), "particulars": .object(particulars.mapValues { optional($0) })]
        if let readmit { members["readmit"] = .bool(readmit) }
        return .object(members)
    }
}

/// One class's part of a whole-school `students.import`: its students and where those who moved came from.
package struct ImportPart: Sendable, Equatable {
    /// The students by ID.
    package var students: [String: ImportedStudent]
    /// `{ID: old class}` of the students who moved here, only when some did.
    package var movedFrom: [String: String]?

    /// A part from its fields.
    package init(students: [String: ImportedStudent], movedFrom: [String: String]?) {
        self.students = students
        self.movedFrom = movedFrom
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        students = try r.map("students") { (r: inout FieldReader) throws(EventBodyProblem) in try ImportedStudent(from: &r) }
        movedFrom = try r.optionalValues("moved_from", .string, Leaf.string)
    }

    var json: JSON {
        var members: [String: JSON] = ["students": .object(students.mapValues(\.json))]
        if let movedFrom { members["moved_from"] = strings(movedFrom) }
        return .object(members)
    }
}

/// `students.import`: a class's import (`class`, `students`, with `--move` also `moved_from`,
/// `date`, `carry`), or a whole-school import (`classes`, and `date` when anyone moved).
package struct StudentsImportBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class of a class's import.
    package var className: String?
    /// The students of a class's import, by ID.
    package var students: [String: ImportedStudent]?
    /// `{ID: old class}` of the students who moved into the class.
    package var movedFrom: [String: String]?
    /// The day of the moves.
    package var date: Day?
    /// True when the year's record goes with the moved students (every move of this build; an
    /// older build's move has no `carry`).
    package var carry: Bool?
    /// The parts of a whole-school import, by class.
    package var classes: [String: ImportPart]?

    /// A class's import.
    package init(year: String, className: String, students: [String: ImportedStudent], movedFrom: [String: String]? = nil,
                 date: Day? = nil, carry: Bool? = nil) {
        self.year = year
        self.className = className
        self.students = students
        self.movedFrom = movedFrom
        self.date = date
        self.carry = carry
    }

    /// A whole-school import.
    package init(year: String, classes: [String: ImportPart], date: Day?) {
        self.year = year
        self.classes = classes
        self.date = date
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        className = try r.optional("class", .string, Leaf.string)
        students = try r.optionalMap("students") { (r: inout FieldReader) throws(EventBodyProblem) in try ImportedStudent(from: &r) }
        movedFrom = try r.optionalValues("moved_from", .string, Leaf.string)
        date = try r.optional("date", .day, Leaf.day)
        carry = try r.optional("carry", .bool, Leaf.bool)
        classes = try r.optionalMap("classes") { (r: inout FieldReader) throws(EventBodyProblem) in try ImportPart(from: &r) }
        // One of the two forms: a class's import has its students, a whole-school one its parts.
        if className != nil, students == nil { _ = try r.required("students", .object) { $0.object } }
        if className == nil, classes == nil { _ = try r.required("classes", .object) { $0.object } }
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year)]
        if let className { body["class"] = .string(className) }
        if let students { body["students"] = .object(students.mapValues(\.json)) }
        if let movedFrom { body["moved_from"] = strings(movedFrom) }
        if let date { body["date"] = .string(date.description) }
        if let carry { body["carry"] = .bool(carry) }
        if let classes { body["classes"] = .object(classes.mapValues(\.json)) }
        return body
    }
}

// MARK: - Scores

/// `score.set`: one cell entered, changed or cleared; `note` (and `ledger_note: true`) with `--note`.
package struct ScoreSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The subject's code.
    package var subject: String
    /// The term.
    package var term: Term
    /// The student.
    package var student: String
    /// The column (`tx1`, `gk`, `ck`).
    package var column: Column
    /// The mark before, or none.
    package var old: Mark?
    /// The mark after, or none (cleared).
    package var new: Mark?
    /// True when entered after the entry window.
    package var late: Bool
    /// Why this value was entered (`--note`).
    package var note: String?
    /// True when the note is kept in the class file (every note of this build; an older build's note is in the log alone).
    package var ledgerNote: Bool?

    /// A body from its fields.
    package init(year: String, className: String, subject: String, term: Term, student: String, column: Column,
                 old: Mark?, new: Mark?, late: Bool, note: String? = nil, ledgerNote: Bool? = nil) {
        self.year = year
        self.className = className
        self.subject = subject
        self.term = term
        self.student = student
        self.column = column
        self.old = old
        self.new = new
        self.late = late
        self.note = note
        self.ledgerNote = ledgerNote
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        subject = try r.required("subject", .string, Leaf.string)
        term = try r.required("term", .term, Leaf.term)
        student = try r.required("student", .string, Leaf.string)
        column = try r.required("column", .string, Leaf.column)
        old = try r.nullable("old", .mark, Leaf.mark)
        new = try r.nullable("new", .mark, Leaf.mark)
        late = try r.required("late", .bool, Leaf.bool)
        note = try r.optional("note", .string, Leaf.string)
        ledgerNote = try r.optional("ledger_note", .bool, Leaf.bool)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = [
            "year": .string(year), "class": .string(className), "subject": .string(subject), "term": .int(term.rawValue),
            "student": .string(student), "column": .string(column.description), "old": optional(old), "new": optional(new),
            "late": .bool(late),
        ]
        if let note { body["note"] = .string(note) }
        if let ledgerNote { body["ledger_note"] = .bool(ledgerNote) }
        return body
    }
}

/// One cell of a `score.sheet`: student, column, the mark before and after, and whether late.
package struct SheetChange: Sendable, Equatable {
    /// The student.
    package var student: String
    /// The column.
    package var column: Column
    /// The mark before, or none.
    package var old: Mark?
    /// The mark after, or none.
    package var new: Mark?
    /// True when entered after the entry window.
    package var late: Bool

    /// A cell from its fields.
    package init(student: String, column: Column, old: Mark?, new: Mark?, late: Bool) {
        self.student = student
        self.column = column
        self.old = old
        self.new = new
        self.late = late
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        student = try r.required("student", .string, Leaf.string)
        column = try r.required("column", .string, Leaf.column)
        old = try r.nullable("old", .mark, Leaf.mark)
        new = try r.nullable("new", .mark, Leaf.mark)
        late = try r.required("late", .bool, Leaf.bool)
    }

    /// The cell as the line holds it.
    package var json: JSON {
        .object(["student": .string(student), "column": .string(column.description), "old": optional(old), "new": optional(new), "late": .bool(late)])
    }
}

/// `score.sheet`: the cells of one class, subject and term entered from a file, as one event.
package struct ScoreSheetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The subject's code.
    package var subject: String
    /// The term.
    package var term: Term
    /// The cells that changed.
    package var changes: [SheetChange]
    /// Why these values were entered (`--note`).
    package var note: String?
    /// True when the note is kept in the class file.
    package var ledgerNote: Bool?

    /// A body from its fields.
    package init(year: String, className: String, subject: String, term: Term, changes: [SheetChange],
                 note: String? = nil, ledgerNote: Bool? = nil) {
        self.year = year
        self.className = className
        self.subject = subject
        self.term = term
        self.changes = changes
        self.note = note
        self.ledgerNote = ledgerNote
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        subject = try r.required("subject", .string, Leaf.string)
        term = try r.required("term", .term, Leaf.term)
        changes = try r.records("changes") { (r: inout FieldReader) throws(EventBodyProblem) in try SheetChange(from: &r) }
        note = try r.optional("note", .string, Leaf.string)
        ledgerNote = try r.optional("ledger_note", .bool, Leaf.bool)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "class": .string(className), "subject": .string(subject),
                                    "term": .int(term.rawValue), "changes": .array(changes.map(\.json))]
        if let note { body["note"] = .string(note) }
        if let ledgerNote { body["ledger_note"] = .bool(ledgerNote) }
        return body
    }
}

/// `retest.set`: a re-test result (kiểm tra lại) of a subject.
package struct RetestSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// The subject's code.
    package var subject: String
    /// The re-test result before, or none.
    package var old: Mark?
    /// The re-test result.
    package var new: Mark

    /// A body from its fields.
    package init(year: String, className: String, student: String, subject: String, old: Mark?, new: Mark) {
        self.year = year
        self.className = className
        self.student = student
        self.subject = subject
        self.old = old
        self.new = new
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        subject = try r.required("subject", .string, Leaf.string)
        old = try r.nullable("old", .mark, Leaf.mark)
        new = try r.required("new", .mark, Leaf.mark)
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "class": .string(className), "student": .string(student), "subject": .string(subject),
         "old": optional(old), "new": new.json]
    }
}

// MARK: - Homeroom

/// One absence of `attendance.set`: student, day, session, excused, and `absent: false` to remove one.
package struct AttendanceChange: Sendable, Equatable {
    /// The student.
    package var student: String
    /// The day.
    package var date: Day
    /// `sang` or `chieu`.
    package var session: String
    /// True when excused (có phép).
    package var excused: Bool
    /// False when the entry removes an absence.
    package var absent: Bool

    /// An entry from its fields.
    package init(student: String, date: Day, session: String, excused: Bool, absent: Bool) {
        self.student = student
        self.date = date
        self.session = session
        self.excused = excused
        self.absent = absent
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        student = try r.required("student", .string, Leaf.string)
        date = try r.required("date", .day, Leaf.day)
        session = try r.required("session", .string, Leaf.string)
        excused = try r.required("excused", .bool, Leaf.bool)
        absent = try r.required("absent", .bool, Leaf.bool)
    }

    /// The entry as the line holds it.
    package var json: JSON {
        .object(["student": .string(student), "date": .string(date.description), "session": .string(session),
                 "excused": .bool(excused), "absent": .bool(absent)])
    }
}

/// `attendance.set`: absences recorded or removed.
package struct AttendanceSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The entries, in the order written.
    package var entries: [AttendanceChange]

    /// A body from its fields.
    package init(year: String, className: String, entries: [AttendanceChange]) {
        self.year = year
        self.className = className
        self.entries = entries
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        entries = try r.records("entries") { (r: inout FieldReader) throws(EventBodyProblem) in try AttendanceChange(from: &r) }
    }

    func encode() -> [String: JSON] { ["year": .string(year), "class": .string(className), "entries": .array(entries.map(\.json))] }
}

/// `attendance.close`: a month of a class closed.
package struct AttendanceCloseBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The month, `yyyy-mm`.
    package var month: String

    /// A body from its fields.
    package init(year: String, className: String, month: String) {
        self.year = year
        self.className = className
        self.month = month
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        month = try r.required("month", .month, Leaf.month)
    }

    func encode() -> [String: JSON] { ["year": .string(year), "class": .string(className), "month": .string(month)] }
}

/// `attendance.reopen`: a closed month reopened, with the reason.
package struct AttendanceReopenBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The month, `yyyy-mm`.
    package var month: String
    /// Why it is reopened.
    package var reason: String

    /// A body from its fields.
    package init(year: String, className: String, month: String, reason: String) {
        self.year = year
        self.className = className
        self.month = month
        self.reason = reason
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        month = try r.required("month", .month, Leaf.month)
        reason = try r.required("reason", .string, Leaf.string)
    }

    func encode() -> [String: JSON] { ["year": .string(year), "class": .string(className), "month": .string(month), "reason": .string(reason)] }
}

/// `conduct.set`: conduct levels of a term (`1`, `2`, or `summer` for rèn luyện hè), by student.
package struct ConductSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// `1`, `2` or `summer`.
    package var term: String
    /// The levels set, by student.
    package var levels: [String: Level]

    /// A body from its fields.
    package init(year: String, className: String, term: String, levels: [String: Level]) {
        self.year = year
        self.className = className
        self.term = term
        self.levels = levels
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        term = try r.required("term", .oneOf(["1", "2", "summer"]), Leaf.oneOf(["1", "2", "summer"]))
        let choices = Level.allCases.map(\.rawValue)
        levels = try r.values("levels", .oneOf(choices)) { $0.string.flatMap(Level.init(rawValue:)) }
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "class": .string(className), "term": .string(term), "levels": .object(levels.mapValues { .string($0.rawValue) })]
    }
}

/// `comment.set`: a homeroom comment, or a subject teacher's comment (`subject`); null clears it.
package struct CommentSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// The comment, or none (cleared).
    package var text: String?
    /// The subject of a subject teacher's comment; none for the homeroom comment.
    package var subject: String?

    /// A body from its fields.
    package init(year: String, className: String, student: String, text: String?, subject: String?) {
        self.year = year
        self.className = className
        self.student = student
        self.text = text
        self.subject = subject
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        text = try r.nullable("text", .string, Leaf.string)
        subject = try r.optional("subject", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "class": .string(className), "student": .string(student), "text": optional(text)]
        if let subject { body["subject"] = .string(subject) }
        return body
    }
}

/// `exempt.set`: a GDTC practical-part exemption of a term (`1`, `2`) or the year; null lifts it.
package struct ExemptSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// The subject's code.
    package var subject: String
    /// `1`, `2` or `year`.
    package var term: String
    /// The decision's reference, or none (lifted).
    package var decision: String?

    /// A body from its fields.
    package init(year: String, className: String, student: String, subject: String, term: String, decision: String?) {
        self.year = year
        self.className = className
        self.student = student
        self.subject = subject
        self.term = term
        self.decision = decision
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        subject = try r.required("subject", .string, Leaf.string)
        term = try r.required("term", .oneOf(["1", "2", "year"]), Leaf.oneOf(["1", "2", "year"]))
        decision = try r.nullable("decision", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "class": .string(className), "student": .string(student), "subject": .string(subject),
         "term": .string(term), "decision": optional(decision)]
    }
}

/// The plan an `iep.result` carries when it was set in a class the student moved from.
package struct CarriedPlan: Sendable, Equatable {
    /// The plan's decision.
    package var decision: String
    /// The results recorded by hand, by subject.
    package var recorded: [String: String]
    /// The plan's subjects, when it names them.
    package var planSubjects: [String]?

    /// A plan from its fields.
    package init(decision: String, recorded: [String: String], planSubjects: [String]?) {
        self.decision = decision
        self.recorded = recorded
        self.planSubjects = planSubjects
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        decision = try r.required("decision", .string, Leaf.string)
        recorded = try r.values("recorded", .string, Leaf.string)
        planSubjects = try r.optionalList("plan_subjects", .string, Leaf.string)
    }

    /// The plan as the line holds it.
    package var json: JSON {
        var members: [String: JSON] = ["decision": .string(decision), "recorded": strings(recorded)]
        if let planSubjects { members["plan_subjects"] = strings(planSubjects) }
        return .object(members)
    }
}

/// `iep.set`: an individual education plan recorded (with its results recorded by hand and, when
/// given, its subjects) or lifted (decision null).
package struct IndividualPlanSetBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// The plan's decision, or none (lifted).
    package var decision: String?
    /// The results recorded by hand, by subject.
    package var recorded: [String: String]
    /// The plan's subjects, when given.
    package var planSubjects: [String]?

    /// A body from its fields.
    package init(year: String, className: String, student: String, decision: String?, recorded: [String: String], planSubjects: [String]?) {
        self.year = year
        self.className = className
        self.student = student
        self.decision = decision
        self.recorded = recorded
        self.planSubjects = planSubjects
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        decision = try r.nullable("decision", .string, Leaf.string)
        recorded = try r.values("recorded", .string, Leaf.string)
        planSubjects = try r.optionalList("plan_subjects", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "class": .string(className), "student": .string(student),
                                    "decision": optional(decision), "recorded": strings(recorded)]
        if let planSubjects { body["plan_subjects"] = strings(planSubjects) }
        return body
    }
}

/// `iep.result`: the plan's own result (Đ/CĐ) of a plan subject in a term; `plan` when the plan was
/// set in a class the student moved from.
package struct IndividualPlanResultBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// The subject's code.
    package var subject: String
    /// The term.
    package var term: Term
    /// The result before, or none.
    package var old: Mark?
    /// The result: Đ or CĐ.
    package var new: Mark
    /// The plan taken up from the earlier class.
    package var plan: CarriedPlan?

    /// A body from its fields.
    package init(year: String, className: String, student: String, subject: String, term: Term, old: Mark?, new: Mark, plan: CarriedPlan?) {
        self.year = year
        self.className = className
        self.student = student
        self.subject = subject
        self.term = term
        self.old = old
        self.new = new
        self.plan = plan
    }

    private static func judgement(_ value: JSON) -> Mark? {
        guard let text = value.string, text == "Đ" || text == "CĐ" else { return nil }
        return Mark(json: value)
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        subject = try r.required("subject", .string, Leaf.string)
        term = try r.required("term", .term, Leaf.term)
        old = try r.nullable("old", .oneOf(["Đ", "CĐ"]), Self.judgement)
        new = try r.required("new", .oneOf(["Đ", "CĐ"]), Self.judgement)
        plan = try r.optionalObject("plan") { (r: inout FieldReader) throws(EventBodyProblem) in try CarriedPlan(from: &r) }
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "class": .string(className), "student": .string(student),
                                    "subject": .string(subject), "term": .int(term.rawValue), "old": optional(old), "new": new.json]
        if let plan { body["plan"] = plan.json }
        return body
    }
}

/// `commend.add`: a commendation's text.
package struct CommendBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// The commendation.
    package var text: String

    /// A body from its fields.
    package init(year: String, className: String, student: String, text: String) {
        self.year = year
        self.className = className
        self.student = student
        self.text = text
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        text = try r.required("text", .string, Leaf.string)
    }

    func encode() -> [String: JSON] { ["year": .string(year), "class": .string(className), "student": .string(student), "text": .string(text)] }
}

// MARK: - Transfers

/// A term completed at the previous school (`transfer.in`'s `terms`): results by subject, conduct, absences.
package struct CarriedTermEntry: Sendable, Equatable {
    /// The term.
    package var term: Term
    /// The conduct level, if known.
    package var conduct: Level?
    /// The buổi absent.
    package var absences: Int
    /// The results by subject.
    package var results: [String: Mark]

    /// A term from its fields.
    package init(term: Term, conduct: Level?, absences: Int, results: [String: Mark]) {
        self.term = term
        self.conduct = conduct
        self.absences = absences
        self.results = results
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        term = try r.required("term", .term, Leaf.term)
        conduct = try r.nullable("conduct", .oneOf(Level.allCases.map(\.rawValue))) { $0.string.flatMap(Level.init(rawValue:)) }
        absences = try r.required("absences", .int, Leaf.int)
        results = try r.values("results", .mark, Leaf.mark)
    }

    /// The term as the line holds it.
    package var json: JSON {
        .object(["term": .int(term.rawValue), "conduct": optional(conduct?.rawValue), "absences": .int(absences),
                 "results": .object(results.mapValues(\.json))])
    }
}

/// `transfer.in`: a student arriving from another school, with the terms completed there.
package struct TransferInBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student's new ID.
    package var student: String
    /// Họ và tên.
    package var name: String
    /// The particulars by code.
    package var particulars: [String: String]
    /// The previous school.
    package var from: String
    /// The transfer's reference.
    package var reference: String
    /// The day of arrival.
    package var date: Day
    /// The terms completed there.
    package var terms: [CarriedTermEntry]

    /// A body from its fields.
    package init(year: String, className: String, student: String, name: String, particulars: [String: String],
                 from: String, reference: String, date: Day, terms: [CarriedTermEntry]) {
        self.year = year
        self.className = className
        self.student = student
        self.name = name
        self.particulars = particulars
        self.from = from
        self.reference = reference
        self.date = date
        self.terms = terms
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        name = try r.required("name", .string, Leaf.string)
        particulars = try r.values("particulars", .string, Leaf.string)
        from = try r.required("from", .string, Leaf.string)
        reference = try r.required("ref", .string, Leaf.string)
        date = try r.required("date", .day, Leaf.day)
        terms = try r.records("terms") { (r: inout FieldReader) throws(EventBodyProblem) in try CarriedTermEntry(from: &r) }
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "class": .string(className), "student": .string(student), "name": .string(name),
         "particulars": strings(particulars), "from": .string(from), "ref": .string(reference), "date": .string(date.description),
         "terms": .array(terms.map(\.json))]
    }
}

/// `transfer.out`: a student leaving from a day; the school and reason when given.
package struct TransferOutBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// The first day away.
    package var date: Day
    /// The school they go to, when given.
    package var to: String?
    /// Why, when given.
    package var reason: String?

    /// A body from its fields.
    package init(year: String, className: String, student: String, date: Day, to: String?, reason: String?) {
        self.year = year
        self.className = className
        self.student = student
        self.date = date
        self.to = to
        self.reason = reason
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.required("student", .string, Leaf.string)
        date = try r.required("date", .day, Leaf.day)
        to = try r.optional("to", .string, Leaf.string)
        reason = try r.optional("reason", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "class": .string(className), "student": .string(student), "date": .string(date.description)]
        if let to { body["to"] = .string(to) }
        if let reason { body["reason"] = .string(reason) }
        return body
    }
}

// MARK: - Locks

/// `term.lock`: a term locked for the school (`except` the classes kept open) or one class; `due`
/// when the scheduled lock did it, with its `lock_date`.
package struct TermLockBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The term.
    package var term: Term
    /// True when the scheduled lock (`lock-term --due`) did it.
    package var due: Bool
    /// The one class locked; none for the whole school.
    package var className: String?
    /// The scheduled lock's day, when the calendar has one.
    package var lockDate: Day?
    /// The classes a scheduled lock kept open, when there are some.
    package var except: [String]?

    /// A body from its fields.
    package init(year: String, term: Term, due: Bool, className: String? = nil, lockDate: Day? = nil, except: [String]? = nil) {
        self.year = year
        self.term = term
        self.due = due
        self.className = className
        self.lockDate = lockDate
        self.except = except
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        term = try r.required("term", .term, Leaf.term)
        due = try r.required("due", .bool, Leaf.bool)
        className = try r.optional("class", .string, Leaf.string)
        lockDate = try r.optional("lock_date", .day, Leaf.day)
        except = try r.optionalList("except", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "term": .int(term.rawValue), "due": .bool(due)]
        if let className { body["class"] = .string(className) }
        if let lockDate { body["lock_date"] = .string(lockDate.description) }
        if let except { body["except"] = strings(except) }
        return body
    }
}

/// `term.unlock`: a locked term reopened on the board's order until a day, for the school or one class.
package struct TermUnlockBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The term.
    package var term: Term
    /// The one class reopened; none for the whole school.
    package var className: String?
    /// The board's order.
    package var order: String
    /// The last day it stays open.
    package var until: Day

    /// A body from its fields.
    package init(year: String, term: Term, className: String?, order: String, until: Day) {
        self.year = year
        self.term = term
        self.className = className
        self.order = order
        self.until = until
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        term = try r.required("term", .term, Leaf.term)
        className = try r.optional("class", .string, Leaf.string)
        order = try r.required("order", .string, Leaf.string)
        until = try r.required("until", .day, Leaf.day)
    }

    func encode() -> [String: JSON] {
        var body: [String: JSON] = ["year": .string(year), "term": .int(term.rawValue), "order": .string(order), "until": .string(until.description)]
        if let className { body["class"] = .string(className) }
        return body
    }
}

// MARK: - Corrections

/// The request `fix.request` files: which cell, from what to what, why, and the evidence if any.
package struct FiledFix: Sendable, Equatable {
    /// The request's number in the year.
    package var id: Int
    /// The class.
    package var className: String
    /// The subject's code.
    package var subject: String
    /// The term.
    package var term: Term
    /// The student.
    package var student: String
    /// The column.
    package var column: Column
    /// The mark now, or none.
    package var from: Mark?
    /// The mark asked for, or none.
    package var to: Mark?
    /// Why the score is wrong.
    package var reason: String
    /// The evidence, when given.
    package var evidence: String?

    /// A request from its fields.
    package init(id: Int, className: String, subject: String, term: Term, student: String, column: Column,
                 from: Mark?, to: Mark?, reason: String, evidence: String?) {
        self.id = id
        self.className = className
        self.subject = subject
        self.term = term
        self.student = student
        self.column = column
        self.from = from
        self.to = to
        self.reason = reason
        self.evidence = evidence
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        id = try r.required("id", .int, Leaf.int)
        className = try r.required("class", .string, Leaf.string)
        subject = try r.required("subject", .string, Leaf.string)
        term = try r.required("term", .term, Leaf.term)
        student = try r.required("student", .string, Leaf.string)
        column = try r.required("column", .string, Leaf.column)
        from = try r.nullable("from", .mark, Leaf.mark)
        to = try r.nullable("to", .mark, Leaf.mark)
        reason = try r.required("reason", .string, Leaf.string)
        evidence = try r.nullable("evidence", .string, Leaf.string)
    }

    /// The request as the line holds it.
    package var json: JSON {
        .object(["id": .int(id), "class": .string(className), "subject": .string(subject), "term": .int(term.rawValue),
                 "student": .string(student), "column": .string(column.description), "from": optional(from), "to": optional(to),
                 "reason": .string(reason), "evidence": optional(evidence)])
    }
}

/// `fix.request`: a correction request filed.
package struct FixRequestBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The request.
    package var fix: FiledFix

    /// A body from its fields.
    package init(year: String, className: String, fix: FiledFix) {
        self.year = year
        self.className = className
        self.fix = fix
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        fix = try r.object("fix") { (r: inout FieldReader) throws(EventBodyProblem) in try FiledFix(from: &r) }
    }

    func encode() -> [String: JSON] { ["year": .string(year), "class": .string(className), "fix": fix.json] }
}

/// `fix.approve`: a request approved, the cell changed in the same event, the witnesses named.
package struct FixApproveBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The request's number.
    package var id: Int
    /// The class.
    package var className: String
    /// The subject's code.
    package var subject: String
    /// The term.
    package var term: Term
    /// The student.
    package var student: String
    /// The column.
    package var column: Column
    /// The mark before, or none.
    package var old: Mark?
    /// The mark after, or none.
    package var new: Mark?
    /// The witnesses' accounts.
    package var witnesses: [String]

    /// A body from its fields.
    package init(year: String, id: Int, className: String, subject: String, term: Term, student: String, column: Column,
                 old: Mark?, new: Mark?, witnesses: [String]) {
        self.year = year
        self.id = id
        self.className = className
        self.subject = subject
        self.term = term
        self.student = student
        self.column = column
        self.old = old
        self.new = new
        self.witnesses = witnesses
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        id = try r.required("id", .int, Leaf.int)
        className = try r.required("class", .string, Leaf.string)
        subject = try r.required("subject", .string, Leaf.string)
        term = try r.required("term", .term, Leaf.term)
        student = try r.required("student", .string, Leaf.string)
        column = try r.required("column", .string, Leaf.column)
        old = try r.nullable("old", .mark, Leaf.mark)
        new = try r.nullable("new", .mark, Leaf.mark)
        witnesses = try r.list("witnesses", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "id": .int(id), "class": .string(className), "subject": .string(subject), "term": .int(term.rawValue),
         "student": .string(student), "column": .string(column.description), "old": optional(old), "new": optional(new),
         "witnesses": strings(witnesses)]
    }
}

/// `fix.reject`: a request turned down, with the reason.
package struct FixRejectBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The request's number.
    package var id: Int
    /// The class.
    package var className: String
    /// The student.
    package var student: String
    /// Why.
    package var reason: String

    /// A body from its fields.
    package init(year: String, id: Int, className: String, student: String, reason: String) {
        self.year = year
        self.id = id
        self.className = className
        self.student = student
        self.reason = reason
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        id = try r.required("id", .int, Leaf.int)
        className = try r.required("class", .string, Leaf.string)
        student = try r.required("student", .string, Leaf.string)
        reason = try r.required("reason", .string, Leaf.string)
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "id": .int(id), "class": .string(className), "student": .string(student), "reason": .string(reason)]
    }
}

// MARK: - Figures, seals, signatures

/// `snapshot.create`: figures frozen under a name on a day. The figures are a copy of the
/// reports' JSON (`enrollment`, `results`) kept as they were, never read member by member by the
/// replay: their members are the reports' (docs/commands/report.md), not the log's.
package struct SnapshotCreateBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The snapshot's name.
    package var name: String
    /// The day frozen.
    package var date: Day
    /// The frozen figures, as the reports gave them.
    package var figures: [String: JSON]

    /// A body from its fields.
    package init(year: String, name: String, date: Day, figures: [String: JSON]) {
        self.year = year
        self.name = name
        self.date = date
        self.figures = figures
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        name = try r.required("name", .string, Leaf.string)
        date = try r.required("date", .day, Leaf.day)
        figures = try r.object("figures") { (r: inout FieldReader) throws(EventBodyProblem) in
            _ = try r.required("enrollment", .object) { $0.object }
            _ = try r.required("results", .object) { $0.object }
            return r.members
        }
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "name": .string(name), "date": .string(date.description), "figures": .object(figures)]
    }
}

/// The checkpoint `year.close` names: its folder, the SHA-256 of its manifest, how many files.
package struct CheckpointReference: Sendable, Equatable {
    /// The checkpoint's folder, relative to the data directory.
    package var path: String
    /// SHA-256 (hex) of its manifest.
    package var manifestSHA256: String
    /// How many files it holds.
    package var files: Int

    /// A reference from its fields.
    package init(path: String, manifestSHA256: String, files: Int) {
        self.path = path
        self.manifestSHA256 = manifestSHA256
        self.files = files
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        path = try r.required("path", .string, Leaf.string)
        manifestSHA256 = try r.required("manifest_sha256", .string, Leaf.string)
        files = try r.required("files", .int, Leaf.int)
    }

    var json: JSON { .object(["path": .string(path), "manifest_sha256": .string(manifestSHA256), "files": .int(files)]) }
}

/// `year.close`: the year sealed with the format it starts, the log's head, its files' hashes and the checkpoint.
package struct YearCloseBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The data format this event declares.
    package var format: Int
    /// The last event before the seal.
    package var headSeq: Int
    /// The SHA-256 (hex) of that event's line.
    package var headHash: String
    /// The year's files in the checkpoint: path → SHA-256 (hex).
    package var files: [String: String]
    /// The checkpoint.
    package var checkpoint: CheckpointReference

    /// A body from its fields.
    package init(year: String, format: Int, headSeq: Int, headHash: String, files: [String: String], checkpoint: CheckpointReference) {
        self.year = year
        self.format = format
        self.headSeq = headSeq
        self.headHash = headHash
        self.files = files
        self.checkpoint = checkpoint
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        year = try r.required("year", .string, Leaf.string)
        format = try r.required("format", .int, Leaf.int)
        (headSeq, headHash) = try r.object("head") { (r: inout FieldReader) throws(EventBodyProblem) in
            (try r.required("seq", .int, Leaf.int), try r.required("hash", .string, Leaf.string))
        }
        files = try r.values("files", .string, Leaf.string)
        checkpoint = try r.object("checkpoint") { (r: inout FieldReader) throws(EventBodyProblem) in try CheckpointReference(from: &r) }
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "format": .int(format), "head": .object(["seq": .int(headSeq), "hash": .string(headHash)]),
         "files": strings(files), "checkpoint": checkpoint.json]
    }
}

/// The signing certificate `document.sign` names.
package struct SigningCertificate: Sendable, Equatable {
    /// The certificate's subject.
    package var subject: String
    /// Its issuer.
    package var issuer: String
    /// Its serial number (hex).
    package var serial: String
    /// Its SHA-256 fingerprint.
    package var fingerprint: String

    /// A certificate from its fields.
    package init(subject: String, issuer: String, serial: String, fingerprint: String) {
        self.subject = subject
        self.issuer = issuer
        self.serial = serial
        self.fingerprint = fingerprint
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        subject = try r.required("subject", .string, Leaf.string)
        issuer = try r.required("issuer", .string, Leaf.string)
        serial = try r.required("serial", .string, Leaf.string)
        fingerprint = try r.required("fingerprint", .string, Leaf.string)
    }

    var json: JSON {
        .object(["subject": .string(subject), "issuer": .string(issuer), "serial": .string(serial), "fingerprint": .string(fingerprint)])
    }
}

/// `document.sign`: a printed PDF signed: which document, in what role, the hashes of the revision
/// signed and of the result, the certificate.
package struct DocumentSignBody: Sendable, Equatable {
    /// The year.
    package var year: String
    /// The class.
    package var className: String
    /// The student of a transcript; none for a class's document.
    package var student: String?
    /// The document's kind.
    package var document: String
    /// The signer's role (`homeroom`, `principal`, `root`).
    package var role: String
    /// The file's name.
    package var file: String
    /// SHA-256 (hex) of the revision signed.
    package var signedSHA256: String
    /// SHA-256 (hex) of the signed result.
    package var resultSHA256: String
    /// The certificate.
    package var certificate: SigningCertificate

    /// A body from its fields.
    package init(year: String, className: String, student: String?, document: String, role: String, file: String,
                 signedSHA256: String, resultSHA256: String, certificate: SigningCertificate) {
        self.year = year
        self.className = className
        self.student = student
        self.document = document
        self.role = role
        self.file = file
        self.signedSHA256 = signedSHA256
        self.resultSHA256 = resultSHA256
        self.certificate = certificate
    }

    init(from r: inout FieldReader) throws(EventBodyProblem) {
        (year, className) = try yearAndClass(&r)
        student = try r.nullable("student", .string, Leaf.string)
        document = try r.required("document", .string, Leaf.string)
        role = try r.required("role", .string, Leaf.string)
        file = try r.required("file", .string, Leaf.string)
        signedSHA256 = try r.required("signed_sha256", .string, Leaf.string)
        resultSHA256 = try r.required("result_sha256", .string, Leaf.string)
        certificate = try r.object("certificate") { (r: inout FieldReader) throws(EventBodyProblem) in try SigningCertificate(from: &r) }
    }

    func encode() -> [String: JSON] {
        ["year": .string(year), "class": .string(className), "student": optional(student), "document": .string(document),
         "role": .string(role), "file": .string(file), "signed_sha256": .string(signedSHA256), "result_sha256": .string(resultSHA256),
         "certificate": certificate.json]
    }
}
