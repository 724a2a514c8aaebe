import FoundationEssentials
import HTTPCore
import TradingDomain

/// How the reauthentication webhook's body is shaped. Slack wants `{"text": …}`, Discord `{"content": …}`,
/// ntfy a plain-text body; the text itself never carries account data.
public enum WebhookFormat: Sendable, Hashable {
    /// A JSON object with the text under `key` (`text` for Slack, `content` for Discord).
    case json(key: String)
    /// The text as the whole body (`text/plain`), e.g. for ntfy topics.
    case plainText

    /// Parses `slack`, `discord`, `ntfy`/`text`, or `json:KEY`; nil for anything else.
    public init?(_ name: String) {
        let lowered = name.trimmed().lowercased()
        switch lowered {
        case "slack": self = .json(key: "text")
        case "discord": self = .json(key: "content")
        case "ntfy", "text", "plain": self = .plainText
        default:
            guard lowered.hasPrefix("json:"), lowered.count > 5 else { return nil }
            self = .json(key: String(name.trimmed().dropFirst(5)))
        }
    }

    /// The body and its content type for `text`.
    func body(for text: String) -> (data: Data, contentType: String) {
        switch self {
        case .plainText:
            return (Data(text.utf8), "text/plain; charset=utf-8")
        case .json(let key):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode([key: text])) ?? Data("{}".utf8)
            return (data, "application/json")
        }
    }
}

/// Tells a person that the gateway needs a login: a line on stderr and, optionally, a webhook POST. It never
/// throws: an alert that cannot be delivered is itself reported on stderr.
public struct ReauthAlerter: Sendable {
    let writeLine: @Sendable (String) -> Void
    let webhook: (any HTTPTransport)?
    let format: WebhookFormat

    /// - Parameters:
    ///   - writeLine: where alert lines go (stderr in the CLI).
    ///   - webhook: a transport whose base URL is the webhook URL (requests go to path ""), or nil for none.
    ///   - format: the webhook body's shape.
    public init(
        writeLine: @escaping @Sendable (String) -> Void, webhook: (any HTTPTransport)? = nil,
        format: WebhookFormat = .json(key: "text")
    ) {
        self.writeLine = writeLine
        self.webhook = webhook
        self.format = format
    }

    /// The text sent for `reason` (reasons are written by Valet and hold no account ids).
    public static func text(for reason: String) -> String {
        "Valet: reauthentication required — \(redactingAccounts(reason))"
    }

    /// Replaces anything shaped like an IBKR account id (`DU1234567`, `U12345678`, `DF…`, `F…`) with
    /// `<account>`: the reasons come from Valet, but a gateway message quoted in one must not leak an account.
    public static func redactingAccounts(_ text: String) -> String {
        text.replacing(#/\b(?:DU|DF|U|F)\d{5,}\b/#, with: "<account>")
    }

    /// The text sent when the gateway gave no usable answer: a login would not help, so it does not say
    /// "reauthentication required".
    public static func unreachableText(for reason: String) -> String {
        "Valet: gateway unreachable — \(redactingAccounts(reason))"
    }

    /// Alerts that the session needs a login.
    public func alert(reason: String) async {
        await send(Self.text(for: reason))
    }

    /// Alerts that the gateway could not be reached or gave no usable answer.
    public func alertUnreachable(reason: String) async {
        await send(Self.unreachableText(for: reason))
    }

    private func send(_ text: String) async {
        writeLine("[ALERT] \(text)")
        guard let webhook else { return }
        let (body, contentType) = format.body(for: text)
        let request = HTTPRequest(method: "POST", path: "", headers: ["Content-Type": contentType], body: body)
        do {
            let response = try await webhook.send(request)
            if !(200..<300).contains(response.status) {
                writeLine("[WARN] reauthentication webhook answered HTTP \(response.status)")
            }
        } catch {
            writeLine("[WARN] reauthentication webhook failed: \(TradingError.describe(error))")
        }
    }
}
