// Small C helpers for libraries that report errors with longjmp (libpng writing, libjpeg).
// Swift cannot survive a longjmp across its frames, so these functions catch it with setjmp and return a status.
#ifndef PHR_SHIMS_H
#define PHR_SHIMS_H
#include <stddef.h>
#include <stdint.h>

/// Writes an 8-bit-per-pixel greyscale image (0 = black) as a PNG of the given bit depth (1 or 8) with a pHYs
/// chunk of `pixels_per_metre`. On success returns 0 and sets *out / *out_len (free with phr_free).
/// On failure returns non-zero and writes a message into `err` (NUL-terminated, at most err_len bytes).
int phr_png_write_gray(const uint8_t *pixels, uint32_t width, uint32_t height, int bit_depth,
                       uint32_t pixels_per_metre, uint8_t **out, size_t *out_len, char *err, size_t err_len);

/// Decodes a JPEG (any colour space libjpeg can convert) into 8-bit greyscale. On success returns 0 and sets
/// *out (width*height bytes, free with phr_free), *width and *height. Returns 2 without allocating pixels when
/// the image is wider or taller than max_dim, and 1 for any other failure (corrupt or truncated data is fatal).
int phr_jpeg_decode_gray(const uint8_t *data, size_t len, uint32_t max_dim, uint8_t **out, uint32_t *width,
                         uint32_t *height, char *err, size_t err_len);

/// Encodes 8-bit greyscale as a baseline JPEG at `quality` (1...100). On success returns 0 and sets *out /
/// *out_len (free with phr_free); on failure returns non-zero with a message in `err`.
int phr_jpeg_encode_gray(const uint8_t *pixels, uint32_t width, uint32_t height, int quality, uint8_t **out,
                         size_t *out_len, char *err, size_t err_len);

void phr_free(void *p);
#endif
