import Foundation
import SodiemBasics
import SodiemFormats
import SodiemModel

/// Why the body of an event cannot be read as its action's type: the field (a dotted path for a
/// nested member, `students.HS0001.name`) and what is wrong with it. `verify` reports it as a
/// finding of the line; replay refuses the event rather than read a default in its place.
package struct EventBodyProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the field.
    package enum Kind: Sendable, Equatable {
        /// A field the type requires is not there.
        case missing
        /// The field is there with a value of another kind: what it must be, and the value cut short.
        case wrongKind(expected: Message, found: String)
        /// A field the type does not have.
        case unknown
    }

    /// The action whose body it is.
    package var action: Action
    /// The field: its name at the top level, a dotted path below it.
    package var path: String
    /// What is wrong.
    package var kind: Kind

    /// A problem of the field at `path`.
    package init(action: Action, path: String, kind: Kind) {
        self.action = action
        self.path = path
        self.kind = kind
    }

    /// The problem in both languages, as the finding of `verify` words it.
    package var message: Message {
        let name = EventBodyProblem.cut(path)
        let action = action.rawValue
        switch kind {
        case .missing:
            return Message(vi: "\(action) thiếu `\(name)`.", en: "\(action) lacks `\(name)`.")
        case .wrongKind(let expected, let found):
            return Message(vi: "`\(name)` của \(action) là \(found), không phải \(expected.vi).",
                           en: "the `\(name)` of \(action) is \(found), not \(expected.en).")
        case .unknown:
            return Message(vi: "\(action) có trường lạ `\(name)`.", en: "\(action) has an unknown field `\(name)`.")
        }
    }

    /// The English wording.
    package var description: String { message.en }

    /// A name or value as it stands in the line, cut short so that a forged line is never echoed whole.
    package static func cut(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

/// Reads the members of one JSON object of an event body strictly: each read names the member,
/// a missing or mistyped member throws, and `finish()` throws for a member nobody read.
package struct FieldReader {
    /// The action whose body is read (for the problem's wording).
    package let action: Action
    /// The members of the object.
    package let members: [String: JSON]
    /// The path of the object itself ("" for the body).
    package let path: String
    /// The names read (an array: a body's object has a handful of members, and a sheet has
    /// hundreds of such objects, for which a set's hashing cost more than the reading).
    private var read: [String] = []

    /// A reader of the object's members.
    package init(action: Action, members: [String: JSON], path: String = "") {
        self.action = action
        self.members = members
        self.path = path
    }

    /// The path of a member of this object.
    package func path(of name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    private func problem(_ name: String, _ kind: EventBodyProblem.Kind) -> EventBodyProblem {
        EventBodyProblem(action: action, path: path(of: name), kind: kind)
    }

    private func wrong(_ name: String, _ value: JSON, _ kind: FieldKind) -> EventBodyProblem {
        problem(name, .wrongKind(expected: kind.expected, found: EventBodyProblem.cut(value.compactString())))
    }

    /// True when the object has the member (any value, `null` included).
    package func has(_ name: String) -> Bool { members[name] != nil }

    /// A member that must be there, converted by `convert` (nil: not of `kind`).
    package mutating func required<T>(_ name: String, _ kind: FieldKind, _ convert: (JSON) -> T?) throws(EventBodyProblem) -> T {
        read.append(name)
        guard let value = members[name] else { throw problem(name, .missing) }
        guard let converted = convert(value) else { throw wrong(name, value, kind) }
        return converted
    }

    /// A member written only in some cases: nil when absent; when present it must be of `kind`.
    package mutating func optional<T>(_ name: String, _ kind: FieldKind, _ convert: (JSON) -> T?) throws(EventBodyProblem) -> T? {
        guard members[name] != nil else { read.append(name); return nil }
        return try required(name, kind, convert)
    }

    /// A member that must be there, holding `kind` or `null` (nil).
    package mutating func nullable<T>(_ name: String, _ kind: FieldKind, _ convert: (JSON) -> T?) throws(EventBodyProblem) -> T? {
        read.append(name)
        guard let value = members[name] else { throw problem(name, .missing) }
        if value.isNull { return nil }
        guard let converted = convert(value) else { throw wrong(name, value, .nullable(kind)) }
        return converted
    }

    /// A member that must be an object, read member by member with its own reader (finished here).
    package mutating func object<T>(_ name: String, _ decode: (inout FieldReader) throws(EventBodyProblem) -> T) throws(EventBodyProblem) -> T {
        let members = try required(name, .object, \.object)
        var nested = FieldReader(action: action, members: members, path: path(of: name))
        let value = try decode(&nested)
        try nested.finish()
        return value
    }

    /// An optional member that is an object when present.
    package mutating func optionalObject<T>(_ name: String, _ decode: (inout FieldReader) throws(EventBodyProblem) -> T) throws(EventBodyProblem) -> T? {
        guard members[name] != nil else { read.append(name); return nil }
        return try object(name, decode)
    }

    /// A member that must be an object or `null`.
    package mutating func nullableObject<T>(_ name: String, _ decode: (inout FieldReader) throws(EventBodyProblem) -> T) throws(EventBodyProblem) -> T? {
        read.append(name)
        guard let value = members[name] else { throw problem(name, .missing) }
        if value.isNull { return nil }
        return try object(name, decode)
    }

    /// A member that must be an object whose every member (a key chosen by the writer: an ID, a
    /// class) is read by `decode` with its own reader.
    package mutating func map<T>(_ name: String, _ decode: (inout FieldReader) throws(EventBodyProblem) -> T) throws(EventBodyProblem) -> [String: T] {
        let members = try required(name, .object, \.object)
        var result: [String: T] = [:]
        for key in JSON.sortedKeys(members) {
            let value = members[key]!
            let keyPath = path(of: name) + "." + key
            guard let inner = value.object else {
                throw EventBodyProblem(action: action, path: keyPath,
                                       kind: .wrongKind(expected: FieldKind.object.expected, found: EventBodyProblem.cut(value.compactString())))
            }
            var nested = FieldReader(action: action, members: inner, path: keyPath)
            result[key] = try decode(&nested)
            try nested.finish()
        }
        return result
    }

    /// An optional member that is such a map when present.
    package mutating func optionalMap<T>(_ name: String, _ decode: (inout FieldReader) throws(EventBodyProblem) -> T) throws(EventBodyProblem) -> [String: T]? {
        guard members[name] != nil else { read.append(name); return nil }
        return try map(name, decode)
    }

    /// A member that must be an object whose members are all of one leaf kind (`{ID: "6A1"}`).
    package mutating func values<T>(_ name: String, _ kind: FieldKind, _ convert: (JSON) -> T?) throws(EventBodyProblem) -> [String: T] {
        let members = try required(name, .object, \.object)
        var result: [String: T] = [:]
        for key in JSON.sortedKeys(members) {
            let value = members[key]!
            guard let converted = convert(value) else {
                throw EventBodyProblem(action: action, path: path(of: name) + "." + key,
                                       kind: .wrongKind(expected: kind.expected, found: EventBodyProblem.cut(value.compactString())))
            }
            result[key] = converted
        }
        return result
    }

    /// An optional member that is such an object of leaves when present.
    package mutating func optionalValues<T>(_ name: String, _ kind: FieldKind, _ convert: (JSON) -> T?) throws(EventBodyProblem) -> [String: T]? {
        guard members[name] != nil else { read.append(name); return nil }
        return try values(name, kind, convert)
    }

    /// A member that must be an array whose elements are all of one leaf kind.
    package mutating func list<T>(_ name: String, _ kind: FieldKind, _ convert: (JSON) -> T?) throws(EventBodyProblem) -> [T] {
        let elements = try required(name, .array, \.array)
        var result: [T] = []
        for (index, element) in elements.enumerated() {
            guard let converted = convert(element) else {
                throw EventBodyProblem(action: action, path: "\(path(of: name)).\(index)",
                                       kind: .wrongKind(expected: kind.expected, found: EventBodyProblem.cut(element.compactString())))
            }
            result.append(converted)
        }
        return result
    }

    /// An optional member that is such an array when present.
    package mutating func optionalList<T>(_ name: String, _ kind: FieldKind, _ convert: (JSON) -> T?) throws(EventBodyProblem) -> [T]? {
        guard members[name] != nil else { read.append(name); return nil }
        return try list(name, kind, convert)
    }

    /// A member that must be an array of objects, each read by `decode` with its own reader.
    package mutating func records<T>(_ name: String, _ decode: (inout FieldReader) throws(EventBodyProblem) -> T) throws(EventBodyProblem) -> [T] {
        let elements = try required(name, .array, \.array)
        var result: [T] = []
        for (index, element) in elements.enumerated() {
            let elementPath = "\(path(of: name)).\(index)"
            guard let inner = element.object else {
                throw EventBodyProblem(action: action, path: elementPath,
                                       kind: .wrongKind(expected: FieldKind.object.expected, found: EventBodyProblem.cut(element.compactString())))
            }
            var nested = FieldReader(action: action, members: inner, path: elementPath)
            result.append(try decode(&nested))
            try nested.finish()
        }
        return result
    }

    /// Counts every member as read: after `requireCanonical` has held the whole object to its form.
    package mutating func acceptAll() { read.append(contentsOf: members.keys) }

    /// Throws for the first member (in key order) that no read named.
    package func finish() throws(EventBodyProblem) {
        if members.keys.allSatisfy(read.contains) { return }   // the usual case, without sorting
        for key in JSON.sortedKeys(members) where !read.contains(key) {
            throw problem(key, .unknown)
        }
    }

    /// Requires that `raw` is exactly what `canonical` writes: for the members a model type maps
    /// (a calendar, an account), whose reading is lenient. Names the first member that differs.
    package func requireCanonical(_ name: String?, raw: JSON, canonical: JSON) throws(EventBodyProblem) {
        if let difference = FieldReader.difference(raw, canonical, path: name.map(path(of:)) ?? path) {
            throw EventBodyProblem(action: action, path: difference.path, kind: difference.kind)
        }
    }

    /// The first place where `raw` departs from `canonical`, in key order.
    private static func difference(_ raw: JSON, _ canonical: JSON, path: String) -> (path: String, kind: EventBodyProblem.Kind)? {
        switch (raw, canonical) {
        case (.object(let given), .object(let expected)):
            for key in JSON.sortedKeys(given.merging(expected) { a, _ in a }) {
                let inner = path.isEmpty ? key : "\(path).\(key)"
                switch (given[key], expected[key]) {
                case (nil, _): return (inner, .missing)
                case (_, nil): return (inner, .unknown)
                case (let a?, let b?):
                    if let found = difference(a, b, path: inner) { return found }
                }
            }
            return nil
        case (.array(let given), .array(let expected)) where given.count == expected.count:
            for (index, pair) in zip(given, expected).enumerated() {
                if let found = difference(pair.0, pair.1, path: "\(path).\(index)") { return found }
            }
            return nil
        default:
            if raw == canonical { return nil }
            let expected = Message(vi: canonical.compactString(), en: canonical.compactString())
            return (path, .wrongKind(expected: Message(vi: EventBodyProblem.cut(expected.vi), en: EventBodyProblem.cut(expected.en)),
                                     found: EventBodyProblem.cut(raw.compactString())))
        }
    }
}

/// The converters of the leaf kinds, as `FieldReader` takes them.
package enum Leaf {
    /// A string.
    package static func string(_ value: JSON) -> String? { value.string }
    /// An integer.
    package static func int(_ value: JSON) -> Int? { value.int }
    /// `true` or `false`.
    package static func bool(_ value: JSON) -> Bool? { value.bool }
    /// A day in its stored form `yyyy-mm-dd` (not the Vietnamese dd/mm/yyyy, which no event holds).
    package static func day(_ value: JSON) -> Day? {
        guard let text = value.string, let day = Day(text), day.description == text else { return nil }
        return day
    }
    /// A month `yyyy-mm`, kept as its text.
    package static func month(_ value: JSON) -> String? { FieldKind.month.accepts(value) ? value.string : nil }
    /// A term, 1 or 2.
    package static func term(_ value: JSON) -> Term? { value.int.flatMap(Term.init(rawValue:)) }
    /// A mark: a score as a number, or `"Đ"`, `"CĐ"`, `"vắng"`.
    package static func mark(_ value: JSON) -> Mark? { Mark(json: value) }
    /// A score column in its stored form (`tx1`, `gk`, `ck`).
    package static func column(_ value: JSON) -> Column? { value.string.flatMap(Column.init) }
    /// One of the strings.
    package static func oneOf(_ choices: [String]) -> (JSON) -> String? { { value in value.string.flatMap { choices.contains($0) ? $0 : nil } } }
    /// A string or `null` (a member whose value may be null: the inner optional).
    package static func stringOrNull(_ value: JSON) -> String?? {
        if value.isNull { return .some(nil) }
        return value.string.map { .some($0) }
    }
}
