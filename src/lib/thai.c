/*
 * thai.c - Thai word boundaries (libthai) and number formatting.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

struct thai_breaker {
	ThBrk *brk;
};

struct thai_breaker *thai_breaker_new(void)
{
	struct thai_breaker *tb;
	ThBrk *brk = th_brk_new(NULL);

	if (!brk)
		return NULL;
	tb = xmalloc(sizeof(*tb));
	tb->brk = brk;
	return tb;
}

void thai_breaker_free(struct thai_breaker *tb)
{
	if (!tb)
		return;
	th_brk_delete(tb->brk);
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

int thai_is_mark(unsigned cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
	       (cp >= 0x0E47 && cp <= 0x0E4E);
}

size_t thai_break_offsets(struct thai_breaker *tb, const char *s, size_t **offsets)
{
	size_t len = strlen(s), n = 0, i, k, nr = 0, alloc = 0;
	thwchar_t *wide = xmalloc((len + 1) * sizeof(*wide));
	size_t *byte_at = xmalloc((len + 1) * sizeof(*byte_at));
	int *pos = NULL;
	int nr_pos = 0;

	*offsets = NULL;
	for (i = 0; i < len;) {
		unsigned cp;
		size_t l = thai_utf8_decode(s + i, &cp);

		byte_at[n] = i;
		wide[n++] = (thwchar_t)cp;
		i += l;
	}
	byte_at[n] = len;
	wide[n] = 0;
	if (tb && n) {
		pos = xmalloc(n * sizeof(*pos));
		nr_pos = th_brk_wc_find_breaks(tb->brk, wide, pos, n);
	}
	/* merge libthai's positions with "after a space" positions */
	k = 0;
	for (i = 1; i < n; i++) {
		int at_brk = 0;

		while (k < (size_t)(nr_pos > 0 ? nr_pos : 0) && (size_t)pos[k] < i)
			k++;
		if (k < (size_t)(nr_pos > 0 ? nr_pos : 0) && (size_t)pos[k] == i)
			at_brk = 1;
		if (wide[i - 1] == ' ' && wide[i] != ' ')
			at_brk = 1;
		if (wide[i] == ' ' || thai_is_mark((unsigned)wide[i]))
			at_brk = 0;
		if (at_brk) {
			xgrow(offsets, &alloc, nr + 1, sizeof(**offsets));
			(*offsets)[nr++] = byte_at[i];
		}
	}
	free(pos);
	free(wide);
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
	snprintf(digits, sizeof(digits), "%.*f", decimals, fabs(v));
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
