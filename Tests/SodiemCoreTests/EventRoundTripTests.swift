import Foundation
import Testing
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemStore

/// The log of Tests/Fixtures/every-action (its README says how the commands made it), as events.
private func fixtureEvents() throws -> [(line: Data, event: AuditEvent)] {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = try Data(contentsOf: repository.appendingPathComponent("Tests/Fixtures/every-action/audit.log"))
    return try data.split(separator: 0x0A).map { line in
        guard case .success(let event) = AuditEvent.parse(Data(line)) else { throw FixtureError.unreadable }
        return (Data(line), event)
    }
}

private enum FixtureError: Error { case unreadable }

/// The first event of each action in the fixture.
private func firstOfEachAction() throws -> [Action: AuditEvent] {
    var first: [Action: AuditEvent] = [:]
    for (_, event) in try fixtureEvents() where first[event.action] == nil { first[event.action] = event }
    return first
}

/// The problem reading `body` as `action`'s type, if any.
private func problem(_ action: Action, _ body: [String: JSON]) -> EventBodyProblem? {
    do throws(EventBodyProblem) { _ = try EventBody(action: action, decoding: body); return nil } catch { return error }
}

@Suite("Typed events (EventBody): the fixture of every action round-trips byte for byte; reading is strict")
struct EventRoundTripTests {
    @Test("the fixture holds every action of Action.allCases")
    func fixtureCoversEveryAction() throws {
        let actions = Set(try fixtureEvents().map(\.event.action))
        #expect(Set(Action.allCases).subtracting(actions).isEmpty, "\(Set(Action.allCases).subtracting(actions).map(\.rawValue).sorted())")
    }

    @Test("every line decodes as its action's type and re-encodes to the same bytes")
    func everyLineRoundTrips() throws {
        for (number, item) in try fixtureEvents().enumerated() {
            let typed: EventBody
            switch item.event.decodedBody() {
            case .success(let body): typed = body
            case .failure(let problem):
                Issue.record("line \(number + 1): \(problem)")
                continue
            }
            #expect(typed.action == item.event.action)
            var again = item.event
            again.body = typed.encode()
            #expect(Data(again.line()) == item.line, "line \(number + 1) (\(item.event.action.rawValue))")
            #expect(EventSchema.violations(of: item.event).isEmpty, "line \(number + 1): \(EventSchema.violations(of: item.event).map(\.en))")
        }
    }

    @Test("EventSchema and the types name the same fields: each declared field is read by the type, required ones must be there, no other is allowed")
    func schemaMatchesTheTypes() throws {
        let first = try firstOfEachAction()
        for action in Action.allCases {
            let event = try #require(first[action], "\(action.rawValue) is not in the fixture")
            let declared = EventSchema.of(action)
            let names = Set(declared.map(\.name))
            #expect(Set(event.body.keys).isSubset(of: names), "\(action.rawValue): \(Set(event.body.keys).subtracting(names))")
            for field in declared {
                // A value of no kind at all (a number that is not one): the type must read the field, and refuse it by its name.
                var wrong = event.body
                wrong[field.name] = .number("-")
                #expect(problem(action, wrong)?.path == field.name, "\(action.rawValue): the type does not read `\(field.name)`")
                var without = event.body
                without[field.name] = nil
                let found = problem(action, without)
                // (An optional field may still be needed by another's presence: `students` with `class`.)
                if field.required {
                    #expect(found == EventBodyProblem(action: action, path: field.name, kind: .missing), "\(action.rawValue): `\(field.name)` is required")
                }
            }
            var extra = event.body
            extra["zz_extra"] = .int(1)
            #expect(problem(action, extra) == EventBodyProblem(action: action, path: "zz_extra", kind: .unknown), "\(action.rawValue)")
        }
    }

    @Test("nested members: a missing one, one of the wrong kind and an unknown one are each named by their path")
    func nestedMembersAreNamed() throws {
        let first = try firstOfEachAction()
        let sheet = try #require(first[.scoreSheet])
        var changes = try #require(sheet.body["changes"]?.array)
        var cell = try #require(changes[0].object)
        cell["late"] = nil
        changes[0] = .object(cell)
        var body = sheet.body
        body["changes"] = .array(changes)
        #expect(problem(.scoreSheet, body) == EventBodyProblem(action: .scoreSheet, path: "changes.0.late", kind: .missing))
        #expect(problem(.scoreSheet, body)?.message.en == "score.sheet lacks `changes.0.late`.")

        let fix = try #require(first[.fixRequest])
        var filed = try #require(fix.body["fix"]?.object)
        filed["term"] = .int(3)
        body = fix.body
        body["fix"] = .object(filed)
        #expect(problem(.fixRequest, body)?.message.en == "the `fix.term` of fix.request is 3, not 1 or 2.")

        let user = try #require(first[.userAdd])
        var account = try #require(user.body["user"]?.object)
        account["password"] = .string("x")
        body = user.body
        body["user"] = .object(account)
        #expect(problem(.userAdd, body) == EventBodyProblem(action: .userAdd, path: "user.password", kind: .unknown))

        let year = try #require(first[.yearCreate])
        var calendar = try #require(year.body["calendar"]?.object)
        calendar["lock_after_days"] = nil
        body = year.body
        body["calendar"] = .object(calendar)
        #expect(problem(.yearCreate, body) == EventBodyProblem(action: .yearCreate, path: "calendar.lock_after_days", kind: .missing))
    }

    @Test("a body its type writes back otherwise is a violation (a score 8.00 where sodiem writes 8.0)")
    func nonCanonicalBodyIsAViolation() throws {
        let first = try firstOfEachAction()
        var event = try #require(first[.scoreSet])
        guard case .number(let written)? = event.body["new"] else { Issue.record("the first score.set has no score"); return }
        #expect(written.contains("."))
        event.body["new"] = .number(written + "0")
        #expect(EventSchema.violations(of: event).map(\.en) == ["score.set is not as sodiem writes it: the `new` of score.set is \(written)0, not \(written)."])
    }
}
