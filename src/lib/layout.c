/*
 * layout.c - text, paragraphs and tables drawn with libharu.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/error.h"
#include "tidtam/layout.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define DEFAULT_FONT_DIR "/usr/share/fonts/truetype/tlwg"
#define LEADING 1.25f
#define CELL_PAD 3.0f

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct layout *l = data;

	(void)detail;
	if (!l->failure)
		l->failure = error;
}

int layout_open(struct layout *l, const char *font_dir, struct tt_error *err)
{
	char regular[1024], bold[1024];
	const char *name;

	memset(l, 0, sizeof(*l));
	if (!font_dir)
		font_dir = getenv("TIDTAM_FONT_DIR");
	if (!font_dir)
		font_dir = DEFAULT_FONT_DIR;
	snprintf(regular, sizeof(regular), "%s/Laksaman.ttf", font_dir);
	snprintf(bold, sizeof(bold), "%s/Laksaman-Bold.ttf", font_dir);
	l->margin = 56.7f; /* 2 cm */
	l->pdf = HPDF_New(on_hpdf_error, l);
	if (!l->pdf)
		return tt_error_set(err, TT_EIO, "could not start a PDF document");
	HPDF_UseUTFEncodings(l->pdf);
	HPDF_SetCompressionMode(l->pdf, HPDF_COMP_ALL);
	name = HPDF_LoadTTFontFromFile(l->pdf, regular, HPDF_TRUE);
	if (name)
		l->regular = HPDF_GetFont(l->pdf, name, "UTF-8");
	name = l->regular ? HPDF_LoadTTFontFromFile(l->pdf, bold, HPDF_TRUE) : NULL;
	if (name)
		l->bold = HPDF_GetFont(l->pdf, name, "UTF-8");
	if (!l->regular || !l->bold) {
		layout_close(l);
		return tt_error_set(err, TT_EIO,
				    "could not load the Laksaman fonts from '%s'"
				    " (Debian package fonts-tlwg-laksaman-ttf)", font_dir);
	}
	l->breaker = thai_breaker_new();
	return 0;
}

void layout_close(struct layout *l)
{
	if (l->pdf)
		HPDF_Free(l->pdf);
	thai_breaker_free(l->breaker);
	memset(l, 0, sizeof(*l));
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
	HPDF_SetInfoAttr(l->pdf, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(l->pdf, HPDF_INFO_AUTHOR, author);
	HPDF_SetInfoAttr(l->pdf, HPDF_INFO_CREATOR, "tidtam " TT_VERSION);
	HPDF_SetInfoDateAttr(l->pdf, HPDF_INFO_CREATION_DATE, d);
}

float layout_text_width(struct layout *l, int bold, float size, const char *text)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(bold ? l->bold : l->regular,
						(const HPDF_BYTE *)text, (HPDF_UINT)strlen(text));

	return (float)tw.width * size / 1000.0f;
}

void layout_text_at(struct layout *l, float x, float y, int bold, float size,
		    const char *text)
{
	if (!l->page || !*text)
		return;
	HPDF_Page_BeginText(l->page);
	HPDF_Page_SetFontAndSize(l->page, bold ? l->bold : l->regular, size);
	HPDF_Page_TextOut(l->page, x, l->height - y, text);
	HPDF_Page_EndText(l->page);
}

static void footer(struct layout *l)
{
	char page[64];
	float size = 12, y = l->height - l->margin / 2;

	float page_w, room;
	char **lines;
	size_t n;

	snprintf(page, sizeof(page), "หน้า %d", l->page_no);
	page_w = layout_text_width(l, 0, size, page);
	room = l->width - 2 * l->margin - page_w - size;
	/* the footer text never runs into the page number: its first line only */
	n = layout_wrap(l, 0, size, room, l->footer, &lines);
	layout_text_at(l, l->margin, y, 0, size, lines[0]);
	layout_free_lines(lines, n);
	layout_text_at(l, l->width - l->margin - page_w, y, 0, size, page);
}

void layout_new_page(struct layout *l, int landscape)
{
	l->page = HPDF_AddPage(l->pdf);
	HPDF_Page_SetSize(l->page, HPDF_PAGE_SIZE_A4,
			  landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
	l->width = HPDF_Page_GetWidth(l->page);
	l->height = HPDF_Page_GetHeight(l->page);
	l->y = l->margin;
	l->page_no++;
	footer(l);
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

void layout_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static char *slice(const char *s, size_t from, size_t to)
{
	char *out;

	while (from < to && s[from] == ' ')
		from++;
	while (to > from && s[to - 1] == ' ')
		to--;
	out = xmalloc(to - from + 1);
	memcpy(out, s + from, to - from);
	out[to - from] = '\0';
	return out;
}

static float width_of(struct layout *l, int bold, float size, const char *s,
		      size_t from, size_t to)
{
	char *t = slice(s, from, to);
	float w = layout_text_width(l, bold, size, t);

	free(t);
	return w;
}

/* The last character boundary after `from` at which s[from, end) fits width. */
static size_t fit_chars(struct layout *l, int bold, float size, float width,
			const char *s, size_t from, size_t to)
{
	size_t i = from, best = from;

	while (i < to) {
		unsigned cp;
		size_t n = thai_utf8_decode(s + i, &cp);

		i += n;
		/* a cluster ends before the next character that is not a mark */
		while (i < to) {
			n = thai_utf8_decode(s + i, &cp);
			if (!thai_is_mark(cp))
				break;
			i += n;
		}
		if (width_of(l, bold, size, s, from, i) > width && best > from)
			break;
		best = i;
	}
	return best;
}

size_t layout_wrap(struct layout *l, int bold, float size, float width,
		   const char *text, char ***lines)
{
	size_t *breaks, nr_breaks, k, start = 0, alloc = 0, n = 0, len = strlen(text);

	*lines = NULL;
	nr_breaks = thai_break_offsets(l->breaker, text, &breaks);
	while (start < len) {
		size_t end = len, best = 0;

		/* furthest break point whose line still fits */
		for (k = 0; k < nr_breaks; k++) {
			if (breaks[k] <= start)
				continue;
			if (width_of(l, bold, size, text, start, breaks[k]) > width)
				break;
			best = breaks[k];
		}
		if (width_of(l, bold, size, text, start, len) <= width)
			end = len;
		else if (best)
			end = best;
		else
			end = fit_chars(l, bold, size, width, text, start,
					k < nr_breaks ? breaks[k] : len);
		xgrow(lines, &alloc, n + 1, sizeof(**lines));
		(*lines)[n++] = slice(text, start, end);
		start = end;
	}
	free(breaks);
	if (!n) {
		xgrow(lines, &alloc, 1, sizeof(**lines));
		(*lines)[n++] = xstrdup("");
	}
	return n;
}

static float aligned_x(struct layout *l, float x, float width, int bold, float size,
		       enum layout_align align, const char *text)
{
	float w = layout_text_width(l, bold, size, text);

	if (align == ALIGN_CENTER)
		return x + (width - w) / 2;
	if (align == ALIGN_RIGHT)
		return x + width - w;
	return x;
}

void layout_paragraph(struct layout *l, int bold, float size, enum layout_align align,
		      const char *text)
{
	char **lines;
	size_t n, i;
	float width, line = size * LEADING;

	layout_need(l, line);
	width = l->width - 2 * l->margin;
	n = layout_wrap(l, bold, size, width, text, &lines);
	for (i = 0; i < n; i++) {
		layout_need(l, line);
		l->y += line;
		layout_text_at(l, aligned_x(l, l->margin, width, bold, size, align, lines[i]),
			       l->y - size * 0.3f, bold, size, lines[i]);
	}
	layout_free_lines(lines, n);
}

static void rect(struct layout *l, float x, float top, float w, float h, int fill)
{
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

/* Draw one row of cells at the cursor; returns its height. */
static float table_row(struct layout *l, const struct layout_column *cols, size_t ncols,
		       char *const *cells, float size, int header, int draw)
{
	float line = size * LEADING, height = 0, x = l->margin;
	size_t c, i;

	for (c = 0; c < ncols; c++) {
		char **lines;
		size_t n = layout_wrap(l, header, size, cols[c].width - 2 * CELL_PAD,
				       cells[c] ? cells[c] : "", &lines);
		float h = (float)n * line + 2 * CELL_PAD;

		if (h > height)
			height = h;
		layout_free_lines(lines, n);
	}
	if (!draw)
		return height;
	for (c = 0; c < ncols; c++) {
		char **lines;
		size_t n = layout_wrap(l, header, size, cols[c].width - 2 * CELL_PAD,
				       cells[c] ? cells[c] : "", &lines);
		enum layout_align align = header ? ALIGN_CENTER : cols[c].align;

		rect(l, x, l->y, cols[c].width, height, header);
		for (i = 0; i < n; i++)
			layout_text_at(l, aligned_x(l, x + CELL_PAD, cols[c].width - 2 * CELL_PAD,
						    header, size, align, lines[i]),
				       l->y + CELL_PAD + line * (float)(i + 1) - size * 0.3f,
				       header, size, lines[i]);
		layout_free_lines(lines, n);
		x += cols[c].width;
	}
	l->y += height;
	return height;
}

void layout_table(struct layout *l, const struct layout_column *cols, size_t ncols,
		  char *const *cells, size_t nr_rows, float size)
{
	char **titles = xcalloc(ncols, sizeof(*titles));
	float header_h;
	size_t c, r;

	for (c = 0; c < ncols; c++)
		titles[c] = (char *)cols[c].title;
	header_h = table_row(l, cols, ncols, titles, size, 1, 0);
	for (r = 0; r < nr_rows; r++) {
		float h = table_row(l, cols, ncols, cells + r * ncols, size, 0, 0);

		if (r == 0 || l->y + h > l->height - l->margin) {
			if (l->y + header_h + h > l->height - l->margin)
				layout_new_page(l, l->width > l->height);
			table_row(l, cols, ncols, titles, size, 1, 1);
		}
		table_row(l, cols, ncols, cells + r * ncols, size, 0, 1);
	}
	if (!nr_rows)
		table_row(l, cols, ncols, titles, size, 1, 1);
	free(titles);
}

int layout_save(struct layout *l, const char *path, struct tt_error *err)
{
	HPDF_UINT32 size;
	char *buf;
	HPDF_UINT32 got;
	int rc;

	if (l->failure)
		return tt_error_set(err, TT_EIO, "the PDF library failed (error 0x%04X)",
				    (unsigned)l->failure);
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
	rc = tt_write_file_atomic(path, buf, got, err);
	free(buf);
	return rc;
}
