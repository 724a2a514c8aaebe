import FoundationEssentials
import TradingDomain

extension SafetyGuards {
    /// Account binding: a configured account, the broker's own selected account equal to it, a known paper flag
    /// that agrees with the configuration, and live trading armed for a live account. Any doubt refuses.
    func checkAccount(_ result: Result<AccountIdentity, TradingError>) -> TradingError? {
        guard let expected = policy.expectedAccount else {
            return TradingError(
                .accountUnverified, "No account is configured, so the order cannot be bound to an account.",
                hint: "set IBKR_ACCOUNT_ID to the account Valet may trade")
        }
        let identity: AccountIdentity
        switch result {
        case .failure(let error):
            return TradingError(
                .accountUnverified,
                "Could not read the logged-in account from the broker (\(error.message)), so paper versus live"
                    + " cannot be confirmed.",
                hint: "check session_status, then retry", brokerMessage: error.brokerMessage)
        case .success(let value):
            identity = value
        }
        guard let selected = identity.selectedAccount else {
            return TradingError(
                .accountUnverified, "The broker did not report which account is selected.",
                hint: "check session_status; log in again if needed")
        }
        guard selected == expected else {
            return TradingError(
                .accountMismatch,
                "Account mismatch: IBKR_ACCOUNT_ID is \(expected) but the broker is logged into \(selected).",
                hint: "log in to the intended account, or correct IBKR_ACCOUNT_ID")
        }
        guard let isPaper = identity.isPaper else {
            return TradingError(
                .accountUnverified,
                "The broker did not say whether \(selected) is a paper or a live (real-money) account.",
                hint: "verify the login, then retry")
        }
        if !isPaper && !policy.allowLive {
            return TradingError(
                .liveTradingBlocked,
                "\(selected) is a LIVE (real-money) account and TRADING_ALLOW_LIVE is not true.",
                hint: "set TRADING_ALLOW_LIVE=true only if real-money trading is intended")
        }
        if isPaper != policy.expectPaper {
            let configured = policy.expectPaper ? "paper" : "live"
            let actual = isPaper ? "paper" : "live"
            return TradingError(
                .accountMismatch,
                "IBKR_TRADING_MODE says \(configured) but \(selected) is a \(actual) account.",
                hint: "set IBKR_TRADING_MODE=\(actual) so the configuration matches the login")
        }
        return nil
    }

    /// No accidental short (the exposure rule). Without `TRADING_ALLOW_SHORT`: a SELL bracket is a short entry and
    /// is refused; a sell must fit, together with every working sell on the symbol (OCA siblings once, at the
    /// largest; orders placed outside Valet and unresolved dispatches included), inside the long position, else it
    /// is refused naming the resting orders. When the position or the working orders cannot be read, a sell is
    /// refused (fail closed) with a retry hint.
    func checkShortSale(_ subject: Subject, context: GuardContext) -> TradingError? {
        guard !policy.allowShort else { return nil }
        if case .bracket(let bracket) = subject {
            guard bracket.side == .sell else { return nil }
            return TradingError(
                .wouldOpenShort,
                "A SELL bracket is a short entry: its entry sells \(bracket.quantity) \(bracket.symbol) (the shares"
                    + " held go first, the rest opens a short) and its BUY exits then buy \(bracket.quantity) back.",
                hint: "to protect a long position use stop_order or trailing_stop (SELL); set TRADING_ALLOW_SHORT=true"
                    + " only if shorting is meant")
        }
        let order = subject.order
        guard order.side == .sell, let quantity = order.quantity else { return nil }
        guard let held = context.heldQuantity, let resting = context.restingOrders else {
            let what = context.heldQuantity == nil ? "position" : "working orders"
            return TradingError(
                .exposureUnknown,
                "The \(what) in \(order.symbol) could not be read, so this sell cannot be shown to stay within the"
                    + " shares held (it could open a short). Nothing was sent.",
                hint: "retry in a moment; if it keeps failing check session_status and positions")
        }
        let long = max(held, 0)
        let sells = resting.filter { $0.side == .sell }
        let committed = RestingOrder.committed(sells, side: .sell)
        guard quantity + committed > long else { return nil }
        if sells.isEmpty {
            return TradingError(
                .wouldOpenShort,
                "Selling \(quantity) \(order.symbol) exceeds the held position (\(long)); it would open a short.",
                hint: "reduce the quantity or use close_position; set TRADING_ALLOW_SHORT=true only if shorting is"
                    + " meant")
        }
        let listed = sells.map(\.summary).joined(separator: "; ")
        return TradingError(
            .wouldOpenShort,
            "Selling \(quantity) \(order.symbol) on top of the working sell orders (\(listed)), which can already sell"
                + " \(committed) of the \(long) held, could take the position below zero (a short).",
            hint: "cancel the resting orders first (cancel_order or cancel_all_orders), or use close_position, which"
                + " cancels them and sells the whole position; set TRADING_ALLOW_SHORT=true only if shorting is meant")
    }

    /// Regular session only, except protective exits: a stop, stop-limit or trailing stop that reduces a
    /// position, sent good-till-cancelled.
    func checkTradingHours(_ subject: Subject, isExit: Bool, context: GuardContext) -> TradingError? {
        if context.isRegularSession { return nil }
        if case .bracket = subject {
        } else {
            let order = subject.order
            if isExit && order.type.isStopFamily && order.timeInForce == .goodTillCancelled { return nil }
        }
        return TradingError(
            .marketClosed,
            "The market is outside its regular session; only protective exits (a stop, stop-limit or trailing stop"
                + " that reduces a position, sent GTC) are accepted now.",
            hint: "retry during regular hours, or send the protective stop with timeInForce GTC")
    }

    /// A stop must sit on the far side of the market (below it for a sell, above it for a buy), else it fires at
    /// once. Without a market price the check is skipped (noted); buys then fail closed at the value cap.
    func checkStopSide(_ order: OrderRequest, quote: Quote?, notes: inout [String]) -> TradingError? {
        guard let trigger = order.type.stopPrice else { return nil }
        guard let market = quote?.referencePrice else {
            notes.append("no market price: the stop's side of the market was not checked")
            return nil
        }
        switch order.side {
        case .sell where trigger >= market:
            return TradingError(
                .stopOnWrongSide,
                "A SELL stop at \(trigger) is at or above the market (\(market)); it would trigger at once.",
                hint: "a protective sell stop goes below the market; use a limit order to sell above it")
        case .buy where trigger <= market:
            return TradingError(
                .stopOnWrongSide,
                "A BUY stop at \(trigger) is at or below the market (\(market)); it would trigger at once.",
                hint: "a buy stop goes above the market; use a limit order to buy below it")
        default:
            return nil
        }
    }

    /// The bracket's exits must lie on the right side of the price the entry is expected to fill at (the limit,
    /// or the market when it is better; the market for a market entry). Fails closed without a price for a
    /// market entry.
    func checkBracketExits(_ bracket: BracketRequest, quote: Quote?) -> TradingError? {
        let market = bracket.side == .buy ? quote?.worstBuyPrice : quote?.worstSellPrice
        let fill: Decimal
        switch (bracket.entry.limitPrice, market) {
        case (let limit?, let market?):
            fill = bracket.side == .buy ? min(limit, market) : max(limit, market)
        case (let limit?, nil):
            fill = limit
        case (nil, let market?):
            fill = market
        case (nil, nil):
            return TradingError(
                .noUsablePrice,
                "No market price for \(bracket.symbol): the bracket's exits cannot be checked against the fill.",
                hint: "give the entry a limit price, or retry when market data arrives")
        }
        let stopFiresAtOnce = bracket.side == .buy ? bracket.stopLoss >= fill : bracket.stopLoss <= fill
        if stopFiresAtOnce {
            return TradingError(
                .bracketExitInvalid,
                "The stop-loss \(bracket.stopLoss) is on the wrong side of the expected fill (~\(fill)); it would"
                    + " fire at once.",
                hint: "move the stop-loss beyond the expected entry price")
        }
        let profitFillsAtOnce = bracket.side == .buy ? bracket.takeProfit <= fill : bracket.takeProfit >= fill
        if profitFillsAtOnce {
            return TradingError(
                .bracketExitInvalid,
                "The take-profit \(bracket.takeProfit) is on the wrong side of the expected fill (~\(fill)); it"
                    + " would fill at once.",
                hint: "move the take-profit beyond the expected entry price")
        }
        return nil
    }

    /// Per-order cap on entries (buys that open or add to a position, bracket BUY legs, short sales). No price means
    /// no way to check: refuse.
    func checkOrderValue(_ order: OrderRequest, notional: Decimal?, bracket: Bool = false) -> TradingError? {
        guard let notional else {
            return TradingError(
                .noUsablePrice,
                "No usable price for \(order.symbol): the order's value cannot be checked against MAX_ORDER_VALUE.",
                hint: "use a limit price or a cash amount, or retry when market data arrives")
        }
        guard notional > policy.maxOrderValue else { return nil }
        return TradingError(
            .orderValueCapExceeded,
            (bracket
                ? "The bracket's BUY legs may cost"
                : order.side == .buy ? "This buy may cost" : "This short sale is worth")
                + " ~\(Money.text(notional)), above the per-order limit of"
                + " \(Money.text(policy.maxOrderValue)) (MAX_ORDER_VALUE).",
            hint: "reduce the size")
    }
}
