import FoundationEssentials
import SimulationKit

/// The resting book the engine benchmark keeps busy. Orders rest within a fifth of the walk's range (see `reach`) of
/// each instrument's current price,
/// on the side the price walk reaches them from, so a good share of price updates triggers and fills something;
/// the benchmark tops the book up after each stretch of the walk, placing new orders around the prices of then.
///
/// A block is ten resting orders: two buy limits below and two sell limits above the price, two sell stops below
/// and one buy stop above it, one trailing stop (or, without trailing stops, a second buy stop), and a bracket
/// whose market parent fills at once and whose two exits rest.
struct ActiveBookPlan {
    /// An instrument and its price in cents.
    struct Instrument: Equatable {
        var conid: Int
        var priceCents: Int
    }

    /// One placement request: IBKR order objects sent together, and how many of them stay resting.
    struct Placement: Equatable {
        var orders: [String]
        var resting: Int

        /// The request body: `{"orders":[...]}`.
        var body: Data { Data(("{\"orders\":[" + orders.joined(separator: ",") + "]}").utf8) }
    }

    /// Resting orders per block.
    static let blockSize = 10
    /// Singles sent in one request at most.
    static let batchSize = 40

    var instruments: [Instrument]
    /// False puts a buy stop in each block's trailing-stop place (to see what the trailing stops cost).
    var includeTrailing = true
    private var distances: SplitMix64

    init(instruments: [Instrument], seed: UInt64 = 1) {
        self.instruments = instruments
        distances = SplitMix64(seed: seed)
    }

    /// `blocks` blocks for each instrument at its price now (`prices[conid]`, in cents; the plan's start price
    /// when missing). Singles are sent in requests of up to `batchSize`; each bracket is a request of its own.
    mutating func placements(blocks: Int, prices: [Int: Int] = [:]) -> [Placement] {
        var result: [Placement] = []
        for instrument in instruments {
            let cents = prices[instrument.conid] ?? instrument.priceCents
            var singles: [String] = []
            for _ in 0..<blocks {
                let block = nextBlock(conid: instrument.conid, cents: cents)
                singles += block.singles
                result.append(block.bracket)
                if singles.count >= Self.batchSize {
                    result.append(Placement(orders: singles, resting: singles.count))
                    singles = []
                }
            }
            if !singles.isEmpty { result.append(Placement(orders: singles, resting: singles.count)) }
        }
        return result
    }

    private mutating func nextBlock(conid: Int, cents: Int) -> (singles: [String], bracket: Placement) {
        // Within reach of the walk (trailing stops trail by as much).
        let reach = Self.reach(cents: cents)
        func away() -> Int { distances.nextInt(in: 1...reach) }
        let trailing =
            includeTrailing
            ? Self.order(
                conid, "SELL", "TRAIL", price: nil,
                extra: #""trailingAmt":\#(Self.text(cents: away())),"trailingType":"amt""#)
            : Self.order(conid, "BUY", "STP", price: Self.text(cents: cents + away()))
        let singles = [
            Self.order(conid, "BUY", "LMT", price: Self.text(cents: cents - away())),
            Self.order(conid, "SELL", "LMT", price: Self.text(cents: cents + away())),
            Self.order(conid, "BUY", "LMT", price: Self.text(cents: cents - away())),
            Self.order(conid, "SELL", "LMT", price: Self.text(cents: cents + away())),
            Self.order(conid, "SELL", "STP", price: Self.text(cents: cents - away())),
            Self.order(conid, "BUY", "STP", price: Self.text(cents: cents + away())),
            Self.order(conid, "SELL", "STP", price: Self.text(cents: cents - away())),
            trailing,
        ]
        let parent = "bench-\(conid)-\(distances.nextHex(count: 12))"
        let bracket = Placement(
            orders: [
                Self.order(conid, "BUY", "MKT", price: nil, extra: #""cOID":"\#(parent)""#),
                Self.order(
                    conid, "SELL", "LMT", price: Self.text(cents: cents + away()), extra: #""parentId":"\#(parent)""#),
                Self.order(
                    conid, "SELL", "STP", price: Self.text(cents: cents - away()), extra: #""parentId":"\#(parent)""#),
            ],
            resting: 2)
        return (singles, bracket)
    }

    /// How far from the price (in cents) an order may rest: a fifth of the walk's band, 0.2% of the price (two
    /// cents at least). Measured, not assumed: the whole band (1%) leaves only 1.3% of updates triggering, 25 cents
    /// 7% but with five fills for each; a fifth of the band gives the 5% the simulation issue asks for.
    static func reach(cents: Int) -> Int { max(2, cents / 500) }

    /// Cents as exact decimal text with two places (`15012` → `150.12`).
    static func text(cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// One IBKR order object for one share, good till cancelled.
    static func order(_ conid: Int, _ side: String, _ type: String, price: String?, extra: String? = nil) -> String {
        var fields = [
            #""conid":\#(conid)"#, #""side":"\#(side)""#, #""orderType":"\#(type)""#, #""tif":"GTC""#,
            #""quantity":1"#,
        ]
        if let price { fields.append(#""price":\#(price)"#) }
        if let extra { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A deterministic walk of `count` prices (in cents) per instrument, round robin, within ±1% of each start:
    /// steps of one cent up or down drawn from a fixed linear congruential sequence, reflected at the band.
    func walk(count: Int) -> [(conid: Int, cents: Int)] {
        guard !instruments.isEmpty else { return [] }
        var current = instruments.map(\.priceCents)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var result: [(conid: Int, cents: Int)] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            let slot = index % instruments.count
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let step = (state >> 33) & 1 == 0 ? -1 : 1
            let start = instruments[slot].priceCents
            let band = max(1, start / 100)
            var next = current[slot] + step
            if abs(next - start) > band { next = current[slot] - step }
            current[slot] = next
            result.append((instruments[slot].conid, next))
        }
        return result
    }
}
