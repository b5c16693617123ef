/* test-json.c - the JSON writer: nesting, commas, escaping, numbers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "tidtam/json.h"
#include "tidtam/util.h"

static void test_document(void)
{
	struct strbuf sb;
	struct json_writer w;

	strbuf_init(&sb);
	json_init(&w, &sb);
	json_begin_object(&w);
	json_member_string(&w, "unit", "โรงเรียนบ้าน \"ทุ่ง\"\n");
	json_key(&w, "values");
	json_begin_array(&w);
	json_number(&w, 12.5);
	json_number_text(&w, "0.80");
	json_number_text(&w, "๑๒");
	json_null(&w);
	json_end_array(&w);
	json_key(&w, "empty");
	json_begin_object(&w);
	json_end_object(&w);
	json_member_integer(&w, "n", -3);
	json_member_optional_integer(&w, "row", 12, 1);
	json_member_optional_integer(&w, "col", 0, 0);
	json_key(&w, "ok");
	json_bool(&w, 1);
	json_end_object(&w);
	json_finish(&w);
	CHECK_STR(sb.buf, "{\n"
		  "  \"unit\": \"โรงเรียนบ้าน \\\"ทุ่ง\\\"\\n\",\n"
		  "  \"values\": [\n"
		  "    12.5,\n"
		  "    0.80,\n"
		  "    \"๑๒\",\n"
		  "    null\n"
		  "  ],\n"
		  "  \"empty\": {},\n"
		  "  \"n\": -3,\n"
		  "  \"row\": 12,\n"
		  "  \"col\": null,\n"
		  "  \"ok\": true\n"
		  "}\n");
	strbuf_release(&sb);
}

static void test_numbers(void)
{
	struct strbuf sb;
	struct json_writer w;

	strbuf_init(&sb);
	json_init(&w, &sb);
	json_begin_array(&w);
	json_number(&w, NAN);
	json_number(&w, -0.0);
	json_number(&w, 195679.570737);
	json_number(&w, 1e21);
	json_number_text(&w, "1.");
	json_number_text(&w, "01");
	json_number_text(&w, "-2.5e-3");
	json_end_array(&w);
	json_finish(&w);
	CHECK_STR(sb.buf, "[\n  null,\n  0,\n  195679.570737,\n  1e+21,\n  \"1.\",\n"
		  "  \"01\",\n  -2.5e-3\n]\n");
	strbuf_reset(&sb);
	json_quote(&sb, "\x01\t\\");
	CHECK_STR(sb.buf, "\"\\u0001\\t\\\\\"");
	strbuf_release(&sb);
}

int main(void)
{
	test_document();
	test_numbers();
	return test_report("json");
}
