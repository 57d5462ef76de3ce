import Foundation
import Testing

/// Where the login and the clock are read, as facts about the source tree: Core reads them in one
/// file (`Session/Surroundings.swift`), and the binary never lets a caller-chosen identity or clock in.
@Suite("The clock and the login are read in one place")
struct SurroundingsSourceTests {
    static func text(of target: String) -> [(name: String, text: String)] { LayeringTests.swiftFiles(of: target) }

    @Test("Core asks the OS who runs it only in Surroundings.swift")
    func identityInOneFile() {
        let files = Self.text(of: "SodiemCore")
        #expect(!files.isEmpty)
        for (name, text) in files where !name.hasSuffix("Session/Surroundings.swift") {
            for call in ["getuid(", "geteuid(", "getpwuid("] {
                #expect(!text.contains(call), "\(name) calls \(call); ask the session's IdentitySource")
            }
        }
        let surroundings = files.first { $0.name.hasSuffix("Session/Surroundings.swift") }?.text ?? ""
        #expect(surroundings.contains("getuid()"), "SystemIdentity reads the real uid")
    }

    @Test("Core reads the wall clock only in Surroundings.swift (Helpers: default arguments and time limits)")
    func clockInOneFile() {
        for (name, text) in Self.text(of: "SodiemCore") where !name.hasSuffix("Session/Surroundings.swift") {
            let lines = text.split(separator: "\n").filter { $0.contains("Date()") || $0.contains("Date.now") }
            for line in lines {
                // A signer's default argument (the CLI passes the invocation's clock) and a helper's time limit.
                let allowed = name.contains("/Helpers/") && (line.contains(": Date = Date()") || line.contains("deadline"))
                #expect(allowed, "\(name): \(line.trimmingCharacters(in: .whitespaces)) — read the session's clock")
            }
        }
    }

    @Test("the binary builds its invocation from the system's login and clock only")
    func binaryUsesTheSystem() {
        let files = Self.text(of: "SodiemCLI") + Self.text(of: "sodiem")
        #expect(!files.isEmpty)
        for (name, text) in files {
            #expect(!text.contains("FixedIdentity") && !text.contains("FixedClock"), "\(name) injects an identity or a clock")
        }
        let invocations = files.filter { $0.text.contains("Invocation(") }
        #expect(invocations.count == 1, "\(invocations.map(\.name))")
        #expect(invocations.first?.text.contains("identity: SystemIdentity(), clock: SystemClock()") == true)
    }
}
