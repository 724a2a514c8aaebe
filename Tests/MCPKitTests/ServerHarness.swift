import Foundation
import MCPKit

/// The protocol tests drive servers through MCPKit's own in-process client.
typealias ServerHarness = InProcessClient

extension InProcessClient {
    /// A test server with the given registries and a quiet stderr.
    convenience init(tools: [Tool] = [], resources: [Resource] = [], prompts: [Prompt] = [], pageSize: Int = 50) {
        self.init(
            server: MCPServer(
                info: ServerInfo(name: "test", version: "1.0"),
                instructions: "test server",
                tools: tools,
                resources: resources,
                prompts: prompts,
                pageSize: pageSize,
                stderr: { _ in }
            )
        )
    }
}

extension JSONValue {
    var errorCode: Int? { self["error"]?["code"]?.intValue }
    var result: JSONValue? { self["result"] }
}

/// Envelope `_meta` of a 2026-07-28 request.
func modernMeta(version: String = "2026-07-28", capabilities: JSONValue = [:]) -> JSONValue {
    [
        "io.modelcontextprotocol/protocolVersion": .string(version),
        "io.modelcontextprotocol/clientCapabilities": capabilities,
        "io.modelcontextprotocol/clientInfo": ["name": "t", "version": "1"],
    ]
}
