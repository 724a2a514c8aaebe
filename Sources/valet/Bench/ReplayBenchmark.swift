import FoundationEssentials
import GatewayTwin
import HTTPCore
import IBKRAdapter
import SimulationKit
import TradingDomain

/// Replays a recorded session through the IBKR adapter. The adapter first drives the twin through a
/// `RecordingTransport` (session checks, quotes, positions, balances, a limit order with its questions, its
/// status and its cancel, round after round); the cassette is encoded to JSON; then the timer runs from the JSON
/// bytes: decoding the cassette, and the same adapter calls answered by a strict `ReplayTransport`.
struct ReplayBenchmark {
    /// Exchanges to record at least.
    var exchanges = 10_000

    static let target = BenchTarget.below(0.5, "s")

    func run(io: ConsoleIO, score: inout BenchScore) async throws {
        let twin = GatewayTwin(configuration: TwinConfiguration(seed: 1))
        let recorder = RecordingTransport(wrapping: twin, note: "valet bench replay")
        let account = try AccountID(twin.configuration.accountID)
        let recordingClock = AdapterClock(now: { twin.now }, sleep: { twin.advance(by: $0) })
        let recordingAdapter = IBKRBroker(transport: recorder, accountID: account, clock: recordingClock)
        let origin = twin.now
        let clock = ContinuousClock()
        let recordStart = clock.now
        var rounds = 0
        while recorder.cassette.exchanges.count < exchanges {
            try await Self.round(rounds, adapter: recordingAdapter)
            // One virtual second per round keeps every request inside IBKR's pacing.
            twin.advance(seconds: 1)
            rounds += 1
        }
        let recording = EngineBenchmark.seconds(clock.now - recordStart)
        let encoded = try recorder.cassette.encoded()

        // Three full replays (decode and calls, each from the same bytes), the median reported: one run on a shared
        // 2-core machine swings by a tenth of a second.
        var runs: [(total: Double, decoding: Double, exchanges: Int)] = []
        for _ in 0..<Self.repeats {
            runs.append(try await Self.replay(encoded, origin: origin, account: account, rounds: rounds))
        }
        let median = runs.sorted { $0.total < $1.total }[runs.count / 2]
        let megabytes = (Double(encoded.count) / 1_048_576).fixed(1)
        score.report(
            "replay.cassette_10k", "\(median.total.fixed(3)) s (median of \(runs.count))", value: median.total,
            target: Self.target,
            details:
                "runs \(runs.map { $0.total.fixed(3) }.joined(separator: ", ")) s; each: \(median.exchanges) exchanges, "
                + "decoding \(megabytes) MB of cassette JSON (\(median.decoding.fixed(3)) s in the median run) and "
                + "\(rounds) rounds of IBKRBroker calls answered by ReplayTransport; recorded from the twin through the "
                + "same calls in \(recording.fixed(2)) s", io: io)
    }

    /// Replays made in a row; the median is the figure.
    static let repeats = 3

    /// One timed replay: decodes the cassette from its bytes, then answers `rounds` rounds of adapter calls from it
    /// (every recorded exchange must be used). Returns the seconds taken in all and in decoding.
    private static func replay(
        _ encoded: Data, origin: Date, account: AccountID, rounds: Int
    ) async throws -> (total: Double, decoding: Double, exchanges: Int) {
        let clock = ContinuousClock()
        let replayStart = clock.now
        let loaded = try Cassette.decode(encoded, source: "bench cassette")
        let decoded = clock.now
        let replay = ReplayTransport(cassette: loaded)
        let virtual = VirtualClock(origin: origin)
        let replayClock = AdapterClock(now: { virtual.date }, sleep: { virtual.advance(by: $0) })
        // The cassette carries the account redacted (consistently): the replayed adapter asks for that one.
        let replayAccount = try loaded.recordedAccountID.map { try AccountID($0) } ?? account
        let adapter = IBKRBroker(transport: replay, accountID: replayAccount, clock: replayClock)
        for round in 0..<rounds {
            try await Self.round(round, adapter: adapter)
            virtual.advance(seconds: 1)
        }
        let total = EngineBenchmark.seconds(clock.now - replayStart)
        try replay.finish()
        return (total, EngineBenchmark.seconds(decoded - replayStart), loaded.exchanges.count)
    }

    /// One round of an agent's traffic through the adapter: a bit of everything it sends.
    private static func round(_ round: Int, adapter: IBKRBroker) async throws {
        let symbols = ["AAPL", "MSFT", "KO", "SPY", "NVDA"]
        let symbol = try Symbol(symbols[round % symbols.count])
        _ = try await adapter.keepAlive()
        _ = try await adapter.quote(for: symbol)
        _ = try await adapter.positions()
        _ = try await adapter.accountSummary()
        let order = try OrderRequest(
            symbol: symbol, side: .buy, size: .quantity(1), type: .limit(1), timeInForce: .goodTillCancelled)
        let ack = try await adapter.place(order, clientOrderID: try ClientOrderID("replay-\(round)"))
        _ = try await adapter.orderStatus(ack.orderID)
        _ = try await adapter.cancel(ack.orderID)
    }
}
