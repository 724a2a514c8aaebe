import Foundation
import Testing

/// The shared test support (`Tests/ValetTesting`, DESIGN.md §2 "Test support"): doubles written once for every
/// test target, never part of a product.
@Suite("Test support")
struct TestSupportTests {
    @Test("ValetTesting imports only HTTPCore and TradingDomain of this package, never the full Foundation")
    func imports() throws {
        let files = try SourceTree.files(in: "ValetTesting", top: "Tests")
        #expect(!files.isEmpty)
        for file in files {
            for imported in SourceTree.imports(in: file.text) {
                if LayeringTests.ownModules.contains(imported) {
                    #expect(
                        ["HTTPCore", "TradingDomain"].contains(imported),
                        "\(file.path) imports \(imported); test support may use HTTPCore and TradingDomain")
                }
                #expect(!LayeringTests.heavyFoundation.contains(imported), "\(file.path) imports \(imported)")
            }
        }
    }

    @Test("no module under Sources/ imports the test support")
    func notInProducts() throws {
        for module in try SourceTree.modules() {
            for file in try SourceTree.files(in: module) {
                #expect(
                    !SourceTree.imports(in: file.text).contains("ValetTesting"), "\(file.path) imports ValetTesting")
            }
        }
    }
}
