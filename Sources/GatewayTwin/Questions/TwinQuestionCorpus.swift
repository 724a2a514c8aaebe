import FoundationEssentials

/// One confirmation question IBKR is known to ask: its message id, its text and where that text comes from.
public struct TwinQuestion: Sendable, Hashable {
    /// The message id (`o10331`, `p12`, or the generic `o0`).
    public let id: String
    /// The question as the gateway sends it in `message[0]`.
    public let text: String
    /// The outside source of the id and the text (cpapi.md section, a capture, ibind's table).
    public let source: String
}

/// Every reply question the twin may ask with a fixed text, as data drawn from outside sources: ibind's
/// id→text table (`ibind/client/ibkr_utils.py`, `_MESSAGE_ID_TO_QUESTION_TYPE` and `QuestionType`, ibind 0.2.2),
/// cpapi.md §6.4 and the captures in `recordings/`. Questions whose text carries the order (`o163`, `o383`,
/// `o451`) are built in `TwinCore+Questions.swift` from the templates quoted there.
public enum TwinQuestionCorpus {
    /// IBKR ends every order question with this line (every capture and ibind's table).
    public static let confirmSuffix = "\nAre you sure you want to submit this order?"

    /// Stop orders, older wording: ibind's `QuestionType.STOP_VARIANT_ORDER_CONFIRMATION` is the text ibind
    /// matches for `o10152` ("Warns about risks associated with stop orders once they become active").
    public static let stopVariant = TwinQuestion(
        id: "o10152",
        text: "A Stop Order - i.e. a Stop (Market) Order - is an instruction to buy or sell at the market price once "
            + "your trigger (\"stop\") price is reached." + confirmSuffix,
        source: "ibind 0.2.2 QuestionType.STOP_VARIANT_ORDER_CONFIRMATION (text after the quoted part assumed)")

    /// Stop orders, current wording: ibind's table and cpapi.md §6.4 give `o10331` exactly this text.
    public static let stopRisks = TwinQuestion(
        id: "o10331",
        text: "You are about to submit a stop order. Please be aware of the various stop order types available and "
            + "the risks associated with each one." + confirmSuffix,
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['o10331']; cpapi.md §6.4")

    /// The generic id on a real market-order placement (recordings/order-market-day-rec-a.json).
    public static let marketTriggerGeneric = TwinQuestion(
        id: "o0", text: "This order will most likely trigger and fill immediately." + confirmSuffix,
        source: "recordings/order-market-day-rec-a.json (REC-A, cpapi.md §6.2)")

    /// The same text under its own id (ibind's table, cpapi.md §6.4).
    public static let triggerAndFill = TwinQuestion(
        id: "o403", text: "This order will most likely trigger and fill immediately." + confirmSuffix,
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['o403']; cpapi.md §6.4")

    /// The Price Management Algo prompt, as a reply question (ibind lists it among reply question ids).
    public static let priceManagementAlgo = TwinQuestion(
        id: "p12",
        text: "If your order is not immediately executable, our systems may, depending on market conditions, reject "
            + "your order if its limit price is more than the allowed amount away from the reference price at that "
            + "time. If this happens, you will not receive a fill. This is a control designed to ensure that we "
            + "comply with our regulatory obligations to avoid submitting disruptive orders to the marketplace.\n"
            + "Use the Price Management Algo?",
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['p12']; cpapi.md §6.2 form 4")

    public static let missingMarketData = TwinQuestion(
        id: "o354",
        text: "You are submitting an order without market data. We strongly recommend against this as it may result "
            + "in erroneous and unexpected trades." + confirmSuffix,
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['o354']; cpapi.md §6.4")

    public static let marketOrderRisks = TwinQuestion(
        id: "o10151",
        text: "A Market Order is an instruction to trade your order at any available price." + confirmSuffix,
        source: "ibind 0.2.2 QuestionType.MARKET_ORDER_CONFIRMATION (text after the quoted part assumed)")

    public static let mandatoryCapPrice = TwinQuestion(
        id: "o10153",
        text: "<h4>Confirm Mandatory Cap Price</h4>To avoid trading at a price that is not consistent with a fair and "
            + "orderly market, IB may set a cap (for a buy order) or sell order). THIS MAY CAUSE AN ORDER THAT WOULD "
            + "OTHERWISE BE MARKETABLE TO NOT BE TRADED.",
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['o10153']")

    public static let cashQuantity = TwinQuestion(
        id: "o10164",
        text: "Traders are responsible for understanding cash quantity details, which are provided on a best efforts "
            + "basis only." + confirmSuffix,
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['o10164']; cpapi.md §6.4")

    public static let cashQuantityOrder = TwinQuestion(
        id: "o10223",
        text: "<h4>Cash Quantity Order Confirmation</h4>Orders that express size using a monetary value (cash "
            + "quantity) are provided on a non-guaranteed basis. The system simulates the order by cancelling it once "
            + "the specified amount is spent (for buy orders) or collected (for sell orders). In addition to the "
            + "monetary value, the order uses a maximum size that is calculated using the Cash Quantity Estimate "
            + "Factor, which you can modify in Presets." + confirmSuffix,
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['o10223']; cpapi.md §6.4 (closing line assumed)")

    public static let fractionsOutsideRTH = TwinQuestion(
        id: "o2165",
        text: "This instrument does not support trading in fractions outside regular trading hours." + confirmSuffix,
        source: "cpapi.md §6.4 and §7 (DOC-V1)")

    /// `o2137`: cpapi.md §6.4 and ibind name it "cross side order warning" without its text; the wording is an
    /// assumption (README, twin assumptions).
    public static let closingQuantity = TwinQuestion(
        id: "o2137", text: "The closing order quantity is greater than your current position." + confirmSuffix,
        source: "cpapi.md §6.4 (id and meaning); text assumed")

    public static let multipleAccounts = TwinQuestion(
        id: "p6",
        text: "This order will be distributed over multiple accounts. We strongly suggest you familiarize yourself "
            + "with our allocation facilities before submitting orders.",
        source: "ibind 0.2.2 _MESSAGE_ID_TO_QUESTION_TYPE['p6']; cpapi.md §6.4")

    /// Every fixed-text question, by id (`o0` and `o403` share their text).
    public static let all: [TwinQuestion] = [
        stopVariant, stopRisks, marketTriggerGeneric, triggerAndFill, priceManagementAlgo, missingMarketData,
        marketOrderRisks, mandatoryCapPrice, cashQuantity, cashQuantityOrder, fractionsOutsideRTH, closingQuantity,
        multipleAccounts,
    ]

    /// The question with this id, if the corpus holds one.
    public static func question(id: String) -> TwinQuestion? {
        all.first { $0.id == id }
    }
}
