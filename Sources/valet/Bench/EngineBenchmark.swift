import Foundation
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
        io.out(
            String(
                format: "twin.engine_price_updates: %.0f updates/s via apply, target >= 1,000,000/s (%d ticks in "
                    + "batches of %d, round robin over %d instruments within +-1%%; %d resting orders: limits, stops, "
                    + "trailing stops, bracket exits 5-20%% away, placed over HTTP in %.2f s; %d still resting, "
                    + "%d fills during the walk)",
                rate, updates, batch, instruments.count, mixed.resting, mixed.placing,
                mixed.twin.workingOrderCount, mixed.twin.executionCount - fillsBefore))

        let single = walk.prefix(setPriceUpdates).map { ($0.conid, Self.decimal(cents: $0.cents)) }
        let clock = ContinuousClock()
        let setStarted = clock.now
        for (conid, last) in single where !mixed.twin.setPrice(conid: conid, last: last) {
            throw BenchmarkFailure("setPrice refused conid \(conid)")
        }
        let setting = Self.seconds(clock.now - setStarted)
        io.out(
            String(
                format: "twin.engine_set_price: %.0f updates/s via setPrice, one call and lock per update "
                    + "(%d calls, %.3f s, the same book of %d resting orders)",
                Double(single.count) / setting, single.count, setting, mixed.twin.workingOrderCount))

        plan.includeTrailing = false
        let plain = try book(plan)
        io.out(
            String(
                format: "twin.engine_price_updates_no_trailing: %.0f updates/s via apply, diagnostic (the same "
                    + "walk; %d resting orders with each trailing stop replaced by a plain stop)",
                try applyRate(plain.twin, batches), plain.resting))
        let empty = GatewayTwin(configuration: TwinConfiguration(seed: 1))
        io.out(
            String(
                format: "twin.engine_price_updates_empty_book: %.0f updates/s via apply, diagnostic (the same "
                    + "walk, no resting orders: the cost of the quote update alone)",
                try applyRate(empty, batches)))
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
        guard let array = try? JSONSerialization.jsonObject(with: body) as? [[String: Any]],
            let first = array.first, first["message"] != nil
        else { return nil }
        return first["id"] as? String
    }

    static func cents(_ price: Decimal) -> Int {
        NSDecimalNumber(decimal: price * 100).intValue
    }

    static func decimal(cents: Int) -> Decimal {
        Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(abs(cents)))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
