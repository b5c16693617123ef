/*
 * test-image.c - photographs judged from their headers: PNG and JPEG made
 * here byte by byte, whole, cut at every length, lying about their size,
 * of kinds a PDF cannot hold, and files that are no image at all.
 */
#include <stdlib.h>
#include <string.h>

#include "tidtam/error.h"
#include "tidtam/image.h"
#include "test.h"

struct buf {
	unsigned char b[4096];
	size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void put32(struct buf *b, unsigned long v)
{
	unsigned char p[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };
	put(b, p, 4);
}

static void put16(struct buf *b, unsigned v)
{
	unsigned char p[2] = { (unsigned char)(v >> 8), (unsigned char)v };
	put(b, p, 2);
}

static void chunk(struct buf *b, const char *type, const void *data, size_t n)
{
	put32(b, n);
	put(b, type, 4);
	if (n)
		put(b, data, n);
	put32(b, 0);  /* CRC: not what is judged */
}

/* A PNG of w x h, depth and colour type, IDAT, IEND (iend 0: none). */
static void png(struct buf *b, unsigned long w, unsigned long h, int depth, int colour,
		int interlace, int iend)
{
	unsigned char ihdr[13] = { 0 };

	b->n = 0;
	put(b, "\x89PNG\r\n\x1a\n", 8);
	ihdr[0] = (unsigned char)(w >> 24), ihdr[1] = (unsigned char)(w >> 16);
	ihdr[2] = (unsigned char)(w >> 8), ihdr[3] = (unsigned char)w;
	ihdr[4] = (unsigned char)(h >> 24), ihdr[5] = (unsigned char)(h >> 16);
	ihdr[6] = (unsigned char)(h >> 8), ihdr[7] = (unsigned char)h;
	ihdr[8] = (unsigned char)depth, ihdr[9] = (unsigned char)colour;
	ihdr[12] = (unsigned char)interlace;
	chunk(b, "IHDR", ihdr, 13);
	chunk(b, "tEXt", "Comment\0made here", 17);
	chunk(b, "IDAT", "\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
	if (iend)
		chunk(b, "IEND", NULL, 0);
}

/* A JPEG: SOI, APP0, SOFn of w x h, SOS, entropy data with stuffing and a restart, EOI. */
static void jpeg(struct buf *b, int sof, unsigned w, unsigned h, int scan_first)
{
	static const unsigned char sos[] = { 0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0 };
	static const unsigned char data[] = { 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF,
					      0x00, 0x78 };
	unsigned char frame[] = { 0xFF, (unsigned char)sof, 0, 17, 8, 0, 0, 0, 0, 3,
				  1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1 };

	frame[5] = (unsigned char)(h >> 8), frame[6] = (unsigned char)h;
	frame[7] = (unsigned char)(w >> 8), frame[8] = (unsigned char)w;
	b->n = 0;
	put(b, "\xFF\xD8", 2);
	put(b, "\xFF\xE0", 2);
	put16(b, 16);
	put(b, "JFIF\0\1\1\0\0\1\0\1\0\0", 14);
	if (scan_first)
		put(b, sos, sizeof(sos));
	put(b, frame, sizeof(frame));
	put(b, sos, sizeof(sos));
	put(b, data, sizeof(data));
	put(b, "\xFF\xD9", 2);
}

/* 1 if data is refused as E-IMAGE with a message beginning with why, and Thai. */
static int refused(const void *data, size_t len, const char *why)
{
	struct image_info info;
	struct tt_error err;
	int rc;

	tt_error_clear(&err);
	rc = image_inspect(data, len, &info, &err);
	if (rc != TT_EPARSE || !err.issue || strcmp(err.issue, "E-IMAGE") ||
	    !image_refusal_th(&err) || strncmp(err.message, why, strlen(why))) {
		fprintf(stderr, "  rc %d, message '%s'\n", rc, err.message);
		return 0;
	}
	return 1;
}

/*
 * 1 if b cut at every length short of its own is refused, each cut copied
 * to a buffer of its own length (valgrind sees a read past it).
 */
static int refused_cut_short(const struct buf *b)
{
	struct image_info info;
	struct tt_error err;
	size_t n;
	int all = 1;

	for (n = 0; n < b->n; n++) {
		unsigned char *copy = malloc(n ? n : 1);

		memcpy(copy, b->b, n);
		all &= image_inspect(copy, n, &info, &err) == TT_EPARSE;
		free(copy);
	}
	return all;
}

int main(void)
{
	struct buf b;
	struct image_info info;
	struct tt_error err;

	/* whole files */
	png(&b, 3000, 2000, 8, 2, 0, 1);
	CHECK(image_inspect(b.b, b.n, &info, &err) == 0);
	CHECK(info.format == IMAGE_PNG && info.width == 3000 && info.height == 2000);
	CHECK_STR(image_format_name(info.format), "png");
	png(&b, 1, 1, 1, 0, 0, 1);
	CHECK(image_inspect(b.b, b.n, &info, &err) == 0);
	png(&b, 640, 480, 8, 3, 0, 1);
	CHECK(image_inspect(b.b, b.n, &info, &err) == 0);
	png(&b, 640, 480, 8, 6, 0, 1);
	CHECK(image_inspect(b.b, b.n, &info, &err) == 0);
	jpeg(&b, 0xC0, 640, 480, 0);
	CHECK(image_inspect(b.b, b.n, &info, &err) == 0);
	CHECK(info.format == IMAGE_JPEG && info.width == 640 && info.height == 480);
	CHECK_STR(image_format_name(info.format), "jpeg");
	jpeg(&b, 0xC2, 600, 900, 0);  /* progressive */
	CHECK(image_inspect(b.b, b.n, &info, &err) == 0 && info.height == 900);

	/* sizes claimed past the limits: refused before anything is decoded */
	png(&b, 100000, 100000, 8, 2, 0, 1);
	CHECK(refused(b.b, b.n, "image too large in pixels"));
	png(&b, 6001, 10, 8, 2, 0, 1);
	CHECK(refused(b.b, b.n, "image too large in pixels"));
	png(&b, 6000, 6000, 8, 2, 0, 1);  /* 36 million: within */
	CHECK(image_inspect(b.b, b.n, &info, &err) == 0);
	png(&b, 0x80000000UL, 1, 8, 2, 0, 1);
	CHECK(refused(b.b, b.n, "image too large in pixels"));
	png(&b, 0, 10, 8, 2, 0, 1);
	CHECK(refused(b.b, b.n, "image too large in pixels"));
	jpeg(&b, 0xC0, 65535, 65535, 0);
	CHECK(refused(b.b, b.n, "image too large in pixels"));
	jpeg(&b, 0xC0, 640, 0, 0);  /* height given later (DNL): not taken */
	CHECK(refused(b.b, b.n, "image too large in pixels"));

	/* cut short at every length: each refused, none read past its end */
	png(&b, 300, 200, 8, 2, 0, 1);
	CHECK(refused_cut_short(&b));
	png(&b, 300, 200, 8, 2, 0, 0);
	CHECK(refused(b.b, b.n, "image file cut short"));
	jpeg(&b, 0xC0, 640, 480, 0);
	CHECK(refused_cut_short(&b));
	CHECK(refused(b.b, b.n - 2, "image file cut short"));

	/* damaged */
	png(&b, 300, 200, 8, 2, 0, 1);
	memcpy(b.b + 12, "IDAT", 4);  /* IHDR not first */
	CHECK(refused(b.b, b.n, "image file damaged"));
	png(&b, 300, 200, 8, 2, 0, 1);
	b.b[33] = 0xFF, b.b[34] = 0xFF, b.b[35] = 0xFF, b.b[36] = 0xF0; /* tEXt's length */
	CHECK(refused(b.b, b.n, "image file damaged"));
	png(&b, 300, 200, 7, 2, 0, 1);
	CHECK(refused(b.b, b.n, "image file damaged"));
	jpeg(&b, 0xC0, 640, 480, 1);  /* a scan before the frame header */
	CHECK(refused(b.b, b.n, "image file damaged"));
	jpeg(&b, 0xC0, 640, 480, 0);
	b.b[21] = 0x00;  /* a marker's 0xFF lost */
	CHECK(refused(b.b, b.n, "image file damaged"));

	/* kinds a report cannot print */
	png(&b, 300, 200, 16, 2, 0, 1);
	CHECK(refused(b.b, b.n, "image of a kind not supported"));
	png(&b, 300, 200, 8, 2, 1, 1);
	CHECK(refused(b.b, b.n, "image of a kind not supported"));
	jpeg(&b, 0xC3, 640, 480, 0);  /* lossless */
	CHECK(refused(b.b, b.n, "image of a kind not supported"));
	jpeg(&b, 0xC9, 640, 480, 0);  /* arithmetic coding */
	CHECK(refused(b.b, b.n, "image of a kind not supported"));

	/* no image at all, whatever the name */
	CHECK(refused("code,name\n1,a\n", 14, "not a PNG or JPEG image"));
	CHECK(refused("", 0, "not a PNG or JPEG image"));
	CHECK(refused("GIF89a", 6, "not a PNG or JPEG image"));
	CHECK(refused("\x89PNG\r\n", 6, "image file cut short"));

	/* too large a file, refused unread */
	tt_error_clear(&err);
	CHECK(image_too_large(300LL << 20, &err) == TT_EPARSE);
	CHECK(strstr(err.message, "image file too large") && image_refusal_th(&err));
	tt_error_clear(&err);
	tt_error_set(&err, TT_EPARSE, "image file damaged, said elsewhere");
	CHECK(image_refusal_th(&err) == NULL);  /* not image.c's refusal */

	/* which names are read as images */
	CHECK(image_file_name("practices/a/01.jpg"));
	CHECK(image_file_name("A.JPEG") && image_file_name("ภาพ.Png"));
	CHECK(!image_file_name("a.png.txt") && !image_file_name("a.png/x") &&
	      !image_file_name("jpg"));
	return test_report("test-image");
}
