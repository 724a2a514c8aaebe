import FoundationEssentials
import MCPKit
import TradingSafety

/// The MCP resources: the audit journal (`valet://journal`, one JSON object per line), the current positions
/// (`valet://positions`, a JSON array) and the broker's orders (`valet://orders`, a JSON array, finished ones
/// included so a fill shows). Positions and orders can be subscribed to: a fill the tools see notifies them.
enum ValetResources {
    static let ordersURI = "valet://orders"
    static let positionsURI = "valet://positions"

    static func all(_ environment: ToolEnvironment) -> [Resource] {
        guard let broker = environment.broker else { return [] }
        return [journal(broker), positions(broker), orders(environment, broker)]
    }

    static func orders(_ environment: ToolEnvironment, _ broker: GuardedBroker) -> Resource {
        Resource(
            uri: ordersURI, name: "orders", title: "Orders",
            description: """
                The orders IBKR lists for the account (working and recently finished, as open_orders with \
                include_finished returns them), as a JSON array.
                """,
            mimeType: "application/json"
        ) {
            do {
                let orders = try await broker.openOrders()
                await environment.fills.observe(orders)
                return JSONWriter.string(.array(orders.map(Render.order)))
            } catch {
                return failureText(error)
            }
        }
    }

    /// A resource has no envelope: the error object stands in for the array, with the same wording.
    static func failureText(_ error: any Error) -> String {
        let failure = ToolFailure.from(error)
        return JSONWriter.string([
            "error": [
                "code": .string(failure.code), "message": .string(failure.message), "hint": .string(failure.hint),
            ]
        ])
    }

    static func journal(_ broker: GuardedBroker) -> Resource {
        Resource(
            uri: "valet://journal", name: "journal", title: "Trade journal",
            description: """
                The audit journal: every order attempt's intent, outcome and resolution, one JSON object per line, \
                oldest first.
                """,
            mimeType: "application/jsonl"
        ) {
            await broker.tradeHistory(limit: 0).map { JSONWriter.string(Render.journal($0)) }
                .joined(separator: "\n")
        }
    }

    static func positions(_ broker: GuardedBroker) -> Resource {
        Resource(
            uri: positionsURI, name: "positions", title: "Positions",
            description: "The account's current holdings (as the positions tool returns them), as a JSON array.",
            mimeType: "application/json"
        ) {
            do {
                return JSONWriter.string(.array(try await broker.positions().map(Render.position)))
            } catch {
                // A resource has no envelope: the error object stands in for the array, with the same wording.
                let failure = ToolFailure.from(error)
                return JSONWriter.string([
                    "error": [
                        "code": .string(failure.code), "message": .string(failure.message),
                        "hint": .string(failure.hint),
                    ]
                ])
            }
        }
    }
}
