import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `ValetURLSession` dynamic library, loaded with `dlopen` the first time a live transport is made.
///
/// URLSession on Linux means FoundationNetworking, libcurl and its TLS, Kerberos, LDAP and SSH libraries: about
/// 13 MiB resident that a server on the twin or a replay never needs. Keeping them in a library of their own,
/// loaded on demand, keeps that memory out of every other mode. Requests and replies cross as JSON bytes.
final class URLSessionLibrary: Sendable {
    /// The file name SwiftPM gives the library product on this platform.
    static let fileName: String = {
        #if os(macOS)
            return "libValetURLSession.dylib"
        #else
            return "libValetURLSession.so"
        #endif
    }()

    /// The environment variable that names the library's path explicitly.
    static let pathVariable = "VALET_URLSESSION_LIBRARY"

    /// The library of this process, loaded on first use.
    static let shared: Result<URLSessionLibrary, TransportError> = load()

    typealias Completion = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, Int) -> Void
    private typealias OpenFunction = @convention(c) (Int32, Int32) -> UnsafeMutableRawPointer
    private typealias CloseFunction = @convention(c) (UnsafeMutableRawPointer) -> Void
    private typealias SendFunction =
        @convention(c) (
            UnsafeMutableRawPointer, UInt64, UnsafePointer<UInt8>, Int, UnsafeMutableRawPointer?, Completion
        )
        -> Void
    private typealias CancelFunction = @convention(c) (UnsafeMutableRawPointer, UInt64) -> Void
    private typealias VersionFunction = @convention(c) () -> Int32

    private let openClient: OpenFunction
    private let closeClient: CloseFunction
    private let sendRequest: SendFunction
    private let cancelRequest: CancelFunction
    /// Numbers requests so a cancelled task can name its request to the library.
    private let nextNumber = Atomic<UInt64>(0)

    private init(open: OpenFunction, close: CloseFunction, send: SendFunction, cancel: CancelFunction) {
        openClient = open
        closeClient = close
        sendRequest = send
        cancelRequest = cancel
    }

    /// Where the library is looked for, in order: `$VALET_URLSESSION_LIBRARY`, next to the running executable
    /// (where `swift build` puts it), then the dynamic loader's own search path.
    static func candidatePaths(environment: [String: String], executable: String?) -> [String] {
        var paths: [String] = []
        if let explicit = environment[pathVariable], !explicit.isEmpty { paths.append(explicit) }
        if let executable, let slash = executable.lastIndex(of: "/") {
            paths.append(String(executable[..<slash]) + "/" + fileName)
        }
        paths.append(fileName)
        return paths
    }

    private static func load() -> Result<URLSessionLibrary, TransportError> {
        let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return load(from: candidatePaths(environment: ProcessInfo.processInfo.environment, executable: executable))
    }

    /// The first of `paths` that loads and speaks interface version 2, or why none did.
    static func load(from paths: [String]) -> Result<URLSessionLibrary, TransportError> {
        var reasons: [String] = []
        for path in paths {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? "\(path): not loadable")
                continue
            }
            guard let version = dlsym(handle, "valet_urlsession_interface_version"),
                unsafeBitCast(version, to: VersionFunction.self)() == 2,
                let open = dlsym(handle, "valet_urlsession_open"), let close = dlsym(handle, "valet_urlsession_close"),
                let send = dlsym(handle, "valet_urlsession_send"), let cancel = dlsym(handle, "valet_urlsession_cancel")
            else {
                reasons.append("\(path): not a compatible ValetURLSession library (interface version 2)")
                continue
            }
            return .success(
                URLSessionLibrary(
                    open: unsafeBitCast(open, to: OpenFunction.self),
                    close: unsafeBitCast(close, to: CloseFunction.self),
                    send: unsafeBitCast(send, to: SendFunction.self),
                    cancel: unsafeBitCast(cancel, to: CancelFunction.self)))
        }
        return .failure(
            TransportError(
                code: .transportUnavailable,
                message:
                    "the live HTTP transport (\(fileName)) could not be loaded: \(reasons.joined(separator: "; ")).",
                hint: "keep \(fileName) next to the valet executable (`swift build` puts it there), or set "
                    + "\(pathVariable) to its path"))
    }

    /// A URLSession made with the given limits.
    func open(timeoutSeconds: Int, maxConnectionsPerHost: Int) -> Client {
        Client(
            library: self,
            handle: openClient(Int32(clamping: timeoutSeconds), Int32(clamping: maxConnectionsPerHost)))
    }

    /// One URLSession in the library; closed when the last reference goes.
    final class Client: @unchecked Sendable {
        // The handle is an opaque, retained pointer to a thread-safe object in the library.
        private let library: URLSessionLibrary
        private let handle: UnsafeMutableRawPointer

        fileprivate init(library: URLSessionLibrary, handle: UnsafeMutableRawPointer) {
            self.library = library
            self.handle = handle
        }

        deinit {
            library.closeClient(handle)
        }

        /// Sends `request` and waits for the library's reply.
        func send(_ request: Request) async -> Reply {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            guard let bytes = try? encoder.encode(request) else {
                return Reply(failureText: "the request could not be encoded")
            }
            let number = library.nextNumber.wrappingAdd(1, ordering: .relaxed).newValue
            // Cancelling the caller's task cancels the request in the library, which then answers `cancelled`: the
            // continuation is resumed once either way.
            let data = await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Data, Never>) in
                    let context = Unmanaged.passRetained(ReplySlot(continuation)).toOpaque()
                    bytes.withUnsafeBytes { raw in
                        let base = raw.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!
                        library.sendRequest(handle, number, base, raw.count, context) { context, reply, count in
                            guard let context else { return }
                            let slot = Unmanaged<ReplySlot>.fromOpaque(context).takeRetainedValue()
                            slot.continuation.resume(returning: reply.map { Data(bytes: $0, count: count) } ?? Data())
                        }
                    }
                }
            } onCancel: {
                library.cancelRequest(handle, number)
            }
            return (try? JSONDecoder().decode(Reply.self, from: data))
                ?? Reply(failureText: "the URLSession library gave an unreadable reply")
        }
    }

    /// Carries a continuation through the C callback's context pointer.
    private final class ReplySlot: Sendable {
        let continuation: CheckedContinuation<Data, Never>
        init(_ continuation: CheckedContinuation<Data, Never>) { self.continuation = continuation }
    }

    /// A request as the library reads it (mirrors `PluginRequest` in ValetURLSession).
    struct Request: Encodable, Equatable {
        var method: String
        var url: String
        var headers: [String: String]
        var body: Data?
    }

    /// The library's answer (mirrors `PluginReply` in ValetURLSession).
    struct Reply: Decodable, Equatable {
        var status: Int?
        var headers: [String: String]?
        var body: Data?
        /// `URLError.Code` raw value when URL loading failed, nil for any other failure.
        var failureCode: Int?
        var failureText: String?
        var cancelled: Bool?

        init(failureText: String) {
            self.failureText = failureText
        }
    }
}
