/// Who the broker says we are trading as: the selected account and whether it is a paper account, as reported by
/// the broker itself (IBKR's `selectedAccount` and `isPaper`). Unknown facts stay nil and are never guessed here.
public struct AccountIdentity: Sendable, Hashable {
    /// The account orders go to; nil when the broker did not say.
    public var selectedAccount: AccountID?
    /// True for paper, false for live (real money), nil when the broker's flag was missing or unreadable.
    public var isPaper: Bool?
    /// Every account the login can see.
    public var accounts: [AccountID]

    public init(selectedAccount: AccountID?, isPaper: Bool?, accounts: [AccountID] = []) {
        self.selectedAccount = selectedAccount
        self.isPaper = isPaper
        self.accounts = accounts
    }
}
