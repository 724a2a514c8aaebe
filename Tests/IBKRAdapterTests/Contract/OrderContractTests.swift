import Foundation
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// The order part of the adapter contract, run against every backend.
@Suite("IBKRBroker contract: orders")
struct OrderContractTests {
    static let aapl = try! Symbol("AAPL")

    static func limitBuy() throws -> OrderRequest {
        try OrderRequest(symbol: aapl, side: .buy, size: .quantity(100), type: .limit(165))
    }

    static func marketBuy() throws -> OrderRequest {
        try OrderRequest(symbol: aapl, side: .buy, size: .quantity(100))
    }

    @Test(
        "allow-listed questions are confirmed at once, round after round",
        arguments: AdapterBackend.all(for: "order-questions-allowed"))
    func questionsConfirmed(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-questions-allowed")
        let ack = try await harness.broker.place(try Self.limitBuy(), clientOrderID: try ClientOrderID("intent-1"))
        #expect(ack.orderID == OrderID("1149239278"))
        #expect(ack.status == .submitted)
        #expect(ack.brokerStatus == "PreSubmitted")
        // The replies follow the order POST with nothing in between.
        let log = harness.logging.log
        let post = try #require(log.firstIndex(of: "POST /iserver/account/DU9085813/orders"))
        #expect(log[(post + 1)...].allSatisfy { $0.hasPrefix("POST /iserver/reply/") })
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "a question off the allow-list is declined and IBKR's text shown",
        arguments: AdapterBackend.all(for: "order-question-declined"))
    func questionDeclined(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-question-declined")
        let error = await tradingError {
            _ = try await harness.broker.place(try Self.limitBuy(), clientOrderID: try ClientOrderID("intent-1"))
        }
        #expect(error?.code == .warningNotApproved)
        #expect(error?.message.contains("o0") == true)
        #expect(error?.brokerMessage?.contains("most likely trigger and fill immediately") == true)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test("the number of question rounds is bounded", arguments: AdapterBackend.all(for: "order-too-many-questions"))
    func roundsBounded(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-too-many-questions", settings: IBKRSettings(maxReplyRounds: 1))
        let error = await tradingError {
            _ = try await harness.broker.place(try Self.limitBuy(), clientOrderID: try ClientOrderID("intent-1"))
        }
        #expect(error?.code == .brokerRejected)
        #expect(error?.message.contains("more than 1 confirmation") == true)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "an expired reply id is a rejection with IBKR's text",
        arguments: AdapterBackend.all(for: "order-reply-id-expired"))
    func replyExpired(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-reply-id-expired")
        let error = await tradingError {
            _ = try await harness.broker.place(try Self.limitBuy(), clientOrderID: try ClientOrderID("intent-1"))
        }
        #expect(error?.code == .brokerRejected)
        #expect(error?.brokerMessage?.hasPrefix("reply id not found") == true)
        #expect(error?.mayHaveReachedBroker == false)
    }

    @Test("a business rejection keeps IBKR's words", arguments: AdapterBackend.all(for: "order-rejected"))
    func rejected(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-rejected")
        let error = await tradingError {
            _ = try await harness.broker.place(try Self.limitBuy(), clientOrderID: try ClientOrderID("intent-1"))
        }
        #expect(error?.code == .brokerRejected)
        #expect(error?.brokerMessage?.contains("closer to the current market price of 197.79") == true)
    }

    @Test(
        "503 on the order POST: found by order_ref, not resent", arguments: AdapterBackend.all(for: "order-503-found"))
    func lostAnswerFound(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-503-found")
        let ack = try await harness.broker.place(try Self.marketBuy(), clientOrderID: try ClientOrderID("intent-1"))
        #expect(ack.orderID == OrderID("1149239278"))
        #expect(ack.clientOrderID == (try ClientOrderID("intent-1")))
        #expect(ack.status == .filled)
        #expect(harness.sent("POST", "/iserver/account/DU9085813/orders") == 1)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "503 and no live order with our cOID: outcome unknown, never resent",
        arguments: AdapterBackend.all(for: "order-503-not-found"))
    func lostAnswerNotFound(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-503-not-found")
        let error = await tradingError {
            _ = try await harness.broker.place(try Self.marketBuy(), clientOrderID: try ClientOrderID("intent-1"))
        }
        #expect(error?.code == .outcomeUnknown)
        #expect(error?.mayHaveReachedBroker == true)
        #expect(error?.message.contains("did not resend") == true)
        #expect(harness.sent("POST", "/iserver/account/DU9085813/orders") == 1)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "a timeout on the order POST looks the order up before anything else",
        arguments: AdapterBackend.all(for: "order-timeout-lookup"))
    func timeoutLookup(backend: AdapterBackend) async throws {
        let timeout = TransportError(code: .timedOut, message: "no answer within 15 s.", hint: "check the gateway")
        let harness = try Harness(
            backend, "order-timeout-lookup", faults: ["POST /iserver/account/DU9085813/orders": timeout])
        let ack = try await harness.broker.place(try Self.marketBuy(), clientOrderID: try ClientOrderID("intent-1"))
        #expect(ack.orderID == OrderID("1149239278"))
        let log = harness.logging.log
        let post = try #require(log.firstIndex(of: "POST /iserver/account/DU9085813/orders"))
        #expect(log[(post + 1)...].allSatisfy { $0 == "GET /iserver/account/orders" })
        #expect(harness.sent("POST", "/iserver/account/DU9085813/orders") == 1)
    }

    @Test(
        "a duplicate cOID means the intent already reached IBKR: its order is returned",
        arguments: AdapterBackend.all(for: "order-duplicate-coid"))
    func duplicateClientOrderID(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-duplicate-coid")
        let ack = try await harness.broker.place(try Self.marketBuy(), clientOrderID: try ClientOrderID("intent-1"))
        #expect(ack.orderID == OrderID("1149239278"))
        #expect(ack.message?.contains("Local order ID=intent-1") == true)
    }

    @Test(
        "fractions round down to fraqInt on sells, cash goes as cashQty, rules are cached, cqtTypes enforced",
        arguments: AdapterBackend.all(for: "order-fractions-and-cash"))
    func fractionsAndCash(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "order-fractions-and-cash")
        let sell = try OrderRequest(symbol: Self.aapl, side: .sell, size: .quantity(decimal("0.123456")))
        let sold = try await harness.broker.place(sell, clientOrderID: try ClientOrderID("sell-1"))
        #expect(sold.clientOrderID == (try ClientOrderID("sell-1")))
        let cash = try OrderRequest(symbol: Self.aapl, side: .buy, size: .cash(decimal("500.50")))
        let bought = try await harness.broker.place(cash, clientOrderID: try ClientOrderID("cash-1"))
        #expect(bought.orderID == OrderID("1149239280"))
        #expect(harness.sent("POST", "/iserver/contract/rules") == 1)
        let ibm = try OrderRequest(symbol: try Symbol("IBM"), side: .buy, size: .cash(100))
        let error = await tradingError {
            _ = try await harness.broker.place(ibm, clientOrderID: try ClientOrderID("c2"))
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == "cashAmount")
        #expect(harness.sent("POST", "/iserver/account/DU9085813/orders") == 2)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "bracket: one request, children linked by parentId, legs matched by echoed cOID",
        arguments: AdapterBackend.all(for: "bracket"))
    func bracket(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "bracket")
        let bracket = try BracketRequest(
            symbol: Self.aapl, side: .buy, quantity: 10, entry: .limit(150), takeProfit: 160, stopLoss: 140)
        let acks = try await harness.broker.placeBracket(bracket, clientOrderID: try ClientOrderID("br-1"))
        #expect(acks.map(\.leg) == [.entry, .takeProfit, .stopLoss])
        #expect(acks.map(\.orderID.value) == ["100", "101", "102"])
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "modify sends one object without cOID; cancel and status map IBKR's shapes",
        arguments: AdapterBackend.all(for: "modify-cancel-status"))
    func modifyCancelStatus(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "modify-cancel-status")
        let order = try OrderRequest(
            symbol: Self.aapl, side: .buy, size: .quantity(1), type: .limit(decimal("456.50")),
            timeInForce: .goodTillCancelled)
        let modified = try await harness.broker.modify(OrderID("1210386759"), to: order)
        #expect(modified.status == .submitted)
        let cancelled = try await harness.broker.cancel(OrderID("1210386759"))
        #expect(cancelled.status == .pending)
        #expect(cancelled.message == "Request was submitted")
        let status = try await harness.broker.orderStatus(OrderID("1210386759"))
        #expect(status.side == .buy)
        #expect(status.typeKind == .limit)
        #expect(status.limitPrice == 457)
        #expect(status.timeInForce == .goodTillCancelled)
        #expect(status.status == .submitted)  // PreSubmitted on a paper account is working (cpapi.md §6.12)
        let missing = await tradingError { _ = try await harness.broker.cancel(OrderID("1")) }
        #expect(missing?.code == .orderNotFound)
        #expect(missing?.brokerMessage == "OrderID 1 doesn't exist")
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "whatif preview parses IBKR's formatted strings",
        arguments: AdapterBackend.all(for: "preview-whatif:IBKR-DOC figures"))
    func preview(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "preview-whatif")
        let order = try OrderRequest(
            symbol: Self.aapl, side: .buy, size: .quantity(10), type: .limit(decimal("197.76")))
        let preview = try await harness.broker.preview(order)
        #expect(preview.amount == decimal("1978.60"))
        #expect(preview.commission == 1)
        #expect(preview.marginChange == 652)
        #expect(preview.equityChange == -1)
        #expect(
            preview.warnings.first?.hasPrefix("You are trying to submit an order without having market data") == true)
    }
}
