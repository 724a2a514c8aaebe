import FoundationEssentials
import Rehearsal

/// The offline stack scenarios run on: the real server, tools, guards and adapter on the in-process twin, each run
/// with a fresh journal in its own temporary folder.
enum ScenarioComposition {
    static let factory = TwinTargetFactory { scenario in
        FileManager.default.temporaryDirectory
            .appendingPathComponent("valet-scenario-\(scenario.name)-\(UUID().uuidString)")
    }
}
