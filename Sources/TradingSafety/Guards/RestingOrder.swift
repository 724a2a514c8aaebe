import FoundationEssentials
import TradingDomain

/// A working order that may still fill on one symbol: listed by the broker (placed by Valet or elsewhere, e.g.
/// TWS), or dispatched by Valet with an outcome the journal does not know. The exposure rule counts what it can
/// still take off (or add to) the position.
public struct RestingOrder: Sendable, Hashable {
    /// The broker's id; nil for a journaled dispatch whose outcome is unknown.
    public var orderID: OrderID?
    public var clientOrderID: ClientOrderID?
    public var side: OrderSide
    /// What is left to fill.
    public var quantity: Decimal
    public var typeKind: OrderType.Kind?
    /// Orders sharing a group cancel each other (a bracket's take-profit and stop-loss): at most one fills, so
    /// the group counts once, at its largest. Nil: the order stands alone.
    public var ocaGroup: String?

    public init(
        orderID: OrderID?, clientOrderID: ClientOrderID?, side: OrderSide, quantity: Decimal,
        typeKind: OrderType.Kind?, ocaGroup: String?
    ) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.side = side
        self.quantity = quantity
        self.typeKind = typeKind
        self.ocaGroup = ocaGroup
    }

    /// How a person reads it: `order 12 SELL 5 STP`, or `unresolved dispatch v-3 SELL 5 MKT`.
    public var summary: String {
        let name = orderID.map { "order \($0)" } ?? "unresolved dispatch \(clientOrderID?.value ?? "?")"
        return "\(name) \(side.rawValue) \(quantity) \(typeKind?.rawValue ?? "?")"
    }

    /// The most `orders` on `side` can fill together: orders in one OCA group count once, at the largest.
    public static func committed(_ orders: [RestingOrder], side: OrderSide) -> Decimal {
        var alone: Decimal = 0
        var groups: [String: Decimal] = [:]
        for order in orders where order.side == side {
            if let group = order.ocaGroup {
                groups[group] = max(groups[group] ?? 0, order.quantity)
            } else {
                alone += order.quantity
            }
        }
        return groups.values.reduce(alone, +)
    }

    /// The OCA group of a Valet bracket leg: its take-profit and stop-loss carry the entry's client order id plus
    /// `-tp` / `-sl` (`ClientOrderID.child`), so both map to the entry's id. Orders from elsewhere stand alone,
    /// which can only over-count (refuse more), never under-count.
    public static func ocaGroup(of clientOrderID: ClientOrderID?) -> String? {
        guard let value = clientOrderID?.value else { return nil }
        for suffix in ["-tp", "-sl"] where value.hasSuffix(suffix) {
            return String(value.dropLast(suffix.count))
        }
        return nil
    }
}
