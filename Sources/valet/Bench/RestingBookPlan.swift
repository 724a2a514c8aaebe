import FoundationEssentials

/// The resting book the engine benchmark places through the twin's HTTP surface: per instrument, blocks of ten
/// resting orders (four limits, three stops, one trailing stop, one bracket whose two exits rest), each spread
/// 5–20% away from the price so that a price walk within ±1% triggers none of them.
struct RestingBookPlan {
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

    /// Resting orders per block of the mix.
    static let blockSize = 10

    var instruments: [Instrument]
    /// Resting orders per instrument (rounded down to whole blocks).
    var ordersPerInstrument: Int
    /// False puts a sell stop in each block's trailing-stop place (to see what the trailing stops cost).
    var includeTrailing = true

    /// Every placement, instrument by instrument. The bracket parents are market buys that fill at once, so
    /// their exits rest; every other order rests itself.
    func placements() -> [Placement] {
        var result: [Placement] = []
        for instrument in instruments {
            var singles: [String] = []
            for block in 0..<(ordersPerInstrument / Self.blockSize) {
                let away = 5 + block % 16
                let conid = instrument.conid
                let below = Self.price(instrument.priceCents, percent: -away)
                let above = Self.price(instrument.priceCents, percent: away)
                let deeper = Self.price(instrument.priceCents, percent: -(away + 1))
                let higher = Self.price(instrument.priceCents, percent: away + 1)
                singles += [
                    Self.order(conid, "BUY", "LMT", price: below),
                    Self.order(conid, "SELL", "LMT", price: above),
                    Self.order(conid, "BUY", "LMT", price: deeper),
                    Self.order(conid, "SELL", "LMT", price: higher),
                    Self.order(conid, "SELL", "STP", price: below),
                    Self.order(conid, "BUY", "STP", price: above),
                    Self.order(conid, "SELL", "STP", price: deeper),
                    includeTrailing
                        ? Self.order(
                            conid, "SELL", "TRAIL", price: nil,
                            extra: #""trailingAmt":\#(away),"trailingType":"%""#)
                        : Self.order(conid, "BUY", "STP", price: higher),
                ]
                let parent = "bench-\(conid)-\(block)"
                result.append(
                    Placement(
                        orders: [
                            Self.order(conid, "BUY", "MKT", price: nil, extra: #""cOID":"\#(parent)""#),
                            Self.order(conid, "SELL", "LMT", price: higher, extra: #""parentId":"\#(parent)""#),
                            Self.order(conid, "SELL", "STP", price: deeper, extra: #""parentId":"\#(parent)""#),
                        ],
                        resting: 2))
                if singles.count >= 40 {
                    result.append(Placement(orders: singles, resting: singles.count))
                    singles = []
                }
            }
            if !singles.isEmpty { result.append(Placement(orders: singles, resting: singles.count)) }
        }
        return result
    }

    /// A price `percent` away from `cents`, as exact decimal text with two places.
    static func price(_ cents: Int, percent: Int) -> String {
        let moved = cents * (100 + percent) / 100
        let fraction = moved % 100
        return "\(moved / 100).\(fraction < 10 ? "0" : "")\(fraction)"
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
