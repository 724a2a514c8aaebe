import Foundation

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

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }
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
    case trailing
    case marketable
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
    /// Trailing stops move with every favourable price, so they are kept as a (small) ordered list.
    var trailing: [Int] = []
    /// Market orders (and triggered stops) waiting for hours or liquidity, first in first out.
    var marketable: [Int] = []

    mutating func insert(orderId: Int, slot: RestingSlot) {
        switch slot {
        case .buyLimit(let key): buyLimits.insert(key)
        case .sellLimit(let key): sellLimits.insert(key)
        case .buyStop(let key): buyStops.insert(key)
        case .sellStop(let key): sellStops.insert(key)
        case .trailing: trailing.append(orderId)
        case .marketable: marketable.append(orderId)
        }
    }

    mutating func remove(orderId: Int, slot: RestingSlot) {
        switch slot {
        case .buyLimit(let key): buyLimits.remove(key)
        case .sellLimit(let key): sellLimits.remove(key)
        case .buyStop(let key): buyStops.remove(key)
        case .sellStop(let key): sellStops.remove(key)
        case .trailing: trailing.removeAll { $0 == orderId }
        case .marketable: marketable.removeAll { $0 == orderId }
        }
    }

    var restingCount: Int {
        buyLimits.count + sellLimits.count + buyStops.count + sellStops.count + trailing.count + marketable.count
    }
}

/// One instrument's book: orders allowed to fill outside regular hours rest apart from the others, so an
/// extended-hours update never has to skip over regular-hours-only orders.
struct InstrumentBook: Sendable {
    var regularOnly = BookLane()
    var anyHours = BookLane()
}
