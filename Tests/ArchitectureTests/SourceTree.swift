import Foundation

/// Reads the package's own source files, so the architecture tests check the tree as it is on disk.
enum SourceTree {
    /// The package root, found from this file's location (Tests/ArchitectureTests/SourceTree.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The module folders under Sources/.
    static func modules() throws -> [String] {
        let sources = root.appendingPathComponent("Sources")
        return try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted()
    }

    /// Every `.swift` file below `Sources/<module>` (or `<top>/<module>`), with its text, in path order.
    static func files(in module: String, top: String = "Sources") throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent(top).appendingPathComponent(module)
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [(String, String)] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let url = folder.appendingPathComponent(relative)
            found.append(("\(top)/\(module)/\(relative)", try String(contentsOf: url, encoding: .utf8)))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// The modules named by `import` lines (with any attribute or access modifier before `import`).
    static func imports(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let at = words.firstIndex(of: "import"), at + 1 < words.count else { return nil }
            let before = words[..<at]
            let allowed: Set<String> = ["@testable", "@_exported", "@preconcurrency", "public", "internal", "package"]
            guard before.allSatisfy({ allowed.contains($0) || $0.hasPrefix("@_") }) else { return nil }
            var name = words[at + 1]
            if ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"].contains(name),
                at + 2 < words.count
            {
                name = words[at + 2]
            }
            return String(name.split(separator: ".").first ?? Substring(name))
        }
    }
}
