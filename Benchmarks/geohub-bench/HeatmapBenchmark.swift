/// Not written yet: see the issue that names `make bench BENCH=heatmap`.
enum HeatmapBenchmark {
    struct NotImplemented: Error {}
    static func run(_ arguments: [String]) throws { throw NotImplemented() }
}
