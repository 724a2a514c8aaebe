import Foundation
import Synchronization
import TradingDomain

/// A broker that answers from a script and records every order-changing call, so tests can prove what was (or
/// was not) sent. Paper account DU123 unless told otherwise.
final class ScriptedBroker: Broker {
    struct Script: Sendable {
        var identity = AccountIdentity(selectedAccount: try? AccountID("DU123"), isPaper: true)
        var positions: [Position] = []
        var openOrders: [Order] = []
        /// Successive answers of `orderStatus`; the last one repeats.
        var statuses: [OrderStatus] = [.submitted]
        var executions: [Execution] = []
        /// Thrown by `place`, `placeBracket` and `modify` when set.
        var placeError: TradingError?
        /// Thrown by the reads when set.
        var readError: TradingError?
        var nextOrderID = 1000
        /// Research answers: bars of any known symbol, search matches, and the P&L.
        var bars: [PriceBar] = []
        var matches: [SymbolMatch] = []
        var pnl = ProfitAndLoss(
            accountID: "DU123", daily: Decimal(string: "12.5"), unrealized: Decimal(string: "-3.25"),
            realized: Decimal(string: "15.75"), netLiquidation: 100_000, marketValue: nil)
    }

    enum Call: Sendable, Equatable {
        case place(OrderRequest, ClientOrderID)
        case bracket(BracketRequest)
        case modify(OrderID, OrderRequest)
        case cancel(OrderID)
    }

    private let state: Mutex<(script: Script, calls: [Call], statusReads: Int, research: [String])>

    init(_ script: Script = Script()) {
        state = Mutex((script, [], 0, []))
    }

    /// The order-changing calls received, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    var statusReads: Int { state.withLock { $0.statusReads } }

    /// The research requests received (`history SYM period bar`, `search Q byName`, `pnl`).
    var researchCalls: [String] { state.withLock { $0.research } }

    func update(_ change: (inout Script) -> Void) {
        state.withLock { change(&$0.script) }
    }

    private func read<T>(_ body: (Script) -> T) throws -> T {
        try state.withLock { state in
            if let error = state.script.readError { throw error }
            return body(state.script)
        }
    }

    private func record(_ call: Call) throws -> OrderID {
        try state.withLock { state in
            state.calls.append(call)
            if let error = state.script.placeError { throw error }
            state.script.nextOrderID += 1
            return OrderID(state.script.nextOrderID)
        }
    }

    func accountIdentity() async throws -> AccountIdentity { try read { $0.identity } }

    func place(_ order: OrderRequest, clientOrderID: ClientOrderID) async throws -> OrderAck {
        let id = try record(.place(order, clientOrderID))
        return OrderAck(orderID: id, clientOrderID: clientOrderID, status: .submitted, message: "Order submitted")
    }

    func placeBracket(_ bracket: BracketRequest, clientOrderID: ClientOrderID) async throws -> [OrderAck] {
        let id = try record(.bracket(bracket))
        return [
            OrderAck(orderID: id, clientOrderID: clientOrderID, status: .submitted, leg: .entry),
            OrderAck(
                orderID: OrderID(id.value + "1"), clientOrderID: clientOrderID.child(.takeProfit), status: .pending,
                leg: .takeProfit),
            OrderAck(
                orderID: OrderID(id.value + "2"), clientOrderID: clientOrderID.child(.stopLoss), status: .pending,
                leg: .stopLoss),
        ]
    }

    func preview(_ order: OrderRequest) async throws -> Preview {
        try read { _ in
            Preview(
                symbol: order.symbol, side: order.side, commission: Decimal(string: "1.00"),
                amount: Decimal(string: "200.00"), warnings: ["a test warning"])
        }
    }

    func modify(_ orderID: OrderID, to order: OrderRequest) async throws -> OrderAck {
        _ = try record(.modify(orderID, order))
        return OrderAck(orderID: orderID, status: .submitted, message: "modified")
    }

    func cancel(_ orderID: OrderID) async throws -> OrderAck {
        _ = try? record(.cancel(orderID))
        if let error = state.withLock({ $0.script.readError }) { throw error }
        return OrderAck(orderID: orderID, status: .pending, message: "Request was submitted")
    }

    func orderStatus(_ orderID: OrderID) async throws -> Order {
        let status = try state.withLock { state in
            if let error = state.script.readError { throw error }
            let index = min(state.statusReads, state.script.statuses.count - 1)
            state.statusReads += 1
            return state.script.statuses[max(0, index)]
        }
        return Order(
            orderID: orderID, symbol: try? Symbol("AAPL"), side: .buy, typeKind: .market, status: status,
            quantity: 2, filledQuantity: status == .filled ? 2 : 0, averagePrice: status == .filled ? 200 : nil)
    }

    func openOrders() async throws -> [Order] { try read { $0.openOrders } }

    func executions(days: Int) async throws -> [Execution] { try read { $0.executions } }

    func positions() async throws -> [Position] { try read { $0.positions } }

    func accountSummary() async throws -> AccountSummary {
        try read { script in
            AccountSummary(
                accountID: script.identity.selectedAccount ?? (try! AccountID("DU123")), currency: "USD",
                availableFunds: Decimal(string: "1000.50"), netLiquidation: 5000, buyingPower: nil)
        }
    }
}

/// Market data from a fixed table; a symbol not in it is unknown (`contract_not_found`).
struct TableMarketData: MarketData {
    var quotes: [Symbol: Quote]

    init(_ prices: [String: Decimal] = ["AAPL": 200, "MSFT": 400]) {
        var table: [Symbol: Quote] = [:]
        for (ticker, price) in prices {
            guard let symbol = try? Symbol(ticker) else { continue }
            table[symbol] = Quote(
                symbol: symbol, contractID: ContractID(265_598), last: price, lastSource: .trade, bid: price - 1,
                ask: price + 1)
        }
        quotes = table
    }

    func quote(for symbol: Symbol) async throws -> Quote {
        guard let quote = quotes[symbol] else {
            throw TradingError(.contractNotFound, "No US stock found for \(symbol).")
        }
        return quote
    }

    func quotes(for symbols: [Symbol]) async throws -> QuoteBatch {
        var batch = QuoteBatch(quotes: [])
        for symbol in symbols {
            if let quote = quotes[symbol] {
                batch.quotes.append(quote)
            } else {
                batch.failures[symbol] = TradingError(.contractNotFound, "No US stock found for \(symbol).")
            }
        }
        return batch
    }
}

/// A session that is always logged in (or not, as told).
struct SteadySession: BrokerSession {
    var status = SessionStatus(authenticated: true, connected: true, serverVersion: "twin-1")

    func status() async throws -> SessionStatus { status }
    func keepAlive() async throws -> SessionStatus { status }
}

extension ScriptedBroker: MarketResearch {
    func priceHistory(for symbol: Symbol, window: HistoryWindow) async throws -> PriceHistory {
        state.withLock { $0.research.append("history \(symbol) \(window.period) \(window.bar)") }
        let bars = try read { $0.bars }
        return PriceHistory(symbol: symbol, contractID: ContractID(265598), window: window, delayed: false, bars: bars)
    }

    func searchSymbols(_ query: String, byName: Bool) async throws -> [SymbolMatch] {
        state.withLock { $0.research.append("search \(query) \(byName)") }
        return try read { script in
            script.matches.filter {
                byName ? ($0.companyName ?? "").contains(query) : $0.symbol == query
            }
        }
    }

    func profitAndLoss() async throws -> ProfitAndLoss {
        state.withLock { $0.research.append("pnl") }
        return try read { $0.pnl }
    }
}
