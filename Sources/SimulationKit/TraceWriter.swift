import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a simulation trace as JSON lines with sorted keys and ISO-8601 millisecond dates, so two runs with the
/// same seed produce byte-identical traces (and a golden file from another process catches ordering leaks).
public final class TraceWriter: Sendable {
    private struct State {
        var lines: [String] = []
        /// The file descriptor lines are appended to, if any.
        var descriptor: Int32?
    }

    private let state: Mutex<State>

    /// A writer that keeps lines in memory only.
    public init() {
        state = Mutex(State())
    }

    /// A writer that also appends each line to `fileURL` (created when missing).
    public init(fileURL: URL) throws {
        let descriptor = open(fileURL.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        state = Mutex(State(descriptor: descriptor))
    }

    /// The encoder every trace line goes through: sorted keys, explicit date format.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }

    /// A date as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC, computed without locale or formatter state.
    public static func formatDate(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let days = Int64((Double(millis) / 86_400_000).rounded(.down))
        let msOfDay = millis - days * 86_400_000
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let hour = msOfDay / 3_600_000
        let minute = msOfDay / 60000 % 60
        let second = msOfDay / 1000 % 60
        let ms = msOfDay % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
            + "\(pad(second, 2)).\(pad(ms, 3))Z"
    }

    /// Gregorian (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    public static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Encodes `event` as one line and records it.
    public func record<Event: Encodable>(_ event: Event) throws {
        let data = try Self.makeEncoder().encode(event)
        let line = String(decoding: data, as: UTF8.self)
        try state.withLock { current in
            current.lines.append(line)
            guard let descriptor = current.descriptor else { return }
            var bytes = Array((line + "\n").utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                bytes = bytes.dropFirst(written)
            }
        }
    }

    /// Every line recorded so far, oldest first.
    public var lines: [String] { state.withLock { $0.lines } }

    /// The whole trace as text, one JSON object per line.
    public var text: String { lines.map { $0 + "\n" }.joined() }

    /// Flushes and closes the file, if any.
    public func close() throws {
        try state.withLock { current in
            guard let descriptor = current.descriptor else { return }
            current.descriptor = nil
            let synced = fsync(descriptor) == 0
            let failure = errno
            _ = Glibc.close(descriptor)
            if !synced { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        }
    }
}
