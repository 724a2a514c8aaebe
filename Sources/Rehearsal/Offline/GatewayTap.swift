import FoundationEssentials
import HTTPCore
import MCPKit
import Synchronization

/// The gateway (the twin, or a replayed cassette) as the adapter's transport, with every exchange written to the
/// transcript and the one fault the twin cannot produce itself: a dropped connection (a transport error that is
/// not a timeout).
final class GatewayTap: HTTPTransport {
    let inner: any HTTPTransport
    private let now: @Sendable () -> Date
    private let log: TranscriptLog
    private let drops = Mutex<[DropRule]>([])

    struct DropRule {
        var method: String?
        var pathPrefix: String
        var skip: Int
        var remaining: Int?
    }

    init(inner: any HTTPTransport, now: @escaping @Sendable () -> Date, log: TranscriptLog) {
        self.inner = inner
        self.now = now
        self.log = log
    }

    func addDrop(_ rule: DropRule) {
        drops.withLock { $0.append(rule) }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let query = request.query.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: "&")
        let path = query.isEmpty ? request.path : "\(request.path)?\(query)"
        var entry: [String: JSONValue] = [
            "method": .string(request.method), "path": .string(path), "request": Self.body(request.body),
        ]
        if takeDrop(method: request.method, path: request.path) {
            entry["status"] = .null
            entry["response"] = .null
            entry["fault"] = "drop"
            log.append(TranscriptEntry(at: now(), kind: TranscriptEntry.gateway, data: .object(entry)))
            throw TransportError(
                code: .network, message: "the connection dropped before an answer, a scripted drop.",
                hint: "retry; check whether the request took effect first")
        }
        do {
            let response = try await inner.send(request)
            entry["status"] = .int(response.status)
            entry["response"] = Self.body(response.body)
            entry["fault"] = .null
            log.append(TranscriptEntry(at: now(), kind: TranscriptEntry.gateway, data: .object(entry)))
            return response
        } catch {
            entry["status"] = .null
            entry["response"] = .null
            entry["fault"] = .string((error as? TransportError)?.code == .timedOut ? "timeout" : "unreachable")
            log.append(TranscriptEntry(at: now(), kind: TranscriptEntry.gateway, data: .object(entry)))
            throw error
        }
    }

    private func takeDrop(method: String, path: String) -> Bool {
        drops.withLock { rules in
            for index in rules.indices {
                if let wanted = rules[index].method, wanted.uppercased() != method.uppercased() { continue }
                guard path.hasPrefix(rules[index].pathPrefix) else { continue }
                if rules[index].skip > 0 {
                    rules[index].skip -= 1
                    continue
                }
                if let remaining = rules[index].remaining {
                    guard remaining > 0 else { continue }
                    rules[index].remaining = remaining - 1
                }
                return true
            }
            return false
        }
    }

    /// A body as JSON when it parses, else as text; an empty body is null.
    static func body(_ data: Data?) -> JSONValue {
        guard let data, !data.isEmpty else { return .null }
        if let value = try? JSONParser.parse(data) { return value }
        return .string(String(decoding: data, as: UTF8.self))
    }
}
