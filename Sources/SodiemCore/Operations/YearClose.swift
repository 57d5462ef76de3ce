import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// `year close`: sealed school years (data.md "History grows"; docs/data-format.md, format 2).
extension Session {
    /// What a sealed year still accepts: correction requests and their decisions (an approval
    /// applies its correction in the same event), signatures and commendations.
    /// (An array: a `Set<Action>` made every commit pay a runtime conformance search for it.)
    public static let allowedInSealedYear: [Action] = [.fixRequest, .fixApprove, .fixReject, .documentSign, .commend]

    /// `year close YYYY-YYYY` (admin): seals the year after writing a checkpoint of the whole state.
    ///
    /// Refused (65) while any term of the year is open for any class, and (77) for a year sealed
    /// already. The event records the year's final head, the SHA-256 of each of its snapshot
    /// files and of the checkpoint's manifest, and declares the data format (2).
    public func closeYear(_ name: String) throws(SodiemError) -> AuditEvent {
        try require(.setUp)
        let year = try self.year(name)
        if let seal = year.sealed {
            throw SodiemError.notPermitted(vi: "Năm học \(name) đã niêm phong (sự kiện #\(seal.seq)).",
                                           en: "The year \(name) is sealed already (event #\(seal.seq)).")
        }
        var open: [String] = []
        for term in Term.allCases {
            let classes = year.classes.keys.sorted(by: ClassNotation.precedes).filter { !year.isLocked(term, className: $0) }
            if !classes.isEmpty { open.append("HK\(term.rawValue): \(classes.joined(separator: ", "))") }
        }
        guard open.isEmpty else {
            throw SodiemError.badData(vi: "Chưa niêm phong được \(name): còn học kì chưa khoá (\(open.joined(separator: "; "))). Khoá bằng `\(run: .lockTerm(term: 1))` và `\(option: .term) 2` trước.",
                                      en: "Cannot seal \(name) yet: terms are still open (\(open.joined(separator: "; "))). Lock them with `\(run: .lockTerm(term: 1))` and `\(option: .term) 2` first.")
        }
        // Every snapshot on disk must reflect the log before it is copied into the checkpoint.
        try world.writeDirty()
        let head = tail.last?.seq ?? 0
        let checkpoint = try directory.writeCheckpoint(head: head)
        let prefix = "years/\(name)/"
        let own = checkpoint.files.filter { $0.key.hasPrefix(prefix) }
        return try commit(.yearClose(YearCloseBody(
            year: name, format: Checkpoint.formatVersion, headSeq: head, headHash: tail.lastHash, files: own,
            checkpoint: CheckpointReference(path: checkpoint.path, manifestSHA256: checkpoint.manifestSHA, files: checkpoint.files.count))))
    }

    /// Refuses (77) a change to a sealed year other than those `allowedInSealedYear` lists.
    func refuseInSealedYear(_ action: Action, _ body: [String: JSON]) throws(SodiemError) {
        guard let name = body["year"]?.string, let year = try world.year(name) else { return }
        if let refusal = Session.sealedYearRefusal(action, year) { throw refusal }
    }

    /// The refusal of `action` in `year` when the year is sealed and the action is not one it
    /// still accepts; shared by `commit` and verify's replay of the rules.
    static func sealedYearRefusal(_ action: Action, _ year: YearFile) -> SodiemError? {
        guard !allowedInSealedYear.contains(action), let seal = year.sealed else { return nil }
        let name = year.name
        return SodiemError.core(.yearSealed(year: name, seq: seal.seq))
    }
}
