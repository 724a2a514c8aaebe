import Foundation
import GatewayTwin
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// The stop-order and market-order questions from outside sources (ibind's table, the market-order capture), asked
/// by the twin and answered by the adapter end to end.
@Suite("Adapter and twin agree on IBKR's questions")
struct QuestionContractTests {
    typealias Rig = TwinContractTests.Rig

    /// A twin that always asks the given variants, and whose question suppression fails (so the questions reach
    /// the reply loop instead of being suppressed at login).
    static func configuration(_ variants: TwinQuestionVariants) -> TwinConfiguration {
        TwinConfiguration(
            faults: FaultPlan(rules: [
                FaultRule(method: "POST", pathPrefix: "/iserver/questions/suppress", fault: .internalServerError)
            ]),
            questionVariants: variants)
    }

    static func buyStop() throws -> OrderRequest {
        try OrderRequest(
            symbol: try Symbol("AAPL"), side: .buy, size: .quantity(1), type: .stop(trigger: 200),
            timeInForce: .goodTillCancelled)
    }

    @Test("a stop order meeting o10331 is confirmed by the allow-list", arguments: TwinContractTests.Route.allCases)
    func stopRisks(route: TwinContractTests.Route) async throws {
        let rig = try Rig(route, configuration: Self.configuration(.init(stopAsksO10331: 1)))
        defer { rig.close() }
        _ = try await rig.broker.place(try Self.buyStop(), clientOrderID: try ClientOrderID("q-1"))
        #expect(rig.twin.askedQuestionIDs == ["o10331"])
        #expect(rig.twin.workingOrderCount == 1)
    }

    @Test("without o10331 on the allow-list the same stop is declined and nothing is placed")
    func stopRisksNotAllowed() async throws {
        let rig = try Rig(
            .inProcess, configuration: Self.configuration(.init(stopAsksO10331: 1)),
            allowedQuestionIDs: WarningAllowList.standard.messageIDs.subtracting(["o10331"]))
        let error = await #expect(throws: TradingError.self) {
            _ = try await rig.broker.place(try Self.buyStop(), clientOrderID: try ClientOrderID("q-2"))
        }
        #expect(error?.code == .warningNotApproved)
        #expect(error?.brokerMessage?.contains("You are about to submit a stop order") == true)
        #expect(rig.twin.workingOrderCount == 0)
    }

    @Test("a market order meeting the generic o0 question fills", arguments: TwinContractTests.Route.allCases)
    func marketTrigger(route: TwinContractTests.Route) async throws {
        // o0 is not suppressible (cpapi.md §6.4): it reaches the reply loop even when suppression works.
        let rig = try Rig(route, configuration: TwinConfiguration(questionVariants: .init(marketAsksTrigger: 1)))
        defer { rig.close() }
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(2), type: .market)
        let placed = try await rig.broker.place(order, clientOrderID: try ClientOrderID("q-3"))
        #expect(rig.twin.askedQuestionIDs == ["o0"])
        rig.twin.advance(seconds: 1)
        #expect(try await rig.broker.orderStatus(placed.orderID).status == .filled)
    }
}
