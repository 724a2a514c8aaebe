import Foundation
import GatewayTwin

/// The contract scenarios the twin plays, by the cassette names in recordings/cpapi, and the ones it cannot
/// reproduce from outside evidence, with the reason. A test asserting something only a capture holds names its
/// key as `scenario:what` (e.g. `no-bridge:REC-A trade values`), so the rest of the scenario still runs on the twin.
enum TwinScenarios {
    static let unsupported: [String: String] = [
        "account-portfolio":
            "the capture is an FA paper login (seven accounts) whose summary has no netliquidation; the twin models "
            + "one paper account and always reports it",
        "no-bridge:REC-A trade values":
            "asserts a REC-A trade of 2023-12-18; the twin's calendar starts in 2024 (it refuses to guess sessions)",
        "quote-warmup":
            "asserts REC-A's delayed row of 2023-09-13 (timestamp and values); the twin's calendar starts in 2024",
        "quote-prior-close":
            "needs an empty ask field (\"86\": \"\"); the twin always quotes an ask for an instrument with data",
        "conid-secdef-fallback":
            "needs a symbol /trsrv/stocks misses but secdef/search finds; the twin answers both from one list",
        "order-rejected":
            "the twin has no limit-price-distance rejection (cpapi.md §6.2 form 3 gives only its wording)",
        "order-timeout-lookup":
            "the timeout is injected in front of the backend, so the order never reaches the twin; that it landed "
            + "anyway is a fact only the cassette holds",
        "modify-cancel-status":
            "the cassette stitches two sources (a modify to 456.50 and an IBIND-REC status of another order at 457); "
            + "the twin keeps one order consistent",
        "preview-whatif:IBKR-DOC figures":
            "asserts the IBKR-DOC whatif figures (margin change 652, equity change -1); the twin computes its own",
        "healthcheck":
            "asserts REC-A's delayed AAPL row of 2023-09-13 in the report; the twin's calendar starts in 2024",
        "keepalive-no-session":
            "the twin answers /tickle without a session with 401 (cpapi.md §2.4); the 200 {\"error\":\"no session\"} "
            + "form ibeam reports is not modelled",
    ]

    /// The set-up for a cassette name, or nil when the twin does not play it.
    static func named(_ name: String) -> TwinScenario? {
        switch name {
        case "session-authenticated":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(), exercises: ["POST /iserver/auth/status"],
                source: "cpapi.md §2.3 [REAL] IBIND-REC auth status")
        case "session-established-false":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(),
                prepare: { twin in
                    // A re-opened brokerage session says authenticated:true, established:false for a while.
                    twin.dropBrokerageSession()
                    try TwinSetUp.send(twin, "POST", "/iserver/auth/ssodh/init", #"{"publish":true,"compete":true}"#)
                }, exercises: ["POST /iserver/auth/status"], source: "cpapi.md §2.3, ibeam #281")
        case "session-competing":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(), prepare: { $0.simulateCompetingLogin() },
                exercises: ["POST /iserver/auth/status"], source: "cpapi.md §2.1 competing sessions")
        case "session-not-logged-in-401":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(), prepare: { $0.logOut() },
                exercises: ["POST /iserver/auth/status", "GET /iserver/accounts"], source: "cpapi.md §2.3/§2.4")
        case "keepalive-ssodh-recovery":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(), prepare: { $0.dropBrokerageSession() },
                exercises: ["POST /tickle", "POST /iserver/auth/ssodh/init"], source: "cpapi.md §2.1/§2.5/§9.1")
        case "keepalive-healthy":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(), exercises: ["POST /tickle"],
                source: "cpapi.md §2.4 /tickle")
        case "keepalive-new-login":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(),
                cues: [
                    .init(
                        request: "POST /iserver/questions/suppress", occurrence: 1, what: "a new browser login",
                        action: { $0.login() })
                ], exercises: ["POST /tickle"], source: "cpapi.md §2.4 (session id per login), §6.5")
        case "no-bridge":
            return TwinScenario(
                configuration: TwinScenario.baseConfiguration(),
                prepare: { twin in
                    try fill(twin, conid: 265598, quantity: 56)
                    twin.dropBrokerageSession()
                }, exercises: ["POST /iserver/auth/ssodh/init"], source: "cpapi.md §8.2 ibind #44 (400 no bridge)")
        case "priming-lost":
            var configuration = TwinScenario.baseConfiguration()
            configuration.firstOrderID = 1_210_386_759
            return TwinScenario(
                configuration: configuration,
                prepare: { twin in
                    try TwinSetUp.place(
                        twin, #"{"conid":265598,"orderType":"LMT","price":185,"side":"BUY","quantity":1,"tif":"GTC"}"#)
                },
                cues: [
                    .init(
                        request: "GET /iserver/account/orders", occurrence: 2, what: "a reset that loses the priming",
                        action: { $0.unprimeSession() })
                ], exercises: [], source: "cpapi.md §2.2/§9.8 (Please query /accounts first)")
        case "summary-503-then-ok", "summary-503-twice":
            var configuration = TwinScenario.baseConfiguration()
            configuration.startingCash = 205_266_944
            configuration.faults.rules = [
                FaultRule(
                    method: "GET", pathPrefix: "/portfolio/\(TwinScenario.account)/summary",
                    fault: .serviceUnavailableAfterProcessing, limit: name == "summary-503-twice" ? 2 : 1)
            ]
            return TwinScenario(
                configuration: configuration, exercises: [], source: "cpapi.md §2.2/§8.2 503 around the reset")
        case "rate-limited":
            var configuration = TwinScenario.baseConfiguration()
            configuration.instruments.append(
                TwinInstrument(
                    conid: 13_176, symbol: "WM", companyName: "WASTE MANAGEMENT INC", listingExchange: "NYSE",
                    initialPrice: 170))
            // The test waits out a 901 s back-off without a tickle; in use the session keeper tickles through it
            // (cpapi.md §2.4), so the twin's session must outlive the wait instead of timing out.
            configuration.idleTimeout = 3_600
            configuration.ssoLifetime = 3_600
            configuration.faults.rules = [
                FaultRule(
                    method: "GET", pathPrefix: "/iserver/account/trades", fault: .rateLimited(penaltySeconds: 60),
                    limit: 1)
            ]
            return TwinScenario(
                configuration: configuration, prepare: { try fill($0, conid: 13_176, quantity: 1) }, exercises: [],
                source: "cpapi.md §8.1 (429 and a penalty box)")
        case "positions-page-cap":
            var configuration = TwinScenario.baseConfiguration()
            let held = (0..<250).map { 1_000 + $0 }
            configuration.instruments += held.map {
                TwinInstrument(
                    conid: $0, symbol: "T\($0)", companyName: "T\($0)", listingExchange: "NYSE", initialPrice: 9)
            }
            return TwinScenario(
                configuration: configuration,
                prepare: { twin in
                    for conid in held { twin.seedPosition(conid: conid, quantity: 1, averageCost: 9) }
                }, exercises: ["GET /portfolio/\(TwinScenario.account)/positions/1"],
                source: "cpapi.md §3.6 (pages of 100 rows)")
        case "quote-no-data":
            var configuration = TwinScenario.baseConfiguration()
            configuration.instruments = configuration.instruments.map { instrument in
                var instrument = instrument
                if instrument.conid == 265598 { instrument.hasMarketData = false }
                return instrument
            }
            return TwinScenario(
                configuration: configuration, exercises: ["GET /iserver/marketdata/snapshot"],
                source: "cpapi.md §5.1 (no fields without a market-data subscription)")
        case "quotes-batch":
            var configuration = TwinScenario.baseConfiguration()
            configuration.instruments = configuration.instruments.map { instrument in
                var instrument = instrument
                if instrument.conid == 265598 { instrument.initialPrice = Decimal(string: "204.85") ?? 0 }
                if instrument.conid == 8314 { instrument.initialPrice = 270 }
                return instrument
            }
            return TwinScenario(
                configuration: configuration, exercises: ["GET /iserver/secdef/search"],
                source: "cpapi.md §5.1 (two-conid pre-flight, then data), §4.2/§4.3")
        default:
            return orderScenario(name)
        }
    }

    /// The order scenarios.
    private static func orderScenario(_ name: String) -> TwinScenario? {
        var configuration = TwinScenario.baseConfiguration()
        configuration.firstOrderID = 1_149_239_278
        let ordersPath = "/iserver/account/\(TwinScenario.account)/orders"
        let orders = "POST " + ordersPath
        switch name {
        case "order-questions-allowed", "order-too-many-questions", "order-questions-with-tickle":
            // A limit 13% below the last price meets o163, then the Price Management Algo prompt p12.
            configuration.questionVariants.farLimitAsksP12 = 1
            configuration.faults.rules = [TwinScenario.suppressionFails]
            return TwinScenario(
                configuration: configuration, exercises: ["POST /iserver/account/\(TwinScenario.account)/orders"],
                source: "cpapi.md §6.2 form 4, §6.3, ibind's question table")
        case "order-question-declined":
            configuration.additionalQuestions = [
                TwinQuestionRule(
                    id: "o0",
                    message: "This order will most likely trigger and fill immediately.\n"
                        + "Are you sure you want to submit this order?", orderTypes: ["LMT"])
            ]
            return TwinScenario(
                configuration: configuration, exercises: [orders],
                source: "recordings/order-market-day-rec-a.json (o0), cpapi.md §6.4 (o0 not suppressible)")
        case "order-reply-id-expired":
            configuration.faults.rules = [TwinScenario.suppressionFails]
            return TwinScenario(
                configuration: configuration,
                cues: [
                    .init(
                        request: orders, occurrence: 1, what: "another client's request between question and reply",
                        action: { twin in _ = twin.handle(.init(method: "GET", path: "/iserver/account/orders")) })
                ], exercises: [], source: "cpapi.md §6.3, ibind #35/#103")
        case "order-503-found":
            configuration.faults.rules = [
                FaultRule(method: "POST", pathPrefix: ordersPath, fault: .serviceUnavailableAfterProcessing, limit: 1)
            ]
            return TwinScenario(
                configuration: configuration, exercises: ["GET /iserver/account/orders"],
                source: "cpapi.md §6.2/§8.2 (503 after the order landed)")
        case "order-503-not-found":
            configuration.faults.rules = [
                // The set-up's own order passes; the adapter's meets the 503.
                FaultRule(method: "POST", pathPrefix: ordersPath, fault: .serviceUnavailable, skipFirst: 1, limit: 1)
            ]
            return TwinScenario(
                configuration: configuration,
                prepare: { twin in
                    // Another client's working order, with another order_ref, as in the cassette's live orders.
                    try TwinSetUp.place(
                        twin,
                        #"{"conid":756733,"orderType":"LMT","price":400,"side":"BUY","quantity":1,"tif":"GTC","cOID":"other-1"}"#
                    )
                }, exercises: ["GET /iserver/account/orders"],
                source: "cpapi.md §8.2 (503 Details currently unavailable)")
        case "order-duplicate-coid":
            return TwinScenario(
                configuration: configuration,
                prepare: { twin in
                    try TwinSetUp.place(
                        twin,
                        #"{"conid":265598,"orderType":"MKT","side":"BUY","quantity":100,"tif":"DAY","cOID":"intent-1"}"#
                    )
                    twin.advance(seconds: 1)
                }, exercises: ["GET /iserver/account/orders"], source: "cpapi.md §6.2/§10 (duplicate cOID)")
        case "order-fractions-and-cash":
            configuration.firstOrderID = 1_149_239_279
            // cpapi.md §7's [IBKR-DOC] non-fractionable example: empty fraqTypes/cqtTypes, as the cassette's IBM.
            configuration.instruments = configuration.instruments.map { instrument in
                var instrument = instrument
                if instrument.conid == 8314 { instrument.fraqInt = 0 }
                return instrument
            }
            return TwinScenario(
                configuration: configuration,
                prepare: { $0.seedPosition(conid: 265598, quantity: 1, averageCost: 180) },
                exercises: ["POST /iserver/contract/rules"], source: "cpapi.md §7 (fraqInt, cqtTypes)")
        case "bracket":
            configuration.firstOrderID = 100
            configuration.faults.rules = [TwinScenario.suppressionFails]
            return TwinScenario(
                configuration: configuration, exercises: [orders], source: "cpapi.md §6.1 bracket")
        case "preview-whatif":
            return TwinScenario(
                configuration: configuration,
                exercises: ["POST /iserver/account/\(TwinScenario.account)/orders/whatif"],
                source: "cpapi.md §6.6 whatif")
        default:
            return nil
        }
    }

    /// A filled market buy, so the account has an execution to list.
    static func fill(_ twin: GatewayTwin, conid: Int, quantity: Int) throws {
        try TwinSetUp.place(
            twin, #"{"conid":\#(conid),"orderType":"MKT","side":"BUY","quantity":\#(quantity),"tif":"DAY"}"#)
        twin.advance(seconds: 1)
    }
}
