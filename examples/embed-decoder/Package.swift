// swift-tools-version:6.2
//
// An app that embeds the PHRCard decoder: it verifies and opens a card text with PHRCardCore alone, so it links
// libcrypto and zlib and none of the QR, image, SQLite or print libraries (scripts/test-embed-decoder proves it).
import PackageDescription

let package = Package(
    name: "embed-decoder",
    dependencies: [
        // This repository. An app outside it would use `.package(url: …, from: …)` instead.
        .package(name: "PHRCard", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "embed-decoder", dependencies: [
            .product(name: "PHRCardCore", package: "PHRCard"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
