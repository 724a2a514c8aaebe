import FoundationEssentials
import TradingDomain

extension GuardedBroker {
    /// `subject` as it will be sent: prices on the contract's tick, a sell's quantity rounded down to its
    /// decimals, so the guards, the duplicate fingerprint and the journal see the order IBKR receives (limits of
    /// 150.001 and 150 are one order). An order already on the US stock grid (cent prices, 4 quantity decimals) is
    /// on every US stock's grid and reads no rules; otherwise the contract's rules are read (the adapter caches
    /// them), falling back to that grid when they cannot be. The adapter keeps its own rounding as a last defence.
    func onGrid(_ subject: SafetyGuards.Subject) async throws -> SafetyGuards.Subject {
        switch subject {
        case .order(let order):
            if OrderGrid.usStock.contains(order) { return subject }
            return .order(try await grid(for: order.symbol).normalized(order))
        case .modification(let order):
            if OrderGrid.usStock.contains(order) { return subject }
            return .modification(try await grid(for: order.symbol).normalized(order))
        case .bracket(let bracket):
            if OrderGrid.usStock.contains(bracket) { return subject }
            return .bracket(try await grid(for: bracket.symbol).normalized(bracket))
        }
    }

    private func grid(for symbol: Symbol) async -> OrderGrid {
        guard let instrumentRules, let grid = try? await instrumentRules.orderGrid(for: symbol) else {
            return .usStock
        }
        return grid
    }

    /// A modification may change an order's size, prices and time in force, never its symbol or side: the order
    /// must be among the broker's working orders, and both must match. Checked before anything is sent.
    func checkModifiable(_ orderID: OrderID, to order: OrderRequest) async throws {
        let listed: [Order]
        do {
            listed = try await listedOrders()
        } catch {
            throw TradingError(
                .brokerUnavailable,
                "The working orders could not be read (\(TradingError.describe(error))), so order \(orderID) cannot"
                    + " be checked before it is modified. Nothing was sent.",
                hint: "retry in a moment")
        }
        guard let working = listed.first(where: { $0.orderID == orderID }), !working.status.isTerminal else {
            throw TradingError(
                .orderNotFound, "Order \(orderID) is not among the broker's working orders, so it cannot be modified.",
                hint: "check open_orders for the id; an order that has finished cannot be changed")
        }
        guard let symbol = working.symbol, let side = working.side else {
            throw TradingError(
                .unexpectedResponse,
                "The broker did not report the symbol and side of order \(orderID), so the modification cannot be"
                    + " checked against them. Nothing was sent.",
                hint: "check order_status, or cancel the order and place a new one")
        }
        if symbol != order.symbol {
            throw TradingError.invalid(
                "symbol",
                "modify_order may not change the symbol: order \(orderID) is for \(symbol), not \(order.symbol)."
                    + " Nothing was sent.",
                hint: "cancel the order (cancel_order) and place a new one for \(order.symbol)")
        }
        if side != order.side {
            throw TradingError.invalid(
                "side",
                "modify_order may not change the side: order \(orderID) is a \(side.rawValue), not a"
                    + " \(order.side.rawValue). Nothing was sent.",
                hint: "cancel the order (cancel_order) and place a new \(order.side.rawValue) order")
        }
    }
}
