import Foundation
import MCPKit

/// Tools with known behaviour for the protocol tests.
enum TestTools {
    static let echoOutput: JSONValue = [
        "type": "object",
        "properties": ["echo": ["type": "string"]],
        "required": ["echo"],
        "additionalProperties": false,
    ]

    /// Returns its `text` argument as `{"echo": text}`.
    static let echo = Tool(
        name: "echo",
        title: "Echo",
        description: "Echoes its text.",
        inputSchema: [
            "type": "object",
            "properties": ["text": ["type": "string", "maxLength": 20], "times": ["type": "integer", "minimum": 1]],
            "required": ["text"],
            "additionalProperties": false,
        ],
        outputSchema: echoOutput,
        annotations: .readOnly()
    ) { arguments, _ in
        .structured(["echo": arguments["text"] ?? .null])
    }

    /// Claims an output schema it does not keep.
    static let liar = Tool(
        name: "liar",
        description: "Breaks its output schema.",
        outputSchema: echoOutput,
        annotations: .readOnly()
    ) { _, _ in
        .structured(["echo": 42])
    }

    /// Fails with a business error.
    static let refuses = Tool(name: "refuses", description: "Always refuses.", annotations: .destructive()) { _, _ in
        .structured(["ok": false], isError: true)
    }

    struct Boom: Error {}

    /// Throws an unexpected error.
    static let throwing = Tool(name: "throwing", description: "Throws.", annotations: .readOnly()) { _, _ in
        throw Boom()
    }

    /// Waits until cancelled.
    static let slow = Tool(name: "slow", description: "Never finishes on its own.", annotations: .readOnly()) { _, _ in
        try await Task.sleep(for: .seconds(3600))
        return .text("woke up")
    }

    /// Reports progress three times, then logs, then finishes.
    static let progress = Tool(name: "progress", description: "Reports progress.", annotations: .readOnly()) {
        _,
        context in
        await context.reportProgress(1, total: 3, message: "one")
        await context.reportProgress(1, total: 3, message: "not increasing: dropped")
        await context.reportProgress(2, total: 3)
        await context.reportProgress(3, total: 3)
        await context.log(.warning, "progress done")
        await context.log(.debug, "below the level")
        return .text("done")
    }

    /// Asks a person to confirm.
    static let confirm = Tool(name: "confirm", description: "Asks for confirmation.", annotations: .destructive()) {
        _,
        context in
        do {
            let answer = try await context.elicit(
                key: "confirm",
                message: "Place the order?",
                requestedSchema: [
                    "type": "object", "properties": ["confirm": ["type": "boolean"]], "required": ["confirm"],
                ]
            )
            return .structured(["action": .string(answer.action.rawValue), "content": .object(answer.content)])
        } catch ElicitationUnavailable.unsupportedByClient {
            return .structured(["action": "unsupported"])
        }
    }

    static let all = [echo, liar, refuses, throwing, slow, progress, confirm]
}
