extension Pacer {
    /// The same limits with every window longer by `margin`. The adapter books each request when its answer is
    /// in (see `IBKRBroker.sendPaced`), which already keeps network delays from squeezing two requests into one
    /// window at the gateway; the margin covers what is left across a real network: the adapter's clock is read
    /// to the millisecond, and a 429 costs a 10–15 minute penalty box.
    public func widened(by margin: Duration) -> Pacer {
        Pacer(
            rules: rules.map { rule in
                PacingRule(
                    name: rule.name, method: rule.method, path: rule.path, rate: rule.window.rate,
                    per: rule.window.per + margin)
            })
    }
}
