/*
 * fuzz-expr.c - validation rules (expr.c) as the framework loader parses
 * them and validate evaluates them: parsed, walked for their codes, checked
 * with and without an explanation and valued, over values some of which
 * are missing or zero.  What holds: an error names a column within the
 * rule and, for a rule in UTF-8 (as XML gives it), says so in whole UTF-8
 * characters; an explanation is UTF-8 too; explaining does not change the
 * verdict.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tidtam/expr.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static void count_code(const char *code, void *ctx)
{
	FUZZ_CHECK(code != NULL);
	(*(size_t *)ctx)++;
}

/* Characters in s, as the parser counts columns. */
static long characters(const char *s)
{
	long n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	int utf8 = fuzz_utf8(text, strlen(text));
	struct expr_error ee;
	struct expr *e;
	struct strbuf sb;
	size_t codes = 0;
	double v;

	e = expr_parse(text, &ee);
	if (!e) {
		FUZZ_CHECK(ee.column >= 1 && ee.column <= characters(text) + 1);
		FUZZ_CHECK(ee.message[0] && memchr(ee.message, '\0', sizeof(ee.message)));
		if (utf8)
			FUZZ_CHECK(fuzz_utf8(ee.message, strlen(ee.message)));
		free(text);
		return 0;
	}
	expr_is_condition(e);
	expr_each_code(e, count_code, &codes);
	strbuf_init(&sb);
	FUZZ_CHECK(expr_check(e, fuzz_lookup, NULL, &sb) ==
		   expr_check(e, fuzz_lookup, NULL, NULL));
	if (utf8)
		FUZZ_CHECK(fuzz_utf8(sb.buf, sb.len));
	strbuf_release(&sb);
	expr_value(e, fuzz_lookup, NULL, &v);
	expr_free(e);
	free(text);
	return 0;
}
