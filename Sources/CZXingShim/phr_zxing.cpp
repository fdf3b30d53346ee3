// The C interface of phr_zxing.h over ZXing-C++ 1.4 (ReadBarcodes). Exceptions never cross into Swift.
#define ZX_USE_UTF8 1
#include "phr_zxing.h"

#include <ZXing/ReadBarcode.h>
#include <ZXing/ZXVersion.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <new>
#include <vector>

struct phr_zxing_results {
    std::vector<std::vector<uint8_t>> symbols;
};

static void copy_message(char *message, size_t capacity, const char *text) {
    if (message == nullptr || capacity == 0) return;
    std::strncpy(message, text, capacity - 1);
    message[capacity - 1] = '\0';
}

/// `source` enlarged `scale` times with bilinear interpolation (pixel centres aligned, edges clamped).
static std::vector<uint8_t> enlarged(const uint8_t *source, int width, int height, int stride, int scale) {
    const int w = width * scale, h = height * scale;
    std::vector<uint8_t> out(static_cast<size_t>(w) * static_cast<size_t>(h));
    for (int y = 0; y < h; ++y) {
        float fy = (static_cast<float>(y) + 0.5f) / static_cast<float>(scale) - 0.5f;
        fy = std::clamp(fy, 0.0f, static_cast<float>(height - 1));
        const int y0 = static_cast<int>(fy), y1 = std::min(height - 1, y0 + 1);
        const float ay = fy - static_cast<float>(y0);
        const uint8_t *row0 = source + static_cast<size_t>(y0) * stride, *row1 = source + static_cast<size_t>(y1) * stride;
        uint8_t *dst = out.data() + static_cast<size_t>(y) * w;
        for (int x = 0; x < w; ++x) {
            float fx = (static_cast<float>(x) + 0.5f) / static_cast<float>(scale) - 0.5f;
            fx = std::clamp(fx, 0.0f, static_cast<float>(width - 1));
            const int x0 = static_cast<int>(fx), x1 = std::min(width - 1, x0 + 1);
            const float ax = fx - static_cast<float>(x0);
            const float top = row0[x0] * (1 - ax) + row0[x1] * ax, bottom = row1[x0] * (1 - ax) + row1[x1] * ax;
            dst[x] = static_cast<uint8_t>(top * (1 - ay) + bottom * ay + 0.5f);
        }
    }
    return out;
}

extern "C" int phr_zxing_read(const uint8_t *gray, int width, int height, int stride, int scale,
                              phr_zxing_results **out, char *message, size_t capacity) {
    if (out != nullptr) *out = nullptr;
    if (gray == nullptr || out == nullptr || width <= 0 || height <= 0 || stride < width || scale < 1 || scale > 4
        || static_cast<long long>(width) * height * scale * scale > PHR_ZXING_MAX_SCALED_PIXELS) {
        copy_message(message, capacity, "bad argument");
        return PHR_ZXING_BAD_ARGUMENT;
    }
    try {
        std::vector<uint8_t> big;
        const uint8_t *pixels = gray;
        if (scale > 1) {
            big = enlarged(gray, width, height, stride, scale);
            pixels = big.data();
            width *= scale;
            height *= scale;
            stride = width;
        }
        ZXing::ImageView image(pixels, width, height, ZXing::ImageFormat::Lum, stride);
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        hints.setTryHarder(true);
        hints.setTryRotate(true);
        hints.setTryDownscale(true);
        ZXing::Results found = ZXing::ReadBarcodes(image, hints);
        auto *results = new phr_zxing_results();
        for (const auto &result : found) {
            if (!result.isValid() || result.format() != ZXing::BarcodeFormat::QRCode) continue;
            const ZXing::ByteArray &bytes = result.bytes();
            results->symbols.emplace_back(bytes.begin(), bytes.end());
        }
        *out = results;
        return PHR_ZXING_OK;
    } catch (const std::exception &e) {
        copy_message(message, capacity, e.what());
    } catch (...) {
        copy_message(message, capacity, "unknown C++ exception");
    }
    return PHR_ZXING_FAILED;
}

extern "C" size_t phr_zxing_results_count(const phr_zxing_results *results) {
    return results == nullptr ? 0 : results->symbols.size();
}

extern "C" const uint8_t *phr_zxing_results_bytes(const phr_zxing_results *results, size_t index, size_t *length) {
    if (results == nullptr || index >= results->symbols.size()) {
        if (length != nullptr) *length = 0;
        return nullptr;
    }
    const auto &symbol = results->symbols[index];
    if (length != nullptr) *length = symbol.size();
    return symbol.data();
}

extern "C" void phr_zxing_results_free(phr_zxing_results *results) { delete results; }

#define PHR_STR2(x) #x
#define PHR_STR(x) PHR_STR2(x)
extern "C" const char *phr_zxing_version(void) {
    return PHR_STR(ZXING_VERSION_MAJOR) "." PHR_STR(ZXING_VERSION_MINOR) "." PHR_STR(ZXING_VERSION_PATCH);
}
