import FoundationEssentials
import HTTPCore
import TradingDomain

/// The login session: status, keep-alive, `ssodh/init` recovery, priming and question suppression.
extension IBKRBroker {
    /// Asks `/iserver/auth/status`. A gateway without a logged-in session (HTTP 401) is reported as
    /// unauthenticated with a hint, not thrown; only an unreachable gateway throws.
    public func status() async throws -> SessionStatus {
        let response = try await exclusively { () async throws -> HTTPResponse in
            try await sendPaced(.post("/iserver/auth/status"))
        }
        return try sessionStatus(from: response, endpoint: "POST /iserver/auth/status")
    }

    /// Tickles the gateway (`/tickle`) and reports the session. When the gateway is connected but the brokerage
    /// session is not authenticated, it reopens it with `ssodh/init`, waits on the clock, checks again and, once
    /// authenticated, primes the session and re-sends the question suppression.
    public func keepAlive() async throws -> SessionStatus {
        try await exclusively { () async throws -> SessionStatus in
            let response = try await sendPaced(.post("/tickle"))
            if response.status == 401 {
                sessionLost()
                return Self.noSession(message: "gateway answered HTTP 401 to /tickle")
            }
            guard (200..<300).contains(response.status) else {
                throw IBKRFailure.http(response, endpoint: "POST /tickle")
            }
            let tickle = try CPAPIJSON.decode(CPAPITickle.self, from: response, endpoint: "POST /tickle")
            if let token = tickle.session?.value {
                if let last = lastSessionToken, last != token { sessionLost() }
                lastSessionToken = token
            }
            guard let auth = tickle.iserver?.authStatus else {
                sessionLost()
                return Self.noSession(message: tickle.error?.value ?? "the gateway reported no brokerage session")
            }
            var status = Self.map(auth)
            if status.connected && !status.authenticated {
                sessionLost()
                try await initBrokerageSessionHoldingGate()
                let again = try await sendPaced(.post("/iserver/auth/status"))
                status = try sessionStatus(from: again, endpoint: "POST /iserver/auth/status")
            }
            if status.canTrade && !primed {
                try await primeHoldingGate()
            }
            if status.canTrade {
                await openLiveOrdersFeedHoldingGate()
                if settings.primesPortfolioAtLogin && !portfolioPrimed {
                    // Best effort: a failure only means the first /portfolio read primes it then.
                    try? await primePortfolioHoldingGate()
                }
            }
            return status
        }
    }

    /// The §9 start-up: status, `ssodh/init` when needed, priming and suppression. Returns the final status.
    public func ensureSession() async throws -> SessionStatus {
        try await keepAlive()
    }

    /// The session's `/iserver/accounts` answer: the one read when the session was primed, or a fresh priming
    /// when there is none (first use, or the session changed). The caller holds the gate.
    func sessionAccountsHoldingGate() async throws -> CPAPIAccounts {
        if primed, let known = primedAccounts { return known }
        return try await primeHoldingGate()
    }

    /// Calls `/iserver/accounts` (which primes `/iserver/*`) and, once per brokerage session, suppresses the
    /// allow-listed questions. The caller holds the gate.
    @discardableResult
    func primeHoldingGate(recovering: Bool = true) async throws -> CPAPIAccounts {
        let request = CPAPIRequest.get("/iserver/accounts")
        let response = try await sendPaced(request)
        guard (200..<300).contains(response.status) else {
            if response.status == 401 { sessionLost() }
            let text = CPAPIJSON.errorText(in: response.body) ?? ""
            if recovering && response.status == 400 && text.lowercased().contains("no bridge") {
                // The brokerage session was never opened: open it and prime once more.
                try await initBrokerageSessionHoldingGate()
                return try await primeHoldingGate(recovering: false)
            }
            throw IBKRFailure.http(response, endpoint: request.endpoint)
        }
        let accounts = try CPAPIJSON.decode(CPAPIAccounts.self, from: response, endpoint: request.endpoint)
        primed = true
        primedAccounts = accounts
        lastCapabilities = Self.capabilities(from: accounts, account: accountID.value)
        if !suppressed {
            suppressed = true
            await suppressQuestionsHoldingGate()
        }
        return accounts
    }

    /// The ids sent to `/iserver/questions/suppress`: the allow-list without the generic `o0` (not suppressible),
    /// sorted, at most 51 (IBKR's limit).
    nonisolated var suppressibleQuestionIDs: [String] {
        Array(allowedQuestionIDs.filter { $0 != "o0" && !$0.isEmpty }.sorted().prefix(51))
    }

    /// Best effort: a failed suppression only means the questions will be asked, and the reply loop answers them.
    func suppressQuestionsHoldingGate() async {
        let ids = suppressibleQuestionIDs
        guard !ids.isEmpty, let body = try? CPAPIJSON.encode(CPAPISuppressBody(messageIds: ids)) else { return }
        _ = try? await sendPaced(.post("/iserver/questions/suppress", json: body))
    }

    /// Opens the brokerage session (`ssodh/init`) and waits for it to settle. The caller holds the gate.
    func initBrokerageSessionHoldingGate() async throws {
        let body = try CPAPIJSON.encode(CPAPIInitBody(publish: true, compete: settings.competeOnInit))
        let request = CPAPIRequest.post("/iserver/auth/ssodh/init", json: body)
        let response = try await sendPaced(request)
        guard (200..<300).contains(response.status) else {
            let error = IBKRFailure.http(response, endpoint: request.endpoint)
            throw TradingError(
                response.status == 401 ? .sessionNotAuthenticated : .brokerUnavailable,
                "could not open the brokerage session: \(error.message)",
                hint: response.status == 401
                    ? IBKRFailure.loginHint
                    : "restart the gateway, log in again (other IBKR sessions logged out), then retry",
                brokerMessage: error.brokerMessage)
        }
        sessionLost()
        try await pause(settings.initSettleDelay, before: "POST /iserver/auth/status")
    }

    func sessionStatus(from response: HTTPResponse, endpoint: String) throws -> SessionStatus {
        if response.status == 401 {
            sessionLost()
            return Self.noSession(message: "gateway answered HTTP 401")
        }
        guard (200..<300).contains(response.status) else {
            throw IBKRFailure.http(response, endpoint: endpoint)
        }
        let auth = try CPAPIJSON.decode(CPAPIAuthStatus.self, from: response, endpoint: endpoint)
        let status = Self.map(auth)
        if !status.authenticated { sessionLost() }
        // Logged out, IBKR answers 200 {"authenticated": false, "connected": false, …} (cpapi.md §2.3): the same
        // situation as a 401, so the same login hint.
        if !status.authenticated && !status.connected && auth.connected?.value == false {
            return Self.noSession(message: "\(endpoint): the gateway has no logged-in session")
        }
        return status
    }

    static func map(_ auth: CPAPIAuthStatus) -> SessionStatus {
        // A 2026+ gateway says `established: false` until the accounts are loaded: not ready to trade yet.
        let established = auth.established?.value ?? true
        let authenticated = (auth.authenticated?.value ?? false) && established
        var message = auth.message?.value.flatMap { $0.isEmpty ? nil : $0 }
        if let fail = auth.fail?.value, !fail.isEmpty {
            message = [message, fail].compactMap { $0 }.joined(separator: "; ")
        }
        if auth.competing?.value == true {
            let note = "another session (TWS, Client Portal or IBKR Mobile) is using this username"
            message = [message, note].compactMap { $0 }.joined(separator: "; ")
        }
        return SessionStatus(
            authenticated: authenticated, connected: auth.connected?.value ?? false,
            competing: auth.competing?.value ?? false, serverVersion: auth.serverInfo?.serverVersion?.value,
            message: message)
    }

    static func noSession(message: String) -> SessionStatus {
        SessionStatus(
            authenticated: false, connected: false, competing: false,
            message: "\(message): \(IBKRFailure.loginHint)")
    }

    static func capabilities(from accounts: CPAPIAccounts, account: String) -> AccountCapabilities {
        let selected = accounts.selectedAccount
        let props = accounts.acctProps?[account] ?? selected.flatMap { accounts.acctProps?[$0] }
        return AccountCapabilities(
            selectedAccount: selected, isPaper: accounts.isPaper?.value,
            supportsCashQuantity: props?.supportsCashQty?.value, supportsFractions: props?.supportsFractions?.value)
    }
}
