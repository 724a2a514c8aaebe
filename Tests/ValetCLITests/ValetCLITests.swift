import Foundation
import Synchronization
import Testing

@testable import valet

/// Captures what a command prints.
final class CapturedConsole: Sendable {
    private let lines = Mutex<(out: [String], err: [String])>(([], []))

    var io: ConsoleIO {
        ConsoleIO(
            out: { line in self.lines.withLock { $0.out.append(line) } },
            err: { line in self.lines.withLock { $0.err.append(line) } }
        )
    }

    var out: String { lines.withLock { $0.out.joined(separator: "\n") } }
    var err: String { lines.withLock { $0.err.joined(separator: "\n") } }
}

func runValet(_ arguments: String...) async -> (status: Int32, out: String, err: String) {
    let console = CapturedConsole()
    let status = await ValetCLI.run(["valet"] + arguments, io: console.io)
    return (status, console.out, console.err)
}

@Suite("valet command line")
struct ValetCLITests {
    @Test("--version and help succeed")
    func versionAndHelp() async {
        let version = await runValet("--version")
        #expect(version.status == 0)
        #expect(version.out == "valet \(ValetCLI.version)")
        let help = await runValet("help")
        #expect(help.status == 0)
        #expect(help.out.contains("serve"))
        #expect(help.out.contains("calendar"))
        let commandHelp = await runValet("calendar", "--help")
        #expect(commandHelp.status == 0)
        #expect(commandHelp.out.contains("Usage: valet calendar FROM TO [--json]"))
        #expect(await runValet("help", "serve").out.contains("Usage: valet serve"))
    }

    @Test("help help prints help's own usage")
    func helpHelp() async {
        let result = await runValet("help", "help")
        #expect(result.status == 0)
        #expect(result.out.contains("Usage: valet help [COMMAND]"))
        #expect(result.out.contains("keepalive"))
        #expect(result.err.isEmpty)
    }

    @Test(
        "mistakes exit 2 with a message saying what is wrong",
        arguments: [
            (["frobnicate"], "unknown command 'frobnicate'"),
            (["--frobnicate"], "unknown option '--frobnicate'"),
            (["serve", "--bogus"], "unknown option '--bogus' for 'serve'"),
            (["serve", "extra"], "unexpected argument 'extra'"),
            (["serve", "--page-size"], "option '--page-size' needs a value"),
            (["serve", "--page-size", "0"], "--page-size must be a whole number from 1 to 1000"),
            (["serve", "--page-size=abc"], "--page-size must be a whole number"),
            (["calendar", "2026-01-01"], "'calendar' needs FROM TO"),
            (["calendar", "2026-02-30", "2026-03-01"], "FROM \"2026-02-30\" is not a date"),
            (["calendar", "2026-03-01", "2026-02-01"], "FROM (2026-03-01) is after TO (2026-02-01)"),
            (["calendar", "--json=yes", "2026-01-01", "2026-01-02"], "option '--json' takes no value"),
            (["bench", "--calls", "-5"], "--calls must be a whole number"),
            (["bench", "nope"], "unknown bench suite 'nope'"),
            (["help", "nope"], "unknown command 'nope'"),
            (
                ["serve", "--gateway", "live", "--scenario", "scenarios/dry-run.json"],
                "--scenario rehearses on the twin"
            ),
            (["serve", "--gateway", "replay:"], "--gateway replay: needs a cassette file"),
            (["serve", "--gateway", "paper"], "--gateway must be twin, live or replay:FILE"),
            (["serve", "--speed", "0"], "--speed must be a positive number"),
        ]
    )
    func mistakes(arguments: [String], expected: String) async {
        let console = CapturedConsole()
        let status = await ValetCLI.run(["valet"] + arguments, io: console.io)
        #expect(status == 2)
        #expect(console.err.contains(expected), "\(console.err)")
        #expect(console.err.contains("--help") || console.err.contains("valet help"))
        #expect(console.out.isEmpty)
    }

    @Test("no command prints the overview and exits 2")
    func noCommand() async {
        let result = await runValet()
        #expect(result.status == 2)
        #expect(result.err.contains("Usage: valet <command>"))
    }

    @Test("calendar prints one line per trading day around Thanksgiving 2026")
    func calendarText() async {
        let result = await runValet("calendar", "2026-11-25", "2026-11-30")
        #expect(result.status == 0)
        #expect(
            result.out == """
                2026-11-25 2026-11-25T09:30:00-05:00 2026-11-25T16:00:00-05:00
                2026-11-27 2026-11-27T09:30:00-05:00 2026-11-27T13:00:00-05:00
                2026-11-30 2026-11-30T09:30:00-05:00 2026-11-30T16:00:00-05:00
                """
        )
    }

    @Test("calendar --json prints an array of date/open/close across a DST change")
    func calendarJSON() async throws {
        let result = await runValet("calendar", "2026-03-06", "2026-03-09", "--json")
        #expect(result.status == 0)
        let entries = try JSONDecoder().decode([[String: String]].self, from: Data(result.out.utf8))
        #expect(entries.map { $0["date"] } == ["2026-03-06", "2026-03-09"])
        #expect(entries.first?["open"] == "2026-03-06T09:30:00-05:00")
        #expect(entries.last?["open"] == "2026-03-09T09:30:00-04:00")
    }

    @Test("a range with no trading day prints nothing")
    func emptyRange() async {
        let result = await runValet("calendar", "2026-12-25", "2026-12-27")
        #expect(result.status == 0)
        #expect(result.out.isEmpty)
    }
}

@Suite("valet serve start-up errors")
struct ServeStartupTests {
    @Test("an unreadable scenario stops start-up with the file at fault")
    func badScenario() async {
        let result = await runValet("serve", "--scenario", "/nonexistent/scenario.json")
        #expect(result.status == 2)
        #expect(result.err.contains("/nonexistent/scenario.json"))
        #expect(result.out.isEmpty)
    }

    @Test("a missing cassette says how to record one, in commands rather than Swift types")
    func missingCassette() async {
        let result = await runValet("serve", "--gateway", "replay:/nonexistent/run.json")
        #expect(result.status != 0)
        #expect(result.err.contains("cannot read the cassette /nonexistent/run.json"))
        #expect(result.err.contains("valet serve --gateway twin --record /nonexistent/run.json"))
        #expect(!result.err.contains("RecordingTransport"))
        #expect(result.out.isEmpty)
    }
}
