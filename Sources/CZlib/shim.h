// zlib. Only PHRCodecs imports this module.
#ifndef PHR_CZLIB_SHIM_H
#define PHR_CZLIB_SHIM_H
#include <zlib.h>
static inline int phr_deflateInit2(z_streamp s, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(s, level, Z_DEFLATED, windowBits, memLevel, strategy);
}
static inline int phr_inflateInit2(z_streamp s, int windowBits) { return inflateInit2(s, windowBits); }
static inline int phr_deflateInit(z_streamp s, int level) { return deflateInit(s, level); }
#endif
