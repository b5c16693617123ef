/*
 * thai.c - Thai word boundaries and glyph choice (libthai), digits and
 * number formatting.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <thai/thbrk.h>
#include <thai/thcell.h>
#include <thai/thrend.h>
#include <thai/tis.h>
#include <thai/thwbrk.h>
#include <thai/thwchar.h>

#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* A keep-together word as code points. */
struct keep_word {
	unsigned *cps;
	size_t n;
};

struct thai_breaker {
	ThBrk *brk;
	struct keep_word *keep;      /* thai_keep_words, then those added */
	size_t nr_keep, alloc_keep;
	size_t nr_builtin;           /* of them, thai_keep_words' */
	unsigned long long signature; /* of keep[], in order: thai_breaker_signature() */
};

/*
 * Words a line never breaks inside unless one alone is wider than the
 * line: compounds and titles of an education office's documents that read
 * wrongly when cut (ประจำปี|งบประมาณ, สถาน|ศึกษา, the director's title cut
 * inside การศึกษา), and the unit and counting words a number is read with.
 * A report adds its own names (the office, its units) with
 * thai_breaker_keep().  Longer words first where one holds another.
 */
const char *const thai_keep_words[] = {
	"สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
	"สำนักงานเขตพื้นที่การศึกษา",
	"ประจำปีงบประมาณ",
	"ปีงบประมาณ",
	"งบประมาณ",
	"กระทรวงศึกษาธิการ",
	"ผู้อำนวยการ",
	"สถานศึกษา",
	"การศึกษา",
	"ประถมศึกษา",
	"มัธยมศึกษา",
	"เครือข่าย",
	"หน่วยงาน",
	"ตัวชี้วัด",
	"ดำเนินงาน",
	"เป้าหมาย",
	"หน่วยนับ",
	"ร้อยละ",
	"นักเรียน",
	"โรงเรียน",
	NULL
};

/*
 * Words that stay with the number after them: "ร้อยละ ๖๒.๕๐", "ครั้งที่ ๒"
 * (every word ending in ที่), "พ.ศ. ๒๕๖๗", a month and its year.  A number
 * always stays with the word after it ("๗ เครือข่าย", "๒๐ พฤศจิกายน").
 */
static const char *const before_number[] = {
	"ร้อยละ", "ที่", "ข้อ", "พ.ศ.", "ค.ศ.", "ปี", "รอบ", "ไตรมาส", "หน้า", "เขต",
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
	"สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
	"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
	"พ.ย.", "ธ.ค.", NULL
};

/*
 * libthai's dictionary, loaded once for the process: reading it takes
 * more than laying out a receipt, and a process makes hundreds of them.
 * It is only read from once loaded.
 */
static ThBrk *shared_brk;

static void free_shared_brk(void)
{
	th_brk_delete(shared_brk);
	shared_brk = NULL;
}

struct thai_breaker *thai_breaker_new(void)
{
	struct thai_breaker *tb;
	size_t i;

	if (!shared_brk) {
		if (!(shared_brk = th_brk_new(NULL)))
			return NULL;
		atexit(free_shared_brk);
	}
	tb = xcalloc(1, sizeof(*tb));
	tb->brk = shared_brk;
	tb->signature = 1469598103934665603ull; /* FNV-1a, 64 bits */
	for (i = 0; thai_keep_words[i]; i++)
		thai_breaker_keep(tb, thai_keep_words[i]);
	tb->nr_builtin = tb->nr_keep;
	return tb;
}

void thai_breaker_keep(struct thai_breaker *tb, const char *word)
{
	size_t len = strlen(word), i;
	struct keep_word *k;

	if (!tb || len < 2)
		return;
	xgrow(&tb->keep, &tb->alloc_keep, tb->nr_keep + 1, sizeof(*tb->keep));
	k = &tb->keep[tb->nr_keep];
	k->cps = xmalloc((len + 1) * sizeof(*k->cps));
	k->n = thai_utf8_to_cps(word, k->cps, len + 1);
	/* a name already kept is not kept twice */
	for (i = 0; i < tb->nr_keep; i++)
		if (tb->keep[i].n == k->n && !memcmp(tb->keep[i].cps, k->cps, k->n * sizeof(*k->cps))) {
			free(k->cps);
			return;
		}
	tb->nr_keep++;
	/* the words' code points, each word ended by 0 (never a code point of one) */
	for (i = 0; i <= k->n; i++) {
		tb->signature ^= i < k->n ? k->cps[i] : 0;
		tb->signature *= 1099511628211ull;
	}
}

unsigned long long thai_breaker_signature(const struct thai_breaker *tb)
{
	return tb ? tb->signature : 0;
}

void thai_breaker_free(struct thai_breaker *tb)
{
	size_t i;

	if (!tb)
		return;
	for (i = 0; i < tb->nr_keep; i++)
		free(tb->keep[i].cps);
	free(tb->keep);
	free(tb);
}

size_t thai_utf8_decode(const char *str, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
		      ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

size_t thai_utf8_to_cps(const char *s, unsigned *cps, size_t max)
{
	size_t n = 0;

	while (*s && n < max)
		s += thai_utf8_decode(s, &cps[n++]);
	return n;
}

int thai_is_mark(unsigned cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
	       (cp >= 0x0E47 && cp <= 0x0E4E);
}

static int is_dash(unsigned cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014;
}

/*
 * The candidates of texts already broken, remembered for the process: a
 * report breaks the same strings again and again (a paragraph measured,
 * then drawn; a table's cells as its columns are balanced; every card's
 * labels), and libthai's dictionary walk is most of what setting a page
 * costs.  They depend on the code points alone (the dictionary is the
 * process's, tb's kept words play no part), so a text met again gets what
 * it got the first time.  Open addressing over MEMO_SLOTS slots; when
 * half are used, it starts again empty.
 */
#define MEMO_SLOTS 8192u
#define MEMO_TEXT_MAX 4096  /* longer texts are not remembered */

struct memo_entry {
	unsigned *cps;              /* NULL: a free slot */
	size_t n;
	size_t *at, nr;
};

static struct memo_entry *memo;
static size_t memo_used;

static void memo_clear(void)
{
	size_t i;

	for (i = 0; memo && i < MEMO_SLOTS; i++) {
		free(memo[i].cps);
		free(memo[i].at);
	}
	free(memo);
	memo = NULL;
	memo_used = 0;
}

/* The slot of cps[0, n): the one holding it, or the free one it would take. */
static struct memo_entry *memo_slot(const unsigned *cps, size_t n)
{
	unsigned long long h = 1469598103934665603ull; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= cps[i];
		h *= 1099511628211ull;
	}
	for (i = (size_t)(h % MEMO_SLOTS);; i = (i + 1) % MEMO_SLOTS)
		if (!memo[i].cps ||
		    (memo[i].n == n && !memcmp(memo[i].cps, cps, n * sizeof(*cps))))
			return &memo[i];
}

static size_t break_candidates(struct thai_breaker *tb, const unsigned *cps, size_t n,
			       size_t **at);

size_t thai_break_candidates(struct thai_breaker *tb, const unsigned *cps, size_t n,
			     size_t **at)
{
	struct memo_entry *e;
	size_t nr;

	if (!tb || !n || n > MEMO_TEXT_MAX)
		return break_candidates(tb, cps, n, at);
	if (!memo) {
		static int registered;

		memo = xcalloc(MEMO_SLOTS, sizeof(*memo));
		if (!registered)
			atexit(memo_clear);
		registered = 1;
	}
	e = memo_slot(cps, n);
	if (!e->cps) {
		if (memo_used >= MEMO_SLOTS / 2) {
			memo_clear();
			return thai_break_candidates(tb, cps, n, at);
		}
		e->nr = break_candidates(tb, cps, n, &e->at);
		e->cps = xmalloc(n * sizeof(*cps));
		memcpy(e->cps, cps, n * sizeof(*cps));
		e->n = n;
		memo_used++;
	}
	nr = e->nr;
	*at = NULL;
	if (nr) {
		*at = xmalloc(nr * sizeof(**at));
		memcpy(*at, e->at, nr * sizeof(**at));
	}
	return nr;
}

/* thai_break_candidates(), from libthai every time. */
static size_t break_candidates(struct thai_breaker *tb, const unsigned *cps, size_t n,
			       size_t **at)
{
	thwchar_t *wide = xmalloc((n + 1) * sizeof(*wide));
	int *pos = NULL, nr_pos = 0;
	size_t i, k = 0, nr = 0, alloc = 0;

	*at = NULL;
	for (i = 0; i < n; i++)
		wide[i] = (thwchar_t)cps[i];
	wide[n] = 0;
	if (tb && n) {
		pos = xmalloc(n * sizeof(*pos));
		nr_pos = th_brk_wc_find_breaks(tb->brk, wide, pos, n);
		if (nr_pos < 0)
			nr_pos = 0;
	}
	/* libthai's positions, and after a run of spaces */
	for (i = 1; i < n; i++) {
		int at_brk = 0;

		while (k < (size_t)nr_pos && (size_t)pos[k] < i)
			k++;
		if (k < (size_t)nr_pos && (size_t)pos[k] == i)
			at_brk = 1;
		if (cps[i - 1] == ' ' && cps[i] != ' ')
			at_brk = 1;
		if (cps[i] == ' ' || thai_is_mark(cps[i]))
			at_brk = 0;
		/*
		 * Never after a hyphen, nor after a dash standing alone (" - "):
		 * a line ending in one reads as a word cut in two, and readers
		 * join it to the next line when text is copied.
		 */
		if (cps[i - 1] == '-' ||
		    (i >= 2 && cps[i - 1] == ' ' && is_dash(cps[i - 2]) &&
		     (i == 2 || cps[i - 3] == ' ')))
			at_brk = 0;
		if (at_brk) {
			xgrow(at, &alloc, nr + 1, sizeof(**at));
			(*at)[nr++] = i;
		}
	}
	free(pos);
	free(wide);
	return nr;
}

static int is_digit(unsigned cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x0E50 && cp <= 0x0E59);
}

static int is_letter(unsigned cp)
{
	return (cp >= 0x0E01 && cp <= 0x0E4E) || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 'a' && cp <= 'z');
}

/* 1 if cps[0, end) ends with the UTF-8 word w. */
static int ends_with(const unsigned *cps, size_t end, const char *w)
{
	unsigned wc[64];
	size_t n = thai_utf8_to_cps(w, wc, 64);

	return n <= end && !memcmp(cps + end - n, wc, n * sizeof(*wc));
}

/*
 * Mark in no[] the places a line must not start: inside a number's run
 * with the word after it, between a counting word and its number, inside
 * a kept word.
 */
static void keep_marks(const struct thai_breaker *tb, const unsigned *cps, size_t n,
		       unsigned what, char *no)
{
	size_t i, j, k;

	for (i = 0; (what & THAI_KEEP_NUMBERS) && i < n; i = j) {
		size_t e, w;

		if (!is_digit(cps[i]) || (i && is_digit(cps[i - 1]))) {
			j = i + 1;
			continue;
		}
		/* a number: digits with separators and decimals, a sign after */
		for (e = i; e < n && (is_digit(cps[e]) || ((cps[e] == ',' || cps[e] == '.') &&
			     e + 1 < n && is_digit(cps[e + 1]))); e++)
			;
		if (e < n && cps[e] == '%')
			e++;
		for (k = i + 1; k < e; k++)
			no[k] = 1;
		/* ... and the word after it: "๗ เครือข่าย", "๑๒เดือน" */
		for (w = e; w < n && cps[w] == ' '; w++)
			;
		if (w < n && is_letter(cps[w]))
			for (k = e; k <= w; k++)
				no[k] = 1;
		/* ... and the word before it that counts it: "ร้อยละ ๖๒", "พ.ศ. ๒๕๖๗" */
		for (w = i; w > 0 && cps[w - 1] == ' '; w--)
			;
		if (w == i && w > 0 && is_letter(cps[w - 1]))
			no[i] = 1;
		for (k = 0; w < i && w > 0 && before_number[k]; k++)
			if (ends_with(cps, w, before_number[k])) {
				size_t m;

				for (m = w; m <= i; m++)
					no[m] = 1;
				break;
			}
		j = e > i ? e : i + 1;
	}
	/* nor after a dash ending a word ("499.- "), unless nothing else fits */
	for (i = 2; (what & THAI_KEEP_NUMBERS) && i < n; i++)
		if (cps[i - 1] == ' ' && is_dash(cps[i - 2]))
			no[i] = 1;
	for (k = 0; tb && (what & THAI_KEEP_WORDS) &&
		    k < (what & THAI_KEEP_NAMES ? tb->nr_keep : tb->nr_builtin); k++) {
		const struct keep_word *kw = &tb->keep[k];

		for (i = 0; i + kw->n <= n; i++) {
			if (cps[i] != kw->cps[0] || memcmp(cps + i, kw->cps, kw->n * sizeof(*cps)))
				continue;
			for (j = i + 1; j < i + kw->n; j++)
				no[j] = 1;
		}
	}
}

size_t thai_keep_together(const struct thai_breaker *tb, const unsigned *cps, size_t n,
			  size_t *at, size_t nr, unsigned what)
{
	char *no = xcalloc(n + 1, 1);
	size_t i, kept = 0;

	keep_marks(tb, cps, n, what, no);
	for (i = 0; i < nr; i++)
		if (at[i] >= n || !no[at[i]])
			at[kept++] = at[i];
	free(no);
	return kept;
}

size_t thai_break_positions(struct thai_breaker *tb, const unsigned *cps, size_t n,
			    size_t **at)
{
	size_t nr = thai_break_candidates(tb, cps, n, at);

	return thai_keep_together(tb, cps, n, *at, nr, THAI_KEEP_ALL);
}

size_t thai_break_offsets(struct thai_breaker *tb, const char *s, size_t **offsets)
{
	size_t len = strlen(s), n = 0, i, nr;
	unsigned *cps = xmalloc((len + 1) * sizeof(*cps));
	size_t *byte_at = xmalloc((len + 1) * sizeof(*byte_at));

	for (i = 0; i < len;) {
		byte_at[n] = i;
		i += thai_utf8_decode(s + i, &cps[n++]);
	}
	nr = thai_break_positions(tb, cps, n, offsets);
	for (i = 0; i < nr; i++)
		(*offsets)[i] = byte_at[(*offsets)[i]];
	free(cps);
	free(byte_at);
	return nr;
}

void thai_format_number(struct strbuf *sb, double v, int decimals, int thai_digits)
{
	char digits[64], *p;
	size_t int_len, i;
	int neg = v < 0;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* half away from zero, as a reader (and a spreadsheet) rounds */
	snprintf(digits, sizeof(digits), "%.*f", decimals,
		 round(fabs(v) * pow(10, decimals)) / pow(10, decimals));
	if (neg && strspn(digits, "0.") != strlen(digits))
		strbuf_addch(sb, '-');
	p = strchr(digits, '.');
	int_len = p ? (size_t)(p - digits) : strlen(digits);
	for (i = 0; digits[i]; i++) {
		char c = digits[i];

		if (i && i < int_len && (int_len - i) % 3 == 0)
			strbuf_addch(sb, ',');
		if (thai_digits && c >= '0' && c <= '9') {
			/* U+0E50 + digit, in UTF-8: E0 B9 90+d */
			strbuf_addch(sb, (char)0xE0);
			strbuf_addch(sb, (char)0xB9);
			strbuf_addch(sb, (char)(0x90 + (c - '0')));
		} else {
			strbuf_addch(sb, c);
		}
	}
}

/*
 * libthai's "Windows" glyph codes for the shifted and cut forms, and the
 * private-use code points at which fonts made for Windows (Laksaman, TH
 * Sarabun New, Tahoma) keep those glyphs.
 */
static unsigned win_glyph_to_pua(unsigned char g)
{
	static const unsigned short pua[0x20] = {
		0xF700, 0xF701, 0xF702, 0xF703, 0xF704, 0, 0xF705, 0xF706,
		0xF707, 0xF708, 0xF709, 0xF70A, 0xF70B, 0xF70C, 0xF70D, 0xF70E,
		0xF70F, 0, 0, 0, 0, 0, 0, 0,
		0xF710, 0xF711, 0xF712, 0xF713, 0xF714, 0xF715, 0xF716, 0xF717,
	};

	if (g >= 0x80 && g <= 0x9F)
		return pua[g - 0x80];
	if (g >= 0xFC && g <= 0xFE)
		return 0xF718u + (g - 0xFCu);
	return 0;
}

unsigned thai_unshape(unsigned cp)
{
	static const unsigned short base[0x20] = {
		0x0E10, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E48, 0x0E49, 0x0E4A,
		0x0E4B, 0x0E4C, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E0D,
		0x0E31, 0x0E4D, 0x0E47, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,
		0x0E38, 0x0E39, 0x0E3A, 0x0E0E, 0x0E0F, 0x0E2C, 0x0E4D, 0x0E47,
	};

	if (cp >= 0xF700 && cp <= 0xF71F)
		return base[cp - 0xF700];
	return cp;
}

static int is_thai(unsigned cp)
{
	return cp >= 0x0E01 && cp <= 0x0E5B;
}

/* The form libthai chose (a Windows glyph code) as a code point. */
static unsigned form_of(unsigned char g, unsigned cp)
{
	unsigned pua = win_glyph_to_pua(g);

	if (pua)
		return pua;
	return g >= 0xA1 ? (unsigned)th_tis2uni(g) : cp;
}

/*
 * One cell (a base and its marks) at cps[0, n): libthai picks the forms as
 * Windows renders the cell with SARA AM decomposed; each character of the
 * cell is then replaced by its form where it stands, so the drawn string
 * stays one code point per character, in the writer's order.  With SARA AM
 * the tone keeps the form it has above NIKHAHIT and AM itself is drawn whole.
 */
static void shape_cell(unsigned *cps, const thchar_t *tis, size_t n,
		       const struct thcell_t *cell)
{
	thglyph_t res[8];
	int done_base = 0, done_hilo = 0, done_top = 0;
	size_t i, top_at;

	memset(res, 0, sizeof(res));
	th_render_cell_win(*cell, res, sizeof(res) - 1, 1);
	top_at = cell->hilo ? 2 : 1;
	for (i = 0; i < n; i++) {
		thchar_t c = tis[i];

		if (cell->base && c == cell->base && !done_base) {
			cps[i] = form_of(res[0], cps[i]);
			done_base = 1;
		} else if (cell->hilo && c == cell->hilo && !done_hilo) {
			if (c != TIS_SARA_AM)
				cps[i] = form_of(res[1], cps[i]);
			done_hilo = 1;
		} else if (cell->top && c == cell->top && !done_top) {
			cps[i] = form_of(res[top_at], cps[i]);
			done_top = 1;
		}
	}
}

void thai_shape(unsigned *cps, size_t n)
{
	thchar_t *tis = xmalloc(n + 1);
	size_t i = 0;

	while (i < n) {
		size_t j = i, k;

		if (!is_thai(cps[i])) {
			i++;
			continue;
		}
		while (j < n && is_thai(cps[j])) {
			tis[j] = th_uni2tis((thwchar_t)cps[j]);
			j++;
		}
		for (k = i; k < j;) {
			struct thcell_t cell;
			size_t len = th_next_cell(tis + k, j - k, &cell, 1);

			if (!len)
				len = 1;
			shape_cell(cps + k, tis + k, len, &cell);
			k += len;
		}
		i = j;
	}
	free(tis);
}

size_t thai_utf8_put(char out[4], unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void thai_utf8_encode(struct strbuf *sb, unsigned cp)
{
	char utf8[4];

	strbuf_add(sb, utf8, thai_utf8_put(utf8, cp));
}

static int is_latin_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

/* Characters that hold a Latin token together: "QUAL01", "3101-N01", "a/b.csv". */
static int in_token(char c)
{
	return is_latin_letter(c) || (c >= '0' && c <= '9') || (c && strchr("-./\\:@#", c));
}

void thai_digits(struct strbuf *sb, const char *s)
{
	size_t i = 0, len = strlen(s);

	while (i < len) {
		size_t from = i, to = i, k;
		int latin = 0;

		if (s[i] < '0' || s[i] > '9') {
			strbuf_addch(sb, s[i++]);
			continue;
		}
		/* digits in a token with Latin letters (a code, a file name) stay */
		while (from > 0 && in_token(s[from - 1]))
			from--;
		while (to < len && in_token(s[to]))
			to++;
		for (k = from; k < to; k++)
			latin |= is_latin_letter(s[k]);
		/* a path ("a/2567/", "\\2567\\") and a code (six digits or more) stay too */
		{
			size_t slashes = 0, run = 0, longest = 0;

			for (k = from; k < to; k++) {
				slashes += s[k] == '/' || s[k] == '\\';
				run = s[k] >= '0' && s[k] <= '9' ? run + 1 : 0;
				if (run > longest)
					longest = run;
			}
			if (slashes >= 2 || longest >= 6 ||
			    (slashes && (s[from] == '/' || s[from] == '\\' ||
					 s[to - 1] == '/' || s[to - 1] == '\\')))
				latin = 1;
		}
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (latin)
				strbuf_addch(sb, s[i]);
			else
				thai_utf8_encode(sb, 0x0E50u + (unsigned)(s[i] - '0'));
		}
	}
}

void thai_format_percent(struct strbuf *sb, double v, int decimals)
{
	thai_format_number(sb, v, decimals, 0);
	strbuf_addch(sb, '%');
}
