import FoundationEssentials

/// What a test sets up on the twin and then checks was used, like `ReplayTransport.finish()` does for a cassette.
extension GatewayTwin {
    /// The fault rules (by their index in the plan) that never fired: a scenario armed them and no request met them.
    public var faultRulesNeverFired: [Int] {
        withCore { core in
            core.configuration.faults.rules.indices.filter { (core.faultCounters[$0]?.fired ?? 0) == 0 }
        }
    }

    /// The nightly reset's other outcome, now: the brokerage session stays authenticated but loses its priming,
    /// so `/iserver/*` answers 500 "Please query /accounts first" until `/iserver/accounts` (cpapi.md §2.2).
    public func unprimeSession() {
        withCore { core in
            if core.session.isBrokerageUp { core.session.unprime() }
        }
    }
}
