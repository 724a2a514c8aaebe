import FoundationEssentials
import HTTPCore

extension TwinCore {
    static let mac = "F4:03:43:CD:BD:C0"
    static let serverInfo: TwinJSON = .object([
        "serverName": .string("JifTwin01"), "serverVersion": .string("Build 10.25.0m, Nov 17, 2023 11:29:27 AM"),
    ])

    /// The auth-status object (`/iserver/auth/status`, `/tickle`, `ssodh/init`), shaped like the [REAL] captures.
    func authStatus() -> TwinJSON {
        switch session.state {
        case .noSession:
            return .object([
                "authenticated": .bool(false), "competing": .bool(false), "connected": .bool(false),
                "MAC": .string(Self.mac),
            ])
        case .ssoOnly, .authenticated, .competing:
            let up = session.isBrokerageUp
            return .object([
                "authenticated": .bool(up), "competing": .bool(session.state == .competing || session.heldElsewhere),
                "connected": .bool(true), "established": .bool(up && established), "message": .string(""),
                "MAC": .string(Self.mac), "serverInfo": Self.serverInfo,
                "hardware_info": .string("1c4558e8|" + Self.mac), "fail": .string(""),
            ])
        }
    }

    /// Logged out, auth status still answers 200 `{"authenticated": false, "connected": false, …}` (cpapi.md §2.3,
    /// DOC-V1's timed-out / logged-out example); `/tickle` and `/iserver/*` answer 401.
    func authStatusResponse() -> HTTPResponse {
        TwinHTTP.json(authStatus())
    }

    /// `established` (cpapi.md §2.3, ibeam #281): true once the brokerage session has been up
    /// `establishDelaySeconds`; a fresh session says `authenticated:true, established:false` until then.
    var established: Bool {
        guard let upAt = session.brokerageUpAt else { return false }
        return now.timeIntervalSince(upAt) >= configuration.establishDelaySeconds
    }

    /// The nightly reset (cpapi.md §2.2): the brokerage session drops, or — drawn per reset — stays authenticated
    /// but loses its priming ("Please query /accounts first" until `/iserver/accounts`).
    func nightlyReset() {
        guard session.isBrokerageUp else { return }
        if sessionRNG.nextBool(probability: configuration.nightlyResetUnprimedChance) {
            session.unprime()
        } else {
            session.dropBrokerage()
        }
    }

    /// A reply id dies at the next other request (cpapi.md §6.3, ibind #35/#103); a `/tickle` kills it only
    /// sometimes (drawn), as ibind reports.
    func expirePendingReply(path: String) {
        guard pendingReply != nil else { return }
        if path == "/tickle" && !sessionRNG.nextBool(probability: configuration.tickleKillsReplyChance) { return }
        pendingReply = nil
    }

    func tickle() -> HTTPResponse {
        guard session.state != .noSession else { return TwinHTTP.unauthorized }
        return TwinHTTP.json(
            .object([
                "session": .string(session.token),
                "ssoExpires": .int(session.ssoExpiresMillis(at: now, configuration: configuration)),
                "collission": .bool(false), "userId": .int(userID),
                "hmds": .object(["error": .string("no bridge")]),
                "iserver": .object(["authStatus": authStatus()]),
            ]))
    }

    func ssodhInit(_ body: TwinJSON?) -> HTTPResponse {
        guard session.state != .noSession else { return TwinHTTP.unauthorized }
        guard body?["publish"]?.boolValue == true else {
            return TwinHTTP.error("publish must be true to open a brokerage session", status: 500)
        }
        let competes = body?["compete"]?.boolValue == true
        if (session.state == .competing || session.heldElsewhere) && !competes {
            return TwinHTTP.json(authStatus())
        }
        session.heldElsewhere = false
        if session.state != .authenticated { openBrokerage() }
        return TwinHTTP.json(authStatus())
    }

    /// Opens the brokerage session at once, or after `brokerageOpenDelaySeconds` (the status shows
    /// `authenticated:false` until then, as a real gateway does for a few seconds after init).
    func openBrokerage() {
        session.dropBrokerage()
        let delay = configuration.brokerageOpenDelaySeconds
        guard delay > 0, delay.isFinite else {
            session.state = .authenticated
            session.brokerageUpAt = now
            return
        }
        brokerageOpenings += 1
        events.schedule(.brokerageOpens(generation: brokerageOpenings), at: now.addingTimeInterval(delay))
    }

    func reauthenticate() -> HTTPResponse {
        guard session.state != .noSession else { return TwinHTTP.unauthorized }
        // A session another login holds is not taken back by a reauthentication either.
        if !session.isBrokerageUp && !session.heldElsewhere { openBrokerage() }
        return TwinHTTP.json(.object(["message": .string("triggered")]))
    }

    func logout() -> HTTPResponse {
        session.end()
        return TwinHTTP.json(.object(["status": .bool(true)]))
    }

    /// The browser login page's success (`/sso/Login?forwardTo=22`): what a human does to start a session.
    func browserLogin() -> HTTPResponse {
        login()
        return TwinHTTP.text("Client login succeeds", status: 200)
    }

    func ssoValidate() -> HTTPResponse {
        let user = "twinuser"
        return TwinHTTP.json(
            .object([
                "USER_ID": .int(userID), "USER_NAME": .string(user), "RESULT": .bool(true),
                "AUTH_TIME": .int(TwinFormat.millis(session.loginAt ?? now)), "SF_ENABLED": .bool(false),
                "IS_FREE_TRIAL": .bool(false), "CREDENTIAL": .string(user), "IP": .string("127.0.0.1"),
                "EXPIRES": .int(session.ssoExpiresMillis(at: now, configuration: configuration)),
                "QUALIFIED_FOR_MOBILE_AUTH": .null, "LANDING_APP": .string("UNIVERSAL"), "IS_MASTER": .bool(false),
                "lastAccessed": .int(TwinFormat.millis(now)), "LOGIN_TYPE": .int(2),
                "PAPER_USER_NAME": .string(user),
                "features": .object([
                    "env": .string("PROD"), "wlms": .bool(true), "realtime": .bool(true), "bond": .bool(true),
                    "optionChains": .bool(true), "calendar": .bool(true), "newMf": .bool(true),
                ]),
                "region": .string("NJ"),
            ]))
    }

    func iserverAccounts() -> HTTPResponse {
        session.primed = true
        let account = configuration.accountID
        return TwinHTTP.json(
            .object([
                "accounts": .array([.string(account)]),
                "acctProps": .object([
                    account: .object([
                        "hasChildAccounts": .bool(false), "supportsCashQty": .bool(true), "liteUnderPro": .bool(false),
                        "noFXConv": .bool(false), "isProp": .bool(false), "supportsFractions": .bool(true),
                        "allowCustomerTime": .bool(false),
                    ])
                ]),
                "aliases": .object([account: .string(account)]),
                "allowFeatures": .object([
                    "showGFIS": .bool(true), "showEUCostReport": .bool(false), "allowEventContract": .bool(true),
                    "allowFXConv": .bool(true), "allowFinancialLens": .bool(false), "allowMTA": .bool(true),
                    "allowTypeAhead": .bool(true), "allowEventTrading": .bool(true),
                    "snapshotRefreshTimeout": .int(30), "liteUser": .bool(false), "showWebNews": .bool(true),
                    "research": .bool(true), "debugPnl": .bool(true), "showTaxOpt": .bool(true),
                    "showImpactDashboard": .bool(true), "allowDynAccount": .bool(false), "allowCrypto": .bool(false),
                    "allowedAssetTypes": .string("STK"),
                ]),
                "chartPeriods": .object(["STK": .array([.string("*")])]),
                "groups": .array([]), "profiles": .array([]), "selectedAccount": .string(account),
                "serverInfo": Self.serverInfo, "sessionId": .string(String(session.token.prefix(8)) + ".00000001"),
                "isFT": .bool(false), "isPaper": .bool(configuration.isPaper),
            ]))
    }

    func switchAccount(_ body: TwinJSON?) -> HTTPResponse {
        guard let account = body?["acctId"]?.stringValue, account == configuration.accountID else {
            return TwinHTTP.error("acctId must be one of /iserver/accounts' accounts", status: 400)
        }
        return TwinHTTP.json(.object(["set": .bool(true), "acctId": .string(account)]))
    }

    func suppressQuestions(_ body: TwinJSON?) -> HTTPResponse {
        guard let ids = body?["messageIds"]?.arrayValue?.compactMap(\.stringValue), !ids.isEmpty, ids.count <= 51
        else { return TwinHTTP.error("messageIds must list between 1 and 51 message ids", status: 500) }
        session.suppressedMessageIds.formUnion(ids)
        return TwinHTTP.json(.object(["status": .string("submitted")]))
    }

    func resetSuppressedQuestions() -> HTTPResponse {
        session.suppressedMessageIds = []
        return TwinHTTP.json(.object(["status": .string("submitted")]))
    }
}
