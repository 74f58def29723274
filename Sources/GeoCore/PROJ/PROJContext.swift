internal import CProj

/// One `PJ_CONTEXT`, the PROJ state that must never be used by two threads at once.
///
/// Every PROJ object geohub creates lives in exactly one context, and a context is
/// used by one thread at a time (a ``Transformer`` owns its own; the thread cache
/// owns one per thread for inspecting CRSs). The context installs a log function
/// (`proj_log_func`) so that PROJ's messages are collected here rather than printed
/// to stderr: they become the text of a ``PROJError``.
final class PROJContext {
    /// The `PJ_CONTEXT *`. Valid for the lifetime of this object.
    let handle: OpaquePointer
    /// Messages PROJ logged since the last `takeMessages()`.
    private var messages: [String] = []
    /// How many distinct messages are kept between two `takeMessages()` calls.
    static let maximumMessages = 8

    /// Creates a context with error-level logging routed to this object.
    ///
    /// Wraps `proj_context_create` (NULL on failure), `proj_log_level` and
    /// `proj_log_func` (both void).
    init() throws(PROJError) {
        guard let context = proj_context_create() else {
            throw PROJError(
                operation: "proj_context_create", message: "PROJ could not create a context (out of memory?)")
        }
        handle = context
        proj_log_level(context, PJ_LOG_ERROR)
        // The log function runs synchronously on the thread calling PROJ with this
        // context, so it may touch `messages` without a lock. `self` outlives every
        // call because the context is destroyed in `deinit`.
        proj_log_func(context, Unmanaged.passUnretained(self).toOpaque()) { appData, _, text in
            guard let appData, let text else { return }
            let context = Unmanaged<PROJContext>.fromOpaque(appData).takeUnretainedValue()
            // A batch with many failing points logs once per point: keep the first few.
            guard context.messages.count < PROJContext.maximumMessages else { return }
            let message = String(cString: text)
            if context.messages.last != message { context.messages.append(message) }
        }
    }

    deinit {
        // `proj_context_destroy` returns void. Objects made in this context are
        // destroyed by their owners before the context (they hold a reference to it).
        proj_context_destroy(handle)
    }

    /// Forgets earlier messages, so an error reports only what the next call logs.
    func clearMessages() {
        messages.removeAll(keepingCapacity: true)
    }

    /// Returns and forgets the messages PROJ logged since the last call.
    func takeMessages() -> [String] {
        defer { messages.removeAll(keepingCapacity: true) }
        return messages
    }

    /// Builds the error for a failed `operation`: PROJ's logged text, else its
    /// errno string (`proj_context_errno`, `proj_context_errno_string`).
    func error(_ operation: String, fallback: String = "PROJ reported a failure without a message") -> PROJError {
        let code = Int(proj_context_errno(handle))
        var text = takeMessages().joined(separator: "; ")
        if text.isEmpty, code != 0, let errnoText = proj_context_errno_string(handle, Int32(code)) {
            text = String(cString: errnoText)
        }
        return PROJError(operation: operation, message: text.isEmpty ? fallback : text, code: code)
    }
}
