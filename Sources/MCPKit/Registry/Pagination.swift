import FoundationEssentials

/// Cursor pagination for the list methods. Cursors are opaque to clients: base64 of `offset:N`.
struct Pagination {
    let pageSize: Int

    /// The slice of `items` the cursor points at, and the cursor of the next page if any.
    func page<T>(_ items: [T], cursor: JSONValue?) throws(JSONRPCError) -> (items: ArraySlice<T>, next: String?) {
        var offset = 0
        switch cursor {
        case nil, .null?:
            offset = 0
        case .string(let text)?:
            guard let decoded = Data(base64Encoded: text).map({ String(decoding: $0, as: UTF8.self) }),
                decoded.hasPrefix("offset:"), let value = Int(decoded.dropFirst("offset:".count)),
                value >= 0, value <= items.count
            else {
                throw .invalidParams(
                    "Invalid params: unknown cursor \"\(text)\"; pass the nextCursor of the previous page")
            }
            offset = value
        case let other?:
            throw .invalidParams("Invalid params: \"cursor\" must be a string, not \(other.typeName)")
        }
        let end = min(items.count, offset + pageSize)
        let next = end < items.count ? Data("offset:\(end)".utf8).base64EncodedString() : nil
        return (items[offset..<end], next)
    }

    /// A list method's result: the page of `items` under `key`, plus `nextCursor` when more follow.
    func list<T>(
        _ key: String, _ items: [T], cursor: JSONValue?, json: (T) -> JSONValue
    ) throws(JSONRPCError) -> JSONValue {
        let page = try page(items, cursor: cursor)
        var result: [String: JSONValue] = [key: .array(page.items.map(json))]
        if let next = page.next { result["nextCursor"] = .string(next) }
        return .object(result)
    }
}
