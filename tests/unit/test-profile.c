/*
 * Unit tests of the office profile: the demo's and office2's profiles read
 * whole, a bad profile refused at the line at fault with every problem
 * collected, documents over the limits refused unparsed (E-TOOLARGE), and
 * the newest stored profile of an office and year the one loaded.
 */
#include <stdlib.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/profile.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "test.h"

#define DEMO "input/profile/2567.xml"
#define OFFICE2 "tests/data/office2/input/profile/2567.xml"
#define XSD "templates/schema/profile.xsd"

static const char head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<profile xmlns=\"urn:tidtam:profile:1\" office=\"3101\" fiscal-year=\"2567\">\n";

static int parse_text(const char *body, struct office_profile *p, struct tt_error *err)
{
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	strbuf_addstr(&sb, head);
	strbuf_addstr(&sb, body);
	strbuf_addstr(&sb, "</profile>\n");
	tt_error_clear(err);
	rc = profile_parse(sb.buf, sb.len, "p.xml", XSD, p, err);
	strbuf_release(&sb);
	return rc;
}

static int parse_file(const char *path, struct office_profile *p)
{
	struct tt_error err;
	char *xml;
	size_t len;
	int rc;

	tt_error_clear(&err);
	if (tt_read_file(path, &xml, &len, &err))
		return -99;
	rc = profile_parse(xml, len, path, XSD, p, &err);
	if (rc)
		fprintf(stderr, "%s: %s\n", path, err.message);
	free(xml);
	return rc;
}

static void good_files(void)
{
	struct office_profile p;
	double alloc = 0, spent = 0;
	size_t i, over = 0;

	CHECK(parse_file(DEMO, &p) == 0);
	CHECK_STR(p.office, "3101");
	CHECK(p.fiscal_year == 2567);
	CHECK(p.address != NULL);
	CHECK(p.has_area && p.area > 3450 && p.area < 3451);
	CHECK(p.districts.nr == 6);
	CHECK(p.duties.nr == 5);
	CHECK(p.nr_groups == 7);
	CHECK(p.nr_groups == 7 && p.groups[0].head != NULL && p.groups[0].staff > 0);
	CHECK(p.nr_staff == 7);
	CHECK(p.vision != NULL);
	CHECK(p.mission.nr == 5 && p.goals.nr == 4 && p.strategies.nr == 4 && p.focus.nr == 4);
	CHECK(p.nr_results == 8);
	CHECK(p.nr_results && p.results[0].has_national);
	CHECK(p.nr_expenses == 9);
	for (i = 0; i < p.nr_expenses; i++) {
		alloc += p.expenses[i].allocated;
		spent += p.expenses[i].spent;
		over += p.expenses[i].spent > p.expenses[i].allocated;
	}
	CHECK(alloc > spent);
	CHECK(over == 1);
	CHECK(p.nr_expenses && !strcmp(p.expenses[0].type, "งบบุคลากร"));
	CHECK(p.problems.nr == 3 && p.recommendations.nr == 2 && p.next_year.nr == 3);
	CHECK_STR(p.order_number, "512/2567");
	CHECK(p.nr_committee == 5 && p.nr_makers == 2);
	profile_release(&p);

	CHECK(parse_file(OFFICE2, &p) == 0);
	CHECK_STR(p.office, "SPM35");
	CHECK(p.nr_results == 0);
	CHECK(!p.has_area);
	CHECK(p.nr_groups == 5 && p.groups[0].head == NULL);
	CHECK(p.focus.nr == 0 && p.next_year.nr == 0);
	CHECK(p.order_number == NULL && p.nr_makers == 1);
	profile_release(&p);
}

static void bad_profiles(void)
{
	struct office_profile p;
	struct tt_error err;
	struct xml_problems probs;
	static const char two_wrong[] =
		"  <budget>\n"
		"    <plan name=\"แผนงาน\">\n"
		"      <output name=\"ผลผลิต\">\n"
		"        <expense type=\"งบอื่น\" allocated=\"10\" spent=\"5\"/>\n"
		"        <expense type=\"งบลงทุน\" allocated=\"สิบ\" spent=\"5\"/>\n"
		"      </output>\n"
		"    </plan>\n"
		"  </budget>\n";
	struct strbuf sb;

	/* the first problem, at its line (the expense is on line 6) */
	CHECK(parse_text(two_wrong, &p, &err) == TT_EPARSE);
	CHECK(err.row == 6);
	CHECK(strstr(err.message, "งบอื่น") != NULL);
	CHECK(p.office == NULL);
	/* every problem, each at its line, in Thai and English */
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s%s</profile>\n", head, two_wrong);
	xml_problems_init(&probs);
	CHECK(profile_check(sb.buf, sb.len, "p.xml", XSD, &probs, NULL) == TT_EPARSE);
	CHECK(probs.nr == 2);
	CHECK(probs.nr == 2 && probs.items[0].line == 6 && probs.items[1].line == 7);
	CHECK(probs.nr == 2 && strstr(probs.items[1].th, "สิบ") != NULL);
	xml_problems_release(&probs);
	strbuf_release(&sb);

	/* a part out of its order, a negative count, an unknown test */
	CHECK(parse_text("  <staff><position type=\"ศึกษานิเทศก์\" count=\"-3\"/></staff>\n", &p,
			 &err) == TT_EPARSE);
	CHECK(err.row == 3);
	CHECK(parse_text("  <learning><result test=\"PISA\" level=\"ม.3\" subject=\"คณิต\""
			 " office=\"50\"/></learning>\n", &p, &err) == TT_EPARSE);
	CHECK(parse_text("  <direction/>\n  <general/>\n", &p, &err) == TT_EPARSE);
	/* not well-formed: the line where it breaks */
	CHECK(parse_text("  <general>\n    <address>ที่ตั้ง\n  </general>\n", &p, &err) == TT_EPARSE);
	CHECK(err.row >= 4);
	/* no office code */
	tt_error_clear(&err);
	CHECK(profile_parse("<profile xmlns=\"urn:tidtam:profile:1\" fiscal-year=\"2567\"/>", 58,
			    "p.xml", XSD, &p, &err) == TT_EPARSE);
	/* a DOCTYPE is refused outright */
	tt_error_clear(&err);
	{
		static const char dt[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE profile [<!ENTITY a \"b\">]>\n"
					 "<profile xmlns=\"urn:tidtam:profile:1\" office=\"3101\""
					 " fiscal-year=\"2567\"/>\n";

		CHECK(profile_parse(dt, sizeof(dt) - 1, "p.xml", XSD, &p, &err) == TT_EPARSE);
	}
	/* the empty profile is a profile: office and year only */
	CHECK(parse_text("", &p, &err) == 0);
	CHECK(p.nr_expenses == 0 && p.vision == NULL);
	profile_release(&p);
}

static void limits(void)
{
	struct office_profile p;
	struct tt_error err;
	struct strbuf sb;
	size_t i;

	/* too many nodes: refused before it is parsed */
	strbuf_init(&sb);
	strbuf_addstr(&sb, head);
	strbuf_addstr(&sb, "  <staff>\n");
	for (i = 0; i < PROFILE_MAX_NODES; i++)
		strbuf_addstr(&sb, "<position type=\"x\" count=\"1\"/>");
	strbuf_addstr(&sb, "  </staff>\n</profile>\n");
	tt_error_clear(&err);
	CHECK(profile_parse(sb.buf, sb.len, "p.xml", XSD, &p, &err) == TT_EPARSE);
	CHECK(err.issue && !strcmp(err.issue, "E-TOOLARGE"));
	/* too many bytes */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, head);
	strbuf_addstr(&sb, "  <general><address>");
	while (sb.len <= PROFILE_MAX_BYTES)
		strbuf_addstr(&sb, "ถนนราชดำเนิน ");
	strbuf_addstr(&sb, "</address></general>\n</profile>\n");
	tt_error_clear(&err);
	CHECK(profile_parse(sb.buf, sb.len, "p.xml", XSD, &p, &err) == TT_EPARSE);
	CHECK(err.issue && !strcmp(err.issue, "E-TOOLARGE"));
	/* the schema's own bounds: more than 100 paragraphs in a list */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "  <synthesis><problems>");
	for (i = 0; i < 101; i++)
		strbuf_addstr(&sb, "<p>ปัญหา</p>");
	strbuf_addstr(&sb, "</problems></synthesis>\n");
	CHECK(parse_text(sb.buf, &p, &err) == TT_EPARSE);
	strbuf_release(&sb);
}

static void store_and_load(void)
{
	static const char newer[] = "<profile xmlns=\"urn:tidtam:profile:1\" office=\"3101\""
				    " fiscal-year=\"2567\"><direction><vision>ใหม่</vision>"
				    "</direction></profile>";
	struct office_profile p, q;
	struct tt_error err;
	sqlite3 *db;
	char *xml;
	size_t len;

	tt_error_clear(&err);
	if (db_open(":memory:", &db, &err) || tt_read_file(DEMO, &xml, &len, &err)) {
		fprintf(stderr, "%s\n", err.message);
		CHECK(0);
		return;
	}
	CHECK(!db_exec(db, "INSERT INTO file(id, path, size, sha256, version, format, status,"
			   " ingested_at) VALUES(1, 'a', 1, 'x', 1, 'xml', 'stored', ''),"
			   " (2, 'b', 1, 'y', 1, 'xml', 'stored', '')", &err));
	CHECK(profile_load(db, "3101", 2567, &q, &err) == 0);
	CHECK(parse_file(DEMO, &p) == 0);
	CHECK(profile_store(db, 1, &p, xml, len, &err) == 0);
	profile_release(&p);
	/* a newer file of the same office and year wins */
	CHECK(parse_text("  <direction><vision>ใหม่</vision></direction>\n", &p, &err) == 0);
	CHECK(profile_store(db, 2, &p, newer, strlen(newer), &err) == 0);
	profile_release(&p);
	CHECK(profile_load(db, "3101", 2567, &q, &err) == 1);
	CHECK(q.file_id == 2);
	CHECK(q.vision && !strcmp(q.vision, "ใหม่"));
	profile_release(&q);
	CHECK(profile_load(db, "3101", 2568, &q, &err) == 0);
	CHECK(profile_load(db, "SPM35", 2567, &q, &err) == 0);
	free(xml);
	sqlite3_close(db);
}

int main(void)
{
	good_files();
	bad_profiles();
	limits();
	store_and_load();
	return test_report("profile");
}
