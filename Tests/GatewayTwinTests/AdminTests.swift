import Foundation
import HTTPCore
import Testing

@testable import GatewayTwin

/// The `/twin/...` admin API over loopback HTTP, as `valet twin serve` serves it.
@Suite("Twin admin API over loopback")
struct AdminTests {
    /// A twin behind a loopback server that answers the admin API first, as `valet twin serve` does.
    struct Rig {
        let twin: GatewayTwin
        let server: LoopbackHTTPServer
        let client: URLSessionTransport

        init(_ configuration: TwinConfiguration = TwinConfiguration(questionVariants: .classic), start: Date? = nil)
            throws
        {
            let twin = GatewayTwin(configuration: configuration, start: start)
            let admin = TwinAdmin(twin: twin)
            server = try LoopbackHTTPServer(configuration: .init(port: 0)) { admin.handle($0) ?? twin.handle($0) }
            let base = try #require(URL(string: "http://127.0.0.1:\(server.port)"))
            // Generous: under a loaded CI machine the first request can wait for a thread (not a timed assertion).
            client = URLSessionTransport(configuration: .init(baseURL: base, timeoutSeconds: 30))
            self.twin = twin
        }

        func send(_ method: String, _ path: String, _ body: TwinJSON? = nil) async throws -> (Int, TwinJSON) {
            let request = HTTPRequest(
                method: method, path: path, headers: ["Content-Type": "application/json"],
                body: body?.data ?? (method == "POST" ? Data("{}".utf8) : nil))
            let response = try await client.send(request)
            return (response.status, TwinJSON.parse(response.body) ?? .null)
        }
    }

    @Test("set a price, advance time, read the ground truth: orders as received, fills, positions, cash")
    func groundTruth() async throws {
        let rig = try Rig()
        defer { rig.server.stop() }
        _ = try await rig.send("GET", "/v1/api/iserver/accounts")
        let order = TwinJSON.object([
            "conid": .int(265598), "side": .string("BUY"), "orderType": .string("LMT"), "price": .float(189),
            "quantity": .float(4), "tif": .string("GTC"), "cOID": .string("admin-1"),
        ])
        var (status, answer) = try await rig.send(
            "POST", "/v1/api/iserver/account/DU1234567/orders", .object(["orders": .array([order])]))
        #expect(status == 200)
        while let replyId = answer[0]?["id"]?.stringValue {
            (status, answer) = try await rig.send(
                "POST", "/v1/api/iserver/reply/\(replyId)", .object(["confirmed": .bool(true)]))
        }
        let (priceStatus, _) = try await rig.send(
            "POST", "/twin/price", .object(["symbol": .string("AAPL"), "last": .string("188.50")]))
        #expect(priceStatus == 200)
        let before = rig.twin.now
        let (advanceStatus, _) = try await rig.send("POST", "/twin/advance", .object(["seconds": .int(60)]))
        #expect(advanceStatus == 200)
        #expect(rig.twin.now == before.addingTimeInterval(60))
        let (stateStatus, state) = try await rig.send("GET", "/twin/state")
        #expect(stateStatus == 200)
        #expect(state["received"]?[0]?["order"]?["cOID"] == .string("admin-1"))
        #expect(state["orders"]?[0]?["status"] == .string("Filled"))
        #expect(state["fills"]?.arrayValue?.count == 1)
        #expect(state["positions"]?[0]?["quantity"] == .string("4"))
        let cash = try #require(state["cash"]?.stringValue.flatMap { Decimal(string: $0) })
        #expect(cash < 1_000_000 - 4 * dec("188"))
    }

    @Test("an injected fault hits the next matching request; bad admin input is a 400 with a hint")
    func faultsAndErrors() async throws {
        let rig = try Rig()
        defer { rig.server.stop() }
        let (armed, _) = try await rig.send(
            "POST", "/twin/fault",
            .object(["kind": .string("500"), "path": .string("/iserver/accounts"), "count": .int(1)]))
        #expect(armed == 200)
        #expect(try await rig.send("GET", "/v1/api/iserver/accounts").0 == 500)
        #expect(try await rig.send("GET", "/v1/api/iserver/accounts").0 == 200)
        let (badKind, problem) = try await rig.send("POST", "/twin/fault", .object(["kind": .string("meteor")]))
        #expect(badKind == 400)
        #expect(problem["hint"]?.stringValue?.contains("503_after_landing") == true)
        #expect(
            try await rig.send("POST", "/twin/price", .object(["symbol": .string("NOPE"), "last": .int(1)])).0 == 400)
        #expect(try await rig.send("GET", "/twin/nothing").0 == 404)
        #expect(
            try await rig.send("GET", "/twin/questions").1.arrayValue?.contains { $0["id"] == .string("o10331") }
                == true)
    }

    @Test("a fixture sets account, cash, instruments, positions, questions and the walk")
    func fixture() throws {
        let json = """
            {"seed": 9, "accountID": "DU7654321", "startingCash": "25000", "randomWalkSeconds": 0,
             "instruments": [{"conid": 1, "symbol": "ABC", "price": "10.00", "liquidityPerUpdate": "50"}],
             "positions": [{"conid": 1, "quantity": "3", "averageCost": "9.50"}],
             "questions": [{"id": "o10151", "message": "Market orders carry risk.", "orderTypes": ["MKT"]}]}
            """
        let fixture = try TwinFixture.load(Data(json.utf8))
        let configuration = fixture.applied()
        #expect(configuration.accountID == "DU7654321")
        #expect(configuration.randomWalkInterval == nil)
        #expect(configuration.additionalQuestions.map(\.id) == ["o10151"])
        #expect(configuration.instruments.first?.liquidityPerUpdate == 50)
        let twin = GatewayTwin(configuration: configuration)
        try fixture.seedPositions(into: twin)
        #expect(twin.position(conid: 1).quantity == 3)
        let unknown = try TwinFixture.load(
            Data(#"{"positions": [{"conid": 42, "quantity": "1", "averageCost": "1"}]}"#.utf8))
        #expect(throws: TwinFixtureError.self) { try unknown.seedPositions(into: GatewayTwin()) }
    }

    @Test("advancing past the calendar horizon is refused rather than guessed")
    func horizon() async throws {
        // 2035-12-20 10:00 New York, eleven days before the horizon ends.
        let rig = try Rig(start: Date(timeIntervalSince1970: 2_081_775_600))
        defer { rig.server.stop() }
        #expect(try await rig.send("POST", "/twin/advance", .object(["seconds": .int(5 * 86_400)])).0 == 200)
        let (status, problem) = try await rig.send("POST", "/twin/advance", .object(["seconds": .int(30 * 86_400)]))
        #expect(status == 400)
        #expect(problem["error"]?.stringValue?.contains("2035-12-31") == true)
    }
}
