/*
 * profile.c - an office's profile for one fiscal year, from XML.
 *
 * A profile is small (a few hundred entries), so it is read whole with
 * libxml2's tree API after its size is checked (PROFILE_MAX_BYTES,
 * PROFILE_MAX_NODES), checked against profile.xsd with every problem
 * collected in plain words, and copied into plain structs.  Ingest stores
 * the bytes it read (table profile, keyed by file, office and fiscal year);
 * the report parses the newest stored profile of its office and year again,
 * without the schema, since it was checked when it went in.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/profile.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

const char *const profile_expense_types[] = {
	"งบบุคลากร", "งบดำเนินงาน", "งบลงทุน", "งบเงินอุดหนุน", "งบรายจ่ายอื่น",
};

static const struct tt_xml_limits limits = { "profile", PROFILE_MAX_BYTES, PROFILE_MAX_NODES,
					       "แบบข้อมูลพื้นฐานของสำนักงาน", NULL };

static const struct xml_word profile_words[] = {
	{ "#root", "<profile xmlns=\"urn:tidtam:profile:1\" office=\"…\" fiscal-year=\"…\">" },
	{ "profile", "ข้อมูลพื้นฐานของสำนักงาน" }, { "office", "รหัสสำนักงาน" },
	{ "fiscal-year", "ปีงบประมาณ" }, { "general", "ข้อมูลทั่วไป" },
	{ "address", "ที่ตั้ง" }, { "area", "พื้นที่ (ตารางกิโลเมตร)" },
	{ "districts", "อำเภอในเขตพื้นที่" }, { "district", "อำเภอ" },
	{ "duties", "อำนาจหน้าที่" }, { "p", "ย่อหน้า" }, { "item", "ข้อ" },
	{ "structure", "โครงสร้างการบริหาร" }, { "group", "กลุ่มงาน" },
	{ "head", "ผู้อำนวยการกลุ่ม" }, { "staff", "จำนวนบุคลากร" },
	{ "position", "ตำแหน่ง" }, { "count", "จำนวน" }, { "type", "ประเภท" },
	{ "direction", "ทิศทางการพัฒนา" }, { "vision", "วิสัยทัศน์" },
	{ "mission", "พันธกิจ" }, { "goals", "เป้าประสงค์" }, { "strategies", "กลยุทธ์" },
	{ "focus", "จุดเน้น" }, { "learning", "ผลสัมฤทธิ์ทางการเรียน" },
	{ "result", "ผลการทดสอบ" }, { "test", "การทดสอบ" }, { "level", "ระดับชั้น" },
	{ "subject", "วิชา" }, { "national", "ค่าเฉลี่ยระดับประเทศ" },
	{ "budget", "งบประมาณที่ได้รับ" }, { "plan", "แผนงาน" },
	{ "output", "ผลผลิต/โครงการ" }, { "expense", "งบรายจ่าย" },
	{ "allocated", "งบประมาณที่ได้รับจัดสรร" }, { "spent", "เบิกจ่าย" },
	{ "synthesis", "ปัญหา อุปสรรค และข้อเสนอแนะ" }, { "problems", "ปัญหาและอุปสรรค" },
	{ "recommendations", "ข้อเสนอแนะ" }, { "next-year", "แนวทางการดำเนินงานปีต่อไป" },
	{ "appendix", "ภาคผนวก" }, { "committee", "คำสั่งแต่งตั้งคณะทำงาน" },
	{ "number", "เลขที่คำสั่ง" }, { "date", "วันที่สั่ง" }, { "title", "เรื่อง" },
	{ "member", "กรรมการ" }, { "makers", "คณะผู้จัดทำ" }, { "maker", "ผู้จัดทำ" },
	{ "name", "ชื่อ" }, { "role", "หน้าที่" },
	{ NULL, NULL },
};

/* What the schema (if any) finds in doc, added to out: TT_EPARSE, 0 or TT_EIO. */
static int check_doc(xmlDocPtr doc, const char *schema_path, struct xml_problems *out,
		     struct tt_error *err)
{
	size_t before = out->nr;
	int rc = 0;

	if (schema_path)
		rc = tt_xml_validate_all(doc, schema_path, profile_words, out, err);
	else if (!tt_xml_is(xmlDocGetRootElement(doc), "profile"))
		xml_problems_add(out, xmlGetLineNo(xmlDocGetRootElement(doc)),
				 "องค์ประกอบรากต้องเป็น <profile>", "the root element must be <profile>");
	if (rc == TT_EIO)
		return rc;
	xml_problems_sort(out);
	for (; before < out->nr; before++)
		if (!out->items[before].warning)
			return TT_EPARSE;
	return 0;
}

int profile_check(const char *xml, size_t len, const char *name, const char *schema_path,
		  struct xml_problems *out, struct tt_error *err)
{
	xmlDocPtr doc;
	int rc;

	if (!(doc = tt_xml_read_problems(xml, len, name, &limits, out, err, &rc)))
		return rc;
	rc = check_doc(doc, schema_path, out, err);
	xmlFreeDoc(doc);
	return rc;
}

/* ---- the document into structs --------------------------------------------- */

static void list_add(struct profile_list *l, char *s)
{
	l->items = xrealloc(l->items, (l->nr + 1) * sizeof(*l->items));
	l->items[l->nr++] = s;
}

static void list_release(struct profile_list *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* The text of every child element called child of node, trimmed, in order. */
static void read_list(xmlNodePtr node, const char *child, struct profile_list *l)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next)
		if (tt_xml_is(n, child)) {
			char *s = tt_xml_text(n);

			tt_collapse_spaces(tt_trim(s));
			if (*s)
				list_add(l, s);
			else
				free(s);
		}
}

static long attr_long(xmlNodePtr n, const char *name)
{
	char *s = tt_xml_attr(n, name);
	long v = 0;

	if (s && tt_parse_long(tt_trim(s), &v))
		v = 0;
	free(s);
	return v;
}

static double attr_double(xmlNodePtr n, const char *name, int *has)
{
	char *s = tt_xml_attr(n, name);
	double v = 0;
	int ok = s && !tt_parse_double(tt_trim(s), &v);

	if (has)
		*has = ok;
	free(s);
	return ok ? v : 0;
}

static char *text_of(xmlNodePtr n)
{
	return tt_collapse_spaces(tt_trim(tt_xml_text(n)));
}

static void read_person(xmlNodePtr n, struct profile_person *p)
{
	p->name = tt_xml_attr(n, "name");
	p->position = tt_xml_attr(n, "position");
	p->role = tt_xml_attr(n, "role");
}

static void read_general(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next) {
		if (tt_xml_is(n, "address")) {
			free(p->address);
			p->address = text_of(n);
		} else if (tt_xml_is(n, "area")) {
			char *s = text_of(n);

			p->has_area = !tt_parse_double(s, &p->area);
			free(s);
		} else if (tt_xml_is(n, "districts")) {
			read_list(n, "district", &p->districts);
		} else if (tt_xml_is(n, "duties")) {
			read_list(n, "p", &p->duties);
		}
	}
}

static void read_structure(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next)
		if (tt_xml_is(n, "group")) {
			struct profile_group *g;

			p->groups = xrealloc(p->groups, (p->nr_groups + 1) * sizeof(*p->groups));
			g = &p->groups[p->nr_groups++];
			g->name = tt_xml_attr(n, "name");
			g->head = tt_xml_attr(n, "head");
			g->staff = attr_long(n, "staff");
		}
}

static void read_staff(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next)
		if (tt_xml_is(n, "position")) {
			struct profile_count *c;

			p->staff = xrealloc(p->staff, (p->nr_staff + 1) * sizeof(*p->staff));
			c = &p->staff[p->nr_staff++];
			c->type = tt_xml_attr(n, "type");
			c->count = attr_long(n, "count");
		}
}

static void read_direction(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next) {
		if (tt_xml_is(n, "vision")) {
			free(p->vision);
			p->vision = text_of(n);
		} else if (tt_xml_is(n, "mission")) {
			read_list(n, "item", &p->mission);
		} else if (tt_xml_is(n, "goals")) {
			read_list(n, "item", &p->goals);
		} else if (tt_xml_is(n, "strategies")) {
			read_list(n, "item", &p->strategies);
		} else if (tt_xml_is(n, "focus")) {
			read_list(n, "item", &p->focus);
		}
	}
}

static void read_learning(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next)
		if (tt_xml_is(n, "result")) {
			struct profile_result *r;

			p->results = xrealloc(p->results, (p->nr_results + 1) * sizeof(*p->results));
			r = &p->results[p->nr_results++];
			r->test = tt_xml_attr(n, "test");
			r->level = tt_xml_attr(n, "level");
			r->subject = tt_xml_attr(n, "subject");
			r->office = attr_double(n, "office", NULL);
			r->national = attr_double(n, "national", &r->has_national);
		}
}

static void read_budget(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr plan, out, e;

	for (plan = node->children; plan; plan = plan->next) {
		if (!tt_xml_is(plan, "plan"))
			continue;
		for (out = plan->children; out; out = out->next) {
			if (!tt_xml_is(out, "output"))
				continue;
			for (e = out->children; e; e = e->next) {
				struct profile_expense *x;

				if (!tt_xml_is(e, "expense"))
					continue;
				p->expenses = xrealloc(p->expenses,
						       (p->nr_expenses + 1) * sizeof(*p->expenses));
				x = &p->expenses[p->nr_expenses++];
				x->plan = tt_xml_attr(plan, "name");
				x->output = tt_xml_attr(out, "name");
				x->type = tt_xml_attr(e, "type");
				x->allocated = attr_double(e, "allocated", NULL);
				x->spent = attr_double(e, "spent", NULL);
			}
		}
	}
}

static void read_synthesis(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next) {
		if (tt_xml_is(n, "problems"))
			read_list(n, "p", &p->problems);
		else if (tt_xml_is(n, "recommendations"))
			read_list(n, "p", &p->recommendations);
		else if (tt_xml_is(n, "next-year"))
			read_list(n, "p", &p->next_year);
	}
}

static void read_people(xmlNodePtr node, const char *child, struct profile_person **out,
			size_t *nr)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next)
		if (tt_xml_is(n, child)) {
			*out = xrealloc(*out, (*nr + 1) * sizeof(**out));
			read_person(n, &(*out)[(*nr)++]);
		}
}

static void read_appendix(xmlNodePtr node, struct office_profile *p)
{
	xmlNodePtr n;

	for (n = node->children; n; n = n->next) {
		if (tt_xml_is(n, "committee") && !p->order_number) {
			p->order_number = tt_xml_attr(n, "number");
			p->order_date = tt_xml_attr(n, "date");
			p->order_title = tt_xml_attr(n, "title");
			read_people(n, "member", &p->committee, &p->nr_committee);
		} else if (tt_xml_is(n, "makers")) {
			read_people(n, "maker", &p->makers, &p->nr_makers);
		}
	}
}

int profile_parse(const char *xml, size_t len, const char *name, const char *schema_path,
		  struct office_profile *p, struct tt_error *err)
{
	xmlDocPtr doc;
	xmlNodePtr root, n;
	long fy = 0;
	char *s;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	if (!(doc = tt_xml_read_checked(xml, len, name, &limits, schema_path, check_doc,
					"the receipt lists every problem", err, &rc)))
		return rc;
	root = xmlDocGetRootElement(doc);
	if (!tt_xml_is(root, "profile")) {
		rc = tt_xml_fail(err, name, root, "root element must be %s", "<profile>");
		goto out;
	}
	p->office = tt_xml_attr(root, "office");
	s = tt_xml_attr(root, "fiscal-year");
	if (!p->office || !tt_is_safe_code(p->office) || !s || tt_parse_long(s, &fy) ||
	    fy < 2500 || fy > 2700)
		rc = tt_xml_fail(err, name, root, "%s", "a profile needs an office code and a"
				 " Buddhist-Era fiscal-year");
	free(s);
	p->fiscal_year = (int)fy;
	for (n = root->children; !rc && n; n = n->next) {
		if (tt_xml_is(n, "general"))
			read_general(n, p);
		else if (tt_xml_is(n, "structure"))
			read_structure(n, p);
		else if (tt_xml_is(n, "staff"))
			read_staff(n, p);
		else if (tt_xml_is(n, "direction"))
			read_direction(n, p);
		else if (tt_xml_is(n, "learning"))
			read_learning(n, p);
		else if (tt_xml_is(n, "budget"))
			read_budget(n, p);
		else if (tt_xml_is(n, "synthesis"))
			read_synthesis(n, p);
		else if (tt_xml_is(n, "appendix"))
			read_appendix(n, p);
	}
out:
	xmlFreeDoc(doc);
	if (rc)
		profile_release(p);
	return rc;
}

static void people_release(struct profile_person *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].position);
		free(v[i].role);
	}
	free(v);
}

void profile_release(struct office_profile *p)
{
	size_t i;

	free(p->office);
	free(p->address);
	list_release(&p->districts);
	list_release(&p->duties);
	for (i = 0; i < p->nr_groups; i++) {
		free(p->groups[i].name);
		free(p->groups[i].head);
	}
	free(p->groups);
	for (i = 0; i < p->nr_staff; i++)
		free(p->staff[i].type);
	free(p->staff);
	free(p->vision);
	list_release(&p->mission);
	list_release(&p->goals);
	list_release(&p->strategies);
	list_release(&p->focus);
	for (i = 0; i < p->nr_results; i++) {
		free(p->results[i].test);
		free(p->results[i].level);
		free(p->results[i].subject);
	}
	free(p->results);
	for (i = 0; i < p->nr_expenses; i++) {
		free(p->expenses[i].plan);
		free(p->expenses[i].output);
		free(p->expenses[i].type);
	}
	free(p->expenses);
	list_release(&p->problems);
	list_release(&p->recommendations);
	list_release(&p->next_year);
	free(p->order_number);
	free(p->order_date);
	free(p->order_title);
	people_release(p->committee, p->nr_committee);
	people_release(p->makers, p->nr_makers);
	memset(p, 0, sizeof(*p));
}

/* ---- the database ---------------------------------------------------------- */

int profile_store(sqlite3 *db, long long file_id, const struct office_profile *p,
		  const char *xml, size_t len, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st, "INSERT INTO profile(file_id, office, fiscal_year, xml)"
				      " VALUES(?1, ?2, ?3, ?4)", err)))
		return rc;
	sqlite3_bind_int64(st, 1, file_id);
	db_bind_text(st, 2, p->office);
	sqlite3_bind_int(st, 3, p->fiscal_year);
	sqlite3_bind_blob(st, 4, xml, (int)len, SQLITE_TRANSIENT);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "could not store the profile", err);
	sqlite3_finalize(st);
	return rc;
}

int profile_load(sqlite3 *db, const char *office, int fy, struct office_profile *p,
		 struct tt_error *err)
{
	sqlite3_stmt *st;
	struct tt_error why;
	long long file_id;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_prepare(db, &st, "SELECT xml, file_id FROM profile WHERE office = ?1"
				      " AND fiscal_year = ?2 ORDER BY file_id DESC LIMIT 1", err)))
		return rc;
	db_bind_text(st, 1, office);
	sqlite3_bind_int(st, 2, fy);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return 0;
	}
	file_id = sqlite3_column_int64(st, 1);
	tt_error_clear(&why);
	rc = profile_parse(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
			   "profile", NULL, p, &why);
	sqlite3_finalize(st);
	if (rc) {
		if (err)
			*err = why;
		return rc;
	}
	p->file_id = file_id;
	return 1;
}
