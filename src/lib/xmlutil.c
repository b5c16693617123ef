/*
 * xmlutil.c - safe XML parsing and XSD validation on top of libxml2.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
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

xmlDocPtr tt_xml_read(const char *buf, size_t len, const char *name,
		      struct tt_error *err)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const char *encoding;
	char *copy;

	if (len > (size_t)1 << 30) {
		tt_error_set(err, TT_EPARSE, "XML document is too large");
		tt_error_at(err, name, 0, NULL);
		return NULL;
	}
	if (memmem(buf, len, "<!DOCTYPE", 9)) {
		/* refused before parsing: no entity or DTD is ever looked at */
		tt_error_set(err, TT_EPARSE,
			     "XML with a DOCTYPE is refused (entities and DTDs are not allowed)");
		tt_error_at(err, name, 0, NULL);
		return NULL;
	}
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

struct first_error {
	int seen;
	int line;
	char message[400];
};

static void keep_first_error(void *data, xmlErrorPtr e)
{
	struct first_error *fe = data;

	if (fe->seen || !e || e->level < XML_ERR_ERROR)
		return;
	fe->seen = 1;
	fe->line = e->line;
	tt_strlcpy(fe->message, e->message ? e->message : "invalid", sizeof(fe->message));
	trim_newline(fe->message);
}

int tt_xml_validate(xmlDocPtr doc, const char *schema_path, const char *name,
		    struct tt_error *err)
{
	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vctxt = NULL;
	struct first_error fe = { 0, 0, "" };
	int rc = TT_EIO;

	pctxt = xmlSchemaNewParserCtxt(schema_path);
	if (!pctxt)
		goto schema_failed;
	xmlSchemaSetParserStructuredErrors(pctxt, keep_first_error, &fe);
	schema = xmlSchemaParse(pctxt);
	if (!schema)
		goto schema_failed;
	vctxt = xmlSchemaNewValidCtxt(schema);
	if (!vctxt)
		goto schema_failed;
	xmlSchemaSetValidStructuredErrors(vctxt, keep_first_error, &fe);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0) {
		rc = tt_error_set(err, TT_EPARSE, "does not match schema '%s': %s",
				  schema_path, fe.seen ? fe.message : "invalid");
		tt_error_at(err, name, fe.line, NULL);
		goto out;
	}
	rc = 0;
	goto out;
schema_failed:
	rc = tt_error_set(err, TT_EIO, "could not load schema '%s'%s%s", schema_path,
			  fe.seen ? ": " : "", fe.seen ? fe.message : "");
out:
	xmlSchemaFreeValidCtxt(vctxt);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pctxt);
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
