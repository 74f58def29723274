internal import CProj

/// An owned `PJ *` (a CRS, coordinate system or operation) and the context it was made in.
///
/// Holding the context keeps it alive for as long as the object, so the object is
/// always destroyed before its context. Freed exactly once, in `deinit`
/// (`proj_destroy`, void).
final class PROJObject {
    let handle: OpaquePointer
    let context: PROJContext

    /// Takes ownership of `handle`, or throws the context's error when it is NULL.
    ///
    /// - Parameters:
    ///   - handle: the result of a PROJ call that returns a new `PJ *` (NULL on failure).
    ///   - context: the context the call was made in.
    ///   - operation: the PROJ function name, for the error.
    init(_ handle: OpaquePointer?, context: PROJContext, operation: String) throws(PROJError) {
        guard let handle else { throw context.error(operation) }
        self.handle = handle
        self.context = context
    }

    deinit { proj_destroy(handle) }

    /// Builds a PROJ object from a definition string (`proj_create`, NULL on failure).
    static func create(_ definition: String, in context: PROJContext) throws(PROJError) -> PROJObject {
        context.clearMessages()
        return try PROJObject(proj_create(context.handle, definition), context: context, operation: "proj_create")
    }
}
