import Foundation
import Testing
import TradingDomain

@Suite("Describing errors for people")
struct TradingErrorDescribeTests {
    struct Internal: Error {
        var secretPointer = 0xdead_beef
    }

    struct Explained: LocalizedError {
        var errorDescription: String? { "the gateway isn't running" }
    }

    @Test("no debug dump of an error value reaches a message")
    func describing() {
        #expect(TradingError.describe(TradingError(.brokerUnavailable, "down")) == "down")
        #expect(TradingError.describe(CancellationError()) == "the request was cancelled")
        #expect(TradingError.describe(Explained()) == "the gateway isn't running")
        #expect(TradingError.describe(POSIXError(.ENOSPC)) == "no space left on the device")
        let missing = CocoaError(
            .fileReadNoSuchFile, userInfo: ["NSFilePath": "/x/y", "NSUnderlyingError": POSIXError(.ENOENT)])
        #expect(TradingError.describe(missing) == "no such file or directory (/x/y)")
        let text = TradingError.describe(Internal())
        #expect(text == "an unexpected Internal error")
        #expect(!text.contains("secretPointer") && !text.contains("3735928559"))
        let decoding = DecodingError.keyNotFound(
            DecodingKeyForTest(stringValue: "orders"), .init(codingPath: [], debugDescription: "x"))
        #expect(TradingError.describe(decoding) == "the answer lacked the field \"orders\"")
    }
}

struct DecodingKeyForTest: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
