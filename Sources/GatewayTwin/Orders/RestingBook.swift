import FoundationEssentials

/// The trading hours a resting order may fill in: orders allowed outside regular hours rest apart from the
/// others, so an extended-hours update never has to skip over regular-hours-only orders.
enum RestingLane: Sendable, Hashable, CaseIterable {
    case regularOnly
    case anyHours

    init(outsideRTH: Bool) { self = outsideRTH ? .anyHours : .regularOnly }
}

/// Every working order's place in the matching engine, in one type: which instrument and lane it rests in, its
/// slot in that lane's trigger indexes, and each lane's trigger levels. Before this type the four were separate
/// dictionaries kept in step by hand; `problems()` now checks that they agree (the swarm runs it after every step).
struct RestingBook: Sendable {
    /// Where one order rests.
    struct Placement: Sendable, Hashable {
        var conid: Int
        var lane: RestingLane
        var slot: RestingSlot
    }

    private var placements: [Int: Placement] = [:]
    /// Each instrument's position in `books` and `watches`. The books live in arrays, not dictionary values: an
    /// array element is read and changed in place, where reading a dictionary value copies the whole book
    /// (retaining each of its eighteen arrays), which every price update did several times.
    private var bookIndex: [Int: Int] = [:]
    private var books: [InstrumentBook] = []
    private var watches: [InstrumentWatch] = []

    /// Number of resting orders.
    var count: Int { placements.count }

    /// The instruments that have ever had a resting order, in conid order.
    var conids: [Int] { bookIndex.keys.sorted() }

    /// Where `orderId` rests, if it does.
    func placement(of orderId: Int) -> Placement? { placements[orderId] }

    /// The key at one end of one of a lane's indexes (nil when empty or nothing ever rested), read in place.
    func top(_ conid: Int, _ lane: RestingLane, _ end: LaneEnd) -> TriggerIndex.Key? {
        guard let index = bookIndex[conid] else { return nil }
        return lane == .anyHours ? books[index].anyHours.top(end) : books[index].regularOnly.top(end)
    }

    /// A lane's marketable queue, first in first out.
    func marketable(_ conid: Int, _ lane: RestingLane) -> [Int] {
        guard let index = bookIndex[conid] else { return [] }
        return lane == .anyHours ? books[index].anyHours.marketable : books[index].regularOnly.marketable
    }

    /// The trigger levels of one instrument's lane (`LaneWatch()` when nothing rests there).
    func watch(_ conid: Int, _ lane: RestingLane) -> LaneWatch {
        guard let index = bookIndex[conid] else { return LaneWatch() }
        return watches[index][lane]
    }

    /// True when anything rests for the instrument, in either lane.
    func hasResting(_ conid: Int) -> Bool {
        guard let index = bookIndex[conid] else { return false }
        return RestingLane.allCases.contains { watches[index][$0] != LaneWatch() }
    }

    /// Rests an order (moving it when it already rests elsewhere).
    mutating func insert(orderId: Int, conid: Int, lane: RestingLane, slot: RestingSlot) {
        remove(orderId: orderId)
        let index: Int
        if let existing = bookIndex[conid] {
            index = existing
        } else {
            index = books.count
            bookIndex[conid] = index
            books.append(InstrumentBook())
            watches.append(InstrumentWatch())
        }
        watches[index][lane] = books[index].insert(orderId: orderId, slot: slot, lane: lane)
        placements[orderId] = Placement(conid: conid, lane: lane, slot: slot)
    }

    /// Takes an order out of the book; answers false when it did not rest.
    @discardableResult
    mutating func remove(orderId: Int) -> Bool {
        guard let placement = placements.removeValue(forKey: orderId) else { return false }
        if let index = bookIndex[placement.conid] {
            watches[index][placement.lane] = books[index].remove(
                orderId: orderId, slot: placement.slot, lane: placement.lane)
        }
        return true
    }

    /// Disagreements between the placements, the lanes' indexes and the lanes' trigger levels, in words (empty
    /// when the book is consistent). Linear in the book's size: for checks, never for the price path.
    func problems() -> [String] {
        var found: [String] = []
        var expected: [Int: [RestingLane: [RestingSlot: Int]]] = [:]
        for orderId in placements.keys.sorted() {
            guard let placement = placements[orderId] else { continue }
            expected[placement.conid, default: [:]][placement.lane, default: [:]][placement.slot, default: 0] += 1
            if case .marketable = placement.slot,
                !marketable(placement.conid, placement.lane).contains(orderId)
            {
                found.append("order \(orderId) is placed as marketable but missing from its lane's queue")
            }
        }
        for conid in bookIndex.keys.sorted() {
            guard let index = bookIndex[conid] else { continue }
            let book = books[index]
            for lane in RestingLane.allCases {
                let indexed = book[lane].slots()
                let placed = expected[conid]?[lane] ?? [:]
                if indexed != placed {
                    found.append(
                        "conid \(conid) \(lane): the lane indexes \(indexed.values.reduce(0, +)) entries, "
                            + "the placements say \(placed.values.reduce(0, +)), and they differ")
                }
                if watch(conid, lane) != LaneWatch(book[lane]) {
                    found.append("conid \(conid) \(lane): the trigger levels are stale")
                }
            }
        }
        for conid in expected.keys.sorted() where bookIndex[conid] == nil {
            found.append("conid \(conid) has placements but no book")
        }
        return found
    }
}

extension InstrumentBook {
    subscript(lane: RestingLane) -> BookLane {
        get { lane == .anyHours ? anyHours : regularOnly }
        set {
            if lane == .anyHours { anyHours = newValue } else { regularOnly = newValue }
        }
    }

    // Insert and remove name the stored lane directly: going through `self[lane]` (get, mutate, set) copied the
    // lane, and so every one of its index arrays, on each change (a fifth of the engine's time on an active book).
    /// Rests an order in a lane; returns the lane's new trigger levels.
    mutating func insert(orderId: Int, slot: RestingSlot, lane: RestingLane) -> LaneWatch {
        if lane == .anyHours {
            anyHours.insert(orderId: orderId, slot: slot)
            return LaneWatch(anyHours)
        }
        regularOnly.insert(orderId: orderId, slot: slot)
        return LaneWatch(regularOnly)
    }

    /// Takes an order out of a lane; returns the lane's new trigger levels.
    mutating func remove(orderId: Int, slot: RestingSlot, lane: RestingLane) -> LaneWatch {
        if lane == .anyHours {
            anyHours.remove(orderId: orderId, slot: slot)
            return LaneWatch(anyHours)
        }
        regularOnly.remove(orderId: orderId, slot: slot)
        return LaneWatch(regularOnly)
    }
}

extension BookLane {
    /// Every entry of the lane as the slot it came from, counted (a trailing stop's two keys are one slot).
    func slots() -> [RestingSlot: Int] {
        var result: [RestingSlot: Int] = [:]
        for key in buyLimits.keys { result[.buyLimit(key), default: 0] += 1 }
        for key in sellLimits.keys { result[.sellLimit(key), default: 0] += 1 }
        for key in buyStops.keys { result[.buyStop(key), default: 0] += 1 }
        for key in sellStops.keys { result[.sellStop(key), default: 0] += 1 }
        let buyStopsByOrder = Dictionary(buyTrailStops.keys.map { ($0.orderId, $0) }) { first, _ in first }
        for extreme in buyTrailExtremes.keys {
            let stop = buyStopsByOrder[extreme.orderId] ?? .orphan
            result[.buyTrail(extreme: extreme, stop: stop), default: 0] += 1
        }
        if buyTrailStops.keys.count != buyTrailExtremes.keys.count {
            result[.buyTrail(extreme: .orphan, stop: .orphan)] = 1
        }
        let sellStopsByOrder = Dictionary(sellTrailStops.keys.map { ($0.orderId, $0) }) { first, _ in first }
        for extreme in sellTrailExtremes.keys {
            let stop = sellStopsByOrder[extreme.orderId] ?? .orphan
            result[.sellTrail(extreme: extreme, stop: stop), default: 0] += 1
        }
        if sellTrailStops.keys.count != sellTrailExtremes.keys.count {
            result[.sellTrail(extreme: .orphan, stop: .orphan)] = 1
        }
        if !marketable.isEmpty { result[.marketable] = marketable.count }
        return result
    }
}

extension TriggerIndex.Key {
    /// Stands for an index entry without its partner (a trailing stop indexed by extreme but not by stop).
    static let orphan = TriggerIndex.Key(price: .min, orderId: -1)
}
