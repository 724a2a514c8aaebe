import FoundationEssentials
import MCPKit
import TradingDomain
import TradingSafety

/// What the tools need from the outside world, injected so a twin run, a replay and a live run differ only here.
/// The composition root builds one and hands it to `ValetToolbox`.
public struct ToolEnvironment: Sendable {
    /// Sleeps for a duration; throws `CancellationError` when the task is cancelled.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    /// The only path to the broker. Nil offers the tools that need no gateway (`market_status`).
    public var broker: GuardedBroker?
    /// Which world the tools act on.
    public var name: EnvironmentName
    /// The wall clock: the system clock live, the virtual clock on the twin.
    public var now: @Sendable () -> Date
    public var calendar: ExchangeCalendar
    /// Waits between polls (`wait_for_fill`): real sleeping live, virtual time on the twin and in tests.
    public var sleep: Sleeper
    /// Where live real-money orders wait for a person's approval when the client cannot ask (`valet confirm`).
    /// Nil: only a client's elicitation form can approve one.
    public var approvals: ApprovalStore?
    /// Makes the short reference of an approval request (the default is random; tests inject a sequence).
    public var approvalReferences: @Sendable () -> String
    /// Change notices to subscribed clients (`resources/subscribe`); the server built from this environment
    /// sends them.
    public var resourceUpdates: ResourceUpdates
    /// Turns fills the tools see into `valet://orders` / `valet://positions` change notices.
    public var fills: FillWatch

    /// - Parameters:
    ///   - approvals: the approvals file beside the journal, for `valet confirm`.
    ///   - approvalReferences: the short references of approval requests.
    ///   - resourceUpdates: where resource change notices go (a fresh hub unless a test watches one).
    public init(
        broker: GuardedBroker?,
        name: EnvironmentName,
        now: @escaping @Sendable () -> Date,
        calendar: ExchangeCalendar = .nyse,
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) },
        approvals: ApprovalStore? = nil,
        approvalReferences: @escaping @Sendable () -> String = ToolEnvironment.randomReference,
        resourceUpdates: ResourceUpdates = ResourceUpdates()
    ) {
        self.resourceUpdates = resourceUpdates
        self.fills = FillWatch(updates: resourceUpdates)
        self.broker = broker
        self.name = name
        self.now = now
        self.calendar = calendar
        self.sleep = sleep
        self.approvals = approvals
        self.approvalReferences = approvalReferences
    }

    /// Eight characters a person can read aloud and type (no 0/O, 1/I).
    public static let randomReference: @Sendable () -> String = {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<8).map { _ in alphabet.randomElement()! })
    }

    /// True when an order must be approved by a person: live trading armed, not a dry run, and real money — by the
    /// environment's name or by the broker's own word, so a twin rehearsing a live account asks exactly as a live
    /// gateway would, and an account whose kind cannot be read counts as real money.
    public func needsPersonApproval() async -> Bool {
        guard let broker, broker.policy.allowLive, !broker.policy.dryRun, !broker.weakening.skipsPersonApproval else {
            return false
        }
        if name == .liveReal { return true }
        guard case .success(let identity) = await broker.accountIdentityResult() else { return true }
        return identity.isPaper != true
    }

    /// How the environment appears in order results.
    var json: [String: JSONValue] {
        ["environment": .string(name.rawValue), "dry_run": .bool(broker?.policy.dryRun ?? true)]
    }
}
