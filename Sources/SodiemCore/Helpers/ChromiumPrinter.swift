import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel
import SodiemRules
import SodiemDocuments
import SodiemStore

/// Prints an HTML document to PDF through headless Chromium (cli.md, Printing: PDF).
///
/// Chromium runs with `--no-pdf-header-footer` (else it stamps the date, title and URL on every
/// page), a fresh private profile, no network for the page (the HTML is self-contained), and a
/// time limit. The PDF's title is the HTML `<title>`, which Chromium puts in the Info dictionary.
public enum ChromiumPrinter {
    /// The PDF of `html`; 69 without Chromium, 74 when it fails.
    public static func pdf(html: String, timeLimit: Double = 120,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws(SodiemError) -> Data {
        let chromium = try HelperProgram.chromium(environment: environment)
        let folder = try PrivateFolder()
        defer { folder.remove() }
        try folder.write("document.html", Data(html.utf8))
        let output = folder.file("document.pdf")
        let outcome = try chromium.run([
            "--headless", "--no-sandbox", "--no-pdf-header-footer", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-sync", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
            "--user-data-dir=" + folder.file("profile"),
            "--print-to-pdf=" + output,
            "file://" + folder.file("document.html"),
        ], in: folder, timeLimit: timeLimit)
        guard let pdf = folder.read("document.pdf"), pdf.starts(with: Array("%PDF-".utf8)) else {
            throw SodiemError.io(Message(
                vi: "Chromium không in được PDF (mã \(outcome.status)): \(outcome.errorText.suffix(400))",
                en: "Chromium did not print the PDF (status \(outcome.status)): \(outcome.errorText.suffix(400))"))
        }
        return pdf
    }
}
