// swift-tools-version:6.0
import PackageDescription

// Foundation only: no package dependencies (see docs/decisions.md).
let package = Package(
    name: "sodiem",
    products: [
        .executable(name: "sodiem", targets: ["sodiem"]),
        .library(name: "SodiemCore", targets: ["SodiemCore"]),
    ],
    targets: [
        .target(name: "SodiemCore"),
        .target(name: "SodiemCLI", dependencies: ["SodiemCore"]),
        .executableTarget(name: "sodiem", dependencies: ["SodiemCLI"]),
        .testTarget(name: "SodiemCoreTests", dependencies: ["SodiemCore"]),
        .testTarget(name: "SodiemEndToEndTests", dependencies: ["SodiemCore", "sodiem"]),
    ]
)
