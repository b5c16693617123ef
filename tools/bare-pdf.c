/*
 * bare-pdf.c - the floor a PDF of tidtam's costs: the smallest program that
 * draws pages like a report's with libharu alone, no tidtam code.
 *
 *   bare-pdf OUT.pdf PAGES [DOCS]
 *
 * Writes PAGES A4 pages to OUT.pdf, set as tidtam sets them: the Laksaman
 * faces embedded (regular and bold, the two every receipt and report
 * embeds) through libharu's UTF-8 encoder, everything compressed; on each
 * page a bold heading, 12 lines of Thai text at 15 points and a ruled
 * table of 3 columns and 10 rows with a bold header row, and a footer.
 * No shaping, no line breaking, no measuring beyond what libharu does:
 * what is left is libharu's own cost, per document (fonts, their
 * CIDToGIDMap, saving and compressing) and per page.  `make bench` times
 * it beside render: a run with PAGES 1 gives the cost of a document, the
 * difference between two PAGES counts the cost of a page.
 *
 * With DOCS (default 1), the process makes DOCS such documents one after
 * another, each saved to OUT.pdf in turn, as a process making many small
 * PDFs would at best: the faces loaded once, the one HPDF_Doc started
 * again for each document (HPDF_NewDoc(), which keeps the faces loaded).
 * Its CPU time over DOCS, less the process's start (DOCS 1), is the
 * least a document costs in libharu with its faces embedded: the floor
 * of a receipt.
 *
 * The faces are looked for in $TIDTAM_FONT_DIR, else in Debian's folder of
 * fonts-tlwg-laksaman-ttf.  Exit 0, 2 on a usage error, 3 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#define LINES 12
#define ROWS 10

static HPDF_STATUS failure;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	(void)detail;
	(void)data;
	if (!failure)
		failure = error;
}

static const char *load(HPDF_Doc pdf, const char *dir, const char *file)
{
	char path[1024];

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return NULL;
	return HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
}

static void text(HPDF_Page page, HPDF_Font font, float size, float x, float y, const char *s)
{
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, size);
	HPDF_Page_TextOut(page, x, y, s);
	HPDF_Page_EndText(page);
}

static void draw_page(HPDF_Page page, HPDF_Font regular, HPDF_Font bold, int n, int pages)
{
	static const char *const line[] = {
		"สำนักงานเขตพื้นที่การศึกษาได้ดำเนินงานตามแผนปฏิบัติการประจำปีงบประมาณ",
		"ผลการดำเนินงานของสถานศึกษาในสังกัดเป็นไปตามเป้าหมายที่กำหนดไว้ร้อยละ 87.50",
		"นักเรียนชั้นประถมศึกษาปีที่ 3 อ่านออกเขียนได้ตามเกณฑ์ของกระทรวงศึกษาธิการ",
	};
	static const float col_w[] = { 250, 120, 111.3f };
	char buf[256];
	float x0 = 56.7f, top = 841.89f - 56.7f, y, x;
	int i, c;

	text(page, bold, 20, x0, top - 20, "รายงานผลการติดตามและประเมินผล");
	for (i = 0; i < LINES; i++)
		text(page, regular, 15, x0, top - 50 - (float)i * 24.75f, line[i % 3]);
	/* the table: header row in bold, then ROWS rows, ruled */
	y = top - 50 - LINES * 24.75f - 10;
	HPDF_Page_SetLineWidth(page, 0.5f);
	for (i = 0; i <= ROWS + 1; i++) {
		HPDF_Page_MoveTo(page, x0, y - (float)i * 24);
		HPDF_Page_LineTo(page, x0 + 481.3f, y - (float)i * 24);
	}
	for (c = 0, x = x0; c <= 3; x += c < 3 ? col_w[c] : 0, c++) {
		HPDF_Page_MoveTo(page, x, y);
		HPDF_Page_LineTo(page, x, y - (ROWS + 1) * 24);
	}
	HPDF_Page_Stroke(page);
	text(page, bold, 14, x0 + 4, y - 18, "ตัวชี้วัด");
	text(page, bold, 14, x0 + 254, y - 18, "เป้าหมาย");
	text(page, bold, 14, x0 + 374, y - 18, "ผล");
	for (i = 1; i <= ROWS; i++) {
		float ry = y - (float)i * 24 - 18;

		snprintf(buf, sizeof(buf), "ร้อยละของโรงเรียนที่ผ่านเกณฑ์ %d", i);
		text(page, regular, 14, x0 + 4, ry, buf);
		snprintf(buf, sizeof(buf), "%d.00", 80 + i);
		text(page, regular, 14, x0 + 254, ry, buf);
		snprintf(buf, sizeof(buf), "%d.%02d", 75 + i, (i * 37) % 100);
		text(page, regular, 14, x0 + 374, ry, buf);
	}
	snprintf(buf, sizeof(buf), "หน้า %d / %d", n, pages);
	text(page, regular, 12, x0 + 400, 30, buf);
}

/* One document of PAGES pages in pdf (started afresh), saved to out.  0 or 3. */
static int make_doc(HPDF_Doc pdf, const char *rname, const char *bname, long pages,
		    const char *out)
{
	HPDF_Font regular, bold;
	long i;

	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	regular = HPDF_GetFont(pdf, rname, "UTF-8");
	bold = HPDF_GetFont(pdf, bname, "UTF-8");
	if (!regular || !bold) {
		fprintf(stderr, "bare-pdf: could not use the Laksaman faces\n");
		return 3;
	}
	for (i = 1; i <= pages && !failure; i++) {
		HPDF_Page page = HPDF_AddPage(pdf);

		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		draw_page(page, regular, bold, (int)i, (int)pages);
	}
	if (!failure && HPDF_SaveToFile(pdf, out) == HPDF_OK && !failure)
		return 0;
	fprintf(stderr, "bare-pdf: could not write '%s' (libharu error 0x%04X)\n", out,
		(unsigned)failure);
	return 3;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("TIDTAM_FONT_DIR"), *rname, *bname;
	HPDF_Doc pdf;
	char *end;
	long pages, docs = 1, i;
	int rc = 3;

	if (argc < 3 || argc > 4 || (pages = strtol(argv[2], &end, 10)) < 1 || *end ||
	    pages > 100000 ||
	    (argc == 4 && ((docs = strtol(argv[3], &end, 10)) < 1 || *end || docs > 10000000))) {
		fprintf(stderr, "usage: bare-pdf OUT.pdf PAGES [DOCS]\n");
		return 2;
	}
	if (!dir || !*dir)
		dir = "/usr/share/fonts/truetype/tlwg";
	if (!(pdf = HPDF_New(on_error, NULL)))
		return 3;
	HPDF_UseUTFEncodings(pdf);
	rname = load(pdf, dir, "Laksaman.ttf");
	bname = load(pdf, dir, "Laksaman-Bold.ttf");
	if (!rname || !bname) {
		fprintf(stderr, "bare-pdf: could not load the Laksaman faces from '%s'\n", dir);
		goto out;
	}
	for (i = 0, rc = 0; i < docs && !rc; i++)
		if ((rc = make_doc(pdf, rname, bname, pages, argv[1])) == 0 && i + 1 < docs &&
		    HPDF_NewDoc(pdf) != HPDF_OK)
			rc = 3;
out:
	HPDF_Free(pdf);
	return rc;
}
