/*
 * image.h - photographs sent with a practice (PNG, JPEG): what a file is,
 * judged from its bytes, before anything is decoded.
 *
 * Only the headers are read: a PNG's chunks (IHDR first, IEND last), a
 * JPEG's markers (a frame header SOFn, the scans, EOI).  The type is what
 * the bytes say, whatever the file's name; the dimensions and size are
 * held to the limits below, so that a file claiming 100000 x 100000
 * pixels is refused before a decoder (libharu, at render) allocates for it.
 */
#ifndef TIDTAM_IMAGE_H
#define TIDTAM_IMAGE_H

#include <stddef.h>

struct tt_error;

/* The most of an image file read, in bytes (checked before it is read). */
#define IMAGE_MAX_BYTES (8LL << 20)
/* The most pixels along either side, and in all. */
#define IMAGE_MAX_SIDE 6000
#define IMAGE_MAX_PIXELS 40000000L

enum image_format { IMAGE_NONE, IMAGE_PNG, IMAGE_JPEG };

struct image_info {
	enum image_format format;
	unsigned width, height;   /* pixels */
};

/*
 * 1 if path's extension (case aside) is one an image file is sent under:
 * .png, .jpg, .jpeg.  Which files ingest reads as images; what they are
 * is decided by image_inspect().
 */
int image_file_name(const char *path);

/*
 * Judge the len bytes at data as a photograph: a PNG or JPEG whose
 * structure is whole (PNG: signature, IHDR first, chunks within the file,
 * an IDAT, IEND; JPEG: SOI, a baseline or progressive frame header before
 * the first scan, EOI after it) and whose dimensions are within
 * IMAGE_MAX_SIDE and IMAGE_MAX_PIXELS.  Fills *out and returns 0, or
 * returns TT_EPARSE with err's message saying why (issue E-IMAGE;
 * image_refusal_th() gives its Thai).  Reads nothing outside data.
 */
int image_inspect(const void *data, size_t len, struct image_info *out, struct tt_error *err);

/*
 * Refuse an image file of size bytes, over IMAGE_MAX_BYTES, unread:
 * sets err (TT_EPARSE, issue E-IMAGE) and returns TT_EPARSE.
 */
int image_too_large(long long size, struct tt_error *err);

/*
 * The Thai of a refusal image_inspect() or image_too_large() set in err:
 * what is wrong and what to do (a static string), or NULL if err is not
 * one of theirs.
 */
const char *image_refusal_th(const struct tt_error *err);

/* "png" or "jpeg" (as stored), or "" for IMAGE_NONE. */
const char *image_format_name(enum image_format f);

#endif
