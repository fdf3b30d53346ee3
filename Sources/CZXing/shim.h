// ZXing-C++ (Debian libzxing-dev, pkg-config `zxing`) is a C++ library: Swift does not import it directly. This
// system-library module only carries its pkg-config flags (-I/usr/include/ZXing, -lZXing) to CZXingShim, whose C
// interface (phr_zxing.h) PHRImaging calls.
#ifndef PHRCARD_CZXING_SHIM_H
#define PHRCARD_CZXING_SHIM_H
#endif
