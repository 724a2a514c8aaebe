#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where `valet confirm` reads the person's answer: whether standard input is a terminal, and its next line.
struct ConfirmTerminal: Sendable {
    var isInteractive: @Sendable () -> Bool
    var readLine: @Sendable () -> String?

    static let standardInput = ConfirmTerminal(
        isInteractive: { isatty(STDIN_FILENO) == 1 },
        readLine: { Swift.readLine(strippingNewline: true) })
}
