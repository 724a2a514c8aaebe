import FoundationEssentials
import TradingDomain
import TradingSafety

/// `valet confirm [REFERENCE]`: a person, at a terminal, approves (or declines) a live real-money order an agent
/// asked for. Without a reference it lists what waits. It shows the exact order, asks, and on `yes` records a
/// single-use approval bound to that order, valid for `ApprovalStore.approvalLifetime`. It refuses to run when
/// standard input is not a terminal, so an agent that can run commands cannot approve its own orders by piping.
struct ConfirmCommand: Command {
    /// Where the answer comes from. Only tests replace the real terminal.
    var terminal: ConfirmTerminal = .standardInput
    var now: @Sendable () -> Date = { Date() }

    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "confirm",
            summary: "Approve a live real-money order an agent asked for (a person runs this in a terminal).",
            usage: "valet confirm [REFERENCE] [--journal FILE]",
            options: [
                .init(
                    name: "--journal", valueName: "FILE",
                    help: "The trade journal of the server (default: TRADE_JOURNAL_PATH or the data directory).")
            ],
            positionalHelp: [("REFERENCE", "The request to approve, as the agent reported it; omit to list them.")],
            minimumPositionals: 0,
            maximumPositionals: 1
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        guard terminal.isInteractive() else {
            io.err(
                "valet confirm: standard input is not a terminal. Only a person typing at a terminal may approve a "
                    + "real-money order; run valet confirm yourself, not through a pipe or an agent.")
            return 2
        }
        let store: ApprovalStore
        do {
            store = ApprovalStore(url: ApprovalStore.url(besideJournal: try journalURL(arguments)))
        } catch {
            io.err(
                "valet confirm: the configuration is invalid: \(error.problems.map(\.message).joined(separator: "; "))")
            return 2
        }
        do {
            let pending = try store.pending(now: now())
            guard let wanted = arguments.positionals.first?.trimmed().uppercased() else {
                guard !pending.isEmpty else {
                    io.out("No order is waiting for approval (\(store.url.path)).")
                    return 0
                }
                for approval in pending { io.out(Self.describe(approval)) }
                io.out("Approve one with: valet confirm REFERENCE")
                return 0
            }
            guard let approval = pending.first(where: { $0.reference == wanted }) else {
                io.err(
                    "valet confirm: no pending request \(wanted) (it may have expired, been used or never existed). "
                        + "Run valet confirm to list the pending ones.")
                return 1
            }
            io.out(Self.describe(approval))
            io.out("Type yes to approve this REAL-MONEY order, no to decline it:")
            switch terminal.readLine()?.trimmed().lowercased() {
            case "yes":
                let approved = try store.approve(wanted, now: now())
                let until = approved.approvalExpiresAt.map(Self.timeText) ?? "soon"
                io.out(
                    "Approved \(wanted) until \(until). The agent may now place this exact order once, by calling "
                        + "\(approved.request.tool) again with the same arguments.")
                return 0
            case "no":
                _ = try store.decline(wanted, now: now())
                io.out("Declined \(wanted). Nothing will be sent for it.")
                return 0
            default:
                io.out("Nothing approved; \(wanted) is still pending.")
                return 1
            }
        } catch {
            io.err("valet confirm: \(error.message)\(error.hint.map { " (\($0))" } ?? "")")
            return 1
        }
    }

    private func journalURL(_ arguments: ArgumentSpec.Parsed) throws(ConfigurationError) -> URL {
        if let path = arguments.values["--journal"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: try ValetConfiguration.loadFromProcess().settings.tradeJournalPath)
    }

    /// Timestamps as the journal writes them (UTC, milliseconds).
    static func timeText(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Every field the approval is bound to, as the person must see it.
    static func describe(_ approval: OrderApproval) -> String {
        let request = approval.request
        let order = request.order
        var lines = [
            "Request \(approval.reference): REAL MONEY on account \(request.account)",
            "  order:          \(request.summary)",
            "  tool:           \(request.tool)",
            "  side:           \(order.side.rawValue)",
        ]
        if let quantity = order.quantity { lines.append("  quantity:       \(quantity)") }
        if let cash = order.cashAmount { lines.append("  cash amount:    \(cash)") }
        lines.append("  type:           \(order.orderType.rawValue)")
        if let limit = order.limitPrice { lines.append("  limit price:    \(limit)") }
        if let stop = order.stopPrice { lines.append("  stop price:     \(stop)") }
        if let trail = order.trailAmount { lines.append("  trail amount:   \(trail)") }
        if let trail = order.trailPercent { lines.append("  trail percent:  \(trail)%") }
        if let takeProfit = order.takeProfit { lines.append("  take profit:    \(takeProfit)") }
        if let stopLoss = order.stopLoss { lines.append("  stop loss:      \(stopLoss)") }
        if let tif = request.timeInForce { lines.append("  time in force:  \(tif.rawValue)") }
        if let modifies = request.modifies { lines.append("  modifies order: \(modifies)") }
        lines.append("  estimated cost: \(request.estimatedCost.map { "\($0)" } ?? "unknown")")
        lines.append("  requested:      \(Self.timeText(approval.requestedAt))")
        lines.append("  approve before: \(Self.timeText(approval.requestExpiresAt))")
        return lines.joined(separator: "\n")
    }
}
