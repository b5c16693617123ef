/*
 * test-thai.c - glyph choice, digits and number formatting, and libthai's
 * word boundaries on real text with human boundaries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "test.h"

#define CORPUS "tests/corpora/thai/wordseg-wisesight/wisesight-160-samples-tokenised"

/* Shape text; the result as "U+XXXX U+XXXX ..." for readable failures. */
static char *shaped(const char *text)
{
	unsigned cps[64];
	size_t n = thai_utf8_to_cps(text, cps, 64), i;
	struct strbuf sb;

	strbuf_init(&sb);
	thai_shape(cps, n);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%sU+%04X", i ? " " : "", cps[i]);
	return strbuf_detach(&sb);
}

#define CHECK_SHAPE(text, want) do { \
	char *got_ = shaped(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_glyph_choice(void)
{
	/* plain clusters keep their glyphs */
	CHECK_SHAPE("กา", "U+0E01 U+0E32");
	CHECK_SHAPE("กิ่", "U+0E01 U+0E34 U+0E48");
	CHECK_SHAPE("ปั้น", "U+0E1B U+F710 U+F714 U+0E19");
	/* a tone with no upper vowel is lowered */
	CHECK_SHAPE("ก่", "U+0E01 U+F70A");
	CHECK_SHAPE("แม่", "U+0E41 U+0E21 U+F70A");
	CHECK_SHAPE("ก้", "U+0E01 U+F70B");
	CHECK_SHAPE("ก๊", "U+0E01 U+F70C");
	CHECK_SHAPE("ก๋", "U+0E01 U+F70D");
	CHECK_SHAPE("ก์", "U+0E01 U+F70E");
	/* over ป ฝ ฟ ฬ, lowered and shifted left */
	CHECK_SHAPE("ป่", "U+0E1B U+F705");
	CHECK_SHAPE("ฝ้", "U+0E1D U+F706");
	CHECK_SHAPE("ฟ๊", "U+0E1F U+F707");
	CHECK_SHAPE("ฬ๋", "U+0E2C U+F708");
	CHECK_SHAPE("ป์", "U+0E1B U+F709");
	/* an upper vowel over ป shifts left, its tone stays high and shifts too */
	CHECK_SHAPE("ปี่", "U+0E1B U+F702 U+F713");
	CHECK_SHAPE("ฟิ", "U+0E1F U+F701");
	CHECK_SHAPE("ฝึ", "U+0E1D U+F703");
	CHECK_SHAPE("ปื้", "U+0E1B U+F704 U+F714");
	CHECK_SHAPE("ป็", "U+0E1B U+F712");
	/* a tone above an upper vowel stays high */
	CHECK_SHAPE("พี่", "U+0E1E U+0E35 U+0E48");
	CHECK_SHAPE("นั้", "U+0E19 U+0E31 U+0E49");
	CHECK_SHAPE("ดื้", "U+0E14 U+0E37 U+0E49");
	/* SARA AM with a tone: the tone stays high, above the nikhahit */
	CHECK_SHAPE("น้ำ", "U+0E19 U+0E49 U+0E33");
	CHECK_SHAPE("ค่ำ", "U+0E04 U+0E48 U+0E33");
	CHECK_SHAPE("ทำ", "U+0E17 U+0E33");
	/* ญ and ฐ lose their tail over a lower vowel */
	CHECK_SHAPE("ญุ", "U+F70F U+0E38");
	CHECK_SHAPE("ฐู", "U+F700 U+0E39");
	CHECK_SHAPE("ญ", "U+0E0D");
	/* lower vowels drop below ฎ ฏ */
	CHECK_SHAPE("ฎุ", "U+0E0E U+F718");
	CHECK_SHAPE("ฏู", "U+0E0F U+F719");
	CHECK_SHAPE("ฎฺ", "U+0E0E U+F71A");
	/* a lower vowel and a tone */
	CHECK_SHAPE("ปู่", "U+0E1B U+0E39 U+F705");
	CHECK_SHAPE("ญู่", "U+F70F U+0E39 U+F70A");
	/* Latin and digits pass through; a tone with no base is drawn low */
	CHECK_SHAPE("A1 ่", "U+0041 U+0031 U+0020 U+F70A");
}

static void test_unshape_round_trip(void)
{
	unsigned cp, back_ok = 1, pua_ok = 1;

	for (cp = 0xF700; cp <= 0xF71F; cp++) {
		unsigned u = thai_unshape(cp);

		if (u < 0x0E01 || u > 0x0E4E)
			back_ok = 0;
	}
	CHECK(back_ok);
	CHECK(thai_unshape(0x0E01) == 0x0E01);
	CHECK(thai_unshape(0xF705) == 0x0E48);
	CHECK(thai_unshape(0xF70F) == 0x0E0D);
	/* every Thai syllable of the corpus shapes and unshapes to itself */
	{
		FILE *f = fopen(CORPUS ".txt", "r");
		char line[4096];
		size_t lines = 0, changed = 0;

		CHECK(f != NULL);
		while (f && fgets(line, sizeof(line), f)) {
			unsigned cps[4096], orig[4096];
			size_t n = thai_utf8_to_cps(line, cps, 4096), i;

			memcpy(orig, cps, n * sizeof(*cps));
			thai_shape(cps, n);
			for (i = 0; i < n; i++) {
				if (cps[i] != orig[i])
					changed++;
				if (thai_unshape(cps[i]) != orig[i])
					pua_ok = 0;
			}
			lines++;
		}
		if (f)
			fclose(f);
		CHECK(lines == 160);
		CHECK(changed > 100);
		CHECK(pua_ok);
	}
}

static char *digits(const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	thai_digits(&sb, s);
	return strbuf_detach(&sb);
}

#define CHECK_DIGITS(in, want) do { \
	char *got_ = digits(in); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_digits(void)
{
	struct strbuf sb;

	CHECK_DIGITS("ปีงบประมาณ พ.ศ. 2567", "ปีงบประมาณ พ.ศ. ๒๕๖๗");
	CHECK_DIGITS("รอบ 6 เดือน", "รอบ ๖ เดือน");
	CHECK_DIGITS("1 ตุลาคม 2566", "๑ ตุลาคม ๒๕๖๖");
	CHECK_DIGITS("12,345.70", "๑๒,๓๔๕.๗๐");
	CHECK_DIGITS("85.5%", "๘๕.๕%");
	CHECK_DIGITS("ป.1-ป.6", "ป.๑-ป.๖");
	CHECK_DIGITS("2566-2570", "๒๕๖๖-๒๕๗๐");
	CHECK_DIGITS("QUAL01 ผลสัมฤทธิ์", "QUAL01 ผลสัมฤทธิ์");
	CHECK_DIGITS("เครือข่าย 3101-N01", "เครือข่าย 3101-N01");
	CHECK_DIGITS("หน้า 3 / 40", "หน้า ๓ / ๔๐");
	CHECK_DIGITS("input/2567/a.csv", "input/2567/a.csv");
	CHECK_DIGITS("", "");
	/* 2026-12-02: digits of paths and codes were printed as Thai digits */
	CHECK_DIGITS("ข้อมูล/2567/รอบ 6 เดือน/โรงเรียน.csv", "ข้อมูล/2567/รอบ ๖ เดือน/โรงเรียน.csv");
	CHECK_DIGITS("ไฟล์\\2567\\ก.csv", "ไฟล์\\2567\\ก.csv");
	CHECK_DIGITS("1031010001 โรงเรียน", "1031010001 โรงเรียน");
	CHECK_DIGITS("รหัส 530001 ส่ง 12,345 คน", "รหัส 530001 ส่ง ๑๒,๓๔๕ คน");
	CHECK_DIGITS("ม.1/2 ปี 2567", "ม.๑/๒ ปี ๒๕๖๗");

	strbuf_init(&sb);
	thai_format_number(&sb, 1234567.891, 2, 0);
	CHECK_STR(sb.buf, "1,234,567.89");
	strbuf_reset(&sb);
	thai_format_number(&sb, -1234.5, 0, 1);
	CHECK_STR(sb.buf, "-๑,๒๓๕");
	strbuf_reset(&sb);
	thai_format_number(&sb, 999.996, 2, 0);
	CHECK_STR(sb.buf, "1,000.00");
	strbuf_reset(&sb);
	thai_format_number(&sb, -0.001, 1, 0);
	CHECK_STR(sb.buf, "0.0");
	strbuf_reset(&sb);
	thai_format_percent(&sb, 85.456, 2);
	CHECK_STR(sb.buf, "85.46%");
	strbuf_release(&sb);
}

/* Byte offsets of the human boundaries in a .label line; text without '|'. */
static size_t gold_breaks(const char *label, char *text, size_t *at)
{
	size_t n = 0, len = 0;

	for (; *label && *label != '\n'; label++) {
		if (*label == '|') {
			if (len)
				at[n++] = len;
			continue;
		}
		text[len++] = *label;
	}
	text[len] = '\0';
	return n;
}

/* libthai's boundaries and spaces (no keep-together rules) as byte offsets. */
static size_t candidate_offsets(struct thai_breaker *tb, const char *text, size_t **out)
{
	size_t len = strlen(text), n = 0, i, nr;
	unsigned *cps = malloc((len + 1) * sizeof(*cps));
	size_t *byte_at = malloc((len + 1) * sizeof(*byte_at));

	for (i = 0; i < len;) {
		byte_at[n] = i;
		i += thai_utf8_decode(text + i, &cps[n++]);
	}
	nr = thai_break_candidates(tb, cps, n, out);
	for (i = 0; i < nr; i++)
		(*out)[i] = byte_at[(*out)[i]];
	free(cps);
	free(byte_at);
	return nr;
}

static void test_word_breaks(void)
{
	struct thai_breaker *tb = thai_breaker_new();
	FILE *f = fopen(CORPUS ".label", "r");
	char label[8192], text[8192];
	size_t tp = 0, fp = 0, fn = 0, mark_starts = 0, lines = 0;
	double p, r, f1;

	CHECK(tb != NULL);
	CHECK(f != NULL);
	while (tb && f && fgets(label, sizeof(label), f)) {
		size_t gold[4096], ng = gold_breaks(label, text, gold), *got, nb, i, j = 0;

		nb = candidate_offsets(tb, text, &got);
		for (i = 0; i < nb; i++) {
			unsigned cp;

			thai_utf8_decode(text + got[i], &cp);
			if (thai_is_mark(cp))
				mark_starts++;
			while (j < ng && gold[j] < got[i])
				j++;
			if (j < ng && gold[j] == got[i])
				tp++;
			else
				fp++;
		}
		fn += ng;
		free(got);
		lines++;
	}
	if (f)
		fclose(f);
	/* fn counted all gold breaks; the true positives are not misses */
	fn -= tp;
	p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("word boundaries on %zu lines: P=%.3f R=%.3f F1=%.3f\n", lines, p, r, f1);
	CHECK(lines == 160);
	CHECK(f1 >= 0.80);
	CHECK(mark_starts == 0);
	thai_breaker_free(tb);
}

/* The text with a '|' at each place a line may start (keep-together rules applied). */
static char *breaks_of(struct thai_breaker *tb, const char *text)
{
	size_t *at, nr = thai_break_offsets(tb, text, &at), i, k = 0;
	struct strbuf sb;

	strbuf_init(&sb);
	for (i = 0; text[i]; i++) {
		if (k < nr && at[k] == i) {
			strbuf_addch(&sb, '|');
			k++;
		}
		strbuf_addch(&sb, text[i]);
	}
	free(at);
	return strbuf_detach(&sb);
}

/* 1 if a line may start at the byte offset of `where` in text. */
static int may_break_before(struct thai_breaker *tb, const char *text, const char *where)
{
	size_t *at, nr = thai_break_offsets(tb, text, &at), i, off;
	const char *p = strstr(text, where);
	int found = 0;

	if (!p)
		return -1;
	off = (size_t)(p - text);
	for (i = 0; i < nr; i++)
		found |= at[i] == off;
	free(at);
	return found;
}

static void test_keep_together(void)
{
	struct thai_breaker *tb = thai_breaker_new();
	char *b;
	size_t i;

	CHECK(tb != NULL);
	if (!tb)
		return;
	/* a number stays with the word after it, with a space between or not */
	CHECK(may_break_before(tb, "สังกัด ๗ เครือข่าย และโรงเรียน", "เครือข่าย") == 0);
	CHECK(may_break_before(tb, "ข้อมูลรอบ ๑๒ เดือน จากโรงเรียน", "เดือน") == 0);
	CHECK(may_break_before(tb, "รวม 1,234.50 บาท", "บาท") == 0);
	CHECK(may_break_before(tb, "ทั้งหมด ๑๓๖ โรง", "โรง") == 0);
	CHECK(may_break_before(tb, "ผล๑๒เดือน", "เดือน") == 0);
	CHECK(may_break_before(tb, "เขต (๑ หน่วยงาน) ส่งแล้ว", "หน่วยงาน") == 0);
	/* never inside a number */
	CHECK(may_break_before(tb, "เบิกจ่าย 12,345.67 บาท", ",345") == 0);
	/* a date: day, month and year together */
	CHECK(may_break_before(tb, "ข้อมูล ณ วันที่ ๒๐ พฤศจิกายน ๒๕๖๗ แล้ว", "พฤศจิกายน") == 0);
	CHECK(may_break_before(tb, "ข้อมูล ณ วันที่ ๒๐ พฤศจิกายน ๒๕๖๗ แล้ว", "๒๕๖๗") == 0);
	CHECK(may_break_before(tb, "ข้อมูล ณ วันที่ ๒๐ พฤศจิกายน ๒๕๖๗ แล้ว", "๒๐") == 0);
	/* the word that counts a number: ร้อยละ, ...ที่, พ.ศ. */
	CHECK(may_break_before(tb, "คิดเป็นร้อยละ ๖๒.๕๐ ของทั้งหมด", "๖๒") == 0);
	CHECK(may_break_before(tb, "ปีงบประมาณ พ.ศ. ๒๕๖๗ นี้", "๒๕๖๗") == 0);
	CHECK(may_break_before(tb, "ครั้งที่ ๒ ของปี", "๒") == 0);
	/* ... but a line may still break after the number's word, and at other spaces */
	CHECK(may_break_before(tb, "สังกัด ๗ เครือข่าย และโรงเรียน", "และ") == 1);
	CHECK(may_break_before(tb, "สังกัด ๗ เครือข่าย และโรงเรียน", "๗") == 1);
	/* numbers side by side in a cell still break between them */
	CHECK(may_break_before(tb, "12 34", "34") == 1);
	/* compounds and titles whole */
	b = breaks_of(tb, "รายงานประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ของสถานศึกษา");
	CHECK(strstr(b, "ประจำปีงบประมาณ") != NULL);
	CHECK(strstr(b, "สถานศึกษา") != NULL);
	free(b);
	b = breaks_of(tb, "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษา");
	CHECK(strstr(b, "ผู้อำนวยการ") != NULL);
	CHECK(strstr(b, "สำนักงานเขตพื้นที่การศึกษา") != NULL);
	free(b);
	/* every word of the table is kept whole */
	for (i = 0; thai_keep_words[i]; i++) {
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_addf(&sb, "ก่อน%sหลัง", thai_keep_words[i]);
		b = breaks_of(tb, sb.buf);
		if (!strstr(b, thai_keep_words[i]))
			fprintf(stderr, "kept word broken: %s\n", b);
		CHECK(strstr(b, thai_keep_words[i]) != NULL);
		free(b);
		strbuf_release(&sb);
	}
	/* a name added at run time: broken by libthai before, whole after */
	CHECK(may_break_before(tb, "โรงเรียนบ้านลำปลายมาศ", "ปลายมาศ") == 1);
	thai_breaker_keep(tb, "บ้านลำปลายมาศ");
	CHECK(may_break_before(tb, "โรงเรียนบ้านลำปลายมาศ", "ปลายมาศ") == 0);
	/* another breaker does not have it */
	{
		struct thai_breaker *other = thai_breaker_new();

		CHECK(may_break_before(other, "โรงเรียนบ้านลำปลายมาศ", "ปลายมาศ") == 1);
		thai_breaker_free(other);
	}
	/* the candidates still hold the places the rules took away */
	{
		unsigned cps[64];
		size_t n = thai_utf8_to_cps("๗ เครือข่าย", cps, 64), *at, nr;

		nr = thai_break_candidates(tb, cps, n, &at);
		CHECK(nr >= 1 && at[0] == 2);
		free(at);
	}
	thai_breaker_free(tb);
}

int main(void)
{
	test_glyph_choice();
	test_unshape_round_trip();
	test_digits();
	test_word_breaks();
	test_keep_together();
	return test_report("test-thai");
}
