import FoundationEssentials
import HTTPCore
import TradingDomain

/// The request pipeline: the gate (one exchange at a time), the pacer, and IBKR's session recoveries.
extension IBKRBroker {
    /// Sends one request under the gate, recovering from a lost priming, a missing bridge and a transient 503.
    func perform(_ request: CPAPIRequest) async throws -> HTTPResponse {
        try await exclusively { try await performHoldingGate(request) }
    }

    /// Runs `body` while holding the gate, so no other request reaches the gateway in between. Order work (see
    /// `asOrder`) is let in before queued reads.
    func exclusively<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await gate.acquire(RequestPriority.current)
        do {
            let result = try await body()
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }

    /// Runs `body` as order work: every request it makes goes before queued reads at the gate, so a flood of quote
    /// reads (each paced by IBKR's limits) can never hold an order back. Applies to the whole call, including the
    /// reads an order needs first (its contract and rules).
    func asOrder<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await RequestPriority.$current.withValue(.order) { try await body() }
    }

    /// `perform` for a caller that already holds the gate.
    func performHoldingGate(_ request: CPAPIRequest, recovering: Bool = true) async throws -> HTTPResponse {
        if request.needsPriming && !primed {
            try await primeHoldingGate()
        }
        if request.needsPortfolioPriming && !portfolioPrimed {
            try await primePortfolioHoldingGate()
        }
        let response = try await sendPaced(request)
        let status = response.status
        if (200..<300).contains(status) { return response }
        let text = CPAPIJSON.errorText(in: response.body) ?? ""
        let canRecover = recovering && request.recoverable
        switch status {
        case 401:
            sessionLost()
        case 400 where text.lowercased().contains("no bridge") && canRecover:
            // The brokerage session is not initialised: open it, prime it, and try once more.
            sessionLost()
            try await initBrokerageSessionHoldingGate()
            try await primeHoldingGate()
            return try await performHoldingGate(request, recovering: false)
        case 500 where text.lowercased().contains("query /portfolio/accounts first") && canRecover:
            // `/portfolio/accounts` was not called in this session (cpapi.md §3.3): call it and retry once.
            portfolioPrimed = false
            try await primePortfolioHoldingGate()
            return try await performHoldingGate(request, recovering: false)
        case 500 where text.lowercased().contains("query /accounts first") && canRecover:
            // Priming was lost (typically IBKR's nightly reset): prime and retry once.
            sessionLost()
            try await primeHoldingGate()
            return try await performHoldingGate(request, recovering: false)
        case 429:
            let until = clock.now().addingTimeInterval(settings.rateLimitBackoff.timeInterval)
            penaltyUntil = until
            let error = IBKRFailure.http(response, endpoint: request.endpoint)
            throw TradingError(
                .rateLimited, error.message,
                hint: "Valet holds every request until \(Self.timeText(until)) (IBKR's penalty box lasts 10–15 "
                    + "minutes and every request during it extends it)",
                brokerMessage: error.brokerMessage)
        case _ where [500, 502, 503, 504].contains(status) && request.idempotent && canRecover:
            // A read around IBKR's nightly reset or a slow backend: wait a moment and try once more.
            try await pause(settings.transientRetryDelay, before: request.endpoint)
            return try await performHoldingGate(request, recovering: false)
        case _ where [502, 503, 504].contains(status) && !request.idempotent:
            let error = IBKRFailure.http(response, endpoint: request.endpoint)
            throw TradingError(
                .outcomeUnknown,
                "\(request.endpoint) answered HTTP \(status): IBKR may or may not have acted on it",
                hint: "do not resend: check open orders and executions first", brokerMessage: error.brokerMessage)
        default:
            break
        }
        throw IBKRFailure.http(response, endpoint: request.endpoint)
    }

    /// Waits for the request's pacing slot on the injected clock, then sends it. Refuses at once while the
    /// 429 penalty lasts.
    func sendPaced(_ request: CPAPIRequest) async throws -> HTTPResponse {
        let now = clock.now()
        if let until = penaltyUntil {
            if now < until {
                throw TradingError(
                    .rateLimited,
                    "\(request.endpoint) not sent: IBKR answered 429 earlier and Valet is backing off",
                    hint: "retry after \(Self.timeText(until))")
            }
            penaltyUntil = nil
        }
        // The wait is read from a copy; the slot is booked when the exchange ends. The gateway counts a request
        // when it arrives, which is somewhere between our send and its answer: spacing each send a full window
        // after the answers before it keeps within IBKR's limit however the network delays either request
        // (booking at send time let a delayed request and a prompt one arrive less than a window apart: a 429).
        // Requests go one at a time under the gate, so no booking is lost in between.
        var probe = pacer
        let wait = probe.reserve(method: request.method, path: request.path, at: elapsed(since: now))
        if wait > .zero {
            try await pause(wait, before: request.endpoint)
        }
        defer { _ = pacer.reserve(method: request.method, path: request.path, at: elapsed(since: clock.now())) }
        do {
            return try await transport.send(request.httpRequest)
        } catch let error as TransportError {
            throw IBKRFailure.transport(error, endpoint: request.endpoint, idempotent: request.idempotent)
        } catch let error as TradingError {
            throw error
        } catch {
            throw TradingError(
                request.idempotent ? .brokerUnavailable : .outcomeUnknown,
                "\(request.endpoint) failed without an answer: \(TradingError.describe(error))",
                hint: request.idempotent ? "retry" : "do not resend: check open orders and executions first")
        }
    }

    /// The time since the pacing origin, for the pacer.
    private func elapsed(since now: Date) -> Duration {
        Duration.interval(now.timeIntervalSince(pacingOrigin))
    }

    /// Waits on the injected clock; a cancelled wait becomes a `TradingError` (nothing was sent yet), so every
    /// error the ports throw stays a `TradingError`.
    func pause(_ duration: Duration, before endpoint: String) async throws {
        do {
            try await clock.sleep(duration)
        } catch {
            throw TradingError(
                .brokerUnavailable, "cancelled while waiting to send \(endpoint); nothing was sent",
                hint: "retry when ready")
        }
    }

    /// Forgets the per-session state: priming, the account identity, question suppression and the live-orders
    /// view must be redone after a new login.
    func sessionLost() {
        primed = false
        portfolioPrimed = false
        primedAccounts = nil
        suppressed = false
        liveOrdersView = LiveOrdersView()
    }

    /// A time in a message, in New York's offset like every time an agent reads (`2026-12-04T10:15:00-05:00`).
    static func timeText(_ date: Date) -> String {
        ExchangeCalendar.nyse.iso8601(date)
    }
}
