/// The MCP revisions this server speaks, in both eras.
public enum ProtocolVersion {
    /// Reached through the `initialize` handshake, newest first.
    public static let handshake = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    /// Stateless revisions with a per-request `_meta` envelope.
    public static let modern = ["2026-07-28"]
    /// Offered to an `initialize` that asks for a version we do not know.
    public static let latestHandshake = handshake[0]
    public static let latestModern = modern[0]

    /// The reserved `_meta` keys of the 2026-07-28 envelope.
    public enum MetaKey {
        public static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
        public static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
        public static let clientInfo = "io.modelcontextprotocol/clientInfo"
        public static let logLevel = "io.modelcontextprotocol/logLevel"
        public static let serverInfo = "io.modelcontextprotocol/serverInfo"
    }

    /// Whether a revision supports structured tool output (`outputSchema`, `structuredContent`, titles).
    public static func hasStructuredOutput(_ version: String) -> Bool {
        version != "2024-11-05" && version != "2025-03-26"
    }
}

/// Which protocol era a connection settled on. The first request decides, once, as the dual-era rules say.
public enum ProtocolEra: String, Sendable, Equatable {
    case handshake
    case modern
}
