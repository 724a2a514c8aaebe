import FoundationEssentials
import SimulationKit

extension TwinCore {
    /// Keeps an order object as it arrived, for the admin API's ground truth.
    func record(_ order: TwinJSON, path: String) {
        receivedOrders.append(
            .object([
                "at": .string(TraceWriter.formatDate(now)), "path": .string(path), "order": order,
            ]))
    }

    /// The broker's side of the story (`GET /twin/state`): what the twin received, holds and filled.
    func groundTruth() -> TwinJSON {
        let positions: [TwinJSON] = ledger.positions.keys.sorted().compactMap { conid in
            guard let position = ledger.positions[conid], position.quantity != 0 else { return nil }
            return .object([
                "conid": .int(conid), "symbol": .string(market.instruments[conid]?.symbol),
                "quantity": .string(TwinFormat.quantity(position.quantity)),
                "averageCost": .string(TwinJSON.floatText(position.averageCost)),
            ])
        }
        let orderRows: [TwinJSON] = orders.keys.sorted().compactMap { orders[$0] }.map { order in
            .object([
                "orderId": .int(order.orderId), "cOID": .string(order.cOID), "conid": .int(order.conid),
                "side": .string(order.side.rawValue), "orderType": .string(order.orderType.rawValue),
                "tif": .string(order.tif), "status": .string(statusWord(order)),
                "totalQuantity": order.totalQuantity.map { .string(TwinFormat.quantity($0)) } ?? .null,
                "cashQuantity": order.cashQuantity.map { .string(TwinJSON.floatText($0)) } ?? .null,
                "filledQuantity": .string(TwinFormat.quantity(order.filledQuantity)),
                "limitPrice": order.limitPrice.map { .string(TwinJSON.floatText($0)) } ?? .null,
                "stopPrice": order.stopPrice.map { .string(TwinJSON.floatText($0)) } ?? .null,
            ])
        }
        let fills: [TwinJSON] = executions.map { execution in
            .object([
                "executionId": .string(execution.executionId), "orderId": .int(execution.orderId),
                "conid": .int(execution.conid), "side": .string(execution.side.rawValue),
                "quantity": .string(TwinFormat.quantity(execution.quantity)),
                "price": .string(TwinJSON.floatText(execution.price)),
                "commission": .string(TwinJSON.floatText(execution.commission)),
                "at": .string(TraceWriter.formatDate(execution.time)),
            ])
        }
        let prices: [TwinJSON] = market.conids.compactMap { conid in
            guard let quote = market.quotes[conid] else { return nil }
            return .object([
                "conid": .int(conid), "symbol": .string(market.instruments[conid]?.symbol),
                "last": .string(TwinJSON.floatText(quote.last)), "bid": .string(TwinJSON.floatText(quote.bid)),
                "ask": .string(TwinJSON.floatText(quote.ask)),
            ])
        }
        return .object([
            "now": .string(TraceWriter.formatDate(now)), "account": .string(configuration.accountID),
            "cash": .string(TwinJSON.floatText(ledger.cash)), "positions": .array(positions),
            "orders": .array(orderRows), "received": .array(receivedOrders), "fills": .array(fills),
            "questionsAsked": .array(askedQuestionIDs.map(TwinJSON.string)),
            "session": .object([
                "state": .string(session.state.rawValue), "primed": .bool(session.primed),
                "authenticated": .bool(session.isBrokerageUp),
            ]),
            "market": .object(["regular": .bool(phase(at: now).regular), "extended": .bool(phase(at: now).extended)]),
            "prices": .array(prices),
        ])
    }
}
