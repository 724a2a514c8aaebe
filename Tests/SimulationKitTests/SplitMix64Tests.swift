import Testing

@testable import SimulationKit

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("seed 0 gives the published reference sequence")
    func referenceSequence() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("same seed, same draws; different seeds differ")
    func sameSeedSameDraws() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        var other = SplitMix64(seed: 43)
        let a = (0..<20).map { _ in first.nextBounded(1000) }
        let b = (0..<20).map { _ in second.nextBounded(1000) }
        let c = (0..<20).map { _ in other.nextBounded(1000) }
        #expect(a == b)
        #expect(a != c)
    }

    @Test("bounded draws stay in range", arguments: [UInt64(1), 2, 3, 7, 10, 1000, UInt64.max])
    func boundedInRange(bound: UInt64) {
        var generator = SplitMix64(seed: bound)
        for _ in 0..<500 {
            #expect(generator.nextBounded(bound) < bound)
        }
    }

    @Test("closed ranges include both ends and nothing else")
    func closedRange() {
        var generator = SplitMix64(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = generator.nextInt(in: -2...2)
            #expect((-2...2).contains(value))
            seen.insert(value)
        }
        #expect(seen == [-2, -1, 0, 1, 2])
        #expect(generator.nextInt(in: 5...5) == 5)
    }

    @Test("a zero bound answers zero instead of trapping")
    func zeroBound() {
        var generator = SplitMix64(seed: 1)
        #expect(generator.nextBounded(0) == 0)
    }

    @Test("unit interval stays in [0, 1)")
    func unitInterval() {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<1000 {
            let value = generator.nextUnitInterval()
            #expect(value >= 0 && value < 1)
        }
    }

    @Test("UUID strings are version-4 shaped and reproducible")
    func uuidShape() {
        var first = SplitMix64(seed: 5)
        var second = SplitMix64(seed: 5)
        let id = first.nextUUIDString()
        #expect(id == second.nextUUIDString())
        let parts = id.split(separator: "-").map(\.count)
        #expect(parts == [8, 4, 4, 4, 12])
        #expect(Array(id)[14] == "4")
        #expect("89ab".contains(Array(id)[19]))
        #expect(first.nextHex(count: 32).count == 32)
    }
}
