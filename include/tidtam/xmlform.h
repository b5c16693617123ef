/*
 * xmlform.h - reading an XML submission form: one unit's round.
 *
 *   <submission xmlns="urn:tidtam:submission:1" unit="1031010001"
 *               fiscal-year="2567" round="6" submitted="2024-04-05">
 *     <value indicator="SAFE01">4</value>
 *     <value indicator="QUAL01" numerator="41" denominator="45"/>
 *     <narrative indicator="SAFE01">
 *       <result>ผลการดำเนินงาน ...</result>
 *       <problems>ปัญหาอุปสรรค ...</problems>
 *       <suggestions>ข้อเสนอแนะ ...</suggestions>
 *     </narrative>
 *   </submission>
 *
 * Parsed through tt_xml_read() (no DTD, no entities, no network).  Each
 * <value> becomes a RECORD_VALUE and each narrative field a RECORD_NARRATIVE
 * with FIELD_NARRATIVE "result", "problems" or "suggestions".
 */
#ifndef TIDTAM_XMLFORM_H
#define TIDTAM_XMLFORM_H

#include <stddef.h>

#include "tidtam/record.h"

struct tt_error;

/*
 * Largest form taken: a form is one unit's round.  2 MiB holds 300
 * indicators each with a page of Thai narrative; 20,000 elements and
 * attributes (xmlutil.h counts them) are six times what 300 indicators with
 * narratives use.  Checked before the form is read (xmlform_read_file())
 * or parsed; over a limit: TT_EPARSE, issue E-TOOLARGE.
 */
#define XMLFORM_MAX_BYTES (2u << 20)
#define XMLFORM_MAX_NODES 20000u

/*
 * Read the form in len bytes of data (name for messages), check it against
 * the XSD at schema_path (templates/schema/submission.xsd; NULL skips the
 * check) and call fn for each record.  Returns 0, TT_EPARSE with err (row =
 * line of the problem), TT_EIO if the schema cannot be loaded, or what fn
 * returned.
 */
int xmlform_read_memory(const char *data, size_t len, const char *name,
			const char *schema_path, record_fn fn, void *ctx,
			struct tt_error *err);

/* The same for the file at path, refused unread over XMLFORM_MAX_BYTES. */
int xmlform_read_file(const char *path, const char *schema_path, record_fn fn, void *ctx,
		      struct tt_error *err);

#endif
