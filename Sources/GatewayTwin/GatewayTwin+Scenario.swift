import FoundationEssentials

/// Controls a scenario script needs beyond what a CPAPI client can do: faults armed mid-run, opening holdings and
/// the nightly reset on demand.
extension GatewayTwin {
    /// Arms one more fault rule from now on (rules armed earlier keep their counters).
    public func addFault(_ rule: FaultRule) {
        withCore { $0.configuration.faults.rules.append(rule) }
    }

    /// Puts an opening position straight into the ledger, as holdings carried in from before the run: no order,
    /// no execution, no cash movement. Answers false for an unknown conid or a non-finite quantity.
    @discardableResult
    public func seedPosition(conid: Int, quantity: Decimal, averageCost: Decimal) -> Bool {
        withCore { core in
            guard core.configuration.instruments.contains(where: { $0.conid == conid }), !quantity.isNaN else {
                return false
            }
            core.ledger.positions[conid] = TwinPosition(quantity: quantity, averageCost: averageCost)
            return true
        }
    }

    /// The nightly brokerage reset, now (without moving the clock to 01:00): the brokerage session drops and
    /// priming is lost; SSO stays.
    public func performNightlyReset() {
        withCore { core in
            if core.session.isBrokerageUp { core.session.dropBrokerage() }
        }
    }
}
