// swift-tools-version:6.0
// Valet: an MCP server that trades on Interactive Brokers through the Client Portal API, behind safety
// guards, plus a deterministic twin of IBKR's Client Portal Gateway. No third-party packages: the module
// rules live in DESIGN.md §2 and are enforced by Tests/ArchitectureTests.
import PackageDescription

let package = Package(
    name: "Valet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "valet", targets: ["valet"]),
        // URLSession for the real gateway, loaded by HTTPCore with dlopen only when a live transport is made, so
        // the twin and replay modes never map FoundationNetworking and libcurl (see URLSessionLibrary).
        .library(name: "ValetURLSession", type: .dynamic, targets: ["ValetURLSession"]),
    ],
    targets: [
        .target(name: "TradingDomain"),
        .target(name: "TradingSafety", dependencies: ["TradingDomain"]),
        .target(name: "HTTPCore"),
        .target(name: "ValetURLSession"),
        .target(name: "IBKRAdapter", dependencies: ["TradingDomain", "HTTPCore"]),
        .target(name: "SimulationKit"),
        .target(name: "GatewayTwin", dependencies: ["HTTPCore", "SimulationKit"]),
        .target(name: "MCPKit"),
        .target(name: "ValetTools", dependencies: ["MCPKit", "TradingDomain", "TradingSafety"]),
        .target(
            name: "Rehearsal",
            dependencies: [
                "MCPKit", "TradingDomain", "TradingSafety", "HTTPCore", "IBKRAdapter", "SimulationKit",
                "GatewayTwin", "ValetTools",
            ]
        ),
        .executableTarget(
            name: "valet",
            dependencies: [
                "MCPKit", "TradingDomain", "TradingSafety", "HTTPCore", "IBKRAdapter", "SimulationKit",
                "GatewayTwin", "ValetTools", "Rehearsal",
            ]
        ),
        // Test support shared by the test targets (one clock, one failing transport, fixed market hours), never
        // by a product.
        .target(name: "ValetTesting", dependencies: ["HTTPCore", "TradingDomain"], path: "Tests/ValetTesting"),
        .testTarget(name: "ArchitectureTests"),
        .testTarget(name: "MCPKitTests", dependencies: ["MCPKit"]),
        .testTarget(name: "TradingDomainTests", dependencies: ["TradingDomain"]),
        .testTarget(name: "TradingSafetyTests", dependencies: ["TradingSafety", "TradingDomain", "ValetTesting"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore", "ValetTesting"]),
        .testTarget(
            name: "IBKRAdapterTests",
            dependencies: ["IBKRAdapter", "HTTPCore", "TradingDomain", "GatewayTwin", "ValetTesting"]),
        .testTarget(name: "SimulationKitTests", dependencies: ["SimulationKit"]),
        .testTarget(name: "GatewayTwinTests", dependencies: ["GatewayTwin", "HTTPCore", "SimulationKit"]),
        .testTarget(
            name: "ValetToolsTests",
            dependencies: ["ValetTools", "MCPKit", "TradingDomain", "TradingSafety", "ValetTesting"]),
        .testTarget(name: "RehearsalTests", dependencies: ["Rehearsal", "TradingSafety"]),
        .testTarget(name: "ValetCLITests", dependencies: ["valet", "TradingSafety", "TradingDomain"]),
    ],
    swiftLanguageModes: [.v6]
)
