/// An error reported by GEOS, carrying GEOS's own message.
///
/// GEOS signals failure through its return conventions (NULL for pointers, 0 for
/// status codes, 2 for predicates) and passes the reason to the error message
/// handler that ``GEOSContext`` registers with `GEOSContext_setErrorMessageHandler_r`.
/// `message` is that text (for example `ParseException: Expected word but
/// encountered end of stream`); `function` names the C function that failed.
public struct GEOSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The GEOS C function that reported the failure, e.g. `GEOSWKTReader_read_r`.
    public let function: String
    /// GEOS's message, or a description of the failure when GEOS gave none.
    public let message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "GEOS \(function): \(message)" }
}
