import FoundationEssentials

/// Resting orders sorted by trigger price (then order id), so a price update looks only at the end that can
/// fire: no scan over every resting order.
struct TriggerIndex: Sendable {
    struct Key: Sendable, Hashable, Comparable {
        /// Trigger price in millionths (see `TwinMicros`).
        let price: Int64
        let orderId: Int

        static func < (lhs: Key, rhs: Key) -> Bool {
            lhs.price != rhs.price ? lhs.price < rhs.price : lhs.orderId < rhs.orderId
        }
    }

    private(set) var keys: [Key] = []

    /// Lowest trigger.
    var lowest: Key? { keys.first }
    /// Highest trigger.
    var highest: Key? { keys.last }

    private func insertionPoint(_ key: Key) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func insert(_ key: Key) {
        keys.insert(key, at: insertionPoint(key))
    }

    @discardableResult
    mutating func remove(_ key: Key) -> Bool {
        let index = insertionPoint(key)
        guard index < keys.count, keys[index] == key else { return false }
        keys.remove(at: index)
        return true
    }
}

/// Where a working order rests in its instrument's book.
enum RestingSlot: Sendable, Hashable {
    case buyLimit(TriggerIndex.Key)
    case sellLimit(TriggerIndex.Key)
    case buyStop(TriggerIndex.Key)
    case sellStop(TriggerIndex.Key)
    /// A trailing stop, indexed twice: by its favourable extreme (to find the ones a new extreme ratchets) and by its
    /// current stop level (to find the ones the price reached).
    case buyTrail(extreme: TriggerIndex.Key, stop: TriggerIndex.Key)
    case sellTrail(extreme: TriggerIndex.Key, stop: TriggerIndex.Key)
    case marketable
}

/// The end of a lane's index the matching engine looks at (the one a price reaches first).
enum LaneEnd: Sendable {
    case lowestSellTrailExtreme, highestBuyTrailExtreme, highestSellTrailStop, lowestBuyTrailStop
    case lowestBuyStop, highestSellStop, highestBuyLimit, lowestSellLimit
}

/// One instrument's resting orders in one trading-hours lane.
struct BookLane: Sendable {
    /// Buy limits fire when the ask falls to the limit: check the highest.
    var buyLimits = TriggerIndex()
    /// Sell limits fire when the bid rises to the limit: check the lowest.
    var sellLimits = TriggerIndex()
    /// Buy stops fire when the last rises to the stop: check the lowest.
    var buyStops = TriggerIndex()
    /// Sell stops fire when the last falls to the stop: check the highest.
    var sellStops = TriggerIndex()
    /// Buy trailing stops by their lowest price seen (a lower last ratchets them: check the highest) and by their
    /// stop (a last at or above it fires them: check the lowest).
    var buyTrailExtremes = TriggerIndex()
    var buyTrailStops = TriggerIndex()
    /// Sell trailing stops by their highest price seen (a higher last ratchets them: check the lowest) and by their
    /// stop (a last at or below it fires them: check the highest).
    var sellTrailExtremes = TriggerIndex()
    var sellTrailStops = TriggerIndex()
    /// Market orders (and triggered stops) waiting for hours or liquidity, first in first out.
    var marketable: [Int] = []

    /// The key at one end of an index.
    func top(_ end: LaneEnd) -> TriggerIndex.Key? {
        switch end {
        case .lowestSellTrailExtreme: sellTrailExtremes.lowest
        case .highestBuyTrailExtreme: buyTrailExtremes.highest
        case .highestSellTrailStop: sellTrailStops.highest
        case .lowestBuyTrailStop: buyTrailStops.lowest
        case .lowestBuyStop: buyStops.lowest
        case .highestSellStop: sellStops.highest
        case .highestBuyLimit: buyLimits.highest
        case .lowestSellLimit: sellLimits.lowest
        }
    }

    mutating func insert(orderId: Int, slot: RestingSlot) {
        switch slot {
        case .buyLimit(let key): buyLimits.insert(key)
        case .sellLimit(let key): sellLimits.insert(key)
        case .buyStop(let key): buyStops.insert(key)
        case .sellStop(let key): sellStops.insert(key)
        case .buyTrail(let extreme, let stop):
            buyTrailExtremes.insert(extreme)
            buyTrailStops.insert(stop)
        case .sellTrail(let extreme, let stop):
            sellTrailExtremes.insert(extreme)
            sellTrailStops.insert(stop)
        case .marketable: marketable.append(orderId)
        }
    }

    mutating func remove(orderId: Int, slot: RestingSlot) {
        switch slot {
        case .buyLimit(let key): buyLimits.remove(key)
        case .sellLimit(let key): sellLimits.remove(key)
        case .buyStop(let key): buyStops.remove(key)
        case .sellStop(let key): sellStops.remove(key)
        case .buyTrail(let extreme, let stop):
            buyTrailExtremes.remove(extreme)
            buyTrailStops.remove(stop)
        case .sellTrail(let extreme, let stop):
            sellTrailExtremes.remove(extreme)
            sellTrailStops.remove(stop)
        case .marketable: marketable.removeAll { $0 == orderId }
        }
    }
}

/// One instrument's book: orders allowed to fill outside regular hours rest apart from the others, so an
/// extended-hours update never has to skip over regular-hours-only orders.
struct InstrumentBook: Sendable {
    var regularOnly = BookLane()
    var anyHours = BookLane()
}

/// One instrument's trigger levels, per lane. `RestingBook` (the only writer) keeps them apart from the books:
/// every price update reads them, and reading them out of an `InstrumentBook` copied the book (retaining each of
/// its eighteen arrays) three times per update.
struct InstrumentWatch: Sendable {
    var regularOnly = LaneWatch()
    var anyHours = LaneWatch()

    subscript(lane: RestingLane) -> LaneWatch {
        get { lane == .anyHours ? anyHours : regularOnly }
        set {
            if lane == .anyHours { anyHours = newValue } else { regularOnly = newValue }
        }
    }
}

/// The price levels at which a lane has anything to do, as plain integers. A price update reads these alone (no
/// copy of the lane's arrays) and returns at once when the quote crosses none of them, the common case.
struct LaneWatch: Sendable, Equatable {
    var lowestBuyStop = Int64.max
    var highestSellStop = Int64.min
    var highestBuyLimit = Int64.min
    var lowestSellLimit = Int64.max
    var lowestSellTrailExtreme = Int64.max
    var highestSellTrailStop = Int64.min
    var highestBuyTrailExtreme = Int64.min
    var lowestBuyTrailStop = Int64.max
    var hasMarketable = false

    init() {}

    init(_ lane: BookLane) {
        lowestBuyStop = lane.buyStops.lowest?.price ?? .max
        highestSellStop = lane.sellStops.highest?.price ?? .min
        highestBuyLimit = lane.buyLimits.highest?.price ?? .min
        lowestSellLimit = lane.sellLimits.lowest?.price ?? .max
        lowestSellTrailExtreme = lane.sellTrailExtremes.lowest?.price ?? .max
        highestSellTrailStop = lane.sellTrailStops.highest?.price ?? .min
        highestBuyTrailExtreme = lane.buyTrailExtremes.highest?.price ?? .min
        lowestBuyTrailStop = lane.buyTrailStops.lowest?.price ?? .max
        hasMarketable = !lane.marketable.isEmpty
    }

    /// True when a quote with this last, bid and ask could trigger, fill or ratchet anything in the lane.
    func needsWork(last: Int64, bid: Int64, ask: Int64) -> Bool {
        hasMarketable || lowestBuyStop <= last || highestSellStop >= last || highestBuyLimit >= ask
            || lowestSellLimit <= bid || lowestSellTrailExtreme < last || highestSellTrailStop >= last
            || highestBuyTrailExtreme > last || lowestBuyTrailStop <= last
    }
}
