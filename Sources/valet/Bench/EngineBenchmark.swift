import FoundationEssentials
import GatewayTwin
import HTTPCore

/// Price updates per second through the twin's matching engine with a large resting book, placed through the
/// twin's own HTTP surface (`handle`) exactly as a CPAPI client would place it, questions confirmed.
///
/// Besides the headline mix it times two diagnostics on the same walk: the mix with each trailing stop swapped
/// for a plain stop, and an empty book, so a miss can be traced to the part of the engine that costs.
struct EngineBenchmark {
    /// Resting orders to place (spread over the instruments in whole blocks of ten).
    var restingOrders = 10_000
    /// Price updates to time through `apply` (in batches of `batch`).
    var updates = 500_000
    var batch = 100_000
    /// Price updates to time through `setPrice`, one call each.
    var setPriceUpdates = 100_000

    private struct Book {
        let twin: GatewayTwin
        let resting: Int
        let placing: Double
    }

    func run(io: ConsoleIO) throws {
        let instruments = TwinInstrument.builtIn.prefix(10).map {
            RestingBookPlan.Instrument(conid: $0.conid, priceCents: Self.cents($0.initialPrice))
        }
        var plan = RestingBookPlan(
            instruments: instruments, ordersPerInstrument: restingOrders / max(1, instruments.count))
        let walk = plan.walk(count: updates)
        let batches = stride(from: 0, to: walk.count, by: batch).map { start in
            walk[start..<min(walk.count, start + batch)].map {
                TwinTick(conid: $0.conid, last: Self.decimal(cents: $0.cents))
            }
        }

        let mixed = try book(plan)
        let fillsBefore = mixed.twin.executionCount
        let rate = try applyRate(mixed.twin, batches)
        let fills = mixed.twin.executionCount - fillsBefore
        io.out(
            "twin.engine_price_updates: \(rate.fixed(0)) updates/s via apply, target >= 1,000,000/s (\(updates) ticks "
                + "in batches of \(batch), round robin over \(instruments.count) instruments within +-1%; "
                + "\(mixed.resting) resting orders: limits, stops, trailing stops, bracket exits 5-20% away, placed over "
                + "HTTP in \(mixed.placing.fixed(2)) s; \(mixed.twin.workingOrderCount) still resting, \(fills) fills "
                + "during the walk)")

        let single = walk.prefix(setPriceUpdates).map { ($0.conid, Self.decimal(cents: $0.cents)) }
        let clock = ContinuousClock()
        let setStarted = clock.now
        for (conid, last) in single where !mixed.twin.setPrice(conid: conid, last: last) {
            throw BenchmarkFailure("setPrice refused conid \(conid)")
        }
        let setting = Self.seconds(clock.now - setStarted)
        let setRate = Double(single.count) / setting
        io.out(
            "twin.engine_set_price: \(setRate.fixed(0)) updates/s via setPrice, one call and lock per update "
                + "(\(single.count) calls, \(setting.fixed(3)) s, the same book of \(mixed.twin.workingOrderCount) "
                + "resting orders)")

        plan.includeTrailing = false
        let plain = try book(plan)
        let plainRate = try applyRate(plain.twin, batches)
        io.out(
            "twin.engine_price_updates_no_trailing: \(plainRate.fixed(0)) updates/s via apply, diagnostic (the same "
                + "walk; \(plain.resting) resting orders with each trailing stop replaced by a plain stop)")
        let empty = GatewayTwin(configuration: TwinConfiguration(seed: 1))
        let emptyRate = try applyRate(empty, batches)
        io.out(
            "twin.engine_price_updates_empty_book: \(emptyRate.fixed(0)) updates/s via apply, diagnostic (the same "
                + "walk, no resting orders: the cost of the quote update alone)")
    }

    /// A fresh twin holding the plan's resting book, placed over HTTP and checked.
    private func book(_ plan: RestingBookPlan) throws -> Book {
        let twin = GatewayTwin(configuration: TwinConfiguration(seed: 1))
        let account = twin.configuration.accountID
        _ = twin.handle(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        let clock = ContinuousClock()
        let started = clock.now
        var expected = 0
        for placement in plan.placements() {
            try place(placement, twin: twin, account: account)
            expected += placement.resting
        }
        let placing = Self.seconds(clock.now - started)
        let resting = twin.workingOrderCount
        guard resting == expected else {
            throw BenchmarkFailure("expected \(expected) resting orders after placing, the twin holds \(resting)")
        }
        return Book(twin: twin, resting: resting, placing: placing)
    }

    /// Applies every batch and answers the updates per second.
    private func applyRate(_ twin: GatewayTwin, _ batches: [[TwinTick]]) throws -> Double {
        let clock = ContinuousClock()
        var applied = 0
        let started = clock.now
        for ticks in batches { applied += twin.apply(ticks) }
        let elapsed = Self.seconds(clock.now - started)
        guard applied == updates else { throw BenchmarkFailure("apply took \(applied) of \(updates) ticks") }
        return Double(applied) / elapsed
    }

    /// Sends one placement and confirms every question, as the adapter would.
    private func place(_ placement: RestingBookPlan.Placement, twin: GatewayTwin, account: String) throws {
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
