/// Which world the tools act on. It is stated in the instructions, in `session_status` and in every order result,
/// so an agent can never mistake real money for a rehearsal.
public enum EnvironmentName: String, Sendable, Hashable, CaseIterable {
    /// The in-process twin of IBKR's gateway: simulated fills, virtual time.
    case twin
    /// A replay of recorded gateway traffic.
    case replay
    /// A live IBKR gateway logged into a paper account.
    case livePaper = "live-paper"
    /// A live IBKR gateway logged into a real-money account.
    case liveReal = "live-real"

    /// True when orders move real money.
    public var isRealMoney: Bool { self == .liveReal }

    /// One sentence for the instructions.
    public var sentence: String {
        switch self {
        case .twin:
            return "Environment: twin — a simulated IBKR gateway with virtual time; no real orders exist."
        case .replay:
            return "Environment: replay — recorded IBKR traffic is played back; no real orders exist."
        case .livePaper:
            return "Environment: live-paper — a real IBKR gateway on a PAPER account (simulated money)."
        case .liveReal:
            return "Environment: live-real — a real IBKR gateway on a LIVE account: orders move REAL money."
        }
    }
}
