import FoundationEssentials
import HTTPCore
import IBKRAdapter
import TradingDomain
import TradingSafety

/// Everything between the tools and the transport, assembled one way for every gateway: the IBKR adapter over
/// the given transport, wrapped by the guards and the journal. A twin run, a replay and a live run differ only in
/// the transport and the clock they pass in.
public struct TradingStack: Sendable {
    public let adapter: IBKRBroker
    public let guarded: GuardedBroker
    public let journal: TradeJournal
    public let policy: SafetyPolicy

    /// - Parameters:
    ///   - transport: the gateway (the twin, a replay, URLSession), possibly wrapped by a recorder.
    ///   - accountID: the account used in the adapter's account paths.
    ///   - policy: the safety limits; its warning allow-list is also what the adapter confirms.
    ///   - journalURL: where the append-only audit journal lives.
    ///   - clock: time and waiting for the adapter; its `now` is also the guards' and the journal's clock.
    ///   - clientOrderIDPrefix: unique per run, so client order ids never repeat across restarts.
    ///   - weakening: guards weakened on purpose, for mutation tests only (`.none` everywhere else).
    ///   - journalFault: a full disk a rehearsal can arm (nil: the journal writes to the disk as it is).
    ///   - onDurableIntent: told of each intent once the journal has synced it (simulated runs number these).
    public static func make(
        transport: any HTTPTransport,
        accountID: AccountID,
        policy: SafetyPolicy,
        journalURL: URL,
        clock: AdapterClock,
        clientOrderIDPrefix: String,
        adapterSettings: IBKRSettings = IBKRSettings(),
        onDurableIntent: (@Sendable (JournalRecord) -> Void)? = nil,
        weakening: SafetyWeakening = .none,
        journalFault: JournalWriteFault? = nil,
        readReuse: TimeInterval = RecentReads.standardReuse
    ) throws(TradingError) -> TradingStack {
        let journal: TradeJournal
        if let journalFault {
            journal = try TradeJournal(
                url: journalURL, writeFault: journalFault, repairs: !weakening.skipsJournalRepair,
                onDurable: onDurableIntent)
        } else {
            journal = try TradeJournal(url: journalURL, onDurable: onDurableIntent)
        }
        let adapter = IBKRBroker(
            transport: transport,
            accountID: accountID,
            allowedQuestionIDs: policy.warningAllowList.messageIDs.union(weakening.confirmedQuestions),
            clock: clock,
            settings: adapterSettings
        )
        let ids = try ClientOrderIDSequence(prefix: clientOrderIDPrefix)
        let guarded = GuardedBroker(
            broker: adapter,
            marketData: adapter,
            session: adapter,
            marketHours: ExchangeCalendar.nyse,
            policy: policy,
            journal: journal,
            clock: clock.now,
            clientOrderIDs: { ids.next() },
            instrumentRules: adapter,
            weakening: weakening,
            readReuse: readReuse,
            research: adapter
        )
        return TradingStack(adapter: adapter, guarded: guarded, journal: journal, policy: policy)
    }
}
