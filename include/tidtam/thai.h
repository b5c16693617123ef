/*
 * thai.h - Thai text: where lines may break, and number formatting.
 *
 * Thai has no spaces between words; libthai's dictionary breaker finds the
 * word boundaries.  Spaces, and the boundaries libthai finds, are places a
 * line may break; nowhere else.
 */
#ifndef TIDTAM_THAI_H
#define TIDTAM_THAI_H

#include <stddef.h>

struct strbuf;
struct thai_breaker;

/* A word breaker (loads libthai's dictionary); NULL if it cannot. */
struct thai_breaker *thai_breaker_new(void);
void thai_breaker_free(struct thai_breaker *tb);

/*
 * Byte offsets in the UTF-8 text s at which a line may start (never 0,
 * always at a character boundary, ascending).  *offsets is the caller's to
 * free.  Returns how many.
 */
size_t thai_break_offsets(struct thai_breaker *tb, const char *s, size_t **offsets);

/* 1 if the code point is a Thai combining mark (above or below vowel, tone). */
int thai_is_mark(unsigned cp);

/* Decode one UTF-8 character at s; returns its length (1 on bad bytes). */
size_t thai_utf8_decode(const char *s, unsigned *cp);

/*
 * Append v with a thousands separator and `decimals` decimals
 * ("12,345.7").  Thai digits (๐-๙) when thai_digits is set.
 */
void thai_format_number(struct strbuf *sb, double v, int decimals, int thai_digits);

#endif
