import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The URLSession behind the live transport: ephemeral (cookies in memory only, no cache), keep-alive, a
/// whole-second timeout (Linux truncates fractions), a few connections per host.
final class URLSessionClient: Sendable {
    private let session: URLSession
    private let timeout: TimeInterval
    /// Tasks in flight by the caller's request number, and numbers cancelled before their task existed.
    private let tasks = Mutex<(running: [UInt64: URLSessionDataTask], cancelledEarly: Set<UInt64>)>(([:], []))

    init(timeoutSeconds: Int, maxConnectionsPerHost: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        timeout = TimeInterval(max(1, timeoutSeconds))
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnectionsPerHost)
        configuration.httpShouldSetCookies = true
        #if os(macOS)
            session = URLSession(configuration: configuration, delegate: LoopbackTrustDelegate(), delegateQueue: nil)
        #else
            session = URLSession(configuration: configuration)
        #endif
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Cancels request `number`: its completion reports `cancelled` (or it never starts).
    func cancel(_ number: UInt64) {
        let task = tasks.withLock { tasks -> URLSessionDataTask? in
            if let task = tasks.running[number] { return task }
            tasks.cancelledEarly.insert(number)
            return nil
        }
        task?.cancel()
    }

    /// Sends `request` and calls `completion` exactly once with the reply.
    func send(_ request: PluginRequest, number: UInt64, completion: @escaping @Sendable (PluginReply) -> Void) {
        guard let url = URL(string: request.url) else {
            completion(PluginReply(failureCode: URLError.badURL.rawValue, failureText: "bad URL \(request.url)"))
            return
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = timeout
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let task = session.dataTask(with: urlRequest) { data, response, error in
            self.tasks.withLock { _ = $0.running.removeValue(forKey: number) }
            if let error {
                let nsError = error as NSError
                completion(
                    PluginReply(
                        failureCode: nsError.domain == NSURLErrorDomain ? nsError.code : nil,
                        failureText: nsError.localizedDescription,
                        cancelled: nsError.domain == NSURLErrorDomain && nsError.code == URLError.cancelled.rawValue))
                return
            }
            guard let http = response as? HTTPURLResponse else {
                completion(PluginReply(failureText: "the answer from \(request.url) was not HTTP"))
                return
            }
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key] = value }
            }
            completion(PluginReply(status: http.statusCode, headers: headers, body: data ?? Data()))
        }
        let cancelled = tasks.withLock { tasks in
            if tasks.cancelledEarly.remove(number) != nil { return true }
            tasks.running[number] = task
            return false
        }
        if cancelled {
            completion(PluginReply(failureText: "cancelled before it was sent", cancelled: true))
        } else {
            task.resume()
        }
    }
}
