import IBKRAdapter
import ValetTesting

extension TestClock {
    /// The adapter's clock port on this test clock: sleeps return at once after moving the clock.
    var adapterClock: AdapterClock {
        AdapterClock(now: { self.now }, sleep: { self.slept($0) })
    }
}
