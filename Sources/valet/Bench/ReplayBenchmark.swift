import FoundationEssentials
import GatewayTwin
import HTTPCore

/// Records a cassette of many gateway exchanges from a twin run (`RecordingTransport` around the twin, driven with
/// raw CPAPI requests: session checks, snapshots, positions, summaries, orders with their questions, status,
/// accounts and cancels; not the live-orders list, whose answer grows with every order), then times replaying it in order through `ReplayTransport`.
struct ReplayBenchmark {
    /// Exchanges to record at least.
    var exchanges = 10_000

    func run(io: ConsoleIO) async throws {
        let twin = GatewayTwin(configuration: TwinConfiguration(seed: 1))
        let recorder = RecordingTransport(wrapping: twin, note: "valet bench replay")
        let account = twin.configuration.accountID
        let conids = TwinInstrument.builtIn.prefix(5).map(\.conid)
        let clock = ContinuousClock()
        let recordStart = clock.now
        _ = try await recorder.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        var round = 0
        while recorder.cassette.exchanges.count < exchanges {
            try await workloadRound(round, recorder: recorder, account: account, conid: conids[round % conids.count])
            // One virtual second per round keeps every request inside the twin's pacing limits.
            twin.advance(seconds: 1)
            round += 1
        }
        let recording = EngineBenchmark.seconds(clock.now - recordStart)
        let cassette = recorder.cassette
        let encoded = try cassette.encoded()
        let loadStart = clock.now
        let loaded = try Cassette.decode(encoded, source: "bench cassette")
        let loading = EngineBenchmark.seconds(clock.now - loadStart)

        let requests = loaded.exchanges.map { exchange in
            HTTPRequest(
                method: exchange.method, path: exchange.path, query: exchange.query.map(\.urlQueryItem),
                body: exchange.requestBody?.data())
        }
        let replay = ReplayTransport(cassette: loaded)
        let replayStart = clock.now
        for (index, request) in requests.enumerated() {
            let response = try await replay.send(request)
            if response.status != loaded.exchanges[index].status {
                throw BenchmarkFailure("replayed exchange \(index) answered \(response.status)")
            }
        }
        let replaying = EngineBenchmark.seconds(clock.now - replayStart)
        try replay.finish()
        let statuses = Dictionary(grouping: loaded.exchanges, by: \.status).mapValues(\.count)
            .sorted { $0.key < $1.key }.map { "\($0.value)x\($0.key)" }.joined(separator: " ")
        let megabytes = (Double(encoded.count) / 1_048_576).fixed(1)
        io.out(
            "replay.cassette_10k: \(replaying.fixed(3)) s"
                + " to replay \(requests.count) exchanges in order through ReplayTransport, target < 0.5 s "
                + "(\((replaying * 1e6 / Double(max(1, requests.count))).fixed(1)) µs per exchange; "
                + "recorded from the twin in \(recording.fixed(2)) s"
                + ", \(megabytes) MB of JSON decoded in " + "\(loading.fixed(3)) s"
                + "; statuses \(statuses))")
    }

    /// One round of a client's traffic: a bit of everything the adapter sends.
    private func workloadRound(_ round: Int, recorder: RecordingTransport, account: String, conid: Int) async throws {
        func send(_ method: String, _ path: String, query: [URLQueryItem] = [], body: String? = nil) async throws
            -> HTTPResponse
        {
            try await recorder.send(
                HTTPRequest(method: method, path: path, query: query, body: body.map { Data($0.utf8) }))
        }
        _ = try await send("POST", "/tickle")
        _ = try await send("POST", "/iserver/auth/status")
        _ = try await send(
            "GET", "/iserver/marketdata/snapshot",
            query: [
                URLQueryItem(name: "conids", value: String(conid)), URLQueryItem(name: "fields", value: "31,84,86"),
            ])
        // cpapi.md §3.3: /portfolio/accounts before the account's portfolio endpoints (the twin enforces it).
        _ = try await send("GET", "/portfolio/accounts")
        _ = try await send("GET", "/portfolio/\(account)/positions/0")
        _ = try await send("GET", "/portfolio/\(account)/summary")
        let order = RestingBookPlan.order(conid, "BUY", "LMT", price: "1.00", extra: #""cOID":"replay-\#(round)""#)
        var answer = try await send("POST", "/iserver/account/\(account)/orders", body: #"{"orders":[\#(order)]}"#)
        for _ in 0..<4 {
            guard let replyId = EngineBenchmark.replyId(answer.body) else { break }
            answer = try await send("POST", "/iserver/reply/\(replyId)", body: #"{"confirmed":true}"#)
        }
        let orderId = (try? JSONDecoder().decode([OrderAnswer].self, from: answer.body))?.first?.orderID
        guard let orderId else {
            throw BenchmarkFailure("placing a limit order while recording failed: \(answer.text)")
        }
        _ = try await send("GET", "/iserver/account/order/status/\(orderId)")
        _ = try await send("GET", "/portfolio/accounts")
        _ = try await send("DELETE", "/iserver/account/\(account)/order/\(orderId)")
    }
}
