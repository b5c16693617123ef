/*
 * json.h - writing JSON into a strbuf.
 *
 * A writer keeps the nesting and the commas; the caller says what comes
 * next.  Output is UTF-8 as given (strings must be valid UTF-8: the caller's
 * text already is), with control characters, '"' and '\\' escaped, and
 * indented two spaces per level so that files diff well.  Numbers are
 * written as the caller formats them (json_number_text()), so a value keeps
 * the precision it was stored with; json_number() prints a double with up
 * to 15 significant digits and never in a form JSON refuses (NaN and the
 * infinities become null).
 *
 *	struct json_writer w;
 *	json_init(&w, &sb);
 *	json_begin_object(&w);
 *	json_key(&w, "unit"); json_string(&w, "1034530001");
 *	json_key(&w, "value"); json_number(&w, 12.5);
 *	json_end_object(&w);
 *	json_finish(&w);            (adds the final newline)
 */
#ifndef TIDTAM_JSON_H
#define TIDTAM_JSON_H

#include <stddef.h>

struct strbuf;

#define JSON_MAX_DEPTH 32

struct json_writer {
	struct strbuf *out;               /* borrowed; appended to */
	int depth;
	int first[JSON_MAX_DEPTH];        /* nothing written yet at this level */
	int after_key;                    /* a key was written: its value comes next */
};

/* Set up a writer appending to out (which the caller owns). */
void json_init(struct json_writer *w, struct strbuf *out);

/* Objects and arrays; begin and end must pair (asserted), nesting up to JSON_MAX_DEPTH. */
void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);

/* A member's name inside an object; its value is the next call. */
void json_key(struct json_writer *w, const char *key);

/* Values.  json_string(w, NULL) writes null. */
void json_string(struct json_writer *w, const char *s);
void json_number(struct json_writer *w, double v);
void json_integer(struct json_writer *w, long long v);
/* A number already written as JSON allows (e.g. "12.50"); text that is not one is written as a string. */
void json_number_text(struct json_writer *w, const char *text);
void json_bool(struct json_writer *w, int v);
void json_null(struct json_writer *w);

/* Shorthands for a key and its value. */
void json_member_string(struct json_writer *w, const char *key, const char *s);
void json_member_integer(struct json_writer *w, const char *key, long long v);
/* A key and v, or null when known is 0 (a row number a problem has not). */
void json_member_optional_integer(struct json_writer *w, const char *key, long long v,
				  int known);

/* Append s to out as a JSON string literal, quotes included. */
void json_quote(struct strbuf *out, const char *s);

/* End the document: asserts everything is closed and adds a newline. */
void json_finish(struct json_writer *w);

#endif
