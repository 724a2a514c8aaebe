import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `valet serve` child process driven over its pipes, line by line, for the benchmarks.
final class ChildServer {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = [UInt8]()
    private var cursor = 0

    init(executable: URL, arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The path of the running `valet` executable.
    static var selfExecutable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Reads one line of the server's output (blocking).
    func readLine() -> String? {
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer[cursor...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[cursor..<newline], as: UTF8.self)
                cursor = newline + 1
                if cursor > 65_536 {
                    buffer.removeFirst(cursor)
                    cursor = 0
                }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Peak resident memory of the child in KiB (VmHWM), read from /proc.
    var peakResidentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }

    /// Closes the server's input (EOF) and waits for it to exit.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
