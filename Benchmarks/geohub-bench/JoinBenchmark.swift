/// Not written yet: see the issue that names `make bench BENCH=join`.
enum JoinBenchmark {
    struct NotImplemented: Error {}
    static func run(_ arguments: [String]) throws { throw NotImplemented() }
}
