import Foundation
import SodiemCore

/// The entry point of the `sodiem` executable.
public enum SodiemCommandLine {
    /// Runs one command and exits with its code.
    public static func main() -> Never {
        exit(0)
    }
}
