// C interface to ZXing-C++ QR reading for PHRImaging (the only caller). Nothing C++ crosses this header.
#ifndef PHRCARD_PHR_ZXING_H
#define PHRCARD_PHR_ZXING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The outcome of phr_zxing_read.
enum {
    PHR_ZXING_OK = 0,            ///< the scan ran; *out holds the symbols found (possibly none)
    PHR_ZXING_BAD_ARGUMENT = 1,  ///< a null pointer, a non-positive size or a stride smaller than the width
    PHR_ZXING_FAILED = 2,        ///< ZXing threw (out of memory, internal error); *message says what
};

/// The QR symbols found in one image: free with phr_zxing_results_free.
typedef struct phr_zxing_results phr_zxing_results;

/// The largest image phr_zxing_read accepts after scaling, in pixels.
#define PHR_ZXING_MAX_SCALED_PIXELS 67108864 // 8192 × 8192

/// Reads every QR code in an 8-bit greyscale image (0 = black) with ZXing-C++: QR only, try-harder, rotations
/// and downscaling on, the symbols' raw bytes without character-set conversion.
/// - gray: width × height pixels, rows `stride` bytes apart; borrowed for the call only.
/// - scale: 1 reads the image as given; 2…4 first enlarges it that many times with bilinear interpolation (ZXing
///   1.4 samples small modules, about 4 pixels or fewer, much more reliably on an enlarged image). The scaled
///   image must not exceed PHR_ZXING_MAX_SCALED_PIXELS.
/// - out: receives the results (NULL on failure); the caller frees them.
/// - message, capacity: a NUL-terminated reason on PHR_ZXING_FAILED (may be NULL / 0).
int phr_zxing_read(const uint8_t *gray, int width, int height, int stride, int scale, phr_zxing_results **out,
                   char *message, size_t capacity);

/// How many symbols `results` holds.
size_t phr_zxing_results_count(const phr_zxing_results *results);

/// Symbol `index`'s data bytes (valid until phr_zxing_results_free); *length receives their number.
const uint8_t *phr_zxing_results_bytes(const phr_zxing_results *results, size_t index, size_t *length);

/// Frees results (NULL is allowed).
void phr_zxing_results_free(phr_zxing_results *results);

/// The ZXing-C++ version the shim was built against, e.g. "1.4.0".
const char *phr_zxing_version(void);

#ifdef __cplusplus
}
#endif

#endif
