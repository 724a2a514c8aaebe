extension Cassette {
    /// The account id the recorded account paths use (`/portfolio/<id>/…`, `/iserver/account/<id>/…`): after
    /// redaction, the placeholder a replay must use for its own requests to match.
    public var recordedAccountID: String? {
        for exchange in exchanges {
            let parts = exchange.path.split(separator: "/")
            for (index, part) in parts.enumerated() where part == "portfolio" || part == "account" {
                guard index + 1 < parts.count else { continue }
                let candidate = parts[index + 1]
                if candidate.first?.isLetter == true, candidate.contains(where: \.isNumber) { return String(candidate) }
            }
        }
        return nil
    }
}
