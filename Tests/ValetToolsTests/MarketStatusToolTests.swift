import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

@Suite("market_status")
struct MarketStatusToolTests {
    static func instant(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    @Test(
        "answers from the calendar at the injected instant",
        arguments: [
            ("2026-11-25T15:00:00Z", true, "open", "2026-11-25T16:00:00-05:00"),
            ("2026-11-26T15:00:00Z", false, "closed (holiday: Thanksgiving Day)", "2026-11-27T13:00:00-05:00"),
            ("2026-11-27T17:30:00Z", true, "open (early close today)", "2026-11-27T13:00:00-05:00"),
            ("2026-11-27T18:30:00Z", false, "closed (after today's early close)", "2026-11-30T16:00:00-05:00"),
            ("2026-11-28T15:00:00Z", false, "closed (weekend)", "2026-11-30T16:00:00-05:00"),
            ("2026-11-30T14:00:00Z", false, "closed (before the open)", "2026-11-30T16:00:00-05:00"),
        ]
    )
    func status(at iso: String, open: Bool, status: String, nextClose: String) async throws {
        let now = Self.instant(iso)
        let tool = MarketStatusTool.make(ToolEnvironment(broker: nil, name: .twin, now: { now }))
        let context = ToolContext.detached()
        let result = try await tool.handler([:], context)
        let data = result.structuredContent?["data"]
        #expect(result.isError == false)
        #expect(data?["market_open"] == .bool(open))
        #expect(data?["status"] == .string(status))
        #expect(data?["next_close"] == .string(nextClose))
        let problems = SchemaValidator().problems(
            result.structuredContent ?? .null, against: tool.outputSchema ?? .null)
        #expect(problems.isEmpty, "\(problems)")
    }
}
