import Foundation
import Synchronization
import TradingDomain
import ValetTesting

@testable import TradingSafety

/// Gives each test its own directory number within this process.
final class DirectoryCounter: Sendable {
    static let shared = DirectoryCounter()
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }
}

extension TestClock {
    /// The guards' wall clock on this test clock.
    var source: WallClock { { self.now } }
}

/// Quotes set by the test; a symbol without one throws `marketDataUnavailable`.
final class FixedQuoteMarketData: MarketData {
    private let table: Mutex<[Symbol: Quote]>
    private let reads = Mutex(0)

    init(_ quotes: [Quote] = []) {
        table = Mutex(Dictionary(quotes.map { ($0.symbol, $0) }, uniquingKeysWith: { _, last in last }))
    }

    func set(_ quote: Quote) { table.withLock { $0[quote.symbol] = quote } }

    /// How many single quotes were asked for.
    var quoteReads: Int { reads.withLock { $0 } }

    func quote(for symbol: Symbol) async throws -> Quote {
        reads.withLock { $0 += 1 }
        guard let quote = table.withLock({ $0[symbol] }) else {
            throw TradingError(.marketDataUnavailable, "no quote for \(symbol)")
        }
        return quote
    }

    func quotes(for symbols: [Symbol]) async throws -> QuoteBatch {
        var batch = QuoteBatch(quotes: [])
        for symbol in symbols {
            do { batch.quotes.append(try await quote(for: symbol)) } catch let error as TradingError {
                batch.failures[symbol] = error
            }
        }
        return batch
    }
}

/// A session that is always logged in.
struct LoggedInSession: BrokerSession {
    func status() async throws -> SessionStatus { SessionStatus(authenticated: true, connected: true) }
    func keepAlive() async throws -> SessionStatus { try await status() }
}

/// A broker double that records every placement and answers from a script: each placement takes the next scripted
/// reply (an acknowledgement or an error), or acknowledges `submitted` when the script is empty. Reads return the
/// positions, open orders and identity the test set. It yields before answering, so concurrent callers interleave.
final class RecordingBroker: Broker {
    enum Reply: Sendable {
        case ack(OrderStatus)
        case fail(TradingError)
    }

    struct State {
        var identity: Result<AccountIdentity, TradingError>
        var positions: [Position] = []
        var openOrders: [Order] = []
        var executions: [Execution] = []
        var script: [Reply] = []
        var placed: [(OrderRequest, ClientOrderID)] = []
        var brackets: [(BracketRequest, ClientOrderID)] = []
        var modified: [(OrderID, OrderRequest)] = []
        var nextOrderNumber = 1000
        /// For each placement: whether the journal file already held its intent when the broker was called.
        var intentOnDisk: [Bool] = []
        /// When true, `accountIdentity()` suspends until `releaseHeldReads()`.
        var holdReads = false
        var positionReads = 0
        var openOrderReads = 0
        /// Thrown by `positions()` and `openOrders()` when set.
        var readError: TradingError?
        var identityReads = 0
        var cancelled: [OrderID] = []
        var heldReads: [CheckedContinuation<Void, Never>] = []
    }

    let state: Mutex<State>
    /// When set, each placement checks this journal file for its intent line.
    let journalURL: URL?

    init(identity: AccountIdentity, journalURL: URL? = nil) {
        state = Mutex(State(identity: .success(identity)))
        self.journalURL = journalURL
    }

    func script(_ replies: Reply...) { state.withLock { $0.script.append(contentsOf: replies) } }

    func setPositions(_ positions: [Position]) { state.withLock { $0.positions = positions } }

    func setOpenOrders(_ orders: [Order]) { state.withLock { $0.openOrders = orders } }

    func setIdentity(_ identity: Result<AccountIdentity, TradingError>) { state.withLock { $0.identity = identity } }

    var placed: [(OrderRequest, ClientOrderID)] { state.withLock { $0.placed } }

    var placementCount: Int { state.withLock { $0.placed.count + $0.brackets.count + $0.modified.count } }

    var intentOnDisk: [Bool] { state.withLock { $0.intentOnDisk } }

    var cancelled: [OrderID] { state.withLock { $0.cancelled } }

    private func answer(_ clientOrderID: ClientOrderID?) throws -> OrderAck {
        if let url = journalURL, let clientOrderID {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            let present = text.split(separator: "\n").contains {
                $0.contains("\"kind\":\"intent\"") && $0.contains("\"client_order_id\":\"\(clientOrderID)\"")
            }
            state.withLock { $0.intentOnDisk.append(present) }
        }
        let reply: Reply = state.withLock { $0.script.isEmpty ? .ack(.submitted) : $0.script.removeFirst() }
        switch reply {
        case .fail(let error):
            throw error
        case .ack(let status):
            let number = state.withLock {
                $0.nextOrderNumber += 1
                return $0.nextOrderNumber
            }
            return OrderAck(orderID: OrderID(number), clientOrderID: clientOrderID, status: status)
        }
    }

    func accountIdentity() async throws -> AccountIdentity {
        await Task.yield()
        let hold = state.withLock { state in
            state.identityReads += 1
            return state.holdReads
        }
        if hold {
            await withCheckedContinuation { continuation in
                state.withLock { $0.heldReads.append(continuation) }
            }
        }
        return try state.withLock { try $0.identity.get() }
    }

    func place(_ order: OrderRequest, clientOrderID: ClientOrderID) async throws -> OrderAck {
        await Task.yield()
        state.withLock { $0.placed.append((order, clientOrderID)) }
        return try answer(clientOrderID)
    }

    func placeBracket(_ bracket: BracketRequest, clientOrderID: ClientOrderID) async throws -> [OrderAck] {
        await Task.yield()
        state.withLock { $0.brackets.append((bracket, clientOrderID)) }
        var entry = try answer(clientOrderID)
        entry.leg = .entry
        let legs: [(BracketLeg, Int)] = [(.takeProfit, 1), (.stopLoss, 2)]
        return [entry]
            + legs.map { leg, offset in
                OrderAck(
                    orderID: OrderID("\(entry.orderID.value)-\(offset)"), clientOrderID: clientOrderID.child(leg),
                    status: .submitted, leg: leg)
            }
    }

    func preview(_ order: OrderRequest) async throws -> Preview {
        Preview(symbol: order.symbol, side: order.side, commission: 1)
    }

    func modify(_ orderID: OrderID, to order: OrderRequest) async throws -> OrderAck {
        await Task.yield()
        state.withLock { $0.modified.append((orderID, order)) }
        var ack = try answer(nil)
        ack.orderID = orderID
        return ack
    }

    func cancel(_ orderID: OrderID) async throws -> OrderAck {
        state.withLock { $0.cancelled.append(orderID) }
        return OrderAck(orderID: orderID, status: .pending, message: "Request was submitted")
    }

    func orderStatus(_ orderID: OrderID) async throws -> Order {
        guard let order = state.withLock({ $0.openOrders.first { $0.orderID == orderID } }) else {
            throw TradingError(.orderNotFound, "no order \(orderID)")
        }
        return order
    }

    func openOrders() async throws -> [Order] {
        try state.withLock { state in
            state.openOrderReads += 1
            if let error = state.readError { throw error }
            return state.openOrders
        }
    }

    func executions(days: Int) async throws -> [Execution] { state.withLock { $0.executions } }

    func positions() async throws -> [Position] {
        try state.withLock { state in
            state.positionReads += 1
            if let error = state.readError { throw error }
            return state.positions
        }
    }

    /// Makes `positions()` and `openOrders()` throw `error` (nil: answer again).
    func failReads(_ error: TradingError?) { state.withLock { $0.readError = error } }

    /// How many times the open orders were read.
    var openOrderReads: Int { state.withLock { $0.openOrderReads } }

    /// Makes every later `accountIdentity()` call (the first read of every placement) wait for
    /// `releaseHeldReads()`.
    func holdIdentityReads() { state.withLock { $0.holdReads = true } }

    /// How many times the positions were read.
    var positionReads: Int { state.withLock { $0.positionReads } }

    /// How many times the account identity was read.
    var identityReads: Int { state.withLock { $0.identityReads } }

    /// How many `accountIdentity()` calls are waiting.
    var heldReadCount: Int { state.withLock { $0.heldReads.count } }

    /// Lets every waiting and later `accountIdentity()` call through.
    func releaseHeldReads() {
        let waiting = state.withLock { state in
            state.holdReads = false
            defer { state.heldReads = [] }
            return state.heldReads
        }
        for continuation in waiting { continuation.resume() }
    }

    func accountSummary() async throws -> AccountSummary {
        AccountSummary(accountID: try Fixtures.account(), currency: "USD", availableFunds: 1000)
    }
}

/// Contract rules set by the test, counting how often they are read.
final class FixedInstrumentRules: InstrumentRules {
    private let state: Mutex<(grid: OrderGrid, reads: Int)>

    init(_ grid: OrderGrid) { state = Mutex((grid, 0)) }

    var reads: Int { state.withLock { $0.reads } }

    func orderGrid(for symbol: Symbol) async throws -> OrderGrid {
        state.withLock { state in
            state.reads += 1
            return state.grid
        }
    }
}
