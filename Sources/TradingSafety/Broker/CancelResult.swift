import FoundationEssentials
import TradingDomain

/// The answer of one guarded cancel: sent (with the broker's acknowledgement) or, in dry-run mode, what would
/// have been cancelled. A refused or failed cancel throws instead.
public struct CancelResult: Sendable, Hashable {
    public var disposition: PlacementResult.Disposition
    /// The id the cancel is journaled under.
    public var clientOrderID: ClientOrderID
    /// The order as the broker listed it before the cancel.
    public var order: Order
    /// The broker's acknowledgement; nil for a dry run.
    public var ack: OrderAck?
    /// One sentence for a person.
    public var message: String

    public init(
        disposition: PlacementResult.Disposition, clientOrderID: ClientOrderID, order: Order, ack: OrderAck?,
        message: String
    ) {
        self.disposition = disposition
        self.clientOrderID = clientOrderID
        self.order = order
        self.ack = ack
        self.message = message
    }
}
