// The libpng shim: the only C in geohub's PNG path. It owns setjmp so that libpng's
// longjmp error reporting stays inside C, and turns every failure into a return code
// plus a message. See include/CPNG.h for the contract.
#include "CPNG.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Per-call state handed to libpng's callbacks (error text and the output buffer).
typedef struct cpng_context {
    cpng_buffer *out;
    char *message;
    size_t message_size;
} cpng_context;

static void cpng_set_message(cpng_context *context, const char *text) {
    if (context->message == NULL || context->message_size == 0) return;
    snprintf(context->message, context->message_size, "%s", text ? text : "libpng error");
}

/// libpng's error callback: record the message, then longjmp back to the setjmp in
/// cpng_encode. (Returning instead would make libpng print to stderr first.)
static void cpng_error(png_structp png, png_const_charp text) {
    cpng_context *context = (cpng_context *)png_get_error_ptr(png);
    if (context) cpng_set_message(context, text);
    png_longjmp(png, 1);
}

/// Warnings (for example about unusual chunk values) are not errors; stay quiet.
static void cpng_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

/// Appends `length` bytes to the output buffer, growing it geometrically.
static void cpng_write(png_structp png, png_bytep data, size_t length) {
    cpng_context *context = (cpng_context *)png_get_io_ptr(png);
    cpng_buffer *out = context->out;
    if (out->size + length > out->capacity) {
        size_t capacity = out->capacity ? out->capacity : 4096;
        while (capacity < out->size + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(out->data, capacity);
        if (grown == NULL) {
            png_error(png, "out of memory while writing PNG");  // longjmps to cpng_encode
        }
        out->data = grown;
        out->capacity = capacity;
    }
    memcpy(out->data + out->size, data, length);
    out->size += length;
}

/// Output goes to memory: nothing to flush (libpng still needs the callback).
static void cpng_flush(png_structp png) { (void)png; }

static int cpng_validate(const cpng_image *image, const cpng_settings *settings, cpng_context *context) {
    if (image == NULL || settings == NULL || image->pixels == NULL) {
        cpng_set_message(context, "no image to encode");
        return -1;
    }
    if (image->width == 0 || image->height == 0 || image->width > 0x7fffffff || image->height > 0x7fffffff) {
        cpng_set_message(context, "image width and height must be positive");
        return -1;
    }
    if (image->kind == CPNG_KIND_RGBA) {
        if (image->stride < (size_t)image->width * 4) {
            cpng_set_message(context, "RGBA stride is shorter than a row");
            return -1;
        }
    } else if (image->kind == CPNG_KIND_PALETTE) {
        int depth = image->bit_depth;
        if (depth != 1 && depth != 2 && depth != 4 && depth != 8) {
            cpng_set_message(context, "palette bit depth must be 1, 2, 4 or 8");
            return -1;
        }
        if (image->palette == NULL || image->palette_count < 1 || image->palette_count > (1 << depth)) {
            cpng_set_message(context, "palette must hold 1 … 2^depth colours");
            return -1;
        }
        if (image->alpha_count < 0 || image->alpha_count > image->palette_count ||
            (image->alpha_count > 0 && image->alpha == NULL)) {
            cpng_set_message(context, "tRNS alpha count exceeds the palette");
            return -1;
        }
        if (image->stride < (size_t)image->width) {
            cpng_set_message(context, "palette stride is shorter than a row");
            return -1;
        }
    } else {
        cpng_set_message(context, "unknown pixel layout");
        return -1;
    }
    if (settings->compression_level < 0 || settings->compression_level > 9 || settings->mem_level < 1 ||
        settings->mem_level > 9 || settings->strategy < 0 || settings->strategy > 4 ||
        (settings->filters & 0xf8) == 0) {
        cpng_set_message(context, "compression level 0-9, memory level 1-9, a zlib strategy and a filter are required");
        return -1;
    }
    return 0;
}

int cpng_encode(const cpng_image *image, const cpng_settings *settings, cpng_buffer *out,
                char *message, size_t message_size) {
    cpng_context context = {out, message, message_size};
    if (message && message_size) message[0] = '\0';
    if (out == NULL) {
        cpng_set_message(&context, "no output buffer");
        return -1;
    }
    out->size = 0;
    if (cpng_validate(image, settings, &context) != 0) return -1;

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context, cpng_error, cpng_warning);
    if (png == NULL) {
        cpng_set_message(&context, "png_create_write_struct failed (out of memory)");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        cpng_set_message(&context, "png_create_info_struct failed (out of memory)");
        return -1;
    }
    // Everything below may longjmp back here on a libpng error. No local that is
    // modified after this point is read after the jump.
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        out->size = 0;
        if (message && message_size && message[0] == '\0') cpng_set_message(&context, "libpng error");
        return -1;
    }
    png_set_write_fn(png, &context, cpng_write, cpng_flush);
    png_set_compression_level(png, settings->compression_level);
    png_set_compression_mem_level(png, settings->mem_level);
    png_set_compression_strategy(png, settings->strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, settings->filters & 0xf8);

    if (image->kind == CPNG_KIND_RGBA) {
        png_set_IHDR(png, info, image->width, image->height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    } else {
        png_color colors[256];
        for (int i = 0; i < image->palette_count; i++) {
            colors[i].red = image->palette[3 * i];
            colors[i].green = image->palette[3 * i + 1];
            colors[i].blue = image->palette[3 * i + 2];
        }
        png_set_IHDR(png, info, image->width, image->height, image->bit_depth, PNG_COLOR_TYPE_PALETTE,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
        png_set_PLTE(png, info, colors, image->palette_count);
        // libpng scans every row for indices beyond the palette (a byte-by-byte loop that
        // costs ~5 % of a tile); the Swift encoder builds indices from the palette itself.
        png_set_check_for_invalid_index(png, 0);
        if (image->alpha_count > 0) {
            png_set_tRNS(png, info, image->alpha, image->alpha_count, NULL);
        }
    }
    png_write_info(png, info);
    if (image->kind == CPNG_KIND_PALETTE && image->bit_depth < 8) {
        png_set_packing(png);  // indices arrive one per byte; libpng packs them
    }
    for (uint32_t row = 0; row < image->height; row++) {
        png_write_row(png, image->pixels + (size_t)row * image->stride);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

void cpng_buffer_free(cpng_buffer *buffer) {
    if (buffer == NULL) return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
    buffer->capacity = 0;
}

const char *cpng_libpng_version(void) { return PNG_LIBPNG_VER_STRING; }
