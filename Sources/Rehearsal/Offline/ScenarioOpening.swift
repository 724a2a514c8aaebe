import FoundationEssentials
import GatewayTwin

/// A scenario's opening state on a fresh twin: seed, account, cash, holdings and start instant; and its price path
/// as pacer ticks, for interactive rehearsal (`valet serve --scenario`).
public enum ScenarioOpening {
    /// A twin set up as the scenario starts. `accountID` overrides the twin's default paper account.
    public static func twin(for scenario: Scenario, accountID: String? = nil) throws -> GatewayTwin {
        var configuration = TwinConfiguration(seed: scenario.seed, startingCash: scenario.account.cash)
        if let accountID, !accountID.isEmpty { configuration.accountID = accountID }
        configuration.isPaper = scenario.account.isPaper
        for instrument in scenario.instruments {
            guard let liquidity = instrument.liquidity else { continue }
            let index = configuration.instruments.firstIndex { listed in
                instrument.conid.map { listed.conid == $0 } ?? (listed.symbol == instrument.symbol)
            }
            guard let index else {
                throw ScenarioTargetError("instruments: the twin does not list \(instrument.symbol)")
            }
            configuration.instruments[index].liquidityPerUpdate = liquidity
        }
        let twin = GatewayTwin(configuration: configuration, start: scenario.start)
        for position in scenario.account.positions {
            guard let conid = conid(of: position.symbol, in: scenario, twin: twin),
                twin.seedPosition(conid: conid, quantity: position.quantity, averageCost: position.averageCost)
            else { throw ScenarioTargetError("account.positions: the twin does not list \(position.symbol)") }
        }
        return twin
    }

    /// Every instrument's price path as ticks for the pacer (ticks at or before the start included: the pacer applies
    /// them at once).
    public static func ticks(for scenario: Scenario, twin: GatewayTwin) throws -> [TwinPacer.Tick] {
        try scenario.instruments.flatMap { instrument -> [TwinPacer.Tick] in
            guard let conid = conid(of: instrument.symbol, in: scenario, twin: twin) else {
                throw ScenarioTargetError("instruments: the twin does not list \(instrument.symbol)")
            }
            return instrument.ticks.map {
                TwinPacer.Tick(at: $0.at, conid: conid, last: $0.last, bid: $0.bid, ask: $0.ask)
            }
        }
    }

    static func conid(of symbol: String, in scenario: Scenario, twin: GatewayTwin) -> Int? {
        if let conid = scenario.instrument(symbol)?.conid { return conid }
        return twin.configuration.instruments.first { $0.symbol == symbol.uppercased() }?.conid
    }
}
