/*
 * fuzz.h - what the fuzz targets under fuzz/ share.
 *
 * Each fuzz/fuzz-<target>.c defines LLVMFuzzerTestOneInput(), which feeds
 * one input to a reader the way ingest, validate or render calls it, and
 * checks what must hold whatever the input: no crash, no leak, no global
 * state left behind, every message valid UTF-8, and the target's own
 * properties (the same rows whatever the chunk size ...).  A property that
 * fails calls fuzz_fail(), which aborts, so that libFuzzer (make fuzz) and
 * the plain replay driver (fuzz/driver.c, make test) both report it.
 *
 * The harnesses are built twice: with clang and -fsanitize=fuzzer for
 * `make fuzz`, and with the normal compiler and fuzz/driver.c as
 * build/tests/fuzz-<target> for the replay of fuzz/corpus and fuzz/regress
 * in `make test` (tests/e2e/t0120).
 */
#ifndef TIDTAM_FUZZ_H
#define TIDTAM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "tidtam/expr.h"

struct record;
struct tt_error;

/* The entry point libFuzzer and fuzz/driver.c call: 0, always. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print "property failed: what" and abort: a finding. */
void fuzz_fail(const char *what) __attribute__((noreturn));
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(#cond))

/*
 * The schema templates/schema/<file> of the source tree the target was
 * built in (TIDTAM_FUZZ_SCHEMAS names another folder).  Borrowed.
 */
const char *fuzz_schema(const char *file);

/* A NUL-terminated copy of the input (it ends at its first NUL); caller frees. */
char *fuzz_string(const uint8_t *data, size_t size);

/*
 * Write the input to `name` in a temporary folder of this process (made
 * once, removed at exit) and return its path, for readers that open a
 * path.  Borrowed until the next call with the same name.
 */
const char *fuzz_temp_file(const char *name, const void *data, size_t size);

/* 1 if s holds len bytes of valid UTF-8 (any characters, NUL excepted). */
int fuzz_utf8(const char *s, size_t len);

/* The message, file and column of err are valid UTF-8 (when err is set). */
void fuzz_check_error(const struct tt_error *err);

/*
 * Read a record as ingest does: every field, trimmed, Thai digits made
 * ASCII, years, rounds, dates and numbers parsed.  Its strings must be
 * valid UTF-8.  Returns 0, a record_fn.
 */
int fuzz_record(const struct record *rec, void *ctx);

/* An FNV-1a hash of len bytes, continuing from h (start with FUZZ_HASH0). */
#define FUZZ_HASH0 14695981039346656037ULL
uint64_t fuzz_hash(uint64_t h, const void *data, size_t len);

/*
 * An expr_lookup_fn giving every code and part a value of its own (from
 * -1000 to 1000), or none (one in five), or 0 (one in seven of the rest).
 */
int fuzz_lookup(const char *code, enum expr_part part, double *out, void *ctx);

/* Forget libxml2's last error (global state) after a run. */
void fuzz_xml_reset(void);

#endif
