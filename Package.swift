// swift-tools-version:6.2
// 6.2: Hummingbird 2 (the station's HTTP server) declares swift-tools-version 6.2; `traits: []` below needs 6.1.
//
// PHRCard: a signed, encrypted personal health record card printed as one QR code.
// Layout: one system-library target per native library (C stays inside the Swift module that wraps it),
// one small C target for code that needs setjmp (libpng, libjpeg), Swift modules by responsibility with dependencies
// pointing one way (README "Module graph"), library products for the parts an embedder picks (`PHRCardCore` alone
// links libcrypto and zlib only), `PHRCard` as the umbrella, and the `phrcard` command.
// No library product contains a target with unsafeFlags (PHRCardCLI's static stdlib, PHRWearKit's -O).
import PackageDescription

/// What `import PHRCard` (the umbrella) brings. Targets inside this package that import the umbrella depend on its
/// parts too: the umbrella's own module never changes (it only re-exports), and SwiftPM rebuilds a target when the
/// modules it depends on directly change — without the parts listed, a change in PHRCardCore would leave them stale.
let umbrella: [Target.Dependency] = [
    "PHRCard", "PHRCardCore", "PHRTrust", "PHRIssuanceLog", "PHRFHIR", "PHRLocalization", "PHRImaging",
]

let package = Package(
    name: "PHRCard",
    products: [
        /// Record model, compact encoding, dictionary, COSE/CWT, issue / verify / open, holder code, key files.
        .library(name: "PHRCardCore", targets: ["PHRCardCore"]),
        /// Signed trust lists, reader directory, revocation lists.
        .library(name: "PHRTrust", targets: ["PHRTrust"]),
        /// The issuer's append-only issuance log (SQLite).
        .library(name: "PHRIssuanceLog", targets: ["PHRIssuanceLog"]),
        /// FHIR R4 International Patient Summary import and export.
        .library(name: "PHRFHIR", targets: ["PHRFHIR"]),
        /// QR encoding, PNG/JPEG, QR scanning (libqrencode, libpng, libjpeg, ZXing-C++, libzbar).
        .library(name: "PHRImaging", targets: ["PHRImaging"]),
        /// Printed cards as PDF and PNG (cairo, Pango).
        .library(name: "PHRPrint", targets: ["PHRPrint"]),
        /// Everything above in one import (`import PHRCard`).
        .library(name: "PHRCard", targets: ["PHRCard"]),
        .executable(name: "phrcard", targets: ["PHRCardCLI"]),
        .executable(name: "phrcard-vectors", targets: ["PHRCardVectors"]),
        .executable(name: "phrcard-bench", targets: ["PHRBench"]),
        .executable(name: "phrcard-wear", targets: ["PHRWear"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // MARK: Station (issue 14): HTTP server of `phrcard serve`; no default traits (no swift-configuration).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
        // MARK: API documentation (`make docs`): the `generate-documentation` command plugin only; nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: Native libraries (Debian providers; pkg-config names)
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZBar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CZXing", pkgConfig: "zxing", providers: [.apt(["libzxing-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        // setjmp-based error handling for libpng writing and libjpeg; nothing else is written in C.
        .target(name: "CPHRShims", dependencies: ["CPNG", "CJPEG"]),
        // ZXing-C++ behind a C interface (phr_zxing.h): the only C++ in the package.
        .target(name: "CZXingShim", dependencies: ["CZXing"]),

        // MARK: Swift modules
        /// CBOR (RFC 8949), numeric text form, Base45 (RFC 9285), raw DEFLATE (zlib).
        .target(name: "PHRCodecs", dependencies: ["CZlib"]),
        /// Hashes, KDFs, AEAD, key wrap, ECDSA/ECDH P-256, Ed25519, PEM keys, randomness (OpenSSL 3 libcrypto).
        .target(name: "PHRCrypto", dependencies: ["CLibCrypto"]),
        /// QR encoding (libqrencode), PNG/JPEG in and out, QR reading (ZXing-C++, then libzbar), SVG.
        .target(name: "PHRImaging", dependencies: ["CQREncode", "CPNG", "CZBar", "CJPEG", "CPHRShims", "CZXingShim"]),
        /// The card: record model, compact encoding, preset dictionary, COSE/CWT envelope, issue / verify / open,
        /// holder code, key files, errors. What an embedded decoder needs, and nothing else: libcrypto and zlib.
        .target(name: "PHRCardCore", dependencies: ["PHRCodecs", "PHRCrypto"]),
        /// Signed trust lists, the reader directory and revocation lists (spec/trust.md); pure, no storage.
        .target(name: "PHRTrust", dependencies: ["PHRCardCore"]),
        /// The issuer's append-only issuance log and the holder-hash key (spec/trust.md §6), in SQLite.
        .target(name: "PHRIssuanceLog", dependencies: ["PHRCardCore", "CSQLite"]),
        /// FHIR R4 International Patient Summary import (with a drop report) and export (spec/fhir.md).
        .target(name: "PHRFHIR", dependencies: ["PHRCardCore"]),
        /// The one translation table (spec/print/translations.tsv) and localized dates, shared by the printed card,
        /// the command's officer text and the station's pages.
        .target(name: "PHRLocalization", dependencies: ["PHRCardCore"]),
        /// `import PHRCard`: the umbrella over the library modules above and PHRImaging (no code of its own).
        .target(name: "PHRCard", dependencies: [
            "PHRCardCore", "PHRTrust", "PHRIssuanceLog", "PHRFHIR", "PHRLocalization", "PHRImaging",
        ]),
        /// Printed cards: ID-1/A6 layout, vector PDF, PNG previews, A4 sheets (cairo + Pango, Noto fonts).
        .target(name: "PHRPrint", dependencies: ["PHRCardCore", "PHRLocalization", "PHRImaging", "CPangoCairo"]),
        /// Population health-status reports: streamed aggregation of records, small-cell suppression with
        /// complementary suppression, differential privacy, HTML/SVG, PDF (cairo), CSV and JSON (spec/reports.md).
        /// Reads records and FHIR Bundles.
        .target(name: "PHRReports", dependencies: ["PHRCardCore", "PHRFHIR", "CPangoCairo"]),
        // MARK: Station (issue 14)
        /// What the `phrcard` command and the station share: $PHRCARD_HOME (only they know it), loading its keys
        /// and signed lists, verdicts, error codes.
        .target(name: "PHRToolSupport", dependencies: [
            "PHRCardCore", "PHRTrust", "PHRIssuanceLog", "PHRFHIR", "PHRLocalization", "PHRImaging",
        ]),
        /// The station: `phrcard serve`'s HTTP server, JSON API and web pages (Hummingbird 2).
        .target(name: "PHRStation", dependencies: [
            "PHRPrint", "PHRToolSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
        ] + umbrella, resources: [.copy("Web")]),

        /// The `phrcard` command. The Swift runtime and Foundation are linked statically: the dynamic loader then
        /// resolves far fewer symbols (half the loader work of a one-card `phrcard verify`, docs/benchmarks.md §7).
        .executableTarget(name: "PHRCardCLI", dependencies: umbrella + [
            "PHRPrint",
            "PHRReports",
            "PHRToolSupport", "PHRStation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [.unsafeFlags(["-static-stdlib", "-l_FoundationCollections", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-lswiftSynchronization"])]),

        /// Test-vector generation and checking (not part of the library product).
        .target(name: "PHRVectorKit", dependencies: umbrella),
        .executableTarget(name: "PHRCardVectors", dependencies: ["PHRVectorKit"]),

        /// Size and speed benchmarks against EU DCC and SMART Health Card style baselines (not part of the library).
        .executableTarget(name: "PHRBench", dependencies: umbrella + ["PHRCodecs", "PHRCrypto", "PHRReports"],
                          path: "Benchmarks/PHRBench"),
        /// Scanning after wear: a simulated print → stain/fold → phone photo pipeline and its decode rates
        /// (docs/robustness.md, `make robustness`).
        /// Optimised even in debug builds: its per-pixel loops would otherwise make `swift test` take minutes.
        .target(name: "PHRWearKit", dependencies: umbrella, path: "Benchmarks/PHRWearKit",
                swiftSettings: [.unsafeFlags(["-O"])]),
        .executableTarget(name: "PHRWear", dependencies: umbrella + ["PHRWearKit"], path: "Benchmarks/PHRWear"),
        // MARK: Fuzz targets (libFuzzer; see docs/robustness.md and `make fuzz`): the card parsers on PHRCardCore alone
        .target(name: "CFuzzerDriver", path: "Fuzz/CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", "PHRCardCore"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzCBOR", dependencies: ["PHRCodecs", "FuzzSupport"], path: "Fuzz/FuzzCBOR"),
        .executableTarget(name: "FuzzCardText", dependencies: ["PHRCardCore", "FuzzSupport"], path: "Fuzz/FuzzCardText"),
        .executableTarget(name: "FuzzCardEnvelope", dependencies: ["PHRCardCore", "FuzzSupport"], path: "Fuzz/FuzzCardEnvelope"),
        .executableTarget(name: "FuzzSignedClaims", dependencies: ["PHRCardCore", "FuzzSupport"], path: "Fuzz/FuzzSignedClaims"),
        .executableTarget(name: "FuzzRecordJSON", dependencies: ["PHRCardCore", "FuzzSupport"], path: "Fuzz/FuzzRecordJSON"),
        .executableTarget(name: "FuzzTierContent", dependencies: ["PHRCardCore", "FuzzSupport"], path: "Fuzz/FuzzTierContent"),
        .executableTarget(name: "FuzzIssueLimits", dependencies: ["PHRCardCore", "FuzzSupport"], path: "Fuzz/FuzzIssueLimits"),
        .executableTarget(name: "FuzzImage", dependencies: ["PHRImaging", "FuzzSupport"], path: "Fuzz/FuzzImage"),

        // MARK: Tests
        .testTarget(name: "PHRCodecsTests", dependencies: ["PHRCodecs"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PHRCryptoTests", dependencies: ["PHRCrypto"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PHRImagingTests", dependencies: ["PHRImaging"]),
        /// The library modules' tests (one target: they share fixtures, generators and the IPS corpus).
        .testTarget(name: "PHRCardTests", dependencies: umbrella + ["PHRToolSupport"], resources: [.copy("Fixtures")]),
        /// The `phrcard` runner shared by the command-line and station tests.
        .target(name: "PHRCLITestSupport", dependencies: umbrella, path: "Tests/PHRCLITestSupport"),
        .testTarget(name: "PHRCLITests", dependencies: umbrella + ["PHRCLITestSupport"]),
        .testTarget(name: "PHRPrintTests", dependencies: umbrella + ["PHRPrint"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PHRReportsTests", dependencies: umbrella + ["PHRReports"]),
        .testTarget(name: "PHRVectorTests", dependencies: ["PHRVectorKit"]),
        .testTarget(name: "PHRStationTests", dependencies: umbrella + ["PHRCLITestSupport"]),   // station (issue 14): real HTTP to `phrcard serve`
        .testTarget(name: "PHRRobustnessTests", dependencies: umbrella + ["PHRWearKit"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
