import FoundationEssentials
import Synchronization

/// Single-use confirmation tokens for live-money orders, each bound to one exact order and valid for 60 seconds
/// on the injected clock. A token is consumed by its first use, whether that use matches or not, so a leaked or
/// guessed token cannot be tried twice.
public final class ConfirmationBook: Sendable {
    /// How long a token stays valid.
    public static let lifetime: TimeInterval = 60

    private struct Entry {
        var binding: String
        var issuedAt: Date
    }

    private let makeToken: @Sendable () -> String
    private let entries = Mutex<[String: Entry]>([:])

    init(makeToken: @escaping @Sendable () -> String) {
        self.makeToken = makeToken
    }

    /// Issues a token for `binding` (the tool and the exact order), dropping expired ones.
    func issue(for binding: String, at now: Date) -> String {
        let token = makeToken()
        entries.withLock { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.issuedAt) < Self.lifetime }
            entries[token] = Entry(binding: binding, issuedAt: now)
        }
        return token
    }

    /// Consumes `token`; throws unless it was issued for exactly `binding` less than 60 seconds ago.
    func redeem(_ token: String, for binding: String, at now: Date) throws(ToolFailure) {
        let entry = entries.withLock { $0.removeValue(forKey: token) }
        guard let entry else {
            throw ToolFailure(
                code: "confirmation_invalid",
                message: "confirmation_token is unknown or was already used. Nothing was sent.",
                hint: "call preview_order (or the order tool without a token) for a new token",
                argument: "confirmation_token")
        }
        let age = now.timeIntervalSince(entry.issuedAt)
        guard age >= 0, age < Self.lifetime else {
            throw ToolFailure(
                code: "confirmation_expired",
                message: "confirmation_token expired (tokens last \(Int(Self.lifetime)) seconds). Nothing was sent.",
                hint: "confirm with the user again and use a fresh token", argument: "confirmation_token")
        }
        guard entry.binding == binding else {
            throw ToolFailure(
                code: "confirmation_mismatch",
                message: "confirmation_token was issued for a different order; it is now void. Nothing was sent.",
                hint: "a token confirms one exact order: get a new one for this order", argument: "confirmation_token")
        }
    }
}
