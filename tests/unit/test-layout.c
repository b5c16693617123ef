/*
 * test-layout.c - line breaking against libthai itself: real Thai text is
 * wrapped at several widths and every break must be a word boundary that
 * libthai reports or a space, or fall inside a word wider than the line;
 * no line may start with a combining mark or be wider than asked unless it
 * is one cluster; the lines with the spaces at breaks put back are the text.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#include "tidtam/error.h"
#include "tidtam/layout.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "test.h"

#define CORPORA "tests/corpora/thai/"

struct tally {
	size_t texts, lines, breaks, at_word, at_space, in_long_word, bad_break;
	size_t mark_starts, too_wide, not_text;
};

/* libthai's own boundaries for cps, straight from the library. */
static int *libthai_breaks(ThBrk *brk, const unsigned *cps, size_t n, int *nr)
{
	thwchar_t *w = xmalloc((n + 1) * sizeof(*w));
	int *pos = xmalloc((n + 1) * sizeof(*pos));
	size_t i;

	for (i = 0; i < n; i++)
		w[i] = (thwchar_t)cps[i];
	w[n] = 0;
	*nr = n ? th_brk_wc_find_breaks(brk, w, pos, n) : 0;
	free(w);
	return pos;
}

static int has(const int *pos, int nr, size_t at)
{
	int i;

	for (i = 0; i < nr; i++)
		if ((size_t)pos[i] == at)
			return 1;
	return 0;
}

/*
 * A line may start at i: a libthai boundary or after a space, but never
 * after a hyphen or after a dash standing alone (the layout's two rules).
 */
static int may_start(const unsigned *cps, const int *pos, int nr, size_t i)
{
	if (!has(pos, nr, i) && cps[i - 1] != ' ')
		return 0;
	if (cps[i - 1] == '-')
		return 0;
	return !(i >= 2 && cps[i - 1] == ' ' && cps[i - 2] == '-' &&
		 (i == 2 || cps[i - 3] == ' '));
}

/* 1 if the unbreakable run around `at` is wider than width. */
static int word_wider(struct layout *l, const unsigned *cps, size_t n, const int *pos,
		      int nr, size_t at, float width)
{
	size_t from = at, to = at + 1, i;
	struct strbuf sb;
	float w;

	while (from > 0 && !may_start(cps, pos, nr, from))
		from--;
	while (to < n && !may_start(cps, pos, nr, to))
		to++;
	while (to > from && cps[to - 1] == ' ')
		to--;
	strbuf_init(&sb);
	for (i = from; i < to; i++)
		thai_utf8_encode(&sb, cps[i]);
	w = layout_text_width(l, FACE_REGULAR, 16, sb.buf);
	strbuf_release(&sb);
	return w > width;
}

static void wrap_one(struct layout *l, ThBrk *brk, const char *text, float width,
		     struct tally *t)
{
	static unsigned cps[8192], line[8192];
	size_t n = thai_utf8_to_cps(text, cps, 8192), nl, i, at = 0;
	char **lines;
	int nr, *pos = libthai_breaks(brk, cps, n, &nr);

	nl = layout_wrap(l, FACE_REGULAR, 16, width, 0, text, &lines);
	t->texts++;
	for (i = 0; i < nl; i++) {
		size_t m = thai_utf8_to_cps(lines[i], line, 8192), k;

		t->lines++;
		while (at < n && cps[at] == ' ')
			at++;
		if (i > 0 && m) {
			/* a break: the line starts at `at` */
			t->breaks++;
			if (has(pos, nr, at))
				t->at_word++;
			else if (cps[at - 1] == ' ')
				t->at_space++;
			else if (word_wider(l, cps, n, pos, nr, at, width))
				t->in_long_word++;
			else {
				t->bad_break++;
				fprintf(stderr, "break not at a boundary, width %.0f: '%s' | '%s'\n",
					width, lines[i - 1], lines[i]);
			}
		}
		if (m && thai_is_mark(line[0]))
			t->mark_starts++;
		for (k = 0; k < m; k++, at++)
			if (at >= n || cps[at] != line[k]) {
				t->not_text++;
				break;
			}
		if (layout_text_width(l, FACE_REGULAR, 16, lines[i]) > width + 0.01f) {
			size_t c = 1;

			while (c < m && thai_is_mark(line[c]))
				c++;
			if (c < m)
				t->too_wide++;
		}
	}
	while (at < n && (cps[at] == ' ' || cps[at] == '\n'))
		at++;
	if (at != n)
		t->not_text++;
	layout_free_lines(lines, nl);
	free(pos);
}

/* A break inside a word: the previous line must hold that word alone. */
static void test_long_word(struct layout *l)
{
	const char *word = "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาบุรีรัมย์";
	char **lines;
	size_t n = layout_wrap(l, FACE_REGULAR, 16, 60, 0, word, &lines), i;
	struct strbuf sb;

	strbuf_init(&sb);
	for (i = 0; i < n; i++)
		strbuf_addstr(&sb, lines[i]);
	CHECK(n > 1);
	CHECK_STR(sb.buf, word);
	layout_free_lines(lines, n);
	/* a word that fits is never split: it moves to the next line */
	n = layout_wrap(l, FACE_REGULAR, 16,
			layout_text_width(l, FACE_REGULAR, 16, "ก ปัญหา") - 1, 0, "ก ปัญหา", &lines);
	CHECK(n == 2);
	if (n == 2)
		CHECK_STR(lines[1], "ปัญหา");
	layout_free_lines(lines, n);
	/* a newline always ends a line */
	n = layout_wrap(l, FACE_REGULAR, 16, 400, 0, "บรรทัดแรก\nบรรทัดที่สอง", &lines);
	CHECK(n == 2);
	layout_free_lines(lines, n);
	/* the first line is shorter by the indent */
	n = layout_wrap(l, FACE_REGULAR, 16, 200, 150, "การศึกษาขั้นพื้นฐาน", &lines);
	CHECK(n == 2);
	layout_free_lines(lines, n);
	/* a lone dash stays with the word after it */
	n = layout_wrap(l, FACE_REGULAR, 16, 60, 0, "ตุลาคม - มีนาคม", &lines);
	CHECK(n == 2);
	if (n == 2)
		CHECK_STR(lines[1], "- มีนาคม");
	layout_free_lines(lines, n);
	strbuf_release(&sb);
}

static void test_corpus(struct layout *l)
{
	static const float widths[] = { 60, 140, 260, 480 };
	ThBrk *brk = th_brk_new(NULL);
	FILE *f = fopen(CORPORA "wordseg-wisesight/wisesight-160-samples-tokenised.txt", "r");
	struct tally t;
	char text[8192];
	size_t w;

	memset(&t, 0, sizeof(t));
	CHECK(brk && f);
	while (brk && f && fgets(text, sizeof(text), f)) {
		text[strcspn(text, "\n")] = '\0';
		for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
			wrap_one(l, brk, text, widths[w], &t);
	}
	if (f)
		fclose(f);
	printf("%zu wraps, %zu lines, %zu breaks: %zu at libthai word boundaries, "
	       "%zu at spaces, %zu inside over-long words\n", t.texts, t.lines, t.breaks,
	       t.at_word, t.at_space, t.in_long_word);
	CHECK(t.texts == 640);
	CHECK(t.breaks > 1000);
	CHECK(t.bad_break == 0);
	CHECK(t.mark_starts == 0);
	CHECK(t.too_wide == 0);
	CHECK(t.not_text == 0);
	CHECK(t.at_word + t.at_space > 10 * t.in_long_word);
	if (brk)
		th_brk_delete(brk);
}

/*
 * 2026-12-02: a count of 10,000 or more in a narrow column was broken
 * inside its cell ("๑๘,๓๗" above "๑"), and so was a code.  A figure or a
 * code keeps to one line: its row is as tall as a row of one line.
 */
static void test_table_figures(struct layout *l)
{
	static const struct layout_column narrow[] = {
		{ "ผล", 22, ALIGN_RIGHT, 0 }, { "ตัวชี้วัด", 200, ALIGN_LEFT, 0 },
	};
	static const struct layout_column wide[] = {
		{ "ผล", 90, ALIGN_RIGHT, 0 }, { "ตัวชี้วัด", 132, ALIGN_LEFT, 0 },
	};
	static const struct layout_column codes[] = {
		{ "รหัส", 24, ALIGN_LEFT, LAYOUT_CODES }, { "ตัวชี้วัด", 200, ALIGN_LEFT, 0 },
	};
	static const struct layout_column alone[] = { { "ผล", 22, ALIGN_RIGHT, 0 } };
	char *row[] = { "18,371", "จำนวนนักเรียน" };
	char *code_row[] = { "M-STUD", "จำนวนนักเรียน" };
	char *one[] = { "18,371,000" };
	float h_narrow, h_wide;
	int digits;

	for (digits = 0; digits <= 1; digits++) {
		l->thai_digits = digits;
		h_narrow = layout_table_height(l, narrow, 2, row, 1, 12);
		h_wide = layout_table_height(l, wide, 2, row, 1, 12);
		CHECK(fabsf(h_narrow - h_wide) < 0.01f);
		CHECK(fabsf(layout_table_height(l, codes, 2, code_row, 1, 12) - h_wide) < 0.01f);
		/* no room to take from: the type gets smaller, the figure stays whole */
		CHECK(layout_table_height(l, alone, 1, one, 1, 12) <= h_wide + 0.01f);
	}
	l->thai_digits = 0;
}

/*
 * 2026-12-02: the validation report cut file names and codes inside a word
 * ("1052020008-r12-fix.cs" above "v", "(GOODPR" above "AC)").  In a column
 * of codes a file name widens the column as a figure does; Thai text in
 * the same column still wraps between its words.
 */
static void test_table_whole_words(struct layout *l)
{
	static const struct layout_column codes[] = {
		{ "ไฟล์", 24, ALIGN_LEFT, LAYOUT_CODES }, { "รายละเอียด", 200, ALIGN_LEFT, 0 },
	};
	static const struct layout_column one_line[] = {
		{ "ไฟล์", 300, ALIGN_LEFT, LAYOUT_CODES }, { "รายละเอียด", 200, ALIGN_LEFT, 0 },
	};
	static const struct layout_column severity[] = {
		{ "รหัสปัญหา", 60, ALIGN_LEFT, LAYOUT_CODES }, { "รายละเอียด", 200, ALIGN_LEFT, 0 },
	};
	char *file_row[] = { "1040210008-r12-fix.csv", "ส่งหลังกำหนด" };
	char *column_row[] = { "K (GOODPRAC)", "ส่งหลังกำหนด" };
	char *thai_row[] = { "E-TYPE (ข้อผิดพลาดของข้อมูลที่ต้องแก้ไขก่อนส่งใหม่)", "ส่งหลังกำหนด" };
	float h1 = layout_table_height(l, one_line, 2, file_row, 1, 12);

	/* one line, the type smaller if the room taken from the text is not enough */
	CHECK(layout_table_height(l, codes, 2, file_row, 1, 12) <= h1 + 0.01f);
	CHECK(layout_table_height(l, codes, 2, column_row, 1, 12) <= 2 * h1);
	/* a path breaks after its '/': two lines at the same size, not a column
	   widened (or type shrunk) for the whole path */
	{
		static const struct layout_column path_cols[] = {
			{ "ไฟล์", 140, ALIGN_LEFT, LAYOUT_CODES }, { "แถว", 60, ALIGN_LEFT, 0 },
		};
		static const struct layout_column plain[] = {
			{ "ไฟล์", 140, ALIGN_LEFT, 0 }, { "แถว", 60, ALIGN_LEFT, 0 },
		};
		char *path_row[] = { "submissions/2568/12m/1040210008-r12-fix.csv", "2" };
		char *two_lines[] = { "submissions/2568/12m/\n1040210008-r12-fix.csv", "2" };

		CHECK(fabsf(layout_table_height(l, path_cols, 2, path_row, 1, 12) -
			    layout_table_height(l, plain, 2, two_lines, 1, 12)) < 0.01f);
	}
	/* the Thai words wrap: the column is not widened to the whole phrase */
	CHECK(layout_table_height(l, severity, 2, thai_row, 1, 12) > h1 + 1);
}

/*
 * Photos drawn from memory (as the practices part draws them from the
 * database): a JPEG and a PNG go in; bytes libharu cannot read are this
 * call's error, and the document is still saved whole.
 */
static void test_image_memory(struct layout *l)
{
	static const char *files[] = { "input/practices/2567/safe-school/01-sports.jpg",
				       "input/practices/2567/safe-school/02-garden.png" };
	struct tt_error err;
	char *data, path[] = "/tmp/test-layout-XXXXXX";
	size_t len, i;
	int fd;

	layout_new_page(l, 0);
	for (i = 0; i < 2; i++) {
		tt_error_clear(&err);
		CHECK(tt_read_file_max(files[i], 1 << 20, "photo", &data, &len, &err) == 0);
		if (err.code)
			continue;
		CHECK(layout_image_memory(l, data, len, i == 0, 57, 57, 200, 150, &err) == 0);
		/* a PNG given as a JPEG, and bytes that are no image */
		CHECK(layout_image_memory(l, data, len, i != 0, 57, 300, 200, 150, &err) ==
		      TT_EINVAL);
		CHECK(layout_image_memory(l, "no image", 8, i == 0, 57, 300, 200, 150, &err) ==
		      TT_EINVAL);
		free(data);
	}
	fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	tt_error_clear(&err);
	CHECK(layout_save(l, path, &err) == 0);
	unlink(path);
}

/* How many times `what` occurs in the file at path. */
static size_t count_in_file(const char *path, const char *what)
{
	char *buf = NULL, *p;
	size_t len = 0, n = 0;
	struct tt_error err;

	tt_error_clear(&err);
	if (tt_read_file_max(path, 1u << 24, "pdf", &buf, &len, &err))
		return 0;
	for (p = buf; p + strlen(what) <= buf + len; p++)
		n += !memcmp(p, what, strlen(what));
	free(buf);
	return n;
}

/*
 * A paragraph `text` set in a column `width` wide, justified or not, in a
 * document of its own written uncompressed; how many strings are drawn
 * besides the page number (a justified line is drawn a piece per gap) and
 * how many lines are
 * marked with their text (a justified line is).
 */
static void set_one(const char *text, float width, enum layout_align align, size_t *shows,
		    size_t *actual)
{
	struct layout l;
	struct tt_error err;
	struct layout_style st;
	char path[] = "/tmp/test-layout-XXXXXX";
	int fd = mkstemp(path);

	tt_error_clear(&err);
	*shows = *actual = 0;
	if (fd < 0 || layout_open(&l, NULL, &err))
		return;
	close(fd);
	HPDF_SetCompressionMode(l.pdf, HPDF_COMP_NONE);
	memset(&st, 0, sizeof(st));
	st.size = 16;
	st.align = align;
	layout_new_page(&l, 0);
	layout_set_column(&l, 0, width);
	layout_para(&l, &st, text);
	CHECK(layout_save(&l, path, &err) == 0);
	*shows = count_in_file(path, " Tj") - 1; /* the page number */
	*actual = count_in_file(path, "/ActualText");
	layout_close(&l);
	unlink(path);
}

/*
 * Thai justification: the room left on a line goes to the spaces the text
 * has, never between the letters of words without one; a line with no
 * space and the paragraph's last line stay at the left.
 */
static void test_justify(struct layout *l)
{
	const char *words = "ทดสอบ ทดสอบ ทดสอบ ทดสอบ";
	float w3 = layout_text_width(l, FACE_REGULAR, 16, "ทดสอบ ทดสอบ ทดสอบ");
	size_t shows, actual;

	/* three words on the first line (two gaps: three pieces), one on the last */
	set_one(words, w3 + 6, ALIGN_JUSTIFY, &shows, &actual);
	CHECK(shows == 4);
	CHECK(actual == 1);
	set_one(words, w3 + 6, ALIGN_LEFT, &shows, &actual);
	CHECK(shows == 2);
	CHECK(actual == 0);
	/* no space on the line: nothing to spread, one piece a line */
	set_one("ทดสอบทดสอบทดสอบทดสอบ", w3 + 6, ALIGN_JUSTIFY, &shows, &actual);
	CHECK(shows == 2);
	CHECK(actual == 0);
	/* one line only: it is the last, set at the left */
	set_one(words, 500, ALIGN_JUSTIFY, &shows, &actual);
	CHECK(shows == 1);
}

/* The binding margin: text from margin_left, to margin_right from the edge. */
static void test_margins(struct layout *l)
{
	l->margin_left = 85.04f;
	l->margin_right = 56.69f;
	layout_new_page(l, 0);
	CHECK(fabsf(layout_left(l) - 85.04f) < 0.01f);
	CHECK(fabsf(layout_text_area(l) - (l->width - 85.04f - 56.69f)) < 0.01f);
	l->margin_left = l->margin_right = 0;
	CHECK(fabsf(layout_left(l) - l->margin) < 0.01f);
}

/*
 * Tables: columns balanced from the content (a name on one line when a
 * column of figures has room to give), padding, and no table started in
 * the last lines of a page.
 */
static void test_table_balance(struct layout *l)
{
	static const struct layout_column cols[] = {
		{ "โรงเรียน", 110, ALIGN_LEFT, 0 }, { "นักเรียน", 200, ALIGN_RIGHT, 0 },
	};
	char *name_row[] = { "โรงเรียนบ้านหนองตาดวิทยาคม", "1,234" };
	char *short_row[] = { "ก", "1,234" };
	char *rows[] = { "ก", "1", "ข", "2", "ค", "3" };
	float one = layout_table_height(l, cols, 2, short_row, 1, 14), row;
	int page;

	/* the name on one line: the figures' column gave it room */
	CHECK(fabsf(layout_table_height(l, cols, 2, name_row, 1, 14) - one) < 0.01f);
	/* a row: a line and 3 points or more above and below */
	row = layout_table_height(l, cols, 2, rows, 2, 14) -
	      layout_table_height(l, cols, 2, rows, 1, 14);
	CHECK(row >= 14 * LAYOUT_LINE_HEIGHT + 6 - 0.01f);
	/* room for the header and one row, not three: the table starts a new page */
	layout_new_page(l, 0);
	l->y = l->height - l->margin - one - 2;
	page = l->page_no;
	layout_table(l, cols, 2, rows, 3, 14);
	CHECK(l->page_no == page + 1);
	/* a one-row table at the page's foot moves too, its caption with it */
	l->y = l->height - l->margin - one;
	page = l->page_no;
	layout_caption_table(l, "ทดสอบ");
	layout_table(l, cols, 2, short_row, 1, 14);
	CHECK(l->page_no == page + 1);
	CHECK(l->nr_captions == 1 && l->captions[0].page == page + 1 &&
	      l->captions[0].number == 1 && !l->captions[0].figure);
	/* where it fits, it stays */
	page = l->page_no;
	layout_table(l, cols, 2, rows, 3, 14);
	CHECK(l->page_no == page);
}

/*
 * A document set in the faces given, in that order, saved to path; while
 * another layout is open when hold, so that it gets a libharu document of
 * its own.  Its bytes (the caller's), NULL if it could not be made.
 */
static char *faces_doc(const int *faces, size_t nr, int hold, size_t *len)
{
	struct layout l, other;
	struct tt_error err;
	char path[] = "/tmp/test-layout-XXXXXX";
	char *bytes = NULL;
	int fd = mkstemp(path);
	size_t i;

	tt_error_clear(&err);
	*len = 0;
	if (fd < 0)
		return NULL;
	close(fd);
	if (hold && layout_open(&other, NULL, &err))
		return NULL;
	if (!layout_open(&l, NULL, &err)) {
		layout_set_info(&l, "ทดสอบ", "tidtam", 2024, 10, 1);
		layout_new_page(&l, 0);
		for (i = 0; i < nr; i++)
			layout_paragraph(&l, faces[i], 16, ALIGN_LEFT,
					 "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา ร้อยละ ๘๗.๕๐ ผู้อำนวยการ");
		if (!layout_save(&l, path, &err) && tt_read_file(path, &bytes, len, &err))
			bytes = NULL;
		layout_close(&l);
	}
	if (hold)
		layout_close(&other);
	unlink(path);
	return bytes;
}

/*
 * The documents made one after another in the process's shared libharu
 * document are byte for byte those made each in a document of its own
 * (libharu's own subset tags and cmap lookups, nothing kept from one to
 * the next), whatever faces the ones before used and in whatever order.
 */
static void test_shared_document(void)
{
	static const int orders[][4] = {
		{ FACE_REGULAR, FACE_BOLD, -1 },
		{ FACE_ITALIC, FACE_REGULAR, -1 },
		{ FACE_BOLD_ITALIC, FACE_BOLD, FACE_ITALIC, -1 },
		{ FACE_BOLD_ITALIC, -1 },
		{ FACE_REGULAR, FACE_BOLD, -1 },
	};
	size_t i, n, shared_len, own_len;

	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
		char *shared, *own;

		for (n = 0; orders[i][n] >= 0; n++)
			;
		shared = faces_doc(orders[i], n, 0, &shared_len);
		own = faces_doc(orders[i], n, 1, &own_len);
		CHECK(shared && own);
		CHECK(shared && own && shared_len == own_len && !memcmp(shared, own, own_len));
		free(shared);
		free(own);
	}
}

/*
 * The bytes (the caller's) of a document opened, filled by fill(l, arg)
 * and saved; NULL if it could not be made.
 */
static char *saved_doc(void (*fill)(struct layout *, const void *), const void *arg,
		       size_t *len)
{
	struct layout l;
	struct tt_error err;
	char path[] = "/tmp/test-layout-XXXXXX";
	char *bytes = NULL;
	int fd = mkstemp(path);

	tt_error_clear(&err);
	*len = 0;
	if (fd < 0)
		return NULL;
	close(fd);
	if (!layout_open(&l, NULL, &err)) {
		fill(&l, arg);
		if (!layout_save(&l, path, &err) && tt_read_file(path, &bytes, len, &err))
			bytes = NULL;
		layout_close(&l);
	}
	unlink(path);
	return bytes;
}

/* A text measured, not drawn. */
static void fill_measured(struct layout *l, const void *measured)
{
	layout_new_page(l, 0);
	layout_paragraph(l, FACE_REGULAR, 16, ALIGN_LEFT, "ทดสอบ");
	CHECK(layout_text_width(l, FACE_REGULAR, 16, measured) > 0);
}

static char *measured_doc(const char *measured, size_t *len)
{
	return saved_doc(fill_measured, measured, len);
}

/* 1 if no line of text wrapped at width starts inside `word`, which it holds once. */
static int kept_whole(struct layout *l, const char *text, const char *word, float width)
{
	char **lines;
	size_t n = layout_wrap(l, FACE_REGULAR, 16, width, 0, text, &lines), i;
	int whole = 0;

	for (i = 0; i < n; i++)
		whole |= strstr(lines[i], word) != NULL;
	layout_free_lines(lines, n);
	return whole;
}

/*
 * Texts are prepared once for the process and taken again by later
 * documents: what a document measures still goes into its subset of the
 * face (libharu embeds a glyph once measured), so a document measuring a
 * text an earlier one prepared is byte for byte the first; and a text
 * broken by a layout that keeps a name is not the one a layout without
 * it gets.
 */
static void test_texts_kept(void)
{
	/* letters the paragraph drawn does not have */
	const char *rare = "ฃฅฆฌฎฏฐฑฒ QZX";
	const char *text = "รายงานของโรงเรียนบ้านหนองตาดวิทยาคมประจำปี";
	const char *name = "บ้านหนองตาดวิทยาคม";
	struct layout keep, plain;
	struct tt_error err;
	size_t first_len, again_len;
	char *first = measured_doc(rare, &first_len), *again = measured_doc(rare, &again_len);
	float width;

	CHECK(first && again && first_len == again_len && !memcmp(first, again, first_len));
	free(first);
	free(again);

	tt_error_clear(&err);
	CHECK(!layout_open(&keep, NULL, &err));
	CHECK(!layout_open(&plain, NULL, &err));
	/* narrower than the text, wider than the name */
	width = layout_text_width(&plain, FACE_REGULAR, 16, name) + 16;
	CHECK(width < layout_text_width(&plain, FACE_REGULAR, 16, text));
	/* the name whole only where it is kept, whichever broke the text first */
	CHECK(!kept_whole(&plain, text, name, width));
	thai_breaker_keep(keep.breaker, name);
	CHECK(kept_whole(&keep, text, name, width));
	CHECK(!kept_whole(&plain, text, name, width));
	layout_close(&plain);
	layout_close(&keep);
}

/*
 * A table of two columns drawn, the table's other columns (codes, a
 * verbatim column with letters, marks) measured, taken in by
 * layout_table_glyphs() or neither (*mode 0, 1, 2).
 */
static void fill_table(struct layout *l, const void *mode)
{
	static const struct layout_column all[] = {
		{ "รหัสฃฅ", 60, ALIGN_LEFT, LAYOUT_CODES },
		{ "ชื่อ", 120, ALIGN_LEFT, 0 },
		{ "ไฟล์ ฌฎ", 90, ALIGN_LEFT, LAYOUT_VERBATIM },
		{ "สถานะ", 80, ALIGN_LEFT, LAYOUT_MARKS },
		{ "ผล", 50, ALIGN_RIGHT, 0 },
	};
	static const struct layout_column drawn[] = {
		{ "ชื่อ", 120, ALIGN_LEFT, 0 }, { "ผล", 50, ALIGN_RIGHT, 0 },
	};
	char *cells[] = {
		"QZX-987", "โรงเรียนบ้านหนองตาด", "ฐานข้อมูล 2567 ฑฒ", "1ผ่านเกณฑ์", "12.5",
		"XQ-1", "โรงเรียนวัดป่า", "ไฟล์ที่ 3", "2ยังไม่ผ่าน", "7",
	};
	char *shown[] = { "โรงเรียนบ้านหนองตาด", "12.5", "โรงเรียนวัดป่า", "7" };

	l->thai_digits = 1;
	layout_new_page(l, 0);
	if (*(const int *)mode == 0)
		CHECK(layout_table_height(l, all, 5, cells, 2, 12) > 0);
	else if (*(const int *)mode == 1)
		layout_table_glyphs(l, all, 5, cells, 2);
	layout_table(l, drawn, 2, shown, 2, 12);
}

/*
 * layout_table_glyphs() takes into a document what measuring the table
 * would (the document is byte for byte the one that measured it, and not
 * the one that did neither); layout_table_taller() never says taller of a
 * table layout_table_height() finds no taller than the room.
 */
static void test_table_glyphs(void)
{
	static const struct layout_column cols[] = {
		{ "ตัวชี้วัด", 200, ALIGN_LEFT, 0 }, { "ผล", 40, ALIGN_RIGHT, 0 },
	};
	static const struct layout_column narrow[] = {
		{ "ตัวชี้วัด", 60, ALIGN_LEFT, 0 }, { "ผล", 12, ALIGN_RIGHT, 0 },
	};
	char *rows[2 * 40];
	size_t measured_len, taken_len, neither_len, n;
	static const int modes[] = { 0, 1, 2 };
	char *measured = saved_doc(fill_table, &modes[0], &measured_len);
	char *taken = saved_doc(fill_table, &modes[1], &taken_len);
	char *neither = saved_doc(fill_table, &modes[2], &neither_len);
	struct layout l;
	struct tt_error err;
	float size;
	int said = 0;

	CHECK(measured && taken && measured_len == taken_len &&
	      !memcmp(measured, taken, measured_len));
	CHECK(measured && neither &&
	      (measured_len != neither_len || memcmp(measured, neither, measured_len)));
	free(measured);
	free(taken);
	free(neither);

	for (n = 0; n < 40; n++) {
		rows[2 * n] = n % 3 ? "ร้อยละของนักเรียนที่มีผลสัมฤทธิ์ทางการเรียนผ่านเกณฑ์" : "";
		rows[2 * n + 1] = n % 2 ? "1,234,567.89" : "5";
	}
	tt_error_clear(&err);
	CHECK(!layout_open(&l, NULL, &err));
	for (n = 1; n <= 40; n += 3)
		for (size = 6; size <= 16; size += 2.5f) {
			float h = layout_table_height(&l, cols, 2, rows, n, size);
			/* the narrow columns' figures make the fitting take the type down */
			float hn = layout_table_height(&l, narrow, 2, rows, n, size);

			CHECK(!layout_table_taller(2, n, size, h));
			CHECK(!layout_table_taller(2, n, size, hn));
			said += layout_table_taller(2, n, size, h / 3);
		}
	CHECK(said > 0);
	CHECK(layout_table_taller(2, 40, 12, 100));
	CHECK(!layout_table_taller(0, 40, 12, 100));
	layout_close(&l);
}

int main(void)
{
	struct layout l;
	struct tt_error err;

	/* first: the layout below is held open through the other tests */
	test_shared_document();
	test_texts_kept();
	test_table_glyphs();
	tt_error_clear(&err);
	CHECK(layout_open(&l, NULL, &err) == 0);
	if (err.code) {
		fprintf(stderr, "%s\n", err.message);
		return test_report("test-layout");
	}
	test_long_word(&l);
	test_table_figures(&l);
	test_table_whole_words(&l);
	test_justify(&l);
	test_margins(&l);
	test_table_balance(&l);
	test_corpus(&l);
	test_image_memory(&l);
	layout_close(&l);
	return test_report("test-layout");
}
