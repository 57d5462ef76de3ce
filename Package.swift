// swift-tools-version:6.0
import PackageDescription

// Foundation only: no package dependencies (see docs/decisions.md).
//
// Layers, lowest first; a target depends only on targets below it (docs/architecture.md):
//   SodiemBasics      messages and errors, days and instants, Vietnamese text, identifiers
//   SodiemFormats     JSON, CSV, ZIP, SHA-256, CRC-32, RFC 5322 — no domain types
//   SodiemModel       the school's records: marks, accounts, years, classes, fixes
//   SodiemRules       Thông tư 22 and deadlines — pure: no files, no clock, no environment
//   SodiemDocuments   printed documents as HTML from values — pure as well
//   SodiemStore       the data directory, locks, the audit log, replay, the verify engine
//   SodiemCore        sessions, identity, permissions, what commands do
//   SodiemExampleSchool  the made-up school of the demo
//   SodiemCLI         parsing, help, rendering, exit codes
//   sodiem            main.swift
// Generic types such as `[Term: TermDates]` get their run-time metadata through direct accessor
// calls instead of mangled names: a mangled name makes the runtime check each requirement
// (`Term: Hashable`) by searching every conformance record of the static binary, about a third
// of a million instructions per key type, on every command (docs/performance.md, "Generic
// metadata without a search").
let speed: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]

let package = Package(
    name: "sodiem",
    products: [
        .executable(name: "sodiem", targets: ["sodiem"]),
        .library(name: "SodiemCore", targets: ["SodiemCore"]),
    ],
    targets: [
        .target(name: "SodiemBasics", swiftSettings: speed),
        .target(name: "SodiemFormats", dependencies: ["SodiemBasics"], swiftSettings: speed),
        .target(name: "SodiemModel", dependencies: ["SodiemBasics", "SodiemFormats"], swiftSettings: speed),
        .target(name: "SodiemRules", dependencies: ["SodiemBasics", "SodiemModel"], swiftSettings: speed),
        .target(name: "SodiemDocuments", dependencies: ["SodiemBasics", "SodiemModel", "SodiemRules"], swiftSettings: speed),
        .target(name: "SodiemStore", dependencies: ["SodiemBasics", "SodiemFormats", "SodiemModel"], swiftSettings: speed),
        .target(name: "SodiemCore",
                dependencies: ["SodiemBasics", "SodiemFormats", "SodiemModel", "SodiemRules", "SodiemDocuments", "SodiemStore"], swiftSettings: speed),
        .target(name: "SodiemExampleSchool", dependencies: ["SodiemBasics", "SodiemModel", "SodiemRules", "SodiemCore"], swiftSettings: speed),
        .target(name: "SodiemCLI",
                dependencies: ["SodiemBasics", "SodiemFormats", "SodiemModel", "SodiemRules", "SodiemDocuments",
                               "SodiemStore", "SodiemCore", "SodiemExampleSchool"], swiftSettings: speed),
        .executableTarget(name: "sodiem", dependencies: ["SodiemCLI"], swiftSettings: speed),
        .testTarget(name: "SodiemBasicsTests", dependencies: ["SodiemBasics"]),
        .testTarget(name: "SodiemFormatsTests", dependencies: ["SodiemBasics", "SodiemFormats"]),
        .testTarget(name: "SodiemModelTests", dependencies: ["SodiemBasics", "SodiemModel"]),
        .testTarget(name: "SodiemRulesTests", dependencies: ["SodiemBasics", "SodiemModel", "SodiemRules"]),
        .testTarget(name: "SodiemDocumentsTests", dependencies: ["SodiemBasics", "SodiemModel", "SodiemRules", "SodiemDocuments"]),
        .testTarget(name: "SodiemStoreTests", dependencies: ["SodiemBasics", "SodiemFormats", "SodiemModel", "SodiemStore"]),
        .testTarget(name: "SodiemCoreTests",
                    dependencies: ["SodiemBasics", "SodiemFormats", "SodiemModel", "SodiemRules", "SodiemDocuments",
                                   "SodiemStore", "SodiemCore"]),
        .testTarget(name: "SodiemCLITests",
                    dependencies: ["SodiemBasics", "SodiemModel", "SodiemRules", "SodiemStore", "SodiemCore", "SodiemCLI"]),
        .testTarget(name: "SodiemEndToEndTests",
                    dependencies: ["SodiemBasics", "SodiemFormats", "SodiemModel", "SodiemRules", "SodiemDocuments",
                                   "SodiemStore", "SodiemCore", "sodiem"]),
    ]
)
