/*
 * test.h - the smallest test harness: CHECK() counts, main() reports
 * "N passed, N failed" and exits non-zero on any failure.
 */
#ifndef TIDTAM_TEST_H
#define TIDTAM_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond) do { \
	if (cond) { test_passed++; } else { test_failed++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ && b_ && !strcmp(a_, b_)) { test_passed++; } else { test_failed++; \
		fprintf(stderr, "%s:%d: '%s' != '%s'\n", __FILE__, __LINE__, \
			a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } \
} while (0)

#define CHECK_NEAR(a, b) do { \
	double a_ = (a), b_ = (b); \
	if (fabs(a_ - b_) < 1e-9) { test_passed++; } else { test_failed++; \
		fprintf(stderr, "%s:%d: %.12g != %.12g\n", __FILE__, __LINE__, a_, b_); } \
} while (0)

static inline int test_report(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
