#if os(macOS)
    import Foundation

    /// Accepts the gateway's self-signed certificate, but only for loopback hosts (macOS only: on Linux,
    /// URLSession never asks a delegate about server trust).
    final class LoopbackTrustDelegate: NSObject, URLSessionDelegate, Sendable {
        private static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

        func urlSession(
            _ session: URLSession, didReceive challenge: URLAuthenticationChallenge,
            completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
        ) {
            let space = challenge.protectionSpace
            guard space.authenticationMethod == NSURLAuthenticationMethodServerTrust,
                Self.loopbackHosts.contains(space.host.lowercased()), let trust = space.serverTrust
            else {
                completionHandler(.performDefaultHandling, nil)
                return
            }
            completionHandler(.useCredential, URLCredential(trust: trust))
        }
    }
#endif
