import FoundationEssentials
import GatewayTwin

extension FaultSpec {
    /// The twin's fault rule for this spec; nil for `drop`, which the connection (not the twin) performs, and for a
    /// journal write failure, which Valet's own disk suffers.
    public var twinRule: FaultRule? {
        let twinFault: TwinFault
        switch kind {
        case .drop, .journalWriteFailure: return nil
        case .serviceUnavailableAfterLanding: twinFault = .serviceUnavailableAfterProcessing
        case .internalServerError: twinFault = .internalServerError
        case .rateLimited(let penalty): twinFault = .rateLimited(penaltySeconds: penalty)
        case .timeout: twinFault = .timeout
        case .latency(let seconds): twinFault = .latency(seconds: seconds)
        case .lostAnswerHidden(let seconds): twinFault = .answerLostOrderHidden(seconds: seconds)
        case .competingSession: twinFault = .competingSession
        case .sessionExpiry: twinFault = .sessionExpiry
        case .orderInactive: twinFault = .orderInactive
        }
        return FaultRule(
            method: method, pathPrefix: pathPrefix, fault: twinFault, probability: probability, skipFirst: skip,
            limit: count)
    }
}
