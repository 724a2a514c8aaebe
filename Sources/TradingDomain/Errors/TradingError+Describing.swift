import Foundation

extension TradingError {
    /// A sentence for any error, safe to show a person or an agent: a `TradingError`'s message, a localized
    /// description where the error type provides one, or a plain name — never Swift's debug dump of the value
    /// (type names, enum payloads, memory layouts are internals, not explanations).
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let trading as TradingError:
            return trading.message
        case is CancellationError:
            return "the request was cancelled"
        case let decoding as DecodingError:
            switch decoding {
            case .dataCorrupted: return "the answer was not readable JSON"
            case .keyNotFound(let key, _): return "the answer lacked the field \"\(key.stringValue)\""
            case .typeMismatch, .valueNotFound: return "the answer had a field of an unexpected type"
            @unknown default: return "the answer could not be read"
            }
        case let url as URLError:
            return describe(url)
        case let localized as LocalizedError:
            return localized.errorDescription ?? "an unexpected \(String(describing: type(of: error))) error"
        default:
            let nsError = error as NSError
            if nsError.domain == NSPOSIXErrorDomain || nsError.domain == NSCocoaErrorDomain {
                return nsError.localizedDescription
            }
            return "an unexpected \(String(describing: type(of: error))) error"
        }
    }

    /// URL loading failures in words (Foundation on Linux describes them only by domain and number).
    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: return "the request timed out"
        case .networkConnectionLost: return "the connection dropped before an answer"
        case .cannotConnectToHost, .cannotFindHost: return "the gateway could not be reached"
        case .notConnectedToInternet: return "there is no network connection"
        case .cancelled: return "the request was cancelled"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasUnknownRoot:
            return "the TLS connection failed"
        default: return "the request failed (URL error \(error.code.rawValue))"
        }
    }
}
