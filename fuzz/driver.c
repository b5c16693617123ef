/*
 * driver.c - replaying inputs through a fuzz target without libFuzzer.
 *
 *   fuzz-<target> PATH...
 *
 * Each PATH is a file or a folder whose files (not those whose names
 * begin with '.', nor README, LICENSE or *.md files) are read whole, in
 * name order, and handed to LLVMFuzzerTestOneInput() one at a time.  A
 * crash or a failed property aborts the program; otherwise it prints how
 * many inputs it replayed ("replayed N inputs") and exits 0.  Exit 3 when a
 * path cannot be read.  This is how `make test` replays fuzz/corpus and
 * fuzz/regress with the normal compiler (and under `make sanitize` with
 * AddressSanitizer), clang or not.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static int replay_file(const char *path, long *count)
{
	struct tt_error err;
	char *data;
	size_t len;

	if (tt_read_file(path, &data, &len, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 3;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	(*count)++;
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Not an input: dot files and the notes kept beside the inputs. */
static int skipped(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || !strcmp(name, "README") || !strncmp(name, "LICENSE", 7) ||
	       (n > 3 && !strcmp(name + n - 3, ".md"));
}

static int replay_dir(const char *path, long *count)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t nr = 0, alloc = 0, i;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "could not open '%s': %s\n", path, strerror(errno));
		return 3;
	}
	while ((e = readdir(d)))
		if (!skipped(e->d_name)) {
			xgrow(&names, &alloc, nr + 1, sizeof(*names));
			names[nr++] = xstrdup(e->d_name);
		}
	closedir(d);
	if (nr)  /* qsort() may not be given NULL, even for nothing */
		qsort(names, nr, sizeof(*names), compare_names);
	for (i = 0; i < nr; i++) {
		struct strbuf sb;
		struct stat st;

		strbuf_init(&sb);
		strbuf_addf(&sb, "%s/%s", path, names[i]);
		if (!rc && !stat(sb.buf, &st) && S_ISREG(st.st_mode))
			rc = replay_file(sb.buf, count);
		strbuf_release(&sb);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	long count = 0;
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH...\n", argv[0]);
		return 2;
	}
	for (i = 1; !rc && i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st)) {
			fprintf(stderr, "could not read '%s': %s\n", argv[i], strerror(errno));
			rc = 3;
		} else if (S_ISDIR(st.st_mode)) {
			rc = replay_dir(argv[i], &count);
		} else {
			rc = replay_file(argv[i], &count);
		}
	}
	if (!rc)
		printf("replayed %ld inputs\n", count);
	return rc;
}
