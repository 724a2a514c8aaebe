import MCPKit
import TradingDomain

/// `modify_order`: replaces a working order's quantity and prices, guarded like a new order.
enum ModifyOrderTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "modify_order", title: "Modify order",
            description: """
                Changes a working order: give its order_id and the full new order (symbol, side, quantity, and \
                limit_price and/or stop_price: limit → LMT, stop → STP, both → STOP_LIMIT). Guarded like a new \
                order; the daily cap counts only the increase. Stops default to GTC, limits to DAY.
                """,
            arguments: [
                "order_id": ToolFactory.orderID, "symbol": ToolFactory.symbol(), "side": ToolFactory.side,
                "quantity": ToolFactory.number("New number of shares."),
                "limit_price": ToolFactory.optionalNumber("New limit price."),
                "stop_price": ToolFactory.optionalNumber("New stop trigger."),
                "time_in_force": ToolFactory.timeInForce,
            ],
            required: ["order_id", "symbol", "side", "quantity"], data: Schemas.placement,
            annotations: .destructive(title: "Modify order")
        ) { arguments, context, broker in
            let orderID = try arguments.orderID()
            let symbol = try arguments.symbol()
            let side = try arguments.side()
            let quantity = try arguments.requiredDecimal("quantity", .quantity)
            let limit = try arguments.decimal("limit_price", .price)
            let stop = try arguments.decimal("stop_price", .price)
            let type: OrderType
            switch (stop, limit) {
            case (let stop?, let limit?): type = .stopLimit(trigger: stop, limit: limit)
            case (let stop?, nil): type = .stop(trigger: stop)
            case (nil, let limit?): type = .limit(limit)
            case (nil, nil):
                throw ToolFailure.invalid("limit_price", "give limit_price and/or stop_price for the new order")
            }
            let tif = try arguments.timeInForce(default: type.isStopFamily ? .goodTillCancelled : .day)
            let order = try OrderFlow.request(symbol, side, .quantity(quantity), type, tif)
            let summary = "order \(orderID.value) to \(OrderFlow.summary(order))"
            try await LiveConfirmation.check(
                environment, context: context, tool: "modify_order", summary: "modify \(summary)",
                subject: .modification(order), modifying: orderID)
            return Render.placement(try await broker.modify(orderID, to: order), environment: environment)
        }
    }
}
