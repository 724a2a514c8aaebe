import FoundationEssentials

extension URLSessionTransport {
    /// URLSession's error codes (`URLError.Code` raw values) that get their own explanation.
    enum LoadingCode {
        static let cancelled = -999
        static let timedOut = -1001
        static let cannotFindHost = -1003
        static let cannotConnectToHost = -1004
        static let dnsLookupFailed = -1006
        /// secureConnectionFailed … clientCertificateRequired.
        static let tls = -1206 ... -1200
    }

    /// Turns a failed exchange into a `TransportError` that names the URL and the fix.
    ///
    /// On Linux, curl's TLS failures arrive as `URLError(.unknown)` carrying curl's text, not as the
    /// certificate codes Darwin uses, so the text is inspected too.
    static func transportError(
        for reply: URLSessionLibrary.Reply, url: String, configuration: Configuration
    ) -> TransportError {
        let text = reply.failureText ?? "no answer"
        let root = rootDescription(configuration.baseURL)
        if reply.cancelled == true || reply.failureCode == LoadingCode.cancelled {
            return TransportError(
                code: .cancelled, message: "the request to \(url) was cancelled.",
                hint: "nothing to fix unless the cancellation was unexpected")
        }
        guard let code = reply.failureCode else {
            return TransportError(
                code: .network, message: "the request to \(url) failed: \(text).",
                hint: "check that the gateway at \(root) is running and reachable")
        }
        switch code {
        case LoadingCode.cannotConnectToHost:
            return refusal(text: text, configuration: configuration)
        case LoadingCode.cannotFindHost, LoadingCode.dnsLookupFailed:
            return TransportError(
                code: .hostNotFound, message: "the host of \(root) could not be resolved: \(text).",
                hint: "use http://127.0.0.1:5000/v1/api for a gateway on this machine")
        case LoadingCode.timedOut:
            return TransportError(
                code: .timedOut,
                message: "no answer from \(url) within \(max(1, configuration.timeoutSeconds)) s.",
                hint: "the gateway may be starting, stuck or in its nightly reset; check it in a browser at "
                    + "\(loginURL(configuration.baseURL)), or raise the timeout setting")
        case LoadingCode.tls:
            return tlsError(text: text, configuration: configuration)
        default:
            if isTLSText(text) { return tlsError(text: text, configuration: configuration) }
            if isRefusal(text) { return refusal(text: text, configuration: configuration) }
            return TransportError(
                code: .network, message: "the request to \(url) failed: \(text) (URLError \(code)).",
                hint: "check that the gateway at \(root) is running; retry once it answers in a browser")
        }
    }

    /// Nothing listens at the base URL.
    static func refusal(text: String, configuration: Configuration) -> TransportError {
        let root = rootDescription(configuration.baseURL)
        return TransportError(
            code: .connectionRefused,
            message: "the Client Portal Gateway isn't running at \(root) (\(text)).",
            hint:
                "start it from its folder with `bin/run.sh root/conf.yaml` (Windows: `bin\\run.bat root\\conf.yaml`), "
                + "log in once in a browser at \(loginURL(configuration.baseURL)), and check that the port matches "
                + "`listenPort` in root/conf.yaml")
    }

    /// The error for a failed TLS handshake, with both ways out spelled out.
    static func tlsError(text: String, configuration: Configuration) -> TransportError {
        let root = rootDescription(configuration.baseURL)
        let plain = plainHTTPURL(configuration.baseURL)
        if text.lowercased().contains("wrong version number") {
            return TransportError(
                code: .tlsFailure,
                message: "TLS handshake with \(root) failed: the server answered in plain HTTP (\(text)).",
                hint: "the gateway runs with `listenSsl: false`; use the base URL \(plain)")
        }
        return TransportError(
            code: .tlsFailure,
            message: "TLS handshake with \(root) failed: \(text). URLSession on Linux cannot accept the gateway's "
                + "self-signed certificate.",
            hint: "either (1) set `listenSsl: false` in the gateway's root/conf.yaml, restart it, and use the base URL "
                + "\(plain) (keep `ips.allow` limited to 127.0.0.1); or (2) give the gateway a certificate trusted by the "
                + "system store: make one with SAN `DNS:localhost, IP:127.0.0.1`, put it in a JKS named by `sslCert`/`sslPwd` "
                + "in root/conf.yaml, and add its PEM to the system trust store (e.g. copy it to "
                + "/usr/local/share/ca-certificates/ and run `sudo update-ca-certificates`)")
    }

    static func isTLSText(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["ssl", "tls", "certificate", "openssl", "handshake"].contains { lowered.contains($0) }
    }

    static func isRefusal(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.contains("couldn't connect") || lowered.contains("connection refused")
            || lowered.contains("failed to connect")
    }

    /// `scheme://host:port` of the base URL, for messages.
    static func rootDescription(_ base: URL) -> String {
        base.absoluteString
    }

    /// The same base URL with `http` instead of `https`.
    static func plainHTTPURL(_ base: URL) -> String {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            return "http://127.0.0.1:5000/v1/api"
        }
        components.scheme = "http"
        return components.url?.absoluteString ?? "http://127.0.0.1:5000/v1/api"
    }

    /// Where a person logs in: the gateway's root page on the same scheme, host and port.
    static func loginURL(_ base: URL) -> String {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            return base.absoluteString
        }
        components.path = ""
        components.query = nil
        return components.url?.absoluteString ?? base.absoluteString
    }
}
