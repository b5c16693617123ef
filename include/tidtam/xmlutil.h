/*
 * xmlutil.h - reading XML the one safe way, and checking it against an XSD.
 *
 * Every XML document tidtam reads (frameworks, forms, templates) goes through
 * tt_xml_read(): no network, no DTD loading, no entity substitution, no
 * "huge" mode, and any document with a DOCTYPE is refused outright, so
 * entity-expansion bombs and external entities never get a chance to run.
 * Thai single-byte text (TIS-620 / Windows-874, however it is labelled) is
 * converted to UTF-8 first; other encodings are left to libxml2.
 */
#ifndef TIDTAM_XMLUTIL_H
#define TIDTAM_XMLUTIL_H

#include <stddef.h>
#include <libxml/tree.h>

struct tt_error;

/*
 * Make libxml2 print nothing: some of its errors (a failed encoding
 * conversion) go to stderr whatever a parser's options say.  Every reader
 * of XML calls this before it parses; errors reach the caller through
 * struct tt_error only.  Process-wide (libxml2's generic error handler).
 */
void tt_xml_silence(void);

/*
 * Parse len bytes of buf as XML.  name is used in messages.  Returns a
 * document the caller frees with xmlFreeDoc(), or NULL with err set
 * (TT_EPARSE, row = line of the problem).
 */
xmlDocPtr tt_xml_read(const char *buf, size_t len, const char *name,
		      struct tt_error *err);

/*
 * What a document may hold, checked before it is parsed, so that nothing is
 * allocated for a document too large: its length in bytes, and its nodes,
 * counted as the '<' and '=' in it (every element, comment and processing
 * instruction starts with '<', every attribute has an '=': a bound on the
 * tree libxml2 would build, whose every node is some hundred bytes).  what
 * names the kind of document in messages ("framework"); what_th in Thai
 * ("กรอบการติดตาม"), and hint_th (or NULL) adds to the Thai message of a
 * document too large what its limit leaves room for, for a checker that
 * lists problems (tt_xml_read_problems()).  0: no limit.
 * libxml2's own limits hold as well: no "huge" mode, so a text node or an
 * attribute value of at most 10 MB and elements nested 256 deep at most.
 */
struct tt_xml_limits {
	const char *what;
	size_t bytes, nodes;
	const char *what_th, *hint_th;
};

/*
 * 1 if the document in buf (len bytes) begins with the element local_name
 * (as its root), read no further than that element's start tag: what a
 * document means to be is known without building it.  0 for anything
 * else, a document with a DOCTYPE included.
 */
int tt_xml_root_is(const char *buf, size_t len, const char *local_name);
/*
 * The local name of the document's root element, read as tt_xml_root_is()
 * reads it, into name (size bytes, cut to fit); "" when there is none to
 * read.  For a caller asking more than one name of the same bytes.
 */
void tt_xml_root_name(const char *buf, size_t len, char *name, size_t size);

/*
 * tt_xml_read() within lim: a document over a limit is refused unparsed
 * with TT_EPARSE and issue E-TOOLARGE (error.h), its message naming the
 * limit.
 */
xmlDocPtr tt_xml_read_limited(const char *buf, size_t len, const char *name,
			      const struct tt_xml_limits *lim, struct tt_error *err);

/*
 * Validate doc against the XSD at schema_path.  Returns 0, TT_EPARSE with
 * err naming the line and the problem, or TT_EIO if the schema itself
 * cannot be loaded.
 */
int tt_xml_validate(xmlDocPtr doc, const char *schema_path, const char *name,
		    struct tt_error *err);

/*
 * Fail at node: err gets TT_EPARSE, the message and the node's line in the
 * document called name.  Returns TT_EPARSE.
 */
int tt_xml_fail(struct tt_error *err, const char *name, xmlNodePtr node, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Problems found in a document, each at its line, as a Thai and an English
 * sentence an analyst can act on.  An error makes the document unusable; a
 * warning says something looks wrong but the document is still taken.  The
 * list owns its strings.
 */
struct xml_problem {
	long line;       /* 0 when unknown */
	int warning;     /* 1: a warning, 0: an error */
	char *th, *en;
};

struct xml_problems {
	struct xml_problem *items;
	size_t nr, alloc;
};

void xml_problems_init(struct xml_problems *p);
/* Free every problem; p may be reused after xml_problems_init(). */
void xml_problems_release(struct xml_problems *p);
/* Add an error at line: th and en are copied. */
void xml_problems_add(struct xml_problems *p, long line, const char *th, const char *en);
/* Add a warning at line: th and en are copied. */
void xml_problems_warn(struct xml_problems *p, long line, const char *th, const char *en);
/* How many of the problems are errors (not warnings). */
size_t xml_problems_errors(const struct xml_problems *p);
/* Sort the problems by line, keeping the order of those on one line. */
void xml_problems_sort(struct xml_problems *p);

/*
 * tt_xml_read_limited(), for a checker that lists problems: a document that
 * cannot be read is added to out as an error at its line, in Thai and
 * English (too large, saying in Thai the limits of lim and lim->hint_th; a
 * DOCTYPE; XML not well-formed), and NULL returned with *rc TT_EPARSE;
 * or NULL with *rc TT_EIO and err (if not NULL) set when the system failed.
 */
xmlDocPtr tt_xml_read_problems(const char *buf, size_t len, const char *name,
			       const struct tt_xml_limits *lim, struct xml_problems *out,
			       struct tt_error *err, int *rc);

/*
 * A loader's reading of a document: tt_xml_read_limited() within lim, then,
 * when schema_path is not NULL, check (its own checker: the schema and what
 * a schema cannot say, adding to a list of problems) with its first error
 * put into err (xml_problems_first(), more naming where every problem is
 * listed).  Returns the document (the caller frees it), or NULL with err
 * set and *rc TT_EPARSE or TT_EIO.
 */
struct xml_problems;
typedef int (*tt_xml_check_fn)(xmlDocPtr doc, const char *schema_path,
			       struct xml_problems *out, struct tt_error *err);
xmlDocPtr tt_xml_read_checked(const char *buf, size_t len, const char *name,
			      const struct tt_xml_limits *lim, const char *schema_path,
			      tt_xml_check_fn check, const char *more, struct tt_error *err,
			      int *rc);

/*
 * The first error of p (warnings passed over) into err, at its line of the
 * document called name, TT_EPARSE; " (and more: <more>)" added when p
 * has other errors.  Returns TT_EPARSE.  p must hold an error.
 */
int xml_problems_first(const struct xml_problems *p, const char *name, const char *more,
		       struct tt_error *err);

/*
 * What an element or attribute is called in the messages: its name as
 * written in the XML, and in Thai ("indicator", "ตัวชี้วัด").  A table of
 * them ends with a { NULL, NULL } entry.
 */
struct xml_word {
	const char *name, *th;
};

/*
 * Validate doc against the XSD at schema_path and add every problem the
 * schema finds to out, in plain words rather than the schema's own: a
 * missing required attribute, a value not among those allowed, a value that
 * is not a number or a date, an unexpected or missing element, a code used
 * twice.  An element is named by its word in words (may be NULL) and its
 * code attribute when it has one.  Returns 0 when the document is valid,
 * TT_EPARSE when problems were added, or TT_EIO (err set) when the schema
 * itself cannot be loaded.
 */
int tt_xml_validate_all(xmlDocPtr doc, const char *schema_path, const struct xml_word *words,
			struct xml_problems *out, struct tt_error *err);

/* The attribute's value as a new string (caller frees with free()), or NULL. */
char *tt_xml_attr(xmlNodePtr node, const char *attr);

/* 1 if node is an element with the given local name. */
int tt_xml_is(xmlNodePtr node, const char *local_name);

/* The text content of node, as a new string (caller frees), never NULL. */
char *tt_xml_text(xmlNodePtr node);

#endif
