import Foundation
import GatewayTwin
import HTTPCore

/// How the gateway twin is set up to play one contract scenario: the twin's configuration, what is already there
/// when the adapter starts (holdings, a working order, a dropped session), and what happens between requests.
///
/// The set-up only arranges the gateway's state; the answers are the twin's own model of IBKR. Each scenario says
/// where that state comes from (`source`).
struct TwinScenario: Sendable {
    /// Something that happens right after the `occurrence`-th request `request` (`METHOD /path`) was answered:
    /// a new login, a nightly reset, another client's request.
    struct Cue: Sendable {
        let request: String
        let occurrence: Int
        let what: String
        let action: @Sendable (GatewayTwin) -> Void
    }

    var configuration: TwinConfiguration
    /// Runs on the fresh twin before the adapter's first request; throws when the twin refuses the set-up.
    var prepare: @Sendable (GatewayTwin) throws -> Void = { _ in }
    var cues: [Cue] = []
    /// Requests the scenario exists to exercise (`METHOD /path`); `unplayed()` names the ones never sent.
    var exercises: [String]
    /// The outside evidence for the set-up (cpapi.md section or capture).
    var source: String

    static let account = "DU9085813"

    /// The twin every scenario starts from: the contract account, the built-in instruments at fixed prices, and
    /// only IBKR's always-asked questions (the optional variants are opted into per scenario).
    static func baseConfiguration() -> TwinConfiguration {
        var configuration = TwinConfiguration(accountID: account, questionVariants: .classic)
        configuration.tickleKillsReplyChance = 1
        return configuration
    }

    /// The adapter's question suppression answers 500 (cpapi.md §6.5: suppression can fail), so allow-listed
    /// questions reach the reply loop as they did on the cassettes' gateway despite a submitted suppression.
    static let suppressionFails = FaultRule(
        method: "POST", pathPrefix: "/iserver/questions/suppress", fault: .internalServerError)
}
