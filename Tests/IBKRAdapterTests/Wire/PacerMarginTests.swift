import IBKRAdapter
import Testing

@Suite("Pacer margin")
struct PacerMarginTests {
    @Test("a widened pacer spaces the request past each limit by the margin, on every rule")
    func widened() {
        var pacer = Pacer().widened(by: .milliseconds(50))
        for _ in 0..<10 {
            #expect(pacer.reserve(method: "GET", path: "/iserver/accounts", at: .zero) == .zero)
        }
        #expect(pacer.reserve(method: "GET", path: "/iserver/accounts", at: .zero) == .milliseconds(1050))
        var orders = Pacer().widened(by: .milliseconds(50))
        _ = orders.reserve(method: "GET", path: "/iserver/account/orders", at: .zero)
        #expect(orders.reserve(method: "GET", path: "/iserver/account/orders", at: .seconds(5)) == .milliseconds(50))
        #expect(Pacer().widened(by: .zero) == Pacer())
    }
}
