// PHRPrint in a few lines: a freshly issued card as a PDF, on ID-1 when its QR code fits, else A6.
// (PHRPrint landing page; `make test` builds this snippet and PHRCLITests runs it.)
import Foundation
import PHRCardCore
import PHRPrint

// snippet.hide
let issuerKey = IssuerSigningKey.p256(P256.Signing.PrivateKey())
let record = try HealthRecord(jsonData: Array(#"{"holder": {"given": "Amina", "family": "Yusuf", "languages": ["so"]}}"#.utf8))
let options = IssueOptions(issuerID: "clinic-042", issuedAt: Int64(Date().timeIntervalSince1970))
// snippet.show

// snippet.tour
let issued = try CardIssuer.issue(
    record, signingKey: issuerKey, options: options)
let printable = PrintableCard(
    card: issued, record: record, issuerID: options.issuerID)
var printOptions = PrintOptions(moduleSizeMM: 0.40)
printOptions.layout = try CardPrinter.automaticLayout(
    printable, options: printOptions)            // ID-1, else A6
let document = try CardPrinter.pdf(printable, options: printOptions)
print(document.pageCount, "pages;",
      "no translation for:", document.missingLanguages)
// snippet.end

// snippet.hide
precondition(document.bytes.starts(with: Array("%PDF".utf8)) && document.pageCount == 2)
precondition(printOptions.layout == .id1)
print("snippet PrintTour: ok")
// snippet.show
