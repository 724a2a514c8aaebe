import FoundationEssentials
import TradingDomain

/// The answer of a guarded placement that passed every guard: either sent (with the broker's acknowledgements)
/// or, in dry-run mode, exactly what would have been sent. A refused or failed placement throws instead.
public struct PlacementResult: Sendable, Hashable {
    public enum Disposition: String, Sendable, Hashable, Codable {
        case sent
        case dryRun = "dry_run"
    }

    public var disposition: Disposition
    /// The id the attempt is journaled under (and, when sent, the broker's cOID).
    public var clientOrderID: ClientOrderID
    /// What was (or would have been) sent: one order, or a bracket's three legs.
    public var orders: [OrderRequest]
    /// The broker's acknowledgements; empty for a dry run.
    public var acks: [OrderAck]
    /// What the order may cost (buys) or bring in (sells), when it could be estimated.
    public var notional: Decimal?
    /// True when the order only reduces an existing position.
    public var isExit: Bool
    /// Checks that were skipped or relaxed, and why.
    public var notes: [String]
    /// One sentence for a person.
    public var message: String
    /// Set when the order went out but its outcome line could not be journaled.
    public var journalWarning: TradingError?

    public init(
        disposition: Disposition, clientOrderID: ClientOrderID, orders: [OrderRequest], acks: [OrderAck],
        notional: Decimal?, isExit: Bool, notes: [String], message: String, journalWarning: TradingError? = nil
    ) {
        self.disposition = disposition
        self.clientOrderID = clientOrderID
        self.orders = orders
        self.acks = acks
        self.notional = notional
        self.isExit = isExit
        self.notes = notes
        self.message = message
        self.journalWarning = journalWarning
    }
}
