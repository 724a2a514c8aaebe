import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// A `valet serve` child process driven over its pipes, line by line, for the benchmarks. Spawned with
/// `posix_spawn` (FoundationEssentials has no `Process`); its standard error goes to /dev/null.
final class ChildServer {
    let processIdentifier: pid_t
    private let inputDescriptor: Int32
    private let outputDescriptor: Int32
    private var buffer = [UInt8]()
    private var cursor = 0

    init(executable: URL, arguments: [String], environment: [String: String]? = nil) throws {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw BenchmarkFailure("could not create pipes") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for descriptor in input + output { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let path = executable.path
        let environment = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, &argv, &envp)
        close(input[0])
        close(output[1])
        guard status == 0 else {
            close(input[1])
            close(output[0])
            throw BenchmarkFailure("could not start \(path) (error \(status))")
        }
        processIdentifier = pid
        inputDescriptor = input[1]
        outputDescriptor = output[0]
    }

    /// The path of the running `valet` executable.
    static var selfExecutable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }

    func send(_ line: String) {
        writeLine(line, to: inputDescriptor)
    }

    /// Reads one line of the server's output (blocking).
    func readLine() -> String? {
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
            let count = chunk.withUnsafeMutableBytes { read(outputDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Peak resident memory of the child in KiB (VmHWM), read from /proc.
    var peakResidentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(processIdentifier)/status", encoding: .utf8)
        else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }

    /// Closes the server's input (EOF) and waits for it to exit.
    func finish() {
        close(inputDescriptor)
        var status: Int32 = 0
        while waitpid(processIdentifier, &status, 0) < 0 && errno == EINTR {}
        close(outputDescriptor)
    }
}
