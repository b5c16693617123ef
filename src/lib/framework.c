/*
 * framework.c - loading the monitoring framework of a fiscal year from XML.
 *
 * Frameworks are small (tens of indicators, a national one a thousand),
 * so the document is read whole with libxml2's tree API, checked against
 * framework.xsd, and copied into plain structs that the stages index by
 * position.  Its size is checked before anything is parsed
 * (FRAMEWORK_MAX_BYTES, FRAMEWORK_MAX_NODES), which bounds the tree and the
 * checks' work alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "tidtam/error.h"
#include "tidtam/expr.h"
#include "tidtam/framework.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

static const char *const type_names[] = { "number", "percent", "level", "yesno", "text" };
static const char *const agg_names[] = { "sum", "mean", "ratio", "min", "max",
					 "count-yes", "none" };

const char *value_type_name(enum value_type t)
{
	return type_names[t];
}

const char *aggregation_name(enum aggregation a)
{
	return agg_names[a];
}

static int lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

struct loader {
	struct framework *fw;
	size_t alloc_groups, alloc_areas, alloc_strategies, alloc_indicators, alloc_rules;
	size_t alloc_dimensions;
	const char *name;
	struct tt_error *err;
};

static int parse_bool(const char *s, int dflt)
{
	if (!s)
		return dflt;
	return !strcmp(s, "true") || !strcmp(s, "1");
}

/* An optional decimal attribute: 0 (absent: *has 0, *out unchanged), or fail. */
static int optional_number(struct loader *ld, xmlNodePtr node, const char *attr,
			   double *out, int *has)
{
	char *v = tt_xml_attr(node, attr);
	int rc = 0;

	if (has)
		*has = 0;
	if (v && tt_parse_double(v, out))
		rc = tt_xml_fail(ld->err, ld->name, node, "attribute %s is not a number: '%s'", attr, v);
	else if (v && has)
		*has = 1;
	free(v);
	return rc;
}

static int load_indicator(struct loader *ld, xmlNodePtr node, size_t strategy)
{
	struct framework *fw = ld->fw;
	struct indicator *ind;
	char *type = tt_xml_attr(node, "type");
	char *agg = tt_xml_attr(node, "aggregation");
	char *target = tt_xml_attr(node, "target");
	char *direction = tt_xml_attr(node, "direction");
	char *group = tt_xml_attr(node, "group");
	char *submitter = tt_xml_attr(node, "submitter");
	char *rounds = tt_xml_attr(node, "rounds");
	char *cumulative = tt_xml_attr(node, "cumulative");
	char *required = tt_xml_attr(node, "required");
	char *integer = tt_xml_attr(node, "integer");
	char *values = tt_xml_attr(node, "values");
	char *headline = tt_xml_attr(node, "headline");
	int rc = TT_EPARSE, t, a;
	size_t g;

	xgrow(&fw->indicators, &ld->alloc_indicators, fw->nr_indicators + 1,
	      sizeof(*fw->indicators));
	ind = &fw->indicators[fw->nr_indicators++];
	memset(ind, 0, sizeof(*ind));
	ind->code = tt_xml_attr(node, "code");
	ind->name = tt_xml_attr(node, "name");
	ind->unit = tt_xml_attr(node, "unit");
	ind->short_name = tt_xml_attr(node, "short");
	ind->strategy = strategy;
	ind->policy_area = fw->strategies[strategy].policy_area;
	if (!ind->code || !ind->name || !ind->unit) {
		tt_xml_fail(ld->err, ld->name, node, "indicator needs %s", "code, name and unit");
		goto out;
	}
	t = lookup(type_names, 5, type);
	a = lookup(agg_names, 7, agg);
	if (t < 0 || a < 0) {
		tt_xml_fail(ld->err, ld->name, node, "indicator '%s' has an unknown type or aggregation", ind->code);
		goto out;
	}
	ind->type = (enum value_type)t;
	ind->aggregation = (enum aggregation)a;
	if ((ind->type == VALUE_TEXT) != (ind->aggregation == AGG_NONE) ||
	    (ind->aggregation == AGG_RATIO && ind->type != VALUE_PERCENT) ||
	    ((ind->aggregation == AGG_COUNT_YES) != (ind->type == VALUE_YESNO)) ||
	    (ind->type == VALUE_LEVEL && ind->aggregation == AGG_SUM)) {
		tt_xml_fail(ld->err, ld->name, node, "indicator '%s': aggregation does not fit its value type",
		     ind->code);
		goto out;
	}
	ind->cumulative = parse_bool(cumulative, 0);
	ind->required = parse_bool(required, 1);
	ind->direction = direction && !strcmp(direction, "lower") ? DIRECTION_LOWER
								  : DIRECTION_HIGHER;
	ind->submitter = submitter && !strcmp(submitter, "office") ? SUBMITTER_OFFICE
								   : SUBMITTER_SCHOOL;
	if (target) {
		if (tt_parse_double(target, &ind->target)) {
			tt_xml_fail(ld->err, ld->name, node, "indicator '%s': target is not a number", ind->code);
			goto out;
		}
		ind->has_target = 1;
		/* kept as written, so that reports print it with its own decimals */
		ind->target_text = target;
		target = NULL;
	} else if (ind->type != VALUE_TEXT) {
		tt_xml_fail(ld->err, ld->name, node, "indicator '%s' needs a target", ind->code);
		goto out;
	}
	ind->integer = parse_bool(integer, 0);
	if (headline && headline[0] >= '1' && headline[0] <= '9') {
		long place;

		ind->headline = tt_parse_long(headline, &place) || place > 1000 ? 1000 : (int)place;
	} else {
		ind->headline = parse_bool(headline, 0) ? 1001 : 0;
	}
	ind->outlier_k = 3;
	if (optional_number(ld, node, "min", &ind->min, &ind->has_min) ||
	    optional_number(ld, node, "max", &ind->max, &ind->has_max) ||
	    optional_number(ld, node, "jump", &ind->jump, NULL) ||
	    optional_number(ld, node, "outlier-k", &ind->outlier_k, NULL))
		goto out;
	if (ind->has_min && ind->has_max && ind->min > ind->max) {
		tt_xml_fail(ld->err, ld->name, node, "indicator '%s': min is above max", ind->code);
		goto out;
	}
	if (values) {
		char *save = NULL, *tok;

		for (tok = strtok_r(values, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			ind->allowed = xrealloc(ind->allowed,
						(ind->nr_allowed + 1) * sizeof(*ind->allowed));
			ind->allowed[ind->nr_allowed++] = xstrdup(tok);
		}
	}
	for (g = 0; g < fw->nr_groups; g++)
		if (group && !strcmp(fw->groups[g].code, group))
			break;
	if (g == fw->nr_groups) {
		tt_xml_fail(ld->err, ld->name, node, "indicator refers to an undeclared group '%s'",
		     group ? group : "");
		goto out;
	}
	ind->group = g;
	if (!rounds) {
		ind->rounds = 0xF;
	} else {
		const char *p = rounds;

		while (*p) {
			char *end;
			long m = strtol(p, &end, 10);

			if (end == p || (m != 3 && m != 6 && m != 9 && m != 12)) {
				tt_xml_fail(ld->err, ld->name, node, "indicator '%s': rounds must be 3 6 9 12",
				     ind->code);
				goto out;
			}
			ind->rounds |= 1u << (m / 3 - 1);
			p = end;
			while (*p == ' ')
				p++;
		}
	}
	rc = 0;
out:
	free(type);
	free(agg);
	free(target);
	free(direction);
	free(group);
	free(submitter);
	free(rounds);
	free(cumulative);
	free(integer);
	free(values);
	free(headline);
	free(required);
	return rc;
}

static int load_area(struct loader *ld, xmlNodePtr node)
{
	struct framework *fw = ld->fw;
	size_t area = fw->nr_areas;
	xmlNodePtr s, i;
	char *dimension = tt_xml_attr(node, "dimension");

	xgrow(&fw->areas, &ld->alloc_areas, area + 1, sizeof(*fw->areas));
	fw->areas[area].code = tt_xml_attr(node, "code");
	fw->areas[area].name = tt_xml_attr(node, "name");
	fw->areas[area].dimension = framework_dimension(fw, dimension);
	fw->nr_areas++;
	if (dimension && fw->areas[area].dimension == DIMENSION_POLICY) {
		free(dimension);
		return tt_xml_fail(ld->err, ld->name, node, "%s", "policy-area names a dimension"
				   " not declared in <dimensions>");
	}
	free(dimension);
	for (s = node->children; s; s = s->next) {
		size_t st;

		if (!tt_xml_is(s, "strategy"))
			continue;
		st = fw->nr_strategies;
		xgrow(&fw->strategies, &ld->alloc_strategies, st + 1,
		      sizeof(*fw->strategies));
		fw->strategies[st].code = tt_xml_attr(s, "code");
		fw->strategies[st].name = tt_xml_attr(s, "name");
		fw->strategies[st].policy_area = area;
		fw->nr_strategies++;
		for (i = s->children; i; i = i->next)
			if (tt_xml_is(i, "indicator") && load_indicator(ld, i, st))
				return TT_EPARSE;
	}
	return 0;
}

static int load_rounds(struct loader *ld, xmlNodePtr node)
{
	struct framework *fw = ld->fw;
	xmlNodePtr r;

	for (r = node->children; r; r = r->next) {
		char *months, *deadline;
		long m;
		int bad;

		if (!tt_xml_is(r, "round"))
			continue;
		months = tt_xml_attr(r, "months");
		deadline = tt_xml_attr(r, "deadline");
		bad = tt_parse_long(months, &m) || framework_round(fw, (int)m) ||
		      fw->nr_rounds == 4 ||
		      period_parse_date(deadline, &fw->rounds[fw->nr_rounds].deadline);
		if (!bad)
			fw->rounds[fw->nr_rounds++].months = (int)m;
		free(months);
		free(deadline);
		if (bad)
			return tt_xml_fail(ld->err, ld->name, r, "%s", "round needs months 3/6/9/12, once each, and a deadline date");
	}
	return 0;
}

/* The dimensions besides the OBEC policy, each with its part's title. */
static int load_dimensions(struct loader *ld, xmlNodePtr node)
{
	struct framework *fw = ld->fw;
	xmlNodePtr d;

	for (d = node->children; d; d = d->next) {
		struct dimension *dim;
		char *code;

		if (!tt_xml_is(d, "dimension"))
			continue;
		code = tt_xml_attr(d, "code");
		if (!code || framework_dimension(fw, code) != DIMENSION_POLICY) {
			free(code);
			return tt_xml_fail(ld->err, ld->name, d, "%s",
					   "dimension needs a code of its own");
		}
		xgrow(&fw->dimensions, &ld->alloc_dimensions, fw->nr_dimensions + 1,
		      sizeof(*fw->dimensions));
		dim = &fw->dimensions[fw->nr_dimensions++];
		dim->code = code;
		dim->name = tt_xml_attr(d, "name");
		if (!dim->name)
			dim->name = xstrdup(code);
		dim->title = tt_xml_attr(d, "title");
		if (!dim->title) {
			struct strbuf sb;

			strbuf_init(&sb);
			strbuf_addf(&sb, "ผลการดำเนินงานตาม%s", dim->name);
			dim->title = strbuf_detach(&sb);
		}
	}
	return 0;
}

static int load_groups(struct loader *ld, xmlNodePtr node)
{
	struct framework *fw = ld->fw;
	xmlNodePtr g;

	for (g = node->children; g; g = g->next) {
		if (!tt_xml_is(g, "group"))
			continue;
		xgrow(&fw->groups, &ld->alloc_groups, fw->nr_groups + 1,
		      sizeof(*fw->groups));
		fw->groups[fw->nr_groups].code = tt_xml_attr(g, "code");
		fw->groups[fw->nr_groups].name = tt_xml_attr(g, "name");
		fw->nr_groups++;
	}
	return 0;
}

struct unknown_code {
	const struct framework *fw;
	const char *first;         /* first code the framework does not have */
};

static void find_unknown(const char *code, void *ctx)
{
	struct unknown_code *u = ctx;

	if (!u->first && !framework_indicator(u->fw, code))
		u->first = code;
}

static int load_rule(struct loader *ld, xmlNodePtr node)
{
	struct framework *fw = ld->fw;
	struct rule *r;
	struct expr_error ee;
	struct unknown_code u = { fw, NULL };
	char *severity = tt_xml_attr(node, "severity");
	xmlNodePtr m;

	xgrow(&fw->rules, &ld->alloc_rules, fw->nr_rules + 1, sizeof(*fw->rules));
	r = &fw->rules[fw->nr_rules++];
	memset(r, 0, sizeof(*r));
	r->code = tt_xml_attr(node, "code");
	r->test = tt_xml_attr(node, "test");
	r->severity = severity && !strcmp(severity, "warning") ? RULE_WARNING : RULE_ERROR;
	r->line = xmlGetLineNo(node);
	free(severity);
	for (m = node->children; m; m = m->next) {
		char *lang;

		if (!tt_xml_is(m, "message"))
			continue;
		lang = tt_xml_attr(m, "lang");
		if (lang && !strcmp(lang, "en") && !r->message_en)
			r->message_en = tt_trim(tt_xml_text(m));
		else if (!r->message_th)
			r->message_th = tt_trim(tt_xml_text(m));
		free(lang);
	}
	if (!r->code || !r->test)
		return tt_xml_fail(ld->err, ld->name, node, "%s", "a rule needs a code and a test");
	if (!r->message_th)
		return tt_xml_fail(ld->err, ld->name, node, "rule %s has no Thai message", r->code);
	r->expr = expr_parse(r->test, &ee);
	if (!r->expr)
		return tt_xml_fail(ld->err, ld->name, node, "rule %s: column %d of its test: %s", r->code, ee.column,
			    ee.message);
	if (!expr_is_condition(r->expr))
		return tt_xml_fail(ld->err, ld->name, node, "rule %s: its test computes a value but compares nothing",
			    r->code);
	expr_each_code(r->expr, find_unknown, &u);
	if (u.first)
		return tt_xml_fail(ld->err, ld->name, node, "rule %s names indicator '%s', which the framework does not "
				      "have", r->code, u.first);
	return 0;
}

static int load_rules(struct loader *ld, xmlNodePtr node)
{
	xmlNodePtr n;
	size_t i, k;
	int rc = 0;

	for (n = node->children; !rc && n; n = n->next)
		if (tt_xml_is(n, "rule"))
			rc = load_rule(ld, n);
	for (i = 0; !rc && i < ld->fw->nr_rules; i++)
		for (k = 0; k < i; k++)
			if (!strcmp(ld->fw->rules[i].code, ld->fw->rules[k].code)) {
				tt_error_set(ld->err, TT_EPARSE, "rule code %s is used twice",
					     ld->fw->rules[i].code);
				tt_error_at(ld->err, ld->name, ld->fw->rules[i].line, NULL);
				return TT_EPARSE;
			}
	return rc;
}

/*
 * Checking a framework for every problem at once (framework_check()): the
 * schema's findings in plain words, then what a schema cannot say, walked
 * over the document so that one mistake does not hide the next.  The
 * loader above stops at the first problem; framework_parse() runs this
 * check first, so that what it says is the first of these sentences.
 */
static const struct xml_word framework_words[] = {
	{ "#root", "<framework xmlns=\"urn:tidtam:framework:1\" fiscal-year=\"…\">" },
	{ "framework", "กรอบการติดตาม" }, { "title", "ชื่อกรอบการติดตาม" },
	{ "rounds", "รอบรายงาน" }, { "round", "รอบรายงาน" },
	{ "groups", "กลุ่มงาน" }, { "group", "กลุ่มงาน" },
	{ "policy-area", "ด้านนโยบาย" }, { "strategy", "กลยุทธ์" },
	{ "dimensions", "มิติของผลการดำเนินงาน" }, { "dimension", "มิติ" },
	{ "indicator", "ตัวชี้วัด" }, { "rules", "กฎตรวจสอบ" }, { "rule", "กฎตรวจสอบ" },
	{ "message", "ข้อความ" }, { "code", "รหัส" }, { "name", "ชื่อ" },
	{ "unit", "หน่วยนับ" }, { "short", "ชื่อย่อ" }, { "type", "ชนิดค่า" },
	{ "aggregation", "วิธีรวมผล" },
	{ "cumulative", "ค่าสะสม" }, { "target", "เป้าหมาย" }, { "direction", "ทิศทาง" },
	{ "submitter", "ผู้รายงาน" }, { "required", "ต้องรายงาน" }, { "min", "ค่าต่ำสุด" },
	{ "max", "ค่าสูงสุด" }, { "integer", "จำนวนเต็ม" }, { "values", "ค่าที่ใช้ได้" },
	{ "jump", "เกณฑ์การเปลี่ยนแปลง" }, { "outlier-k", "เกณฑ์ค่าผิดปกติ" },
	{ "months", "จำนวนเดือน" }, { "deadline", "กำหนดส่ง" },
	{ "fiscal-year", "ปีงบประมาณ" }, { "sheet", "ชีต" }, { "test", "เงื่อนไข" },
	{ "severity", "ระดับ" }, { "lang", "ภาษา" },
	{ NULL, NULL }
};

static void add_problem(struct xml_problems *out, xmlNodePtr node, struct strbuf *th,
			struct strbuf *en)
{
	xml_problems_add(out, node ? xmlGetLineNo(node) : 0, th->buf, en->buf);
	strbuf_reset(th);
	strbuf_reset(en);
}

static void add_warning(struct xml_problems *out, xmlNodePtr node, struct strbuf *th,
			struct strbuf *en)
{
	xml_problems_warn(out, node ? xmlGetLineNo(node) : 0, th->buf, en->buf);
	strbuf_reset(th);
	strbuf_reset(en);
}

/* The aggregations that fit a value type, as the loader requires. */
static int fits(int t, int a)
{
	return !((t == VALUE_TEXT) != (a == AGG_NONE) ||
		 (a == AGG_RATIO && t != VALUE_PERCENT) ||
		 ((a == AGG_COUNT_YES) != (t == VALUE_YESNO)) ||
		 (t == VALUE_LEVEL && a == AGG_SUM));
}

struct check_codes {
	char **codes;             /* indicator codes of the document */
	size_t nr, alloc;
};

static int has_code(const struct check_codes *c, const char *code)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		if (!strcmp(c->codes[i], code))
			return 1;
	return 0;
}

/* What the checks of one framework share: its codes, year and rounds. */
struct check_context {
	struct check_codes groups, indicators;
	int fiscal_year;          /* BE, or 0 when the document gives none */
	unsigned rounds;          /* bit (months/3 - 1) per round declared */
	struct check_headline {
		long place, line;
		char *code;
	} *headlines;             /* the numbered headline indicators so far */
	size_t nr_headlines, alloc_headlines;
};

/* The rounds of a rounds="3 6 9 12" attribute as bits, or 0 if it is not one. */
static unsigned month_mask(const char *s)
{
	unsigned mask = 0;
	const char *p = s;

	while (p && *p) {
		char *end;
		long m;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		m = strtol(p, &end, 10);
		if (end == p || (m != 3 && m != 6 && m != 9 && m != 12))
			return 0;
		mask |= 1u << (m / 3 - 1);
		p = end;
	}
	return mask;
}

/* "3 6 12": the months of mask, separated by sep, the last two by last. */
static void add_months(struct strbuf *sb, unsigned mask, const char *sep, const char *last)
{
	int m, n = 0, total = 0;

	for (m = 0; m < 4; m++)
		total += (mask >> m) & 1;
	for (m = 0; m < 4; m++)
		if ((mask >> m) & 1) {
			n++;
			strbuf_addf(sb, "%s%d", n == 1 ? "" : n == total ? last : sep, (m + 1) * 3);
		}
}

/* An indicator reported at rounds the framework does not declare. */
static void check_indicator_rounds(xmlNodePtr node, const char *c, const struct check_context *cx,
				   struct xml_problems *out)
{
	char *rounds = tt_xml_attr(node, "rounds");
	unsigned mask = rounds ? month_mask(rounds) : 0xF, extra = mask & ~cx->rounds;
	struct strbuf th, en;

	strbuf_init(&th);
	strbuf_init(&en);
	if (!cx->rounds || !extra)
		goto out;
	if (rounds) {
		strbuf_addf(&en, "indicator '%s' is reported at rounds=\"%s\", but the framework"
			    " has no round of ", c, rounds);
		add_months(&en, extra, ", ", " or ");
		strbuf_addstr(&en, " months (its rounds: ");
		add_months(&en, cx->rounds, ", ", " and ");
		strbuf_addstr(&en, " months): keep in rounds only rounds the framework has, or add"
			      " the missing rounds to <rounds>");
		strbuf_addf(&th, "ตัวชี้วัด '%s' กำหนดรอบรายงาน rounds=\"%s\" แต่กรอบการติดตามนี้"
			    "ไม่มีรอบ ", c, rounds);
		add_months(&th, extra, ", ", " และ ");
		strbuf_addstr(&th, " เดือน (กรอบการติดตามมีรอบ ");
		add_months(&th, cx->rounds, ", ", " และ ");
		strbuf_addstr(&th, " เดือน) กรุณาแก้ rounds ให้มีเฉพาะรอบที่กรอบการติดตามมี"
			      " หรือเพิ่มรอบที่ขาดไว้ใน <rounds>");
	} else {
		strbuf_addf(&en, "indicator '%s' has no rounds, so it is reported at the default"
			    " 3 6 9 12, but the framework has only the rounds of ", c);
		add_months(&en, cx->rounds, ", ", " and ");
		strbuf_addstr(&en, " months: give it rounds=\"");
		add_months(&en, cx->rounds, " ", " ");
		strbuf_addstr(&en, "\" (or those of them it is reported at)");
		strbuf_addf(&th, "ตัวชี้วัด '%s' ไม่ได้ระบุรอบรายงาน (rounds) จึงถือว่ารายงานทุกรอบ"
			    "ตามค่าเริ่มต้น 3 6 9 12 แต่กรอบการติดตามนี้มีเฉพาะรอบ ", c);
		add_months(&th, cx->rounds, ", ", " และ ");
		strbuf_addstr(&th, " เดือน กรุณาระบุ rounds=\"");
		add_months(&th, cx->rounds, " ", " ");
		strbuf_addstr(&th, "\" (หรือเฉพาะรอบที่ตัวชี้วัดนี้ต้องรายงาน)");
	}
	add_problem(out, node, &th, &en);
out:
	strbuf_release(&th);
	strbuf_release(&en);
	free(rounds);
}

/*
 * A target and direction that fit the value type; a numbered headline
 * place that no other indicator has.
 */
static void check_indicator_target(xmlNodePtr node, const char *c, int t,
				   struct check_context *cx, struct xml_problems *out)
{
	char *target = tt_xml_attr(node, "target"), *direction = tt_xml_attr(node, "direction");
	char *headline = tt_xml_attr(node, "headline");
	int higher = !direction || strcmp(direction, "lower");
	struct strbuf th, en;
	double v;
	long place;
	size_t i;

	strbuf_init(&th);
	strbuf_init(&en);
	if (t == VALUE_TEXT && target) {
		strbuf_addf(&en, "indicator '%s' is of type text, which has no target: remove"
			    " target=\"%s\" (or, if its values are figures, give it type number,"
			    " percent, level or yesno)", c, target);
		strbuf_addf(&th, "ตัวชี้วัด '%s' เป็นชนิดข้อความ (text) ซึ่งไม่มีเป้าหมาย กรุณาลบ"
			    " target=\"%s\" ออก (หรือถ้าค่าที่รายงานเป็นตัวเลข ให้เปลี่ยนชนิดเป็น"
			    " number, percent, level หรือ yesno)", c, target);
		add_problem(out, node, &th, &en);
	}
	if (t == VALUE_TEXT && !higher) {
		strbuf_addf(&en, "indicator '%s' is of type text, so direction=\"%s\" means"
			    " nothing: a text answer is not compared with a target (remove"
			    " direction)", c, direction);
		strbuf_addf(&th, "ตัวชี้วัด '%s' เป็นชนิดข้อความ (text) direction=\"%s\" จึงไม่มีผล"
			    " เพราะข้อความไม่ได้เทียบกับเป้าหมาย (ลบ direction ออกได้)", c, direction);
		add_warning(out, node, &th, &en);
	}
	if (t == VALUE_LEVEL && target && !tt_parse_double(target, &v) && (v < 1 || v > 5)) {
		strbuf_addf(&en, "indicator '%s' is a success level from 1 to 5, but its target"
			    " is %s: write a level from 1 to 5", c, target);
		strbuf_addf(&th, "ตัวชี้วัด '%s' เป็นระดับความสำเร็จ 1 ถึง 5 แต่เป้าหมายเป็น %s"
			    " กรุณากำหนดเป้าหมายเป็นระดับ 1 ถึง 5", c, target);
		add_problem(out, node, &th, &en);
	}
	if (t == VALUE_PERCENT && higher && target && !tt_parse_double(target, &v) && v > 0 &&
	    v < 1) {
		strbuf_addf(&en, "indicator '%s': target %s is below 1 %% although a higher value"
			    " is better; percentages are written from 0 to 100, so if %g %% is meant,"
			    " write target=\"%g\"", c, target, v * 100, v * 100);
		strbuf_addf(&th, "ตัวชี้วัด '%s': เป้าหมาย %s น้อยกว่าร้อยละ 1 ทั้งที่ค่ายิ่งสูงยิ่งดี"
			    " ค่าร้อยละเขียนเป็น 0 ถึง 100 ถ้าหมายถึงร้อยละ %g ให้เขียน target=\"%g\"",
			    c, target, v * 100, v * 100);
		add_warning(out, node, &th, &en);
	}
	if (headline && headline[0] >= '1' && headline[0] <= '9' &&
	    !tt_parse_long(headline, &place)) {
		for (i = 0; i < cx->nr_headlines; i++)
			if (cx->headlines[i].place == place)
				break;
		if (i < cx->nr_headlines) {
			strbuf_addf(&en, "indicator '%s' has headline=\"%ld\", as has indicator '%s'"
				    " (line %ld): the reports then show them in the order they are"
				    " written; give each headline indicator its own number", c, place,
				    cx->headlines[i].code, cx->headlines[i].line);
			strbuf_addf(&th, "ตัวชี้วัด '%s' กำหนด headline=\"%ld\" ซ้ำกับตัวชี้วัด '%s'"
				    " (บรรทัด %ld) รายงานจะแสดงตามลำดับที่เขียนไว้ กรุณากำหนดลำดับ"
				    " headline ของแต่ละตัวชี้วัดไม่ให้ซ้ำกัน", c, place,
				    cx->headlines[i].code, cx->headlines[i].line);
			add_warning(out, node, &th, &en);
		} else {
			xgrow(&cx->headlines, &cx->alloc_headlines, cx->nr_headlines + 1,
			      sizeof(*cx->headlines));
			cx->headlines[cx->nr_headlines].place = place;
			cx->headlines[cx->nr_headlines].line = xmlGetLineNo(node);
			cx->headlines[cx->nr_headlines++].code = xstrdup(c);
		}
	}
	strbuf_release(&th);
	strbuf_release(&en);
	free(target);
	free(direction);
	free(headline);
}

static void check_indicator(xmlNodePtr node, struct check_context *cx,
			    struct xml_problems *out)
{
	const struct check_codes *groups = &cx->groups;
	char *code = tt_xml_attr(node, "code"), *type = tt_xml_attr(node, "type");
	char *agg = tt_xml_attr(node, "aggregation"), *target = tt_xml_attr(node, "target");
	char *group = tt_xml_attr(node, "group"), *min = tt_xml_attr(node, "min");
	char *max = tt_xml_attr(node, "max");
	int t = lookup(type_names, 5, type), a = lookup(agg_names, 7, agg), k, n, m;
	const char *c = code ? code : "";
	struct strbuf th, en;
	double lo, hi;
	size_t i;

	strbuf_init(&th);
	strbuf_init(&en);
	if (t >= 0 && a >= 0 && !fits(t, a)) {
		strbuf_addf(&en, "indicator '%s': aggregation '%s' does not fit type '%s' (a %s"
			    " indicator takes", c, agg, type, type);
		strbuf_addf(&th, "ตัวชี้วัด '%s': วิธีรวมผล (aggregation) '%s' ใช้กับชนิดค่า '%s'"
			    " ไม่ได้ (ชนิด %s ใช้ได้กับ", c, agg, type, type);
		for (k = 0, n = 0; k < 7; k++)
			n += fits(t, k);
		for (k = 0, m = 0; k < 7; k++)
			if (fits(t, k)) {
				m++;
				strbuf_addf(&en, "%s %s", m == 1 ? "" : m == n ? " or" : ",",
					    agg_names[k]);
				strbuf_addf(&th, "%s %s", m == 1 ? "" : m == n ? " หรือ" : ",",
					    agg_names[k]);
			}
		strbuf_addstr(&en, ")");
		strbuf_addstr(&th, ")");
		add_problem(out, node, &th, &en);
	}
	if (t >= 0 && t != VALUE_TEXT && !target) {
		strbuf_addf(&en, "indicator '%s' has no target: every indicator but a text one"
			    " needs target=\"…\"", c);
		strbuf_addf(&th, "ตัวชี้วัด '%s' ไม่ได้กำหนดเป้าหมาย (target) ตัวชี้วัดทุกตัวที่ไม่ใช่ชนิด"
			    " text ต้องมีเป้าหมาย", c);
		add_problem(out, node, &th, &en);
	}
	if (min && max && !tt_parse_double(min, &lo) && !tt_parse_double(max, &hi) && lo > hi) {
		strbuf_addf(&en, "indicator '%s': min %s is above max %s", c, min, max);
		strbuf_addf(&th, "ตัวชี้วัด '%s': ค่าต่ำสุด (min) %s มากกว่าค่าสูงสุด (max) %s", c, min,
			    max);
		add_problem(out, node, &th, &en);
	}
	if (group && !has_code(groups, group)) {
		strbuf_addf(&en, "indicator '%s': group '%s' is not declared in <groups> (declared:",
			    c, group);
		strbuf_addf(&th, "ตัวชี้วัด '%s': กลุ่มงาน '%s' ไม่ได้ประกาศไว้ใน <groups> (ที่มีคือ", c,
			    group);
		for (i = 0; i < groups->nr; i++) {
			strbuf_addf(&en, "%s %s", i ? "," : "", groups->codes[i]);
			strbuf_addf(&th, "%s %s", i ? "," : "", groups->codes[i]);
		}
		strbuf_addstr(&en, ")");
		strbuf_addstr(&th, ")");
		add_problem(out, node, &th, &en);
	}
	check_indicator_rounds(node, c, cx, out);
	check_indicator_target(node, c, t, cx, out);
	strbuf_release(&th);
	strbuf_release(&en);
	free(code);
	free(type);
	free(agg);
	free(target);
	free(group);
	free(min);
	free(max);
}

struct unknown_codes {
	const struct check_codes *known;
	struct check_codes found;  /* unknown ones, each once */
};

static void collect_unknown(const char *code, void *ctx)
{
	struct unknown_codes *u = ctx;

	if (has_code(u->known, code) || has_code(&u->found, code))
		return;
	xgrow(&u->found.codes, &u->found.alloc, u->found.nr + 1, sizeof(*u->found.codes));
	u->found.codes[u->found.nr++] = xstrdup(code);
}

static void free_codes(struct check_codes *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		free(c->codes[i]);
	free(c->codes);
}

static void check_rule(xmlNodePtr node, const struct check_codes *indicators,
		       struct xml_problems *out)
{
	char *code = tt_xml_attr(node, "code"), *test = tt_xml_attr(node, "test");
	const char *c = code ? code : "";
	struct strbuf th, en;
	struct expr_error ee;
	struct expr *e;
	xmlNodePtr m;
	int thai = 0;

	strbuf_init(&th);
	strbuf_init(&en);
	for (m = node->children; m; m = m->next) {
		char *lang = tt_xml_attr(m, "lang");

		thai |= tt_xml_is(m, "message") && (!lang || strcmp(lang, "en"));
		free(lang);
	}
	if (!thai) {
		strbuf_addf(&en, "rule %s has no Thai message (<message lang=\"th\">)", c);
		strbuf_addf(&th, "กฎ %s ไม่มีข้อความภาษาไทย (<message lang=\"th\">)", c);
		add_problem(out, node, &th, &en);
	}
	if (test && !(e = expr_parse(test, &ee))) {
		strbuf_addf(&en, "rule %s: column %d of its test: %s", c, ee.column, ee.message);
		strbuf_addf(&th, "กฎ %s: เงื่อนไข (test) เขียนไม่ถูกต้องที่ตัวอักษรที่ %d (%s)", c,
			    ee.column, ee.message);
		add_problem(out, node, &th, &en);
	} else if (test) {
		struct unknown_codes u = { indicators, { NULL, 0, 0 } };
		size_t i;

		if (!expr_is_condition(e)) {
			strbuf_addf(&en, "rule %s: its test computes a value but compares nothing"
				    " (add a comparison such as <= or =)", c);
			strbuf_addf(&th, "กฎ %s: เงื่อนไข (test) คำนวณค่าแต่ไม่ได้เปรียบเทียบ"
				    " (ต้องมีการเปรียบเทียบ เช่น <= หรือ =)", c);
			add_problem(out, node, &th, &en);
		}
		expr_each_code(e, collect_unknown, &u);
		for (i = 0; i < u.found.nr; i++) {
			strbuf_addf(&en, "rule %s names indicator '%s', which the framework does not"
				    " have", c, u.found.codes[i]);
			strbuf_addf(&th, "กฎ %s อ้างถึงตัวชี้วัด '%s' ซึ่งไม่มีในกรอบการติดตามนี้", c,
				    u.found.codes[i]);
			add_problem(out, node, &th, &en);
		}
		free_codes(&u.found);
		expr_free(e);
	}
	strbuf_release(&th);
	strbuf_release(&en);
	free(code);
	free(test);
}

/* Add code attributes of the elements called `name` under node to c. */
static void gather(xmlNodePtr node, const char *name, struct check_codes *c)
{
	xmlNodePtr n;

	for (n = node ? node->children : NULL; n; n = n->next) {
		if (tt_xml_is(n, name)) {
			char *code = tt_xml_attr(n, "code");

			if (code) {
				xgrow(&c->codes, &c->alloc, c->nr + 1, sizeof(*c->codes));
				c->codes[c->nr++] = code;
			}
		}
		if (n->type == XML_ELEMENT_NODE)
			gather(n, name, c);
	}
}

struct dated_round {
	int months;
	struct tt_date deadline;
	xmlNodePtr node;
};

/* "2023-03-01 (1 มีนาคม 2566)" into th, "2023-03-01" into en. */
static void add_date(struct strbuf *th, struct strbuf *en, const struct tt_date *d)
{
	char iso[11];

	period_format_iso(d, iso);
	if (en)
		strbuf_addstr(en, iso);
	if (th) {
		strbuf_addf(th, "%s (", iso);
		period_format_thai(th, d, 1);
		strbuf_addstr(th, ")");
	}
}

/*
 * Each deadline after the start of the fiscal year, after the deadline of
 * the round before it and after the end of its own round (a deadline in
 * the round's last month is only a warning); one more than six months
 * after its round ends is a warning.
 */
static void check_deadlines(struct dated_round *r, size_t n, int fy, struct xml_problems *out)
{
	struct strbuf th, en;
	struct tt_date start, end;
	size_t i, k;

	strbuf_init(&th);
	strbuf_init(&en);
	/* in the order of the rounds, whatever the order they are written in */
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && r[k - 1].months > r[k].months; k--) {
			struct dated_round x = r[k];

			r[k] = r[k - 1];
			r[k - 1] = x;
		}
	period_fiscal_year_start(fy, &start);
	for (i = 0; i < n; i++) {
		const struct tt_date *d = &r[i].deadline;
		int wrong = 0;
		long late;

		period_round_end(fy, r[i].months, &end);
		if (period_date_cmp(d, &start) < 0) {
			strbuf_addf(&en, "the %d-month round's deadline ", r[i].months);
			add_date(NULL, &en, d);
			strbuf_addf(&en, " is before fiscal year %d begins (", fy);
			add_date(NULL, &en, &start);
			strbuf_addf(&en, "): a deadline falls after the end of its round (the %d-month"
				    " round ends ", r[i].months);
			add_date(NULL, &en, &end);
			strbuf_addstr(&en, ")");
			strbuf_addf(&th, "กำหนดส่งรอบ %d เดือน ", r[i].months);
			add_date(&th, NULL, d);
			strbuf_addf(&th, " อยู่ก่อนวันเริ่มปีงบประมาณ %d (", fy);
			period_format_thai(&th, &start, 1);
			strbuf_addf(&th, ") กำหนดส่งต้องอยู่หลังวันสิ้นสุดของรอบ (รอบ %d เดือนสิ้นสุด",
				    r[i].months);
			strbuf_addstr(&th, "วันที่ ");
			period_format_thai(&th, &end, 1);
			strbuf_addstr(&th, ")");
			add_problem(out, r[i].node, &th, &en);
			wrong = 1;
		}
		if (i > 0 && period_date_cmp(d, &r[i - 1].deadline) <= 0) {
			strbuf_addf(&en, "the %d-month round's deadline ", r[i].months);
			add_date(NULL, &en, d);
			strbuf_addf(&en, " is not after the %d-month round's deadline ",
				    r[i - 1].months);
			add_date(NULL, &en, &r[i - 1].deadline);
			strbuf_addstr(&en, ": deadlines follow the order of the rounds");
			strbuf_addf(&th, "กำหนดส่งรอบ %d เดือน ", r[i].months);
			add_date(&th, NULL, d);
			strbuf_addf(&th, " ไม่ได้อยู่หลังกำหนดส่งรอบ %d เดือน ", r[i - 1].months);
			add_date(&th, NULL, &r[i - 1].deadline);
			strbuf_addstr(&th, " กำหนดส่งต้องเรียงตามลำดับของรอบ");
			add_problem(out, r[i].node, &th, &en);
			wrong = 1;
		}
		if (!wrong && period_date_cmp(d, &end) < 0) {
			int last_month = d->year == end.year && d->month == end.month;

			strbuf_addf(&en, "the %d-month round's deadline ", r[i].months);
			add_date(NULL, &en, d);
			strbuf_addstr(&en, " is before the round ends (");
			add_date(NULL, &en, &end);
			strbuf_addstr(&en, last_month ? "): schools report before the period is"
							" over; a date after the round's end is usual"
						      : "): schools cannot report a period that is"
							" not over; set a date after the round's end");
			strbuf_addf(&th, "กำหนดส่งรอบ %d เดือน ", r[i].months);
			add_date(&th, NULL, d);
			strbuf_addstr(&th, " อยู่ก่อนวันสิ้นสุดของรอบ (");
			period_format_thai(&th, &end, 1);
			strbuf_addstr(&th, last_month ? ") สถานศึกษาจะต้องรายงานก่อนสิ้นสุดช่วงเวลา"
							" โดยทั่วไปกำหนดส่งจะอยู่หลังวันสิ้นสุดของรอบ"
						      : ") สถานศึกษายังรายงานผลของช่วงเวลาที่ยังไม่สิ้นสุด"
							"ไม่ได้ กรุณากำหนดวันส่งหลังวันสิ้นสุดของรอบ");
			if (last_month)
				add_warning(out, r[i].node, &th, &en);
			else
				add_problem(out, r[i].node, &th, &en);
			wrong = 1;
		}
		late = period_day_number(d) - period_day_number(&end);
		if (!wrong && late > 183) {
			strbuf_addf(&en, "the %d-month round's deadline ", r[i].months);
			add_date(NULL, &en, d);
			strbuf_addf(&en, " is %ld days after the round ends (", late);
			add_date(NULL, &en, &end);
			strbuf_addstr(&en, "), more than six months: is its year right?");
			strbuf_addf(&th, "กำหนดส่งรอบ %d เดือน ", r[i].months);
			add_date(&th, NULL, d);
			strbuf_addstr(&th, " อยู่หลังวันสิ้นสุดของรอบ (");
			period_format_thai(&th, &end, 1);
			strbuf_addf(&th, ") ถึง %ld วัน เกินหกเดือน กรุณาตรวจสอบว่าปีของวันที่ถูกต้อง", late);
			add_warning(out, r[i].node, &th, &en);
		}
	}
	strbuf_release(&th);
	strbuf_release(&en);
}

/* Rounds declared twice, and the deadlines of the others. */
static void check_rounds(xmlNodePtr node, struct check_context *cx, struct xml_problems *out)
{
	struct dated_round dated[4];
	size_t nr_dated = 0;
	struct strbuf th, en;
	xmlNodePtr r;
	unsigned seen = 0;

	strbuf_init(&th);
	strbuf_init(&en);
	for (r = node->children; r; r = r->next) {
		char *months = tt_xml_attr(r, "months"), *deadline = tt_xml_attr(r, "deadline");
		long m;

		if (tt_xml_is(r, "round") && !tt_parse_long(months, &m) &&
		    (m == 3 || m == 6 || m == 9 || m == 12)) {
			if (seen & (1u << m)) {
				strbuf_addf(&en, "the round of %ld months is declared twice", m);
				strbuf_addf(&th, "รอบรายงาน %ld เดือนประกาศไว้ซ้ำกัน", m);
				add_problem(out, r, &th, &en);
			} else if (nr_dated < 4 && deadline &&
				   !period_parse_date(deadline, &dated[nr_dated].deadline)) {
				dated[nr_dated].months = (int)m;
				dated[nr_dated++].node = r;
			}
			seen |= 1u << m;
			cx->rounds |= 1u << (m / 3 - 1);
		}
		free(months);
		free(deadline);
	}
	if (cx->fiscal_year)
		check_deadlines(dated, nr_dated, cx->fiscal_year, out);
	strbuf_release(&th);
	strbuf_release(&en);
}

/* The name of a policy area's dimension in messages: its code, or the OBEC policy. */
static void dimension_words(struct strbuf *th, struct strbuf *en, const char *dimension)
{
	if (dimension) {
		strbuf_addf(th, "มิติ '%s'", dimension);
		strbuf_addf(en, "dimension '%s'", dimension);
	} else {
		strbuf_addstr(th, "นโยบาย สพฐ. (ไม่ระบุ dimension)");
		strbuf_addstr(en, "the OBEC policy (no dimension)");
	}
}

/*
 * The dimensions: each declared once and belonged to by some policy area;
 * each policy area declared once (not again in another dimension) and of a
 * declared dimension.
 */
static void check_dimensions(xmlNodePtr root, struct xml_problems *out)
{
	struct check_codes dims = { 0 }, areas = { 0 };
	int *used;
	char **area_dims = NULL;
	size_t i, k, alloc = 0;
	struct strbuf th, en;
	xmlNodePtr n, d;

	strbuf_init(&th);
	strbuf_init(&en);
	for (n = root->children; n; n = n->next)
		for (d = tt_xml_is(n, "dimensions") ? n->children : NULL; d; d = d->next) {
			char *code = tt_xml_attr(d, "code");

			if (!tt_xml_is(d, "dimension") || !code) {
				free(code);
				continue;
			}
			if (has_code(&dims, code)) {
				strbuf_addf(&en, "dimension '%s' is declared twice in <dimensions>",
					    code);
				strbuf_addf(&th, "มิติ '%s' ประกาศไว้ซ้ำใน <dimensions>"
					    " (รหัสมิติต้องไม่ซ้ำกัน)", code);
				add_problem(out, d, &th, &en);
			}
			xgrow(&dims.codes, &dims.alloc, dims.nr + 1, sizeof(*dims.codes));
			dims.codes[dims.nr++] = code;
		}
	used = xcalloc(dims.nr + 1, sizeof(*used));
	for (n = root->children; n; n = n->next) {
		char *code, *dim;

		if (!tt_xml_is(n, "policy-area"))
			continue;
		code = tt_xml_attr(n, "code");
		dim = tt_xml_attr(n, "dimension");
		for (k = 0; dim && k < dims.nr; k++)
			if (!strcmp(dims.codes[k], dim))
				used[k] = 1;
		if (dim && !has_code(&dims, dim)) {
			strbuf_addf(&en, "policy area '%s': dimension '%s' is not declared in"
				    " <dimensions> (declared:", code ? code : "", dim);
			strbuf_addf(&th, "ด้าน '%s': มิติ '%s' ไม่ได้ประกาศไว้ใน <dimensions> (ที่มีคือ",
				    code ? code : "", dim);
			for (k = 0; k < dims.nr; k++) {
				strbuf_addf(&en, "%s %s", k ? "," : "", dims.codes[k]);
				strbuf_addf(&th, "%s %s", k ? "," : "", dims.codes[k]);
			}
			strbuf_addstr(&en, dims.nr ? ")" : " none)");
			strbuf_addstr(&th, dims.nr ? ")" : " ยังไม่มี)");
			add_problem(out, n, &th, &en);
		}
		for (i = 0; code && i < areas.nr; i++) {
			if (strcmp(areas.codes[i], code))
				continue;
			strbuf_addf(&en, "policy area '%s' is declared twice, in ", code);
			strbuf_addf(&th, "ด้าน '%s' ประกาศไว้ซ้ำสองครั้ง ใน", code);
			dimension_words(&th, &en, area_dims[i]);
			strbuf_addstr(&en, " and in ");
			strbuf_addstr(&th, " และใน");
			dimension_words(&th, &en, dim);
			strbuf_addstr(&en, ": a policy area belongs to one dimension, once");
			strbuf_addstr(&th, " ด้านหนึ่งอยู่ได้ในมิติเดียวและประกาศได้ครั้งเดียว");
			add_problem(out, n, &th, &en);
			break;
		}
		if (code) {
			xgrow(&areas.codes, &areas.alloc, areas.nr + 1, sizeof(*areas.codes));
			xgrow(&area_dims, &alloc, areas.nr + 1, sizeof(*area_dims));
			area_dims[areas.nr] = dim;
			areas.codes[areas.nr++] = code;
		} else {
			free(dim);
		}
	}
	for (n = root->children; n; n = n->next)
		for (d = tt_xml_is(n, "dimensions") ? n->children : NULL; d; d = d->next) {
			char *code = tt_xml_is(d, "dimension") ? tt_xml_attr(d, "code") : NULL;

			for (k = 0; code && k < dims.nr; k++) {
				if (strcmp(dims.codes[k], code) || used[k])
					continue;
				strbuf_addf(&en, "dimension '%s' has no policy area (dimension=\"%s\"):"
					    " the report has no part for it", code, code);
				strbuf_addf(&th, "มิติ '%s' ไม่มีด้านใดอยู่ในมิตินี้ (dimension=\"%s\")"
					    " รายงานจึงไม่มีส่วนของมิตินี้", code, code);
				add_warning(out, d, &th, &en);
				used[k] = 1;
			}
			free(code);
		}
	for (i = 0; i < areas.nr; i++)
		free(area_dims[i]);
	free(area_dims);
	free(used);
	free_codes(&dims);
	free_codes(&areas);
	strbuf_release(&th);
	strbuf_release(&en);
}

static void check_semantics(xmlNodePtr root, struct xml_problems *out)
{
	struct check_context cx;
	xmlNodePtr n, r, s, i;
	char *fy = tt_xml_attr(root, "fiscal-year");
	long v;
	size_t k;

	memset(&cx, 0, sizeof(cx));
	if (!tt_parse_long(fy, &v) && v >= 2500 && v <= 2700)
		cx.fiscal_year = (int)v;
	free(fy);
	for (n = root->children; n; n = n->next)
		if (tt_xml_is(n, "groups"))
			gather(n, "group", &cx.groups);
	gather(root, "indicator", &cx.indicators);
	/* the rounds first: indicators are checked against them */
	for (n = root->children; n; n = n->next)
		if (tt_xml_is(n, "rounds"))
			check_rounds(n, &cx, out);
	check_dimensions(root, out);
	for (n = root->children; n; n = n->next) {
		if (tt_xml_is(n, "policy-area"))
			for (s = n->children; s; s = s->next)
				for (i = tt_xml_is(s, "strategy") ? s->children : NULL; i; i = i->next)
					if (tt_xml_is(i, "indicator"))
						check_indicator(i, &cx, out);
		if (tt_xml_is(n, "rules"))
			for (r = n->children; r; r = r->next)
				if (tt_xml_is(r, "rule"))
					check_rule(r, &cx.indicators, out);
	}
	for (k = 0; k < cx.nr_headlines; k++)
		free(cx.headlines[k].code);
	free(cx.headlines);
	free_codes(&cx.groups);
	free_codes(&cx.indicators);
}

static int check_doc(xmlDocPtr doc, const char *schema_path, struct xml_problems *out,
		     struct tt_error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t before = out->nr;
	int rc = 0;

	if (schema_path && (rc = tt_xml_validate_all(doc, schema_path, framework_words, out,
						     err)) == TT_EIO)
		return rc;
	if (tt_xml_is(root, "framework"))
		check_semantics(root, out);
	else if (!schema_path)
		xml_problems_add(out, xmlGetLineNo(root),
				 "องค์ประกอบรากต้องเป็น <framework>",
				 "the root element must be <framework>");
	xml_problems_sort(out);
	for (; before < out->nr; before++)
		if (!out->items[before].warning)
			return TT_EPARSE;
	return 0;
}

static const struct tt_xml_limits limits = {
	"framework", FRAMEWORK_MAX_BYTES, FRAMEWORK_MAX_NODES, "กรอบการติดตาม",
	"กรอบระดับประเทศ 1,000 ตัวชี้วัดใช้ราว 0.5 MiB"
};

int framework_check(const char *xml, size_t len, const char *name, const char *schema_path,
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

/* By code, then document order. */
static int cmp_by_code(const void *a, const void *b)
{
	const struct indicator *x = *(const struct indicator *const *)a;
	const struct indicator *y = *(const struct indicator *const *)b;
	int c = strcmp(x->code, y->code);

	return c ? c : (x > y) - (x < y);
}

/*
 * fw->by_code, for framework_indicator(): a code is looked up for every
 * value validate and aggregate read, by binary search, not compared with
 * each indicator's.
 */
static void index_codes(struct framework *fw)
{
	size_t i;

	fw->by_code = xmalloc((fw->nr_indicators + 1) * sizeof(*fw->by_code));
	for (i = 0; i < fw->nr_indicators; i++)
		fw->by_code[i] = &fw->indicators[i];
	qsort(fw->by_code, fw->nr_indicators, sizeof(*fw->by_code), cmp_by_code);
}

struct framework *framework_parse(const char *xml, size_t len, const char *name,
				  const char *schema_path, struct tt_error *err)
{
	struct loader ld = { 0 };
	xmlDocPtr doc;
	xmlNodePtr root, n;
	char *fy;
	long v;
	int rc = 0;

	doc = tt_xml_read_checked(xml, len, name, &limits, schema_path, check_doc,
				  "`tidtam check` lists every problem", err, &rc);
	if (!doc)
		return NULL;
	ld.fw = xcalloc(1, sizeof(*ld.fw));
	ld.name = name;
	ld.err = err;
	root = xmlDocGetRootElement(doc);
	if (!tt_xml_is(root, "framework")) {
		rc = tt_xml_fail(ld.err, ld.name, root, "root element must be %s", "<framework>");
		goto out;
	}
	fy = tt_xml_attr(root, "fiscal-year");
	if (tt_parse_long(fy, &v) || v < 2500 || v > 2700)
		rc = tt_xml_fail(ld.err, ld.name, root, "%s", "fiscal-year must be a Buddhist-Era year");
	ld.fw->fiscal_year = (int)v;
	ld.fw->sheet = tt_xml_attr(root, "sheet");
	free(fy);
	for (n = root->children; !rc && n; n = n->next) {
		if (tt_xml_is(n, "title"))
			ld.fw->title = tt_xml_text(n);
		else if (tt_xml_is(n, "rounds"))
			rc = load_rounds(&ld, n);
		else if (tt_xml_is(n, "groups"))
			rc = load_groups(&ld, n);
	}
	/* dimensions first: the policy areas name them */
	for (n = root->children; !rc && n; n = n->next)
		if (tt_xml_is(n, "dimensions"))
			rc = load_dimensions(&ld, n);
	for (n = root->children; !rc && n; n = n->next)
		if (tt_xml_is(n, "policy-area"))
			rc = load_area(&ld, n);
	/* rules last: they are checked against every indicator */
	for (n = root->children; !rc && n; n = n->next)
		if (tt_xml_is(n, "rules"))
			rc = load_rules(&ld, n);
	if (!rc && !ld.fw->nr_indicators)
		rc = tt_xml_fail(ld.err, ld.name, root, "%s", "framework declares no indicator");
	if (!rc && !ld.fw->title)
		ld.fw->title = xstrdup("");
	if (!rc)
		index_codes(ld.fw);
out:
	xmlFreeDoc(doc);
	if (rc) {
		framework_free(ld.fw);
		return NULL;
	}
	return ld.fw;
}

struct framework *framework_load(const char *path, const char *schema_path,
				 struct tt_error *err)
{
	struct framework *fw;
	char *buf;
	size_t len;

	if (tt_read_file_max(path, FRAMEWORK_MAX_BYTES, "framework", &buf, &len, err))
		return NULL;
	fw = framework_parse(buf, len, path, schema_path, err);
	free(buf);
	return fw;
}

void framework_free(struct framework *fw)
{
	size_t i, k;

	if (!fw)
		return;
	for (i = 0; i < fw->nr_groups; i++) {
		free(fw->groups[i].code);
		free(fw->groups[i].name);
	}
	for (i = 0; i < fw->nr_dimensions; i++) {
		free(fw->dimensions[i].code);
		free(fw->dimensions[i].name);
		free(fw->dimensions[i].title);
	}
	for (i = 0; i < fw->nr_areas; i++) {
		free(fw->areas[i].code);
		free(fw->areas[i].name);
	}
	for (i = 0; i < fw->nr_strategies; i++) {
		free(fw->strategies[i].code);
		free(fw->strategies[i].name);
	}
	for (i = 0; i < fw->nr_indicators; i++) {
		free(fw->indicators[i].code);
		free(fw->indicators[i].name);
		free(fw->indicators[i].unit);
		free(fw->indicators[i].short_name);
		free(fw->indicators[i].target_text);
		for (k = 0; k < fw->indicators[i].nr_allowed; k++)
			free(fw->indicators[i].allowed[k]);
		free(fw->indicators[i].allowed);
	}
	free(fw->groups);
	free(fw->dimensions);
	free(fw->areas);
	free(fw->strategies);
	free(fw->indicators);
	free(fw->title);
	free(fw->sheet);
	for (i = 0; i < fw->nr_rules; i++) {
		free(fw->rules[i].code);
		free(fw->rules[i].test);
		expr_free(fw->rules[i].expr);
		free(fw->rules[i].message_th);
		free(fw->rules[i].message_en);
	}
	free(fw->rules);
	free(fw->by_code);
	free(fw);
}

const struct indicator *framework_indicator(const struct framework *fw,
					    const char *code)
{
	size_t i, lo = 0, hi = fw->nr_indicators;

	if (!code)
		return NULL;
	if (!fw->by_code) { /* while it is being parsed */
		for (i = 0; i < fw->nr_indicators; i++)
			if (!strcmp(fw->indicators[i].code, code))
				return &fw->indicators[i];
		return NULL;
	}
	/* the first of that code, as a search in document order finds */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(fw->by_code[mid]->code, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < fw->nr_indicators && !strcmp(fw->by_code[lo]->code, code) ? fw->by_code[lo]
									       : NULL;
}

const struct indicator *framework_indicator_by_name(const struct framework *fw,
						    const char *name)
{
	size_t i;

	for (i = 0; name && i < fw->nr_indicators; i++)
		if (!strcmp(fw->indicators[i].name, name))
			return &fw->indicators[i];
	return NULL;
}

size_t framework_dimension(const struct framework *fw, const char *code)
{
	size_t i;

	for (i = 0; code && i < fw->nr_dimensions; i++)
		if (!strcmp(fw->dimensions[i].code, code))
			return i;
	return DIMENSION_POLICY;
}

const struct round *framework_round(const struct framework *fw, int months)
{
	size_t i;

	for (i = 0; i < fw->nr_rounds; i++)
		if (fw->rounds[i].months == months)
			return &fw->rounds[i];
	return NULL;
}

int indicator_due(const struct indicator *ind, int months)
{
	if (months != 3 && months != 6 && months != 9 && months != 12)
		return 0;
	return (ind->rounds >> (months / 3 - 1)) & 1;
}
