import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A recorded conversation with a gateway: the exchanges `RecordingTransport` wrote and `ReplayTransport`
/// plays back, stored as pretty-printed JSON with sorted keys so files diff cleanly and never depend on
/// dictionary order.
public struct Cassette: Codable, Sendable, Equatable {
    /// The format version this code writes and reads.
    public static let currentVersion = 1

    /// Format version of the file; a reader refuses versions it does not know.
    public var version: Int
    /// Free text: where the exchanges come from (e.g. which reference example a hand-made cassette follows).
    public var note: String?
    /// The exchanges in the order they happened.
    public var exchanges: [Exchange]

    public init(version: Int = Cassette.currentVersion, note: String? = nil, exchanges: [Exchange] = []) {
        self.version = version
        self.note = note
        self.exchanges = exchanges
    }

    /// Reads and validates a cassette file.
    /// - Throws: `TransportError` with code `.cassette` when the file is missing, not a cassette, or of an
    ///   unknown version.
    public static func load(from url: URL) throws -> Cassette {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TransportError(
                code: .cassette, message: "cannot read the cassette \(url.path): \(Self.describe(error)).",
                hint: "check the path \(url.path); to record a cassette there, run `valet serve --gateway twin "
                    + "--record \(url.path)` (or `--gateway live`) and drive it through a session, then replay it "
                    + "with `valet serve --gateway replay:\(url.path)`")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes a cassette from JSON bytes; `source` names it in error messages.
    public static func decode(_ data: Data, source: String = "cassette") throws -> Cassette {
        let cassette: Cassette
        do {
            // The byte-level reader, not JSONDecoder: 16 MB decode in a fraction of the time, same values.
            cassette = try CassetteReader.cassette(from: data)
        } catch {
            throw TransportError(
                code: .cassette, message: "\(source) is not a valid cassette: \(error.description).",
                hint: "fix the JSON by hand at that byte or re-record it; the format is documented on `Cassette`")
        }
        guard cassette.version == currentVersion else {
            throw TransportError(
                code: .cassette,
                message:
                    "\(source) has cassette version \(cassette.version); this build reads version \(currentVersion).",
                hint: "re-record the cassette with this build")
        }
        return cassette
    }

    /// The cassette as pretty-printed JSON with sorted keys (a trailing newline included).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Writes the cassette atomically: to a temporary file in the same folder, then renamed over `url`, so a
    /// reader never sees half a file and a crash never leaves one.
    /// - Throws: `TransportError` with code `.cassette` when the folder is not writable.
    public func write(to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try encoded().write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw TransportError(
                code: .cassette, message: "cannot write the cassette \(url.path): \(Self.describe(error)).",
                hint: "check that \(folder.path) exists and is writable")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw TransportError(
                code: .cassette, message: "cannot move the new cassette into place at \(url.path): \(reason).",
                hint: "check that \(folder.path) is writable and on one file system")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing `\(key.stringValue)` at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.debugDescription) at \(path(context))"
        case DecodingError.dataCorrupted(let context):
            "\(context.debugDescription) at \(path(context))"
        case let posix as POSIXError:
            POSIXSocket.errorText(posix.code.rawValue)
        case let cocoa as CocoaError where cocoa.underlying is POSIXError:
            POSIXSocket.errorText((cocoa.underlying as? POSIXError)?.code.rawValue ?? 0)
        default:
            "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top level" : path
    }
}
