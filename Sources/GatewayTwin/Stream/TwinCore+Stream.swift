import FoundationEssentials

/// What the WebSocket session reads from the core: the same values the REST snapshot and live-orders views show,
/// so a price or an order looks identical on both channels.
extension TwinCore {
    /// The fields of one streamed market-data update, formatted as `/iserver/marketdata/snapshot` formats them
    /// (cpapi.md §11: "same payload keys as snapshot"); nil for an unknown conid.
    func streamFields(conid: Int, fields: [String]) -> [String: TwinJSON]? {
        guard let instrument = market.instruments[conid], let quote = market.quotes[conid] else { return nil }
        var values: [String: TwinJSON] = [:]
        for field in fields {
            if let value = fieldValue(field, instrument: instrument, quote: quote) { values[field] = value }
        }
        return values
    }

    /// When the instrument's quote last changed (the stream's `_updated`).
    func streamUpdated(conid: Int) -> Date? { market.quotes[conid]?.updatedAt }

    /// The live-orders rows (`/iserver/account/orders`), keyed by order id; an order the twin's lagging views do
    /// not show yet (`TwinOrder.hiddenUntil`) is left out here too.
    func streamOrderRows() -> [Int: TwinJSON] {
        var rows: [Int: TwinJSON] = [:]
        for (id, order) in orders where !order.isHidden(at: now) { rows[id] = liveRow(order) }
        return rows
    }

    /// The `sts` arguments: the auth-status fields ibind's router reads (`authenticated`, `competing`).
    func streamStatus() -> (authenticated: Bool, competing: Bool) {
        (session.isBrokerageUp, session.state == .competing || session.heldElsewhere)
    }
}
