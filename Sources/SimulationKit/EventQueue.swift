import FoundationEssentials

/// A queue of scheduled events ordered by (time, sequence): events due at the same instant come out in the
/// order they were scheduled, which keeps simulations deterministic.
public struct EventQueue<Payload>: Sendable where Payload: Sendable {
    /// One scheduled event.
    public struct Entry: Sendable {
        /// When the event is due.
        public let time: Date
        /// The scheduling order, breaking ties between events due at the same time.
        public let sequence: UInt64
        /// What happens.
        public let payload: Payload
    }

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    /// An empty queue.
    public init() {}

    /// How many events are waiting.
    public var count: Int { heap.count }
    /// True when nothing is scheduled.
    public var isEmpty: Bool { heap.isEmpty }
    /// The earliest event, without removing it.
    public var first: Entry? { heap.first }

    /// Schedules `payload` at `time` and returns its sequence number.
    @discardableResult
    public mutating func schedule(_ payload: Payload, at time: Date) -> UInt64 {
        let entry = Entry(time: time, sequence: nextSequence, payload: payload)
        nextSequence += 1
        heap.append(entry)
        siftUp(heap.count - 1)
        return entry.sequence
    }

    /// Removes and returns the earliest event if it is due at or before `time`.
    public mutating func popDue(notAfter time: Date) -> Entry? {
        guard let top = heap.first, top.time <= time else { return nil }
        return popFirst()
    }

    /// Removes and returns the earliest event.
    public mutating func popFirst() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let entry = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        return entry
    }

    /// Removes every event whose payload matches, keeping the order of the rest.
    public mutating func removeAll(where shouldRemove: (Payload) -> Bool) {
        let kept = heap.filter { !shouldRemove($0.payload) }
        guard kept.count != heap.count else { return }
        heap = []
        for entry in kept.sorted(by: Self.precedes) {
            heap.append(entry)
            siftUp(heap.count - 1)
        }
    }

    private static func precedes(_ lhs: Entry, _ rhs: Entry) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, Self.precedes(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.precedes(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
