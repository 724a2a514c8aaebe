import FoundationEssentials
import MCPKit
import TradingDomain

/// `wait_for_fill`: polls an order's status every 2 seconds on the injected clock and sleeper until it is final or
/// the timeout passes, reporting progress; stops at once when the call is cancelled.
enum WaitForFillTool {
    static let pollInterval: TimeInterval = 2
    static let maximumTimeout: Decimal = 120
    static let timeoutRule = NumberRule(places: 3, maximum: maximumTimeout, allowsZero: true)

    static let dataSchema: JSONValue = {
        var properties = Schemas.orderProperties
        properties["timed_out"] = ["type": "boolean", "description": "True when the order was not final in time."]
        properties["polls"] = ["type": "integer"]
        properties["waited_seconds"] = Schemas.decimal
        return Schemas.object(properties)
    }()

    static func make(_ environment: ToolEnvironment) -> Tool {
        var tool = ToolFactory.make(
            environment, name: "wait_for_fill", title: "Wait for fill",
            description: """
                Polls an order every 2 seconds until it is filled, cancelled, rejected or inactive, or until \
                timeout_seconds (0 to 120, default 30) have passed; timed_out says which. Sends progress \
                notifications and stops when the call is cancelled.
                """,
            arguments: [
                "order_id": ToolFactory.orderID,
                "timeout_seconds": ToolFactory.optionalNumber("How long to wait, 0 to 120 seconds (default 30)."),
            ],
            required: ["order_id"], data: dataSchema, annotations: .readOnly(title: "Wait for fill")
        ) { arguments, context, broker in
            let orderID = try arguments.orderID()
            let timeout = try arguments.decimal("timeout_seconds", timeoutRule) ?? 30
            let seconds = Double(timeout.description) ?? 30
            // Counting sleeps as well as clock time ends the wait even on a clock that does not move.
            let maximumSleeps = Int((seconds / pollInterval).rounded(.up))
            let start = environment.now()
            var order = try await broker.orderStatus(orderID)
            await environment.fills.observe([order])
            var polls = 1
            while !order.status.isTerminal, polls - 1 < maximumSleeps,
                environment.now().timeIntervalSince(start) < seconds
            {
                await context.reportProgress(
                    Double(polls), total: Double(maximumSleeps + 1),
                    message: "order \(orderID.value) is \(order.status.rawValue)")
                try Task.checkCancellation()
                try await environment.sleep(.seconds(pollInterval))
                order = try await broker.orderStatus(orderID)
                await environment.fills.observe([order])
                polls += 1
            }
            guard case .object(var object) = Render.order(order) else { return .null }
            object["timed_out"] = .bool(!order.status.isTerminal)
            object["polls"] = .int(polls)
            let waited = max(0, environment.now().timeIntervalSince(start))
            object["waited_seconds"] = .string(waited.fixed(3))
            return .object(object)
        }
        // Ends when the client's input ends, and never holds one of the slots quick reads share.
        tool.waitsLong = true
        return tool
    }
}
