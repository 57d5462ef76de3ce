import Testing
@testable import SodiemCore
