/*
 * fuzz-template.c - report templates (template.c, xmlutil.c) as render
 * loads them (against templates/schema/report.xsd) and as `tidtam check`
 * loads them (without it, after its own checks).  The template is written
 * to a temporary file, since template_load() reads a path.  What holds: a
 * template taken has a title, sections of known kinds and columns, each
 * titled but a cover, a school's part and the dimensions' (titled by the
 * framework), a font size from 8 to 24 points and a digest.
 */
#include <string.h>

#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/template.h"
#include "tidtam/banned.h"

static void use(const struct report_template *t)
{
	size_t i, k;

	FUZZ_CHECK(t->title && t->nr_sections > 0 && strlen(t->sha256) == 64);
	FUZZ_CHECK(t->font_size >= 8 && t->font_size <= 24);
	FUZZ_CHECK(t->kind <= TEMPLATE_CARD);
	FUZZ_CHECK(fuzz_utf8(t->title, strlen(t->title)));
	for (i = 0; i < t->nr_sections; i++) {
		const struct template_section *s = &t->sections[i];

		FUZZ_CHECK(s->type <= SECTION_PHOTOS);
		FUZZ_CHECK(s->title || s->type == SECTION_COVER || s->type == SECTION_SCHOOL ||
			   s->type == SECTION_DIMENSIONS);
		for (k = 0; k < s->nr_columns; k++)
			FUZZ_CHECK(s->columns[k] < NR_COLUMNS &&
				   template_column_name(s->columns[k]));
		for (k = 0; k < s->nr_paragraphs; k++)
			FUZZ_CHECK(fuzz_utf8(s->paragraphs[k], strlen(s->paragraphs[k])));
		for (k = 0; k < s->nr_indicators; k++)
			FUZZ_CHECK(s->indicators[k] && *s->indicators[k]);
		FUZZ_CHECK(s->type != SECTION_NETWORKS || (s->top >= 1 && s->top <= 100));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_temp_file("report.xml", data, size);
	struct report_template *t;
	struct tt_error err;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		tt_error_clear(&err);
		t = template_load(path, pass ? NULL : fuzz_schema("report.xsd"), &err);
		fuzz_check_error(&err);
		FUZZ_CHECK(t || err.code == TT_EPARSE);
		if (t)
			use(t);
		template_free(t);
	}
	fuzz_xml_reset();
	return 0;
}
