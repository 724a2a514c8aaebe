import FoundationEssentials

/// Splits a byte stream into lines, refusing lines longer than a limit without buffering them whole: once a
/// line passes the limit its bytes are counted and dropped until the next newline.
public struct LineSplitter: Sendable {
    public let maximumLineBytes: Int
    private var buffer = Data()
    private var discarding = false
    private var discarded = 0

    public init(maximumLineBytes: Int) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Feeds bytes and returns the complete lines they finish (a trailing `\r` is stripped).
    public mutating func feed(_ bytes: Data) -> [IncomingLine] {
        var out: [IncomingLine] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                append(bytes[start...], into: &out)
                break
            }
            append(bytes[start..<newline], into: &out)
            out.append(finishLine())
            start = bytes.index(after: newline)
        }
        return out.filter { if case .line(let data) = $0 { return !data.isEmpty } else { return true } }
    }

    /// At end of input: the last line if it had no newline.
    public mutating func finish() -> IncomingLine? {
        if discarding || !buffer.isEmpty {
            let last = finishLine()
            if case .line(let data) = last, data.isEmpty { return nil }
            return last
        }
        return nil
    }

    private mutating func append(_ chunk: Data.SubSequence, into out: inout [IncomingLine]) {
        if discarding {
            discarded += chunk.count
            return
        }
        if buffer.count + chunk.count > maximumLineBytes {
            discarding = true
            discarded = buffer.count + chunk.count
            buffer = Data()
            return
        }
        buffer.append(contentsOf: chunk)
    }

    private mutating func finishLine() -> IncomingLine {
        if discarding {
            let count = discarded
            discarding = false
            discarded = 0
            return .tooLong(byteCount: count)
        }
        var line = buffer
        buffer = Data()
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return .line(line)
    }
}
