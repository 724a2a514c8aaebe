import Foundation
import MCPKit
import Synchronization
import Testing
import TradingDomain
import TradingSafety
import ValetTesting

@testable import ValetTools

/// A real `GuardedBroker` over scripted doubles, a journal in a fresh temporary directory, a manual clock, and
/// the tools built from one `ToolEnvironment`.
struct ToolFixture {
    let broker: ScriptedBroker
    let guarded: GuardedBroker
    let journal: TradeJournal
    let clock: TestClock
    let environment: ToolEnvironment
    let tools: [String: Tool]

    init(
        dryRun: Bool = false, name: EnvironmentName = .twin, allowLive: Bool = false, paper: Bool = true,
        marketOpen: Bool = true, script: ScriptedBroker.Script = ScriptedBroker.Script(),
        maxOrderValue: Decimal = 1000, maxDailyValue: Decimal? = nil
    ) throws {
        var script = script
        script.identity.isPaper = paper
        if !paper { script.identity.selectedAccount = try AccountID("U7654321") }
        let broker = ScriptedBroker(script)
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("valet-tools-\(UUID().uuidString)")
        let journal = try TradeJournal(url: directory.appendingPathComponent("trades.jsonl"))
        let policy = SafetyPolicy(
            allowLive: allowLive, dryRun: dryRun, expectedAccount: script.identity.selectedAccount,
            expectPaper: paper, maxOrderValue: maxOrderValue, maxDailyValue: maxDailyValue, duplicateWindow: 5)
        let ids = try ClientOrderIDSequence(prefix: "t")
        let guarded = GuardedBroker(
            broker: broker, marketData: TableMarketData(), session: SteadySession(),
            marketHours: FixedMarketHours(open: marketOpen), policy: policy, journal: journal, clock: { clock.now },
            clientOrderIDs: { ids.next() }, research: broker)
        let references = Mutex(0)
        let environment = ToolEnvironment(
            broker: guarded, name: name, now: { clock.now }, sleep: { try await clock.sleep(for: $0) },
            approvals: ApprovalStore(url: directory.appendingPathComponent("trades.approvals.json")),
            approvalReferences: {
                references.withLock { value in
                    value += 1
                    return "REF\(value)"
                }
            })
        self.broker = broker
        self.guarded = guarded
        self.journal = journal
        self.clock = clock
        self.environment = environment
        self.tools = Dictionary(uniqueKeysWithValues: ValetToolbox.tools(environment).map { ($0.name, $0) })
    }

    /// Calls a tool's handler directly and checks a success against the tool's output schema.
    func call(
        _ name: String, _ arguments: [String: JSONValue] = [:], context: ToolContext = .detached(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CallToolResult {
        let tool = try #require(tools[name], "no tool \(name)", sourceLocation: sourceLocation)
        let result = try await tool.handler(arguments, context)
        let problems = SchemaValidator().problems(
            result.structuredContent ?? .null, against: tool.outputSchema ?? .null)
        #expect(problems.isEmpty, "\(name): \(problems)", sourceLocation: sourceLocation)
        return result
    }

    /// Journal lines that say an order went (or may have gone) to the broker.
    var sentLines: [JournalRecord] {
        journal.records.filter { $0.kind == .intent || $0.outcome == .sent || $0.outcome == .unknown }
    }
}

extension CallToolResult {
    var data: JSONValue? { structuredContent?["data"] }
    var errorCode: String? { structuredContent?["error"]?["code"]?.stringValue }
    var errorMessage: String { structuredContent?["error"]?["message"]?.stringValue ?? "" }
    var errorArgument: String? { structuredContent?["error"]?["argument"]?.stringValue }
}
