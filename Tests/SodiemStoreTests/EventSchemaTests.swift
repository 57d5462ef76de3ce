import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

/// The rows of docs/data-format.md's "Actions and their body fields": action → the top-level
/// fields its body cell names (each backticked name that starts a token: `school {…}` names
/// `school`, `ledger_note: true` names `ledger_note`; option names such as `--move` are not fields).
private func documentedFields() throws -> [String: [String]] {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: repository.appendingPathComponent("docs/data-format.md"), encoding: .utf8)
    let section = try #require(text.components(separatedBy: "### Actions and their body fields").dropFirst().first)
    let table = section.components(separatedBy: "\n## ").first ?? ""
    var rows: [String: [String]] = [:]
    for line in table.split(separator: "\n") where line.hasPrefix("| `") {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard cells.count >= 4 else { continue }
        let action = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        #expect(rows[action] == nil, "two rows for \(action)")
        let tokens = cells[2].components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        rows[action] = tokens.compactMap { token in
            let name = token.prefix { $0.isLowercase || $0 == "_" || $0.isNumber }
            return name.isEmpty || !(token.first?.isLowercase ?? false) ? nil : String(name)
        }
    }
    return rows
}

@Suite("Event schema (EventSchema): one table of every action's fields")
struct EventSchemaTests {
    @Test("docs/data-format.md has one row per action naming every field of the schema, and no field the schema lacks")
    func documentationMatchesTheSchema() throws {
        let rows = try documentedFields()
        #expect(Set(rows.keys) == Set(Action.allCases.map(\.rawValue)), "rows without an action, or actions without a row")
        for action in Action.allCases {
            let documented = Set(rows[action.rawValue] ?? [])
            let declared = Set(EventSchema.of(action).map(\.name))
            #expect(declared.subtracting(documented).isEmpty,
                    "\(action.rawValue): docs/data-format.md does not name \(declared.subtracting(documented).sorted())")
            #expect(documented.subtracting(declared).isEmpty,
                    "\(action.rawValue): docs/data-format.md names \(documented.subtracting(declared).sorted()), which the schema lacks")
        }
    }

    @Test("no action declares a field twice, or a header field")
    func fieldsAreUnique() {
        for action in Action.allCases {
            let names = EventSchema.of(action).map(\.name)
            #expect(Set(names).count == names.count, "\(action.rawValue): \(names)")
            #expect(Set(names).isDisjoint(with: ["seq", "at", "by", "as", "now", "action", "prev"]), "\(action.rawValue)")
        }
    }

    static func scoreSet(_ body: [String: JSON]) -> AuditEvent {
        AuditEvent(seq: 2, at: "2024-10-03T08:12:31+07:00", by: "root", actingAs: nil, now: nil, action: .scoreSet,
                   body: body, prev: String(repeating: "0", count: 64))
    }

    static let scoreBody: [String: JSON] = [
        "year": .string("2024-2025"), "class": .string("6A1"), "subject": .string("toan"), "term": .int(1),
        "student": .string("HS0001"), "column": .string("tx1"), "old": .null, "new": .number("7.5"), "late": .bool(false),
    ]

    @Test("a body as score entry writes it has no violation; with --note too")
    func wellFormedBodyPasses() {
        #expect(EventSchema.violations(of: Self.scoreSet(Self.scoreBody)).isEmpty)
        var noted = Self.scoreBody
        noted["note"] = .string("Bài làm lại")
        noted["ledger_note"] = .bool(true)
        noted["new"] = .string("vắng")
        #expect(EventSchema.violations(of: Self.scoreSet(noted)).isEmpty)
    }

    @Test("a missing field, a wrong kind and an unknown field are each named, all of them")
    func eachViolationIsNamed() {
        var body = Self.scoreBody
        body["student"] = nil
        body["term"] = .string("x")
        body["late"] = .string("no")
        body["new"] = .number("7.55")
        body["foo"] = .int(1)
        let found = EventSchema.violations(of: Self.scoreSet(body)).map(\.en)
        #expect(found == [
            "the `term` of score.set is \"x\", not 1 or 2.",
            "score.set lacks `student`.",
            "the `new` of score.set is 7.55, not a mark (a number, \"Đ\", \"CĐ\" or \"vắng\") or null.",
            "the `late` of score.set is \"no\", not true or false.",
            "score.set has an unknown field `foo`.",
        ], "in the table's order of fields, then the unknown ones: \(found)")
    }

    @Test("kinds: days, months, terms, choices and nullables accept what the writers write and nothing else")
    func kinds() {
        #expect(FieldKind.day.accepts(.string("2024-10-03")) && !FieldKind.day.accepts(.string("03/10/2024")) && !FieldKind.day.accepts(.null))
        #expect(FieldKind.month.accepts(.string("2024-10")) && !FieldKind.month.accepts(.string("2024-13")) && !FieldKind.month.accepts(.string("2024-10-01")))
        #expect(FieldKind.term.accepts(.int(2)) && !FieldKind.term.accepts(.int(3)) && !FieldKind.term.accepts(.string("1")))
        #expect(FieldKind.oneOf(["1", "2", "year"]).accepts(.string("year")) && !FieldKind.oneOf(["1", "2", "year"]).accepts(.int(1)))
        #expect(FieldKind.nullable(.string).accepts(.null) && !FieldKind.string.accepts(.null))
        #expect(FieldKind.int.accepts(.int(3)) && !FieldKind.int.accepts(.number("3.5")) && !FieldKind.int.accepts(.string("3")))
        #expect(FieldKind.object.accepts(.object([:])) && !FieldKind.object.accepts(.array([])))
        #expect(FieldKind.mark.accepts(.string("CĐ")) && FieldKind.mark.accepts(.number("10.0")) && !FieldKind.mark.accepts(.number("10.5")))
    }

    @Test("a long forged value or field name is cut short in the finding, never echoed whole")
    func longValuesAreCut() {
        var body = Self.scoreBody
        body["subject"] = .int(1)
        body[String(repeating: "x", count: 5000)] = .string(String(repeating: "y", count: 5000))
        body["term"] = .string(String(repeating: "z", count: 5000))
        let found = EventSchema.violations(of: Self.scoreSet(body))
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.en.count < 200 && $0.vi.count < 200 }, "\(found.map(\.en))")
    }
}
