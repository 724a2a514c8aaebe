import FoundationEssentials
import MCPKit
import TradingDomain

/// Notices fills in the orders the tools read (`order_status`, `wait_for_fill`, `open_orders`) and tells
/// subscribed clients that `valet://orders` and `valet://positions` changed. An order counts as newly filled when
/// its filled quantity grows past what was seen before, or it is seen `filled` for the first time; the same fill
/// read twice notifies once. Nothing here reads a clock: the notice follows the read that saw the fill.
public actor FillWatch {
    /// The resources a fill changes.
    public static let changedURIs = [ValetResources.ordersURI, ValetResources.positionsURI]

    private let updates: ResourceUpdates
    /// Filled quantity last seen per order (`-1` marks "filled" with no quantity reported).
    private var seen: [OrderID: Decimal] = [:]

    public init(updates: ResourceUpdates) {
        self.updates = updates
    }

    /// Records what `orders` show and notifies once when any of them filled more than before.
    public func observe(_ orders: [Order]) async {
        var changed = false
        for order in orders {
            let filled = order.filledQuantity ?? (order.status == .filled ? -1 : 0)
            guard filled != 0 else { continue }
            let isNew = seen[order.orderID].map { before in filled > 0 && filled > before } ?? true
            if isNew {
                seen[order.orderID] = filled
                changed = true
            }
        }
        guard changed else { return }
        for uri in Self.changedURIs { await updates.updated(uri) }
    }
}
