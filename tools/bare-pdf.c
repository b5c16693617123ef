/*
 * bare-pdf: the floor of a page drawn with libharu alone, the baseline
 * `make bench` sets tidtam's rendering beside.
 *
 * Usage: bare-pdf OUT.pdf PAGES
 *
 * Writes one PDF of PAGES A4 pages, Laksaman embedded (from
 * TIDTAM_FONT_DIR, else /usr/share/fonts/truetype/tlwg), streams
 * compressed as tidtam's are; each page a heading, 22 lines of
 * Thai text at 16 pt and a ruled table of ten rows of figures: about what a
 * report page holds.  No shaping, no line breaking, no measuring: only
 * what any program drawing such a page must pay.  Exit 0, or 1 with a
 * message on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpdf.h>
#include "tidtam/banned.h"

static const char *const lines[] = {
	"ผลการดำเนินงานตามตัวชี้วัด รอบ 12 เดือน ปีงบประมาณ พ.ศ. 2567",
	"สำนักงานเขตพื้นที่การศึกษาดำเนินงานตามนโยบายด้านความปลอดภัย",
	"สถานศึกษาร้อยละ 92.50 รายงานผลครบถ้วนภายในกำหนดเวลา",
	"ปัญหาที่พบมากที่สุดคือครูไม่ครบชั้นในสถานศึกษาขนาดเล็ก",
	"ควรส่งเสริมการบริหารจัดการแบบเครือข่ายและการนิเทศต่อเนื่อง",
};

static void die(const char *what)
{
	fprintf(stderr, "bare-pdf: %s\n", what);
	exit(1);
}

static void on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "bare-pdf: libharu error %04X (%u)\n", (unsigned)no, (unsigned)detail);
	exit(1);
}

static void draw_page(HPDF_Doc pdf, HPDF_Font font, long n)
{
	HPDF_Page page = HPDF_AddPage(pdf);
	char num[64];
	float y;
	int i;

	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, 20);
	HPDF_Page_TextOut(page, 85, 780, lines[0]);
	HPDF_Page_SetFontAndSize(page, font, 16);
	y = 750;
	for (i = 0; i < 22; i++, y -= 20)
		HPDF_Page_TextOut(page, 85, y, lines[1 + (i + n) % 4]);
	HPDF_Page_EndText(page);

	/* a table: ten rows of a name and three figures, ruled */
	y -= 10;
	for (i = 0; i < 10; i++, y -= 22) {
		HPDF_Page_Rectangle(page, 85, y - 6, 425, 22);
		HPDF_Page_Stroke(page);
		HPDF_Page_BeginText(page);
		HPDF_Page_TextOut(page, 90, y, "โรงเรียนบ้านหนองบัว");
		snprintf(num, sizeof(num), "%ld   %d.%02d   ร้อยละ %d", n * 10 + i, i * 7 % 100,
			 (int)(n % 100), (i * 13 + 40) % 100);
		HPDF_Page_TextOut(page, 330, y, num);
		HPDF_Page_EndText(page);
	}
	snprintf(num, sizeof(num), "หน้า %ld", n + 1);
	HPDF_Page_BeginText(page);
	HPDF_Page_TextOut(page, 280, 40, num);
	HPDF_Page_EndText(page);
}

int main(int argc, char **argv)
{
	const char *dir = getenv("TIDTAM_FONT_DIR");
	char path[4096];
	const char *name;
	HPDF_Doc pdf;
	HPDF_Font font;
	char *end;
	long pages, n;

	if (argc != 3)
		die("usage: bare-pdf OUT.pdf PAGES");
	pages = strtol(argv[2], &end, 10);
	if (*argv[2] == '\0' || *end != '\0' || pages < 1 || pages > 1000000)
		die("PAGES must be a whole number from 1 to 1000000");
	if (!dir || !*dir)
		dir = "/usr/share/fonts/truetype/tlwg";
	if (snprintf(path, sizeof(path), "%s/Laksaman.ttf", dir) >= (int)sizeof(path))
		die("font folder name too long");

	pdf = HPDF_New(on_error, NULL);
	if (!pdf)
		die("out of memory");
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	font = HPDF_GetFont(pdf, name, "UTF-8");
	for (n = 0; n < pages; n++)
		draw_page(pdf, font, n);
	if (HPDF_SaveToFile(pdf, argv[1]) != HPDF_OK)
		die("could not write the PDF");
	HPDF_Free(pdf);
	return 0;
}
