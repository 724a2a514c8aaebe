import FoundationEssentials

/// The current instant, injected: the system clock when live, a virtual clock in scenarios and tests.
public typealias WallClock = @Sendable () -> Date
