// libpng (simplified read API is longjmp-safe). Writing with setjmp lives in CPHRShims.
#ifndef PHR_CPNG_SHIM_H
#define PHR_CPNG_SHIM_H
#include <png.h>
static inline size_t phr_png_image_size(png_imagep img) { return PNG_IMAGE_SIZE(*img); }
#endif
