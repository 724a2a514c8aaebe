import Dispatch
import FoundationEssentials
import Synchronization

extension LoopbackHTTPServer {
    /// Serves any `HTTPTransport` over loopback HTTP: the in-process twin for external CPAPI clients, or a
    /// `ReplayTransport` so a cassette can answer curl or ibind.
    ///
    /// Requests below `root` (e.g. `/v1/api`) reach the transport with the root stripped, as the adapter sends
    /// them; other paths answer 404. A transport failure answers 502 with the error's message and fix.
    /// Each connection thread waits for the async `send` to finish; these are the server's own threads, not
    /// Swift's cooperative pool, so blocking them is safe.
    public convenience init(
        configuration: Configuration = Configuration(), serving transport: any HTTPTransport,
        root: String = "/v1/api"
    ) throws {
        let root = root.hasSuffix("/") ? String(root.dropLast()) : root
        try self.init(configuration: configuration) { request in
            guard let path = Self.path(request.path, below: root) else {
                return HTTPResponseSerializer.errorResponse(
                    status: 404, message: "\(request.path) is outside the API root \(root)")
            }
            var inner = request
            inner.path = path
            return Self.wait(for: inner, on: transport)
        }
    }

    /// `path` without `root`, or nil when it is not below it (`/v1/api` itself maps to `/`).
    static func path(_ path: String, below root: String) -> String? {
        if root.isEmpty { return path }
        if path == root { return "/" }
        guard path.hasPrefix(root + "/") else { return nil }
        return String(path.dropFirst(root.count))
    }

    private static func wait(for request: HTTPRequest, on transport: any HTTPTransport) -> HTTPResponse {
        let outcome = Mutex<Result<HTTPResponse, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<HTTPResponse, any Error>
            do {
                result = .success(try await transport.send(request))
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        switch outcome.withLock({ $0 }) {
        case .success(let response):
            return response
        case .failure(let error):
            return HTTPResponseSerializer.errorResponse(status: 502, message: "\(error)")
        case nil:
            return HTTPResponseSerializer.errorResponse(status: 500, message: "the transport gave no answer")
        }
    }
}
