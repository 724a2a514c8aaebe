import FoundationEssentials

extension GatewayTwin {
    /// Cash in the account.
    public var cash: Decimal { withCore { $0.ledger.cash } }

    /// Signed position and average cost of an instrument (zero when flat).
    public func position(conid: Int) -> (quantity: Decimal, averageCost: Decimal) {
        withCore { core in
            let position = core.ledger.positions[conid] ?? TwinPosition()
            return (position.quantity, position.averageCost)
        }
    }

    /// Number of orders still working.
    public var workingOrderCount: Int { withCore { $0.orders.values.filter(\.isWorking).count } }

    /// Every order the twin holds, oldest first, as scenario expectations read them.
    public func orders() -> [TwinOrderSummary] {
        withCore { core in
            core.orders.keys.sorted().compactMap { core.orders[$0] }.map { order in
                TwinOrderSummary(
                    orderId: order.orderId, clientOrderID: order.cOID, conid: order.conid,
                    side: order.side.rawValue, orderType: order.orderType.rawValue,
                    status: core.statusWord(order),
                    filledQuantity: order.filledQuantity, totalQuantity: order.totalQuantity,
                    averagePrice: order.averagePrice, commission: order.commission, triggerPrice: order.stopPrice,
                    limitPrice: order.limitPrice)
            }
        }
    }

    /// The message ids of every confirmation question asked so far, in order.
    public var askedQuestionIDs: [String] { withCore { $0.askedQuestionIDs } }

    /// Number of executions (fills) so far.
    public var executionCount: Int { withCore { $0.executions.count } }

    /// The lowest quantity each instrument's position reached after any execution (nil: never traded).
    public func lowestPosition(conid: Int) -> Decimal? { withCore { $0.ledger.lowestQuantity[conid] } }

    /// Every order and modification as the twin received it, oldest first.
    public var receipts: [TwinReceipt] { withCore { $0.receipts } }

    /// What the matching engine did so far (updates through `apply`, triggers, fills).
    public var engineCounters: TwinEngineCounters { withCore { $0.engineCounters } }

    /// Disagreements inside the twin's own bookkeeping, in words; empty when consistent. Every working order that
    /// is not held by its parent rests exactly once, nothing else rests, and the engine's indexes agree with each
    /// other (`RestingBook.problems`). Linear in the number of orders: the swarm runs it after every step.
    public func selfCheck() -> [String] {
        withCore { core in
            var found = core.resting.problems()
            for orderId in core.orders.keys.sorted() {
                guard let order = core.orders[orderId] else { continue }
                let shouldRest = order.isWorking && !order.heldByParent
                let rests = core.resting.placement(of: orderId) != nil
                if shouldRest && !rests { found.append("working order \(orderId) is not in the matching engine") }
                if !shouldRest && rests { found.append("order \(orderId) rests although it is not working") }
                if let placement = core.resting.placement(of: orderId), placement.conid != order.conid {
                    found.append("order \(orderId) rests under conid \(placement.conid), not \(order.conid)")
                }
            }
            return found
        }
    }
}

/// A read-only view of one twin order.
public struct TwinOrderSummary: Sendable, Hashable {
    public var orderId: Int
    /// The `cOID` the client sent, if any.
    public var clientOrderID: String?
    public var conid: Int
    /// `BUY` or `SELL`.
    public var side: String
    /// `MKT`, `LMT`, `STP`, `STOP_LIMIT` or `TRAIL`.
    public var orderType: String
    /// IBKR's status word (`PreSubmitted`, `Submitted`, `Filled`, `Cancelled`).
    public var status: String
    public var filledQuantity: Decimal
    /// Nil for a cash-quantity order that has not finished.
    public var totalQuantity: Decimal?
    public var averagePrice: Decimal?
    public var commission: Decimal
    /// The price that triggers a stop, stop-limit or trailing stop now (a trailing stop's moves as the price
    /// does); nil for other orders.
    public var triggerPrice: Decimal?
    /// The limit price the order holds now (after any modification); nil for orders without one.
    public var limitPrice: Decimal?
}
