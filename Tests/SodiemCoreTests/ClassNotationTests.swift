import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemCore

@Suite("Compact class notation")
struct ClassNotationTests {
    static let known: Set<String> = ["6A1", "6A2", "6A5", "6A10", "7A1", "7A2", "7A3", "7A4", "7A5", "7A6", "8A1", "8A2", "8A3",
                                     "9A1", "9A2", "9A3", "9A4"]

    @Test("6A12; 9A34 and friends", arguments: [
        ("6A12; 9A34", ["6A1", "6A2", "9A3", "9A4"]),
        ("7A123456", ["7A1", "7A2", "7A3", "7A4", "7A5", "7A6"]),
        ("6A5, 8A123", ["6A5", "8A1", "8A2", "8A3"]),
        ("6A10", ["6A10"]),
        ("6a1 6A1,6A12", ["6A1", "6A2"]),
        ("9A1;;9A2", ["9A1", "9A2"]),
    ])
    func expands(_ text: String, _ expected: [String]) throws {
        #expect(try ClassNotation.expand(text, known: ClassNotationTests.known) == expected)
    }

    @Test("an unknown class is an error naming it (not found); nonsense is bad data; empty is usage")
    func errors() {
        do {
            _ = try ClassNotation.expand("6A13", known: ClassNotationTests.known)
            Issue.record("6A3 does not exist")
        } catch {
            guard case .notFound(let message) = error else { Issue.record("expected notFound, got \(error)"); return }
            #expect(message.en.contains("6A3") && message.en.contains("6A13"))
        }
        #expect(throws: SodiemError.self) { try ClassNotation.expand("A12", known: ClassNotationTests.known) }
        #expect(throws: SodiemError.self) { try ClassNotation.expand("6A", known: ClassNotationTests.known) }
        #expect(throws: SodiemError.self) { try ClassNotation.expand("../6A1", known: ClassNotationTests.known) }
        #expect(throws: SodiemError.self) { try ClassNotation.expand(" ; ", known: ClassNotationTests.known) }
    }

    @Test("class order: 6A2 before 6A10, grades in order")
    func order() {
        #expect(["6A10", "7A1", "6A2", "6A1"].sorted(by: ClassNotation.precedes) == ["6A1", "6A2", "6A10", "7A1"])
    }
}
