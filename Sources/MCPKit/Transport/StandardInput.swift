import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// MCP's stdio transport, input side: lines from standard input, read by a dedicated thread (a blocking `read`
/// must not occupy one of the few cooperative threads). The output side is a `FileDescriptorWriter` on standard
/// output, which nothing else may write to. `MCPServer.serveStandardIO` joins the two.
enum StandardInput {
    /// Reads standard input on a thread of its own and hands each line to `deliver` on that thread, in order, then
    /// nil at EOF. `deliver` may block: the next read waits for it.
    static func read(maximumLineBytes: Int, deliver: @escaping @Sendable (IncomingLine?) -> Void) {
        // A serial queue of its own is served by a dedicated (overcommit) thread, never a cooperative one.
        DispatchQueue(label: "mcp-stdin").async {
            var splitter = LineSplitter(maximumLineBytes: maximumLineBytes)
            let capacity = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
            defer { buffer.deallocate() }
            while true {
                #if canImport(Glibc)
                    let count = Glibc.read(STDIN_FILENO, buffer, capacity)
                #else
                    let count = Darwin.read(STDIN_FILENO, buffer, capacity)
                #endif
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                for line in splitter.feed(Data(bytes: buffer, count: count)) { deliver(line) }
            }
            if let last = splitter.finish() { deliver(last) }
            deliver(nil)
        }
    }
}
