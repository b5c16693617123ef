/*
 * fuzz-profile.c - office profile XML (profile.c, xmlutil.c) as ingest and
 * the report read it.
 *
 * Ingest parses a profile against templates/schema/profile.xsd and lists
 * its problems (profile_check()) when it is refused; the report parses the
 * copy kept in the database without the schema.  What holds: the check
 * and the parse agree; a profile taken parses again without the schema to
 * the same counts; every message is UTF-8; its strings are all there.
 */
#include <string.h>

#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/profile.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

static void use(const struct office_profile *p)
{
	size_t i;

	FUZZ_CHECK(p->office && tt_is_safe_code(p->office));
	FUZZ_CHECK(p->fiscal_year >= 2500 && p->fiscal_year <= 2700);
	for (i = 0; i < p->nr_groups; i++)
		FUZZ_CHECK(p->groups[i].name && p->groups[i].staff >= 0);
	for (i = 0; i < p->nr_expenses; i++)
		FUZZ_CHECK(p->expenses[i].plan && p->expenses[i].output && p->expenses[i].type &&
			   p->expenses[i].allocated >= 0 && p->expenses[i].spent >= 0);
	for (i = 0; i < p->nr_committee; i++)
		FUZZ_CHECK(p->committee[i].name && p->committee[i].position);
	FUZZ_CHECK(!p->nr_committee || p->order_number);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *xml = (const char *)data, *schema = fuzz_schema("profile.xsd");
	struct office_profile p, plain;
	struct xml_problems probs;
	struct tt_error err;
	size_t i;
	int rc, parsed;

	tt_error_clear(&err);
	parsed = profile_parse(xml, size, "profile.xml", schema, &p, &err);
	fuzz_check_error(&err);
	FUZZ_CHECK(parsed == 0 || parsed == TT_EPARSE);
	xml_problems_init(&probs);
	tt_error_clear(&err);
	rc = profile_check(xml, size, "profile.xml", schema, &probs, &err);
	FUZZ_CHECK(rc == 0 || rc == TT_EPARSE);
	FUZZ_CHECK(!rc == !xml_problems_errors(&probs));
	for (i = 0; i < probs.nr; i++) {
		FUZZ_CHECK(fuzz_utf8(probs.items[i].th, strlen(probs.items[i].th)));
		FUZZ_CHECK(fuzz_utf8(probs.items[i].en, strlen(probs.items[i].en)));
	}
	xml_problems_release(&probs);
	/* the check says all the parse says */
	FUZZ_CHECK(!parsed == !rc);
	if (!parsed) {
		use(&p);
		tt_error_clear(&err);
		FUZZ_CHECK(profile_parse(xml, size, "profile.xml", NULL, &plain, &err) == 0);
		FUZZ_CHECK(plain.nr_expenses == p.nr_expenses && plain.nr_groups == p.nr_groups);
		profile_release(&plain);
		profile_release(&p);
	}
	fuzz_xml_reset();
	return 0;
}
