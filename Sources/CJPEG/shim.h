// libjpeg (turbo). Error handling needs setjmp, so calls go through CPHRShims.
#ifndef PHR_CJPEG_SHIM_H
#define PHR_CJPEG_SHIM_H
#include <stdio.h>
#include <stddef.h>
#include <jpeglib.h>
#endif
