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
                    averagePrice: order.averagePrice, commission: order.commission)
            }
        }
    }

    /// The message ids of every confirmation question asked so far, in order.
    public var askedQuestionIDs: [String] { withCore { $0.askedQuestionIDs } }

    /// Number of executions (fills) so far.
    public var executionCount: Int { withCore { $0.executions.count } }
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
}
