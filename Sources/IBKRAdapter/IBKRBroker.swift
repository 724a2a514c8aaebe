import FoundationEssentials
import HTTPCore
import TradingDomain

/// The Interactive Brokers adapter: the domain's `Broker`, `MarketData` and `BrokerSession` over IBKR's Client
/// Portal API, through any `HTTPTransport` (the real gateway, the twin, or a replayed cassette).
///
/// It keeps the session usable (priming, `ssodh/init`, question suppression after every login), paces its own
/// requests, answers only allow-listed confirmation questions, never resends an order whose outcome is unknown,
/// and always shows IBKR's own error text. Extensions hold one concern each (Session/, Orders/, MarketData/,
/// Account/).
public actor IBKRBroker: Broker, MarketData, BrokerSession {
    let transport: any HTTPTransport
    /// The account used in every account path (`/iserver/account/{id}/orders`, `/portfolio/{id}/…`).
    public nonisolated let accountID: AccountID
    /// Question ids (`o163`, …) answered "yes"; every other question is declined.
    public nonisolated let allowedQuestionIDs: Set<String>
    let clock: AdapterClock
    public nonisolated let settings: IBKRSettings

    let gate = AsyncGate()
    let pacingOrigin: Date
    var pacer: Pacer
    /// `/iserver/accounts` was called in this brokerage session.
    var primed = false
    /// `/portfolio/accounts` was called in this session (cpapi.md §3.3: required before `/portfolio/{acct}/*`).
    var portfolioPrimed = false
    /// Its answer: the account identity stands for the whole brokerage session (re-read after a new login, a
    /// nightly reset or a 401, which all clear it).
    var primedAccounts: CPAPIAccounts?
    /// The live orders as last listed and since changed by Valet (see `LiveOrdersView`); reset with the session.
    var liveOrdersView = LiveOrdersView()
    /// `/iserver/questions/suppress` was sent in this brokerage session.
    var suppressed = false
    /// The gateway's session token from the last tickle; a new one means a new login.
    var lastSessionToken: String?
    /// After a 429, every request is refused until then.
    var penaltyUntil: Date?
    var contractIDs: [Symbol: ContractID] = [:]
    var rulesCache: [ContractID: ContractRules] = [:]
    var lastCapabilities: AccountCapabilities?

    /// - Parameters:
    ///   - transport: where requests go; paths are below the API root (`/iserver/auth/status`).
    ///   - accountID: the account used in account paths.
    ///   - allowedQuestionIDs: IBKR question ids confirmed automatically (and suppressed after each login).
    ///   - clock: the source of time for pacing, warm-ups and recovery pauses.
    ///   - settings: retry counts and delays.
    ///   - pacer: client-side rate limits (IBKR's documented ones by default), widened by
    ///     `settings.pacingMargin`.
    public init(
        transport: any HTTPTransport,
        accountID: AccountID,
        allowedQuestionIDs: Set<String> = WarningAllowList.standard.messageIDs,
        clock: AdapterClock = .system,
        settings: IBKRSettings = IBKRSettings(),
        pacer: Pacer = Pacer()
    ) {
        self.transport = transport
        self.accountID = accountID
        self.allowedQuestionIDs = allowedQuestionIDs
        self.clock = clock
        self.settings = settings
        self.pacer = settings.pacingMargin > .zero ? pacer.widened(by: settings.pacingMargin) : pacer
        self.pacingOrigin = clock.now()
    }

    /// The account path segment (`/iserver/account/DU123/orders`), percent-safe since ids are letters and digits.
    var accountPath: String { accountID.value }

    /// A broker talking to a real gateway at `baseURL` (e.g. `https://localhost:5000/v1/api`) over URLSession,
    /// on the system clock.
    public static func connecting(
        to baseURL: URL, accountID: AccountID,
        allowedQuestionIDs: Set<String> = WarningAllowList.standard.messageIDs, timeoutSeconds: Int = 15,
        settings: IBKRSettings = IBKRSettings()
    ) -> IBKRBroker {
        let transport = URLSessionTransport(configuration: .init(baseURL: baseURL, timeoutSeconds: timeoutSeconds))
        return IBKRBroker(
            transport: transport, accountID: accountID, allowedQuestionIDs: allowedQuestionIDs, settings: settings)
    }
}
