import FoundationEssentials
import MCPKit

/// A named set of faults armed before a swarm run's first step.
public struct FaultProfile: Sendable, Equatable {
    public var name: String
    public var faults: [FaultSpec]

    public init(name: String, faults: [FaultSpec]) {
        self.name = name
        self.faults = faults
    }

    /// The profiles a swarm runs by default: none, orders that land but answer 503 and reads that fail, 429 pacing,
    /// a slow gateway that sometimes never answers, and dropped connections.
    public static let standard: [FaultProfile] = [
        FaultProfile(name: "calm", faults: []),
        FaultProfile(
            name: "flaky-orders",
            faults: [
                FaultSpec(
                    method: "POST", pathPrefix: "/iserver/account/", kind: .serviceUnavailableAfterLanding, count: nil,
                    probability: 0.3),
                FaultSpec(
                    method: "GET", pathPrefix: "/iserver/account/orders", kind: .internalServerError, count: nil,
                    probability: 0.2),
            ]),
        FaultProfile(
            name: "rate-limited",
            faults: [FaultSpec(kind: .rateLimited(penaltySeconds: 30), count: nil, probability: 0.1)]),
        FaultProfile(
            name: "slow-gateway",
            faults: [
                FaultSpec(kind: .latency(seconds: 3), count: nil, probability: 0.5),
                FaultSpec(
                    method: "POST", pathPrefix: "/iserver/account/", kind: .timeout, count: nil, probability: 0.2),
            ]),
        FaultProfile(name: "dropped-connections", faults: [FaultSpec(kind: .drop, count: nil, probability: 0.1)]),
        FaultProfile(
            name: "session-trouble",
            faults: [
                FaultSpec(kind: .competingSession, count: 1, skip: 20, probability: 0.05),
                FaultSpec(kind: .sessionExpiry, count: nil, probability: 0.03),
                FaultSpec(
                    method: "POST", pathPrefix: "/iserver/account/", kind: .orderInactive, count: nil,
                    probability: 0.2),
            ]),
        FaultProfile(
            name: "full-disk",
            faults: [FaultSpec(kind: .journalWriteFailure, count: nil, skip: 2, probability: 0.15)]),
        FaultProfile(
            name: "lost-answers",
            faults: [
                FaultSpec(
                    method: "POST", pathPrefix: "/iserver/account/", kind: .lostAnswerHidden(seconds: 120),
                    count: nil, probability: 0.3)
            ]),
    ]
}

extension FaultSpec {
    /// The fault as a scenario step's `fault` object.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["kind": .string(kind.keyword), "skip": .int(skip)]
        object["method"] = method.map(JSONValue.string)
        if !pathPrefix.isEmpty { object["path"] = .string(pathPrefix) }
        object["count"] = count.map(JSONValue.int) ?? .string("unlimited")
        if probability < 1 { object["probability"] = .double(probability) }
        switch kind {
        case .rateLimited(let penalty): object["penalty"] = .string(TimeText.duration(penalty))
        case .latency(let seconds): object["delay"] = .string(TimeText.duration(seconds))
        case .lostAnswerHidden(let seconds): object["hide"] = .string(TimeText.duration(seconds))
        default: break
        }
        return .object(object)
    }
}
