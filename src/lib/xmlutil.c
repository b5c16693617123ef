/*
 * xmlutil.c - safe XML parsing and XSD validation on top of libxml2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "tidtam/encoding.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

/* What a parse may do: nothing from outside the document, no expansion. */
#define TT_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
			XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

static void trim_newline(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

/*
 * Thai single-byte text, whatever its declaration says (TIS-620 labels on
 * Windows-874 bytes are common, and libxml2 rejects those), is converted
 * to UTF-8 here and parsed as such.  Returns the text to parse: buf, or
 * a converted copy in *copy.
 */
static const char *as_utf8(const char *buf, size_t *len, const char **encoding,
			   char **copy)
{
	struct decoder d;
	struct strbuf sb;

	*copy = NULL;
	*encoding = NULL;
	if (encoding_detect(buf, *len, NULL) != ENC_CP874 || decoder_init(&d, ENC_CP874, NULL))
		return buf;
	strbuf_init(&sb);
	if (decoder_feed(&d, buf, *len, &sb, NULL) || decoder_finish(&d, &sb, NULL)) {
		decoder_release(&d);
		strbuf_release(&sb);
		return buf;
	}
	decoder_release(&d);
	*len = sb.len;
	*encoding = "UTF-8";
	*copy = strbuf_detach(&sb);
	return *copy;
}

static void no_output(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void tt_xml_silence(void)
{
	xmlSetGenericErrorFunc(NULL, no_output);
}

/* Each '<' and '=' of buf: a bound on the elements and attributes it holds. */
static size_t count_nodes(const char *buf, size_t len, size_t stop)
{
	size_t i, n = 0;

	for (i = 0; i < len && n <= stop; i++)
		n += buf[i] == '<' || buf[i] == '=';
	return n;
}

static xmlDocPtr too_large(struct tt_error *err, const char *name)
{
	tt_error_at(err, name, 0, NULL);
	tt_error_issue(err, "E-TOOLARGE");
	return NULL;
}

static void silent_reader(void *ctx, const char *msg, xmlParserSeverities sev,
			  xmlTextReaderLocatorPtr loc)
{
	(void)ctx;
	(void)msg;
	(void)sev;
	(void)loc;
}

void tt_xml_root_name(const char *buf, size_t len, char *name, size_t size)
{
	xmlTextReaderPtr r;

	if (size)
		name[0] = '\0';
	if (len > INT_MAX || memmem(buf, len, "<!DOCTYPE", 9))
		return;
	tt_xml_silence();
	r = xmlReaderForMemory(buf, (int)len, NULL, NULL, TT_XML_OPTIONS);
	if (!r)
		return;
	xmlTextReaderSetErrorHandler(r, silent_reader, NULL);
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		tt_strlcpy(name, (const char *)xmlTextReaderConstLocalName(r), size);
		break;
	}
	xmlFreeTextReader(r);
}

int tt_xml_root_is(const char *buf, size_t len, const char *local_name)
{
	char name[64];

	tt_xml_root_name(buf, len, name, sizeof(name));
	return name[0] && !strcmp(name, local_name);
}

xmlDocPtr tt_xml_read_limited(const char *buf, size_t len, const char *name,
			      const struct tt_xml_limits *lim, struct tt_error *err)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const char *encoding, *what = lim && lim->what ? lim->what : "document";
	size_t max = lim && lim->bytes ? lim->bytes : (size_t)1 << 30;
	char *copy;

	/* xmlCtxtReadMemory() takes an int */
	if (max > (size_t)1 << 30)
		max = (size_t)1 << 30;
	if (len > max) {
		tt_error_set(err, TT_EPARSE, "%s too large: %zu bytes, more than its limit of %zu"
			     " (%zu MiB)", what, len, max, max >> 20);
		return too_large(err, name);
	}
	if (lim && lim->nodes && count_nodes(buf, len, lim->nodes) > lim->nodes) {
		tt_error_set(err, TT_EPARSE, "%s too large: more than its limit of %zu elements and"
			     " attributes (each '<' and '=' counted)", what, lim->nodes);
		return too_large(err, name);
	}
	if (memmem(buf, len, "<!DOCTYPE", 9)) {
		/* refused before parsing: no entity or DTD is ever looked at */
		tt_error_set(err, TT_EPARSE,
			     "XML with a DOCTYPE is refused (entities and DTDs are not allowed)");
		tt_error_at(err, name, 0, NULL);
		return NULL;
	}
	tt_xml_silence();
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		tt_error_set(err, TT_EIO, "could not create an XML parser");
		return NULL;
	}
	buf = as_utf8(buf, &len, &encoding, &copy);
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, encoding, TT_XML_OPTIONS);
	free(copy);
	if (!doc) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);

		tt_error_set(err, TT_EPARSE, "not well-formed XML: %s",
			     e && e->message ? e->message : "unknown error");
		if (err)
			trim_newline(err->message);
		tt_error_at(err, name, e ? e->line : 0, NULL);
	} else if (doc->intSubset || doc->extSubset) {
		tt_error_set(err, TT_EPARSE,
			     "XML with a DOCTYPE is refused (entities and DTDs are not allowed)");
		tt_error_at(err, name, xmlGetLineNo((xmlNodePtr)doc->intSubset), NULL);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!xmlDocGetRootElement(doc)) {
		tt_error_set(err, TT_EPARSE, "XML document has no root element");
		tt_error_at(err, name, 0, NULL);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

xmlDocPtr tt_xml_read(const char *buf, size_t len, const char *name,
		      struct tt_error *err)
{
	return tt_xml_read_limited(buf, len, name, NULL, err);
}

void xml_problems_init(struct xml_problems *p)
{
	memset(p, 0, sizeof(*p));
}

void xml_problems_release(struct xml_problems *p)
{
	size_t i;

	for (i = 0; i < p->nr; i++) {
		free(p->items[i].th);
		free(p->items[i].en);
	}
	free(p->items);
	xml_problems_init(p);
}

static void add(struct xml_problems *p, long line, int warning, const char *th,
		const char *en)
{
	xgrow(&p->items, &p->alloc, p->nr + 1, sizeof(*p->items));
	p->items[p->nr].line = line;
	p->items[p->nr].warning = warning;
	p->items[p->nr].th = xstrdup(th);
	p->items[p->nr].en = xstrdup(en);
	p->nr++;
}

xmlDocPtr tt_xml_read_problems(const char *buf, size_t len, const char *name,
			       const struct tt_xml_limits *lim, struct xml_problems *out,
			       struct tt_error *err, int *rc)
{
	struct tt_error why;
	struct strbuf th;
	xmlDocPtr doc;

	tt_error_clear(&why);
	*rc = 0;
	if ((doc = tt_xml_read_limited(buf, len, name, lim, &why)))
		return doc;
	if (why.code == TT_EIO) {
		if (err)
			*err = why;
		*rc = TT_EIO;
		return NULL;
	}
	strbuf_init(&th);
	if (why.issue && !strcmp(why.issue, "E-TOOLARGE")) {
		strbuf_addf(&th, "%sใหญ่เกินกำหนด (ไม่เกิน %zu MiB และไม่เกิน %zu"
			    " องค์ประกอบและแอตทริบิวต์", lim->what_th ? lim->what_th : lim->what,
			    lim->bytes >> 20, lim->nodes);
		if (lim->hint_th)
			strbuf_addf(&th, " %s", lim->hint_th);
		strbuf_addstr(&th, ") ระบบจึงไม่อ่านไฟล์นี้");
	} else
		strbuf_addstr(&th, strstr(why.message, "DOCTYPE")
				   ? "ไฟล์ XML มี DOCTYPE ซึ่งไม่อนุญาต กรุณาลบบรรทัด <!DOCTYPE …> ออก"
				   : "ไฟล์ XML ไม่สมบูรณ์ที่บรรทัดนี้ (แท็กเปิดปิดไม่ครบหรือสะกดไม่ตรงกัน"
				     " หรือมี & หรือ < ในข้อความที่ต้องเขียนเป็น &amp; หรือ &lt;)");
	strbuf_addf(&th, ": %s", why.message);
	xml_problems_add(out, why.row, th.buf, why.message);
	strbuf_release(&th);
	*rc = TT_EPARSE;
	return NULL;
}

xmlDocPtr tt_xml_read_checked(const char *buf, size_t len, const char *name,
			      const struct tt_xml_limits *lim, const char *schema_path,
			      tt_xml_check_fn check, const char *more, struct tt_error *err,
			      int *rc)
{
	struct xml_problems p;
	xmlDocPtr doc;

	*rc = 0;
	if (!(doc = tt_xml_read_limited(buf, len, name, lim, err))) {
		*rc = err && err->code ? err->code : TT_EPARSE;
		return NULL;
	}
	if (!schema_path)
		return doc;
	xml_problems_init(&p);
	if ((*rc = check(doc, schema_path, &p, err)) == TT_EPARSE)
		/* the first error; warnings do not stop the document */
		xml_problems_first(&p, name, more, err);
	xml_problems_release(&p);
	if (*rc) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int xml_problems_first(const struct xml_problems *p, const char *name, const char *more,
		       struct tt_error *err)
{
	size_t first = 0;

	while (first + 1 < p->nr && p->items[first].warning)
		first++;
	tt_error_set(err, TT_EPARSE, "%s%s%s%s", p->items[first].en,
		     xml_problems_errors(p) > 1 ? " (and more: " : "",
		     xml_problems_errors(p) > 1 ? more : "", xml_problems_errors(p) > 1 ? ")" : "");
	tt_error_at(err, name, p->items[first].line, NULL);
	return TT_EPARSE;
}

void xml_problems_add(struct xml_problems *p, long line, const char *th, const char *en)
{
	add(p, line, 0, th, en);
}

void xml_problems_warn(struct xml_problems *p, long line, const char *th, const char *en)
{
	add(p, line, 1, th, en);
}

size_t xml_problems_errors(const struct xml_problems *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->nr; i++)
		n += !p->items[i].warning;
	return n;
}

void xml_problems_sort(struct xml_problems *p)
{
	size_t i, k;

	/* insertion sort: stable, and lists are short and mostly in order */
	for (i = 1; i < p->nr; i++) {
		struct xml_problem x = p->items[i];

		for (k = i; k > 0 && p->items[k - 1].line > x.line; k--)
			p->items[k] = p->items[k - 1];
		p->items[k] = x;
	}
}

/*
 * Turning libxml2's schema messages into sentences.  Its messages read
 * "Element '{ns}name', attribute 'a': <what>"; the element is named by
 * its word and code, the attribute by its word, and <what> is matched
 * against the few shapes the schemas here give rise to.  Anything else is
 * passed on as it is, with the namespace taken out, so that nothing is lost.
 */
struct translator {
	const struct xml_word *words;
	struct xml_problems *out;
	int seen;                 /* schema-level errors while loading it */
	char first[400];
	long last_line;           /* the previous problem, to drop echoes */
	struct strbuf last_where;
	xmlNodePtr unexpected[16]; /* elements out of place, taken out to look further */
	size_t nr_unexpected;
	size_t known;             /* problems before this pass: said again, not added */
};

static const char *word_th(const struct xml_word *words, const char *name)
{
	size_t i;

	for (i = 0; words && words[i].name; i++)
		if (!strcmp(words[i].name, name))
			return words[i].th;
	return name;
}

/* "{urn:x}name" -> "name", in place in sb */
static void strip_namespaces(struct strbuf *sb, const char *s)
{
	while (*s) {
		const char *close;

		if (*s == '{' && (close = strchr(s, '}'))) {
			s = close + 1;
			continue;
		}
		strbuf_addch(sb, *s++);
	}
}

/* The quoted text after key in s ("'abc'" -> abc) into sb; 0 if found. */
static int quoted_after(const char *s, const char *key, struct strbuf *sb)
{
	const char *p = strstr(s, key), *end;

	if (!p)
		return -1;
	p += strlen(key);
	if (*p != '\'')
		return -1;
	end = strchr(p + 1, '\'');
	if (!end)
		return -1;
	strbuf_add(sb, p + 1, (size_t)(end - p - 1));
	return 0;
}

/* "{'a', 'b', 'c'}" -> "a, b, c" (en) and "a, b หรือ c" (th) */
static void value_set(const char *s, struct strbuf *en, struct strbuf *th)
{
	const char *p = strchr(s, '{');
	size_t n = 0, i = 0;
	const char *q;

	if (!p)
		return;
	for (q = p; *q && *q != '}'; q++)
		n += *q == '\'';
	n /= 2;
	while (p && (p = strchr(p, '\'')) && i < n) {
		const char *end = strchr(p + 1, '\'');

		if (!end)
			break;
		if (i) {
			strbuf_addstr(en, ", ");
			strbuf_addstr(th, i + 1 == n ? " หรือ " : ", ");
		}
		strbuf_add(en, p + 1, (size_t)(end - p - 1));
		strbuf_add(th, p + 1, (size_t)(end - p - 1));
		p = end + 1;
		i++;
	}
}

/* What a type named in a message wants, in words. */
static void type_words(const char *type, const char **en, const char **th)
{
	if (strstr(type, "decimal") || strstr(type, "integer") || strstr(type, "double")) {
		*en = "a number (such as 85 or 0.5)";
		*th = "ตัวเลข (เช่น 85 หรือ 0.5)";
	} else if (strstr(type, "date")) {
		*en = "a date written YYYY-MM-DD in the Christian Era (such as 2024-04-15)";
		*th = "วันที่แบบ ปปปป-ดด-วว เป็นปีคริสต์ศักราช (เช่น 2024-04-15)";
	} else if (strstr(type, "boolean")) {
		*en = "true or false";
		*th = "true หรือ false";
	} else if (strstr(type, "month")) {
		*en = "months 3, 6, 9 or 12 separated by spaces (such as \"6 12\")";
		*th = "จำนวนเดือน 3, 6, 9 หรือ 12 คั่นด้วยช่องว่าง (เช่น \"6 12\")";
	} else {
		*en = NULL;
		*th = NULL;
	}
}

/* "( {ns}a, {ns}b ).", or "one of ( … ).": the names, as "<a> or <b>" */
static void expected_list(struct strbuf *sb, const char *s, const char *or_word)
{
	struct strbuf plain;
	char *p, *save = NULL, *tok;
	size_t n = 0;

	while (*s == ' ')
		s++;
	if (!strncmp(s, "one of ", 7))
		s += 7;
	strbuf_init(&plain);
	strip_namespaces(&plain, s);
	for (p = plain.buf; *p; p++)
		if (*p == '(' || *p == ')' || *p == '.' || *p == '\n')
			*p = ' ';
	for (tok = strtok_r(plain.buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (n++)
			strbuf_addf(sb, " %s ", or_word);
		strbuf_addf(sb, "<%s>", tok);
	}
	strbuf_release(&plain);
}

/* 1 if an earlier pass said this already. */
static int already_said(const struct translator *tr, long line, const char *en)
{
	size_t i;

	for (i = 0; i < tr->known; i++)
		if (tr->out->items[i].line == line && !strcmp(tr->out->items[i].en, en))
			return 1;
	return 0;
}

static void translate(struct translator *tr, xmlErrorPtr e)
{
	xmlNodePtr node = e->node;
	const char *msg = e->message ? e->message : "invalid";
	const char *colon = strstr(msg, "': ");
	struct strbuf elem, attr, subj_en, subj_th, en, th, x, y, where;
	const char *attr_th, *rest;
	char *code = NULL;

	strbuf_init(&elem);
	strbuf_init(&attr);
	strbuf_init(&subj_en);
	strbuf_init(&subj_th);
	strbuf_init(&en);
	strbuf_init(&th);
	strbuf_init(&x);
	strbuf_init(&y);
	strbuf_init(&where);
	if (!strncmp(msg, "Element '", 9) && colon) {
		struct strbuf head;

		strbuf_init(&head);
		strbuf_add(&head, msg + 9, (size_t)(colon - msg - 9));
		/* head: "{ns}name" or "{ns}name', attribute 'a" */
		{
			char *a = strstr(head.buf, "', attribute '");

			if (a) {
				strbuf_addstr(&attr, a + 14);
				*a = '\0';
			}
		}
		strip_namespaces(&elem, head.buf);
		strbuf_release(&head);
		rest = colon + 3;
	} else {
		rest = msg;
	}
	if (node && node->type == XML_ATTRIBUTE_NODE)
		node = node->parent;
	if (node && node->type == XML_ELEMENT_NODE)
		code = tt_xml_attr(node, "code");
	if (elem.len) {
		const char *eth = word_th(tr->words, elem.buf);

		if (code && *code) {
			strbuf_addf(&subj_en, "%s '%s'", elem.buf, code);
			strbuf_addf(&subj_th, "%s '%s'", eth, code);
		} else {
			strbuf_addf(&subj_en, "<%s>", elem.buf);
			if (strcmp(eth, elem.buf))
				strbuf_addf(&subj_th, "%s <%s>", eth, elem.buf);
			else
				strbuf_addf(&subj_th, "<%s>", elem.buf);
		}
	} else {
		strbuf_addstr(&subj_en, "the document");
		strbuf_addstr(&subj_th, "เอกสาร");
	}
	attr_th = attr.len ? word_th(tr->words, attr.buf) : "";
	/* what the value is: "type 'precent'" / "ชนิดค่า (type) 'precent'" */
	strbuf_addf(&where, "%d|%s|%s", e->line, elem.buf, attr.buf);

	if (strstr(rest, "[facet 'enumeration']") && !quoted_after(rest, "The value ", &x)) {
		{
			struct strbuf set_en, set_th;

			strbuf_init(&set_en);
			strbuf_init(&set_th);
			value_set(rest, &set_en, &set_th);
			if (attr.len) {
				strbuf_addf(&en, "%s: %s '%s' is not one of %s", subj_en.buf, attr.buf,
					    x.buf, set_en.buf);
				strbuf_addf(&th, "%s: %s (%s) '%s' ใช้ไม่ได้ ต้องเป็น %s", subj_th.buf,
					    attr_th, attr.buf, x.buf, set_th.buf);
			} else {
				strbuf_addf(&en, "%s: '%s' is not one of %s", subj_en.buf, x.buf,
					    set_en.buf);
				strbuf_addf(&th, "%s: '%s' ใช้ไม่ได้ ต้องเป็น %s", subj_th.buf, x.buf,
					    set_th.buf);
			}
			strbuf_release(&set_en);
			strbuf_release(&set_th);
		}
	} else if (strstr(rest, "is required but missing") &&
		   !quoted_after(rest, "The attribute ", &x)) {
		const char *xth = word_th(tr->words, x.buf);

		strbuf_addf(&en, "%s has no %s, which is required", subj_en.buf, x.buf);
		if (strcmp(xth, x.buf))
			strbuf_addf(&th, "%s ไม่ได้ระบุ%s (%s) ซึ่งต้องระบุ", subj_th.buf, xth, x.buf);
		else
			strbuf_addf(&th, "%s ไม่ได้ระบุ %s ซึ่งต้องระบุ", subj_th.buf, x.buf);
	} else if (strstr(rest, "is not allowed.") && !quoted_after(rest, "The attribute ", &x)) {
		strbuf_addf(&en, "%s: there is no attribute '%s' (is it misspelt?)", subj_en.buf,
			    x.buf);
		strbuf_addf(&th, "%s: ไม่มีแอตทริบิวต์ชื่อ '%s' (สะกดผิดหรือไม่)", subj_th.buf, x.buf);
	} else if (strstr(rest, "is not a valid value of the") && *rest == '\'' &&
		   !quoted_after(rest, "", &x)) {
		const char *want_en, *want_th;
		const char *type = strstr(rest, "type");

		type_words(type ? type : "", &want_en, &want_th);
		if (!want_en && strstr(rest, "list type"))
			type_words("month", &want_en, &want_th);
		if (tr->last_line == e->line && !strcmp(tr->last_where.buf, where.buf)) {
			/* the facet that failed has been said already */
			goto out;
		}
		if (want_en) {
			strbuf_addf(&en, "%s: %s '%s' is not %s", subj_en.buf,
				    attr.len ? attr.buf : "value", x.buf, want_en);
			strbuf_addf(&th, "%s: %s '%s' ไม่ใช่%s", subj_th.buf,
				    attr.len ? attr_th : "ค่า", x.buf, want_th);
		} else {
			strbuf_addf(&en, "%s: %s '%s' is not a value allowed here", subj_en.buf,
				    attr.len ? attr.buf : "value", x.buf);
			strbuf_addf(&th, "%s: %s '%s' เป็นค่าที่ใช้ไม่ได้", subj_th.buf,
				    attr.len ? attr_th : "ค่า", x.buf);
		}
	} else if (strstr(rest, "[facet 'pattern']") && !quoted_after(rest, "The value ", &x)) {
		strbuf_addf(&en, "%s: %s '%s' is not a valid code (letters A-Z, digits, '-' and '_'"
			    " only, no spaces, at most 32)", subj_en.buf, attr.len ? attr.buf : "value",
			    x.buf);
		strbuf_addf(&th, "%s: %s '%s' ไม่ใช่รหัสที่ใช้ได้ (ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข - และ _"
			    " ไม่มีช่องว่าง ยาวไม่เกิน 32 ตัว)", subj_th.buf, attr.len ? attr_th : "ค่า",
			    x.buf);
	} else if (strstr(rest, "[facet 'minLength']")) {
		strbuf_addf(&en, "%s: %s is empty", subj_en.buf, attr.len ? attr.buf : "the text");
		if (attr.len)
			strbuf_addf(&th, "%s: %s ว่างอยู่ ต้องกรอก", subj_th.buf, attr_th);
		else
			strbuf_addf(&th, "%s: ไม่มีข้อความ ต้องกรอก", subj_th.buf);
	} else if (strstr(rest, "[facet 'maxLength']") &&
		   !quoted_after(rest, "maximum length of ", &x)) {
		strbuf_addf(&en, "%s: %s is longer than %s characters", subj_en.buf,
			    attr.len ? attr.buf : "the text", x.buf);
		strbuf_addf(&th, "%s: %s ยาวเกิน %s ตัวอักษร", subj_th.buf,
			    attr.len ? attr_th : "ข้อความ", x.buf);
	} else if ((strstr(rest, "[facet 'minInclusive']") || strstr(rest, "[facet 'maxInclusive']") ||
		    strstr(rest, "[facet 'minExclusive']") || strstr(rest, "[facet 'maxExclusive']")) &&
		   !quoted_after(rest, "The value ", &x) && !quoted_after(rest, "allowed (", &y)) {
		int min = strstr(rest, "'min") != NULL, excl = strstr(rest, "Exclusive") != NULL;

		strbuf_addf(&en, "%s: %s '%s' must be %s %s", subj_en.buf,
			    attr.len ? attr.buf : "value", x.buf,
			    min ? (excl ? "more than" : "at least") : (excl ? "less than" : "at most"),
			    y.buf);
		strbuf_addf(&th, "%s: %s '%s' ต้อง%s %s", subj_th.buf, attr.len ? attr_th : "ค่า",
			    x.buf, min ? (excl ? "มากกว่า" : "ไม่น้อยกว่า") : (excl ? "น้อยกว่า" : "ไม่เกิน"),
			    y.buf);
	} else if (strstr(rest, "This element is not expected")) {
		const char *exp = strstr(rest, "Expected is");

		strbuf_addf(&en, "<%s> is not expected here", elem.buf);
		strbuf_addf(&th, "ไม่ควรมี <%s> ตรงนี้", elem.buf);
		if (exp) {
			strbuf_addstr(&en, " (a misspelt name, or out of order?); expected here: ");
			expected_list(&en, exp + 11, "or");
			strbuf_addstr(&th, " (สะกดผิดหรือวางผิดลำดับหรือไม่) ตรงนี้ควรเป็น ");
			expected_list(&th, exp + 11, "หรือ");
		}
	} else if (strstr(rest, "Missing child element")) {
		const char *exp = strstr(rest, "Expected is");

		strbuf_addf(&en, "%s lacks an element it must have: ", subj_en.buf);
		strbuf_addf(&th, "%s ขาดส่วนที่ต้องมี: ", subj_th.buf);
		expected_list(&en, exp ? exp + 11 : "", "or");
		expected_list(&th, exp ? exp + 11 : "", "หรือ");
	} else if (strstr(rest, "Duplicate key-sequence") && !quoted_after(rest, "[", &x)) {
		strbuf_addf(&en, "code '%s' is used twice: each code may appear once in the document",
			    x.buf);
		strbuf_addf(&th, "รหัส '%s' ซ้ำกัน รหัสแต่ละรหัสใช้ได้ครั้งเดียวในเอกสาร", x.buf);
	} else if (strstr(rest, "Character content other than whitespace")) {
		strbuf_addf(&en, "%s holds text, which belongs in an attribute or a child element",
			    subj_en.buf);
		strbuf_addf(&th, "%s มีข้อความอยู่ภายใน ซึ่งไม่ควรมี (ข้อความต้องอยู่ในแอตทริบิวต์)",
			    subj_th.buf);
	} else if (strstr(rest, "No matching global declaration")) {
		xmlNodePtr root = node && node->doc ? xmlDocGetRootElement(node->doc) : NULL;
		const char *want = word_th(tr->words, "#root");

		strbuf_addf(&en, "the root element%s%s%s is not the one expected (%s),"
			    " or its namespace (xmlns) is missing or misspelt",
			    root ? " <" : "", root ? (const char *)root->name : "", root ? ">" : "",
			    want);
		strbuf_addf(&th, "องค์ประกอบราก%s%s%s ไม่ใช่ที่กำหนด (%s) หรือไม่ได้ระบุ xmlns"
			    " หรือระบุผิด", root ? " <" : "", root ? (const char *)root->name : "",
			    root ? ">" : "", want);
	} else {
		struct strbuf plain;

		strbuf_init(&plain);
		strip_namespaces(&plain, msg);
		trim_newline(plain.buf);
		strbuf_addf(&en, "%s", plain.buf);
		strbuf_addf(&th, "ไม่ตรงตามแบบที่กำหนด: %s", plain.buf);
		strbuf_release(&plain);
	}
	trim_newline(en.buf);
	if (!already_said(tr, e->line, en.buf))
		xml_problems_add(tr->out, e->line, th.buf, en.buf);
	/* the error's code, not only its text: an attribute's value may say
	   "This element is not expected" too */
	if (e->code == XML_SCHEMAV_ELEMENT_CONTENT &&
	    strstr(rest, "This element is not expected") && node &&
	    node->type == XML_ELEMENT_NODE && tr->nr_unexpected < 16)
		tr->unexpected[tr->nr_unexpected++] = node;
out:
	tr->last_line = e->line;
	strbuf_reset(&tr->last_where);
	strbuf_addstr(&tr->last_where, where.buf);
	free(code);
	strbuf_release(&elem);
	strbuf_release(&attr);
	strbuf_release(&subj_en);
	strbuf_release(&subj_th);
	strbuf_release(&en);
	strbuf_release(&th);
	strbuf_release(&x);
	strbuf_release(&y);
	strbuf_release(&where);
}

static void collect_error(void *data, xmlErrorPtr e)
{
	struct translator *tr = data;

	/* an echo of a value already found invalid says nothing more */
	if (!e || e->level < XML_ERR_ERROR ||
	    (e->message && strstr(e->message, "No precomputed value available")))
		return;
	translate(tr, e);
}

static void schema_error(void *data, xmlErrorPtr e)
{
	struct translator *tr = data;

	if (tr->seen || !e || e->level < XML_ERR_ERROR)
		return;
	tr->seen = 1;
	tt_strlcpy(tr->first, e->message ? e->message : "invalid", sizeof(tr->first));
	trim_newline(tr->first);
}

/*
 * 1 if the i-th element out of place is to be taken out of the copy: not
 * the root, not one found before it, and not inside another taken out
 * (which frees it along).
 */
static int taken_out(const struct translator *tr, size_t i)
{
	xmlNodePtr node = tr->unexpected[i], up;
	size_t k;

	if (!node->parent || node->parent->type != XML_ELEMENT_NODE)
		return 0;
	for (k = 0; k < tr->nr_unexpected; k++) {
		if (k < i && tr->unexpected[k] == node)
			return 0;
		for (up = node->parent; k != i && up; up = up->parent)
			if (up == tr->unexpected[k])
				return 0;
	}
	return 1;
}

/*
 * The schemas compiled in this process, by their path as given: each XSD
 * is read and compiled once a process and kept until it ends (compiled
 * again for every form, submission.xsd was a tenth of ingest's CPU).  A
 * schema that cannot be compiled is not kept: each use says so again.
 */
#define SCHEMAS_KEPT 8

static struct {
	char *path;
	xmlSchemaPtr schema;
} schemas_kept[SCHEMAS_KEPT];
static size_t nr_schemas_kept;

static xmlSchemaPtr schema_kept(const char *path)
{
	size_t i;

	for (i = 0; i < nr_schemas_kept; i++)
		if (!strcmp(schemas_kept[i].path, path))
			return schemas_kept[i].schema;
	return NULL;
}

/* Keep schema, compiled from path: 1, or 0 when there is no room (the caller frees it). */
static int keep_schema(const char *path, xmlSchemaPtr schema)
{
	if (nr_schemas_kept == SCHEMAS_KEPT)
		return 0;
	schemas_kept[nr_schemas_kept].path = xstrdup(path);
	schemas_kept[nr_schemas_kept++].schema = schema;
	return 1;
}

int tt_xml_validate_all(xmlDocPtr doc, const char *schema_path, const struct xml_word *words,
			struct xml_problems *out, struct tt_error *err)
{
	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaPtr schema = NULL, compiled = NULL;
	xmlSchemaValidCtxtPtr vctxt = NULL;
	struct translator tr;
	xmlDocPtr copy = NULL;
	size_t before = out->nr;
	int rc = TT_EIO, pass;

	memset(&tr, 0, sizeof(tr));
	tr.words = words;
	tr.out = out;
	strbuf_init(&tr.last_where);
	if (access(schema_path, R_OK)) {
		/* said here, before libxml2 prints a warning of its own */
		rc = tt_error_set(err, TT_EIO, "could not load schema '%s': %s", schema_path,
				  strerror(errno));
		goto out;
	}
	if (!(schema = schema_kept(schema_path))) {
		pctxt = xmlSchemaNewParserCtxt(schema_path);
		if (!pctxt)
			goto schema_failed;
		xmlSchemaSetParserStructuredErrors(pctxt, schema_error, &tr);
		schema = xmlSchemaParse(pctxt);
		if (!schema)
			goto schema_failed;
		if (!keep_schema(schema_path, schema))
			compiled = schema;  /* freed after this document */
	}
	vctxt = xmlSchemaNewValidCtxt(schema);
	if (!vctxt)
		goto schema_failed;
	xmlSchemaSetValidStructuredErrors(vctxt, collect_error, &tr);
	/*
	 * The schema stops looking at an element's children at the first one
	 * out of place.  So that one mistake does not hide the next, such
	 * elements are taken out of a copy and the copy is checked again.
	 */
	for (pass = 0; pass < 16; pass++) {
		int invalid, take[sizeof(tr.unexpected) / sizeof(tr.unexpected[0])];
		size_t i;

		tr.nr_unexpected = 0;
		tr.known = out->nr;
		tr.last_line = 0;
		strbuf_reset(&tr.last_where);
		invalid = xmlSchemaValidateDoc(vctxt, copy ? copy : doc) != 0;
		if (invalid && out->nr == before)
			xml_problems_add(out, 0, "เอกสารไม่ตรงตามแบบที่กำหนด",
					 "the document does not match its schema");
		if (!invalid || !tr.nr_unexpected)
			break;
		if (!copy) {
			/* the elements to take out are found again in a copy of the document */
			copy = xmlCopyDoc(doc, 1);
			if (!copy)
				break;
			continue;
		}
		/* decided for all before any is freed */
		for (i = 0; i < tr.nr_unexpected; i++)
			take[i] = taken_out(&tr, i);
		for (i = 0; i < tr.nr_unexpected; i++) {
			if (!take[i])
				continue;
			xmlUnlinkNode(tr.unexpected[i]);
			xmlFreeNode(tr.unexpected[i]);
		}
	}
	rc = out->nr > before ? TT_EPARSE : 0;
	goto out;
schema_failed:
	rc = tt_error_set(err, TT_EIO, "could not load schema '%s'%s%s", schema_path,
			  tr.seen ? ": " : "", tr.seen ? tr.first : "");
out:
	xmlFreeDoc(copy);
	strbuf_release(&tr.last_where);
	xmlSchemaFreeValidCtxt(vctxt);
	xmlSchemaFree(compiled);
	xmlSchemaFreeParserCtxt(pctxt);
	return rc;
}

int tt_xml_validate(xmlDocPtr doc, const char *schema_path, const char *name,
		    struct tt_error *err)
{
	struct xml_problems p;
	int rc;

	xml_problems_init(&p);
	rc = tt_xml_validate_all(doc, schema_path, NULL, &p, err);
	if (rc == TT_EPARSE) {
		xml_problems_sort(&p);
		tt_error_set(err, TT_EPARSE, "does not match schema '%s': %s", schema_path,
			     p.items[0].en);
		tt_error_at(err, name, p.items[0].line, NULL);
	}
	xml_problems_release(&p);
	return rc;
}

int tt_xml_fail(struct tt_error *err, const char *name, xmlNodePtr node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tt_error_vset(err, TT_EPARSE, fmt, ap);
	va_end(ap);
	tt_error_at(err, name, node ? xmlGetLineNo(node) : 0, NULL);
	return TT_EPARSE;
}

char *tt_xml_attr(xmlNodePtr node, const char *attr)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)attr);
	char *s;

	if (!v)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

int tt_xml_is(xmlNodePtr node, const char *local_name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)node->name, local_name);
}

char *tt_xml_text(xmlNodePtr node)
{
	xmlChar *v = xmlNodeGetContent(node);
	char *s = xstrdup(v ? (const char *)v : "");

	xmlFree(v);
	return s;
}
