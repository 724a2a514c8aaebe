import Foundation
import Testing

/// The module rules of DESIGN.md §2, checked against every `import` line in Sources/.
@Suite("Layering")
struct LayeringTests {
    /// Modules of this package; imports of anything else (Foundation, Dispatch, Glibc, …) are system imports.
    static let ownModules: Set<String> = [
        "TradingDomain", "TradingSafety", "HTTPCore", "IBKRAdapter", "SimulationKit", "GatewayTwin", "MCPKit",
        "ValetTools", "Rehearsal", "valet", "ValetURLSession",
    ]

    /// What each module may import from this package (DESIGN.md §2 "May import").
    static let allowed: [String: Set<String>] = [
        "TradingDomain": [],
        "TradingSafety": ["TradingDomain"],
        "HTTPCore": [],
        "IBKRAdapter": ["TradingDomain", "HTTPCore"],
        "SimulationKit": [],
        "GatewayTwin": ["HTTPCore", "SimulationKit"],
        "MCPKit": [],
        "ValetTools": ["MCPKit", "TradingDomain", "TradingSafety"],
        "Rehearsal": [
            "MCPKit", "TradingDomain", "TradingSafety", "HTTPCore", "IBKRAdapter", "SimulationKit", "GatewayTwin",
            "ValetTools",
        ],
        "ValetURLSession": [],
        "valet": [
            "MCPKit", "TradingDomain", "TradingSafety", "HTTPCore", "IBKRAdapter", "SimulationKit", "GatewayTwin",
            "ValetTools", "Rehearsal",
        ],
    ]

    /// System modules each module may use. TradingDomain may import Foundation (its Essentials part) only.
    static let systemAllowed: [String: Set<String>?] = [
        "TradingDomain": ["FoundationEssentials"]
    ]

    /// The parts of Foundation that load ICU, FoundationNetworking and libcurl (about 13 MiB resident). Only the
    /// URLSession library, loaded on demand for a real gateway, may import them; everything in the `valet`
    /// executable uses FoundationEssentials.
    static let heavyFoundation: Set<String> = [
        "Foundation", "FoundationNetworking", "FoundationInternationalization", "FoundationXML",
    ]

    @Test("only the on-demand URLSession library imports the full Foundation", arguments: Array(allowed.keys).sorted())
    func essentialsOnly(module: String) throws {
        guard module != "ValetURLSession" else { return }
        for file in try SourceTree.files(in: module) {
            for imported in SourceTree.imports(in: file.text) where Self.heavyFoundation.contains(imported) {
                Issue.record("\(file.path) imports \(imported): use FoundationEssentials (see URLSessionLibrary)")
            }
        }
    }

    @Test("every module under Sources/ has a rule")
    func everyModuleHasARule() throws {
        for module in try SourceTree.modules() {
            #expect(
                Self.allowed[module] != nil, "Sources/\(module) has no layering rule: add it to DESIGN.md §2 and here")
        }
    }

    @Test("no forbidden import edge", arguments: Array(allowed.keys).sorted())
    func noForbiddenEdge(module: String) throws {
        let permitted = Self.allowed[module] ?? []
        for file in try SourceTree.files(in: module) {
            for imported in SourceTree.imports(in: file.text) {
                if Self.ownModules.contains(imported) {
                    #expect(permitted.contains(imported), "\(file.path) imports \(imported), forbidden for \(module)")
                } else if let system = Self.systemAllowed[module] ?? nil {
                    #expect(
                        system.contains(imported),
                        "\(file.path) imports \(imported); \(module) may import only \(system.sorted())")
                }
            }
        }
    }

    @Test("the import reader sees attributed and access-modified imports")
    func importReader() {
        let text = """
            import Foundation
            @testable import IBKRAdapter
            public import struct TradingDomain.Quote
            @preconcurrency import Dispatch
            // import GatewayTwin is only a comment
            let importance = 1
            """
        #expect(SourceTree.imports(in: text) == ["Foundation", "IBKRAdapter", "TradingDomain", "Dispatch"])
    }
}
