import FoundationEssentials
import Synchronization

/// Answers requests from a `Cassette`, strictly: a request that matches no recorded exchange throws, naming
/// the closest recorded one and what differs.
///
/// A request matches an unused exchange with the same method, path, query (order ignored) and body (compared
/// as JSON when both parse, else as text). Identical requests take their exchanges in recorded order; other
/// requests may come in any order. `leftovers()` lists what was recorded but never asked for.
public final class ReplayTransport: HTTPTransport {
    private let exchanges: [Cassette.Exchange]
    /// Each exchange's query, sorted once.
    private let sortedQueries: [[Cassette.QueryItem]]
    /// Exchanges by method and path, in recorded order: a request compares only with its own kind.
    private let byRoute: [String: [Int]]
    private let state: Mutex<State>

    private struct State {
        var used: [Bool]
        /// Per route, the position in `byRoute` before which every exchange is used (so replay in recorded order
        /// finds its exchange at once instead of rescanning the used ones).
        var firstUnused: [String: Int] = [:]
    }

    public init(cassette: Cassette) {
        self.exchanges = cassette.exchanges
        self.sortedQueries = cassette.exchanges.map { $0.query.sorted() }
        var routes: [String: [Int]] = [:]
        for (index, exchange) in cassette.exchanges.enumerated() {
            routes[Self.route(exchange.method, exchange.path), default: []].append(index)
        }
        self.byRoute = routes
        self.state = Mutex(State(used: Array(repeating: false, count: cassette.exchanges.count)))
    }

    private static func route(_ method: String, _ path: String) -> String { method + " " + path }

    /// Loads the cassette at `url`.
    /// - Throws: `TransportError` `.cassette` when it cannot be read or decoded.
    public convenience init(contentsOf url: URL) throws {
        self.init(cassette: try Cassette.load(from: url))
    }

    /// Returns the recorded response for `request`.
    /// - Throws: `TransportError` `.replayUnmatched` when no unused recorded exchange matches.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let query = request.query.map(Cassette.QueryItem.init).sorted()
        let body = request.body.flatMap { Cassette.Body(data: $0) }
        let route = Self.route(request.method, request.path)
        let candidates = byRoute[route] ?? []
        let index: Int? = state.withLock { state in
            var start = state.firstUnused[route] ?? 0
            while start < candidates.count, state.used[candidates[start]] { start += 1 }
            state.firstUnused[route] = start
            for position in start..<candidates.count {
                let index = candidates[position]
                guard !state.used[index], sortedQueries[index] == query, exchanges[index].requestBody == body else {
                    continue
                }
                state.used[index] = true
                return index
            }
            return nil
        }
        if let index { return exchanges[index].response() }
        throw unmatched(request, query: query, body: body)
    }

    /// Exchanges recorded but not replayed, in recorded order.
    public func leftovers() -> [Cassette.Exchange] {
        state.withLock { state in exchanges.indices.filter { !state.used[$0] }.map { exchanges[$0] } }
    }

    /// Throws when recorded exchanges were never replayed, like a test double's `finish()`: a run that asked
    /// for less than was recorded has changed too.
    /// - Throws: `TransportError` `.replayUnmatched` listing the leftovers.
    public func finish() throws {
        let left = leftovers()
        guard !left.isEmpty else { return }
        let listed = left.prefix(5).map(\.summary).joined(separator: "; ")
        throw TransportError(
            code: .replayUnmatched,
            message: "\(left.count) recorded exchange(s) were never replayed: \(listed)\(left.count > 5 ? "; …" : "").",
            hint:
                "re-record the cassette if fewer requests are now expected; otherwise find the request that went missing"
        )
    }

    private func unmatched(_ request: HTTPRequest, query: [Cassette.QueryItem], body: Cassette.Body?)
        -> TransportError
    {
        let sent = Cassette.Exchange(
            method: request.method, path: request.path, query: request.query.map(Cassette.QueryItem.init),
            requestBody: body, status: 0)
        let usedFlags = state.withLock { $0.used }
        let samePath = exchanges.indices.filter {
            exchanges[$0].method == request.method && exchanges[$0].path == request.path
        }
        let hint = "re-record the cassette if the request changed on purpose; otherwise fix the code that sent it"
        if samePath.isEmpty {
            let others = exchanges.filter { $0.path == request.path }.map(\.summary)
            let nearby = others.isEmpty ? closestPaths(to: request.path) : others
            let listed = nearby.isEmpty ? "the cassette is empty" : "recorded: " + nearby.joined(separator: "; ")
            return TransportError(
                code: .replayUnmatched,
                message: "no recorded exchange for \(sent.summary) (\(listed)).", hint: hint)
        }
        let unused = samePath.filter { !usedFlags[$0] }
        guard !unused.isEmpty else {
            return TransportError(
                code: .replayUnmatched,
                message: "all \(samePath.count) recorded \(request.method) \(request.path) exchanges were already "
                    + "replayed; \(sent.summary) was sent once more than when recording.",
                hint: hint)
        }
        let ranked = unused.map { index -> (Int, [String]) in
            (index, differences(recorded: exchanges[index], query: query, body: body))
        }
        let best = ranked.min { $0.1.count < $1.1.count } ?? ranked[0]
        return TransportError(
            code: .replayUnmatched,
            message: "asked for \(sent.summary), but the cassette expected #\(best.0) \(exchanges[best.0].summary): "
                + best.1.joined(separator: "; ") + ".",
            hint: hint)
    }

    private func differences(recorded: Cassette.Exchange, query: [Cassette.QueryItem], body: Cassette.Body?)
        -> [String]
    {
        var found: [String] = []
        let recordedQuery = recorded.query.sorted()
        if recordedQuery != query {
            found.append("query differs (recorded \(render(recordedQuery)), sent \(render(query)))")
        }
        switch (recorded.requestBody, body) {
        case (.json(let mine), .json(let theirs)) where mine != theirs:
            found.append("body differs: " + mine.differences(to: theirs).joined(separator: ", "))
        case (let mine, let theirs) where mine != theirs:
            found.append("body differs (recorded \(render(mine)), sent \(render(theirs)))")
        default:
            break
        }
        return found
    }

    private func closestPaths(to path: String) -> [String] {
        func commonPrefix(_ other: String) -> Int { zip(path, other).prefix { $0 == $1 }.count }
        let ranked = exchanges.map { ($0, commonPrefix($0.path)) }.sorted { $0.1 > $1.1 }
        var seen: Set<String> = []
        var result: [String] = []
        for (exchange, _) in ranked where result.count < 3 && seen.insert(exchange.summary).inserted {
            result.append(exchange.summary)
        }
        return result
    }

    private func render(_ query: [Cassette.QueryItem]) -> String {
        query.isEmpty
            ? "none" : query.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }.joined(separator: "&")
    }

    private func render(_ body: Cassette.Body?) -> String {
        switch body {
        case nil: "no body"
        case .json(let value): value.brief
        case .text(let text): "text \"\(text.prefix(60))\""
        }
    }
}
