import Foundation
import MCPKit

/// The tools' JSON-RPC tests drive the server through MCPKit's in-process client.
typealias ServerHarness = InProcessClient

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
