import SodiemBasics

/// The refusals of Core met most often, by situation: each with its exit category and its text.
/// What to run next is a `NextStep` the CLI spells (Core never names a command or an option).
package enum CoreError: Situation {
    /// The data directory has no school yet (78).
    case notInitialised(path: String)
    /// The school has no current year and the command named none (78).
    case noCurrentYear
    /// The school has no year of that name (78).
    case noSuchYear(String)
    /// The year lists the class but its file is missing (65).
    case classFileMissing(className: String, year: String)
    /// The year has no class of that name (66).
    case noSuchClass(className: String, year: String)
    /// No account has that id (66).
    case unknownAccount(String)
    /// The class has no student of that id (66).
    case noSuchStudent(student: String, className: String)
    /// The year has no correction request of that number (66).
    case noSuchRequest(id: Int, year: String)
    /// The OS login is not mapped to an account (77).
    case unregisteredOSUser(String)
    /// The year is sealed and takes only corrections, decisions, signatures and commendations (77).
    case yearSealed(year: String, seq: Int)

    package var category: SodiemError.Category {
        switch self {
        case .notInitialised, .noCurrentYear, .noSuchYear: .notConfigured
        case .classFileMissing: .badData
        case .noSuchClass, .unknownAccount, .noSuchStudent, .noSuchRequest: .notFound
        case .unregisteredOSUser, .yearSealed: .notPermitted
        }
    }

    package var message: Message {
        switch self {
        case .notInitialised(let path):
            return Message(vi: "Thư mục dữ liệu \(path) chưa được khởi tạo. Chạy `\(run: .initialise)` (hoặc chỉ đúng \(option: .data)).",
                           en: "The data directory \(path) is not initialised. Run `\(run: .initialise)` (or point \(option: .data) at the right one).")
        case .noCurrentYear:
            return Message(vi: "Chưa có năm học hiện tại. Tạo bằng `\(run: .createCurrentYear)`.",
                           en: "There is no current school year. Create one with `\(run: .createCurrentYear)`.")
        case .noSuchYear(let name):
            return Message(vi: "Không có năm học \(name). Xem `\(run: .showYears)`.", en: "There is no school year \(name). See `\(run: .showYears)`.")
        case .classFileMissing(let className, let year):
            return Message(vi: "Lớp \(className) có trong year.json nhưng tệp years/\(year)/classes/\(className).json bị thiếu. Chạy `\(run: .verify)`; khôi phục từ bản lưu bằng `\(run: .restore)`.",
                           en: "The class \(className) is in year.json but years/\(year)/classes/\(className).json is missing. Run `\(run: .verify)`; restore from an archive with `\(run: .restore)`.")
        case .noSuchClass(let className, let year):
            return Message(vi: "Không có lớp \(className) trong năm học \(year). Xem `\(run: .listClasses)`.",
                           en: "There is no class \(className) in the year \(year). See `\(run: .listClasses)`.")
        case .unknownAccount(let id):
            return Message(vi: "Không có tài khoản \(id). Xem `\(run: .listAccounts)`.", en: "There is no account \(id). See `\(run: .listAccounts)`.")
        case .noSuchStudent(let student, let className):
            return Message(vi: "Lớp \(className) không có học sinh \(student). Xem `\(run: .listStudents(className: className))`.",
                           en: "There is no student \(student) in \(className). See `\(run: .listStudents(className: className))`.")
        case .noSuchRequest(let id, let year):
            return Message(vi: "Không có đề nghị sửa điểm số \(id) trong năm học \(year). Xem `\(run: .listFixes)`.",
                           en: "There is no correction request \(id) in \(year). See `\(run: .listFixes)`.")
        case .unregisteredOSUser(let osUser):
            return Message(vi: "Người dùng hệ điều hành \"\(osUser)\" chưa được đăng kí trong sodiem. Quản trị viên đăng kí bằng: \(run: .registerOSUser(osUser: osUser))",
                           en: "The operating-system user \"\(osUser)\" is not registered in sodiem. An admin registers it with: \(run: .registerOSUser(osUser: osUser))")
        case .yearSealed(let year, let seq):
            return Message(vi: "Năm học \(year) đã niêm phong (sự kiện #\(seq)): chỉ còn nhận yêu cầu sửa điểm và quyết định duyệt, chữ kí và khen thưởng. Sửa điểm bằng `\(run: .requestFix)`.",
                           en: "The year \(year) is sealed (event #\(seq)): it accepts only correction requests and their decisions, signatures and commendations. Correct a score with `\(run: .requestFix)`.")
        }
    }
}

extension SodiemError {
    /// The error of one of Core's situations.
    package static func core(_ situation: CoreError) -> SodiemError { SodiemError(situation) }
}
