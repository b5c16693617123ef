/*
 * xlsx.c - Excel workbooks through libzip and libxml2's streaming reader.
 *
 * Workload: a school's workbook of a few sheets and a few hundred rows, and
 * now and then an office's export of 50 MB.  Every XML part is pulled
 * through zip_fread() into xmlReaderForIO(), so memory stays at the shared
 * strings, the styles and one row.
 *
 * Nothing a workbook says about its own size is trusted, and every limit
 * (xlsx.h) is checked before the memory it guards is taken: the number of
 * zip entries from the end of central directory before libzip reads the
 * directory; every entry's declared size and ratio before any part is
 * inflated; and, while a part is inflated, the bytes it really gives
 * against its declared size, its compressed size (the ratio) and the total.
 * A part read in part is drained to its end, so that libzip checks its
 * CRC-32: a workbook goes in whole or not at all.  Each refusal carries its
 * issue code (E-ZIPBOMB, E-DAMAGED, E-TOOLARGE; error.h) for the receipt.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/util.h"
#include "tidtam/xlsx.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

#define XLSX_MAX_ROWS 1048576L
#define XLSX_RATIO_FLOOR (1u << 20)  /* parts smaller than this may compress at any ratio */

/* The issue codes of a workbook's refusals (error.h). */
#define ZIPBOMB "E-ZIPBOMB"
#define DAMAGED "E-DAMAGED"
#define TOOLARGE "E-TOOLARGE"

/* What a cell's number format makes of its number. */
enum fmt_kind { FMT_GENERAL, FMT_PERCENT, FMT_DATE, FMT_TIME, FMT_DURATION };

struct xlsx {
	zip_t *zip;
	const char *path;
	struct tt_error *err;          /* where the open call's errors go */
	struct xlsx_sheet *sheets;
	size_t nr_sheets, alloc_sheets;
	int date1904;
	char *shared;                  /* shared strings, each NUL-terminated */
	size_t shared_len;
	uint32_t *shared_off;          /* offset of each string in shared */
	size_t nr_shared, alloc_shared;
	unsigned char *xf_kind;        /* enum fmt_kind per cell style */
	size_t nr_xf;
	unsigned long long inflated;   /* bytes inflated so far, all parts and passes */
	unsigned long long cells;      /* cells read so far, all sheets */
};

/* One zip part being read by libxml2. */
struct part {
	struct xlsx *x;
	const char *name;
	zip_file_t *zf;
	unsigned long long compressed, declared, inflated;
	char tail[8];                  /* last bytes, to find "<!DOCTYPE" across reads */
	size_t nr_tail;
	struct strbuf why;             /* set when reading was stopped */
	const char *issue;             /* and its issue code */
	int fault;                     /* stopped by a fault of the system, not the file */
};

static int fail(struct tt_error *err, const char *path, const char *issue, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

/* TT_EPARSE with the message, at path, recorded under issue (may be NULL). */
static int fail(struct tt_error *err, const char *path, const char *issue, const char *fmt,
		...)
{
	va_list ap;

	va_start(ap, fmt);
	tt_error_vset(err, TT_EPARSE, fmt, ap);
	va_end(ap);
	tt_error_at(err, path, 0, NULL);
	return tt_error_issue(err, issue);
}

/*
 * 1 if libzip's error is the system's (memory, a read or seek of the file
 * failing), not the workbook's: told as TT_EIO, never recorded against the
 * file.
 */
static int zip_fault(zip_error_t *ze)
{
	switch (zip_error_code_zip(ze)) {
	case ZIP_ER_MEMORY:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
	case ZIP_ER_OPEN:
	case ZIP_ER_TMPOPEN:
	case ZIP_ER_CLOSE:
	case ZIP_ER_INTERNAL:
		return 1;
	default:
		return 0;
	}
}

/* Stop reading part p: why, under issue.  Returns -1 for libxml2. */
static int stop(struct part *p, const char *issue, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int stop(struct part *p, const char *issue, const char *fmt, ...)
{
	va_list ap;

	if (!p->why.len) {
		va_start(ap, fmt);
		strbuf_vaddf(&p->why, fmt, ap);
		va_end(ap);
		p->issue = issue;
	}
	return -1;
}

/* ---- the zip container ------------------------------------------------ */

static int part_read(void *ctx, char *buf, int len)
{
	struct part *p = ctx;
	zip_int64_t n;
	char window[sizeof(p->tail) + 4096];
	size_t k;

	if (p->why.len)
		return -1;
	n = zip_fread(p->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		zip_error_t *ze = zip_file_get_error(p->zf);

		if (zip_fault(ze)) {
			stop(p, NULL, "could not read part '%s' of the workbook: %s", p->name,
			     zip_error_strerror(ze));
			p->fault = 1;
			return -1;
		}
		if (zip_error_code_zip(ze) == ZIP_ER_CRC)
			return stop(p, DAMAGED, "file damaged: part '%s' fails its CRC-32 check (the"
				    " file was changed or cut after it was saved)", p->name);
		return stop(p, DAMAGED, "file damaged: part '%s' cannot be inflated: %s", p->name,
			    zip_error_strerror(ze));
	}
	p->inflated += (unsigned long long)n;
	p->x->inflated += (unsigned long long)n;
	if (p->inflated > p->declared)
		return stop(p, ZIPBOMB, "compressed part too large: part '%s' inflates past the %llu"
			    " bytes its zip header declares", p->name, p->declared);
	if (p->inflated > XLSX_RATIO_FLOOR &&
	    p->inflated > (unsigned long long)XLSX_MAX_RATIO * (p->compressed + 1))
		return stop(p, ZIPBOMB, "compressed part too large: part '%s' inflates more than %d"
			    " times its size: refused as a zip bomb", p->name, XLSX_MAX_RATIO);
	if (p->inflated > XLSX_MAX_PART)
		return stop(p, ZIPBOMB, "compressed part too large: part '%s' inflates past %llu"
			    " bytes", p->name, (unsigned long long)XLSX_MAX_PART);
	if (p->x->inflated > XLSX_MAX_TOTAL)
		return stop(p, ZIPBOMB, "compressed part too large: the workbook inflates past %llu"
			    " bytes in all", (unsigned long long)XLSX_MAX_TOTAL);
	/* a DOCTYPE can only be in the prolog, but look everywhere: it is cheap */
	for (k = 0; k < (size_t)n; k += 4096) {
		size_t m = (size_t)n - k < 4096 ? (size_t)n - k : 4096;

		memcpy(window, p->tail, p->nr_tail);
		memcpy(window + p->nr_tail, buf + k, m);
		if (memmem(window, p->nr_tail + m, "<!DOCTYPE", 9))
			return stop(p, DAMAGED, "file damaged: part '%s' has a DOCTYPE, which no"
				    " spreadsheet program writes and which is refused", p->name);
		if (p->nr_tail + m >= sizeof(p->tail)) {
			memcpy(p->tail, window + p->nr_tail + m - sizeof(p->tail), sizeof(p->tail));
			p->nr_tail = sizeof(p->tail);
		} else {
			p->nr_tail += m;
			memcpy(p->tail, window, p->nr_tail);
		}
	}
	return (int)n;
}

static int part_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void silent(void *ctx, const char *msg, xmlParserSeverities sev,
		   xmlTextReaderLocatorPtr loc)
{
	(void)ctx;
	(void)msg;
	(void)sev;
	(void)loc;
}

/*
 * Open zip entry `name` for reading with part_read(): 0, 1 when there is
 * no such part, or TT_EPARSE (TT_EIO for a fault of the system) with err
 * set.
 */
static int part_open(struct xlsx *x, const char *name, struct part *p, struct tt_error *err)
{
	zip_int64_t idx = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
	zip_stat_t st;

	memset(p, 0, sizeof(*p));
	strbuf_init(&p->why);
	if (idx < 0)
		return 1;
	zip_stat_init(&st);
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) ||
	    !(p->zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0))) {
		if (zip_fault(zip_get_error(x->zip))) {
			tt_error_set(err, TT_EIO, "could not read part '%s' of the workbook: %s",
				     name, zip_strerror(x->zip));
			tt_error_at(err, x->path, 0, NULL);
			return TT_EIO;
		}
		return fail(err, x->path, DAMAGED, "file damaged: part '%s' cannot be opened"
			    " (encrypted, or compressed in a way Excel does not use)", name);
	}
	p->x = x;
	p->name = name;
	/* checked against the limits when the workbook was opened (check_entries()) */
	p->compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	p->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
	return 0;
}

/*
 * Read the rest of a part that is being ended early, so that libzip checks
 * its CRC-32 at the end; the limits hold as for any read.  0 or -1.
 */
static int part_drain(struct part *p)
{
	char buf[16384];
	int n;

	while ((n = part_read(p, buf, sizeof(buf))) > 0)
		;
	return n;
}

/* What a part that could not be read ends in: err's code (TT_EIO for a fault), or TT_EPARSE. */
static int part_error(const struct tt_error *err)
{
	return err && err->code ? err->code : TT_EPARSE;
}

/*
 * End reading a part (p->zf may be NULL): rc >= 0 drains the part first;
 * rc < 0, or a failure draining, becomes the message of p->why (or, with
 * none, the XML's own error) in err.  Returns rc, or TT_EPARSE (TT_EIO
 * for a fault of the system).
 */
static int part_finish(struct part *p, int rc, struct tt_error *err)
{
	if (rc >= 0 && p->zf && part_drain(p) < 0)
		rc = -1;
	if (rc < 0 && err && err->code) {
		/* the caller's error stands */
	} else if (rc < 0 && p->fault) {
		tt_error_set(err, TT_EIO, "%s", p->why.buf);
		tt_error_at(err, p->x->path, 0, NULL);
		rc = TT_EIO;
	} else if (rc < 0 && p->why.len) {
		fail(err, p->x->path, p->issue, "%s", p->why.buf);
	} else if (rc < 0) {
		const xmlError *e = xmlGetLastError();

		fail(err, p->x->path, DAMAGED, "file damaged: part '%s' is not well-formed XML%s%.200s",
		     p->name, e && e->message ? ": " : "", e && e->message ? e->message : "");
		if (err)
			tt_trim(err->message);
	}
	if (p->zf)
		zip_fclose(p->zf);
	p->zf = NULL;
	strbuf_release(&p->why);
	return rc < 0 ? part_error(err) : rc;
}

/*
 * Open zip entry `name` for streaming XML.  Returns a reader (free with
 * part_end()), NULL with *missing set when there is no such part, or NULL
 * with err set.
 */
static xmlTextReaderPtr part_begin(struct xlsx *x, const char *name, struct part *p,
				   int *missing, struct tt_error *err)
{
	xmlTextReaderPtr r;
	int rc = part_open(x, name, p, err);

	*missing = rc == 1;
	if (rc)
		return NULL;
	/* no network, no DTD, no entity substitution, no huge mode, nothing printed:
	   see xmlutil.h */
	tt_xml_silence();
	r = xmlReaderForIO(part_read, part_close, p, name, NULL,
			   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r) {
		zip_fclose(p->zf);
		tt_error_set(err, TT_EIO, "could not make an XML reader for part '%s'", name);
		tt_error_at(err, x->path, 0, NULL);
		return NULL;
	}
	xmlTextReaderSetErrorHandler(r, silent, NULL);
	return r;
}

/* End reading; rc < 0 from xmlTextReaderRead becomes a message in err. */
static int part_end(xmlTextReaderPtr r, struct part *p, int rc, struct tt_error *err)
{
	xmlFreeTextReader(r);
	return part_finish(p, rc, err);
}

/* ---- XML reader helpers ----------------------------------------------- */

static int is_start(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	       !strcmp((const char *)xmlTextReaderConstLocalName(r), local);
}

static int is_end(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	       !strcmp((const char *)xmlTextReaderConstLocalName(r), local);
}

/* The attribute with this local name (any namespace, or none); caller frees. */
static char *attr(xmlTextReaderPtr r, const char *local, int want_ns)
{
	char *v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);

		if (!strcmp((const char *)xmlTextReaderConstLocalName(r), local) &&
		    (want_ns ? ns != NULL : ns == NULL)) {
			v = xstrdup((const char *)xmlTextReaderConstValue(r));
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

/* Decode Excel's _xHHHH_ escapes in place ("_x000D_" is a CR). */
static void unescape_x(struct strbuf *sb, size_t from)
{
	char *s = sb->buf + from, *w = s;
	const char *r = s;

	while (*r) {
		unsigned v = 0;
		int k, ok = r[0] == '_' && r[1] == 'x';

		/* the NUL at the end is no hex digit: nothing past it is read */
		for (k = 2; ok && k < 6; k++) {
			char c = r[k];

			if (c >= '0' && c <= '9')
				v = v * 16 + (unsigned)(c - '0');
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				v = v * 16 + (unsigned)((c | 0x20) - 'a' + 10);
			else
				ok = 0;
		}
		ok = ok && r[6] == '_';
		if (!ok || (v >= 0xD800 && v <= 0xDFFF)) {
			*w++ = *r++;
			continue;
		}
		/* at most 3 UTF-8 bytes, never more than the 7 of the escape */
		if (v < 0x80) {
			*w++ = (char)v;
		} else if (v < 0x800) {
			*w++ = (char)(0xC0 | (v >> 6));
			*w++ = (char)(0x80 | (v & 0x3F));
		} else {
			*w++ = (char)(0xE0 | (v >> 12));
			*w++ = (char)(0x80 | ((v >> 6) & 0x3F));
			*w++ = (char)(0x80 | (v & 0x3F));
		}
		r += 7;
	}
	*w = '\0';
	sb->len = (size_t)(w - sb->buf);
}

/*
 * Append the text inside the element at the reader (its text and CDATA, and
 * those of elements inside it) to out, and leave the reader on its end.  The
 * reader's nodes are taken one at a time, never the element expanded whole
 * (as xmlTextReaderReadString() does), and at most XLSX_MAX_TEXT bytes.
 * Returns 1, 0 at the end of the part, -1 when the XML is broken, or -2
 * when the text is too long.
 */
static int read_text(xmlTextReaderPtr r, struct strbuf *out)
{
	int depth = xmlTextReaderDepth(r), rc;
	size_t from = out->len;

	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);

		if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
			break;
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_WHITESPACE ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const xmlChar *v = xmlTextReaderConstValue(r);

			strbuf_addstr(out, v ? (const char *)v : "");
			if (out->len - from > XLSX_MAX_TEXT)
				return -2;
		}
	}
	return rc;
}

/* What read_text()'s -2 says. */
#define TEXT_TOO_LONG "workbook too large: a cell holds more than 128 KiB of text (Excel's" \
	" own limit is 32,767 characters)"

/*
 * The text of a string item (<si>, or <is> of an inline string) at the
 * reader: its <t> and rich-text runs' <t>, phonetic runs (<rPh>) left out.
 * Leaves the reader on the item's end.  Returns as read_text().
 */
static int string_item(xmlTextReaderPtr r, const char *item, struct strbuf *out)
{
	size_t from = out->len;
	int rc = 1;

	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	while ((rc = xmlTextReaderRead(r)) == 1 && !is_end(r, item)) {
		if (is_start(r, "rPh") || is_start(r, "phoneticPr")) {
			if (!xmlTextReaderIsEmptyElement(r))
				rc = xmlTextReaderNext(r) == 1 ? 1 : -1;
			if (rc < 0)
				break;
			/* Next() lands on the node after rPh: look at it again */
			if (is_end(r, item))
				break;
		}
		if (is_start(r, "t") && (rc = read_text(r, out)) != 1)
			break;
		if (out->len - from > XLSX_MAX_TEXT) {
			rc = -2;
			break;
		}
	}
	unescape_x(out, from);
	return rc;
}

/* ---- package, workbook, shared strings, styles ------------------------ */

/* dir ("xl/") joined with target, "../" resolved, a leading '/' absolute. */
static char *resolve(const char *dir, const char *target)
{
	struct strbuf sb;

	strbuf_init(&sb);
	if (target[0] == '/')
		target++;
	else
		strbuf_addstr(&sb, dir);
	while (*target) {
		const char *slash = strchr(target, '/');
		size_t n = slash ? (size_t)(slash - target) : strlen(target);

		if (n == 2 && !strncmp(target, "..", 2)) {
			char *cut;

			if (sb.len)
				sb.buf[--sb.len] = '\0';
			cut = strrchr(sb.buf, '/');
			sb.len = cut ? (size_t)(cut - sb.buf) + 1 : 0;
			sb.buf[sb.len] = '\0';
		} else if (!(n == 1 && target[0] == '.') && n) {
			strbuf_add(&sb, target, n);
			if (slash)
				strbuf_addch(&sb, '/');
		}
		target += n + (slash ? 1 : 0);
	}
	return strbuf_detach(&sb);
}

/* The _rels part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
static char *rels_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_add(&sb, part, dir);
	strbuf_addstr(&sb, "_rels/");
	strbuf_addstr(&sb, part + dir);
	strbuf_addstr(&sb, ".rels");
	return strbuf_detach(&sb);
}

static char *dir_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	char *d = xstrdup(part);

	d[slash ? (size_t)(slash - part) + 1 : 0] = '\0';
	return d;
}

struct rel {
	char *id, *type, *target;
};

struct rels {
	struct rel *items;
	size_t nr, alloc;
};

static void rels_release(struct rels *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++) {
		free(rs->items[i].id);
		free(rs->items[i].type);
		free(rs->items[i].target);
	}
	free(rs->items);
}

/* The relationships of `part`, targets resolved; a missing .rels is empty. */
static int read_rels(struct xlsx *x, const char *part, struct rels *rs, struct tt_error *err)
{
	char *name = rels_of(part), *dir = dir_of(part);
	struct part p;
	xmlTextReaderPtr r;
	int missing, rc = 0;

	memset(rs, 0, sizeof(*rs));
	r = part_begin(x, name, &p, &missing, err);
	if (r) {
		while ((rc = xmlTextReaderRead(r)) == 1) {
			struct rel *rel;
			char *target;

			if (!is_start(r, "Relationship"))
				continue;
			if (rs->nr == XLSX_MAX_RELS) {
				rc = stop(&p, TOOLARGE, "workbook too large: part '%s' has more than %u"
					  " relationships", name, XLSX_MAX_RELS);
				break;
			}
			target = attr(r, "Target", 0);
			if (!target)
				continue;
			xgrow(&rs->items, &rs->alloc, rs->nr + 1, sizeof(*rs->items));
			rel = &rs->items[rs->nr++];
			rel->id = attr(r, "Id", 0);
			rel->type = attr(r, "Type", 0);
			rel->target = resolve(dir, target);
			free(target);
		}
		rc = part_end(r, &p, rc, err);
	} else if (!missing) {
		rc = part_error(err);
	}
	if (rc) {
		rels_release(rs);
		memset(rs, 0, sizeof(*rs));
	}
	free(name);
	free(dir);
	return rc;
}

/* A relationship whose type ends in "/suffix" (transitional or strict). */
static const struct rel *rel_of_type(const struct rels *rs, const char *suffix)
{
	size_t i, n = strlen(suffix);

	for (i = 0; i < rs->nr; i++) {
		const char *t = rs->items[i].type ? rs->items[i].type : "";
		size_t m = strlen(t);

		if (m > n && t[m - n - 1] == '/' && !strcmp(t + m - n, suffix))
			return &rs->items[i];
	}
	return NULL;
}

static const struct rel *rel_by_id(const struct rels *rs, const char *id)
{
	size_t i;

	for (i = 0; id && i < rs->nr; i++)
		if (rs->items[i].id && !strcmp(rs->items[i].id, id))
			return &rs->items[i];
	return NULL;
}

static int read_workbook(struct xlsx *x, const char *part, const struct rels *rs,
			 struct tt_error *err)
{
	struct part p;
	xmlTextReaderPtr r;
	int missing, rc;

	r = part_begin(x, part, &p, &missing, err);
	if (!r)
		return missing ? fail(err, x->path, DAMAGED, "file damaged: workbook part '%s' is"
				      " missing", part) : part_error(err);
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (is_start(r, "workbookPr")) {
			char *v = attr(r, "date1904", 0);

			x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
			free(v);
		} else if (is_start(r, "sheet")) {
			struct xlsx_sheet *s;
			char *state, *id;
			const struct rel *rel;

			if (x->nr_sheets == XLSX_MAX_SHEETS) {
				rc = stop(&p, TOOLARGE, "workbook too large: more than %u sheets",
					  XLSX_MAX_SHEETS);
				break;
			}
			state = attr(r, "state", 0);
			id = attr(r, "id", 1);
			rel = rel_by_id(rs, id);

			xgrow(&x->sheets, &x->alloc_sheets, x->nr_sheets + 1, sizeof(*x->sheets));
			s = &x->sheets[x->nr_sheets++];
			s->name = attr(r, "name", 0);
			if (!s->name)
				s->name = xstrdup("");
			s->state = !state ? XLSX_VISIBLE
				 : !strcmp(state, "hidden") ? XLSX_HIDDEN
				 : !strcmp(state, "veryHidden") ? XLSX_VERY_HIDDEN : XLSX_VISIBLE;
			s->part = xstrdup(rel ? rel->target : "");
			s->is_chart = rel && rel->type && strstr(rel->type, "/chartsheet") != NULL;
			free(state);
			free(id);
		}
	}
	return part_end(r, &p, rc, err);
}

static int read_shared_strings(struct xlsx *x, const char *part, struct tt_error *err)
{
	struct part p;
	struct strbuf sb;
	xmlTextReaderPtr r;
	int missing, rc;

	r = part_begin(x, part, &p, &missing, err);
	if (!r)
		return missing ? 0 : part_error(err);
	strbuf_init(&sb);
	/* a count the part declares (uniqueCount) is not trusted: items are counted */
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (!is_start(r, "si"))
			continue;
		if (x->nr_shared == XLSX_MAX_SHARED_STRINGS) {
			rc = stop(&p, TOOLARGE, "workbook too large: more than %u shared strings",
				  XLSX_MAX_SHARED_STRINGS);
			break;
		}
		xgrow(&x->shared_off, &x->alloc_shared, x->nr_shared + 1, sizeof(*x->shared_off));
		x->shared_off[x->nr_shared++] = (uint32_t)sb.len;
		if ((rc = string_item(r, "si", &sb)) == -2)
			rc = stop(&p, TOOLARGE, TEXT_TOO_LONG);
		if (rc != 1)
			break;
		strbuf_addch(&sb, '\0');
		if (sb.len > XLSX_MAX_SHARED_BYTES) {
			rc = stop(&p, TOOLARGE, "workbook too large: its shared strings hold more than"
				  " %u bytes", XLSX_MAX_SHARED_BYTES);
			break;
		}
	}
	x->shared_len = sb.len;
	x->shared = strbuf_detach(&sb);
	return part_end(r, &p, rc, err);
}

/* Strip quoted text, escapes and [colour]/[$-locale] brackets from a format. */
static enum fmt_kind classify_format(const char *code)
{
	int date = 0, time = 0, duration = 0, percent = 0;
	const char *p;

	for (p = code; *p && *p != ';'; p++) {
		char c = *p;

		if (c == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
			continue;
		}
		if (c == '[') {
			const char *close = strchr(p, ']');

			if (close && close - p >= 2 && strchr("hHmMsS", p[1]) &&
			    strspn(p + 1, "hHmMsS") == (size_t)(close - p - 1))
				duration = 1;
			p = close ? close : p + strlen(p) - 1;
			continue;
		}
		if (!strncasecmp(p, "General", 7)) {
			p += 6;
			continue;
		}
		if ((c == 'E' || c == 'e') && (p[1] == '+' || p[1] == '-')) {
			p++; /* scientific notation, not a year */
			continue;
		}
		c = (char)(c | 0x20);
		/* y year, d day, e/g era year, b Buddhist year (bbbb: พ.ศ.) */
		if (c == 'y' || c == 'd' || c == 'e' || c == 'b' || c == 'g')
			date = 1;
		else if (c == 'm')
			date |= 2; /* month or minute: decided below */
		else if (c == 'h' || c == 's')
			time = 1;
		else if (*p == '%')
			percent = 1;
	}
	if (duration)
		return FMT_DURATION;
	if (date & 1)
		return FMT_DATE;
	if (time)
		return FMT_TIME;
	if (date & 2)
		return FMT_DATE; /* "mmm" alone is a month */
	return percent ? FMT_PERCENT : FMT_GENERAL;
}

static enum fmt_kind builtin_format(long id)
{
	if (id == 9 || id == 10)
		return FMT_PERCENT;
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	    (id >= 34 && id <= 36) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81))
		return FMT_DATE;
	if ((id >= 18 && id <= 21) || id == 32 || id == 33 || id == 45 || id == 47)
		return FMT_TIME;
	if (id == 46)
		return FMT_DURATION;
	return FMT_GENERAL;
}

struct numfmt {
	long id;
	enum fmt_kind kind;
};

static int read_styles(struct xlsx *x, const char *part, struct tt_error *err)
{
	struct numfmt *fmts = NULL;
	size_t nr_fmts = 0, alloc_fmts = 0, alloc_xf = 0;
	struct part p;
	xmlTextReaderPtr r;
	int missing, rc, in_xfs = 0;

	r = part_begin(x, part, &p, &missing, err);
	if (!r)
		return missing ? 0 : part_error(err);
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (is_start(r, "numFmt")) {
			char *id, *code;
			long v;

			if (nr_fmts == XLSX_MAX_FORMATS) {
				rc = stop(&p, TOOLARGE, "workbook too large: more than %u number formats",
					  XLSX_MAX_FORMATS);
				break;
			}
			id = attr(r, "numFmtId", 0);
			code = attr(r, "formatCode", 0);

			if (id && code && !tt_parse_long(id, &v)) {
				xgrow(&fmts, &alloc_fmts, nr_fmts + 1, sizeof(*fmts));
				fmts[nr_fmts].id = v;
				fmts[nr_fmts++].kind = classify_format(code);
			}
			free(id);
			free(code);
		} else if (is_start(r, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (is_end(r, "cellXfs")) {
			in_xfs = 0;
		} else if (in_xfs && is_start(r, "xf")) {
			char *id;
			enum fmt_kind kind = FMT_GENERAL;
			long v = 0;
			size_t i;

			if (x->nr_xf == XLSX_MAX_STYLES) {
				rc = stop(&p, TOOLARGE, "workbook too large: more than %u cell styles",
					  XLSX_MAX_STYLES);
				break;
			}
			id = attr(r, "numFmtId", 0);

			if (id && !tt_parse_long(id, &v)) {
				kind = builtin_format(v);
				for (i = 0; i < nr_fmts; i++)
					if (fmts[i].id == v)
						kind = fmts[i].kind;
			}
			xgrow(&x->xf_kind, &alloc_xf, x->nr_xf + 1, 1);
			x->xf_kind[x->nr_xf++] = (unsigned char)kind;
			free(id);
		}
	}
	free(fmts);
	return part_end(r, &p, rc, err);
}

/* A password-protected workbook is an OLE compound file, not a zip. */
static int is_ole(const unsigned char *head, size_t n)
{
	return n >= 8 && !memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

static unsigned long long le(const unsigned char *p, int bytes)
{
	unsigned long long v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

/* The bytes of a workbook: an open file (fd >= 0) or memory. */
struct bytes {
	int fd;
	const unsigned char *data;
	size_t len;
};

/* n bytes at off into buf: 0, or -1 when there are not as many. */
static int bytes_at(const struct bytes *b, void *buf, size_t n, unsigned long long off)
{
	if (b->fd >= 0)
		return pread(b->fd, buf, n, (off_t)off) == (ssize_t)n ? 0 : -1;
	if (off > b->len || n > b->len - off)
		return -1;
	memcpy(buf, b->data + off, n);
	return 0;
}

static unsigned long long bytes_size(const struct bytes *b)
{
	struct stat st;

	if (b->fd < 0)
		return b->len;
	return fstat(b->fd, &st) || st.st_size < 0 ? 0 : (unsigned long long)st.st_size;
}

/*
 * The number of entries the zip's end of central directory declares (the
 * zip64 one when there is one), read before libzip reads the directory,
 * which it holds whole in memory; head gets the first bytes.  Returns 0,
 * or -1 when no end of central directory is found (a file cut short, or no
 * zip: libzip says which).
 */
static int zip_entries(const struct bytes *b, unsigned char head[8], size_t *nr_head,
		       unsigned long long *entries)
{
	unsigned long long size = bytes_size(b);
	unsigned char *tail = NULL, rec[56];
	size_t n, i;
	int rc = -1;

	*nr_head = size < 8 ? (size_t)size : 8;
	if (bytes_at(b, head, *nr_head, 0))
		*nr_head = 0;
	if (size < 22)
		return -1;
	/* the record is 22 bytes and its comment at most 65535 */
	n = size < 22 + 65535 ? (size_t)size : 22 + 65535;
	tail = xmalloc(n);
	if (bytes_at(b, tail, n, size - n))
		goto out;
	for (i = n - 22 + 1; i-- > 0;) {
		if (memcmp(tail + i, "PK\5\6", 4))
			continue;
		*entries = le(tail + i + 10, 2);
		rc = 0;
		/* the zip64 locator sits just before it, and points at the zip64 record */
		if (i >= 20 && !memcmp(tail + i - 20, "PK\6\7", 4) &&
		    !bytes_at(b, rec, sizeof(rec), le(tail + i - 20 + 8, 8)) &&
		    !memcmp(rec, "PK\6\6", 4))
			*entries = le(rec + 32, 8);
		break;
	}
out:
	free(tail);
	return rc;
}

/*
 * Every entry's declared sizes against the limits, before any is inflated:
 * none larger than XLSX_MAX_PART or inflating more than XLSX_MAX_RATIO times
 * (past the floor), all together not past XLSX_MAX_TOTAL.  What a part then
 * really gives is checked again as it is inflated (part_read()).
 */
static int check_entries(struct xlsx *x, struct tt_error *err)
{
	zip_int64_t i, n = zip_get_num_entries(x->zip, 0);
	unsigned long long total = 0;

	for (i = 0; i < n; i++) {
		zip_stat_t st;

		zip_stat_init(&st);
		if (zip_stat_index(x->zip, (zip_uint64_t)i, 0, &st) || !(st.valid & ZIP_STAT_SIZE))
			return fail(err, x->path, DAMAGED, "file damaged: zip entry %lld cannot be"
				    " read", (long long)i);
		if (st.size > XLSX_MAX_PART)
			return fail(err, x->path, ZIPBOMB, "compressed part too large: part '%s'"
				    " declares %llu bytes inflated, more than %llu",
				    st.name ? st.name : "?", (unsigned long long)st.size,
				    (unsigned long long)XLSX_MAX_PART);
		if (st.size > XLSX_RATIO_FLOOR && (st.valid & ZIP_STAT_COMP_SIZE) &&
		    st.size > (unsigned long long)XLSX_MAX_RATIO * (st.comp_size + 1))
			return fail(err, x->path, ZIPBOMB, "compressed part too large: part '%s'"
				    " declares %llu bytes from %llu compressed, more than %d times:"
				    " refused as a zip bomb", st.name ? st.name : "?",
				    (unsigned long long)st.size, (unsigned long long)st.comp_size,
				    XLSX_MAX_RATIO);
		total += st.size;
		if (total > XLSX_MAX_TOTAL)
			return fail(err, x->path, ZIPBOMB, "compressed part too large: the workbook's"
				    " parts declare more than %llu bytes inflated in all",
				    (unsigned long long)XLSX_MAX_TOTAL);
	}
	return 0;
}

/*
 * Open the workbook in b (named path in messages): its zip's entries
 * counted and their sizes checked first, then its package read.  The
 * source is libzip's over b (freed here when the zip cannot be made).
 */
static int open_workbook(const char *path, const struct bytes *b, zip_source_t *src,
			 zip_error_t *ze, struct xlsx **out, struct tt_error *err)
{
	struct xlsx *x;
	struct rels pkg, wb;
	const struct rel *doc, *rel;
	unsigned char head[8];
	unsigned long long entries = 0;
	size_t nr_head;
	int rc, found;

	*out = NULL;
	memset(&pkg, 0, sizeof(pkg));
	memset(&wb, 0, sizeof(wb));
	found = !zip_entries(b, head, &nr_head, &entries);
	if (is_ole(head, nr_head)) {
		zip_source_free(src);
		return fail(err, path, NULL, "workbook is password-protected or an old .xls file:"
			    " save it as .xlsx without a password");
	}
	if (found && entries > XLSX_MAX_ENTRIES) {
		zip_source_free(src);
		return fail(err, path, TOOLARGE, "workbook too large: its zip holds %llu entries,"
			    " more than %u", entries, XLSX_MAX_ENTRIES);
	}
	x = xcalloc(1, sizeof(*x));
	x->path = path;
	x->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, ze);
	if (!x->zip) {
		zip_source_free(src);
		free(x);
		if (zip_fault(ze)) {
			tt_error_set(err, TT_EIO, "could not read the workbook: %s",
				     zip_error_strerror(ze));
			tt_error_at(err, path, 0, NULL);
			return TT_EIO;
		}
		/* a file that starts as a zip but has no end of central directory was cut short */
		if (nr_head >= 4 && !memcmp(head, "PK\3\4", 4))
			return fail(err, path, DAMAGED, "file damaged: the workbook is cut short or its"
				    " zip structure is broken (%s)", zip_error_strerror(ze));
		return fail(err, path, NULL, "not an .xlsx workbook (zip): %s",
			    zip_error_strerror(ze));
	}
	if ((rc = check_entries(x, err)) || (rc = read_rels(x, "", &pkg, err)))
		goto out;
	/* "_rels/.rels" is what rels_of("") names; find the main document */
	doc = rel_of_type(&pkg, "officeDocument");
	if (!doc) {
		rc = fail(err, path, DAMAGED, "file damaged: no workbook in the package (is it an"
			  " .xlsx file?)");
		goto out;
	}
	if ((rc = read_rels(x, doc->target, &wb, err)) ||
	    (rc = read_workbook(x, doc->target, &wb, err)))
		goto out;
	if ((rel = rel_of_type(&wb, "sharedStrings")) &&
	    (rc = read_shared_strings(x, rel->target, err)))
		goto out;
	if ((rel = rel_of_type(&wb, "styles")) && (rc = read_styles(x, rel->target, err)))
		goto out;
	*out = x;
out:
	/* 2026-12-03: a .rels part that failed half-way was not freed (found by fuzzing) */
	rels_release(&pkg);
	rels_release(&wb);
	if (rc)
		xlsx_close(x);
	return rc;
}

int xlsx_open(const char *path, struct xlsx **out, struct tt_error *err)
{
	struct bytes b = { -1, NULL, 0 };
	zip_source_t *src = NULL;
	zip_error_t ze;
	FILE *f;
	int rc;

	*out = NULL;
	b.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (b.fd < 0 || !(f = fdopen(b.fd, "rb"))) {
		rc = tt_error_set(err, TT_EIO, "could not open '%s' for reading: %s", path,
				  strerror(errno));
		if (b.fd >= 0)
			close(b.fd);
		return rc;
	}
	zip_error_init(&ze);
	/* libzip reads the file the sizes were read from, and closes it */
	if (!(src = zip_source_filep_create(f, 0, -1, &ze))) {
		fclose(f);
		rc = tt_error_set(err, TT_EIO, "could not read '%s': %s", path,
				  zip_error_strerror(&ze));
	} else {
		rc = open_workbook(path, &b, src, &ze, out, err);
	}
	zip_error_fini(&ze);
	return rc;
}

int xlsx_open_memory(const void *data, size_t len, const char *name, struct xlsx **out,
		     struct tt_error *err)
{
	struct bytes b = { -1, data, len };
	zip_source_t *src;
	zip_error_t ze;
	int rc;

	zip_error_init(&ze);
	/* the bytes are the caller's: libzip reads them in place, never frees them */
	if (!(src = zip_source_buffer_create(len ? data : "", len, 0, &ze)))
		rc = tt_error_set(err, TT_EIO, "could not read '%s': %s", name,
				  zip_error_strerror(&ze));
	else
		rc = open_workbook(name, &b, src, &ze, out, err);
	zip_error_fini(&ze);
	return rc;
}

void xlsx_close(struct xlsx *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < x->nr_sheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	free(x->shared);
	free(x->shared_off);
	free(x->xf_kind);
	if (x->zip)
		zip_discard(x->zip);
	free(x);
}

size_t xlsx_nr_sheets(const struct xlsx *x)
{
	return x->nr_sheets;
}

const struct xlsx_sheet *xlsx_sheet(const struct xlsx *x, size_t i)
{
	return i < x->nr_sheets ? &x->sheets[i] : NULL;
}

int xlsx_date1904(const struct xlsx *x)
{
	return x->date1904;
}

/* ---- cells ------------------------------------------------------------ */

/* "AB12" -> row 12, column 27 (0-based).  -1 if it is not a cell's reference. */
static int parse_ref(const char *ref, long *row, long *col)
{
	long c = 0, r = 0;
	const char *p = ref;

	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
		c = c * 26 + ((*p | 0x20) - 'a' + 1);
		if (c > XLSX_MAX_COLUMNS)
			return -1;
		p++;
	}
	while (*p >= '0' && *p <= '9') {
		r = r * 10 + (*p - '0');
		if (r > XLSX_MAX_ROWS)
			return -1;
		p++;
	}
	/* both a column and a row: "5" or "E" alone is no cell (column -1 was
	   written before the cells of a row, found by fuzzing) */
	if (*p || !c || !r)
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

static void format_number(struct strbuf *sb, double v)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "%.15g", v);
	strbuf_addstr(sb, strcmp(buf, "-0") ? buf : "0");
}

/* A serial date of either system as "YYYY-MM-DD[ HH:MM:SS]" or a duration. */
static void format_serial(struct strbuf *sb, double v, enum fmt_kind kind, int date1904)
{
	double day = floor(v);
	long secs = lround((v - day) * 86400.0);
	struct tt_date d;
	char iso[11];

	if (secs >= 86400) {
		day += 1;
		secs -= 86400;
	}
	if (kind == FMT_DURATION) {
		long total = lround(v * 86400.0);

		strbuf_addf(sb, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
		return;
	}
	if (kind == FMT_TIME && day == 0) {
		strbuf_addf(sb, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
		return;
	}
	/* 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900
	 * that never was (day 60), so from day 61 on the epoch is 1899-12-30 */
	if (date1904)
		period_date_from_day_number((long)day - 24107, &d);       /* 1904-01-01 */
	else
		period_date_from_day_number((long)day - (day < 61 ? 25568 : 25569), &d);
	period_format_iso(&d, iso);
	strbuf_addstr(sb, iso);
	if (secs)
		strbuf_addf(sb, " %02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
}

/* A sheet being read: the current cell, and its text. */
struct sheet_read {
	struct xlsx *x;
	struct tt_error *err;
	xlsx_cell_fn fn;
	void *ctx;
	struct strbuf text;
};

static int cell_fail(struct sheet_read *sr, long row, const char *issue, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The sheet's error at row, recorded under issue: TT_EPARSE. */
static int cell_fail(struct sheet_read *sr, long row, const char *issue, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tt_error_vset(sr->err, TT_EPARSE, fmt, ap);
	va_end(ap);
	tt_error_at(sr->err, sr->x->path, row, NULL);
	return tt_error_issue(sr->err, issue);
}

/*
 * Read the cell at the reader and hand it to sr->fn.  Returns 0, or a
 * negative code: *xrc < 0 when the XML itself broke.
 */
static int emit_cell(struct sheet_read *sr, xmlTextReaderPtr r, long row, long col,
		     int *xrc)
{
	char *t = attr(r, "t", 0), *s = attr(r, "s", 0);
	struct xlsx_cell cell;
	struct strbuf raw;
	int rc = 1, has_value = 0;
	long style = 0;

	strbuf_init(&raw);
	strbuf_reset(&sr->text);
	if (s && *s && tt_parse_long(s, &style))
		style = 0;
	if (!xmlTextReaderIsEmptyElement(r)) {
		while ((rc = xmlTextReaderRead(r)) == 1 && !is_end(r, "c")) {
			if (is_start(r, "v") && !xmlTextReaderIsEmptyElement(r)) {
				strbuf_reset(&raw);
				if ((rc = read_text(r, &raw)) != 1)
					break;
				has_value = 1;
			} else if (is_start(r, "is")) {
				/* an inline string; a stray <v> beside it is ignored */
				strbuf_reset(&sr->text);
				if ((rc = string_item(r, "is", &sr->text)) != 1)
					break;
				has_value = 2;
			}
		}
	}
	if (rc == -2) {
		rc = cell_fail(sr, row, TOOLARGE, TEXT_TOO_LONG);
		goto out;
	}
	if (rc != 1) {
		*xrc = rc < 0 ? rc : -1;
		rc = TT_EPARSE;
		goto out;
	}
	rc = 0;
	if (!has_value)
		goto out;
	memset(&cell, 0, sizeof(cell));
	cell.row = row;
	cell.col = col;
	if (has_value == 2 || (t && !strcmp(t, "inlineStr"))) {
		if (has_value != 2)
			goto out; /* inlineStr with only a <v>: nothing to show */
		cell.type = XLSX_STRING;
	} else if (t && !strcmp(t, "s")) {
		long idx;

		if (tt_parse_long(raw.buf, &idx) || idx < 0 || (size_t)idx >= sr->x->nr_shared) {
			rc = cell_fail(sr, row, DAMAGED, "file damaged: a cell refers to shared string"
				       " '%.40s', which does not exist", raw.buf);
			goto out;
		}
		cell.type = XLSX_STRING;
		strbuf_addstr(&sr->text, sr->x->shared + sr->x->shared_off[idx]);
	} else if (t && !strcmp(t, "str")) {
		cell.type = XLSX_STRING;
		strbuf_addstr(&sr->text, raw.buf);
		unescape_x(&sr->text, 0);
	} else if (t && !strcmp(t, "b")) {
		cell.type = XLSX_BOOL;
		cell.number = !strcmp(raw.buf, "1") || !strcmp(raw.buf, "true");
		strbuf_addstr(&sr->text, cell.number ? "TRUE" : "FALSE");
	} else if (t && !strcmp(t, "e")) {
		cell.type = XLSX_ERROR;
		strbuf_addstr(&sr->text, raw.buf);
	} else if (t && !strcmp(t, "d")) {
		cell.type = XLSX_ISO_DATE;
		strbuf_addstr(&sr->text, raw.buf);
	} else {
		enum fmt_kind kind = style >= 0 && (size_t)style < sr->x->nr_xf
					     ? (enum fmt_kind)sr->x->xf_kind[style] : FMT_GENERAL;

		if (tt_parse_double(raw.buf, &cell.number)) {
			rc = cell_fail(sr, row, DAMAGED, "file damaged: a number cell holds '%.100s'",
				       raw.buf);
			goto out;
		}
		cell.type = XLSX_NUMBER;
		if (kind == FMT_PERCENT) {
			format_number(&sr->text, cell.number * 100.0);
			strbuf_addch(&sr->text, '%');
		} else if (kind == FMT_GENERAL || cell.number < 0 || cell.number > 2958465.0) {
			format_number(&sr->text, cell.number);
		} else {
			cell.type = kind == FMT_DURATION ? XLSX_DURATION : XLSX_DATE;
			format_serial(&sr->text, cell.number, kind, sr->x->date1904);
		}
	}
	if (++sr->x->cells > XLSX_MAX_CELLS) {
		rc = cell_fail(sr, row, TOOLARGE, "workbook too large: more than %llu cells with a"
			       " value", (unsigned long long)XLSX_MAX_CELLS);
		goto out;
	}
	cell.text = sr->text.buf;
	rc = sr->fn(&cell, sr->ctx);
out:
	free(t);
	free(s);
	strbuf_release(&raw);
	return rc;
}

int xlsx_read_cells(struct xlsx *x, size_t i, xlsx_cell_fn fn, void *ctx,
		    struct tt_error *err)
{
	struct sheet_read sr = { x, err, fn, ctx, { NULL, 0, 0 } };
	struct part p;
	xmlTextReaderPtr r;
	long row = 0, col = -1;
	int missing, rc = 0, xrc = 1;

	if (i >= x->nr_sheets || x->sheets[i].is_chart)
		return 0;
	r = part_begin(x, x->sheets[i].part, &p, &missing, err);
	if (!r)
		return missing ? fail(err, x->path, DAMAGED, "file damaged: sheet part '%s' is"
				      " missing", x->sheets[i].part) : part_error(err);
	strbuf_init(&sr.text);
	while (!rc && (xrc = xmlTextReaderRead(r)) == 1) {
		if (is_start(r, "row")) {
			char *rv = attr(r, "r", 0);
			long n;

			row = rv && !tt_parse_long(rv, &n) && n > 0 && n <= XLSX_MAX_ROWS ? n
											 : row + 1;
			col = -1;
			free(rv);
		} else if (is_start(r, "c")) {
			char *ref = attr(r, "r", 0);
			long rr, cc;

			if (ref && !parse_ref(ref, &rr, &cc))
				col = cc;
			else if (!ref)
				col++;
			if ((ref && parse_ref(ref, &rr, &cc)) || col >= XLSX_MAX_COLUMNS)
				rc = cell_fail(&sr, row, DAMAGED, "file damaged: cell '%.20s' is beyond"
					       " column XFD or row 1048576", ref ? ref : "");
			else
				rc = emit_cell(&sr, r, row, col, &xrc);
			free(ref);
		} else if (is_end(r, "sheetData")) {
			break;
		}
	}
	strbuf_release(&sr.text);
	if (xrc < 0)
		return part_end(r, &p, xrc, err);
	if (rc) {
		/* the caller's (or the cell's) error stands: the rest is not read */
		xmlFreeTextReader(r);
		zip_fclose(p.zf);
		strbuf_release(&p.why);
		return rc;
	}
	/* the rest read through, and its CRC-32 checked */
	return part_end(r, &p, 0, err);
}

/* ---- merged ranges ---------------------------------------------------- */

/* The ref="..." of every mergeCell element in [s, s+len); returns bytes used. */
static size_t scan_merges(const char *s, size_t len, char ***out, size_t *nr,
			  size_t *alloc)
{
	size_t used = 0;
	const char *p = s, *lim = s + len;

	while ((p = memmem(p, (size_t)(lim - p), "mergeCell", 9))) {
		const char *gt = memchr(p, '>', (size_t)(lim - p));
		const char *ref, *q;

		if (!gt)
			break;
		if (p > s && (p[-1] == '<' || p[-1] == ':') && (p[9] == ' ' || p[9] == '\t' ||
								 p[9] == '\n' || p[9] == '\r')) {
			ref = memmem(p, (size_t)(gt - p), "ref=\"", 5);
			/* "A1:XFD1048576" and the like: longer is no range */
			if (ref && (q = memchr(ref + 5, '"', (size_t)(gt - ref - 5))) &&
			    q - ref - 5 <= 32) {
				struct strbuf sb;

				strbuf_init(&sb);
				strbuf_add(&sb, ref + 5, (size_t)(q - ref - 5));
				xgrow(out, alloc, *nr + 1, sizeof(**out));
				(*out)[(*nr)++] = strbuf_detach(&sb);
			}
		}
		p = gt + 1;
		used = (size_t)(p - s);
	}
	return used;
}

static void free_ranges(char **ranges, size_t nr)
{
	size_t k;

	for (k = 0; k < nr; k++)
		free(ranges[k]);
	free(ranges);
}

int xlsx_merged_ranges(struct xlsx *x, size_t i, char ***out, size_t *nr,
		       struct tt_error *err)
{
	struct part p;
	struct strbuf win;
	size_t alloc = 0;
	char buf[65536];
	int n, rc;

	*out = NULL;
	*nr = 0;
	if (i >= x->nr_sheets || x->sheets[i].is_chart)
		return 0;
	if ((rc = part_open(x, x->sheets[i].part, &p, err)))
		return rc == 1 ? 0 : rc;
	strbuf_init(&win);
	/* inflate once without parsing: the ranges sit after the cells */
	while ((n = part_read(&p, buf, sizeof(buf))) > 0) {
		size_t used;

		strbuf_add(&win, buf, (size_t)n);
		used = scan_merges(win.buf, win.len, out, nr, &alloc);
		if (*nr > XLSX_MAX_MERGES) {
			n = stop(&p, TOOLARGE, "workbook too large: sheet '%s' has more than %u merged"
				 " ranges", x->sheets[i].name, XLSX_MAX_MERGES);
			break;
		}
		/* keep what may hold the start of an element cut by the read */
		if (win.len - used > 512)
			used = win.len - 512;
		memmove(win.buf, win.buf + used, win.len - used + 1);
		win.len -= used;
	}
	strbuf_release(&win);
	/* read to its end: part_finish() has nothing left to drain */
	rc = part_finish(&p, n, err);
	if (rc) {
		/* 2026-12-03: the ranges found before a failure were not freed (found by fuzzing) */
		free_ranges(*out, *nr);
		*out = NULL;
		*nr = 0;
	}
	return rc;
}

/* ---- rows ------------------------------------------------------------- */

/*
 * Merged ranges are taken in the order they begin (r1): those begun and not
 * yet ended are the active ones, so that a row looks only at the ranges over
 * it.  The work of filling them is bounded by the cells they cover
 * (XLSX_MAX_MERGED_CELLS), the text they hold by XLSX_MAX_ROW_BYTES.
 */
struct merge {
	long r1, c1, r2, c2;
	size_t order;                /* in the sheet */
	char *value;                 /* top-left text, once seen */
};

struct row_builder {
	tt_row_fn fn;
	void *ctx;
	struct xlsx *x;
	struct tt_error *err;
	long row;                    /* row being collected, 0 before the first */
	struct strbuf *cells;        /* text per column */
	size_t nr, alloc;
	size_t row_bytes;            /* text in the row */
	char **ptrs;
	size_t alloc_ptrs;
	struct merge *merges;        /* by r1 */
	size_t nr_merges, next;      /* next: the first not yet begun */
	size_t *active;              /* begun and not ended, by r1 */
	size_t nr_active, alloc_active;
	size_t merge_bytes;          /* text the active ranges hold */
};

static int row_too_large(struct row_builder *b)
{
	fail(b->err, b->x->path, TOOLARGE, "workbook too large: row %ld holds more than %u bytes"
	     " of text", b->row, XLSX_MAX_ROW_BYTES);
	if (b->err)
		b->err->row = b->row;
	return TT_EPARSE;
}

static int builder_set(struct row_builder *b, long col, const char *text)
{
	size_t c = (size_t)col, n = strlen(text);

	if (c >= b->alloc) {
		size_t old = b->alloc, k;

		xgrow(&b->cells, &b->alloc, c + 1, sizeof(*b->cells));
		for (k = old; k < b->alloc; k++)
			strbuf_init(&b->cells[k]);
	}
	while (b->nr <= c)
		strbuf_reset(&b->cells[b->nr++]);
	/* a cell given twice in a row replaces its text */
	b->row_bytes = b->row_bytes - b->cells[c].len + n;
	if (b->row_bytes > XLSX_MAX_ROW_BYTES)
		return row_too_large(b);
	strbuf_reset(&b->cells[c]);
	strbuf_add(&b->cells[c], text, n);
	return 0;
}

/* Begin the ranges that start at or before row; end those over before it. */
static void builder_active(struct row_builder *b, long row)
{
	size_t i, k;

	while (b->next < b->nr_merges && b->merges[b->next].r1 <= row) {
		xgrow(&b->active, &b->alloc_active, b->nr_active + 1, sizeof(*b->active));
		b->active[b->nr_active++] = b->next++;
	}
	for (i = k = 0; i < b->nr_active; i++) {
		struct merge *m = &b->merges[b->active[i]];

		if (m->r2 >= row) {
			b->active[k++] = b->active[i];
			continue;
		}
		if (m->value)
			b->merge_bytes -= strlen(m->value) + 1;
		free(m->value);
		m->value = NULL;
	}
	b->nr_active = k;
}

static int builder_flush(struct row_builder *b)
{
	struct tt_row row;
	size_t i;
	long c;
	int rc;

	if (!b->row)
		return 0;
	builder_active(b, b->row);
	for (i = 0; i < b->nr_active; i++) {
		struct merge *m = &b->merges[b->active[i]];

		if (b->row == m->r1 && !m->value && (size_t)m->c1 < b->nr) {
			m->value = xstrdup(b->cells[m->c1].buf);
			b->merge_bytes += strlen(m->value) + 1;
			if (b->merge_bytes > XLSX_MAX_ROW_BYTES)
				return row_too_large(b);
		}
		if (!m->value || !*m->value)
			continue;
		for (c = m->c1; c <= m->c2; c++)
			if (((size_t)c >= b->nr || !b->cells[c].len) &&
			    (rc = builder_set(b, c, m->value)))
				return rc;
	}
	xgrow(&b->ptrs, &b->alloc_ptrs, b->nr + 1, sizeof(*b->ptrs));
	for (i = 0; i < b->nr; i++)
		b->ptrs[i] = b->cells[i].buf;
	row.number = b->row;
	row.nr_fields = b->nr;
	row.fields = b->ptrs;
	rc = b->fn(&row, b->ctx);
	/*
	 * A cell's buffer is kept for the next row only when small: long texts
	 * in other columns row after row would otherwise all stay allocated.
	 */
	for (i = 0; i < b->nr; i++)
		if (b->cells[i].alloc > 256) {
			strbuf_release(&b->cells[i]);
			strbuf_init(&b->cells[i]);
		}
	b->nr = 0;
	b->row_bytes = 0;
	return rc;
}

/* 1 if an active range holds a value (and so fills the rows it covers). */
static int builder_filling(const struct row_builder *b)
{
	size_t i;

	for (i = 0; i < b->nr_active; i++)
		if (b->merges[b->active[i]].value)
			return 1;
	return 0;
}

/*
 * Rows after b->row and before `upto` that hold no cell but a merged range.
 * Only ranges with a value fill a row, and those began on a row with cells:
 * each active one, once those ended are dropped, covers the row.
 */
static int builder_gap(struct row_builder *b, long upto)
{
	long r;
	int rc;

	for (r = b->row + 1; r < upto; r++) {
		builder_active(b, r);
		if (!builder_filling(b))
			break;
		b->row = r;
		b->nr = 0;
		b->row_bytes = 0;
		if ((rc = builder_flush(b)))
			return rc;
	}
	return 0;
}

static int builder_cell(const struct xlsx_cell *cell, void *ctx)
{
	struct row_builder *b = ctx;
	int rc;

	if (cell->row != b->row) {
		if ((rc = builder_flush(b)) || (rc = builder_gap(b, cell->row)))
			return rc;
		b->row = cell->row;
	}
	return builder_set(b, cell->col, cell->text);
}

static int merge_cmp(const void *a, const void *b)
{
	const struct merge *x = a, *y = b;

	if (x->r1 != y->r1)
		return x->r1 < y->r1 ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The sheet's ranges, parsed and sorted; those too large are passed over. */
static int builder_merges(struct row_builder *b, char **ranges, size_t nr)
{
	unsigned long long covered = 0;
	size_t i;

	b->merges = xcalloc(nr ? nr : 1, sizeof(*b->merges));
	for (i = 0; i < nr; i++) {
		char *colon = strchr(ranges[i], ':');
		struct merge *m = &b->merges[b->nr_merges];

		if (!colon)
			continue;
		*colon = '\0';
		if (parse_ref(ranges[i], &m->r1, &m->c1) || parse_ref(colon + 1, &m->r2, &m->c2) ||
		    m->r2 < m->r1 || m->c2 < m->c1 || m->c2 - m->c1 > 1024 || m->r2 - m->r1 > 10000)
			continue;
		covered += (unsigned long long)(m->r2 - m->r1 + 1) * (unsigned long long)(m->c2 - m->c1 + 1);
		if (covered > XLSX_MAX_MERGED_CELLS)
			return fail(b->err, b->x->path, TOOLARGE, "workbook too large: the merged"
				    " ranges of a sheet cover more than %llu cells",
				    (unsigned long long)XLSX_MAX_MERGED_CELLS);
		m->order = b->nr_merges++;
	}
	qsort(b->merges, b->nr_merges, sizeof(*b->merges), merge_cmp);
	return 0;
}

int xlsx_read_rows(struct xlsx *x, size_t i, tt_row_fn fn, void *ctx,
		   struct tt_error *err)
{
	struct row_builder b;
	char **ranges;
	size_t nr_ranges, k;
	int rc;

	memset(&b, 0, sizeof(b));
	b.fn = fn;
	b.ctx = ctx;
	b.x = x;
	b.err = err;
	if ((rc = xlsx_merged_ranges(x, i, &ranges, &nr_ranges, err)))
		return rc;
	rc = builder_merges(&b, ranges, nr_ranges);
	free_ranges(ranges, nr_ranges);
	if (!rc)
		rc = xlsx_read_cells(x, i, builder_cell, &b, err);
	if (!rc)
		rc = builder_flush(&b);
	if (!rc && b.row)
		rc = builder_gap(&b, XLSX_MAX_ROWS + 1);
	for (k = 0; k < b.alloc; k++)
		strbuf_release(&b.cells[k]);
	free(b.cells);
	free(b.ptrs);
	for (k = 0; k < b.nr_merges; k++)
		free(b.merges[k].value);
	free(b.merges);
	free(b.active);
	return rc;
}
