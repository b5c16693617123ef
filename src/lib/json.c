/*
 * json.c - a JSON writer: nesting, commas, indentation and escaping, so
 * that every JSON tidtam writes (exports, status, the machine-readable
 * validation reports) is written one way.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/json.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

void json_init(struct json_writer *w, struct strbuf *out)
{
	w->out = out;
	w->depth = 0;
	w->first[0] = 1;
	w->after_key = 0;
}

static void indent(struct json_writer *w)
{
	int i;

	strbuf_addch(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		strbuf_addstr(w->out, "  ");
}

/* Before a value (or a key): the comma and the new line it needs. */
static void before_value(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (!w->first[w->depth])
			strbuf_addch(w->out, ',');
		indent(w);
	}
	w->first[w->depth] = 0;
}

static void begin(struct json_writer *w, int c)
{
	before_value(w);
	strbuf_addch(w->out, c);
	assert(w->depth + 1 < JSON_MAX_DEPTH); /* our own documents are shallow */
	w->depth++;
	w->first[w->depth] = 1;
}

static void end(struct json_writer *w, int c)
{
	int empty;

	assert(w->depth > 0 && !w->after_key); /* begin and end pair */
	empty = w->first[w->depth];
	w->depth--;
	if (!empty)
		indent(w);
	strbuf_addch(w->out, c);
}

void json_begin_object(struct json_writer *w)
{
	begin(w, '{');
}

void json_end_object(struct json_writer *w)
{
	end(w, '}');
}

void json_begin_array(struct json_writer *w)
{
	begin(w, '[');
}

void json_end_array(struct json_writer *w)
{
	end(w, ']');
}

void json_quote(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	strbuf_addch(out, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"':
			strbuf_addstr(out, "\\\"");
			break;
		case '\\':
			strbuf_addstr(out, "\\\\");
			break;
		case '\n':
			strbuf_addstr(out, "\\n");
			break;
		case '\r':
			strbuf_addstr(out, "\\r");
			break;
		case '\t':
			strbuf_addstr(out, "\\t");
			break;
		default:
			if (*p < 0x20)
				strbuf_addf(out, "\\u%04x", *p);
			else
				strbuf_addch(out, *p);
		}
	}
	strbuf_addch(out, '"');
}

void json_key(struct json_writer *w, const char *key)
{
	before_value(w);
	json_quote(w->out, key);
	strbuf_addstr(w->out, ": ");
	w->after_key = 1;
}

void json_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_null(w);
		return;
	}
	before_value(w);
	json_quote(w->out, s);
}

void json_number(struct json_writer *w, double v)
{
	char buf[40];

	if (!isfinite(v)) {
		json_null(w);
		return;
	}
	before_value(w);
	if (v == 0)
		v = 0; /* no "-0" */
	snprintf(buf, sizeof(buf), "%.15g", v);
	strbuf_addstr(w->out, buf);
}

void json_integer(struct json_writer *w, long long v)
{
	before_value(w);
	strbuf_addf(w->out, "%lld", v);
}

/* Is text a number as JSON writes one: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return 0;
	if (*p == '.') {
		if (!(*++p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return !*p;
}

void json_number_text(struct json_writer *w, const char *text)
{
	if (!text) {
		json_null(w);
		return;
	}
	if (!is_json_number(text)) {
		json_string(w, text);
		return;
	}
	before_value(w);
	strbuf_addstr(w->out, text);
}

void json_bool(struct json_writer *w, int v)
{
	before_value(w);
	strbuf_addstr(w->out, v ? "true" : "false");
}

void json_null(struct json_writer *w)
{
	before_value(w);
	strbuf_addstr(w->out, "null");
}

void json_member_string(struct json_writer *w, const char *key, const char *s)
{
	json_key(w, key);
	json_string(w, s);
}

void json_member_integer(struct json_writer *w, const char *key, long long v)
{
	json_key(w, key);
	json_integer(w, v);
}

void json_member_optional_integer(struct json_writer *w, const char *key, long long v,
				  int known)
{
	json_key(w, key);
	if (known)
		json_integer(w, v);
	else
		json_null(w);
}

void json_finish(struct json_writer *w)
{
	assert(w->depth == 0 && !w->after_key); /* every begin has its end */
	strbuf_addch(w->out, '\n');
}
