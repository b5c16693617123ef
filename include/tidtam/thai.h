/*
 * thai.h - Thai text: where lines may break, which glyphs to draw, digits
 * and number formatting.
 *
 * Thai has no spaces between words; libthai's dictionary breaker finds the
 * word boundaries.  Spaces, and the boundaries libthai finds, are places a
 * line may break; nowhere else, and not where a keep-together rule holds
 * a number to its word or a compound whole.
 */
#ifndef TIDTAM_THAI_H
#define TIDTAM_THAI_H

#include <stddef.h>

struct strbuf;
struct thai_breaker;

/*
 * A word breaker; NULL if libthai's dictionary cannot be loaded.  The
 * dictionary is loaded by the first and shared by all (freed at exit).
 */
struct thai_breaker *thai_breaker_new(void);
void thai_breaker_free(struct thai_breaker *tb);

/*
 * Keep-together rules.  A line never starts
 *  - inside a number (digits, Arabic or Thai, with their separators and
 *    decimals) nor between a number and the word after it, with or
 *    without a space between: "๗ เครือข่าย", "๑๒ เดือน", "๒๐ พฤศจิกายน",
 *    "(๑ หน่วยงาน)";
 *  - between a number and the word before it that counts or dates it:
 *    "ร้อยละ ๖๒.๕๐", "ครั้งที่ ๒" (any word ending in ที่), "พ.ศ. ๒๕๖๗",
 *    a month and its year;
 *  - inside a kept word: thai_keep_words (compounds and titles:
 *    ปีงบประมาณ, สถานศึกษา, การศึกษา, ผู้อำนวยการ, ...) and those added
 *    with thai_breaker_keep() (an office's name, its units' names).
 * A layout breaks inside such a run only when it alone is wider than the
 * line, at the places thai_break_candidates() gives.
 */
extern const char *const thai_keep_words[];  /* UTF-8, NULL-terminated */

/* Keep `word` (UTF-8, copied) together on a line, as thai_keep_words. */
void thai_breaker_keep(struct thai_breaker *tb, const char *word);

/*
 * A 64-bit digest of the words tb keeps together, in the order kept (0 for
 * NULL): two breakers with the same signature keep the same words, so
 * thai_keep_together() gives the same places for the same text with
 * either.  It changes with every word thai_breaker_keep() adds.
 */
unsigned long long thai_breaker_signature(const struct thai_breaker *tb);

/* Which keep-together rules thai_keep_together() applies. */
enum thai_keep {
	THAI_KEEP_NUMBERS = 1 << 0,  /* a number whole, with its words */
	THAI_KEEP_WORDS = 1 << 1,    /* thai_keep_words */
	THAI_KEEP_NAMES = 1 << 2,    /* with THAI_KEEP_WORDS: those added too */
	THAI_KEEP_ALL = 7,
};

/*
 * Drop from at[0, nr) (ascending indices into cps[0, n)) the places the
 * rules in `what` forbid; returns how many are left, in place.  A run kept
 * by all of them but wider than the line is broken where fewer forbid:
 * a name before a compound inside it, a number's link to its word before
 * a compound.  tb may be NULL: the rules on numbers still apply, no word
 * is kept.
 */
size_t thai_keep_together(const struct thai_breaker *tb, const unsigned *cps, size_t n,
			  size_t *at, size_t nr, unsigned what);

/*
 * Byte offsets in the UTF-8 text s at which a line may start (never 0,
 * always at a character boundary, ascending).  *offsets is the caller's to
 * free.  Returns how many.
 */
size_t thai_break_offsets(struct thai_breaker *tb, const char *s, size_t **offsets);

/*
 * The same on code points: indices into cps[0, n) at which a line may
 * start, keep-together rules applied.
 */
size_t thai_break_positions(struct thai_breaker *tb, const unsigned *cps, size_t n,
			    size_t **at);

/*
 * Every place a line may start, before the keep-together rules: libthai's
 * word boundaries and after a run of spaces (never after a hyphen).
 */
size_t thai_break_candidates(struct thai_breaker *tb, const unsigned *cps, size_t n,
			     size_t **at);

/* 1 if the code point is a Thai combining mark (above or below vowel, tone). */
int thai_is_mark(unsigned cp);

/* Decode one UTF-8 character at s; returns its length (1 on bad bytes). */
size_t thai_utf8_decode(const char *s, unsigned *cp);

/* Decode the UTF-8 string s into at most max code points; returns how many. */
size_t thai_utf8_to_cps(const char *s, unsigned *cps, size_t max);

/*
 * Glyph choice.  Replace, in place, each character of the n code points
 * whose plain glyph would collide by its presentation form: a tone mark
 * lowered where no upper vowel carries it, marks shifted left clear of the
 * ascender of ป ฝ ฟ ฬ, lower vowels lowered under ฎ ฏ, ญ and ฐ without
 * their tail above a lower vowel.  The forms are the private-use code
 * points U+F700-U+F71F that Thai fonts made for Windows carry (libthai's
 * th_render_cell_win() picks them).  The count and order of code points
 * never change, so thai_unshape() of each gives the text back.
 */
void thai_shape(unsigned *cps, size_t n);

/* The character a presentation form stands for; cp itself otherwise. */
unsigned thai_unshape(unsigned cp);

/* Append the UTF-8 encoding of cp. */
void thai_utf8_encode(struct strbuf *sb, unsigned cp);

/* The UTF-8 encoding of cp into out; returns its length (1 to 4). */
size_t thai_utf8_put(char out[4], unsigned cp);

/*
 * Append s with its ASCII digits as Thai digits (๐-๙), except digits
 * inside a token that has Latin letters ("QUAL01", "3101-N01", a file
 * name), that is a path ("เดือน/2567/", two slashes or one at an end) or
 * that holds six digits or more in a row (a school code, "1031010001"),
 * which a reader copies as typed.
 */
void thai_digits(struct strbuf *sb, const char *s);

/* Append v as a percentage with `decimals` decimals: "85.50%". */
void thai_format_percent(struct strbuf *sb, double v, int decimals);

/*
 * Append v with a thousands separator and `decimals` decimals
 * ("12,345.7").  Thai digits (๐-๙) when thai_digits is set.
 */
void thai_format_number(struct strbuf *sb, double v, int decimals, int thai_digits);

#endif
