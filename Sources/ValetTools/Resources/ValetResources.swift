import FoundationEssentials
import MCPKit
import TradingSafety

/// The MCP resources: the audit journal (`valet://journal`, one JSON object per line) and the current positions
/// (`valet://positions`, a JSON array).
enum ValetResources {
    static func all(_ environment: ToolEnvironment) -> [Resource] {
        guard let broker = environment.broker else { return [] }
        return [journal(broker), positions(broker)]
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
            uri: "valet://positions", name: "positions", title: "Positions",
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
