import FoundationEssentials
import GatewayTwin
import HTTPCore

/// Price updates per second through the twin's matching engine on an active book: 10,000 resting orders placed
/// through the twin's own HTTP surface (as a CPAPI client would, questions confirmed) a few cents from the price,
/// so that the walk keeps triggering and filling them, and topped up to 10,000 after every stretch of the walk.
///
/// The timer covers `apply` alone (the engine: quote updates, triggers, ratchets, fills, OCA cancels); placing the
/// replacement orders over HTTP is timed apart and printed beside it. Triggers and fills are counted by the engine
/// where they happen (`TwinEngineCounters`), not inferred afterwards.
struct EngineBenchmark {
    /// Resting orders the book is kept at (spread over ten instruments in blocks of ten).
    var restingOrders = 10_000
    /// Price updates to time.
    var updates = 500_000
    /// Price updates between two top-ups of the book.
    var stretch = 5_000

    /// Targets from the simulation issue: the engine on an active book.
    static let updatesTarget = BenchTarget.atLeast(500_000, "updates/s")
    static let triggeringTarget = BenchTarget.atLeast(5, "% of updates")
    static let fillsTarget = BenchTarget.atLeast(25_000, "fills/s")

    private struct Run {
        var engineSeconds = 0.0
        var toppingSeconds = 0.0
        var toppedUp = 0
        var counters = TwinEngineCounters()
        var resting = 0
    }

    func run(io: ConsoleIO, score: inout BenchScore) throws {
        let instruments = TwinInstrument.builtIn.prefix(10).map {
            ActiveBookPlan.Instrument(conid: $0.conid, priceCents: Self.cents($0.initialPrice))
        }
        let plan = ActiveBookPlan(instruments: instruments)
        let walk = plan.walk(count: updates)
        let mixed = try run(plan, walk: walk)
        let seconds = mixed.engineSeconds
        let rate = Double(mixed.counters.updates) / seconds
        let share = Double(mixed.counters.triggeringUpdates) * 100 / Double(max(1, mixed.counters.updates))
        let book =
            "\(restingOrders) resting orders on \(instruments.count) instruments within 0.2% of the price (a fifth of the walk's band) (limits, "
            + "stops, trailing stops, bracket exits), topped up over HTTP every \(stretch) updates"
        score.report(
            "twin.engine_active_book", "\(rate.fixed(0)) updates/s", value: rate, target: Self.updatesTarget,
            details:
                "\(mixed.counters.updates) updates via apply in \(seconds.fixed(3)) s, one-cent walk within 1%; "
                + book, io: io)
        score.report(
            "twin.engine_triggering_updates", "\(share.fixed(1)) % of updates", value: share,
            target: Self.triggeringTarget,
            details: "\(mixed.counters.triggeringUpdates) updates triggered or filled at least one order", io: io)
        let triggersPerSecond = Double(mixed.counters.triggers) / seconds
        score.inform(
            "twin.engine_triggers", "\(triggersPerSecond.fixed(0)) triggers/s",
            details: "\(mixed.counters.triggers) stops, trailing stops and limits reached during the timed updates",
            io: io)
        let fillsPerSecond = Double(mixed.counters.fills) / seconds
        score.report(
            "twin.engine_fills", "\(fillsPerSecond.fixed(0)) fills/s", value: fillsPerSecond, target: Self.fillsTarget,
            details: "\(mixed.counters.fills) executions during the timed updates", io: io)
        score.inform(
            "twin.engine_top_up", "\(mixed.toppedUp) orders placed in \(mixed.toppingSeconds.fixed(2)) s",
            details: "over the twin's HTTP surface between stretches, outside the engine timer; \(mixed.resting) "
                + "resting at the end", io: io)

        var plain = plan
        plain.includeTrailing = false
        let noTrailing = try run(plain, walk: walk)
        score.inform(
            "twin.engine_active_book_no_trailing",
            "\((Double(noTrailing.counters.updates) / noTrailing.engineSeconds).fixed(0)) updates/s",
            details: "diagnostic: the same walk with each trailing stop replaced by a buy stop", io: io)
        let empty = GatewayTwin(configuration: TwinConfiguration(seed: 1))
        let ticks = walk.map { TwinTick(conid: $0.conid, last: Self.decimal(cents: $0.cents)) }
        let clock = ContinuousClock()
        let started = clock.now
        let applied = empty.apply(ticks)
        let emptySeconds = Self.seconds(clock.now - started)
        score.inform(
            "twin.engine_empty_book", "\((Double(applied) / emptySeconds).fixed(0)) updates/s",
            details: "diagnostic: the same walk, no resting orders (the quote update alone)", io: io)
    }

    /// Places the book, then walks it stretch by stretch, topping it up in between.
    private func run(_ plan: ActiveBookPlan, walk: [(conid: Int, cents: Int)]) throws -> Run {
        var plan = plan
        var configuration = TwinConfiguration(seed: 1)
        // The walk fills tens of thousands of one-share orders both ways: enough cash that margin never refuses one.
        configuration.startingCash = 1_000_000_000
        let twin = GatewayTwin(configuration: configuration)
        let account = twin.configuration.accountID
        _ = twin.handle(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        let blocks = restingOrders / ActiveBookPlan.blockSize / max(1, plan.instruments.count)
        var expected = 0
        for placement in plan.placements(blocks: blocks) {
            try place(placement, twin: twin, account: account)
            expected += placement.resting
        }
        guard twin.workingOrderCount == expected else {
            throw BenchmarkFailure("expected \(expected) resting orders, the twin holds \(twin.workingOrderCount)")
        }
        var result = Run()
        let clock = ContinuousClock()
        for start in stride(from: 0, to: walk.count, by: stretch) {
            let ticks = walk[start..<min(walk.count, start + stretch)].map {
                TwinTick(conid: $0.conid, last: Self.decimal(cents: $0.cents))
            }
            let before = twin.engineCounters
            let started = clock.now
            let applied = twin.apply(ticks)
            result.engineSeconds += Self.seconds(clock.now - started)
            result.counters.add(twin.engineCounters, since: before)
            guard applied == ticks.count else { throw BenchmarkFailure("apply took \(applied) of \(ticks.count)") }

            let topping = clock.now
            let missing = restingOrders - twin.workingOrderCount
            let perInstrument = missing / ActiveBookPlan.blockSize / max(1, plan.instruments.count)
            if perInstrument > 0 {
                var prices: [Int: Int] = [:]
                for instrument in plan.instruments {
                    prices[instrument.conid] = twin.quote(conid: instrument.conid).map { Self.cents($0.last) }
                }
                for placement in plan.placements(blocks: perInstrument, prices: prices) {
                    try place(placement, twin: twin, account: account)
                    result.toppedUp += placement.orders.count
                }
            }
            result.toppingSeconds += Self.seconds(clock.now - topping)
        }
        result.resting = twin.workingOrderCount
        return result
    }

    /// Sends one placement and confirms every question, as the adapter would.
    private func place(_ placement: ActiveBookPlan.Placement, twin: GatewayTwin, account: String) throws {
        var response = twin.handle(
            HTTPRequest(method: "POST", path: "/iserver/account/\(account)/orders", body: placement.body))
        for _ in 0..<12 {
            guard let replyId = Self.replyId(response.body) else { break }
            response = twin.handle(
                HTTPRequest(
                    method: "POST", path: "/iserver/reply/\(replyId)", body: Data(#"{"confirmed":true}"#.utf8)))
        }
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200, text.contains("order_id") else {
            throw BenchmarkFailure("placing \(placement.orders.first ?? "") failed: \(response.status) \(text)")
        }
    }

    /// The question id of a reply-needed answer (`[{"id": ..., "message": [...]}]`), if it is one.
    static func replyId(_ body: Data) -> String? {
        guard let first = try? JSONDecoder().decode([OrderAnswer].self, from: body).first, first.message != nil
        else { return nil }
        return first.id
    }

    static func cents(_ price: Decimal) -> Int {
        Int((price * 100).rounded(places: 0).description) ?? 0
    }

    static func decimal(cents: Int) -> Decimal {
        Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(abs(cents)))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// One element of an order answer: a question (`id` and `message`) or a placed order (`order_id`).
struct OrderAnswer: Decodable {
    var id: String?
    var message: [String]?
    var orderID: String?

    private enum CodingKeys: String, CodingKey {
        case id, message
        case orderID = "order_id"
    }
}
