/*
 * fuzz-xmlform.c - XML submission forms (xmlform.c, xmlutil.c) as ingest
 * reads them: checked against templates/schema/submission.xsd, each value
 * and narrative made a record.
 */
#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/xmlform.h"
#include "tidtam/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tt_error err;
	int rc;

	tt_error_clear(&err);
	rc = xmlform_read_memory((const char *)data, size, "form.xml",
				 fuzz_schema("submission.xsd"), fuzz_record, NULL, &err);
	fuzz_check_error(&err);
	FUZZ_CHECK(!rc || rc == TT_EPARSE);
	fuzz_xml_reset();
	return 0;
}
