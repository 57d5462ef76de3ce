// Times sodiem's JSON codec against Foundation's on a full class file. Not part of any target:
// Tests/Benchmarks/bench-codec.sh compiles it with SodiemCore's sources (swiftc -O) and runs it.
import Foundation

struct CodecBenchmark {
    struct Marks: Codable { var tx: [Double?]; var gk: Double?; var ck: Double? }
    struct Student: Codable { var name: String; var particulars: [String: String]; var scores: [String: [String: Marks]] }
    struct ClassDoc: Codable { var `class`: String; var grade: Int; var seq: Int; var students: [String: Student] }

    /// A class of 40 made-up students with a whole year of scores in 12 subjects.
    static func classFile() -> Data {
        let subjects = ["toan", "ngu-van", "tieng-anh", "khtn", "lich-su-dia-li", "gdcd", "cong-nghe", "tin-hoc",
                        "gdtc", "nghe-thuat", "hdtn", "gddp"]
        var students: [String: JSON] = [:]
        for i in 1...40 {
            var scores: [String: JSON] = [:]
            for (k, subject) in subjects.enumerated() {
                var terms: [String: JSON] = [:]
                for term in ["1", "2"] {
                    terms[term] = .object(["tx": .array((0..<4).map { .tenths(50 + (i * 7 + k * 3 + $0 * 11) % 50) }),
                                           "gk": .tenths(60 + (i + k) % 40), "ck": .tenths(55 + (i * 3 + k) % 45)])
                }
                scores[subject] = .object(terms)
            }
            students[String(format: "HS%04d", i)] = .object([
                "name": .string(["Nguyễn Văn An", "Trần Thị Ánh", "Lê Đức Bình", "Phạm Ngọc Dũng"][i % 4]),
                "particulars": .object(["ngay_sinh": .string("2012-03-\(10 + i % 18)"), "gioi_tinh": .string(i % 2 == 0 ? "Nam" : "Nữ"),
                                        "dan_toc": .string("Kinh"), "dia_chi": .string("thôn Thượng, xã Sông Mây")]),
                "scores": .object(scores),
            ])
        }
        return JSON.object(["class": .string("6A1"), "grade": .int(6), "seq": .int(1234), "students": .object(students)]).prettyData()
    }

    func time(_ label: String, _ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let median = samples.sorted()[runs / 2]
        print("codec: \(label): median \(String(format: "%.3f", median)) ms over \(runs) runs")
        return median
    }

        func compare() throws {
        let data = CodecBenchmark.classFile()
        print("codec: class file of \(data.count) bytes")
        let runs = 50
        let oursDecode = try time("ours, decode (JSON.parse)", runs) { _ = try JSON.parse(data) }
        let value = try JSON.parse(data)
        let oursEncode = time("ours, encode (prettyData)", runs) { _ = value.prettyData() }
        let serialDecode = try time("JSONSerialization, decode", runs) { _ = try JSONSerialization.jsonObject(with: data) }
        let object = try JSONSerialization.jsonObject(with: data)
        let serialEncode = try time("JSONSerialization, encode (pretty, sorted)", runs) {
            _ = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        }
        let decoder = JSONDecoder()
        let codableDecode = try time("JSONDecoder (Codable), decode", runs) { _ = try decoder.decode(ClassDoc.self, from: data) }
        let doc = try decoder.decode(ClassDoc.self, from: data)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let codableEncode = try time("JSONEncoder (Codable), encode (pretty, sorted)", runs) { _ = try encoder.encode(doc) }
        print("codec: round trip ours \(String(format: "%.2f", oursDecode + oursEncode)) ms, JSONSerialization \(String(format: "%.2f", serialDecode + serialEncode)) ms, Codable \(String(format: "%.2f", codableDecode + codableEncode)) ms")
        // What Double does to scores: 8.0 comes back as 8 through Foundation; ours keeps the text.
        let reencoded = String(decoding: try encoder.encode(doc), as: UTF8.self)
        print("codec: Foundation writes whole scores without the decimal: \(!reencoded.contains(".0,") && !reencoded.contains(".0\n"))")
        let again = try JSON.parse(value.prettyData())
        precondition(again == value)
    }
}

do { try CodecBenchmark().compare() } catch { print("codec: failed: \(error)"); exit(1) }
