import Foundation
import HTTPCore
import SimulationKit

@testable import GatewayTwin

/// A twin plus helpers that send requests and parse the answers.
struct TwinHarness {
    let twin: GatewayTwin
    var account: String { "DU1234567" }

    /// Suites about other behaviour get a twin without the drawn or paper-account variations (no o0 or p12,
    /// `Submitted` for working orders, positions always current, nightly reset always drops the brokerage
    /// session, every request kills a reply id, established at once); FidelityTests and QuestionTests cover those.
    /// `realistic: true` keeps the configuration as given.
    static var classic: TwinConfiguration { plain(TwinConfiguration(questionVariants: .classic)) }

    static func plain(_ configuration: TwinConfiguration) -> TwinConfiguration {
        var configuration = configuration
        configuration.paperStatuses = false
        if configuration.positionsCacheSeconds == .infinity { configuration.positionsCacheSeconds = 0 }
        configuration.nightlyResetUnprimedChance = 0
        configuration.tickleKillsReplyChance = 1
        configuration.establishDelaySeconds = 0
        return configuration
    }

    init(
        _ configuration: TwinConfiguration = TwinHarness.classic, start: Date? = nil, primed: Bool = true,
        realistic: Bool = false
    ) {
        twin = GatewayTwin(configuration: realistic ? configuration : Self.plain(configuration), start: start)
        if primed {
            _ = get("/iserver/accounts")
            _ = get("/portfolio/accounts")
        }
    }

    struct Answer {
        let status: Int
        let json: TwinJSON
        let text: String
    }

    func send(_ method: String, _ path: String, query: [String: String] = [:], body: TwinJSON? = nil) -> Answer {
        let items = query.keys.sorted().map { URLQueryItem(name: $0, value: query[$0]) }
        let response = twin.handle(HTTPRequest(method: method, path: path, query: items, body: body?.data))
        return Answer(status: response.status, json: TwinJSON.parse(response.body) ?? .null, text: response.text)
    }

    func get(_ path: String, _ query: [String: String] = [:]) -> Answer { send("GET", path, query: query) }

    func post(_ path: String, _ body: TwinJSON = .object([:])) -> Answer { send("POST", path, body: body) }

    /// Places orders and confirms every question; returns the final answer.
    func place(_ orders: [TwinJSON], confirm: Bool = true) -> Answer {
        var answer = post("/iserver/account/\(account)/orders", .object(["orders": .array(orders)]))
        var rounds = 0
        while confirm, let replyId = answer.json[0]?["id"]?.stringValue, rounds < 12 {
            answer = post("/iserver/reply/\(replyId)", .object(["confirmed": .bool(true)]))
            rounds += 1
        }
        return answer
    }

    /// Places one order and returns its id (after confirming questions).
    func placeOne(_ fields: [String: TwinJSON]) -> Int? {
        place([.object(fields)]).json[0]?["order_id"]?.stringValue.flatMap(Int.init)
    }

    /// The live-orders rows (calls twice for the warm-up when needed).
    func liveOrders() -> [TwinJSON] {
        var answer = get("/iserver/account/orders")
        if answer.json["snapshot"]?.boolValue == false { answer = get("/iserver/account/orders") }
        return answer.json["orders"]?.arrayValue ?? []
    }

    func status(_ orderId: Int) -> TwinJSON {
        get("/iserver/account/order/status/\(orderId)").json
    }

    /// The repository's recordings/ folder (real captures).
    static var recordings: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("recordings")
    }

    static func order(
        _ side: String, _ type: String, quantity: Decimal? = nil, conid: Int = 265598, extra: [String: TwinJSON] = [:]
    ) -> [String: TwinJSON] {
        var fields: [String: TwinJSON] = [
            "conid": .int(conid), "side": .string(side), "orderType": .string(type), "tif": .string("DAY"),
        ]
        if let quantity { fields["quantity"] = .float(quantity) }
        return fields.merging(extra) { _, new in new }
    }
}

/// A decimal from its exact text.
func dec(_ text: String) -> Decimal {
    Decimal(string: text) ?? 0
}
