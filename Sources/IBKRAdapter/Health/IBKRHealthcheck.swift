import FoundationEssentials
import HTTPCore
import TradingDomain

/// What `valet healthcheck` prints, and whether everything was fine.
public struct IBKRHealthReport: Sendable, Hashable {
    public var lines: [String]
    public var healthy: Bool
}

/// Checks a gateway end to end without changing anything: version and auth state, the account (paper or live,
/// cash-quantity and fraction support), its balance, and one quote. Every failure becomes a line a person can
/// act on, never a crash or a stack trace.
public enum IBKRHealthcheck {
    /// - Parameters:
    ///   - transport: the gateway.
    ///   - account: the configured account; nil to use the gateway's selected account.
    ///   - symbol: the instrument quoted.
    public static func run(
        transport: any HTTPTransport, account: AccountID?, symbol: Symbol, clock: AdapterClock = .system,
        settings: IBKRSettings = IBKRSettings()
    ) async -> IBKRHealthReport {
        var lines: [String] = []
        // Status and /iserver/accounts do not use the account in their paths.
        guard let probeAccount = account ?? (try? AccountID("UNSET")) else {
            return IBKRHealthReport(lines: ["[FAIL] internal: no account"], healthy: false)
        }
        let probe = IBKRBroker(transport: transport, accountID: probeAccount, clock: clock, settings: settings)
        let status: SessionStatus
        do {
            status = try await probe.status()
        } catch {
            lines.append("[FAIL] Gateway unreachable: \(describe(error))")
            return IBKRHealthReport(lines: lines, healthy: false)
        }
        lines.append("Server: \(status.serverVersion ?? "?")")
        lines.append(
            "Auth: authenticated=\(status.authenticated) connected=\(status.connected) competing=\(status.competing)")
        if let message = status.message, !message.isEmpty { lines.append("Gateway says: \(message)") }
        guard status.canTrade else {
            lines.append(
                status.competing
                    ? "[WARN] Another session is using this username; the API session may drop at any moment."
                    : "[WARN] Session not authenticated.")
            lines.append("Hint: \(IBKRFailure.loginHint).")
            return IBKRHealthReport(lines: lines, healthy: false)
        }
        var healthy = true
        let capabilities: AccountCapabilities
        do {
            capabilities = try await probe.capabilities()
        } catch {
            lines.append("[FAIL] Accounts: \(describe(error))")
            return IBKRHealthReport(lines: lines, healthy: false)
        }
        let mode = capabilities.isPaper.map { $0 ? "paper" : "LIVE" } ?? "unknown (IBKR did not say)"
        lines.append("")
        lines.append("Account: \(capabilities.selectedAccount ?? "?")  (\(mode))")
        lines.append(
            "  supportsCashQty=\(text(capabilities.supportsCashQuantity)) "
                + "supportsFractions=\(text(capabilities.supportsFractions))")
        if let account, let selected = capabilities.selectedAccount, selected != account.value {
            lines.append("[WARN] The gateway's selected account \(selected) is not the configured \(account.value).")
            healthy = false
        }
        let summaryAccount = account ?? capabilities.selectedAccount.flatMap { try? AccountID($0) }
        if let summaryAccount {
            let broker = IBKRBroker(transport: transport, accountID: summaryAccount, clock: clock, settings: settings)
            do {
                let summary = try await broker.accountSummary()
                lines.append("")
                lines.append(
                    "Balance: available \(text(summary.availableFunds)) \(summary.currency)  (net liquidation "
                        + "\(text(summary.netLiquidation)), buying power \(text(summary.buyingPower)))")
            } catch {
                lines.append("[FAIL] Balance: \(describe(error))")
                healthy = false
            }
            do {
                let quote = try await broker.quote(for: symbol)
                lines.append(
                    "\(symbol) quote: last=\(text(quote.last))\(quote.lastSource.map { " (\($0.rawValue))" } ?? "") "
                        + "bid=\(text(quote.bid)) ask=\(text(quote.ask))")
                if quote.hasNoPrice {
                    lines.append("[WARN] No price for \(symbol): check the account's market-data subscriptions.")
                }
            } catch {
                lines.append("[FAIL] Quote \(symbol): \(describe(error))")
                healthy = false
            }
        } else {
            lines.append("[FAIL] No account: pass --account or set IBKR_ACCOUNT_ID.")
            healthy = false
        }
        lines.append("")
        lines.append(healthy ? "[OK] Connection healthy." : "[FAIL] Connection not healthy (see above).")
        return IBKRHealthReport(lines: lines, healthy: healthy)
    }

    private static func text(_ value: Bool?) -> String { value.map { String($0) } ?? "?" }

    private static func text(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "?" }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? TradingError { return error.description }
        return TradingError.describe(error)
    }
}
