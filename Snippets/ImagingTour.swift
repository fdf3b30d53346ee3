// PHRImaging in a few lines: a card's QR code as a PNG, and read back.
// (PHRImaging landing page; `make test` builds this snippet and PHRCLITests runs it.)
import PHRImaging

// snippet.tour
let code = try QRCode.encode(
    prefixedNumericText: "PHR1:0123456789", errorCorrection: .M)
let png = try PNG.encode(code.render(modulePixels: 8), dpi: 300)
let symbols = try QRScanner.scan(try ImageFile.decode(png))
print(symbols[0].text, "read by", symbols[0].reader)
// snippet.end

// snippet.hide
precondition(symbols.count == 1 && symbols[0].text == "PHR1:0123456789")
print("snippet ImagingTour: ok")
// snippet.show
