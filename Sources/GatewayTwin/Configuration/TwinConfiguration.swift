import FoundationEssentials
import SimulationKit

/// Everything that shapes one twin run. The same configuration and the same inputs give the same responses.
public struct TwinConfiguration: Sendable {
    /// Seed for every random draw (ids, reply ids, random walk, faults).
    public var seed: UInt64
    /// The paper account (DU-prefixed like IBKR's paper accounts).
    public var accountID: String
    /// True: the twin starts with an authenticated (not yet primed) session; false: like `--logged-out`.
    public var startsLoggedIn: Bool
    /// Starting cash in USD.
    public var startingCash: Decimal
    /// Instruments the twin knows, with their starting quotes.
    public var instruments: [TwinInstrument]
    /// Brokerage session idle timeout without a request (IBKR: about 6 minutes).
    public var idleTimeout: TimeInterval
    /// Maximum session life from login (IBKR: 24 hours).
    public var maximumSessionLife: TimeInterval
    /// Lifetime of the SSO session since the last request (`ssoExpires` counts it down).
    public var ssoLifetime: TimeInterval
    /// Local time of the nightly brokerage reset.
    public var nightlyResetHour: Int
    public var nightlyResetMinute: Int
    /// Delay before a `competing` session drops to unauthenticated.
    public var competingDropDelay: TimeInterval
    /// o163: a limit this many percent away from the last price raises the question.
    public var priceConstraintPercent: Decimal
    /// o383: a size above this raises the question.
    public var sizeLimit: Decimal
    /// o451: an estimated value above this (USD) raises the question.
    public var totalValueLimit: Decimal
    /// Random-walk step in seconds; nil keeps prices where they are set.
    public var randomWalkInterval: TimeInterval?
    /// Largest random-walk move per step, in ticks.
    public var randomWalkMaxTicks: Int
    /// Faults injected per endpoint.
    public var faults: FaultPlan
    /// Message returned when a fractional size is not allowed for the instrument.
    public var fractionRejectMessage: String
    /// How long `/portfolio/{acct}/positions` serves a cached snapshot (0: always current; the default, infinity:
    /// until `POST /portfolio/{acct}/positions/invalidate`, as IBKR caches them, cpapi.md §3.6).
    public var positionsCacheSeconds: TimeInterval
    /// Seconds between `ssodh/init` (or `reauthenticate`) and the brokerage session being up (0: at once).
    public var brokerageOpenDelaySeconds: TimeInterval
    /// Seconds a cancel request stays `PendingCancel` before it takes effect (0: at once).
    public var cancelDelaySeconds: TimeInterval
    /// Extra confirmation questions to ask (e.g. `o10151` market-order risk or a generic `o0`).
    public var additionalQuestions: [TwinQuestionRule]
    /// Paper-account statuses (cpapi.md §6.12 and §6.9/§6.10 captures): acks and working orders say
    /// `PreSubmitted` (with `order_ccp_status` `Submitted`); false reports `Submitted` like a live account.
    public var paperStatuses: Bool
    /// Chance that a nightly reset leaves the session authenticated but unprimed (`/iserver/*` answers 500
    /// "Please query /accounts first", cpapi.md §2.2) instead of dropping the brokerage session.
    public var nightlyResetUnprimedChance: Double
    /// Chance that a `/tickle` between a question and its reply kills the reply id (ibind reports it as
    /// intermittent, cpapi.md §6.3); every other request always kills it.
    public var tickleKillsReplyChance: Double
    /// Seconds after a brokerage session opens before `established` turns true (ibeam #281, cpapi.md §2.3);
    /// a twin that starts logged in starts established.
    public var establishDelaySeconds: TimeInterval
    /// How often each of IBKR's alternative questions is asked (o10152/o10331, o0, p12).
    public var questionVariants: TwinQuestionVariants
    /// Pacing limits enforced with 429 and a penalty box; nil (the default) enforces none.
    public var pacing: TwinPacing?
    /// The numbering the twin's receipts take their place from; a run shares it with the journal so checks can
    /// order both sides' events.
    public var events = EventSequence()
    /// False makes the account a real-money one (`isPaper: false` in `/iserver/accounts`), for rehearsing what
    /// Valet does on a live account without one.
    public var isPaper = true
    /// The id the first order gets (later ones count up): lets a run start where a captured session's numbering
    /// was, so its acknowledgements read like the capture's. IBKR's ids are digit strings of one account growing
    /// over time (the REC-A captures' 1149239278…, IBIND-REC's 1210386759); counting up by one is an assumption.
    public var firstOrderID = 1_210_386_760

    public init(
        seed: UInt64 = 1,
        accountID: String = "DU1234567",
        startsLoggedIn: Bool = true,
        startingCash: Decimal = 1_000_000,
        instruments: [TwinInstrument] = TwinInstrument.builtIn,
        idleTimeout: TimeInterval = 360,
        maximumSessionLife: TimeInterval = 86400,
        ssoLifetime: TimeInterval = 600,
        nightlyResetHour: Int = 1,
        nightlyResetMinute: Int = 0,
        competingDropDelay: TimeInterval = 30,
        priceConstraintPercent: Decimal = 3,
        sizeLimit: Decimal = 500,
        totalValueLimit: Decimal = 100_000,
        randomWalkInterval: TimeInterval? = nil,
        randomWalkMaxTicks: Int = 2,
        faults: FaultPlan = FaultPlan(),
        fractionRejectMessage: String = "This instrument does not support fractional share trading.",
        pacing: TwinPacing? = nil,
        additionalQuestions: [TwinQuestionRule] = [],
        positionsCacheSeconds: TimeInterval = .infinity,
        cancelDelaySeconds: TimeInterval = 0,
        brokerageOpenDelaySeconds: TimeInterval = 0,
        questionVariants: TwinQuestionVariants = TwinQuestionVariants(),
        paperStatuses: Bool = true,
        nightlyResetUnprimedChance: Double = 0.5,
        tickleKillsReplyChance: Double = 0.5,
        establishDelaySeconds: TimeInterval = 1
    ) {
        self.paperStatuses = paperStatuses
        self.nightlyResetUnprimedChance = nightlyResetUnprimedChance
        self.tickleKillsReplyChance = tickleKillsReplyChance
        self.establishDelaySeconds = establishDelaySeconds
        self.questionVariants = questionVariants
        self.seed = seed
        self.accountID = accountID
        self.startsLoggedIn = startsLoggedIn
        self.startingCash = startingCash
        self.instruments = instruments
        self.idleTimeout = idleTimeout
        self.maximumSessionLife = maximumSessionLife
        self.ssoLifetime = ssoLifetime
        self.nightlyResetHour = nightlyResetHour
        self.nightlyResetMinute = nightlyResetMinute
        self.competingDropDelay = competingDropDelay
        self.priceConstraintPercent = priceConstraintPercent
        self.sizeLimit = sizeLimit
        self.totalValueLimit = totalValueLimit
        self.randomWalkInterval = randomWalkInterval
        self.randomWalkMaxTicks = randomWalkMaxTicks
        self.faults = faults
        self.fractionRejectMessage = fractionRejectMessage
        self.pacing = pacing
        self.additionalQuestions = additionalQuestions
        self.positionsCacheSeconds = positionsCacheSeconds
        self.cancelDelaySeconds = cancelDelaySeconds
        self.brokerageOpenDelaySeconds = brokerageOpenDelaySeconds
    }

    /// Tuesday 2026-01-06 10:00 America/New_York (15:00 UTC): inside regular trading hours.
    public static let defaultStart = Date(timeIntervalSince1970: 1_767_711_600)
}

/// A confirmation question asked for every order of the listed types (all types when the list is empty).
public struct TwinQuestionRule: Sendable, Hashable {
    /// The message id, e.g. `o10151`.
    public var id: String
    /// The question text; IBKR ends it with "Are you sure you want to submit this order?".
    public var message: String
    /// Order types (`MKT`, `LMT`, `STP`, `STOP_LIMIT`, `TRAIL`) the question applies to.
    public var orderTypes: [String]

    public init(id: String, message: String, orderTypes: [String] = []) {
        self.id = id
        self.message = message
        self.orderTypes = orderTypes
    }
}
