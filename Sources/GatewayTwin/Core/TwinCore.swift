import FoundationEssentials
import HTTPCore
import SimulationKit

/// The twin's synchronous core: all state and every handler. Not thread-safe on its own — `GatewayTwin`
/// guards it with a mutex, so concurrency stays at the edge.
final class TwinCore {
    /// Mutable only to arm faults at run time (`GatewayTwin.addFault`); everything else treats it as fixed.
    var configuration: TwinConfiguration
    let clock: VirtualClock
    let calendar: TwinCalendar
    var rng: SplitMix64
    var faultRNG: SplitMix64
    /// Draws which of IBKR's alternative questions an order meets (`TwinQuestionVariants`), apart from `rng` so
    /// a question drawn or not does not shift ids or the random walk.
    var questionRNG: SplitMix64
    /// Draws the session's intermittent behaviours (which nightly reset, whether a tickle kills a reply id),
    /// apart from `rng` and `faultRNG` for the same reason.
    var sessionRNG: SplitMix64
    var market: MarketModel
    var ledger: TwinLedger
    var session: TwinSession
    var orders: [Int: TwinOrder] = [:]
    /// Order ids by the OCA group they were put in, so a fill finds its siblings without scanning every order.
    var ocaMembers: [String: [Int]] = [:]
    /// Every working order's place in the matching engine.
    var resting = RestingBook()
    /// Set when an execution released new orders, so the instrument is matched once more.
    var reevaluate = false
    /// What the engine did, for benchmarks and checks.
    var engineCounters = TwinEngineCounters()
    var orderIDs = SequentialIDGenerator(start: 1_210_386_760)
    var executionIDs = SequentialIDGenerator(start: 1)
    var executions: [TwinExecution] = []
    /// Every order and modification as received, in order (the ground truth checks read).
    var receipts: [TwinReceipt] = []
    var registeredCOIDs: [String: Int] = [:]
    var events = EventQueue<TwinEvent>()
    var pendingReply: PendingReply?
    /// Every order object received by a placement or modify, with when and where it arrived (admin ground truth).
    var receivedOrders: [TwinJSON] = []
    /// Every question asked, in order (message id): ground truth for tests and the admin API.
    var askedQuestionIDs: [String] = []
    var faultCounters: [Int: (matched: Int, fired: Int)] = [:]
    var penaltyUntil: Date?
    /// The positions endpoint's cached snapshot (see `TwinConfiguration.positionsCacheSeconds`).
    var positionsCache: (at: Date, positions: [Int: TwinPosition])?
    /// Counts delayed brokerage openings, so one from an earlier login or init is ignored.
    var brokerageOpenings = 0
    /// Set by the `orderInactive` fault for the request being handled.
    var inactivateSubmission = false
    /// Set by the `answerLostOrderHidden` fault: how long the orders of the request being handled stay hidden.
    var hideSubmission: TimeInterval?
    /// The gateway process is down (connection refused) until brought back.
    var gatewayDown = false
    /// Recent request times per pacing limit (index into `configuration.pacing.limits`).
    var pacingLog: [Int: [Date]] = [:]
    var lastWalkAt: Date
    /// True only while the regular open's auction runs (OPG orders may trade).
    var openingAuction = false
    /// The market phase of the last minute asked about: a price update costs no calendar arithmetic.
    var phaseCache: (minute: Int64, phase: MarketPhase)?
    let userID = 99_996_016

    init(configuration: TwinConfiguration, clock: VirtualClock) {
        self.configuration = configuration
        self.clock = clock
        orderIDs = SequentialIDGenerator(start: configuration.firstOrderID)
        calendar = TwinCalendar()
        rng = SplitMix64(seed: configuration.seed)
        faultRNG = SplitMix64(seed: configuration.seed ^ 0x5EED_FA17_0000_0001)
        questionRNG = SplitMix64(seed: configuration.seed ^ 0x0051_7E57_0000_0002)
        sessionRNG = SplitMix64(seed: configuration.seed ^ 0x5E55_1011_0000_0003)
        let now = clock.date
        market = MarketModel(instruments: configuration.instruments, at: now)
        ledger = TwinLedger(cash: configuration.startingCash)
        let token = rng.nextHex(count: 32)
        session = TwinSession(state: configuration.startsLoggedIn ? .authenticated : .noSession, at: now, token: token)
        // A twin that starts logged in starts established.
        if configuration.startsLoggedIn { session.brokerageUpAt = .distantPast }
        lastWalkAt = now
        scheduleNext(.extendedOpen, after: now)
        scheduleNext(.regularOpen, after: now)
        scheduleNext(.regularClose, after: now)
        scheduleNext(.extendedClose, after: now)
        scheduleNext(.nightlyReset, after: now)
    }

    var now: Date { clock.date }

    /// Trading hours open at `date`, cached per minute (every boundary falls on a whole minute).
    func phase(at date: Date) -> MarketPhase {
        let minute = Int64((date.timeIntervalSince1970 / 60).rounded(.down))
        if let cached = phaseCache, cached.minute == minute { return cached.phase }
        let phase = calendar.phase(at: date)
        phaseCache = (minute, phase)
        return phase
    }

    // MARK: - Time

    func scheduleNext(_ event: TwinEvent, after date: Date) {
        let next: Date
        switch event {
        case .extendedOpen: next = calendar.next(hour: 4, minute: 0, after: date, tradingDaysOnly: true)
        case .regularOpen: next = calendar.next(hour: 9, minute: 30, after: date, tradingDaysOnly: true)
        case .regularClose: next = calendar.nextRegularClose(after: date)
        case .extendedClose: next = calendar.nextExtendedClose(after: date)
        case .nightlyReset:
            next = calendar.next(
                hour: configuration.nightlyResetHour, minute: configuration.nightlyResetMinute, after: date,
                tradingDaysOnly: false)
        case .cancelTakesEffect, .brokerageOpens: return
        }
        events.schedule(event, at: next)
    }

    /// Runs every scheduled event and random-walk step up to `date`, in time order.
    func catchUp(to date: Date) {
        while let entry = events.popDue(notAfter: date) {
            walk(upTo: entry.time)
            session.expire(at: entry.time, configuration: configuration)
            run(entry.payload, at: entry.time)
            if entry.payload.recurs { scheduleNext(entry.payload, after: entry.time) }
        }
        walk(upTo: date)
        session.expire(at: date, configuration: configuration)
    }

    private func run(_ event: TwinEvent, at date: Date) {
        switch event {
        case .extendedOpen, .extendedClose:
            evaluateAll(at: date)
        case .regularOpen:
            market.beginSession()
            runOpeningAuction(at: date)
        case .regularClose:
            expireDayOrders(at: date)
            market.endSession()
        case .nightlyReset:
            nightlyReset()
        case .cancelTakesEffect(let orderId):
            if let order = orders[orderId] { cancel(order, cascade: true) }
        case .brokerageOpens(let generation):
            if session.state == .ssoOnly && brokerageOpenings == generation {
                session.state = .authenticated
                session.brokerageUpAt = date
            }
        }
    }

    /// Seeded random walk: every step moves each instrument by up to `randomWalkMaxTicks` ticks while the
    /// market is open (extended hours included).
    private func walk(upTo date: Date) {
        guard let interval = configuration.randomWalkInterval, interval > 0 else {
            lastWalkAt = max(lastWalkAt, date)
            return
        }
        let maxSteps = 10_000
        let ratio = date.timeIntervalSince(lastWalkAt) / interval
        guard ratio.isFinite, ratio >= 1 else { return }
        let steps: Int
        if ratio > Double(maxSteps) {
            // Long jumps (a weekend) only walk the last steps: what happened before cannot be observed.
            lastWalkAt = date.addingTimeInterval(-Double(maxSteps) * interval)
            steps = maxSteps
        } else {
            steps = Int(ratio)
        }
        for _ in 0..<steps {
            lastWalkAt = lastWalkAt.addingTimeInterval(interval)
            guard phase(at: lastWalkAt).extended else { continue }
            for conid in market.conids {
                guard let quote = market.quotes[conid] else { continue }
                let reach = min(abs(configuration.randomWalkMaxTicks), 1_000_000)
                let ticks = rng.nextInt(in: -reach...reach)
                let tick = market.ticks[conid] ?? 1
                let moved = max(tick, quote.lastMicros + Int64(ticks) * tick)
                updatePrice(conid: conid, lastMicros: moved, size: 100, at: lastWalkAt)
            }
        }
    }

    /// Sets a price and lets resting orders react.
    @discardableResult
    func updatePrice(conid: Int, last: Decimal, bid: Decimal?, ask: Decimal?, size: Int, at date: Date) -> Bool {
        guard market.setPrice(conid: conid, last: last, bid: bid, ask: ask, size: size, at: date) else {
            return false
        }
        evaluate(conid: conid, at: date)
        return true
    }

    /// The same in millionths (the random walk's path).
    @discardableResult
    func updatePrice(conid: Int, lastMicros: Int64, size: Int, at date: Date) -> Bool {
        guard
            market.setPrice(conid: conid, lastMicros: lastMicros, bidMicros: nil, askMicros: nil, size: size, at: date)
        else { return false }
        evaluate(conid: conid, at: date)
        return true
    }

    // MARK: - Requests

    /// Handles one request at the current simulated time.
    func handle(_ incoming: HTTPRequest) -> TwinOutcome {
        catchUp(to: now)
        if gatewayDown { return .unreachable }
        let request = Self.splittingQuery(incoming)
        let path = Self.normalize(request.path)
        if let penaltyUntil, now < penaltyUntil {
            return .response(TwinHTTP.error("Too many requests", status: 429))
        }
        if pacingViolated(method: request.method, path: path) {
            penaltyUntil = now.addingTimeInterval(configuration.pacing?.penaltySeconds ?? 0)
            return .response(TwinHTTP.error("Too many requests", status: 429))
        }
        var answerUnavailable = false
        var answerLost = false
        if let fault = drawFault(method: request.method, path: path) {
            switch fault {
            case .serviceUnavailableAfterProcessing: answerUnavailable = true
            case .serviceUnavailable: return .response(TwinHTTP.unavailable)
            case .internalServerError: return .response(TwinHTTP.error("Internal Server Error", status: 500))
            case .rateLimited(let seconds):
                penaltyUntil = now.addingTimeInterval(seconds)
                return .response(TwinHTTP.error("Too many requests", status: 429))
            case .latency(let seconds):
                clock.advance(seconds: seconds)
                catchUp(to: now)
            case .timeout: return .timeout
            case .competingSession: simulateCompetingLogin()
            case .sessionExpiry: if session.isBrokerageUp { session.dropBrokerage() }
            case .orderInactive: inactivateSubmission = true
            case .answerLostOrderHidden(let seconds):
                hideSubmission = seconds
                answerLost = true
            }
        }
        if !path.hasPrefix("/iserver/reply/") { expirePendingReply(path: path) }
        let response = route(request, path: path)
        inactivateSubmission = false
        hideSubmission = nil
        if session.state != .noSession { session.lastActivity = now }
        if answerLost { return .timeout }
        return .response(answerUnavailable ? TwinHTTP.unavailable : response)
    }

    /// Moves a query string written into the path (`/iserver/account/trades?days=3`) into the query items.
    static func splittingQuery(_ request: HTTPRequest) -> HTTPRequest {
        guard let mark = request.path.firstIndex(of: "?") else { return request }
        var copy = request
        copy.path = String(request.path[..<mark])
        let items =
            URLComponents(string: "http://twin/?" + request.path[request.path.index(after: mark)...])?
            .queryItems ?? []
        copy.query = request.query + items
        return copy
    }

    /// The path below `/v1/api` (also accepts the full `/v1/api/...` or older `/v1/portal/...` prefix).
    static func normalize(_ raw: String) -> String {
        var path = raw.split(separator: "?", maxSplits: 1).first.map(String.init) ?? raw
        for prefix in ["/v1/api", "/v1/portal"] where path.hasPrefix(prefix + "/") || path == prefix {
            path = String(path.dropFirst(prefix.count))
            break
        }
        if !path.hasPrefix("/") { path = "/" + path }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// Counts the request against every matching pacing limit; true when one is exceeded.
    private func pacingViolated(method: String, path: String) -> Bool {
        guard let pacing = configuration.pacing else { return false }
        var violated = false
        for (index, limit) in pacing.limits.enumerated() {
            if let wanted = limit.method, wanted.uppercased() != method.uppercased() { continue }
            guard path.hasPrefix(limit.pathPrefix) else { continue }
            var recent = (pacingLog[index] ?? []).filter { now.timeIntervalSince($0) < limit.window }
            if recent.count >= limit.count { violated = true }
            recent.append(now)
            pacingLog[index] = recent
        }
        return violated
    }

    private func drawFault(method: String, path: String) -> TwinFault? {
        for (index, rule) in configuration.faults.rules.enumerated() {
            if let wanted = rule.method, wanted.uppercased() != method.uppercased() { continue }
            guard path.hasPrefix(rule.pathPrefix) else { continue }
            var counter = faultCounters[index] ?? (0, 0)
            counter.matched += 1
            defer { faultCounters[index] = counter }
            if counter.matched <= rule.skipFirst { continue }
            if let limit = rule.limit, counter.fired >= limit { continue }
            guard faultRNG.nextBool(probability: rule.probability) else { continue }
            counter.fired += 1
            return rule.fault
        }
        return nil
    }

    // MARK: - Session control

    func login() {
        brokerageOpenings += 1
        session.end()
        session = TwinSession(state: .authenticated, at: now, token: rng.nextHex(count: 32), epoch: session.epoch + 1)
        // A browser login brings the brokerage session up established; only a re-opened one (ssodh/init,
        // reauthenticate) passes through `established: false` (assumption, README).
        session.brokerageUpAt = .distantPast
    }

    func simulateCompetingLogin() {
        guard session.isBrokerageUp else { return }
        session.state = .competing
        session.competingSince = now
    }
}

/// An order (or bracket) waiting for the answers to its questions.
struct PendingReply: Sendable {
    let replyId: String
    let account: String
    let tickets: [OrderTicket]
    /// Questions still to ask after this one: (message id, text).
    let remaining: [(String, String)]
    /// The order being modified, when the questions belong to a modify.
    let modifying: Int?
}
