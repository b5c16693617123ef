/* test-vreport.c - issues as JSON: cell labels taken apart, an issue as an error object. */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "tidtam/json.h"
#include "tidtam/util.h"
#include "tidtam/vreport.h"

static void check_cell(const char *label, const char *sheet, const char *letters, long number,
		       const char *field)
{
	struct vreport_cell c;

	vreport_cell_parse(label, &c);
	if (sheet)
		CHECK_STR(c.sheet, sheet);
	else
		CHECK(c.sheet == NULL);
	CHECK_STR(c.letters, letters);
	CHECK(c.field_number == number);
	if (field)
		CHECK_STR(c.field_name, field);
	else
		CHECK(c.field_name == NULL);
	vreport_cell_release(&c);
}

static void test_cells(void)
{
	check_cell("F (OPP01)", NULL, "F", 6, "OPP01");
	check_cell("ผลรายโรงเรียน!A (รหัสโรงเรียน)", "ผลรายโรงเรียน", "A", 1, "รหัสโรงเรียน");
	check_cell("J (ระดับความสำเร็จ (Active Learning))", NULL, "J", 10,
		   "ระดับความสำเร็จ (Active Learning)");
	check_cell("AB", NULL, "AB", 28, NULL);
	check_cell("ข้อมูล!AA (x!B (y))", "ข้อมูล", "AA", 27, "x!B (y)");
	check_cell("AB!C (x)", "AB", "C", 3, "x");
	check_cell("value", NULL, "", 0, "value");
	check_cell("สังกัด/parent", NULL, "", 0, "สังกัด/parent");
	check_cell("<submission unit>", NULL, "", 0, "<submission unit>");
	check_cell("F(x)", NULL, "", 0, "F(x)");
	check_cell("", NULL, "", 0, NULL);
}

static void test_error(void)
{
	struct vreport_issue is = { 0 };
	struct json_writer w;
	struct strbuf sb;

	is.code = "E-RANGE";
	is.severity = "error";
	is.row = 12;
	is.column = "ข้อมูล!F (OPP01)";
	is.found = "7";
	is.message_th = "ค่าเกิน";
	is.message_en = "out of range";
	is.unit = "1031010001";
	is.fiscal_year = 2567;
	is.round = 6;
	is.indicator = "OPP01";
	strbuf_init(&sb);
	json_init(&w, &sb);
	json_begin_array(&w);
	vreport_error(&w, &is, NULL, NULL);
	is.row = 0;
	is.column = "";
	is.found = NULL;
	is.unit = NULL;
	is.fiscal_year = is.round = 0;
	is.indicator = NULL;
	vreport_error(&w, &is, NULL, NULL);
	json_end_array(&w);
	json_finish(&w);
	CHECK_STR(sb.buf, "[\n"
		  "  {\n"
		  "    \"type\": \"E-RANGE\",\n"
		  "    \"severity\": \"error\",\n"
		  "    \"rowNumber\": 12,\n"
		  "    \"column\": \"ข้อมูล!F (OPP01)\",\n"
		  "    \"sheet\": \"ข้อมูล\",\n"
		  "    \"fieldName\": \"OPP01\",\n"
		  "    \"fieldNumber\": 6,\n"
		  "    \"cellReference\": \"F12\",\n"
		  "    \"cell\": \"7\",\n"
		  "    \"message\": \"out of range\",\n"
		  "    \"message_th\": \"ค่าเกิน\",\n"
		  "    \"unit\": \"1031010001\",\n"
		  "    \"fiscalYear\": 2567,\n"
		  "    \"round\": 6,\n"
		  "    \"indicator\": \"OPP01\"\n"
		  "  },\n"
		  "  {\n"
		  "    \"type\": \"E-RANGE\",\n"
		  "    \"severity\": \"error\",\n"
		  "    \"rowNumber\": null,\n"
		  "    \"column\": null,\n"
		  "    \"sheet\": null,\n"
		  "    \"fieldName\": null,\n"
		  "    \"fieldNumber\": null,\n"
		  "    \"cellReference\": null,\n"
		  "    \"cell\": null,\n"
		  "    \"message\": \"out of range\",\n"
		  "    \"message_th\": \"ค่าเกิน\",\n"
		  "    \"unit\": null,\n"
		  "    \"fiscalYear\": null,\n"
		  "    \"round\": null,\n"
		  "    \"indicator\": null\n"
		  "  }\n"
		  "]\n");
	strbuf_reset(&sb);
	json_init(&w, &sb);
	json_begin_object(&w);
	vreport_begin_stats(&w, -1, 0, 3);
	json_end_object(&w);
	json_end_object(&w);
	json_finish(&w);
	CHECK_STR(sb.buf, "{\n  \"valid\": true,\n  \"stats\": {\n    \"errors\": 0,\n"
		  "    \"warnings\": 3\n  }\n}\n");
	strbuf_release(&sb);
}

int main(void)
{
	test_cells();
	test_error();
	return test_report("vreport");
}
