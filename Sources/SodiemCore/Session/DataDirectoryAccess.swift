import Foundation
import SodiemBasics
import SodiemStore

extension SodiemError {
    /// Why a data directory cannot be opened: this login cannot reach it (a registered teacher
    /// outside the directory's group, issue 16 item 9), or it is not initialised.
    ///
    /// Reaching means searching every folder on the way and reading the directory and its
    /// `sodiem.json`; a path none of whose parts exist is simply not initialised.
    static func cannotOpen(_ directory: DataDirectory) -> SodiemError {
        let path = directory.root.path
        if let blocked = unreachable(directory) {
            let login = ProcessInfo.processInfo.userName
            // In a system install nobody joins the group: the installed files themselves are wrong.
            if SystemInstall.detect() != nil {
                return .notConfigured(
                    vi: "Bản cài đặt hệ thống không vào được thư mục dữ liệu \(path) (không có quyền với \(blocked)). Nhờ quản trị viên chạy `\(run: .checkInstall)`.",
                    en: "The system install cannot reach its data directory \(path) (no access to \(blocked)). Ask an admin to run `\(run: .checkInstall)`.")
            }
            return .notPermitted(
                vi: "Bạn (tên đăng nhập \"\(login)\") không vào được thư mục dữ liệu \(path): không có quyền với \(blocked). Nhờ quản trị viên thêm tên đăng nhập vào nhóm của thư mục dữ liệu (README: dùng chung thư mục qua một nhóm), rồi đăng nhập lại.",
                en: "You (login \"\(login)\") cannot reach the data directory \(path): no access to \(blocked). Ask an admin to add your login to the data directory's group (README: sharing the directory through a group), then log in again.")
        }
        return notInitialised(path)
    }

    /// The first entry on the way to the data directory this process may not use, if any.
    private static func unreachable(_ directory: DataDirectory) -> String? {
        let manager = FileManager.default
        let root = directory.root.standardizedFileURL
        // The nearest existing folder on the way must be searchable (and the directory readable).
        var url = root
        while !manager.fileExists(atPath: url.path) {
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
        var ancestor = url
        var chain: [URL] = []
        while true {
            chain.append(ancestor)
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { break }
            ancestor = parent
        }
        for folder in chain.reversed() where access(folder.path, X_OK) != 0 { return folder.path }
        if url.path == root.path {
            if access(root.path, R_OK | X_OK) != 0 { return root.path }
            let school = directory.schoolFile.path
            if manager.fileExists(atPath: school), access(school, R_OK) != 0 { return school }
        }
        return nil
    }
}
