import Foundation
import Testing
@testable import SodiemBasics
@testable import SodiemDocuments

/// Documents are HTML made from values: tested here without a data directory.
@Suite("Printed documents from values")
struct HTMLDocumentTests {
    @Test("escaping covers & < > \" ' and the CSS footer cannot close the style element")
    func escaping() {
        #expect(HTML.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        let doc = HTMLDocument(title: "t", footer: "x</style><script>\"\\").render()
        #expect(!doc.contains("<script"))
    }

    @Test("dates as Vietnamese documents write them; the place-and-date line with and without a day or place")
    func vietnameseDates() {
        let day = Day("2025-01-22")!
        #expect(HTMLForms.vietnameseDate(day) == "ngày 22 tháng 01 năm 2025")
        #expect(HTMLForms.placeAndDate("Xã Sông Mây", on: day) == "Xã Sông Mây, ngày 22 tháng 01 năm 2025")
        #expect(HTMLForms.placeAndDate(nil, on: day) == "Ngày 22 tháng 01 năm 2025")
        #expect(HTMLForms.placeAndDate(nil) == "……………, ngày …… tháng …… năm 20……")
    }

    @Test("the footer anchors the paper to the log: event number and hash")
    func footer() {
        let text = HTMLDocument.footer(school: "Trường THCS Thử", document: "Sổ điểm", anchor: (seq: 42, hash: "0123456789abcdef"))
        #expect(text == "Trường THCS Thử · Sổ điểm · nhật kí: sự kiện số 42, mã băm 0123456789abcdef")
    }
}
