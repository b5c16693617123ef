/*
 * check.c - tidtam-check: every problem of a framework, unit list or report
 * template, in one go, before it is dropped into input/ or installed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/profile.h"
#include "tidtam/record.h"
#include "tidtam/sheet.h"
#include "tidtam/template.h"
#include "tidtam/units.h"
#include "tidtam/util.h"
#include "tidtam/xlsx.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-check.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-check.h"
	;

enum { OPT_FRAMEWORK = CMD_OPT_FIRST, OPT_FY };

struct check_args {
	const char *framework;
	int fy;
};

static int handle(int val, const char *arg, void *data)
{
	struct check_args *a = data;
	long v;

	if (val == OPT_FRAMEWORK) {
		a->framework = arg;
	} else if (val == OPT_FY) {
		if (tt_parse_long(arg, &v) || v < 2500 || v > 2700) {
			fprintf(stderr, "tidtam-check: --fy takes a Buddhist-Era year, not '%s'\n", arg);
			return -1;
		}
		a->fy = (int)v;
	}
	return 0;
}

/* The run: what was found so far, and the unit lists checked before. */
struct checker {
	const struct cmd_options *opt;
	struct framework *fw;     /* for templates, or NULL */
	struct unit_list **lists;
	size_t nr_lists, alloc_lists;
	sqlite3 *db;              /* the output folder's database, read only, or NULL */
	struct unit_registry *registered; /* the units registered there, or NULL */
	long problems;            /* errors */
	long warnings;
	int files_with_problems;
	int worst;                /* exit status so far */
};

static void say_as(struct checker *ck, const char *file, long line, int warning,
		   const char *th, const char *en)
{
	struct strbuf where;

	if (warning)
		ck->warnings++;
	else
		ck->problems++;
	if (ck->opt->quiet)
		return;
	strbuf_init(&where);
	strbuf_addstr(&where, file);
	if (line > 0)
		strbuf_addf(&where, ":%ld", line);
	printf("%s: %s%s\n", where.buf, warning ? "warning: " : "", en);
	printf("%s: %s%s\n", where.buf, warning ? "คำเตือน: " : "", th);
	strbuf_release(&where);
}

static void say(struct checker *ck, const char *file, long line, const char *th,
		const char *en)
{
	say_as(ck, file, line, 0, th, en);
}

static void say_all(struct checker *ck, const char *file, struct xml_problems *p)
{
	size_t i;

	xml_problems_sort(p);
	for (i = 0; i < p->nr; i++)
		say_as(ck, file, p->items[i].line, p->items[i].warning, p->items[i].th,
		       p->items[i].en);
}

static void system_failure(struct checker *ck, const struct tt_error *err)
{
	cmd_error("tidtam-check", err);
	ck->worst = EXIT_SYSTEM;
}

static void schema_path(struct strbuf *sb, const struct checker *ck, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/schema/%s", ck->opt->templates_dir, name);
}

typedef int (*xml_checker)(const char *xml, size_t len, const char *name,
			   const char *schema_path, struct xml_problems *out, struct tt_error *err);

/* Every problem fn finds in the document, against the schema called xsd, into p. */
static void check_xml(struct checker *ck, const char *path, const char *xml, size_t len,
		      const char *xsd, xml_checker fn, struct xml_problems *p)
{
	struct strbuf schema;
	struct tt_error err;

	strbuf_init(&schema);
	tt_error_clear(&err);
	schema_path(&schema, ck, xsd);
	if (fn(xml, len, path, schema.buf, p, &err) == TT_EIO)
		system_failure(ck, &err);
	strbuf_release(&schema);
}

/* An office profile: every problem ingest would refuse it for (profile.h). */
static void check_profile(struct checker *ck, const char *path, const char *xml, size_t len)
{
	struct xml_problems p;

	xml_problems_init(&p);
	check_xml(ck, path, xml, len, "profile.xsd", profile_check, &p);
	say_all(ck, path, &p);
	xml_problems_release(&p);
}

static void check_framework(struct checker *ck, const char *path, const char *xml, size_t len)
{
	struct xml_problems p;
	struct tt_error err;

	xml_problems_init(&p);
	tt_error_clear(&err);
	check_xml(ck, path, xml, len, "framework.xsd", framework_check, &p);
	if (!xml_problems_errors(&p)) {
		/*
		 * The check says all the loader says; should the loader still
		 * refuse, that is said too.  The first good framework is kept
		 * for the templates.
		 */
		struct framework *fw = framework_parse(xml, len, path, NULL, &err);
		struct strbuf th;

		strbuf_init(&th);
		strbuf_addf(&th, "โปรแกรมอ่านกรอบการติดตามนี้ไม่ได้ แม้จะไม่พบข้อผิดพลาดอื่น"
			    " กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์นี้ (รายละเอียด: %s)", err.message);
		if (!fw && err.code != TT_EIO)
			xml_problems_add(&p, err.row, th.buf, err.message);
		strbuf_release(&th);
		if (!ck->fw)
			ck->fw = fw;
		else
			framework_free(fw);
	}
	say_all(ck, path, &p);
	xml_problems_release(&p);
}

static const struct xml_word template_words[] = {
	{ "#root", "<report xmlns=\"urn:tidtam:report:1\" kind=\"…\">" },
	{ "report", "รายงาน" }, { "title", "หัวข้อ" }, { "logo", "ตราสัญลักษณ์" },
	{ "director", "ผู้อำนวยการ" }, { "cover", "ปก" }, { "text", "ข้อความ" },
	{ "contents", "สารบัญ" }, { "summary", "บทสรุป" },
	{ "policy-areas", "ผลตามด้านนโยบาย" }, { "networks", "ผลรายเครือข่าย" },
	{ "budget", "งบประมาณ" }, { "completeness", "ความครบถ้วนของการรายงาน" },
	{ "data-quality", "คุณภาพข้อมูล" }, { "sources", "แหล่งข้อมูล" },
	{ "profile-basics", "ข้อมูลพื้นฐาน" }, { "profile-direction", "ทิศทางการพัฒนา" },
	{ "profile-synthesis", "ปัญหา อุปสรรค และข้อเสนอแนะ" },
	{ "profile-appendix", "ภาคผนวกคำสั่งและคณะผู้จัดทำ" },
	{ "school-results", "ผลของโรงเรียน" }, { "practices", "ผลงานดีเด่นและแนวปฏิบัติที่ดี" },
	{ "activity-photos", "ภาพกิจกรรม" }, { "p", "ย่อหน้า" }, { "signature", "ลายมือชื่อ" },
	{ "national-results", "ผลระดับประเทศรายตัวชี้วัด" },
	{ "office-areas", "ผลรายสำนักงานเขตพื้นที่และรายด้าน" },
	{ "office-exports", "การส่งผลของสำนักงานเขตพื้นที่" },
	{ "office-standing", "ผลของเขตเทียบกับระดับประเทศ" },
	{ "kind", "ชนิดรายงาน" }, { "digits", "ตัวเลข" }, { "font-size", "ขนาดตัวอักษร" },
	{ "orientation", "แนวหน้ากระดาษ" }, { "columns", "คอลัมน์" }, { "chart", "แผนภูมิ" },
	{ "indicators", "ตัวชี้วัด" }, { "narratives", "ข้อความบรรยาย" }, { "top", "จำนวนอันดับ" },
	{ "optional", "คอลัมน์ที่ละได้" }, { "min-font-size", "ขนาดตัวอักษรเล็กสุด" },
	{ NULL, NULL }
};

/*
 * Checking a template for every problem at once: the schema's findings,
 * then a walk over the document for what a schema cannot say (unknown
 * placeholders anywhere, sections that do not fit the kind of report, the
 * indicators a section names), whatever the schema found.  The loader
 * stops at the first problem; it is run last, only to be sure.
 */

/* Edit distance of a[0..la) and b[0..lb), for suggesting a placeholder. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t *row = xcalloc(lb + 1, sizeof(*row)), i, k, d;

	for (k = 0; k <= lb; k++)
		row[k] = k;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (k = 1; k <= lb; k++) {
			size_t up = row[k];

			d = diag + (a[i - 1] != b[k - 1]);
			if (up + 1 < d)
				d = up + 1;
			if (row[k - 1] + 1 < d)
				d = row[k - 1] + 1;
			row[k] = d;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* The known placeholder nearest to name[0..len), or NULL if none is near (a third of it). */
static const char *nearest_placeholder(const char *name, size_t len)
{
	const char *best = NULL;
	size_t i, d, best_d = 3;

	for (i = 0; template_placeholders[i]; i++) {
		d = distance(name, len, template_placeholders[i], strlen(template_placeholders[i]));
		if (d < best_d && d <= len / 3 + 1) {
			best_d = d;
			best = template_placeholders[i];
		}
	}
	return best;
}

static int known_placeholder(const char *name, size_t len)
{
	size_t i;

	for (i = 0; template_placeholders[i]; i++)
		if (strlen(template_placeholders[i]) == len &&
		    !strncmp(template_placeholders[i], name, len))
			return 1;
	return 0;
}

/* Up to about 40 bytes of s, cut at a character, for a message. */
static void add_excerpt(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);

	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	strbuf_add(sb, s, n);
	if (s[n])
		strbuf_addstr(sb, "…");
}

/*
 * Every placeholder in s, written at line (text over several lines is
 * followed line by line), known to the reports; braces that pair up.
 */
static void check_placeholders(const char *s, long line, struct xml_problems *p)
{
	struct strbuf th, en;
	const char *at = s, *open, *close;

	strbuf_init(&th);
	strbuf_init(&en);
	while ((open = strchr(at, '{'))) {
		size_t len;

		for (; at < open; at++)
			line += *at == '\n';
		close = strchr(open, '}');
		if (!close) {
			strbuf_addstr(&en, "'{' without its '}' in \"");
			add_excerpt(&en, open);
			strbuf_addstr(&en, "\": a placeholder is written {name}, e.g. {office.name}");
			strbuf_addstr(&th, "มีเครื่องหมาย '{' แต่ไม่มี '}' ปิดใน \"");
			add_excerpt(&th, open);
			strbuf_addstr(&th, "\" ตัวแทนข้อความต้องเขียนในรูป {ชื่อ} เช่น {office.name}");
			xml_problems_add(p, line, th.buf, en.buf);
			break;
		}
		len = (size_t)(close - open - 1);
		if (!known_placeholder(open + 1, len)) {
			const char *near = nearest_placeholder(open + 1, len);

			strbuf_addf(&en, "unknown placeholder {%.*s}", (int)len, open + 1);
			strbuf_addf(&th, "ไม่รู้จักตัวแทนข้อความ {%.*s}", (int)len, open + 1);
			if (near) {
				strbuf_addf(&en, ": did you mean {%s}?", near);
				strbuf_addf(&th, " หมายถึง {%s} หรือไม่", near);
			}
			strbuf_addstr(&en, " (README lists the placeholders: {office.name}, {fy},"
				      " {round}, {date} ...)");
			strbuf_addstr(&th, " (รายการตัวแทนข้อความที่ใช้ได้อยู่ใน README เช่น"
				      " {office.name}, {fy}, {round}, {date})");
			xml_problems_add(p, line, th.buf, en.buf);
			strbuf_reset(&th);
			strbuf_reset(&en);
		}
		at = close + 1;
	}
	strbuf_release(&th);
	strbuf_release(&en);
}

/* Placeholders in every attribute and text under node. */
static void walk_placeholders(xmlNodePtr node, struct xml_problems *p)
{
	xmlNodePtr c;
	xmlAttrPtr a;

	for (; node; node = node->next) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			const char *text = (const char *)node->content, *q;
			long line = xmlGetLineNo(node);

			if (!text || !strchr(text, '{'))
				continue;
			/* libxml2 gives a text the line it ends on: back to where it starts */
			for (q = text; *q; q++)
				line -= *q == '\n';
			if (node->parent && line < xmlGetLineNo(node->parent))
				line = xmlGetLineNo(node->parent);
			check_placeholders(text, line, p);
			continue;
		}
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (a = node->properties; a; a = a->next) {
			char *v = tt_xml_attr(node, (const char *)a->name);

			if (v && strchr(v, '{'))
				check_placeholders(v, xmlGetLineNo(node), p);
			free(v);
		}
		c = node->children;
		walk_placeholders(c, p);
	}
}

/* The Thai name of a section element, as template_words gives it. */
static const char *section_th(const char *name)
{
	size_t i;

	for (i = 0; template_words[i].name; i++)
		if (!strcmp(template_words[i].name, name))
			return template_words[i].th;
	return name;
}

/* 1 if name is a section of the national reports only. */
static int is_national_section(const char *name)
{
	return !strcmp(name, "national-results") || !strcmp(name, "office-areas") ||
	       !strcmp(name, "office-exports") || !strcmp(name, "office-standing");
}

/* A card's optional columns must be among its columns. */
static void check_optional_columns(struct xml_problems *p, xmlNodePtr n)
{
	char *optional = tt_xml_attr(n, "optional"), *columns = tt_xml_attr(n, "columns");
	char *save = NULL, *col;
	struct strbuf th, en, within;

	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_init(&within);
	strbuf_addf(&within, " %s ", columns ? columns : "");
	for (col = optional ? strtok_r(optional, " \t\n", &save) : NULL; col;
	     col = strtok_r(NULL, " \t\n", &save)) {
		strbuf_reset(&th);
		strbuf_reset(&en);
		strbuf_addf(&th, " %s ", col);
		if (strstr(within.buf, th.buf))
			continue;
		strbuf_reset(&th);
		strbuf_addf(&en, "<school-results>: optional column '%s' is not one of its columns",
			    col);
		strbuf_addf(&th, "ผลของโรงเรียน <school-results>: คอลัมน์ที่ละได้ (optional) '%s'"
			    " ไม่อยู่ในคอลัมน์ของตาราง (columns) กรุณาเพิ่มในคอลัมน์หรือลบออก", col);
		xml_problems_add(p, xmlGetLineNo(n), th.buf, en.buf);
	}
	free(optional);
	free(columns);
	strbuf_release(&th);
	strbuf_release(&en);
	strbuf_release(&within);
}

static void check_template_sections(struct checker *ck, xmlNodePtr root,
				    struct xml_problems *p)
{
	static const char *const heads[] = { "title", "logo", "director", NULL };
	char *kind = tt_xml_attr(root, "kind");
	int card = kind && !strcmp(kind, "card");
	int national_kind = kind && (!strcmp(kind, "national") || !strcmp(kind, "office-summary"));
	int known_kind = kind && (card || national_kind || !strcmp(kind, "annual") ||
				  !strcmp(kind, "progress"));
	struct strbuf th, en;
	xmlNodePtr n;
	size_t i;

	strbuf_init(&th);
	strbuf_init(&en);
	for (n = root->children; n; n = n->next) {
		const char *name = (const char *)n->name;
		char *v;
		long top;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; heads[i] && strcmp(heads[i], name); i++)
			;
		if (heads[i] || !strcmp(name, "text"))
			continue;
		if (known_kind && card != !strcmp(name, "school-results")) {
			if (card) {
				strbuf_addf(&en, "<%s> does not belong in a school report card"
					    " (kind=\"card\"): a card holds <school-results> and <text>",
					    name);
				strbuf_addf(&th, "%s <%s> ใช้ในแม่แบบบัตรรายงานผลของโรงเรียน"
					    " (kind=\"card\") ไม่ได้ บัตรรายงานมีได้เฉพาะ <school-results>"
					    " และ <text>", section_th(name), name);
			} else {
				strbuf_addf(&en, "<school-results> belongs only in a school report card"
					    " (kind=\"card\"), not in an office's %s report", kind);
				strbuf_addf(&th, "ผลของโรงเรียน <school-results> ใช้ได้เฉพาะในแม่แบบ"
					    "บัตรรายงานผลของโรงเรียน (kind=\"card\") ไม่ใช่ในรายงาน%s"
					    "ของสำนักงานเขตพื้นที่",
					    !strcmp(kind, "annual") ? "ประจำปี" : "ความก้าวหน้า");
			}
			xml_problems_add(p, xmlGetLineNo(n), th.buf, en.buf);
			strbuf_reset(&th);
			strbuf_reset(&en);
		}
		if (known_kind && !card && !national_kind && is_national_section(name)) {
			strbuf_addf(&en, "<%s> belongs only in a national report (kind=\"national\""
				    " or \"office-summary\"), not in an office's %s report", name, kind);
			strbuf_addf(&th, "%s <%s> ใช้ได้เฉพาะในแม่แบบรายงานระดับประเทศ (kind=\"national\""
				    " หรือ \"office-summary\") ไม่ใช่ในรายงาน%sของสำนักงานเขตพื้นที่",
				    section_th(name), name,
				    !strcmp(kind, "annual") ? "ประจำปี" : "ความก้าวหน้า");
			xml_problems_add(p, xmlGetLineNo(n), th.buf, en.buf);
			strbuf_reset(&th);
			strbuf_reset(&en);
		}
		if (!strcmp(name, "school-results"))
			check_optional_columns(p, n);
		if (!strcmp(name, "networks") && (v = tt_xml_attr(n, "top"))) {
			if (!tt_parse_long(v, &top) && top > 100) {
				strbuf_addf(&en, "<networks>: top=\"%s\" is more schools than a report"
					    " shows: write a number from 1 to 100", v);
				strbuf_addf(&th, "ผลรายเครือข่าย <networks>: จำนวนอันดับ top=\"%s\""
					    " มากเกินไป กรุณาระบุจำนวนโรงเรียน 1 ถึง 100", v);
				xml_problems_add(p, xmlGetLineNo(n), th.buf, en.buf);
				strbuf_reset(&th);
				strbuf_reset(&en);
			}
			free(v);
		}
		if (ck->fw && (v = tt_xml_attr(n, "indicators"))) {
			char *save = NULL, *code;

			for (code = strtok_r(v, " \t\n", &save); code;
			     code = strtok_r(NULL, " \t\n", &save)) {
				if (framework_indicator(ck->fw, code))
					continue;
				strbuf_addf(&en, "<%s> names indicator '%s', which the framework of"
					    " %d does not have", name, code, ck->fw->fiscal_year);
				strbuf_addf(&th, "%s <%s> ระบุตัวชี้วัด '%s' ซึ่งไม่มีในกรอบการติดตาม"
					    "ปีงบประมาณ %d กรุณาแก้รหัสให้ตรงกับกรอบการติดตาม"
					    " หรือลบ indicators ออกเพื่อใช้ตัวชี้วัดหลัก (headline)"
					    " ของกรอบการติดตาม", section_th(name), name, code,
					    ck->fw->fiscal_year);
				xml_problems_add(p, xmlGetLineNo(n), th.buf, en.buf);
				strbuf_reset(&th);
				strbuf_reset(&en);
			}
			free(v);
		}
	}
	free(kind);
	strbuf_release(&th);
	strbuf_release(&en);
}

static void check_template(struct checker *ck, const char *path, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct xml_problems p;
	struct strbuf schema;
	struct tt_error err;
	struct report_template *t;

	xml_problems_init(&p);
	strbuf_init(&schema);
	tt_error_clear(&err);
	schema_path(&schema, ck, "report.xsd");
	if (tt_xml_validate_all(doc, schema.buf, template_words, &p, &err) == TT_EIO) {
		system_failure(ck, &err);
		goto out;
	}
	walk_placeholders(root, &p);
	check_template_sections(ck, root, &p);
	if (!p.nr) {
		/* all the loader checks is said above; should it still refuse, that is said too */
		t = template_load(path, NULL, &err);
		if (!t && err.code == TT_EPARSE) {
			struct strbuf th;

			strbuf_init(&th);
			if (err.issue && !strcmp(err.issue, "E-TOOLARGE"))
				strbuf_addf(&th, "แม่แบบหรือโลโก้ของแม่แบบนี้ใหญ่เกินกำหนด (แม่แบบไม่เกิน"
					    " %u MiB โลโก้ไม่เกิน %u MiB และ %u x %u จุด) (รายละเอียด: %s)",
					    TEMPLATE_MAX_BYTES >> 20, TEMPLATE_MAX_LOGO_BYTES >> 20,
					    TEMPLATE_MAX_LOGO_PIXELS, TEMPLATE_MAX_LOGO_PIXELS, err.message);
			else
				strbuf_addf(&th, "โปรแกรมสร้างรายงานอ่านแม่แบบนี้ไม่ได้ แม้จะไม่พบข้อผิดพลาดอื่น"
					    " กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์นี้ (รายละเอียด: %s)", err.message);
			xml_problems_add(&p, err.row, th.buf, err.message);
			strbuf_release(&th);
		} else if (!t) {
			system_failure(ck, &err);
		}
		template_free(t);
	}
	say_all(ck, path, &p);
out:
	xml_problems_release(&p);
	strbuf_release(&schema);
}

/*
 * The units registered in the output folder's database, if there is one,
 * so that a list adding schools to an office registered before checks as
 * ingest will take it.  Opened read only: checking never writes.
 */
static void open_registry(struct checker *ck)
{
	struct strbuf path;

	strbuf_init(&path);
	strbuf_addf(&path, "%s/tidtam.db", ck->opt->output_dir);
	if (!access(path.buf, R_OK) &&
	    sqlite3_open_v2(path.buf, &ck->db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    (ck->registered = unit_registry_open(ck->db, NULL))) {
		strbuf_release(&path);
		return;
	}
	/* no database yet, or not one of ours: the lists are checked by themselves */
	sqlite3_close(ck->db);
	ck->db = NULL;
	strbuf_release(&path);
}

/* The unit lists checked before and the units registered, as one registry. */
static int earlier_lists(const char *code, struct unit_known *out, void *ctx)
{
	struct checker *ck = ctx;
	size_t i;

	for (i = 0; i < ck->nr_lists; i++)
		if (unit_list_known(ck->lists[i], code, out))
			return 1;
	/* a database that fails us only leaves the list checked by itself */
	return ck->registered && unit_registry_lookup(code, out, ck->registered) == 1;
}

static int say_unit(const struct unit_problem *up, void *ctx)
{
	struct checker *ck = ctx;

	say(ck, up->file, up->row, up->th, up->en);
	return 0;
}

struct unit_reading {
	struct unit_list *list;
	int other;                /* rows of something else than a unit list */
};

static int on_record(const struct record *rec, void *ctx)
{
	struct unit_reading *r = ctx;

	if (rec->kind == RECORD_UNIT)
		unit_list_add(r->list, rec);
	else
		r->other = 1;
	return 0;
}

static int read_sheets(const char *path, int workbook, struct unit_reading *r,
		       struct tt_error *err)
{
	struct sheet_reader sr;
	struct xlsx *x;
	size_t i;
	int rc;

	memset(&sr, 0, sizeof(sr));
	sr.fn = on_record;
	sr.ctx = r;
	if (!workbook)
		return sheet_read_csv(&sr, path, NULL, err);
	if ((rc = xlsx_open(path, &x, err)))
		return rc;
	for (i = 0; !rc && i < xlsx_nr_sheets(x); i++) {
		const struct xlsx_sheet *sh = xlsx_sheet(x, i);
		struct sheet_parser *sp;

		if (sh->is_chart || sh->state != XLSX_VISIBLE)
			continue;
		sr.sheet_name = sh->name;
		sp = sheet_parser_new(&sr, path, err);
		rc = sheet_parser_finish(sp, xlsx_read_rows(x, i, sheet_parser_row, sp, err));
		if (rc == TT_EPARSE && !sr.header_row) {
			tt_error_clear(err);
			rc = 0;
		}
	}
	xlsx_close(x);
	return rc;
}

static void check_units(struct checker *ck, const char *path, int workbook)
{
	struct unit_reading r = { unit_list_new(path), 0 };
	struct tt_error err;
	int rc;

	tt_error_clear(&err);
	rc = read_sheets(path, workbook, &r, &err);
	if (rc == TT_EIO) {
		system_failure(ck, &err);
	} else if (rc) {
		struct strbuf th;

		strbuf_init(&th);
		strbuf_addf(&th, "อ่านทะเบียนหน่วยงานนี้ไม่ได้ ไฟล์อาจเสียหรือไม่ได้บันทึกเป็น CSV หรือ XLSX"
			    " ที่ถูกต้อง กรุณาบันทึกไฟล์ใหม่จากโปรแกรมตารางคำนวณแล้วตรวจอีกครั้ง"
			    " (รายละเอียด: %s)", err.message);
		say(ck, path, err.row, th.buf, err.message);
		strbuf_release(&th);
	} else if (r.other || !unit_list_size(r.list)) {
		say(ck, path, 0, "ไฟล์นี้ไม่ใช่ทะเบียนหน่วยงาน ต้องมีคอลัมน์ รหัสหน่วยงาน ชื่อหน่วยงาน"
				 " ประเภท และสังกัด (code, name, kind, parent)",
		    "this is not a unit list: it needs the columns code, name, kind and parent"
		    " (รหัสหน่วยงาน, ชื่อหน่วยงาน, ประเภท, สังกัด)");
	} else {
		if (ck->registered)
			unit_registry_set_file(ck->registered, path);
		if (unit_list_check(r.list, earlier_lists, ck, say_unit, ck, NULL, NULL, &err) ==
		    TT_EPARSE)
			say(ck, path, 0, "ทะเบียนหน่วยงานนี้ใหญ่เกินกำหนด ระบบจึงไม่รับทั้งไฟล์"
					 " (ดูขนาดที่รับได้ในคู่มือ tidtam-input)", err.message);
		xgrow(&ck->lists, &ck->alloc_lists, ck->nr_lists + 1, sizeof(*ck->lists));
		ck->lists[ck->nr_lists++] = r.list;
		return;
	}
	unit_list_free(r.list);
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* Pass 0 checks every file but templates, pass 1 the templates. */
static void check_file(struct checker *ck, const char *path, int pass)
{
	const char *ext = extension(path);
	long before = ck->problems + ck->warnings;
	struct tt_error err;
	char *buf = NULL;
	size_t len;

	tt_error_clear(&err);
	if (pass && strcasecmp(ext, "xml"))
		return;
	if (access(path, R_OK)) {
		if (pass)
			return;
		fprintf(stderr, "tidtam-check: cannot read '%s'\n", path);
		if (ck->worst < EXIT_USAGE)
			ck->worst = EXIT_USAGE;
		return;
	}
	if (!strcasecmp(ext, "csv") || !strcasecmp(ext, "xlsx")) {
		check_units(ck, path, !strcasecmp(ext, "xlsx"));
	} else if (!strcasecmp(ext, "xml")) {
		xmlDocPtr doc;
		xmlNodePtr root;

		/* a framework or a template: within the larger of their limits, which
		   framework_check() and template_load() then hold each to its own */
		static const struct tt_xml_limits lim = {
			.what = "XML file", .bytes = FRAMEWORK_MAX_BYTES, .nodes = FRAMEWORK_MAX_NODES
		};

		if (tt_read_file_max(path, FRAMEWORK_MAX_BYTES, "XML file", &buf, &len, &err) ==
		    TT_EPARSE) {
			if (!pass)
				say(ck, path, 0, "ไฟล์ XML นี้ใหญ่เกินกว่ากรอบการติดตามหรือแม่แบบรายงานใดจะเป็นได้"
					    " ระบบจึงไม่อ่าน (ดูขนาดที่รับได้ในคู่มือ tidtam-input)", err.message);
			goto counted;
		} else if (err.code) {
			system_failure(ck, &err);
			return;
		}
		doc = tt_xml_read_limited(buf, len, path, &lim, &err);
		root = doc ? xmlDocGetRootElement(doc) : NULL;
		if (pass != tt_xml_is(root, "report"))
			;
		else if (!doc || tt_xml_is(root, "framework"))
			/* not well-formed XML is said by the framework's check, as ingest says it */
			check_framework(ck, path, buf, len);
		else if (tt_xml_is(root, "report"))
			check_template(ck, path, doc);
		else if (tt_xml_is(root, "profile"))
			check_profile(ck, path, buf, len);
		else
			say(ck, path, root ? xmlGetLineNo(root) : 0,
			    "ไฟล์นี้ไม่ใช่กรอบการติดตาม (<framework>) แม่แบบรายงาน (<report>)"
			    " หรือข้อมูลพื้นฐานของสำนักงาน (<profile>)",
			    "this is neither a framework (<framework>), a report template (<report>)"
			    " nor an office profile (<profile>)");
		xmlFreeDoc(doc);
		free(buf);
	} else if (!pass) {
		say(ck, path, 0, "ตรวจได้เฉพาะกรอบการติดตาม (.xml) ทะเบียนหน่วยงาน (.csv, .xlsx)"
				 " และแม่แบบรายงาน (.xml)",
		    "only frameworks (.xml), unit lists (.csv, .xlsx) and report templates (.xml)"
		    " are checked");
	}
counted:
	ck->files_with_problems += ck->problems + ck->warnings > before;
}

/* The framework templates are checked against, from --framework or --fy. */
static int load_framework(struct checker *ck, const struct check_args *a)
{
	struct strbuf path;
	struct tt_error err;
	sqlite3 *db = NULL;

	tt_error_clear(&err);
	if (a->framework) {
		struct strbuf schema;

		strbuf_init(&schema);
		schema_path(&schema, ck, "framework.xsd");
		ck->fw = framework_load(a->framework, schema.buf, &err);
		strbuf_release(&schema);
		if (!ck->fw) {
			cmd_error("tidtam-check", &err);
			return err.code == TT_EPARSE ? EXIT_REJECTED : EXIT_SYSTEM;
		}
		return 0;
	}
	if (!a->fy)
		return 0;
	strbuf_init(&path);
	strbuf_addf(&path, "%s/tidtam.db", ck->opt->output_dir);
	if (access(path.buf, R_OK)) {
		fprintf(stderr, "tidtam-check: no database '%s' to take the framework of %d from\n",
			path.buf, a->fy);
		strbuf_release(&path);
		return EXIT_USAGE;
	}
	strbuf_release(&path);
	if (!(db = cmd_open_db("tidtam-check", ck->opt)))
		return EXIT_SYSTEM;
	ck->fw = db_load_framework(db, a->fy, &err);
	db_close(db);
	if (!ck->fw) {
		cmd_error("tidtam-check", &err);
		return err.code == TT_ENOTFOUND ? EXIT_USAGE : EXIT_SYSTEM;
	}
	return 0;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "framework", required_argument, NULL, OPT_FRAMEWORK },
		{ "fy", required_argument, NULL, OPT_FY },
		{ NULL, 0, NULL, 0 },
	};
	struct check_args a = { NULL, 0 };
	struct cmd_extra extra = { longopts, handle, &a, 1 << 20 };
	struct cmd_options opt;
	struct checker ck;
	int rc, i;
	size_t k;

	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	if (!opt.nr_args) {
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	memset(&ck, 0, sizeof(ck));
	ck.opt = &opt;
	if ((rc = load_framework(&ck, &a)))
		return rc;
	open_registry(&ck);
	/* templates last, so that they are checked against a framework given beside them */
	for (i = 0; i < opt.nr_args; i++)
		check_file(&ck, opt.args[i], 0);
	for (i = 0; i < opt.nr_args; i++)
		check_file(&ck, opt.args[i], 1);
	fflush(stdout);
	if ((ck.problems || ck.warnings) && !opt.quiet) {
		struct strbuf sb;

		strbuf_init(&sb);
		if (ck.problems)
			strbuf_addf(&sb, "%ld problem%s", ck.problems, ck.problems == 1 ? "" : "s");
		if (ck.problems && ck.warnings)
			strbuf_addstr(&sb, " and ");
		if (ck.warnings)
			strbuf_addf(&sb, "%ld warning%s", ck.warnings, ck.warnings == 1 ? "" : "s");
		fprintf(stderr, "tidtam-check: %s in %d of %d file%s\n", sb.buf,
			ck.files_with_problems, opt.nr_args, opt.nr_args == 1 ? "" : "s");
		strbuf_release(&sb);
	}
	framework_free(ck.fw);
	for (k = 0; k < ck.nr_lists; k++)
		unit_list_free(ck.lists[k]);
	free(ck.lists);
	unit_registry_free(ck.registered);
	sqlite3_close(ck.db);
	if (ck.worst > EXIT_REJECTED)
		return ck.worst;
	return ck.problems ? EXIT_REJECTED : 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_check(argc, argv);
}
#endif
