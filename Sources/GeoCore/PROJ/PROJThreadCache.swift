import Foundation

/// The PROJ state owned by one thread: a context for inspecting CRSs and one
/// ``Transformer`` per (source, target) pair used on this thread.
///
/// Stored in the thread's `threadDictionary`, so it is never reached from another
/// thread and is released (freeing its contexts) when the thread ends. This is
/// what lets the `Sendable` ``CRSTransform`` be used from any number of threads
/// without sharing a `PJ` and without creating one per call.
final class PROJThreadCache {
    private static let key = "org.geohub.GeoCore.PROJThreadCache"
    /// More distinct pairs than this on one thread clears the cache (a safety valve; real use has a handful).
    private static let maximumTransformers = 64

    private var lazyContext: PROJContext?
    private var transformers: [CRSPair: Transformer] = [:]

    /// The calling thread's cache, created on first use.
    static func current() -> PROJThreadCache {
        let dictionary = Thread.current.threadDictionary
        if let cache = dictionary[key] as? PROJThreadCache { return cache }
        let cache = PROJThreadCache()
        dictionary[key] = cache
        return cache
    }

    /// This thread's context for one-off PROJ calls (CRS inspection).
    var context: PROJContext {
        get throws(PROJError) {
            if let lazyContext { return lazyContext }
            let made = try PROJContext()
            lazyContext = made
            return made
        }
    }

    /// This thread's transformer from `source` to `target`, made on first use.
    func transformer(from source: CRS, to target: CRS) throws(PROJError) -> Transformer {
        let pair = CRSPair(source: source.definition, target: target.definition)
        if let existing = transformers[pair] { return existing }
        let made = try Transformer(from: source, to: target)
        if transformers.count >= Self.maximumTransformers { transformers.removeAll() }
        transformers[pair] = made
        return made
    }

    private struct CRSPair: Hashable {
        var source: String
        var target: String
    }
}
