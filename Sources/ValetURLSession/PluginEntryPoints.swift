import Foundation

/// The C entry points `HTTPCore` finds with `dlsym`. This library is loaded only when Valet talks to a real
/// gateway, so a server on the twin or a replay never maps FoundationNetworking, libcurl and their TLS stack
/// (about 13 MiB of resident memory). Messages cross as JSON bytes; nothing Swift-typed crosses the boundary.

/// The version of this interface; HTTPCore refuses a library with another.
@_cdecl("valet_urlsession_interface_version")
public func valetURLSessionInterfaceVersion() -> Int32 { 2 }

/// A new client; pair with `valet_urlsession_close`.
@_cdecl("valet_urlsession_open")
public func valetURLSessionOpen(_ timeoutSeconds: Int32, _ maxConnectionsPerHost: Int32) -> UnsafeMutableRawPointer {
    let client = URLSessionClient(
        timeoutSeconds: Int(timeoutSeconds), maxConnectionsPerHost: Int(maxConnectionsPerHost))
    return Unmanaged.passRetained(client).toOpaque()
}

/// Releases a client made by `valet_urlsession_open`; requests in flight still complete.
@_cdecl("valet_urlsession_close")
public func valetURLSessionClose(_ client: UnsafeMutableRawPointer) {
    Unmanaged<URLSessionClient>.fromOpaque(client).release()
}

/// Cancels the request the caller numbered `number`; its completion then reports `cancelled`.
@_cdecl("valet_urlsession_cancel")
public func valetURLSessionCancel(_ client: UnsafeMutableRawPointer, _ number: UInt64) {
    Unmanaged<URLSessionClient>.fromOpaque(client).takeUnretainedValue().cancel(number)
}

/// Sends the JSON request in `bytes` as request `number` (the caller's, for `valet_urlsession_cancel`);
/// `completion(context, replyBytes, replyCount)` is called exactly once, on another thread, with the JSON reply
/// (valid only during the call).
@_cdecl("valet_urlsession_send")
public func valetURLSessionSend(
    _ client: UnsafeMutableRawPointer, _ number: UInt64, _ bytes: UnsafePointer<UInt8>, _ count: Int,
    _ context: UnsafeMutableRawPointer?,
    _ completion: @escaping @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, Int) -> Void
) {
    let session = Unmanaged<URLSessionClient>.fromOpaque(client).takeUnretainedValue()
    nonisolated(unsafe) let context = context
    let reply: @Sendable (PluginReply) -> Void = { reply in
        let encoded = (try? JSONEncoder().encode(reply)) ?? Data(#"{"failureText":"unencodable reply"}"#.utf8)
        encoded.withUnsafeBytes { raw in
            completion(context, raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
        }
    }
    do {
        let request = try JSONDecoder().decode(PluginRequest.self, from: Data(bytes: bytes, count: count))
        session.send(request, number: number, completion: reply)
    } catch {
        reply(PluginReply(failureText: "unreadable request: \(error)"))
    }
}
