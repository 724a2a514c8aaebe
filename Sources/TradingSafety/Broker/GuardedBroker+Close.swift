import FoundationEssentials
import TradingDomain

/// The answer of `closePosition`.
public enum ClosePositionResult: Sendable, Hashable {
    /// The closing order went through the guards (sent, or a dry run). `cancelledOrders` are the resting orders
    /// on the closing side that were cancelled first (in a dry run: the ones that would be).
    case placed(PlacementResult, cancelledOrders: [OrderID])
    /// Nothing to close; the message says why (positions can lag a recent fill).
    case nothingToClose(String)
}

extension GuardedBroker {
    /// Closes the whole position in `symbol` with a market order on the opposite side, through every guard.
    /// Resting orders on the closing side of the symbol (protective stops, bracket exits) are cancelled first
    /// (journaled cancels), so they cannot fire later into a short; if one cannot be cancelled, nothing is closed.
    /// Those orders are the close's own: they do not count against it in the exposure rule. Refused (an error,
    /// never a quiet "not closed") while an earlier `close_position` of this symbol may still be live and was
    /// dispatched within `closeCooldown` seconds, because the broker's positions can lag a fill by tens of seconds
    /// and a second close would then open a short.
    ///
    /// `approvedHeld` is the signed position a person approved closing (live real-money accounts): when the broker
    /// now reports another, nothing is sent, since the approval was for another order.
    public func closePosition(
        _ symbol: Symbol, closeCooldown: TimeInterval = 45, approvedHeld: Decimal? = nil
    ) async throws -> ClosePositionResult {
        try await serialized {
            try await self.closeUnderGate(symbol, closeCooldown: closeCooldown, approvedHeld: approvedHeld)
        }
    }

    private func closeUnderGate(
        _ symbol: Symbol, closeCooldown: TimeInterval, approvedHeld: Decimal?
    ) async throws -> ClosePositionResult {
        // The orders before the positions, as the guards read them (see `gatherContext`).
        let listed = try await listedOrders()
        let positions = try await positionsForDecision(on: symbol)
        let held = Self.held(symbol, in: positions)
        if let approvedHeld, approvedHeld != held {
            throw TradingError(
                .positionChanged,
                "The \(symbol) position is now \(held), not the \(approvedHeld) whose close was approved. Nothing was"
                    + " sent.",
                hint: "call close_position again: the person approves the close of the position as it is now")
        }
        guard held != 0 else {
            return .nothingToClose(
                "No open position in \(symbol) (a fill from the last minute may not show in positions yet).")
        }
        let side: OrderSide = held > 0 ? .sell : .buy
        let now = clock()
        let previous = journal.groups.compactMap { group -> Date? in
            guard group.action == .close, group.fate.mayBeLive, let print = group.fingerprint,
                print.symbol == symbol, print.side == side, let at = group.dispatchedAt,
                now.timeIntervalSince(at) < closeCooldown
            else { return nil }
            return at
        }.max()
        if let previous {
            throw TradingError(
                .duplicateOrder,
                "A close_position of \(symbol) was sent \(SafetyGuards.seconds(now.timeIntervalSince(previous))) ago"
                    + " and the positions may not show its fill yet; closing again now could open a short.",
                hint: "check order_status of the earlier close; retry after \(Int(closeCooldown))s if a position"
                    + " remains")
        }
        let resting = listed.filter {
            $0.symbol == symbol && $0.side == side && !$0.status.isTerminal
        }
        let cancelling = Set(resting.map(\.orderID))
        let order = try OrderRequest(symbol: symbol, side: side, size: .quantity(abs(held)))
        // The positions just read size the close and feed its guards: nothing has changed the account since.
        let read = KnownFacts(positions: positions)
        if policy.dryRun {
            let result = try await attempt(
                .order(order), modifying: nil, excluding: cancelling, isClose: true, known: read)
            return .placed(result, cancelledOrders: resting.map(\.orderID))
        }
        // Check the close against the guards before touching the resting orders: a refused close must leave the
        // position's protection in place.
        let preflight = await evaluateUnderGate(.order(order), excluding: cancelling, isClose: true, known: read)
        if case .block(_, let error) = preflight.report.decision { throw error }
        for working in resting {
            do {
                _ = try await cancelUnderGate(working)
            } catch {
                throw TradingError(
                    .brokerRejected,
                    "Could not cancel the resting \(side.rawValue) order \(working.orderID) on \(symbol), so the"
                        + " position was not closed (the resting order could later open a short).",
                    hint: "cancel it with cancel_order, then close again",
                    brokerMessage: (error as? TradingError)?.brokerMessage ?? (error as? TradingError)?.message)
            }
        }
        // Cancels change the account (a resting order may have filled in part before its cancel landed): read
        // everything again. With nothing cancelled, the facts the preflight saw are still the call's facts.
        let known = resting.isEmpty ? preflight.facts : KnownFacts()
        let result = try await attempt(
            .order(order), modifying: nil, excluding: cancelling, isClose: true, known: known)
        return .placed(result, cancelledOrders: resting.map(\.orderID))
    }
}
