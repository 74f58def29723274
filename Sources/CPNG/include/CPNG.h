#pragma once
// The libpng shim. libpng reports errors with longjmp, which must never cross Swift
// frames, so every call that can fail runs inside C functions here that own setjmp.
// Swift sees only plain structs, integers and a message buffer: no png_struct, no
// jmp_buf, no callbacks.
#include <png.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Pixel layouts `cpng_encode` accepts (plain integers so no C enum reaches Swift APIs).
#define CPNG_KIND_RGBA 0    /* 4 bytes per pixel, straight (non-premultiplied) alpha */
#define CPNG_KIND_PALETTE 1 /* 1 byte per pixel: an index into `palette` */

/// PNG row filters (the bits of libpng's PNG_FILTER_* mask).
#define CPNG_FILTER_NONE 0x08
#define CPNG_FILTER_SUB 0x10
#define CPNG_FILTER_UP 0x20
#define CPNG_FILTER_AVG 0x40
#define CPNG_FILTER_PAETH 0x80

/// zlib strategies (the values of zlib's Z_DEFAULT_STRATEGY … Z_FIXED).
#define CPNG_STRATEGY_DEFAULT 0
#define CPNG_STRATEGY_FILTERED 1
#define CPNG_STRATEGY_HUFFMAN_ONLY 2
#define CPNG_STRATEGY_RLE 3
#define CPNG_STRATEGY_FIXED 4

/// A growable output buffer owned by C (malloc/realloc). Reuse one per thread: each
/// `cpng_encode` call overwrites `size` from 0 and keeps the capacity.
typedef struct cpng_buffer {
    unsigned char *data;
    size_t size;
    size_t capacity;
} cpng_buffer;

/// The image to encode. Rows are `stride` bytes apart, top row first.
typedef struct cpng_image {
    uint32_t width;
    uint32_t height;
    int kind;                      /* CPNG_KIND_RGBA or CPNG_KIND_PALETTE */
    const unsigned char *pixels;
    size_t stride;
    int bit_depth;                 /* palette only: 1, 2, 4 or 8 (indices stay 1 per byte; libpng packs) */
    const unsigned char *palette;  /* palette only: palette_count × (r, g, b) */
    int palette_count;             /* 1 … 256 */
    const unsigned char *alpha;    /* palette only: tRNS alpha of the first alpha_count entries, or NULL */
    int alpha_count;               /* 0 … palette_count */
} cpng_image;

/// Compression settings, passed to png_set_compression_* and png_set_filter.
typedef struct cpng_settings {
    int compression_level; /* 0 … 9 */
    int filters;           /* an OR of CPNG_FILTER_* bits (at least one) */
    int strategy;          /* CPNG_STRATEGY_* */
    int mem_level;         /* 1 … 9, zlib's memLevel (8 is zlib's default) */
} cpng_settings;

/// Encodes `image` as a PNG into `out` (its previous contents are replaced).
///
/// Returns 0 on success. On any libpng error (reported by libpng through longjmp,
/// caught here by setjmp) or allocation failure returns -1 and writes a NUL-terminated
/// message of at most `message_size` bytes into `message`; `out` then holds no
/// valid PNG. Never longjmps out of this function and never aborts the process.
int cpng_encode(const cpng_image *image, const cpng_settings *settings, cpng_buffer *out,
                char *message, size_t message_size);

/// Frees the memory of `buffer` (free) and zeroes it; safe to call twice.
void cpng_buffer_free(cpng_buffer *buffer);

/// The libpng version the shim was compiled against, e.g. "1.6.39".
const char *cpng_libpng_version(void);

#ifdef __cplusplus
}
#endif
