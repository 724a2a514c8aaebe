import FoundationEssentials
import ValetTools

/// Which gateway `valet serve` talks to. Everything above the transport is the same in every case.
enum GatewayChoice: Equatable {
    /// The built-in twin, in process (the default).
    case twin
    /// A real Client Portal Gateway at the configured URL.
    case live
    /// A recorded cassette, replayed strictly.
    case replay(URL)

    static func parse(_ text: String) throws(CommandLineError) -> GatewayChoice {
        switch text {
        case "twin": return .twin
        case "live": return .live
        default:
            if text.hasPrefix("replay:") {
                let path = String(text.dropFirst("replay:".count))
                guard !path.isEmpty else {
                    throw CommandLineError(
                        "--gateway replay: needs a cassette file, e.g. replay:recordings/run.json", command: "serve")
                }
                return .replay(URL(fileURLWithPath: path))
            }
            throw CommandLineError("--gateway must be twin, live or replay:FILE, got '\(text)'", command: "serve")
        }
    }

    /// The environment stated to the agent (`live-paper`/`live-real` is settled by the configured mode; the
    /// guards still check the broker's own paper flag on every order).
    func environmentName(paperMode: Bool) -> EnvironmentName {
        switch self {
        case .twin: return .twin
        case .replay: return .replay
        case .live: return paperMode ? .livePaper : .liveReal
        }
    }
}
