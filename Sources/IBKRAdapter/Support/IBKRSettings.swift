import FoundationEssentials

/// Tunables of the IBKR adapter. The defaults follow IBKR's documentation (cpapi.md) and are safe for a live
/// gateway; tests shrink them.
public struct IBKRSettings: Sendable, Hashable {
    /// Snapshot calls per quote before giving up on a price (the first call only opens IBKR's stream).
    public var snapshotAttempts: Int
    /// Pause before the second snapshot call while warming up; each later pause doubles (see
    /// `snapshotRetryPause(after:)`).
    public var snapshotRetryDelay: Duration
    /// Snapshot fields requested: last, bid, ask.
    public var snapshotFields: [String]
    /// Most confirmation questions answered for one order before it is abandoned.
    public var maxReplyRounds: Int
    /// Pause before retrying an idempotent read that got 500/503 (IBKR's nightly reset, a slow backend).
    public var transientRetryDelay: Duration
    /// Pause after `ssodh/init` before trusting the session status again.
    public var initSettleDelay: Duration
    /// How long every request is refused after a 429 (IBKR's penalty box lasts 10–15 minutes).
    public var rateLimitBackoff: Duration
    /// The `compete` flag of `ssodh/init`: true takes the brokerage session from TWS or the mobile app.
    public var competeOnInit: Bool
    /// Most pages of positions read (IBKR serves 100 per page).
    public var maxPositionPages: Int
    /// Price tick used when the contract rules do not give one.
    public var defaultPriceTick: Decimal
    /// Whether a login (`keepAlive` priming a new session) also makes IBKR's subscribing first live-orders call,
    /// so the first `openOrders` later lists at once instead of asking twice 5 s apart. On for a server that
    /// keeps its session (`valet serve`); off by default, so a call sends only what it needs.
    public var opensLiveOrdersFeedAtLogin: Bool
    /// Whether a login also calls `/portfolio/accounts`, which IBKR requires once per session before the other
    /// `/portfolio/*` endpoints (cpapi.md §3.3), so an agent's first account or positions read does not pay for it.
    /// On for a server that keeps its session; off by default, like `opensLiveOrdersFeedAtLogin`.
    public var primesPortfolioAtLogin: Bool
    /// Added to every pacing window (see `Pacer.widened(by:)`): zero on a virtual clock, some tens of
    /// milliseconds across a real network.
    public var pacingMargin: Duration

    public init(
        snapshotAttempts: Int = 4,
        snapshotRetryDelay: Duration = .milliseconds(250),
        snapshotFields: [String] = ["31", "84", "86"],
        maxReplyRounds: Int = 12,
        transientRetryDelay: Duration = .seconds(2),
        initSettleDelay: Duration = .seconds(3),
        rateLimitBackoff: Duration = .seconds(900),
        competeOnInit: Bool = false,
        maxPositionPages: Int = 50,
        defaultPriceTick: Decimal = Decimal(string: "0.01") ?? 0.01,
        opensLiveOrdersFeedAtLogin: Bool = false,
        primesPortfolioAtLogin: Bool = false,
        pacingMargin: Duration = .zero
    ) {
        self.snapshotAttempts = max(1, snapshotAttempts)
        self.snapshotRetryDelay = snapshotRetryDelay
        self.snapshotFields = snapshotFields
        self.maxReplyRounds = max(1, maxReplyRounds)
        self.transientRetryDelay = transientRetryDelay
        self.initSettleDelay = initSettleDelay
        self.rateLimitBackoff = rateLimitBackoff
        self.competeOnInit = competeOnInit
        self.maxPositionPages = max(1, maxPositionPages)
        self.defaultPriceTick = defaultPriceTick
        self.opensLiveOrdersFeedAtLogin = opensLiveOrdersFeedAtLogin
        self.primesPortfolioAtLogin = primesPortfolioAtLogin
        self.pacingMargin = max(.zero, pacingMargin)
    }

    /// The pause after snapshot call `attempt` (1-based): `snapshotRetryDelay`, doubled for each later call. The
    /// four default calls then wait 0.25, 0.5 and 1 s — about the patience of three equal 0.6 s pauses, but a
    /// stream that answers within a quarter second (the twin's always does) costs a quarter second, not 0.6. An
    /// early call that finds no price yet costs one request of IBKR's 10-per-second budget.
    public func snapshotRetryPause(after attempt: Int) -> Duration {
        snapshotRetryDelay * (1 << min(max(0, attempt - 1), 8))
    }
}
