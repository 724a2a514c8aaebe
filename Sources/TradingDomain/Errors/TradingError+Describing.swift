import FoundationEssentials

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
        case let localized as LocalizedError:
            return localized.errorDescription ?? "an unexpected \(String(describing: type(of: error))) error"
        case let posix as POSIXError:
            return describe(code: posix.code)
        case let cocoa as CocoaError:
            let path = cocoa.filePath.map { " (\($0))" } ?? ""
            if let posix = cocoa.underlying as? POSIXError { return describe(code: posix.code) + path }
            return "a file operation failed (Foundation error \(cocoa.code.rawValue))" + path
        default:
            return "an unexpected \(String(describing: type(of: error))) error"
        }
    }

    /// The common system errors in words (FoundationEssentials has no `localizedDescription`).
    private static func describe(code: POSIXError.Code) -> String {
        switch code {
        case .ENOENT: return "no such file or directory"
        case .EACCES, .EPERM: return "permission denied"
        case .ENOSPC: return "no space left on the device"
        case .EROFS: return "the file system is read-only"
        case .EEXIST: return "the file already exists"
        case .EISDIR: return "it is a directory"
        case .ENOTDIR: return "a part of the path is not a directory"
        case .EIO: return "an input/output error"
        default: return "system error \(code.rawValue)"
        }
    }
}
