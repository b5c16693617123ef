/*
 * image.c - photographs judged from their headers: PNG and JPEG.
 *
 * A photograph is a few megabytes an analyst sends with a practice; it is
 * decoded only when a report is drawn (libharu), so everything that could
 * make that go wrong is found here first, from the bytes alone: what the
 * file is (not what its name says), whether it is whole, and how many
 * pixels a decoder would allocate for.  Nothing is decoded and nothing is
 * allocated; every read is checked against the end of the buffer.
 */
#include <string.h>
#include <strings.h>

#include "tidtam/error.h"
#include "tidtam/image.h"
#include "tidtam/banned.h"

/*
 * Why an image is refused: the English each message begins with, and the
 * Thai said of it, side by side.
 */
enum refusal { R_TOOLARGE, R_NOTIMAGE, R_SHORT, R_DAMAGED, R_PIXELS, R_KIND };

static const struct {
	const char *en, *th;
} refusals[] = {
	[R_TOOLARGE] = { "image file too large",
			 "ไฟล์ภาพใหญ่เกินขนาดที่ระบบรับได้ (ไม่เกิน 8 MiB ต่อไฟล์) กรุณาย่อขนาดภาพ"
			 " หรือบันทึกเป็น JPEG ที่มีคุณภาพต่ำลงแล้วส่งใหม่" },
	[R_NOTIMAGE] = { "not a PNG or JPEG image",
			 "ไฟล์นี้ไม่ใช่ภาพ PNG หรือ JPEG (แม้ชื่อไฟล์จะลงท้ายด้วย .jpg หรือ .png)"
			 " กรุณาบันทึกภาพเป็น JPEG หรือ PNG แล้วส่งใหม่" },
	[R_SHORT] = { "image file cut short",
		      "ไฟล์ภาพไม่ครบ (ส่วนท้ายของไฟล์ขาดหายไป เช่น คัดลอกหรือดาวน์โหลดมาไม่ครบ)"
		      " กรุณาส่งไฟล์ภาพต้นฉบับใหม่" },
	[R_DAMAGED] = { "image file damaged",
			"ไฟล์ภาพเสียหาย โครงสร้างของไฟล์ไม่ถูกต้อง กรุณาเปิดภาพในโปรแกรมแต่งภาพ"
			" บันทึกใหม่เป็น JPEG หรือ PNG แล้วส่งอีกครั้ง" },
	[R_PIXELS] = { "image too large in pixels",
		       "ภาพมีขนาดเกินที่ระบบรับได้ (ด้านละไม่เกิน 6,000 จุด และรวมไม่เกิน 40 ล้านจุด)"
		       " หรือไม่ระบุขนาด กรุณาย่อภาพแล้วส่งใหม่" },
	[R_KIND] = { "image of a kind not supported",
		     "ภาพชนิดนี้ระบบยังพิมพ์ลงรายงานไม่ได้ (เช่น PNG 16 บิต หรือ JPEG แบบไม่สูญเสีย)"
		     " กรุณาบันทึกใหม่เป็น JPEG ธรรมดา หรือ PNG 8 บิต แล้วส่งใหม่" },
};

#define NR_REFUSALS (sizeof(refusals) / sizeof(refusals[0]))

static int refuse(struct tt_error *err, enum refusal why, const char *detail)
{
	tt_error_set(err, TT_EPARSE, "%s: %s", refusals[why].en, detail);
	return tt_error_issue(err, "E-IMAGE");
}

const char *image_refusal_th(const struct tt_error *err)
{
	size_t i;

	if (!err || !err->issue || strcmp(err->issue, "E-IMAGE"))
		return NULL;
	for (i = 0; i < NR_REFUSALS; i++)
		if (!strncmp(err->message, refusals[i].en, strlen(refusals[i].en)))
			return refusals[i].th;
	return NULL;
}

int image_too_large(long long size, struct tt_error *err)
{
	tt_error_set(err, TT_EPARSE, "%s: %lld bytes, more than %lld (%lld MiB)",
		     refusals[R_TOOLARGE].en, size, IMAGE_MAX_BYTES, IMAGE_MAX_BYTES >> 20);
	return tt_error_issue(err, "E-IMAGE");
}

int image_file_name(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return 0;
	return !strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg");
}

const char *image_format_name(enum image_format f)
{
	return f == IMAGE_PNG ? "png" : f == IMAGE_JPEG ? "jpeg" : "";
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int check_pixels(unsigned long w, unsigned long h, struct tt_error *err)
{
	if (w && h && w <= IMAGE_MAX_SIDE && h <= IMAGE_MAX_SIDE &&
	    w * h <= (unsigned long)IMAGE_MAX_PIXELS)
		return 0;
	tt_error_set(err, TT_EPARSE, "%s: %lu x %lu pixels, more than %d a side or %ld in all"
		     " (or none)", refusals[R_PIXELS].en, w, h, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS);
	return tt_error_issue(err, "E-IMAGE");
}

/*
 * A PNG: the signature, then chunks (length, type, data, CRC), IHDR the
 * first, each lying within the file, at least one IDAT, ending at IEND.
 */
static int inspect_png(const unsigned char *p, size_t len, struct image_info *out,
		       struct tt_error *err)
{
	size_t at = 8;
	int chunks = 0, idat = 0;
	unsigned depth, colour;

	while (1) {
		unsigned long n;
		const unsigned char *type;

		if (len - at < 12)
			return refuse(err, R_SHORT, "no IEND chunk at the end of the PNG file");
		n = be32(p + at);
		type = p + at + 4;
		if (n > 0x7fffffffUL)
			return refuse(err, R_DAMAGED, "a PNG chunk longer than 2^31 bytes");
		if (n > len - at - 12)
			return refuse(err, R_SHORT, "a PNG chunk runs past the end of the file");
		if (!chunks++) {
			if (memcmp(type, "IHDR", 4) || n != 13)
				return refuse(err, R_DAMAGED, "the PNG file does not begin with IHDR");
			out->width = (unsigned)be32(p + at + 8) & 0x7fffffffU;
			out->height = (unsigned)be32(p + at + 12) & 0x7fffffffU;
			depth = p[at + 16];
			colour = p[at + 17];
			if (check_pixels(be32(p + at + 8), be32(p + at + 12), err))
				return TT_EPARSE;
			if (depth == 16 || p[at + 18] || p[at + 19] || p[at + 20] > 1 ||
			    !((colour == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
			      (colour == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
			      ((colour == 2 || colour == 4 || colour == 6) && depth == 8)))
				return refuse(err, depth == 16 ? R_KIND : R_DAMAGED,
					      depth == 16 ? "a PNG with 16 bits a sample"
							  : "a PNG header with values PNG does not have");
			if (p[at + 20])
				return refuse(err, R_KIND, "an interlaced PNG");
		} else if (!memcmp(type, "IDAT", 4)) {
			idat = 1;
		} else if (!memcmp(type, "IEND", 4)) {
			if (!idat)
				return refuse(err, R_DAMAGED, "a PNG file with no image data (IDAT)");
			break;
		}
		at += 12 + n;
	}
	out->format = IMAGE_PNG;
	return 0;
}

/*
 * A JPEG: SOI, then marker segments; a frame header (SOF0-2: baseline,
 * extended or progressive Huffman, which a PDF's DCTDecode takes) before
 * the first scan; each scan's entropy-coded data runs to the next marker
 * that is not a stuffed byte or a restart; EOI ends it.
 */
static int inspect_jpeg(const unsigned char *p, size_t len, struct image_info *out,
			struct tt_error *err)
{
	size_t at = 2;
	int frame = 0;

	while (1) {
		unsigned m, n;

		if (at >= len || p[at] != 0xFF) {
			if (at >= len)
				return refuse(err, R_SHORT, "no EOI marker at the end of the JPEG file");
			return refuse(err, R_DAMAGED, "a JPEG segment is not followed by a marker");
		}
		while (at < len && p[at] == 0xFF)  /* fill bytes */
			at++;
		if (at >= len)
			return refuse(err, R_SHORT, "no EOI marker at the end of the JPEG file");
		m = p[at++];
		if (m == 0xD9) {
			if (!frame)
				return refuse(err, R_DAMAGED, "a JPEG file with no image");
			break;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
			continue;  /* markers without a length */
		if (m == 0x00 || m == 0xD8)
			return refuse(err, R_DAMAGED, "a JPEG marker out of place");
		if (len - at < 2)
			return refuse(err, R_SHORT, "a JPEG segment runs past the end of the file");
		n = be16(p + at);
		if (n < 2)
			return refuse(err, R_DAMAGED, "a JPEG segment shorter than its length field");
		if (n > len - at)
			return refuse(err, R_SHORT, "a JPEG segment runs past the end of the file");
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			unsigned comps;

			if (m > 0xC2)
				return refuse(err, R_KIND, "a lossless, hierarchical or arithmetic-coded"
					      " JPEG");
			if (frame)
				return refuse(err, R_DAMAGED, "a JPEG file with two frame headers");
			if (n < 8)
				return refuse(err, R_DAMAGED, "a JPEG frame header too short");
			out->height = be16(p + at + 3);
			out->width = be16(p + at + 5);
			comps = p[at + 7];
			if (check_pixels(out->width, out->height, err))
				return TT_EPARSE;
			if (p[at + 2] != 8 || (comps != 1 && comps != 3 && comps != 4))
				return refuse(err, R_KIND, "a JPEG of other than 8 bits and 1, 3 or 4"
					      " components");
			if (n < 8 + 3 * comps)
				return refuse(err, R_DAMAGED, "a JPEG frame header too short");
			frame = 1;
		}
		at += n;
		if (m == 0xDA) {
			if (!frame)
				return refuse(err, R_DAMAGED, "a JPEG scan before its frame header");
			/* entropy-coded data: to the next marker */
			while (at + 1 < len && !(p[at] == 0xFF && p[at + 1] != 0x00 &&
						 !(p[at + 1] >= 0xD0 && p[at + 1] <= 0xD7)))
				at++;
			if (at + 1 >= len)
				return refuse(err, R_SHORT, "no EOI marker at the end of the JPEG file");
		}
	}
	out->format = IMAGE_JPEG;
	return 0;
}

int image_inspect(const void *data, size_t len, struct image_info *out, struct tt_error *err)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	const unsigned char *p = data;

	memset(out, 0, sizeof(*out));
	if (len >= 8 && !memcmp(p, png, 8))
		return inspect_png(p, len, out, err);
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return inspect_jpeg(p, len, out, err);
	if (len >= 4 && !memcmp(p, png, 4))
		return refuse(err, R_SHORT, "the PNG signature is cut short or altered");
	return refuse(err, R_NOTIMAGE, len ? "its first bytes are not those of either"
					   : "the file is empty");
}
