import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore
import SodiemCore
import SodiemExampleSchool

/// Option values shared by the lock and correction commands.
extension Arguments {
    /// The request number, the command's one positional argument (64 when missing or not a number).
    func requestNumber(command: String) throws(SodiemError) -> Int {
        guard let text = positionals.first else {
            throw SodiemError.usage(Message(vi: "Lệnh \(command) cần số của đề nghị sửa điểm (xem `sodiem fixes`).",
                                            en: "The command \(command) needs the number of the correction request (see `sodiem fixes`)."))
        }
        guard let number = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text), number > 0 else {
            throw SodiemError.usage(Message(vi: "\"\(text)\" không phải số đề nghị (1, 2, …).", en: "\"\(text)\" is not a request number (1, 2, …)."))
        }
        return number
    }
}
