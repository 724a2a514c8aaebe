import Foundation

let console = ConsoleIO(
    out: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
    err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
)
exit(await ValetCLI.run(CommandLine.arguments, io: console))
