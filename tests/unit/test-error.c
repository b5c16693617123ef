/* Unit tests of struct tt_error: whole characters, and whose fault it is. */
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "test.h"

/*
 * 2026-12-02: a message longer than tt_error's array was cut by vsnprintf
 * in the middle of a Thai character (3 bytes in UTF-8), leaving invalid
 * UTF-8 in logs and receipts.  It is now cut between two characters.
 */
static void test_cut_on_character(void)
{
	struct tt_error err;
	struct strbuf long_th;
	size_t shift;

	for (shift = 0; shift < 3; shift++) {
		size_t i;

		strbuf_init(&long_th);
		for (i = 0; i < shift; i++)
			strbuf_addch(&long_th, 'x');
		for (i = 0; i < 300; i++)
			strbuf_addstr(&long_th, "ว่");
		tt_error_clear(&err);
		CHECK(tt_error_set(&err, TT_EPARSE, "%s", long_th.buf) == TT_EPARSE);
		CHECK(strlen(err.message) < sizeof(err.message));
		CHECK(strlen(err.message) + 6 >= sizeof(err.message));
		CHECK(tt_utf8_valid_text(err.message, strlen(err.message)));
		tt_error_at(&err, long_th.buf, 3, long_th.buf);
		CHECK(tt_utf8_valid_text(err.file, strlen(err.file)));
		CHECK(tt_utf8_valid_text(err.column, strlen(err.column)));
		strbuf_release(&long_th);
	}
}

static void test_whose_fault(void)
{
	CHECK(!tt_error_is_system(TT_OK));
	CHECK(!tt_error_is_system(TT_EPARSE));
	CHECK(!tt_error_is_system(TT_EINVAL));
	CHECK(tt_error_is_system(TT_EIO));
	CHECK(tt_error_is_system(TT_EDB));
}

int main(void)
{
	test_cut_on_character();
	test_whose_fault();
	return test_report("error");
}
