#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the POSIX socket calls the loopback server needs, hiding the Glibc/Darwin differences.
enum POSIXSocket {
    /// Outcome of one `recv`.
    enum ReadResult {
        case bytes(Int)
        case closed
        case timedOut
        case failed(Int32)
    }

    static func makeStreamSocket() -> Int32 {
        #if os(Linux)
            socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) {
        var value = value
        _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sets both the receive and send timeouts, so neither a silent nor a non-reading client pins a thread.
    static func setTimeouts(_ fd: Int32, seconds: Int) {
        var interval = timeval(tv_sec: max(1, seconds), tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    static func disableNagle(_ fd: Int32) {
        setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
    }

    static func preventSIGPIPE(_ fd: Int32) {
        #if canImport(Darwin)
            setOption(fd, level: SOL_SOCKET, name: SO_NOSIGPIPE, value: 1)
        #endif
    }

    static func bind(_ fd: Int32, host: String, port: UInt16) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return -2 }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if os(Linux)
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                    Darwin.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
    }

    static func boundPort(_ fd: Int32) -> UInt16? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return result == 0 ? UInt16(bigEndian: address.sin_port) : nil
    }

    static func accept(_ fd: Int32) -> Int32 {
        #if os(Linux)
            Glibc.accept(fd, nil, nil)
        #else
            Darwin.accept(fd, nil, nil)
        #endif
    }

    /// Reads once into `scratch`, retrying on EINTR. A keep-alive client usually sends its next request within
    /// microseconds of an answer, so the read first polls without blocking for a moment (yielding the core each
    /// time) and only then blocks: sleeping and being woken costs more than the request itself.
    static func read(_ fd: Int32, into scratch: inout [UInt8]) -> ReadResult {
        for _ in 0..<spinReads {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            let error = errno
            guard error == EAGAIN || error == EWOULDBLOCK || error == EINTR else { return .failed(error) }
            sched_yield()
        }
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            let error = errno
            if error == EINTR { continue }
            if error == EAGAIN || error == EWOULDBLOCK { return .timedOut }
            return .failed(error)
        }
    }

    /// Waits up to `milliseconds` for the socket to become readable (data, end of stream or an error); false when
    /// the wait ran out. A WebSocket loop uses it to push between client messages without another thread.
    static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, milliseconds)
            if result > 0 { return true }
            if result == 0 { return false }
            // Anything but an interrupted wait is a broken socket: report it readable so the read sees the error.
            if errno != EINTR { return true }
        }
    }

    /// Non-blocking read attempts before a read blocks.
    static let spinReads = 64

    /// Writes all of `bytes`, looping over partial writes; false when the peer is gone or stalled.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        #if os(Linux)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, flags)
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    static func shutdownBoth(_ fd: Int32) {
        #if os(Linux)
            _ = shutdown(fd, Int32(SHUT_RDWR))
        #else
            _ = shutdown(fd, SHUT_RDWR)
        #endif
    }

    static func shutdownWrite(_ fd: Int32) {
        #if os(Linux)
            _ = shutdown(fd, Int32(SHUT_WR))
        #else
            _ = shutdown(fd, SHUT_WR)
        #endif
    }

    static func close(_ fd: Int32) {
        #if os(Linux)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Monotonic seconds, for per-request deadlines (never wall-clock time).
    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
