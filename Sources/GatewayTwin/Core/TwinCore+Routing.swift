import FoundationEssentials
import HTTPCore

extension TwinCore {
    /// What a route needs from the session before it runs.
    enum Gate {
        /// Session endpoints that answer in every state (they apply their own rules).
        case open
        /// Needs an SSO session (`/portfolio`, `/trsrv`, `/sso`).
        case sso
        /// Needs the brokerage session.
        case brokerage
        /// Needs the brokerage session and `/iserver/accounts` priming.
        case primed
        /// Needs an SSO session and `/portfolio/accounts` called in it (cpapi.md §3.3: "must be called before
        /// other `/portfolio/*` endpoints").
        case portfolio
    }

    func route(_ request: HTTPRequest, path: String) -> HTTPResponse {
        let method = request.method.uppercased()
        let parts = path.split(separator: "/").map(String.init)
        let body = request.body.flatMap { $0.isEmpty ? nil : TwinJSON.parse($0) }
        if request.body.map({ !$0.isEmpty }) == true && body == nil {
            return TwinHTTP.error("Invalid JSON body", status: 400)
        }
        guard let (gate, handler) = resolve(method: method, parts: parts, request: request, body: body) else {
            return knownPath(parts) ? TwinHTTP.text("Method Not Allowed", status: 405) : TwinHTTP.notFound
        }
        if let refusal = check(gate) { return refusal }
        return handler()
    }

    private func check(_ gate: Gate) -> HTTPResponse? {
        switch gate {
        case .open:
            return nil
        case .sso:
            return session.state == .noSession ? TwinHTTP.unauthorized : nil
        case .portfolio:
            if session.state == .noSession { return TwinHTTP.unauthorized }
            return session.portfolioPrimed ? nil : TwinHTTP.portfolioNotPrimed
        case .brokerage, .primed:
            if session.state == .noSession { return TwinHTTP.unauthorized }
            if !session.isBrokerageUp { return TwinHTTP.noBridge }
            if gate == .primed && !session.primed { return TwinHTTP.notPrimed }
            return nil
        }
    }

    private func knownPath(_ parts: [String]) -> Bool {
        ["GET", "POST", "DELETE"].contains { resolve(method: $0, parts: parts, request: nil, body: nil) != nil }
    }

    /// Path parts against a pattern where `*` captures one part; nil when they differ. Walks the pattern's bytes
    /// without splitting it: the route table tries dozens of patterns on every request.
    static func match(_ parts: [String], _ pattern: String) -> [String]? {
        let bytes = pattern.utf8
        var captures: [String] = []
        var partIndex = 0
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
            let segment = bytes[start..<end]
            if !segment.isEmpty {
                guard partIndex < parts.count else { return nil }
                if segment.count == 1, segment.first == UInt8(ascii: "*") {
                    captures.append(parts[partIndex])
                } else if !parts[partIndex].utf8.elementsEqual(segment) {
                    return nil
                }
                partIndex += 1
            }
            guard end < bytes.endIndex else { break }
            start = bytes.index(after: end)
        }
        return partIndex == parts.count ? captures : nil
    }

    /// Routes for the endpoints in `TwinCore+MoreEndpoints.swift`.
    private func resolveMore(
        method: String, parts: [String], query: HTTPRequest, body: TwinJSON?
    ) -> (Gate, () -> HTTPResponse)? {
        let get = method == "GET"
        if get, Self.match(parts, "portfolio/subaccounts") != nil { return (.sso, { self.portfolioSubaccounts() }) }
        if get, let captured = Self.match(parts, "portfolio/*/meta") {
            return (.portfolio, { self.portfolioMeta(captured[0]) })
        }
        if get, let captured = Self.match(parts, "portfolio/*/position/*") {
            return (.portfolio, { self.portfolioPosition(captured[0], conidText: captured[1]) })
        }
        if get, let captured = Self.match(parts, "portfolio/positions/*") {
            return (.portfolio, { self.portfolioPositionsByConid(captured[0]) })
        }
        if get, Self.match(parts, "iserver/account/pnl/partitioned") != nil {
            return (.primed, { self.partitionedPnl() })
        }
        if get, let captured = Self.match(parts, "iserver/account/*/summary") {
            return (.primed, { self.iserverAccountSummary(captured[0]) })
        }
        if get, Self.match(parts, "trsrv/secdef") != nil { return (.sso, { self.trsrvSecdef(query) }) }
        if method == "POST", Self.match(parts, "iserver/notification") != nil {
            return (.brokerage, { self.answerNotification(body) })
        }
        if get, Self.match(parts, "iserver/secdef/strikes") != nil {
            return (.brokerage, { self.secdefStrikes(query) })
        }
        if get, Self.match(parts, "iserver/secdef/info") != nil { return (.brokerage, { self.secdefInfo(query) }) }
        return nil
    }

    /// The route table: method and path pattern to the session gate and the handler.
    private func resolve(
        method: String, parts: [String], request: HTTPRequest?, body: TwinJSON?
    ) -> (Gate, () -> HTTPResponse)? {
        let query = request ?? HTTPRequest(method: method, path: "/")
        let getOrPost = method == "GET" || method == "POST"
        func on(_ methods: Bool, _ pattern: String) -> [String]? {
            methods ? Self.match(parts, pattern) : nil
        }
        let get = method == "GET"
        let post = method == "POST"
        if on(getOrPost, "tickle") != nil { return (.open, { self.tickle() }) }
        if on(getOrPost, "iserver/auth/status") != nil { return (.open, { self.authStatusResponse() }) }
        if on(getOrPost, "iserver/auth/ssodh/init") != nil { return (.open, { self.ssodhInit(body) }) }
        if on(getOrPost, "iserver/reauthenticate") != nil { return (.open, { self.reauthenticate() }) }
        if on(getOrPost, "logout") != nil { return (.open, { self.logout() }) }
        if on(getOrPost, "sso/Login") != nil { return (.open, { self.browserLogin() }) }
        if on(get, "sso/validate") != nil { return (.sso, { self.ssoValidate() }) }
        if on(get, "iserver/accounts") != nil { return (.brokerage, { self.iserverAccounts() }) }
        if on(post, "iserver/questions/suppress") != nil { return (.brokerage, { self.suppressQuestions(body) }) }
        if on(post, "iserver/questions/suppress/reset") != nil {
            return (.brokerage, { self.resetSuppressedQuestions() })
        }
        if on(getOrPost, "iserver/secdef/search") != nil {
            return (.brokerage, { self.secdefSearch(query, body: body) })
        }
        if let captured = on(get, "iserver/contract/*/info") {
            return (.brokerage, { self.contractInfo(captured[0]) })
        }
        if on(post, "iserver/contract/rules") != nil { return (.brokerage, { self.contractRules(body) }) }
        if on(get, "iserver/marketdata/snapshot") != nil { return (.primed, { self.snapshot(query) }) }
        if on(get, "iserver/marketdata/history") != nil { return (.primed, { self.history(query) }) }
        if on(post, "iserver/marketdata/unsubscribe") != nil { return (.primed, { self.unsubscribe(body) }) }
        if on(get, "iserver/marketdata/unsubscribeall") != nil { return (.primed, { self.unsubscribeAll() }) }
        if on(post, "iserver/account") != nil { return (.primed, { self.switchAccount(body) }) }
        if on(get, "iserver/account/orders") != nil { return (.primed, { self.liveOrders(query) }) }
        if on(get, "iserver/account/trades") != nil { return (.primed, { self.trades(query) }) }
        if let captured = on(get, "iserver/account/order/status/*") {
            return (.primed, { self.orderStatus(captured[0]) })
        }
        if let captured = on(post, "iserver/account/*/orders") {
            return (.primed, { self.placeOrders(account: captured[0], body: body) })
        }
        if let captured = on(post, "iserver/account/*/orders/whatif") {
            return (.primed, { self.whatif(account: captured[0], body: body) })
        }
        if let captured = on(post, "iserver/reply/*") { return (.primed, { self.reply(captured[0], body: body) }) }
        if let captured = on(post, "iserver/account/*/order/*") {
            return (.primed, { self.modifyOrder(account: captured[0], orderId: captured[1], body: body) })
        }
        if let captured = on(method == "DELETE", "iserver/account/*/order/*") {
            return (.primed, { self.cancelOrder(account: captured[0], orderId: captured[1]) })
        }
        if on(get, "portfolio/accounts") != nil { return (.sso, { self.portfolioAccounts() }) }
        if let captured = on(get, "portfolio/*/summary") {
            return (.portfolio, { self.portfolioSummary(captured[0]) })
        }
        if let captured = on(get, "portfolio/*/ledger") {
            return (.portfolio, { self.portfolioLedger(captured[0]) })
        }
        if let captured = on(get, "portfolio/*/positions/*") {
            return (.portfolio, { self.portfolioPositions(captured[0], page: captured[1]) })
        }
        if let captured = on(post, "portfolio/*/positions/invalidate") {
            return (.portfolio, { self.invalidatePositions(captured[0]) })
        }
        if on(get, "trsrv/stocks") != nil { return (.sso, { self.trsrvStocks(query) }) }
        if let route = resolveMore(method: method, parts: parts, query: query, body: body) { return route }
        return nil
    }
}
