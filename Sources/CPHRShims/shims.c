// setjmp-based wrappers for libpng writing and libjpeg reading/writing.
// Every libpng/libjpeg call that can fail is made between setjmp and the matching cleanup, so an error
// longjmps back here (never across Swift frames) and comes out as a non-zero status plus a message.
#include "phr_shims.h"
#include <png.h>
#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

void phr_free(void *p) { free(p); }

static void phr_set_err(char *err, size_t err_len, const char *msg) {
    if (err == NULL || err_len == 0) return;
    snprintf(err, err_len, "%s", msg ? msg : "unknown error");
}

// MARK: - PNG writing

typedef struct {
    uint8_t *data;
    size_t len;
    size_t cap;
    int failed;
} phr_buffer;

typedef struct {
    jmp_buf jmp;
    char *err;
    size_t err_len;
} phr_png_ctx;

static void phr_png_error(png_structp png, png_const_charp msg) {
    phr_png_ctx *ctx = (phr_png_ctx *)png_get_error_ptr(png);
    phr_set_err(ctx->err, ctx->err_len, msg);
    longjmp(ctx->jmp, 1);
}

static void phr_png_warning(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
}

static void phr_png_write_data(png_structp png, png_bytep data, size_t length) {
    phr_buffer *buf = (phr_buffer *)png_get_io_ptr(png);
    if (buf->len + length > buf->cap) {
        size_t cap = buf->cap ? buf->cap : 4096;
        while (cap < buf->len + length) cap *= 2;
        uint8_t *grown = (uint8_t *)realloc(buf->data, cap);
        if (grown == NULL) {
            buf->failed = 1;
            png_error(png, "out of memory");
        }
        buf->data = grown;
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, data, length);
    buf->len += length;
}

static void phr_png_flush(png_structp png) { (void)png; }

int phr_png_write_gray(const uint8_t *pixels, uint32_t width, uint32_t height, int bit_depth,
                       uint32_t pixels_per_metre, uint8_t **out, size_t *out_len, char *err, size_t err_len) {
    if (out == NULL || out_len == NULL) return 1;
    *out = NULL;
    *out_len = 0;
    if (pixels == NULL || width == 0 || height == 0) {
        phr_set_err(err, err_len, "empty image");
        return 1;
    }
    if (bit_depth != 1 && bit_depth != 8) {
        phr_set_err(err, err_len, "bit depth must be 1 or 8");
        return 1;
    }
    size_t row_bytes = bit_depth == 8 ? (size_t)width : ((size_t)width + 7) / 8;
    // volatile: these are modified after setjmp and read after a longjmp.
    uint8_t *volatile row = (uint8_t *)calloc(row_bytes, 1);
    if (row == NULL) {
        phr_set_err(err, err_len, "out of memory");
        return 1;
    }
    phr_png_ctx ctx;
    ctx.err = err;
    ctx.err_len = err_len;
    phr_buffer buf = {NULL, 0, 0, 0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, phr_png_error, phr_png_warning);
    if (png == NULL) {
        free(row);
        phr_set_err(err, err_len, "png_create_write_struct failed");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        free(row);
        phr_set_err(err, err_len, "png_create_info_struct failed");
        return 1;
    }
    if (setjmp(ctx.jmp)) {
        png_destroy_write_struct(&png, &info);
        free(row);
        free(buf.data);
        return 1;
    }
    png_set_write_fn(png, &buf, phr_png_write_data, phr_png_flush);
    png_set_IHDR(png, info, width, height, bit_depth, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (pixels_per_metre > 0) {
        png_set_pHYs(png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
    }
    png_set_compression_level(png, 9);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t *src = pixels + (size_t)y * width;
        if (bit_depth == 8) {
            memcpy(row, src, width);
        } else {
            memset(row, 0, row_bytes);
            for (uint32_t x = 0; x < width; x++) {
                // 1-bit greyscale: bit set = white. Pixels below 128 are dark (bit clear).
                if (src[x] >= 128) row[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
            }
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    *out = buf.data;
    *out_len = buf.len;
    return 0;
}

// MARK: - JPEG

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jmp;
    char *err;
    size_t err_len;
} phr_jpeg_err;

static void phr_jpeg_error_exit(j_common_ptr cinfo) {
    phr_jpeg_err *e = (phr_jpeg_err *)cinfo->err;
    char msg[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, msg);
    phr_set_err(e->err, e->err_len, msg);
    longjmp(e->jmp, 1);
}

static void phr_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void phr_jpeg_emit_message(j_common_ptr cinfo, int level) {
    // Corrupt-data warnings (truncated file, bad Huffman code, ...) are fatal: a damaged JPEG must fail
    // instead of decoding as half grey. Only extraneous bytes between markers are tolerated.
    if (level < 0) {
        phr_jpeg_err *e = (phr_jpeg_err *)cinfo->err;
        if (cinfo->err->msg_code != JWRN_EXTRANEOUS_DATA) {
            char msg[JMSG_LENGTH_MAX];
            (*cinfo->err->format_message)(cinfo, msg);
            phr_set_err(e->err, e->err_len, msg);
            longjmp(e->jmp, 1);
        }
        cinfo->err->num_warnings++;
    }
}

int phr_jpeg_decode_gray(const uint8_t *data, size_t len, uint32_t max_dim, uint8_t **out, uint32_t *width,
                         uint32_t *height, char *err, size_t err_len) {
    if (out == NULL || width == NULL || height == NULL) return 1;
    *out = NULL;
    *width = 0;
    *height = 0;
    if (data == NULL || len == 0) {
        phr_set_err(err, err_len, "empty input");
        return 1;
    }
    struct jpeg_decompress_struct cinfo;
    phr_jpeg_err jerr;
    uint8_t *volatile pixels = NULL;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&jerr.pub);
    jerr.pub.error_exit = phr_jpeg_error_exit;
    jerr.pub.output_message = phr_jpeg_output_message;
    jerr.pub.emit_message = phr_jpeg_emit_message;
    jerr.err = err;
    jerr.err_len = err_len;
    if (setjmp(jerr.jmp)) {
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width > max_dim || cinfo.image_height > max_dim) {
        snprintf(err, err_len, "image is %ux%u, larger than the maximum %u", cinfo.image_width,
                 cinfo.image_height, max_dim);
        jpeg_destroy_decompress(&cinfo);
        return 2;  // too large
    }
    cinfo.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&cinfo);
    if (cinfo.output_components != 1) {
        phr_set_err(err, err_len, "decoder did not produce greyscale");
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    size_t w = cinfo.output_width, h = cinfo.output_height;
    pixels = (uint8_t *)malloc(w * h);
    if (pixels == NULL) {
        phr_set_err(err, err_len, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + (size_t)cinfo.output_scanline * w;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    *out = pixels;
    *width = (uint32_t)w;
    *height = (uint32_t)h;
    return 0;
}

int phr_jpeg_encode_gray(const uint8_t *pixels, uint32_t width, uint32_t height, int quality, uint8_t **out,
                         size_t *out_len, char *err, size_t err_len) {
    if (out == NULL || out_len == NULL) return 1;
    *out = NULL;
    *out_len = 0;
    if (pixels == NULL || width == 0 || height == 0) {
        phr_set_err(err, err_len, "empty image");
        return 1;
    }
    if (quality < 1 || quality > 100) {
        phr_set_err(err, err_len, "quality must be 1...100");
        return 1;
    }
    struct jpeg_compress_struct cinfo;
    phr_jpeg_err jerr;
    // libjpeg allocates the output with malloc and updates mem/mem_len through these pointers; their addresses
    // escape, so they live in memory and are valid after a longjmp.
    unsigned char *mem = NULL;
    unsigned long mem_len = 0;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&jerr.pub);
    jerr.pub.error_exit = phr_jpeg_error_exit;
    jerr.pub.output_message = phr_jpeg_output_message;
    jerr.err = err;
    jerr.err_len = err_len;
    if (setjmp(jerr.jmp)) {
        jpeg_destroy_compress(&cinfo);
        free(mem);
        return 1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &mem, &mem_len);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = 1;
    cinfo.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * width);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = mem;
    *out_len = (size_t)mem_len;
    return 0;
}
