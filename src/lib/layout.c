/*
 * layout.c - Thai text, paragraphs and tables drawn with libharu.
 *
 * A string is prepared once (struct text): its code points as a reader
 * copies them, the glyphs drawn for them (thai_shape()), each one's advance,
 * and where a line may break.  Lines are ranges of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>

#include "tidtam/error.h"
#include "tidtam/layout.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* The baseline sits DESCENT em above the bottom of a line's box. */
#define DESCENT 0.38f
#define CELL_PAD 4.0f          /* a cell's text from its side rules */
/*
 * ... and from its top and bottom rules: 3 points, and the line box's own
 * room above the tallest stack and below the descenders.
 */
#define CELL_PAD_Y 3.0f
#define TABLE_FIRST_ROWS 3     /* a table starts where these fit under its header */
#define BMP 0x10000u

static const char *const face_file[NR_FACES] = {
	"Laksaman.ttf", "Laksaman-Bold.ttf", "Laksaman-Italic.ttf", "Laksaman-BoldItalic.ttf",
};

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct layout *l = data;

	(void)detail;
	if (l && !l->failure)
		l->failure = error;
}

/*
 * libharu 2.3.0 hands a Type0 font with the UTF-8 encoder its encoding
 * CMap (code to CID, "begincidrange") as /ToUnicode, which is not a
 * ToUnicode map: readers warn and fall back to the font's own cmap, and so
 * copy the private-use glyph forms.  The codes are Unicode values (UCS-2),
 * so the right map is the identity, except U+F700-U+F71F, which go back
 * to the Thai character each form shows.  Written into libharu's stream
 * object, which the font dictionary already references; left empty when
 * `made` holds it already compressed (the shared document's faces), for
 * put_deflated() to put in.
 */
static int write_to_unicode(HPDF_Font font, const struct strbuf *made)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
	HPDF_Stream st;
	struct strbuf sb;
	unsigned from[0x100], hi, cp, i, nr = 0;
	HPDF_STATUS rc;

	if (!cmap)
		return -1;
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	st = cmap->stream;
	HPDF_MemStream_FreeData(st);
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (made && made->len)
		return 0; /* its bytes, compressed, are put in by put_deflated() */

	strbuf_init(&sb);
	strbuf_addstr(&sb, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* identity, a block of 256 codes a line, at most 100 lines a section */
	for (hi = 0; hi < 0x100; hi++)
		if (hi < 0xD8 || hi > 0xDF) /* surrogates are never codes */
			from[nr++] = hi == 0xF7 ? 0xF720 : hi << 8;
	for (i = 0; i < nr; i++) {
		if (i % 100 == 0)
			strbuf_addf(&sb, "%u beginbfrange\n", nr - i < 100 ? nr - i : 100);
		strbuf_addf(&sb, "<%04X> <%04X> <%04X>\n", from[i], from[i] | 0xFF, from[i]);
		if (i % 100 == 99 || i + 1 == nr)
			strbuf_addstr(&sb, "endbfrange\n");
	}
	/* the forms U+F700-U+F71F, one by one */
	strbuf_addf(&sb, "32 beginbfchar\n");
	for (cp = 0xF700; cp <= 0xF71F; cp++)
		strbuf_addf(&sb, "<%04X> <%04X>\n", cp, thai_unshape(cp));
	strbuf_addstr(&sb, "endbfchar\nendcmap\n"
		      "CMapName currentdict /CMap defineresource pop\nend\nend\n");
	rc = HPDF_Stream_Write(st, (const HPDF_BYTE *)sb.buf, (HPDF_UINT)sb.len);
	strbuf_release(&sb);
	return rc == HPDF_OK ? 0 : -1;
}

/*
 * The document and the faces a process's documents share.  libharu lets a
 * document be started again in the same HPDF_Doc (HPDF_NewDoc()): what a
 * document drew goes, the faces it loaded stay, their glyphs marked as
 * unused.  A receipt or a school's card costs mostly what libharu does
 * for every document, and most of that is loading the faces and building,
 * for each face a document uses, the map of all 65,536 codes to glyphs
 * (its CIDToGIDMap): HPDF_TTFontDef_GetGlyphid() looks each code up in
 * the font's cmap one segment after another.  So the faces are loaded
 * once for the process, their lookup made a table (dense_cmap()), and
 * each document starts in the shared HPDF_Doc when no other layout holds
 * it (layouts open at the same time each get one of their own).
 *
 * The bytes written are those of a document made from nothing: a face's
 * subset tag (HPDFAA+, HPDFAB+, ...) is the one libharu would give it, by
 * the order the document first used its faces (face_tag()), and the
 * table gives every code the glyph the cmap gives it.
 */
static struct {
	HPDF_Doc pdf;                /* NULL: none yet */
	char font_dir[512];          /* the faces' folder */
	const char *name[NR_FACES];  /* libharu's name of each face loaded */
	int tried[NR_FACES];         /* loading it was tried */
	int busy;                    /* a layout holds pdf */
	int registered;              /* free_shared() runs at exit */
	/*
	 * Each face's CIDToGIDMap and ToUnicode streams, the same in every
	 * document, as libharu compresses them; len 0: not yet.
	 */
	struct strbuf map_z[NR_FACES], unicode_z[NR_FACES];
	/* libharu's own writing of a face (before_write_fn), wrapped by write_face() */
	HPDF_Dict_BeforeWriteFunc write_face;
	/*
	 * Each face's font objects as the first document that used the face
	 * had HPDF_GetFont() make them (font_keep()): the Type0 font, its
	 * CIDFontType2 with the widths, the encoding and CIDToGIDMap streams
	 * and their lengths, in the order libharu numbered them.  Taken out of
	 * each document before it is freed (fonts_take_out()) and numbered
	 * into the next that uses the face in the same order (font_put_back()).
	 */
	HPDF_Font font[NR_FACES];    /* NULL: none kept */
	void **objs[NR_FACES];
	size_t nr_objs[NR_FACES];
	int out[NR_FACES];           /* held out of any document: ours to free */
} shared;

/*
 * The embedded subsets of the faces (each face's FontFile2 stream), as
 * libharu compresses them, kept for the process: a subset is the face
 * file with the glyphs a document used and its subset tag, so documents
 * that use the same glyphs of a face under the same tag (a school's card
 * in bold: its headings and labels, every card alike) embed the same
 * bytes, and making (HPDF_TTFontDef_SaveFontData()) and compressing them
 * (some 35 kB a face) is much of what a small PDF costs.  Known by the
 * face, the tag and the glyphs used (the face's flags when the document
 * is written, from which libharu makes the subset); FONT_FILES of them,
 * the least recently used dropped.
 */
#define FONT_FILES 12

static struct font_file {
	HPDF_FontDef def;            /* the face; NULL: a free entry */
	char tag[HPDF_TTF_FONT_TAG_LEN + 1];
	HPDF_BYTE *glyphs;           /* the face's flags: 1 a glyph used */
	HPDF_UINT length1;           /* the subset's length, uncompressed */
	struct strbuf z;             /* the subset, compressed as libharu would */
	unsigned long used;          /* when last embedded (font_files_clock) */
} font_files[FONT_FILES];
static unsigned long font_files_clock;

static void font_files_clear(void)
{
	int i;

	for (i = 0; i < FONT_FILES; i++) {
		free(font_files[i].glyphs);
		strbuf_release(&font_files[i].z);
		memset(&font_files[i], 0, sizeof(font_files[i]));
	}
}

static void free_shared(void)
{
	int registered = shared.registered, f;
	size_t i;

	for (f = 0; f < NR_FACES; f++) {
		/* those in a document go with it */
		for (i = 0; shared.pdf && shared.out[f] && i < shared.nr_objs[f]; i++)
			HPDF_Obj_ForceFree(shared.pdf->mmgr, shared.objs[f][i]);
		free(shared.objs[f]);
	}
	if (shared.pdf)
		HPDF_Free(shared.pdf);
	for (f = 0; f < NR_FACES; f++) {
		strbuf_release(&shared.map_z[f]);
		strbuf_release(&shared.unicode_z[f]);
	}
	font_files_clear();
	memset(&shared, 0, sizeof(shared));
	for (f = 0; f < NR_FACES; f++) {
		strbuf_init(&shared.map_z[f]);
		strbuf_init(&shared.unicode_z[f]);
	}
	shared.registered = registered;
}

/*
 * libharu's memory streams (a page's content, the document saved), written
 * and read as HPDF_MemStream_WriteFunc() and HPDF_MemStream_ReadFunc() of
 * 2.3.0 do them, the same buffers, positions and errors, but copied with
 * memcpy(): libharu's HPDF_MemCpy() copies a byte at a time, and a page's
 * content passes through it twice (drawn, then read to be compressed),
 * the document twice more (saved, read back), a face's glyphs each time
 * a document measures them or cuts its subset, the subset when it is
 * compressed.  fast_stream() puts them in place of libharu's on a memory
 * stream.
 */
static HPDF_STATUS mem_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
	HPDF_MemStreamAttr attr = (HPDF_MemStreamAttr)stream->attr;

	if (HPDF_Error_GetCode(stream->error) != 0)
		return HPDF_THIS_FUNC_WAS_SKIPPED;
	while (siz > 0) {
		HPDF_UINT room = attr->buf_siz - attr->w_pos;

		if (room >= siz) {
			memcpy(attr->w_ptr, ptr, siz);
			attr->w_ptr += siz;
			attr->w_pos += siz;
			break;
		}
		if (room > 0) {
			memcpy(attr->w_ptr, ptr, room);
			ptr += room;
			siz -= room;
		}
		attr->w_ptr = HPDF_GetMem(stream->mmgr, attr->buf_siz);
		if (!attr->w_ptr)
			return HPDF_Error_GetCode(stream->error);
		if (HPDF_List_Add(attr->buf, attr->w_ptr) != HPDF_OK) {
			HPDF_FreeMem(stream->mmgr, attr->w_ptr);
			attr->w_ptr = NULL;
			return HPDF_Error_GetCode(stream->error);
		}
		attr->w_pos = 0;
	}
	return HPDF_OK;
}

static HPDF_STATUS mem_read(HPDF_Stream stream, HPDF_BYTE *buf, HPDF_UINT *size)
{
	HPDF_MemStreamAttr attr = (HPDF_MemStreamAttr)stream->attr;
	HPDF_UINT rlen = *size, buf_size;

	*size = 0;
	while (rlen > 0) {
		HPDF_UINT n;

		if (attr->buf->count == 0)
			return HPDF_STREAM_EOF;
		if (attr->buf->count - 1 > attr->r_ptr_idx)
			n = attr->buf_siz - attr->r_pos;
		else if (attr->buf->count - 1 == attr->r_ptr_idx)
			n = attr->w_pos - attr->r_pos;
		else
			return HPDF_STREAM_EOF;
		if (!attr->r_ptr)
			attr->r_ptr = (HPDF_BYTE *)HPDF_List_ItemAt(attr->buf, attr->r_ptr_idx);
		if (n >= rlen) {
			memcpy(buf, attr->r_ptr, rlen);
			attr->r_pos += rlen;
			*size += rlen;
			attr->r_ptr += rlen;
			return HPDF_OK;
		}
		memcpy(buf, attr->r_ptr, n);
		buf += n;
		rlen -= n;
		*size += n;
		if (attr->r_ptr_idx == attr->buf->count - 1) {
			attr->r_ptr += n;
			attr->r_pos += n;
			return HPDF_STREAM_EOF;
		}
		attr->r_ptr_idx++;
		attr->r_pos = 0;
		attr->r_ptr = HPDF_MemStream_GetBufPtr(stream, attr->r_ptr_idx, &buf_size);
	}
	return HPDF_OK;
}

static void fast_stream(HPDF_Stream stream)
{
	if (stream && stream->type == HPDF_STREAM_MEMORY && stream->attr) {
		stream->write_fn = mem_write;
		stream->read_fn = mem_read;
	}
}

/*
 * The bytes of st compressed into out as libharu compresses a stream when
 * it writes it (HPDF_Stream_WriteToStreamWithDeflate() of 2.3.0: zlib's
 * default level, the stream read in HPDF_STREAM_BUF_SIZ pieces), so that
 * out is what libharu would write.  0, or -1 (out then empty).
 */
static int deflate_stream(HPDF_Stream st, struct strbuf *out)
{
	enum { OUT_SIZE = HPDF_STREAM_BUF_SIZ * 11 / 10 + 13 }; /* as libharu's */
	unsigned char in[HPDF_STREAM_BUF_SIZ], z[OUT_SIZE];
	HPDF_STATUS hrc = HPDF_OK;
	z_stream strm;
	int zrc = Z_OK;

	strbuf_reset(out);
	memset(&strm, 0, sizeof(strm));
	if (HPDF_Stream_Seek(st, 0, HPDF_SEEK_SET) != HPDF_OK ||
	    deflateInit(&strm, Z_DEFAULT_COMPRESSION) != Z_OK)
		return -1;
	while (hrc == HPDF_OK && (zrc == Z_OK || zrc == Z_BUF_ERROR)) {
		HPDF_UINT size = sizeof(in);

		hrc = HPDF_Stream_Read(st, in, &size);
		strm.next_in = in;
		strm.avail_in = size;
		while (strm.avail_in > 0 && zrc == Z_OK) {
			strm.next_out = z;
			strm.avail_out = sizeof(z);
			zrc = deflate(&strm, Z_NO_FLUSH);
			strbuf_add(out, z, sizeof(z) - strm.avail_out);
		}
	}
	if (hrc == HPDF_STREAM_EOF && zrc == Z_OK)
		do {
			strm.next_out = z;
			strm.avail_out = sizeof(z);
			zrc = deflate(&strm, Z_FINISH);
			strbuf_add(out, z, sizeof(z) - strm.avail_out);
		} while (zrc == Z_OK);
	deflateEnd(&strm);
	if (zrc != Z_STREAM_END) {
		strbuf_reset(out);
		return -1;
	}
	return 0;
}

static HPDF_STATUS leave_uncompressed(HPDF_Dict dict)
{
	dict->filter = HPDF_STREAM_FILTER_NONE;
	return HPDF_OK;
}

/* The name libharu writes for a stream it compresses, where it writes it. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream st)
{
	(void)dict;
	return HPDF_Stream_WriteStr(st, "/Filter [ /FlateDecode ]\012");
}

/*
 * The stream of dict, whose compressed bytes are *z (deflate_stream() of
 * it, made the first time, when z is empty), holds them instead, written
 * as they are under the same /Filter: the same bytes as libharu compressing
 * it again.  0, or -1 (dict left as it was).
 */
static int put_deflated(HPDF_Dict dict, struct strbuf *z)
{
	if (dict)
		fast_stream(dict->stream);
	if (!dict || !dict->stream || (!z->len && deflate_stream(dict->stream, z)))
		return -1;
	HPDF_MemStream_FreeData(dict->stream);
	if (HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)z->buf, (HPDF_UINT)z->len) !=
	    HPDF_OK)
		return -1;
	dict->before_write_fn = leave_uncompressed;
	dict->write_fn = write_flate_filter;
	return 0;
}

/*
 * The font descriptor and FontFile2 stream libharu 2.3.0's writing of a
 * face (CIDFontType2_BeforeWrite_Func()) makes when its face has none yet
 * in the document, made here as it makes them (the same objects, entries
 * and numbers), the subset being f's compressed bytes instead of one made
 * again.  HPDF_OK or libharu's error.
 */
static HPDF_STATUS put_descriptor(HPDF_Dict font, struct font_file *f)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = attr->fontdef;
	HPDF_TTFontDefAttr ta = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Dict descriptor = HPDF_Dict_New(font->mmgr), data;
	HPDF_STATUS ret = HPDF_OK;

	if (!descriptor || !(data = HPDF_DictStream_New(font->mmgr, attr->xref)))
		return HPDF_Error_GetCode(font->error);
	ta->length1 = f->length1;
	ret += HPDF_Dict_Add(descriptor, "FontFile2", data);
	ret += HPDF_Dict_AddNumber(data, "Length1", ta->length1);
	ret += HPDF_Dict_AddNumber(data, "Length2", 0);
	ret += HPDF_Dict_AddNumber(data, "Length3", 0);
	data->filter = font->filter;
	if (ret != HPDF_OK)
		return HPDF_Error_GetCode(font->error);
	ret += HPDF_Xref_Add(attr->xref, descriptor);
	ret += HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
	ret += HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent);
	ret += HPDF_Dict_AddNumber(descriptor, "Descent", def->descent);
	ret += HPDF_Dict_AddNumber(descriptor, "Flags", def->flags);
	ret += HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(font->mmgr, def->font_bbox));
	ret += HPDF_Dict_AddName(descriptor, "FontName", ta->base_font);
	ret += HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle);
	ret += HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv);
	ret += HPDF_Dict_AddNumber(descriptor, "XHeight", def->x_height);
	if (ret != HPDF_OK)
		return HPDF_Error_GetCode(font->error);
	def->descriptor = descriptor;
	return put_deflated(data, &f->z) ? HPDF_INVALID_OBJECT : HPDF_OK;
}

/*
 * libharu's writing of a face's font dictionary, which makes its subset
 * (FontFile2) the first time a document writes the face: when the same
 * subset (face, tag, glyphs) was embedded before, its descriptor is made
 * here with the compressed bytes kept (put_descriptor()) and libharu only
 * names it; else libharu makes it, and it is compressed here and kept.
 * The bytes written are those libharu writes.
 */
static HPDF_STATUS write_face(HPDF_Dict font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = attr ? attr->fontdef : NULL;
	HPDF_TTFontDefAttr ta = def ? (HPDF_TTFontDefAttr)def->attr : NULL;
	struct font_file *f, *oldest = &font_files[0];
	HPDF_Dict file;
	HPDF_BYTE *glyphs;
	HPDF_STATUS rc;
	int i;

	if (!ta || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !ta->embedding ||
	    def->descriptor || !ta->glyph_tbl.flgs)
		return shared.write_face(font);
	font_files_clock++;
	for (i = 0; i < FONT_FILES; i++) {
		f = &font_files[i];
		if (f->def == def && !strcmp(f->tag, ta->tag_name) &&
		    !memcmp(f->glyphs, ta->glyph_tbl.flgs, ta->num_glyphs)) {
			f->used = font_files_clock;
			rc = put_descriptor(font, f);
			return rc == HPDF_OK ? shared.write_face(font) : rc;
		}
		if (f->used < oldest->used)
			oldest = f;
	}
	/* the glyphs the subset is made of, before libharu writes it */
	glyphs = xmalloc(ta->num_glyphs ? ta->num_glyphs : 1);
	memcpy(glyphs, ta->glyph_tbl.flgs, ta->num_glyphs);
	rc = shared.write_face(font);
	file = def->descriptor ?
		HPDF_Dict_GetItem(def->descriptor, "FontFile2", HPDF_OCLASS_DICT) : NULL;
	if (rc != HPDF_OK || !file || !file->stream || file->before_write_fn == leave_uncompressed ||
	    file->filter != HPDF_STREAM_FILTER_FLATE_DECODE) {
		free(glyphs);
		return rc; /* left to libharu */
	}
	f = oldest;
	free(f->glyphs);
	strbuf_release(&f->z);
	f->def = def;
	memcpy(f->tag, ta->tag_name, sizeof(f->tag));
	f->glyphs = glyphs;
	f->length1 = ta->length1;
	f->used = font_files_clock;
	if (put_deflated(file, &f->z))
		f->def = NULL; /* libharu compresses it, as it would */
	return rc;
}

/*
 * The font file of a face the process's documents share, read into
 * memory once: libharu reads a glyph from its file when a document first
 * measures it (whether it is made of others) and again when it cuts the
 * subset, a seek and a read each, some 40 system calls for a receipts'
 * PDF.  From memory they are copies; the bytes read are the same.  Left
 * reading the file if the copy cannot be made.
 */
static void font_in_memory(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Stream file = attr->stream, mem;
	HPDF_BYTE buf[HPDF_STREAM_BUF_SIZ];
	HPDF_STATUS rc;

	if (!file || HPDF_Stream_Seek(file, 0, HPDF_SEEK_SET) != HPDF_OK ||
	    !(mem = HPDF_MemStream_New(def->mmgr, 65536)))
		return;
	do {
		HPDF_UINT size = sizeof(buf);

		rc = HPDF_Stream_Read(file, buf, &size);
		if ((rc == HPDF_OK || rc == HPDF_STREAM_EOF) && size &&
		    HPDF_Stream_Write(mem, buf, size) != HPDF_OK)
			rc = HPDF_FAILD_TO_ALLOC_MEM;
	} while (rc == HPDF_OK);
	if (rc != HPDF_STREAM_EOF || !mem->size) {
		HPDF_Stream_Free(mem);
		HPDF_Error_Reset(def->error);
		return;
	}
	fast_stream(mem);
	attr->stream = mem;
	HPDF_Stream_Free(file);
}

/*
 * Replace def's cmap (format 4: segments looked through in order) with the
 * same mapping as one segment indexing a table of every code's glyph,
 * and the segment format 4 ends with: HPDF_TTFontDef_GetGlyphid() then
 * finds a glyph at the first or second segment it looks at.  The table is
 * filled by asking the cmap itself, code by code.  Only libharu reads the
 * parsed cmap (the font embedded copies the file's own cmap table).
 */
static void dense_cmap(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_TTF_CmapRange *cmap = &attr->cmap;
	HPDF_UINT16 *glyph, *end, *start, *range;
	HPDF_INT16 *delta;
	unsigned cp;

	if (cmap->format != 4 || cmap->seg_count_x2 == 0)
		return;
	glyph = HPDF_GetMem(def->mmgr, BMP * sizeof(*glyph));
	end = HPDF_GetMem(def->mmgr, 2 * sizeof(*end));
	start = HPDF_GetMem(def->mmgr, 2 * sizeof(*start));
	delta = HPDF_GetMem(def->mmgr, 2 * sizeof(*delta));
	range = HPDF_GetMem(def->mmgr, 2 * sizeof(*range));
	if (!glyph || !end || !start || !delta || !range) {
		HPDF_FreeMem(def->mmgr, glyph);
		HPDF_FreeMem(def->mmgr, end);
		HPDF_FreeMem(def->mmgr, start);
		HPDF_FreeMem(def->mmgr, delta);
		HPDF_FreeMem(def->mmgr, range);
		return;
	}
	for (cp = 0; cp < BMP; cp++)
		glyph[cp] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
	/*
	 * Segment 0: codes 0 to U+FFFE, glyph_id_array[range[0] / 2 + code -
	 * start[0] - (segments - 0)], that is glyph[code]; segment 1: U+FFFF
	 * alone, by its delta.
	 */
	end[0] = 0xFFFE;
	start[0] = 0;
	delta[0] = 0;
	range[0] = 2 * 2;
	end[1] = 0xFFFF;
	start[1] = 0xFFFF;
	delta[1] = (HPDF_INT16)(HPDF_UINT16)(glyph[0xFFFF] - 0xFFFF);
	range[1] = 0;
	HPDF_FreeMem(def->mmgr, cmap->end_count);
	HPDF_FreeMem(def->mmgr, cmap->start_count);
	HPDF_FreeMem(def->mmgr, cmap->id_delta);
	HPDF_FreeMem(def->mmgr, cmap->id_range_offset);
	HPDF_FreeMem(def->mmgr, cmap->glyph_id_array);
	cmap->end_count = end;
	cmap->start_count = start;
	cmap->id_delta = delta;
	cmap->id_range_offset = range;
	cmap->glyph_id_array = glyph;
	cmap->glyph_id_array_count = BMP;
	cmap->seg_count_x2 = 2 * 2;
}

/*
 * The subset tag libharu gives the n-th face (from 0) a document loads:
 * HPDFAA, then counting up in letters from the right.
 */
static void face_tag(int n, char tag[HPDF_TTF_FONT_TAG_LEN + 1])
{
	int i;

	memcpy(tag, "HPDFAA", HPDF_TTF_FONT_TAG_LEN + 1);
	while (n-- > 0)
		for (i = HPDF_TTF_FONT_TAG_LEN - 1; i >= 0; i--) {
			if (++tag[i] <= 'Z')
				break;
			tag[i] = 'A';
		}
}

/* libharu's name of face, loaded into l's document; NULL if it cannot be. */
static const char *load_face(struct layout *l, int face)
{
	char path[1024];
	HPDF_FontDef def;
	const char *name;

	snprintf(path, sizeof(path), "%s/%s", l->font_dir, face_file[face]);
	if (!l->shared)
		return HPDF_LoadTTFontFromFile(l->pdf, path, HPDF_TRUE);
	if (!shared.tried[face]) {
		shared.tried[face] = 1;
		shared.name[face] = HPDF_LoadTTFontFromFile(l->pdf, path, HPDF_TRUE);
		if (shared.name[face] && (def = HPDF_Doc_FindFontDef(l->pdf, shared.name[face]))) {
			dense_cmap(def);
			font_in_memory(def);
		}
	}
	name = shared.name[face];
	if (name && (def = HPDF_Doc_FindFontDef(l->pdf, name))) {
		char tag[HPDF_TTF_FONT_TAG_LEN + 1];

		face_tag(l->faces_loaded, tag);
		HPDF_TTFontDef_SetTagName(def, tag);
	}
	return name;
}

/*
 * Keep the objects HPDF_GetFont() added to l's document from entry `from`
 * of its cross-reference table on (face's font first) for the documents
 * after it.
 */
static void font_keep(struct layout *l, int face, HPDF_UINT from)
{
	HPDF_Xref xref = l->pdf->xref;
	HPDF_UINT n = xref->entries->count, i;

	if (n <= from || HPDF_Xref_GetEntry(xref, from)->obj != l->font[face])
		return;
	shared.objs[face] = xcalloc(n - from, sizeof(*shared.objs[face]));
	for (i = from; i < n; i++)
		shared.objs[face][i - from] = HPDF_Xref_GetEntry(xref, i)->obj;
	shared.nr_objs[face] = n - from;
	shared.font[face] = l->font[face];
}

/* The kept objects of face numbered into l's document, as HPDF_GetFont() would add them. */
static HPDF_Font font_put_back(struct layout *l, int face)
{
	HPDF_Font font = shared.font[face];
	size_t i;

	for (i = 0; i < shared.nr_objs[face]; i++) {
		HPDF_Obj_Header *h = shared.objs[face][i];

		h->obj_id = 0;
		h->gen_no = 0;
		if (HPDF_Xref_Add(l->pdf->xref, h) != HPDF_OK) {
			/* libharu freed the one it failed on; the rest are freed here */
			while (++i < shared.nr_objs[face])
				HPDF_Obj_ForceFree(l->pdf->mmgr, shared.objs[face][i]);
			free(shared.objs[face]);
			shared.objs[face] = NULL;
			shared.nr_objs[face] = 0;
			shared.font[face] = NULL;
			shared.out[face] = 0;
			if (!l->failure)
				l->failure = HPDF_INVALID_OBJECT;
			return NULL;
		}
	}
	shared.out[face] = 0;
	((HPDF_FontAttr)font->attr)->xref = l->pdf->xref;
	HPDF_List_Add(l->pdf->font_mgr, font);
	return font;
}

/*
 * Before l's document is freed: the kept objects of the faces it used
 * taken out of its cross-reference table (which would free them), and the
 * font descriptor the document's writing gave each (it goes with the
 * document, and the next document's writing adds its own in the same place).
 */
static void fonts_take_out(struct layout *l)
{
	HPDF_Xref xref = l->pdf->xref;
	size_t i;
	int f;

	for (f = 0; f < NR_FACES; f++) {
		HPDF_FontAttr attr;

		if (!shared.font[f] || l->font[f] != shared.font[f] || shared.out[f])
			continue;
		attr = (HPDF_FontAttr)shared.font[f]->attr;
		if (attr->descendant_font &&
		    HPDF_Dict_GetItem(attr->descendant_font, "FontDescriptor", HPDF_OCLASS_DICT))
			HPDF_Dict_RemoveElement(attr->descendant_font, "FontDescriptor");
		for (i = 0; i < shared.nr_objs[f]; i++) {
			HPDF_Obj_Header *h = shared.objs[f][i];
			HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, h->obj_id & 0x00FFFFFF);

			if (e && e->obj == h)
				e->obj = NULL;
		}
		shared.out[f] = 1;
	}
}

static HPDF_Font face_font(struct layout *l, int face)
{
	const char *name;
	HPDF_UINT from = 0;

	if (face < 0 || face >= NR_FACES)
		face = FACE_REGULAR;
	if (l->font[face])
		return l->font[face];
	name = load_face(l, face);
	if (name && l->shared && shared.font[face]) {
		l->faces_loaded++;
		if ((l->font[face] = font_put_back(l, face)))
			return l->font[face];
	} else if (name) {
		l->faces_loaded++;
		from = l->pdf->xref->entries->count;
		l->font[face] = HPDF_GetFont(l->pdf, name, "UTF-8");
	}
	if (l->font[face] &&
	    write_to_unicode(l->font[face], l->shared ? &shared.unicode_z[face] : NULL) &&
	    !l->failure)
		l->failure = HPDF_INVALID_OBJECT;
	if (l->font[face] && l->shared) {
		HPDF_FontAttr attr = (HPDF_FontAttr)l->font[face]->attr;

		/* compressed once for the process; as libharu would if this fails */
		put_deflated(attr->map_stream, &shared.map_z[face]);
		put_deflated(attr->cmap_stream, &shared.unicode_z[face]);
		if (l->font[face]->before_write_fn && l->font[face]->before_write_fn != write_face) {
			shared.write_face = l->font[face]->before_write_fn;
			l->font[face]->before_write_fn = write_face;
		}
		if (!l->failure && l->font[face]->before_write_fn == write_face)
			font_keep(l, face, from);
	}
	if (!l->font[face])
		return face == FACE_REGULAR ? NULL : face_font(l, face & FACE_BOLD);
	return l->font[face];
}

/*
 * A document for l: the shared one started again when it is free and
 * holds the faces of l->font_dir, else one of l's own.  0 or -1.
 */
static int open_doc(struct layout *l)
{
	if (!shared.busy && shared.pdf && strcmp(shared.font_dir, l->font_dir))
		free_shared();
	if (!shared.busy && !shared.pdf) {
		int f;

		for (f = 0; f < NR_FACES; f++) {
			strbuf_init(&shared.map_z[f]);
			strbuf_init(&shared.unicode_z[f]);
		}
		if (!(shared.pdf = HPDF_New(on_hpdf_error, NULL)))
			return -1;
		HPDF_UseUTFEncodings(shared.pdf);
		memcpy(shared.font_dir, l->font_dir, sizeof(shared.font_dir));
		if (!shared.registered)
			atexit(free_shared);
		shared.registered = 1;
	} else if (!shared.busy && HPDF_NewDoc(shared.pdf) != HPDF_OK) {
		free_shared();
		return open_doc(l);
	}
	if (shared.busy) {
		if (!(l->pdf = HPDF_New(on_hpdf_error, l)))
			return -1;
		HPDF_UseUTFEncodings(l->pdf);
	} else {
		shared.busy = 1;
		l->shared = 1;
		l->pdf = shared.pdf;
		l->pdf->error.user_data = l;
	}
	HPDF_SetCompressionMode(l->pdf, HPDF_COMP_ALL);
	return 0;
}

void layout_forget_shared(void)
{
	if (!shared.busy && shared.pdf)
		free_shared();
}

/* Give l's document back: the shared one kept for the next, unless it failed. */
static void close_doc(struct layout *l)
{
	if (!l->pdf)
		return;
	if (!l->shared) {
		HPDF_Free(l->pdf);
		return;
	}
	l->pdf->error.user_data = NULL;
	shared.busy = 0;
	if (l->failure) {
		free_shared(); /* whatever went wrong is not kept for the next */
	} else {
		fonts_take_out(l);
		HPDF_FreeDoc(l->pdf);
	}
}

/*
 * Where the Laksaman faces are looked for when neither the caller nor
 * $TIDTAM_FONT_DIR names a folder: where Debian's fonts-tlwg-laksaman-ttf
 * puts them, then the same folders under /usr/local for a copy made by hand.
 */
static const char *const font_dirs[] = {
	"/usr/share/fonts/truetype/tlwg",
	"/usr/local/share/fonts/truetype/tlwg",
	"/usr/local/share/fonts",
};

/*
 * The folder to load the faces from, into l->font_dir: font_dir if given,
 * else $TIDTAM_FONT_DIR if set, else the first of font_dirs that holds the
 * regular face.  0, or TT_EIO saying where it looked and what to install.
 */
static int find_font_dir(struct layout *l, const char *font_dir, struct tt_error *err)
{
	const char *from = NULL;
	struct strbuf path, tried;
	size_t i;
	int rc = TT_EIO;

	strbuf_init(&path);
	strbuf_init(&tried);
	if (font_dir)
		from = "";
	else if ((font_dir = getenv("TIDTAM_FONT_DIR")) && *font_dir)
		from = " (named by TIDTAM_FONT_DIR)";
	for (i = 0; i < sizeof(font_dirs) / sizeof(font_dirs[0]) && !from; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", font_dirs[i], face_file[FACE_REGULAR]);
		if (!access(path.buf, R_OK)) {
			font_dir = font_dirs[i];
			from = "";
		}
		strbuf_addf(&tried, "%s'%s'", i ? ", " : "", font_dirs[i]);
	}
	if (!from) {
		tt_error_set(err, TT_EIO, "could not find the Thai font '%s' in %s: install the"
			     " Debian package fonts-tlwg-laksaman-ttf, or set TIDTAM_FONT_DIR"
			     " to the folder that holds Laksaman*.ttf",
			     face_file[FACE_REGULAR], tried.buf);
		goto out;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/%s", font_dir, face_file[FACE_REGULAR]);
	if (access(path.buf, R_OK)) {
		tt_error_set(err, TT_EIO, "could not find the Thai font '%s' in '%s'%s: install"
			     " the Debian package fonts-tlwg-laksaman-ttf, or name the folder"
			     " that holds Laksaman*.ttf", face_file[FACE_REGULAR], font_dir, from);
		goto out;
	}
	if (xsnprintf(l->font_dir, sizeof(l->font_dir), "%s", font_dir) < 0) {
		tt_error_set(err, TT_EIO, "the font folder's name is too long: '%s'%s",
			     font_dir, from);
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&path);
	strbuf_release(&tried);
	return rc;
}

int layout_open(struct layout *l, const char *font_dir, struct tt_error *err)
{
	static unsigned long docs;

	memset(l, 0, sizeof(*l));
	l->doc = ++docs;
	if (find_font_dir(l, font_dir, err))
		return TT_EIO;
	l->margin = 56.7f; /* 2 cm */
	if (open_doc(l))
		return tt_error_set(err, TT_EIO, "could not start a PDF document");
	if (!face_font(l, FACE_REGULAR) || !face_font(l, FACE_BOLD) || l->failure) {
		tt_error_set(err, TT_EIO, "could not load the Laksaman fonts from '%s'"
			     " (Debian package fonts-tlwg-laksaman-ttf)", l->font_dir);
		layout_close(l);
		return TT_EIO;
	}
	l->breaker = thai_breaker_new();
	return 0;
}

void layout_close(struct layout *l)
{
	size_t i;
	int f;

	close_doc(l);
	free(l->pages);
	for (i = 0; i < l->nr_captions; i++)
		free(l->captions[i].text);
	free(l->captions);
	free(l->table_caption);
	for (i = 0; i < l->nr_parts; i++)
		free(l->parts[i].footer);
	free(l->parts);
	for (f = 0; f < NR_FACES; f++)
		free(l->measured[f]);
	thai_breaker_free(l->breaker);
	memset(l, 0, sizeof(*l));
}

/*
 * A PDF text string for s: UTF-16BE with its byte order mark, written as a
 * hex string (libharu 2.3.0 writes its own strings byte for byte).
 */
static HPDF_Binary text_string(struct layout *l, const char *s)
{
	struct strbuf sb;
	HPDF_Binary b;
	size_t i = 0, len = strlen(s);

	strbuf_init(&sb);
	strbuf_add(&sb, "\xFE\xFF", 2);
	while (i < len) {
		unsigned cp;

		i += thai_utf8_decode(s + i, &cp);
		if (cp >= BMP) {
			unsigned hi = 0xD800 + ((cp - BMP) >> 10), lo = 0xDC00 + ((cp - BMP) & 0x3FF);

			strbuf_addch(&sb, (int)(hi >> 8));
			strbuf_addch(&sb, (int)(hi & 0xFF));
			cp = lo;
		}
		strbuf_addch(&sb, (int)(cp >> 8));
		strbuf_addch(&sb, (int)(cp & 0xFF));
	}
	b = HPDF_Binary_New(l->pdf->mmgr, (HPDF_BYTE *)sb.buf, (HPDF_UINT)sb.len);
	strbuf_release(&sb);
	return b;
}

void layout_set_info(struct layout *l, const char *title, const char *author,
		     int year, int month, int day)
{
	HPDF_Date d;

	memset(&d, 0, sizeof(d));
	d.year = year;
	d.month = month;
	d.day = day;
	d.ind = 'Z';
	HPDF_SetInfoAttr(l->pdf, HPDF_INFO_CREATOR, "tidtam " TT_VERSION);
	HPDF_SetInfoDateAttr(l->pdf, HPDF_INFO_CREATION_DATE, d);
	/* the info dictionary exists now; its text strings in UTF-16 */
	if (l->pdf->info) {
		HPDF_Dict_Add(l->pdf->info, "Title", text_string(l, title));
		HPDF_Dict_Add(l->pdf->info, "Author", text_string(l, author));
	}
}

/* The width libharu gives a glyph (a BMP code point) of face, 1/1000 em. */
static float measure_glyph(struct layout *l, int face, unsigned glyph)
{
	char utf8[4];
	size_t len = thai_utf8_put(utf8, glyph);
	HPDF_TextWidth tw;

	tw = HPDF_Font_TextWidth(face_font(l, face), (const HPDF_BYTE *)utf8, (HPDF_UINT)len);
	return (float)tw.width;
}

struct text {
	unsigned *cps;               /* as read back: digits already converted */
	unsigned *glyph;             /* as drawn: BMP, shaped */
	float *x;                    /* x[i]: advance of cps[0, i), 1/1000 em */
	size_t n;
	size_t *brk;                 /* where a line may start, ascending */
	size_t nr_brk;
	size_t *soft;                /* also where the keep-together rules
					would not have it: taken only when no
					place in brk fits (a kept run alone
					wider than the line) */
	size_t nr_soft;
	size_t *mid;                 /* only the compounds of thai_keep_words
					kept (a name, a number's link to its
					word breakable): tried before soft */
	size_t nr_mid;
	int face;
	int cached;                  /* held by the text cache, not its user */
};

/*
 * What a text is prepared for: measured only, broken into lines, or
 * broken into lines only where no code is cut (whole_word_breaks()).
 */
enum text_use { TEXT_MEASURE, TEXT_BREAKS, TEXT_WHOLE_WORDS };

/*
 * The texts prepared, kept for the process.  A report sets the same
 * strings again and again: a table's cells are measured for its columns,
 * for its height at each type size tried and again drawn; every school's
 * card has the same labels, indicator names and headings; and preparing a
 * string (digits, decoding, glyph choice, advances, libthai's word
 * boundaries and the keep-together rules) costs most of what setting it
 * does.  A text is a function of the string, the face, the digits, what it
 * is prepared for and the words the layout's breaker keeps
 * (thai_breaker_signature()), given the faces' folder: so one prepared in
 * any earlier document of the process is the same, and is taken as it is.
 *
 * What a text costs a document is kept per document: libharu marks a
 * glyph for the document's subset of its face the first time the glyph is
 * measured (HPDF_TTFontDef_GetCharWidth()), so each document measures
 * each glyph it uses once, through libharu, as it did when it measured
 * every text itself (use_glyphs(); struct layout's `measured`), and its
 * faces are loaded in the same order.  The advances themselves are the
 * process's, a table per face.
 *
 * Bounded: open addressing over TEXT_SLOTS slots; when half are used or
 * the texts hold TEXT_CACHE_BYTES, it starts again empty.  Texts are
 * handed out (text_get()) and given back (text_put()); while any is out,
 * nothing is dropped, and a text that would not fit is prepared for its
 * caller alone.
 */
#define TEXT_SLOTS 16384u
#define TEXT_CACHE_BYTES (6u << 20)
#define TEXT_CACHE_MAX 4096          /* longer strings (bytes) are not kept */

struct cached_text {
	struct text t;
	char *s;                     /* the string prepared, as given */
	size_t len, hash;
	unsigned long long keep;     /* thai_breaker_signature(); 0 to measure */
	int digits;                  /* l->thai_digits */
	enum text_use use;
	unsigned long used_in;       /* the document (struct layout's `doc`)
					whose glyphs it was last measured in */
};

static struct {
	struct cached_text **slot;   /* TEXT_SLOTS of them; NULL: free */
	size_t used, bytes;
	size_t out;                  /* texts handed out, not yet given back */
	char font_dir[512];          /* the faces measured; "": none yet */
	float *advance[NR_FACES];    /* per BMP code point; < 0: not yet */
	int registered;
} texts;

static void text_free(struct text *t)
{
	free(t->cps);
	free(t->glyph);
	free(t->x);
	free(t->brk);
	free(t->soft);
	free(t->mid);
}

/* Every text dropped; with `advances`, the faces' advances too. */
static void texts_clear(int advances)
{
	size_t i;
	int f;

	for (i = 0; texts.slot && i < TEXT_SLOTS; i++)
		if (texts.slot[i]) {
			text_free(&texts.slot[i]->t);
			free(texts.slot[i]->s);
			free(texts.slot[i]);
			texts.slot[i] = NULL;
		}
	texts.used = 0;
	texts.bytes = 0;
	if (!advances)
		return;
	free(texts.slot);
	texts.slot = NULL;
	for (f = 0; f < NR_FACES; f++) {
		free(texts.advance[f]);
		texts.advance[f] = NULL;
	}
	texts.font_dir[0] = '\0';
}

static void texts_free(void)
{
	texts_clear(1);
}

/*
 * The advance of glyph in face, 1/1000 em: the process's, measured through
 * l's document the first time (which marks it used there, as use_glyphs()
 * would).
 */
static float glyph_advance(struct layout *l, int face, unsigned glyph)
{
	float *adv;

	if (strcmp(texts.font_dir, l->font_dir))
		return measure_glyph(l, face, glyph); /* other faces: not kept */
	if (!texts.advance[face]) {
		unsigned i;

		texts.advance[face] = xmalloc(BMP * sizeof(float));
		for (i = 0; i < BMP; i++)
			texts.advance[face][i] = -1;
	}
	adv = &texts.advance[face][glyph];
	if (*adv < 0)
		*adv = measure_glyph(l, face, glyph);
	return *adv;
}

/*
 * Each glyph of t measured once in l's document, in the order t has them,
 * as preparing t in it measured them: the document's subset is the same.
 */
static void use_glyphs(struct layout *l, const struct text *t)
{
	unsigned char *seen = l->measured[t->face];
	size_t i;

	for (i = 0; i < t->n; i++) {
		unsigned g = t->glyph[i];

		if (t->cps[i] == '\n')
			continue;
		if (!seen)
			seen = l->measured[t->face] = xcalloc(BMP / 8, 1);
		if (seen[g >> 3] & (1u << (g & 7)))
			continue;
		seen[g >> 3] |= (unsigned char)(1u << (g & 7));
		measure_glyph(l, t->face, g);
	}
}

/* brk and mid from soft, by the keep-together rules. */
static void keep_breaks(struct layout *l, struct text *t)
{
	free(t->brk);
	free(t->mid);
	t->brk = xmalloc((t->nr_soft + 1) * sizeof(*t->brk));
	t->mid = xmalloc((t->nr_soft + 1) * sizeof(*t->mid));
	if (t->nr_soft) {  /* (soft is NULL when there is none) */
		memcpy(t->brk, t->soft, t->nr_soft * sizeof(*t->brk));
		memcpy(t->mid, t->soft, t->nr_soft * sizeof(*t->mid));
	}
	t->nr_brk = thai_keep_together(l->breaker, t->cps, t->n, t->brk, t->nr_soft,
				       THAI_KEEP_ALL);
	t->nr_mid = thai_keep_together(l->breaker, t->cps, t->n, t->mid, t->nr_soft,
				       THAI_KEEP_WORDS);
}

/* A Thai letter, vowel or tone mark (not a Thai digit): Thai words break between them. */
static int thai_letter(unsigned cp)
{
	return cp >= 0x0E01 && cp <= 0x0E4F;
}

/*
 * Keep only the breaks that cut no code: after a space, after a '/' of a
 * path ("submissions/2567/" may end a line; "1052020008-r12-fix.csv" and
 * "(GOODPRAC)" are never cut), and between two Thai letters where libthai
 * finds a word boundary (Thai text in the cell still wraps).
 */
static void whole_word_breaks(struct layout *l, struct text *t)
{
	size_t *brk = xcalloc(t->n + 1, sizeof(*brk));
	size_t i, k = 0, n = 0;

	for (i = 1; i < t->n; i++) {
		unsigned a = t->cps[i - 1], b = t->cps[i];
		int thai;

		while (k < t->nr_soft && t->soft[k] < i)
			k++;
		thai = k < t->nr_soft && t->soft[k] == i && thai_letter(a) && thai_letter(b);
		if ((a == ' ' && b != ' ') || (a == '/' && b != '/' && b != ' ') || thai)
			brk[n++] = i;
	}
	free(t->soft);
	t->soft = brk;
	t->nr_soft = n;
	keep_breaks(l, t);
}

/* Prepare s in a face for `use`, into t. */
static void text_prepare(struct layout *l, int face, const char *s, enum text_use use,
			 struct text *t)
{
	struct strbuf conv;
	size_t len, i;

	strbuf_init(&conv);
	if (l->thai_digits)
		thai_digits(&conv, s);
	else
		strbuf_addstr(&conv, s);
	len = conv.len;
	memset(t, 0, sizeof(*t));
	t->face = face;
	t->cps = xmalloc((len + 1) * sizeof(*t->cps));
	for (i = 0; i < len;) {
		unsigned cp;

		i += thai_utf8_decode(conv.buf + i, &cp);
		if (cp == '\t' || cp == '\r' || (cp < 0x20 && cp != '\n'))
			cp = ' ';
		t->cps[t->n++] = cp;
	}
	strbuf_release(&conv);
	/* a code point a byte at most: as many as there are, kept (a Thai one is 3 bytes) */
	t->cps = xrealloc(t->cps, (t->n + 1) * sizeof(*t->cps));
	t->glyph = xmalloc((t->n + 1) * sizeof(*t->glyph));
	t->x = xmalloc((t->n + 2) * sizeof(*t->x));
	memcpy(t->glyph, t->cps, t->n * sizeof(*t->glyph));
	thai_shape(t->glyph, t->n);
	t->x[0] = 0;
	for (i = 0; i < t->n; i++) {
		if (t->glyph[i] >= BMP || (t->glyph[i] >= 0xD800 && t->glyph[i] <= 0xDFFF))
			t->glyph[i] = 0xFFFD; /* no glyph; ActualText carries it */
		t->x[i + 1] = t->x[i] + (t->cps[i] == '\n' ? 0 :
					 glyph_advance(l, face, t->glyph[i]));
	}
	if (use != TEXT_MEASURE) {
		t->nr_soft = thai_break_candidates(l->breaker, t->cps, t->n, &t->soft);
		keep_breaks(l, t);
		if (use == TEXT_WHOLE_WORDS)
			whole_word_breaks(l, t);
	}
}

/* The bytes a cached text holds, near enough to bound them. */
static size_t text_bytes(const struct cached_text *c)
{
	return sizeof(*c) + c->len + 1 + c->t.n * (2 * sizeof(unsigned) + sizeof(float)) +
	       (c->t.nr_brk + c->t.nr_soft + c->t.nr_mid + 3) * sizeof(size_t);
}

/*
 * s prepared in a face for `use` in l's document: from the cache when it
 * was prepared before, else prepared now (and kept when there is room).
 * Read only; give it back with text_put().
 */
static const struct text *text_get(struct layout *l, int face, const char *s,
				   enum text_use use)
{
	unsigned long long keep = use == TEXT_MEASURE ? 0 : thai_breaker_signature(l->breaker);
	size_t len = strlen(s), hash, i;
	struct cached_text *c;
	struct text *t;

	if (!texts.out && strcmp(texts.font_dir, l->font_dir)) {
		texts_clear(1);
		memcpy(texts.font_dir, l->font_dir, sizeof(texts.font_dir));
		if (!texts.registered)
			atexit(texts_free);
		texts.registered = 1;
	}
	if (len > TEXT_CACHE_MAX || strcmp(texts.font_dir, l->font_dir))
		goto alone;
	if (!texts.slot)
		texts.slot = xcalloc(TEXT_SLOTS, sizeof(*texts.slot));
	hash = tt_hash_bytes(s, len) ^ (size_t)keep ^ ((size_t)face << 8) ^
	       ((size_t)use << 12) ^ ((size_t)!!l->thai_digits << 16);
	for (i = hash & (TEXT_SLOTS - 1);; i = (i + 1) & (TEXT_SLOTS - 1)) {
		c = texts.slot[i];
		if (!c)
			break;
		if (c->hash == hash && c->len == len && c->keep == keep && c->t.face == face &&
		    c->use == use && c->digits == !!l->thai_digits && !memcmp(c->s, s, len)) {
			texts.out++;
			if (c->used_in != l->doc)
				use_glyphs(l, &c->t);
			c->used_in = l->doc;
			return &c->t;
		}
	}
	if (texts.used >= TEXT_SLOTS / 2 || texts.bytes >= TEXT_CACHE_BYTES) {
		if (texts.out)
			goto alone;
		texts_clear(0);
		for (i = hash & (TEXT_SLOTS - 1); texts.slot[i]; i = (i + 1) & (TEXT_SLOTS - 1))
			;
	}
	c = xcalloc(1, sizeof(*c));
	text_prepare(l, face, s, use, &c->t);
	use_glyphs(l, &c->t);
	c->t.cached = 1;
	c->s = xmalloc(len + 1);
	memcpy(c->s, s, len + 1);
	c->len = len;
	c->hash = hash;
	c->keep = keep;
	c->digits = !!l->thai_digits;
	c->use = use;
	c->used_in = l->doc;
	texts.slot[i] = c;
	texts.used++;
	texts.bytes += text_bytes(c);
	texts.out++;
	return &c->t;
alone:
	t = xmalloc(sizeof(*t));
	text_prepare(l, face, s, use, t);
	use_glyphs(l, t);
	texts.out++;
	return t;
}

/* Give back a text from text_get(). */
static void text_put(const struct text *t)
{
	texts.out--;
	if (!t->cached) {
		struct text *mine = (struct text *)t;

		text_free(mine);
		free(mine);
	}
}

struct line {
	size_t from, to;             /* code points, spaces at both ends dropped */
	int last;                    /* ends its paragraph or a newline */
	int first;                   /* starts the paragraph (indented) */
};

/* End of [from, to) with trailing spaces dropped. */
static size_t trim_end(const struct text *t, size_t from, size_t to)
{
	while (to > from && t->cps[to - 1] == ' ')
		to--;
	return to;
}

static float span_width(const struct text *t, size_t from, size_t to, float size)
{
	to = trim_end(t, from, to);
	return (t->x[to] - t->x[from]) * size / 1000.0f;
}

/* The end of the last whole cluster from `from` that fits room (at least one). */
static size_t fit_clusters(const struct text *t, size_t from, size_t limit, float size,
			   float room)
{
	size_t i = from, best = from;

	while (i < limit) {
		i++;
		while (i < limit && thai_is_mark(t->cps[i]))
			i++;
		if (best > from && span_width(t, from, i, size) > room)
			break;
		best = i;
	}
	return best;
}

/*
 * A kept run (a number with its word, a compound, a name) alone wider than
 * the line: the furthest place before limit that fits, among those the
 * keep-together rules took away; s if none.
 */
static size_t furthest_fit(const struct text *t, const size_t *at, size_t nr, size_t s,
			   size_t limit, float size, float room)
{
	size_t k, end = s;

	for (k = 0; k < nr && at[k] < limit; k++) {
		if (at[k] <= s)
			continue;
		if (span_width(t, s, at[k], size) > room)
			break;
		end = at[k];
	}
	return end;
}

/* A name, or a number's link to its word, breaks before a compound does. */
static size_t soft_break(const struct text *t, size_t s, size_t limit, float size, float room)
{
	size_t end = furthest_fit(t, t->mid, t->nr_mid, s, limit, size, room);

	return end > s ? end : furthest_fit(t, t->soft, t->nr_soft, s, limit, size, room);
}

/*
 * A space is where a Thai writer ends a phrase: break there rather than at
 * a later word boundary when the line is still at least this full (fuller
 * when the line is to be justified, as its gaps will widen).
 */
#define PHRASE_FILL 0.7f
#define PHRASE_FILL_JUSTIFIED 0.93f

/*
 * Greedy line breaking: each line takes as many words as fit.  A newline
 * ends a line; a word wider than a whole line is cut between clusters.
 */
static size_t break_lines(const struct text *t, float size, float width, float indent,
			  int justify, struct line **out)
{
	size_t s = 0, k = 0, n = 0, alloc = 0;

	*out = NULL;
	for (;;) {
		size_t limit, end = 0, e;
		float room = n == 0 ? width - indent : width;
		int hard;

		while (s < t->n && t->cps[s] == ' ')
			s++;
		for (limit = s; limit < t->n && t->cps[limit] != '\n'; limit++)
			;
		if (s >= t->n && n > 0)
			break;
		while (k < t->nr_brk && t->brk[k] <= s)
			k++;
		/* the furthest break, or the newline or end, that still fits */
		for (e = k; e <= t->nr_brk; e++) {
			size_t at = e < t->nr_brk && t->brk[e] < limit ? t->brk[e] : limit;

			if (span_width(t, s, at, size) > room)
				break;
			end = at;
			if (at == limit)
				break;
		}
		if (end > s && end < limit && t->cps[end - 1] != ' ') {
			float fill = justify ? PHRASE_FILL_JUSTIFIED : PHRASE_FILL;
			size_t j;

			for (j = e; j-- > k;)
				if (t->brk[j] < end && t->cps[t->brk[j] - 1] == ' ' &&
				    span_width(t, s, t->brk[j], size) >= fill * room) {
					end = t->brk[j];
					break;
				}
		}
		if (end <= s && s < limit)
			end = soft_break(t, s, limit, size, room);
		if (end <= s && s < limit)
			end = fit_clusters(t, s, k < t->nr_brk && t->brk[k] < limit ?
					   t->brk[k] : limit, size, room);
		hard = end == limit;
		xgrow(out, &alloc, n + 1, sizeof(**out));
		(*out)[n].from = s;
		(*out)[n].to = trim_end(t, s, end);
		(*out)[n].first = n == 0;
		(*out)[n].last = hard;
		n++;
		s = hard && limit < t->n ? limit + 1 : end;
		if (s >= t->n && !(hard && limit < t->n))
			break;
	}
	return n;
}

static void utf8_of(struct strbuf *sb, const unsigned *cps, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		thai_utf8_encode(sb, cps[i]);
}

/* Raw operators into the page's content stream (marked content). */
static void page_raw(struct layout *l, const char *ops)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)l->page->attr;

	HPDF_Stream_WriteStr(attr->stream, ops);
}

/* "/Span <</ActualText <FEFF...>>> BDC": the text as UTF-16BE. */
static void begin_actual_text(struct layout *l, const struct text *t, size_t from, size_t to)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "/Span <</ActualText <FEFF");
	for (i = from; i < to; i++) {
		unsigned cp = t->cps[i];

		if (cp >= BMP) {
			cp -= BMP;
			strbuf_addf(&sb, "%04X%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
		} else {
			strbuf_addf(&sb, "%04X", cp);
		}
	}
	strbuf_addstr(&sb, ">>> BDC\n");
	page_raw(l, sb.buf);
	strbuf_release(&sb);
}

/* 1 if cps[i] starts a word after a run of spaces: a gap a justified line widens. */
static int space_gap(const struct text *t, size_t i)
{
	return i > 0 && t->cps[i - 1] == ' ' && t->cps[i] != ' ';
}

/*
 * The end of the part of t[seg, to) shown by one text operator: when
 * justified (extra points at each run of spaces), the next run of spaces;
 * else to.
 */
static size_t segment_end(const struct text *t, size_t seg, size_t to, float extra)
{
	size_t end = to;

	if (extra > 0.01f)
		for (end = seg + 1; end < to && !space_gap(t, end); end++)
			;
	return end;
}

/*
 * Operators for a page's content stream, gathered and written to it in
 * a few large pieces: the bytes are those of libharu writing each.
 */
struct ops {
	HPDF_Stream stream;
	size_t len;
	char buf[2048];
};

static void ops_flush(struct ops *o)
{
	if (o->len)
		HPDF_Stream_Write(o->stream, (const HPDF_BYTE *)o->buf, (HPDF_UINT)o->len);
	o->len = 0;
}

static void ops_add(struct ops *o, const char *s, size_t n)
{
	if (o->len + n > sizeof(o->buf)) {
		ops_flush(o);
		if (n > sizeof(o->buf)) {
			HPDF_Stream_Write(o->stream, (const HPDF_BYTE *)s, (HPDF_UINT)n);
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void ops_str(struct ops *o, const char *s)
{
	ops_add(o, s, strlen(s));
}

/* A string literal, its length known. */
#define ops_lit(o, s) ops_add((o), "" s, sizeof(s) - 1)

/* A number as libharu writes it (HPDF_FToA() into a buffer of HPDF_TMP_BUF_SIZ). */
static void ops_real(struct ops *o, float v)
{
	char buf[HPDF_TMP_BUF_SIZ];
	char *end = HPDF_FToA(buf, v, buf + sizeof(buf) - 1);

	ops_add(o, buf, (size_t)(end - buf));
}

/* A BMP code point as libharu's UTF-8 encoder writes it in a text's hex: 4 digits. */
static void ops_code(struct ops *o, unsigned g)
{
	static const char hex[] = "0123456789ABCDEF";
	char h[4];

	h[0] = hex[(g >> 12) & 15];
	h[1] = hex[(g >> 8) & 15];
	h[2] = hex[(g >> 4) & 15];
	h[3] = hex[g & 15];
	ops_add(o, h, 4);
}

/*
 * 1 if libharu's text operators would write what text_ops() writes for
 * font at size on l's page: outside a text object (as
 * HPDF_Page_BeginText() requires), a Type0 TrueType face through the
 * UTF-8 encoder, horizontal, a size libharu takes, no character or word
 * spacing, and a resource name needing no escape.
 */
static int text_ops_apply(struct layout *l, HPDF_Font font, float size, const char *name)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)l->page->attr;
	HPDF_FontAttr fa = font ? (HPDF_FontAttr)font->attr : NULL;
	const char *c;

	if (!fa || !name || !*name || attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION ||
	    !HPDF_Font_Validate(font) || font->mmgr != l->page->mmgr ||
	    fa->type != HPDF_FONT_TYPE0_TT || fa->writing_mode != HPDF_WMODE_HORIZONTAL ||
	    !fa->encoder || !fa->encoder->encode_text_fn ||
	    !(size > 0) || size > HPDF_MAX_FONTSIZE ||
	    attr->gstate->char_space != 0 || attr->gstate->word_space != 0)
		return 0;
	for (c = name; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')))
			return 0;
	return 1;
}

/*
 * The content HPDF_Page_BeginText(), HPDF_Page_SetFontAndSize(),
 * HPDF_Page_TextOut() for each segment of t[from, to) and
 * HPDF_Page_EndText() write, byte for byte (libharu 2.3.0: the numbers by
 * its HPDF_FToA(), a position made relative as its TextPos_AbsToRel()
 * does, each glyph as its UTF-8 encoder's two bytes in hex, a text of no
 * width positioned but not shown), written to the page at once, and the
 * page's state left as they leave it (the text position, which EndText
 * sets back, not kept).  Those calls clear a 512-byte buffer with a byte
 * loop for each number written, and measure every glyph again through
 * the encoder: half of drawing a table of text.  Each glyph is measured
 * in the document as ShowText would (use_glyphs() has, for a text taken
 * in it), so the subsets are the same.  0, or -1 when t cannot be so
 * written (a glyph outside the BMP or 0, a segment past libharu's string
 * limit): the caller then calls libharu.
 */
static int text_ops(struct layout *l, const struct text *t, size_t from, size_t to,
		    float x, float y, float size, float extra, HPDF_Font font, const char *name)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)l->page->attr;
	HPDF_TransMatrix tm = { 1, 0, 0, 1, 0, 0 };
	unsigned char *seen;
	const float *adv;
	struct ops o;
	size_t seg = from, i;
	int gaps;

	for (i = from; i < to; i++)
		if (!t->glyph[i] || t->glyph[i] >= BMP)
			return -1;
	if ((to - from) * 3 >= HPDF_LIMIT_MAX_STRING_LEN)
		return -1;
	if (!(seen = l->measured[t->face]))
		seen = l->measured[t->face] = xcalloc(BMP / 8, 1);
	/* the process's advances when they are of l's faces (glyph_advance()) */
	adv = strcmp(texts.font_dir, l->font_dir) ? NULL : texts.advance[t->face];
	o.stream = attr->stream;
	o.len = 0;
	ops_lit(&o, "BT\n/");
	ops_str(&o, name);
	ops_lit(&o, " ");
	ops_real(&o, size);
	ops_lit(&o, " Tf\n");
	for (gaps = 0; seg < to; gaps++) {
		float xabs = x + (t->x[seg] - t->x[from]) * size / 1000.0f + (float)gaps * extra;
		float yabs = l->height - y, rx, ry, tw;
		unsigned width = 0;
		size_t end = segment_end(t, seg, to, extra);

		/* HPDF_Page_TextOut(): TextPos_AbsToRel(), then MoveTextPos() */
		ry = (yabs - tm.y - (xabs - tm.x) * tm.b / tm.a) / (tm.d - tm.c * tm.b / tm.a);
		rx = (xabs - tm.x - ry * tm.c) / tm.a;
		ops_real(&o, rx);
		ops_lit(&o, " ");
		ops_real(&o, ry);
		ops_lit(&o, " Td\n");
		tm.x += rx * tm.a + ry * tm.c;
		tm.y += ry * tm.d + rx * tm.b;
		/* HPDF_Page_ShowText(): its width measured, then shown unless 0 */
		for (i = seg; i < end; i++) {
			unsigned g = t->glyph[i];

			if (!(seen[g >> 3] & (1u << (g & 7)))) {
				seen[g >> 3] |= (unsigned char)(1u << (g & 7));
				measure_glyph(l, t->face, g);
			}
			width += (unsigned)(adv && adv[g] >= 0 ? adv[g] : glyph_advance(l, t->face, g));
		}
		tw = 0;
		tw += width * size / 1000;
		if (tw != 0) {
			ops_lit(&o, "<");
			for (i = seg; i < end; i++)
				ops_code(&o, t->glyph[i]);
			ops_lit(&o, "> Tj\n");
		}
		seg = end;
	}
	ops_lit(&o, "ET\n");
	ops_flush(&o);
	attr->gstate->font = font;
	attr->gstate->font_size = size;
	attr->gstate->writing_mode = HPDF_WMODE_HORIZONTAL;
	attr->text_matrix = tm;
	/* HPDF_Page_EndText() */
	attr->text_pos.x = attr->text_pos.y = 0;
	attr->gmode = HPDF_GMODE_PAGE_DESCRIPTION;
	return 0;
}

/*
 * Draw t[from, to) with its left end at x and baseline at y (from the top);
 * `extra` points are added at each run of spaces inside (justification).
 */
static void draw_range(struct layout *l, const struct text *t, size_t from, size_t to,
		       float x, float y, float size, float extra)
{
	struct strbuf sb;
	size_t seg = from, i;
	int actual = 0, gaps;
	HPDF_Font font;
	const char *name;

	if (!l->page || from >= to)
		return;
	for (i = from; i < to; i++)
		if (t->cps[i] >= BMP || t->glyph[i] == 0xFFFD)
			actual = 1;
	if (extra > 0.01f)
		actual = 1; /* the spread-out words read back as the text */
	if (actual)
		begin_actual_text(l, t, from, to);
	font = face_font(l, t->face);
	name = font ? HPDF_Page_GetLocalFontName(l->page, font) : NULL;
	if (!text_ops_apply(l, font, size, name) ||
	    text_ops(l, t, from, to, x, y, size, extra, font, name)) {
		strbuf_init(&sb);
		HPDF_Page_BeginText(l->page);
		HPDF_Page_SetFontAndSize(l->page, font, size);
		for (gaps = 0; seg < to; gaps++) {
			size_t end = segment_end(t, seg, to, extra);

			strbuf_reset(&sb);
			utf8_of(&sb, t->glyph, seg, end);
			HPDF_Page_TextOut(l->page, x + (t->x[seg] - t->x[from]) * size / 1000.0f +
					  (float)gaps * extra, l->height - y, sb.buf);
			seg = end;
		}
		HPDF_Page_EndText(l->page);
		strbuf_release(&sb);
	}
	if (actual)
		page_raw(l, "EMC\n");
}

float layout_left(const struct layout *l)
{
	return l->margin_left > 0 ? l->margin_left : l->margin;
}

/* The width between the side margins. */
static float full_width(const struct layout *l)
{
	return l->width - layout_left(l) - (l->margin_right > 0 ? l->margin_right : l->margin);
}

float layout_text_area(const struct layout *l)
{
	float full = full_width(l);

	return l->col_w > 0 && l->col_x + l->col_w <= full ? l->col_w : full - l->col_x;
}

void layout_set_column(struct layout *l, float x, float w)
{
	l->col_x = x > 0 ? x : 0;
	l->col_w = w > 0 ? w : 0;
}

float layout_text_width(struct layout *l, int face, float size, const char *text)
{
	const struct text *t;
	float w;

	t = text_get(l, face, text, TEXT_MEASURE);
	w = span_width(t, 0, t->n, size);
	text_put(t);
	return w;
}

void layout_text_at(struct layout *l, float x, float y, int face, float size,
		    const char *text)
{
	const struct text *t;

	t = text_get(l, face, text, TEXT_MEASURE);
	draw_range(l, t, 0, t->n, x, y, size, 0);
	text_put(t);
}

size_t layout_wrap(struct layout *l, int face, float size, float width, float indent,
		   const char *text, char ***lines)
{
	const struct text *t;
	struct line *ln;
	size_t n, i;

	t = text_get(l, face, text, TEXT_BREAKS);
	n = break_lines(t, size, width, indent, 0, &ln);
	*lines = xcalloc(n ? n : 1, sizeof(**lines));
	for (i = 0; i < n; i++) {
		struct strbuf sb;

		strbuf_init(&sb);
		utf8_of(&sb, t->cps, ln[i].from, ln[i].to);
		(*lines)[i] = strbuf_detach(&sb);
	}
	if (!n)
		(*lines)[n++] = xstrdup("");
	free(ln);
	text_put(t);
	return n;
}

void layout_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static float line_height(const struct layout_style *st)
{
	return st->size * (st->line_height > 0 ? st->line_height : LAYOUT_LINE_HEIGHT);
}

#define JUSTIFY_MAX_GAP 2.0f

/*
 * Draw one laid-out line in a box [x, x + width) with its baseline at y.
 * A justified line is widened the Thai way: only at the spaces the text
 * has (Thai words are not spaced, a space ends a phrase); a line with none,
 * one whose gaps would be wider than JUSTIFY_MAX_GAP ems, and the last
 * line of a paragraph stay at the left.
 */
static void draw_line(struct layout *l, const struct text *t, const struct line *ln,
		      const struct layout_style *st, float x, float y, float width)
{
	float indent = ln->first ? st->indent : 0;
	float w = span_width(t, ln->from, ln->to, st->size), extra = 0;
	size_t i, gaps = 0;

	x += indent;
	width -= indent;
	switch (st->align) {
	case ALIGN_CENTER:
		x += (width - w) / 2;
		break;
	case ALIGN_RIGHT:
		x += width - w;
		break;
	case ALIGN_JUSTIFY:
		for (i = ln->from + 1; i < ln->to; i++)
			gaps += space_gap(t, i);
		if (!ln->last && gaps && width > w)
			extra = (width - w) / (float)gaps;
		/* a gap wider than this reads as a hole: the line stays at the left */
		if (extra > JUSTIFY_MAX_GAP * st->size)
			extra = 0;
		break;
	case ALIGN_LEFT:
		break;
	}
	draw_range(l, t, ln->from, ln->to, x, y, st->size, extra);
}

static float baseline_in(const struct layout_style *st)
{
	/* from the top of a line box to its baseline */
	return line_height(st) - st->size * DESCENT;
}

/* The height layout_block() gives t in st at width (its lines, not drawn). */
static float block_height(const struct text *t, const struct layout_style *st, float width)
{
	struct line *ln;
	size_t n = break_lines(t, st->size, width, st->indent, st->align == ALIGN_JUSTIFY, &ln);

	free(ln);
	return line_height(st) * (float)n;
}

float layout_block(struct layout *l, float x, float top, float width,
		   const struct layout_style *st, const char *text, int draw)
{
	const struct text *t;
	struct line *ln;
	size_t n, i;
	float lh = line_height(st);

	t = text_get(l, st->face, text, st->whole_words ? TEXT_WHOLE_WORDS : TEXT_BREAKS);
	if (!draw) {
		lh = block_height(t, st, width);
		text_put(t);
		return lh;
	}
	n = break_lines(t, st->size, width, st->indent, st->align == ALIGN_JUSTIFY, &ln);
	for (i = 0; i < n; i++)
		draw_line(l, t, &ln[i], st, x, top + lh * (float)i + baseline_in(st), width);
	free(ln);
	text_put(t);
	return lh * (float)n;
}

void layout_para(struct layout *l, const struct layout_style *st, const char *text)
{
	const struct text *t;
	struct line *ln;
	size_t n, i;
	float lh = line_height(st), width;

	if (!l->page)
		layout_new_page(l, 0);
	if (st->space_before > 0 && l->y > l->margin)
		layout_space(l, st->space_before);
	width = layout_text_area(l);
	t = text_get(l, st->face, text, TEXT_BREAKS);
	n = break_lines(t, st->size, width, st->indent, st->align == ALIGN_JUSTIFY, &ln);
	/* a heading keeps its own lines and `keep` points of what follows */
	layout_need(l, st->keep > 0 ? lh * (float)n + st->keep : lh);
	for (i = 0; i < n; i++) {
		layout_need(l, lh);
		draw_line(l, t, &ln[i], st, layout_left(l) + l->col_x, l->y + baseline_in(st), width);
		l->y += lh;
		if (l->line_log) {
			struct strbuf sb;

			strbuf_init(&sb);
			utf8_of(&sb, t->cps, ln[i].from, ln[i].to);
			fprintf(l->line_log, "%s\n", sb.buf);
			strbuf_release(&sb);
		}
	}
	free(ln);
	text_put(t);
	if (st->space_after > 0)
		layout_space(l, st->space_after);
}

void layout_paragraph(struct layout *l, int face, float size, enum layout_align align,
		      const char *text)
{
	struct layout_style st;

	memset(&st, 0, sizeof(st));
	st.face = face;
	st.size = size;
	st.align = align;
	layout_para(l, &st, text);
}

static void heading(struct layout *l, float size, enum layout_align align, const char *text,
		    float keep)
{
	struct layout_style st;

	memset(&st, 0, sizeof(st));
	st.face = FACE_BOLD;
	st.size = size;
	st.keep = keep;
	st.align = align;
	layout_para(l, &st, text);
}

void layout_heading(struct layout *l, float size, const char *text, float keep)
{
	heading(l, size, ALIGN_LEFT, text, keep);
}

void layout_heading_centred(struct layout *l, float size, const char *text, float keep)
{
	heading(l, size, ALIGN_CENTER, text, keep);
}

/* Note a caption of the current page; its label ("ตารางที่ N") into sb. */
static void note_caption(struct layout *l, int figure, const char *text, struct strbuf *sb)
{
	struct layout_caption *c;

	xgrow(&l->captions, &l->alloc_captions, l->nr_captions + 1, sizeof(*l->captions));
	c = &l->captions[l->nr_captions++];
	c->figure = figure;
	c->number = figure ? ++l->nr_figures : ++l->nr_tables;
	c->text = xstrdup(text);
	c->page = l->page_no;
	strbuf_addf(sb, "%s %d", figure ? "ภาพที่" : "ตารางที่", c->number);
	if (*text)
		strbuf_addf(sb, "  %s", text);
}

/* A caption's paragraph: centred, bold, the body's size less two. */
static void caption_style(struct layout_style *st, float size)
{
	memset(st, 0, sizeof(*st));
	st->face = FACE_BOLD;
	st->size = size;
	st->align = ALIGN_CENTER;
	st->space_after = 2;
}

#define CAPTION_SIZE 14.0f

void layout_caption_table(struct layout *l, const char *text)
{
	free(l->table_caption);
	l->table_caption = xstrdup(text);
}

void layout_caption_figure(struct layout *l, const char *text)
{
	struct layout_style st;
	struct strbuf sb;

	caption_style(&st, CAPTION_SIZE);
	st.space_before = 4;
	layout_need(l, line_height(&st) + 4);
	strbuf_init(&sb);
	note_caption(l, 1, text, &sb);
	layout_para(l, &st, sb.buf);
	strbuf_release(&sb);
}

char *layout_note_figure(struct layout *l, const char *text)
{
	struct strbuf sb;

	strbuf_init(&sb);
	note_caption(l, 1, text, &sb);
	return strbuf_detach(&sb);
}

/* The pending table caption's height at the text area's width; 0 if none. */
static float table_caption_height(struct layout *l)
{
	struct layout_style st;
	struct strbuf sb;
	float h;

	if (!l->table_caption)
		return 0;
	caption_style(&st, CAPTION_SIZE);
	strbuf_init(&sb);
	strbuf_addf(&sb, "ตารางที่ %d  %s", l->nr_tables + 1, l->table_caption);
	h = layout_block(l, 0, 0, layout_text_area(l), &st, sb.buf, 0) + st.space_after;
	strbuf_release(&sb);
	return h;
}

/* Draw the pending table caption at the cursor (the table fits after it). */
static void draw_table_caption(struct layout *l)
{
	struct layout_style st;
	struct strbuf sb;

	if (!l->table_caption)
		return;
	caption_style(&st, CAPTION_SIZE);
	strbuf_init(&sb);
	note_caption(l, 0, l->table_caption, &sb);
	l->y += layout_block(l, layout_left(l) + l->col_x, l->y, layout_text_area(l), &st,
			     sb.buf, 1) + st.space_after;
	strbuf_release(&sb);
	free(l->table_caption);
	l->table_caption = NULL;
}

void layout_insert_pages(struct layout *l, int after, int count)
{
	int k;
	size_t i;

	if (after < 0 || after > l->page_no || count < 1)
		return;
	for (k = 0; k < count; k++) {
		HPDF_Page p = after + k < l->page_no ? HPDF_InsertPage(l->pdf, l->pages[after + k])
			: HPDF_AddPage(l->pdf);

		if (!p)
			return;
		fast_stream(((HPDF_PageAttr)p->attr)->stream);
		HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		xgrow(&l->pages, &l->alloc_pages, (size_t)l->page_no + 1, sizeof(*l->pages));
		memmove(l->pages + after + k + 1, l->pages + after + k,
			(size_t)(l->page_no - after - k) * sizeof(*l->pages));
		l->pages[after + k] = p;
		l->page_no++;
	}
	for (i = 0; i < l->nr_captions; i++)
		if (l->captions[i].page > after)
			l->captions[i].page += count;
	layout_goto_page(l, after + 1);
}

/* The header's lines at size, each part between newlines wrapped: *out. */
static size_t header_lines(struct layout *l, float size, char ***out)
{
	const char *p = l->header;
	char **all = NULL, **lines;
	size_t nr = 0, alloc = 0, n, k;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *part = xmalloc(len + 1);

		memcpy(part, p, len);
		part[len] = '\0';
		n = layout_wrap(l, FACE_BOLD, size, full_width(l), 0, part, &lines);
		xgrow(&all, &alloc, nr + n, sizeof(*all));
		for (k = 0; k < n; k++)
			all[nr++] = lines[k];
		free(lines);
		free(part);
		p += len + (p[len] == '\n');
	}
	*out = all;
	return nr;
}

/*
 * The header: a line per newline in it, each wrapped to the page's text
 * width, centred in the top margin; smaller when there is more than one.
 * With the page number at the top, a one-line header that fits in the
 * right third (a draft mark) goes at the top right, a longer one (an
 * approval) centred in the bottom margin.
 */
static void header(struct layout *l)
{
	char **lines;
	size_t nr = header_lines(l, 12, &lines), k;
	float size = 12, lh, y, w;
	int right = 0, foot = 0;

	if (nr > 1) {
		layout_free_lines(lines, nr);
		size = 10;
		nr = header_lines(l, size, &lines);
	}
	if (l->page_number_top && nr == 1 &&
	    layout_text_width(l, FACE_BOLD, 16, lines[0]) < full_width(l) / 3) {
		size = 16;
		right = 1;
	} else if (l->page_number_top) {
		foot = 1;
	}
	lh = size * 1.2f;
	y = l->margin / 2 - lh * (float)(nr ? nr - 1 : 0) / 2;
	if (foot)
		y += l->height - l->margin;
	for (k = 0; k < nr; k++, y += lh) {
		w = layout_text_width(l, FACE_BOLD, size, lines[k]);
		layout_text_at(l, right ? layout_left(l) + full_width(l) - w
			       : layout_left(l) + (full_width(l) - w) / 2, y, FACE_BOLD, size,
			       lines[k]);
	}
	layout_free_lines(lines, nr);
}

/*
 * The footer: its text at the left, a line per newline in it (each cut to
 * what fits beside the page number), and "หน้า N / M" at the right of the
 * last line; the header line centred at the top.  With the page number at
 * the top, the number alone centred in the top margin and no footer.
 */
static void footer(struct layout *l, const char *text, int page_no, int total, int bare)
{
	char page[64];
	float size = 12, lh = size * 1.25f;
	float page_w, room, y;
	const char *p = text;
	size_t nr = 1, k;

	if (l->page_number_top) {
		if (!bare) {
			snprintf(page, sizeof(page), "%d", page_no);
			page_w = layout_text_width(l, FACE_REGULAR, 16, page);
			layout_text_at(l, layout_left(l) + (full_width(l) - page_w) / 2,
				       l->margin / 2 + 5, FACE_REGULAR, 16, page);
		}
		if (l->header[0] && (!bare || !l->no_cover_header))
			header(l);
		return;
	}
	snprintf(page, sizeof(page), l->english_footer ? "Page %d of %d" : "หน้า %d / %d",
		 page_no, total);
	page_w = layout_text_width(l, FACE_REGULAR, size, page);
	room = full_width(l) - page_w - size;
	for (k = 0; p[k]; k++)
		nr += p[k] == '\n';
	y = l->height - l->margin / 2 - lh * (float)(nr - 1) / 2;
	while (!bare && (*p || nr)) {
		size_t len = strcspn(p, "\n");
		char *line = xmalloc(len + 1), **lines;
		size_t n;

		memcpy(line, p, len);
		line[len] = '\0';
		n = layout_wrap(l, FACE_REGULAR, size, room, 0, line, &lines);
		layout_text_at(l, layout_left(l), y, FACE_REGULAR, size, lines[0]);
		layout_free_lines(lines, n);
		free(line);
		p += len + (p[len] == '\n');
		if (!*p)
			break;
		y += lh;
		nr--;
	}
	if (!bare)
		layout_text_at(l, layout_left(l) + full_width(l) - page_w, y, FACE_REGULAR, size,
			       page);
	if (l->header[0] && (!bare || !l->no_cover_header))
		header(l);
}

void layout_new_page(struct layout *l, int landscape)
{
	l->page = HPDF_AddPage(l->pdf);
	if (l->page)
		fast_stream(((HPDF_PageAttr)l->page->attr)->stream);
	HPDF_Page_SetSize(l->page, HPDF_PAGE_SIZE_A4,
			  landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
	l->width = HPDF_Page_GetWidth(l->page);
	l->height = HPDF_Page_GetHeight(l->page);
	l->y = l->margin;
	xgrow(&l->pages, &l->alloc_pages, (size_t)l->page_no + 1, sizeof(*l->pages));
	l->pages[l->page_no++] = l->page;
}

void layout_goto_page(struct layout *l, int n)
{
	if (n < 1 || n > l->page_no)
		return;
	l->page = l->pages[n - 1];
	l->width = HPDF_Page_GetWidth(l->page);
	l->height = HPDF_Page_GetHeight(l->page);
	l->y = l->margin;
}

void layout_new_part(struct layout *l, const char *footer_text)
{
	struct layout_part *part;

	layout_new_page(l, 0);
	xgrow(&l->parts, &l->alloc_parts, l->nr_parts + 1, sizeof(*l->parts));
	part = &l->parts[l->nr_parts++];
	part->first = l->page_no;
	part->footer = xstrdup(footer_text);
}

/*
 * The footer and header line of every page, now that their number is
 * known: numbered within its part, if the document has parts.
 */
static void draw_footers(struct layout *l)
{
	size_t k = 0;
	int n;

	for (n = 1; n <= l->page_no; n++) {
		const char *text = l->footer;
		int first = 1, last = l->page_no;

		while (k + 1 < l->nr_parts && l->parts[k + 1].first <= n)
			k++;
		if (l->nr_parts && l->parts[k].first <= n) {
			text = l->parts[k].footer;
			first = l->parts[k].first;
			if (k + 1 < l->nr_parts)
				last = l->parts[k + 1].first - 1;
		}
		layout_goto_page(l, n);
		/* a cover has the header line only */
		footer(l, text, n - first + 1, last - first + 1,
		       l->no_footer_from && n < l->no_footer_from);
	}
}

HPDF_Outline layout_bookmark(struct layout *l, HPDF_Outline parent, const char *title)
{
	HPDF_Outline o;
	HPDF_Destination dst;

	if (!l->page)
		layout_new_page(l, 0);
	o = HPDF_CreateOutline(l->pdf, parent, "-", NULL); /* retitled below */
	if (!o)
		return NULL;
	{
		struct strbuf sb;

		/* in the digits the document prints */
		strbuf_init(&sb);
		if (l->thai_digits)
			thai_digits(&sb, title);
		else
			strbuf_addstr(&sb, title);
		HPDF_Dict_Add(o, "Title", text_string(l, sb.buf));
		strbuf_release(&sb);
	}
	HPDF_Outline_SetOpened(o, HPDF_FALSE);
	dst = HPDF_Page_CreateDestination(l->page);
	if (dst) {
		HPDF_Destination_SetFitH(dst, l->height - l->y + 4);
		HPDF_Outline_SetDestination(o, dst);
	}
	HPDF_SetPageMode(l->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	return o;
}

/* Draw img in the box (x, top, w, h), keeping its proportions, centred in it. */
static void draw_fitted(struct layout *l, HPDF_Image img, float x, float top, float w, float h)
{
	float iw = (float)HPDF_Image_GetWidth(img), ih = (float)HPDF_Image_GetHeight(img);
	float scale = w / iw < h / ih ? w / iw : h / ih;

	HPDF_Page_DrawImage(l->page, img, x + (w - iw * scale) / 2,
			    l->height - top - h + (h - ih * scale) / 2, iw * scale, ih * scale);
}

int layout_image(struct layout *l, const char *path, float x, float top, float w,
		 float h, struct tt_error *err)
{
	HPDF_Image img;
	HPDF_STATUS before = l->failure;

	if (!l->page)
		layout_new_page(l, 0);
	img = HPDF_LoadPngImageFromFile(l->pdf, path);
	if (!img) {
		/* a picture that cannot be read is this call's error, not the document's */
		l->failure = before;
		HPDF_ResetError(l->pdf);
		return tt_error_set(err, TT_EIO, "%s: not a PNG image libharu can read", path);
	}
	draw_fitted(l, img, x, top, w, h);
	return 0;
}

int layout_image_memory(struct layout *l, const void *data, size_t len, int jpeg, float x,
			float top, float w, float h, struct tt_error *err)
{
	HPDF_STATUS before = l->failure;
	HPDF_Image img;

	if (!l->page)
		layout_new_page(l, 0);
	img = jpeg ? HPDF_LoadJpegImageFromMem(l->pdf, data, (HPDF_UINT)len)
		   : HPDF_LoadPngImageFromMem(l->pdf, data, (HPDF_UINT)len);
	if (!img) {
		l->failure = before;
		HPDF_ResetError(l->pdf);
		return tt_error_set(err, TT_EINVAL, "an image libharu cannot read (%zu bytes)", len);
	}
	draw_fitted(l, img, x, top, w, h);
	return 0;
}

void layout_rgb_fill(struct layout *l, float r, float g, float b)
{
	HPDF_Page_SetRGBFill(l->page, r, g, b);
}

void layout_rgb_stroke(struct layout *l, float r, float g, float b)
{
	HPDF_Page_SetRGBStroke(l->page, r, g, b);
}

void layout_mark(struct layout *l, enum layout_mark mark, float x, float y, float size)
{
	HPDF_Page p = l->page;
	float r = size / 2, cx = x + r, cy = l->height - y;

	if (!p || mark == MARK_NONE)
		return;
	HPDF_Page_GSave(p);
	HPDF_Page_SetLineWidth(p, 0.8f);
	switch (mark) {
	case MARK_MET:
		HPDF_Page_SetRGBFill(p, 0.13f, 0.55f, 0.13f);
		HPDF_Page_SetRGBStroke(p, 0.05f, 0.30f, 0.05f);
		HPDF_Page_Circle(p, cx, cy, r);
		HPDF_Page_FillStroke(p);
		break;
	case MARK_NOT_MET:
		HPDF_Page_SetRGBFill(p, 0.80f, 0.10f, 0.10f);
		HPDF_Page_SetRGBStroke(p, 0.45f, 0.0f, 0.0f);
		HPDF_Page_Rectangle(p, cx - r, cy - r, size, size);
		HPDF_Page_FillStroke(p);
		HPDF_Page_SetRGBStroke(p, 1, 1, 1);
		HPDF_Page_SetLineWidth(p, 1.4f);
		HPDF_Page_MoveTo(p, cx - r * 0.55f, cy - r * 0.55f);
		HPDF_Page_LineTo(p, cx + r * 0.55f, cy + r * 0.55f);
		HPDF_Page_MoveTo(p, cx - r * 0.55f, cy + r * 0.55f);
		HPDF_Page_LineTo(p, cx + r * 0.55f, cy - r * 0.55f);
		HPDF_Page_Stroke(p);
		break;
	case MARK_PENDING:
		HPDF_Page_SetGrayStroke(p, 0.35f);
		HPDF_Page_Circle(p, cx, cy, r * 0.85f);
		HPDF_Page_Stroke(p);
		break;
	case MARK_NONE:
		break;
	}
	HPDF_Page_GRestore(p);
}

void layout_need(struct layout *l, float points)
{
	if (!l->page || l->y + points > l->height - l->margin)
		layout_new_page(l, l->page ? l->width > l->height : 0);
}

void layout_space(struct layout *l, float points)
{
	l->y += points;
	if (l->y > l->height - l->margin)
		layout_new_page(l, l->width > l->height);
}

/*
 * A cell's rectangle, ruled at 0.5 points, filled light grey when `fill`.
 * Outside any text or path object (always, but for a page libharu left
 * in error), the operators are written as libharu's calls below write
 * them, at once, and the page's state left as they leave it: each of
 * HPDF_Page_Rectangle() clears a buffer of 512 bytes a byte at a time.
 */
static void rect(struct layout *l, float x, float top, float w, float h, int fill)
{
	HPDF_PageAttr attr;

	if (!l->page)
		return;
	attr = (HPDF_PageAttr)l->page->attr;
	if (attr->gmode == HPDF_GMODE_PAGE_DESCRIPTION) {
		float y = l->height - top - h;
		struct ops o;

		o.stream = attr->stream;
		o.len = 0;
		ops_real(&o, 0.5f);
		ops_str(&o, fill ? " w\n0.88 g\n" : " w\n");
		ops_real(&o, x);
		ops_lit(&o, " ");
		ops_real(&o, y);
		ops_lit(&o, " ");
		ops_real(&o, w);
		ops_lit(&o, " ");
		ops_real(&o, h);
		ops_str(&o, fill ? " re\nB\n0 g\n" : " re\nS\n");
		ops_flush(&o);
		attr->gstate->line_width = 0.5f;
		if (fill) {
			attr->gstate->gray_fill = 0.0f;
			attr->gstate->cs_fill = HPDF_CS_DEVICE_GRAY;
		}
		attr->str_pos.x = x;
		attr->str_pos.y = y;
		attr->cur_pos.x = attr->cur_pos.y = 0;
		return;
	}
	HPDF_Page_SetLineWidth(l->page, 0.5f);
	if (fill)
		HPDF_Page_SetGrayFill(l->page, 0.88f);
	HPDF_Page_Rectangle(l->page, x, l->height - top - h, w, h);
	if (fill) {
		HPDF_Page_FillStroke(l->page);
		HPDF_Page_SetGrayFill(l->page, 0.0f);
	} else {
		HPDF_Page_Stroke(l->page);
	}
}

static void cell_style(struct layout_style *st, float size, int header)
{
	memset(st, 0, sizeof(*st));
	st->face = header ? FACE_BOLD : FACE_REGULAR;
	st->size = size;
}

/*
 * A cell's text, its mark (in a column of marks, not in the header) and
 * the room the mark takes before the text.
 */
static const char *cell_text(const struct layout_column *col, const char *cell, int header,
			     float size, enum layout_mark *mark, float *room)
{
	*mark = MARK_NONE;
	*room = 0;
	if (!cell)
		return "";
	if ((col->flags & LAYOUT_MARKS) && !header && cell[0] >= '0' && cell[0] <= '0' + MARK_PENDING) {
		*mark = (enum layout_mark)(cell[0] - '0');
		*room = *mark != MARK_NONE ? size * 0.75f : 0;
		return cell + 1;
	}
	return cell;
}

/* The height of a row of cells: its tallest wrapped cell. */
static float row_height(struct layout *l, const struct layout_column *cols, size_t ncols,
			char *const *cells, float size, int header)
{
	struct layout_style st;
	float height = 0;
	size_t c;

	cell_style(&st, size, header);
	for (c = 0; c < ncols; c++) {
		enum layout_mark mark;
		float room, h;
		const char *text = cell_text(&cols[c], cells[c], header, size, &mark, &room);
		int digits = l->thai_digits;

		if ((cols[c].flags & LAYOUT_VERBATIM) && !header)
			l->thai_digits = 0;
		st.whole_words = (cols[c].flags & LAYOUT_WHOLE_WORDS) && !header;
		h = layout_block(l, 0, 0, cols[c].width - 2 * CELL_PAD - room, &st, text, 0) +
		    2 * CELL_PAD_Y;
		l->thai_digits = digits;
		if (h > height)
			height = h;
	}
	return height;
}

/* Draw a row `height` tall at the cursor and move below it. */
static void draw_row(struct layout *l, const struct layout_column *cols, size_t ncols,
		     char *const *cells, float size, int header, float height)
{
	struct layout_style st;
	float x = layout_left(l);
	size_t c;

	cell_style(&st, size, header);
	for (c = 0; c < ncols; c++) {
		enum layout_mark mark;
		float room;
		const char *text = cell_text(&cols[c], cells[c], header, size, &mark, &room);
		int digits = l->thai_digits;

		st.align = header ? ALIGN_CENTER : cols[c].align;
		rect(l, x, l->y, cols[c].width, height, header);
		if (mark != MARK_NONE)
			layout_mark(l, mark, x + CELL_PAD, l->y + CELL_PAD_Y + size * 0.95f,
				    size * 0.55f);
		if ((cols[c].flags & LAYOUT_VERBATIM) && !header)
			l->thai_digits = 0;
		st.whole_words = (cols[c].flags & LAYOUT_WHOLE_WORDS) && !header;
		layout_block(l, x + CELL_PAD + room, l->y + CELL_PAD_Y,
			     cols[c].width - 2 * CELL_PAD - room, &st, text, 1);
		l->thai_digits = digits;
		x += cols[c].width;
	}
	l->y += height;
}

/* 1 if cp may be part of a figure that must stay on one line. */
static int figure_char(unsigned cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x0E50 && cp <= 0x0E59) || cp == ',' ||
	       cp == '.' || cp == '%' || cp == '-' || cp == '+' || cp == '(' || cp == ')';
}

/*
 * The width a cell needs so that none of its figures (a run of digits,
 * separators and signs, "18,371", "85.50%") is broken across lines, nor
 * any of its codes in a column of whole words: the widest, the padding
 * and the mark.  0 if it holds none.
 */
static float figure_width(struct layout *l, const struct layout_column *col, const char *cell,
			  float size)
{
	enum layout_mark mark;
	float room, widest = 0;
	const char *text = cell_text(col, cell, 0, size, &mark, &room);
	const struct text *t;
	size_t i, from;

	int digits = l->thai_digits;

	if (col->flags & LAYOUT_VERBATIM)
		l->thai_digits = 0;
	t = text_get(l, FACE_REGULAR, text, TEXT_MEASURE);
	l->thai_digits = digits;
	for (i = 0; i < t->n; i = from) {
		int digit = 0, words = col->flags & LAYOUT_WHOLE_WORDS;

		for (from = i; from < t->n && (words ? t->cps[from] != ' ' && t->cps[from] != '\n' &&
						       !thai_letter(t->cps[from])
					     : figure_char(t->cps[from])); from++) {
			digit |= words || (t->cps[from] >= '0' && t->cps[from] <= '9') ||
				 (t->cps[from] >= 0x0E50 && t->cps[from] <= 0x0E59);
			/* a path's part ends with its '/', where its line may end */
			if (words && t->cps[from] == '/' && from + 1 < t->n && t->cps[from + 1] != '/') {
				from++;
				break;
			}
		}
		if (digit && from > i && (t->x[from] - t->x[i]) * size / 1000.0f > widest)
			widest = (t->x[from] - t->x[i]) * size / 1000.0f;
		if (from == i)
			from++;
	}
	text_put(t);
	return widest > 0 ? widest + 2 * CELL_PAD + room + 0.5f : 0;
}

/* 1 if a cell holds letters (words, not only figures and signs). */
static int has_letters(struct layout *l, const struct layout_column *col, const char *cell,
		       float size)
{
	enum layout_mark mark;
	float room;
	const char *p = cell_text(col, cell, 0, size, &mark, &room);

	(void)l;
	while (*p) {
		unsigned cp;

		p += thai_utf8_decode(p, &cp);
		if ((cp >= 0x0E01 && cp <= 0x0E4E) || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z'))
			return 1;
	}
	return 0;
}

/* A cell's width on one line, its padding and mark included. */
static float natural_width(struct layout *l, const struct layout_column *col,
			   const char *cell, float size, int header)
{
	enum layout_mark mark;
	float room, w;
	const char *text = cell_text(col, cell, header, size, &mark, &room);
	int digits = l->thai_digits;

	if ((col->flags & LAYOUT_VERBATIM) && !header)
		l->thai_digits = 0;
	w = layout_text_width(l, header ? FACE_BOLD : FACE_REGULAR, size, text);
	l->thai_digits = digits;
	return w + 2 * CELL_PAD + room + 0.5f;
}

/*
 * The widest run of t no line may break inside (a word, a number with its
 * unit, a kept compound or name), in points.
 */
static float widest_run_of(const struct text *t, float size)
{
	size_t k, from = 0;
	float widest = 0, w;

	for (k = 0; k <= t->nr_brk; k++) {
		size_t to = k < t->nr_brk ? t->brk[k] : t->n;

		w = span_width(t, from, to, size);
		if (w > widest)
			widest = w;
		from = to;
	}
	return widest;
}

static float widest_run(struct layout *l, int face, float size, const char *text)
{
	const struct text *t = text_get(l, face, text, TEXT_BREAKS);
	float widest = widest_run_of(t, size);

	text_put(t);
	return widest;
}

/* The narrowest width at which a header title takes at most two lines. */
static float header_width(struct layout *l, const char *title, float size)
{
	struct layout_style st;
	const struct text *t;
	float lo, hi, lh = size * LAYOUT_LINE_HEIGHT;
	int i;

	if (!title || !*title)
		return 0;
	cell_style(&st, size, 1);
	t = text_get(l, FACE_BOLD, title, TEXT_BREAKS);
	hi = span_width(t, 0, t->n, size) + 1;
	lo = hi / 2;
	if (lo < widest_run_of(t, size) + 0.5f)
		lo = widest_run_of(t, size) + 0.5f;
	if (lo > hi)
		hi = lo;
	if (block_height(t, &st, lo) <= 2 * lh + 0.1f) {
		text_put(t);
		return lo + 2 * CELL_PAD;
	}
	for (i = 0; i < 12; i++) {
		float mid = (lo + hi) / 2;

		if (block_height(t, &st, mid) <= 2 * lh + 0.1f)
			hi = mid;
		else
			lo = mid;
	}
	text_put(t);
	return hi + 2 * CELL_PAD;
}

/* A column of text this share of the table wide or less on one line is short. */
#define SHORT_TEXT 0.2f

/* 1 if a column of text is set on one line when it can be: short, or codes and paths. */
static int short_text(const struct layout_column *col, int text, float nat, float total)
{
	return text && (nat <= total * SHORT_TEXT || (col->flags & LAYOUT_WHOLE_WORDS));
}

/*
 * Widths balanced from the content, the table as wide as the given widths
 * together: a column of figures only as wide as its widest figure and its
 * header on two lines; the columns of text share the rest by their natural
 * (one-line) widths, none below its widest code or figure.  0 if the
 * content does not fit that way (the caller then narrows as before).
 */
static int balance_columns(struct layout *l, const struct layout_column *cols, size_t ncols,
			   char *const *cells, size_t nr_rows, float size,
			   struct layout_column *out)
{
	float *min = xcalloc(ncols + 1, sizeof(float)), *nat = xcalloc(ncols + 1, sizeof(float));
	char *text = xcalloc(ncols + 1, 1);
	float total = 0, fixed = 0, mins = 0, nats = 0, rest, total_given = 0, room;
	size_t c, r, nr_text = 0;
	enum layout_mark mark;
	int ok = 0;

	for (c = 0; c < ncols; c++)
		total_given += cols[c].width;
	for (c = 0; c < ncols; c++) {
		float head = header_width(l, cols[c].title, size);

		total += cols[c].width;
		min[c] = head;
		nat[c] = head;
		for (r = 0; r < nr_rows; r++) {
			const char *cell = cells[r * ncols + c];
			float f = figure_width(l, &cols[c], cell, size), w;

			if (!cell || !*cell)
				continue;
			w = natural_width(l, &cols[c], cell, size, 0);
			if (f > min[c])
				min[c] = f;
			/* a text's words whole, up to a share of the table */
			if (!(cols[c].flags & LAYOUT_WHOLE_WORDS) && has_letters(l, &cols[c], cell, size))
				f = widest_run(l, FACE_REGULAR, size, cell_text(&cols[c], cell, 0, size,
					&mark, &room)) + 2 * CELL_PAD + room + 0.5f;
			if (f > total_given * 0.3f)
				f = total_given * 0.3f;
			if (f > min[c])
				min[c] = f;
			if (w > nat[c])
				nat[c] = w;
			if (has_letters(l, &cols[c], cell, size))
				text[c] = 1;
		}
		if (!text[c]) {
			/* figures: never wrapped, as wide as the widest */
			min[c] = nat[c] > min[c] ? nat[c] : min[c];
			fixed += min[c];
		} else {
			if (min[c] < size * 3)
				min[c] = size * 3;
			if (nat[c] < min[c])
				nat[c] = min[c];
			mins += min[c];
			nats += nat[c];
			nr_text++;
		}
	}
	rest = total - fixed;
	if (rest < mins - 0.01f || (!nr_text && rest < 0))
		goto out;
	/*
	 * a short text (a unit, a status, a code) on its line, when the long
	 * ones keep their minimum: only those wrap
	 */
	if (nats > rest) {
		float short_nat = 0, short_min = 0;

		for (c = 0; c < ncols; c++)
			if (short_text(&cols[c], text[c], nat[c], total)) {
				short_nat += nat[c];
				short_min += min[c];
			}
		if (short_nat > short_min && rest - short_nat >= mins - short_min - 0.01f &&
		    nats - short_nat > 0.01f)
			for (c = 0; c < ncols; c++)
				if (short_text(&cols[c], text[c], nat[c], total)) {
					mins += nat[c] - min[c];
					min[c] = nat[c];
				}
	}
	for (c = 0; c < ncols; c++) {
		out[c] = cols[c];
		if (!nr_text)
			out[c].width = min[c] + rest / (float)ncols;
		else if (!text[c])
			out[c].width = min[c];
		else if (nats <= rest)
			/* all text on one line; the room left to the widest texts */
			out[c].width = nat[c] + (rest - nats) * nat[c] / nats;
		else
			/* each above its minimum by its share of what it lacks */
			out[c].width = min[c] + (rest - mins) * (nat[c] - min[c]) /
				       (nats - mins > 0.01f ? nats - mins : 1);
	}
	ok = 1;
out:
	free(min);
	free(nat);
	free(text);
	return ok;
}

/*
 * Column widths from the content (balance_columns()); where that cannot
 * be done, a column too narrow for one of its
 * figures takes the room it lacks from the columns that have room to
 * spare (a column of figures down to its widest figure, a column of text
 * down to half its width: its text wraps), and if they have not enough,
 * the type gets smaller, down to 6 points.  out gets the widths, *size
 * the type size; a table whose figures all fit is left as it is.
 */
static void fit_columns(struct layout *l, const struct layout_column *cols, size_t ncols,
			char *const *cells, size_t nr_rows, float *size,
			struct layout_column *out)
{
	float *need = xcalloc(ncols + 1, sizeof(float));
	size_t c, r;

	memcpy(out, cols, ncols * sizeof(*out));
	if (balance_columns(l, cols, ncols, cells, nr_rows, *size, out)) {
		free(need);
		return;
	}
	for (;;) {
		float lack = 0, spare = 0;

		for (c = 0; c < ncols; c++) {
			need[c] = 0;
			for (r = 0; r < nr_rows; r++) {
				float w = figure_width(l, &cols[c], cells[r * ncols + c], *size);

				if (w > need[c])
					need[c] = w;
			}
			if (need[c] > cols[c].width)
				lack += need[c] - cols[c].width;
			else if (need[c] > 0)
				spare += cols[c].width - need[c];
			else
				spare += cols[c].width / 2;
		}
		if (lack <= 0)
			break;
		if (lack <= spare || *size <= 6) {
			float share = lack < spare ? lack / spare : 1;

			for (c = 0; c < ncols; c++) {
				if (need[c] > cols[c].width)
					out[c].width = need[c];
				else if (need[c] > 0)
					out[c].width = cols[c].width - share * (cols[c].width - need[c]);
				else
					out[c].width = cols[c].width - share * cols[c].width / 2;
			}
			break;
		}
		*size -= 0.5f;
	}
	free(need);
}

/* The header row's cells: the columns' titles (the caller frees the array). */
static char **header_cells(const struct layout_column *cols, size_t ncols)
{
	char **titles = xcalloc(ncols ? ncols : 1, sizeof(*titles));
	size_t c;

	for (c = 0; c < ncols; c++)
		titles[c] = (char *)cols[c].title;
	return titles;
}

void layout_table(struct layout *l, const struct layout_column *given, size_t ncols,
		  char *const *cells, size_t nr_rows, float size)
{
	struct layout_column *cols = xcalloc(ncols + 1, sizeof(*cols));
	char **titles;
	float header_h;
	size_t r;

	fit_columns(l, given, ncols, cells, nr_rows, &size, cols);
	titles = header_cells(cols, ncols);

	header_h = row_height(l, cols, ncols, titles, size, 1);
	{
		/* its caption, header and first rows together, or a new page */
		float start = table_caption_height(l) + header_h;

		for (r = 0; r < nr_rows && r < TABLE_FIRST_ROWS; r++)
			start += row_height(l, cols, ncols, cells + r * ncols, size, 0);
		if (!l->page || (l->y + start > l->height - l->margin && l->y > l->margin + 1))
			layout_new_page(l, l->page ? l->width > l->height : 0);
		draw_table_caption(l);
	}
	for (r = 0; r < nr_rows; r++) {
		float h = row_height(l, cols, ncols, cells + r * ncols, size, 0);

		if (r == 0 || l->y + h > l->height - l->margin) {
			if (r > 0 && l->y + header_h + h > l->height - l->margin)
				layout_new_page(l, l->width > l->height);
			draw_row(l, cols, ncols, titles, size, 1, header_h);
		}
		draw_row(l, cols, ncols, cells + r * ncols, size, 0, h);
	}
	if (!nr_rows)
		draw_row(l, cols, ncols, titles, size, 1, header_h);
	free(titles);
	free(cols);
}

float layout_table_height(struct layout *l, const struct layout_column *given, size_t ncols,
			  char *const *cells, size_t nr_rows, float size)
{
	struct layout_column *cols = xcalloc(ncols + 1, sizeof(*cols));
	char **titles;
	float h;
	size_t r;

	fit_columns(l, given, ncols, cells, nr_rows, &size, cols);
	titles = header_cells(cols, ncols);

	h = row_height(l, cols, ncols, titles, size, 1);
	for (r = 0; r < nr_rows; r++)
		h += row_height(l, cols, ncols, cells + r * ncols, size, 0);
	free(titles);
	free(cols);
	return h;
}

/*
 * Each text measuring such a table takes (balance_columns(), fit_columns(),
 * row_height()) is a cell's in the regular face, its digits kept as written
 * in a verbatim column, or a title in bold; and, for the letters of a
 * verbatim column that may break its words, the cell with the layout's
 * digits (widest_run()).  A text's glyphs are those of its string, face
 * and digits, whatever it is prepared for.
 */
void layout_table_glyphs(struct layout *l, const struct layout_column *cols, size_t ncols,
			 char *const *cells, size_t nr_rows)
{
	size_t c, r;

	for (c = 0; c < ncols; c++) {
		int verbatim = cols[c].flags & LAYOUT_VERBATIM, digits = l->thai_digits;
		enum layout_mark mark;
		float room;

		text_put(text_get(l, FACE_BOLD, cell_text(&cols[c], cols[c].title, 1, 0, &mark, &room),
				  TEXT_MEASURE));
		for (r = 0; r < nr_rows; r++) {
			const char *cell = cells[r * ncols + c], *text;

			text = cell_text(&cols[c], cell, 0, 0, &mark, &room);
			if (verbatim)
				l->thai_digits = 0;
			text_put(text_get(l, FACE_REGULAR, text, TEXT_MEASURE));
			l->thai_digits = digits;
			if (verbatim && !(cols[c].flags & LAYOUT_WHOLE_WORDS) && cell && *cell &&
			    has_letters(l, &cols[c], cell, 0))
				text_put(text_get(l, FACE_REGULAR, text, TEXT_MEASURE));
		}
	}
}

int layout_table_taller(size_t ncols, size_t nr_rows, float size, float room)
{
	/* fit_columns() takes the type down by half points to 6 at the least */
	float least = size > 5.5f ? 5.5f : size;
	float row = least * LAYOUT_LINE_HEIGHT + 2 * CELL_PAD_Y, h = row;
	size_t r;

	if (!ncols)
		return 0;
	/* every row, header first, is at least one line (break_lines()) and its padding */
	for (r = 0; r < nr_rows && h <= room + 1; r++)
		h += row;
	return h > room + 1;
}

int layout_pdf_bytes(struct layout *l, char **out, size_t *len, struct tt_error *err)
{
	HPDF_UINT32 size;
	char *buf;
	HPDF_UINT32 got;

	draw_footers(l);
	if (l->failure)
		return tt_error_set(err, TT_EIO, "the PDF library failed (error 0x%04X)",
				    (unsigned)l->failure);
	/* the stream HPDF_SaveToStream() would make, to be written quickly */
	if (!l->pdf->stream)
		l->pdf->stream = HPDF_MemStream_New(l->pdf->mmgr, HPDF_STREAM_BUF_SIZ);
	fast_stream(l->pdf->stream);
	if (HPDF_SaveToStream(l->pdf) != HPDF_OK)
		return tt_error_set(err, TT_EIO, "could not lay out the PDF (error 0x%04X)",
				    (unsigned)l->failure);
	size = HPDF_GetStreamSize(l->pdf);
	buf = xmalloc(size ? size : 1);
	got = size;
	HPDF_ResetStream(l->pdf);
	if (HPDF_ReadFromStream(l->pdf, (HPDF_BYTE *)buf, &got) != HPDF_OK && got != size) {
		free(buf);
		return tt_error_set(err, TT_EIO, "could not read the PDF back");
	}
	*out = buf;
	*len = got;
	return 0;
}

int layout_save(struct layout *l, const char *path, struct tt_error *err)
{
	char *buf;
	size_t len;
	int rc;

	if ((rc = layout_pdf_bytes(l, &buf, &len, err)))
		return rc;
	rc = tt_write_file_atomic(path, buf, len, err);
	free(buf);
	return rc;
}
