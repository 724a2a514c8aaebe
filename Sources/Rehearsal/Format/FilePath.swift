import FoundationEssentials

/// Path text operations on `/`-separated paths, as the scenario runner needs them (FoundationEssentials has no
/// `NSString` path methods). Paths are not normalised: what the user typed is what they see in messages.
enum FilePath {
    /// The folder part of `path`: `a/b.json` → `a`, `b.json` → `` (the current folder).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `name` inside `folder` (an empty folder leaves `name` as it is).
    static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || name.hasPrefix("/") { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The last component without its extension: `a/b.json` → `b`.
    static func baseName(of path: String) -> String {
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
