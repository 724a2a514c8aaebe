import Foundation
import Testing
import TradingSafety

@testable import Rehearsal

/// Proof that the swarm's net has teeth: for each invariant, the real stack (MCP server, tools, guards, journal,
/// adapter, twin) with the guard that invariant protects weakened on purpose — and the same seeds with it intact.
/// The weakened stack must break that invariant within the stated seeds; the intact one must not.
@Suite("Mutation: each invariant catches its guard weakened")
struct MutationTests {
    struct Mutation: Sendable, CustomTestStringConvertible {
        var name: String
        var weakening: SafetyWeakening
        var template: String
        var settings: [String: String] = [:]
        var profile: FaultProfile = FaultProfile(name: "calm", faults: [])
        /// The invariant (by name) that must report the violation.
        var invariant: String
        /// Seeds tried; the weakening must be caught within them.
        var seeds: ClosedRange<UInt64> = 1...6
        /// The stack the weakened one is compared with: intact, or weakened in another layer only.
        var control: SafetyWeakening = .none

        var testDescription: String { name }
    }

    static let lostAnswers = FaultProfile.standard.first { $0.name == "lost-answers" } ?? .init(name: "", faults: [])

    static let mutations: [Mutation] = [
        Mutation(
            // Two layers stand between the agent and a short: the short-sale guard, and IBKR's own oversell question
            // (o2137), which the adapter declines. Both go, and the cap is raised so that it does not refuse the
            // sale as an entry instead.
            name: "short-sale guard left out, IBKR's oversell question confirmed",
            weakening: .init(omittedGuards: [.shortSale], confirmedQuestions: ["o2137"]), template: "swarm-holdings",
            settings: ["MAX_ORDER_VALUE": "5000", "MAX_DAILY_VALUE": ""], invariant: NoShortPosition().name),
        Mutation(
            name: "IBKR's oversell question confirmed",
            weakening: .init(omittedGuards: [.shortSale], confirmedQuestions: ["o2137"]), template: "swarm-holdings",
            settings: ["MAX_ORDER_VALUE": "5000", "MAX_DAILY_VALUE": ""],
            invariant: NoUnapprovedWarningConfirmed().name),
        Mutation(
            name: "per-order cap left out", weakening: .init(omittedGuards: [.orderValueCap]),
            template: "swarm-holdings", invariant: CapsAtTheBroker().name),
        Mutation(
            name: "daily cap left out", weakening: .init(omittedGuards: [.dailyCap]), template: "swarm-holdings",
            settings: ["MAX_DAILY_VALUE": "400"], invariant: CapsAtTheBroker().name),
        Mutation(
            name: "intent journaled after sending", weakening: .init(journalsIntentAfterSending: true),
            template: "swarm-holdings", invariant: IntentBeforeSend().name),
        Mutation(
            name: "missing orders accepted at once", weakening: .init(acceptsMissingAtOnce: true),
            template: "swarm-holdings", profile: lostAnswers, invariant: NoResendOfALandedOrder().name,
            seeds: 1...10),
        Mutation(
            name: "person approval skipped", weakening: .init(skipsPersonApproval: true),
            template: "swarm-live-account", invariant: NoUnapprovedLiveOrder().name),
        Mutation(
            name: "account guard left out (live lock)", weakening: .init(omittedGuards: [.account]),
            template: "swarm-live-account", settings: ["TRADING_ALLOW_LIVE": "false"],
            invariant: NoOrderWhileLocked().name),
        Mutation(
            // Positions reused after a fill was seen let a second sell count shares already sold. IBKR's oversell
            // question is confirmed in both stacks, so the control shows the change tracking alone holds the line.
            name: "positions reused after a seen fill, IBKR's oversell question confirmed",
            weakening: .init(confirmedQuestions: ["o2137"], reusesPositionsBlindly: true), template: "swarm-holdings",
            settings: ["MAX_ORDER_VALUE": "5000", "MAX_DAILY_VALUE": ""], invariant: NoShortPosition().name,
            seeds: 1...15, control: .init(confirmedQuestions: ["o2137"])),
        Mutation(
            name: "journal fragment left after a failed write", weakening: .init(skipsJournalRepair: true),
            template: "swarm-holdings",
            profile: FaultProfile.standard.first { $0.name == "full-disk" } ?? .init(name: "", faults: []),
            invariant: JournalParses().name),
    ]

    static func factory(_ weakening: SafetyWeakening) -> TwinTargetFactory {
        TwinTargetFactory(weakening: weakening) { scenario in
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "valet-mutation-\(scenario.name)-\(UUID().uuidString)")
        }
    }

    @Test(
        "the weakened stack breaks the invariant within the stated seeds; the intact stack does not",
        arguments: mutations)
    func caught(_ mutation: Mutation) async throws {
        var template = try ScenarioDecoder.load(
            path: ScenarioGoldenTests.root.appendingPathComponent("scenarios/\(mutation.template).json").path)
        template.settings.merge(mutation.settings) { _, new in new }
        let seeds = Array(mutation.seeds)
        let weakened = await Swarm(factory: Self.factory(mutation.weakening), profiles: [mutation.profile])
            .runWorkload(from: template, steps: 40, seeds: seeds)
        let catching = weakened.runs.first { run in run.violations.contains { $0.invariant == mutation.invariant } }
        #expect(
            catching != nil,
            "\(mutation.name): \"\(mutation.invariant)\" never fired in \(seeds.count) seeds of \(mutation.template)")
        if let catching {
            print("mutation \"\(mutation.name)\" caught by \(catching.reproduction) (\(mutation.template))")
        }
        let intact = await Swarm(factory: Self.factory(mutation.control), profiles: [mutation.profile])
            .runWorkload(from: template, steps: 40, seeds: seeds)
        for run in intact.runs {
            #expect(
                !run.violations.contains { $0.invariant == mutation.invariant },
                "intact stack broke \"\(mutation.invariant)\" with \(run.reproduction): \(run.violations)")
        }
    }
}
