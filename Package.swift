// swift-tools-version:6.0
// geohub: a geospatial data hub for a small city's smart-city office.
// No SwiftPM package dependencies: GEOS, PROJ, libpng, SQLite, libmicrohttpd and
// zlib come from the distribution as system libraries (see README, "Set-up").
import PackageDescription

// Release builds link the Swift runtime and Foundation into each executable
// (`-static-stdlib`, as `swift build --static-swift-stdlib` does, at compile and link
// time): a long-running `geohub serve` then maps no Swift shared libraries, whose
// symbol tables and relocations alone keep several megabytes resident.
let strictFlags: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors", "-static-stdlib"], .when(configuration: .release))
]
let staticRuntime: [LinkerSetting] = [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(configuration: .release))]

let package = Package(
    name: "geohub",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "Layers", targets: ["Layers"]),
        .library(name: "TileRenderer", targets: ["TileRenderer"]),
        .executable(name: "geohub", targets: ["geohub"]),
    ],
    targets: [
        // C libraries. System-library targets carry only a module map and a header;
        // the two with C code (libpng's setjmp, libmicrohttpd's variadic start) are
        // ordinary C targets with the smallest possible shim.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev", "proj-data"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]),
        .target(name: "CMicroHTTPD", linkerSettings: [.linkedLibrary("microhttpd")]),

        .target(
            name: "GeoCore", dependencies: ["CGEOS", "CProj", "CSQLite", "CZlib"], swiftSettings: strictFlags,
            linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Layers", dependencies: ["GeoCore"], swiftSettings: strictFlags),
        .target(name: "TileRenderer", dependencies: ["GeoCore", "Layers", "CPNG", "CSQLite", "CZlib"], swiftSettings: strictFlags),
        .executableTarget(
            name: "geohub",
            dependencies: ["GeoCore", "Layers", "TileRenderer", "CMicroHTTPD"],
            swiftSettings: strictFlags, linkerSettings: staticRuntime),
        // Writes examples/nagai and basemap/ reproducibly (and scaled copies for benchmarks).
        .executableTarget(
            name: "nagai-example", dependencies: ["GeoCore"], swiftSettings: strictFlags,
            linkerSettings: staticRuntime),
        // Release-mode benchmark drivers behind `make bench`.
        .executableTarget(
            name: "geohub-bench",
            dependencies: ["GeoCore", "Layers", "TileRenderer"],
            path: "Benchmarks/geohub-bench",
            swiftSettings: strictFlags, linkerSettings: staticRuntime),

        .target(name: "TestSupport", dependencies: ["GeoCore"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "TestSupport"]),
        .testTarget(name: "LayersTests", dependencies: ["Layers", "TestSupport"]),
        .testTarget(name: "TileRendererTests", dependencies: ["TileRenderer", "TestSupport"]),
        .testTarget(name: "geohubTests", dependencies: ["geohub", "TestSupport"]),
    ]
)
