import MCPKit

/// Runs a tool body and turns every failure into the error envelope. `InputRequired` passes through untouched:
/// it is how a modern-era tool asks the client a question (MCPKit turns it into an `InputRequiredResult`).
enum ToolRun {
    static func envelope(_ body: () async throws -> JSONValue) async throws -> CallToolResult {
        do {
            return ToolEnvelope.success(try await body())
        } catch let required as InputRequired {
            throw required
        } catch {
            return ToolFailure.from(error).envelope
        }
    }
}
