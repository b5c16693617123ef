/*
 * Unit tests of util.c's string sets and pools: a set keeps each string
 * once and says what it holds; a pool gives back every string it was given,
 * byte for byte and NUL-ended, short ones packed into shared blocks, long
 * ones in blocks of their own without losing the room of the block being
 * filled, all alive until it is released; a folder's entries are told
 * apart by type; SHA-256 gives the standard's digests (FIPS 180-2's
 * examples), whole or fed in pieces that cross its 64-byte blocks; a
 * median by selection is the one sorting gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidtam/sha256.h"
#include "tidtam/util.h"
#include "test.h"

static void test_strset(void)
{
	struct tt_strset set = { 0 };
	const char *a, *b;
	char name[32];
	int i;

	a = tt_strset_add(&set, "received-2026-12-05");
	b = tt_strset_add(&set, "received-2026-12-05");
	CHECK(a == b);
	CHECK(tt_strset_has(&set, "received-2026-12-05"));
	CHECK(!tt_strset_has(&set, "received-2026-12-06"));
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		tt_strset_add(&set, name);
	}
	CHECK(set.used == 1001);
	CHECK(tt_strset_add(&set, "received-2026-12-05") == a);
	tt_strset_release(&set);
	CHECK(set.used == 0 && !set.slot);
}

static void test_strpool(void)
{
	struct tt_strpool pool = { 0 };
	enum { N = 20000 };
	const char **kept = calloc(N, sizeof(*kept));
	char *longer = malloc(TT_STRPOOL_BLOCK * 2);
	const char *first_long, *after;
	char expect[64];
	size_t blocks;
	int i, bad = 0;

	/* the part of a string asked for, ended */
	CHECK_STR(tt_strpool_add(&pool, "receipts/2567/1001/a.txt", 20), "receipts/2567/1001/a");
	/* a string longer than a block first: its own block, and the next short one packed */
	memset(longer, 'x', TT_STRPOOL_BLOCK * 2);
	first_long = tt_strpool_add(&pool, longer, TT_STRPOOL_BLOCK * 2 - 1);
	CHECK(strlen(first_long) == TT_STRPOOL_BLOCK * 2 - 1);
	blocks = pool.nr;
	after = tt_strpool_add(&pool, "ก", strlen("ก"));
	CHECK_STR(after, "ก");
	CHECK(pool.nr == blocks); /* the block being filled was kept */
	for (i = 0; i < N; i++) {
		snprintf(expect, sizeof(expect), "input/%d/ไฟล์-%d.csv", i % 97, i);
		kept[i] = tt_strpool_add(&pool, expect, strlen(expect));
		if (i % 1000 == 0)
			tt_strpool_add(&pool, longer, TT_STRPOOL_BLOCK / 4 + i);
	}
	/* every one still as given after the blocks that came later */
	for (i = 0; i < N; i++) {
		snprintf(expect, sizeof(expect), "input/%d/ไฟล์-%d.csv", i % 97, i);
		bad += strcmp(kept[i], expect) != 0;
	}
	CHECK(bad == 0);
	CHECK(strlen(first_long) == TT_STRPOOL_BLOCK * 2 - 1);
	CHECK_STR(after, "ก");
	/* packed: far fewer blocks than strings */
	CHECK(pool.nr < N / 100);
	tt_strpool_release(&pool);
	CHECK(pool.nr == 0 && !pool.block && !pool.left);
	CHECK_STR(tt_strpool_add(&pool, "", 0), "");
	tt_strpool_release(&pool);
	free(kept);
	free(longer);
}

/* A folder's file, folder and link told apart, as the folder says or by lstat(). */
static void test_entry_type(void)
{
	char dir[] = "/tmp/test-util-XXXXXX";
	char path[64];
	struct dirent *e;
	int seen = 0;
	DIR *d;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/f", dir);
	fclose(fopen(path, "w"));
	snprintf(path, sizeof(path), "%s/sub", dir);
	CHECK(!mkdir(path, 0700));
	snprintf(path, sizeof(path), "%s/link", dir);
	CHECK(!symlink("f", path));
	CHECK((d = opendir(dir)) != NULL);
	while (d && (e = readdir(d))) {
		unsigned char type = tt_entry_type(dir, e);

		if (!strcmp(e->d_name, "f")) {
			seen += 1;
			CHECK(type == DT_REG);
		} else if (!strcmp(e->d_name, "sub")) {
			seen += 2;
			CHECK(type == DT_DIR);
		} else if (!strcmp(e->d_name, "link")) {
			seen += 4;
			CHECK(type != DT_REG && type != DT_DIR);
		}
	}
	CHECK(seen == 7);
	if (d)
		closedir(d);
	snprintf(path, sizeof(path), "%s/f", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/link", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

static void test_sha256(void)
{
	static const char two_blocks[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	struct tt_sha256 ctx;
	char hex[TT_SHA256_HEX], chunk[1000];
	size_t i;

	tt_sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	tt_sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	tt_sha256_init(&ctx);
	for (i = 0; i < sizeof(two_blocks) - 1; i += 5)
		tt_sha256_update(&ctx, two_blocks + i,
				 i + 5 < sizeof(two_blocks) - 1 ? 5 : sizeof(two_blocks) - 1 - i);
	tt_sha256_end(&ctx, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* a million "a", and the context ready again once ended */
	memset(chunk, 'a', sizeof(chunk));
	for (i = 0; i < 1000; i++)
		tt_sha256_update(&ctx, chunk, sizeof(chunk));
	tt_sha256_end(&ctx, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	tt_sha256_end(&ctx, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static int cmp_num(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * tt_median() gives what sorting gives, for every length from 1 to 300,
 * values drawn from few (many equal) or many, sorted, reversed or not.
 */
static void test_median(void)
{
	double v[300], sorted[300], want, got;
	unsigned seed = 12345;
	size_t n, i;
	int spread, order, wrong = 0;

	for (n = 1; n <= 300; n++)
		for (spread = 0; spread < 3; spread++)
			for (order = 0; order < 3; order++) {
				for (i = 0; i < n; i++) {
					seed = seed * 1103515245u + 12345u;
					v[i] = spread == 0 ? (double)(seed >> 16 & 3)
					       : spread == 1 ? (double)(seed >> 16 & 1023) / 7
					       : (double)(int)(seed >> 8) - 1e6;
				}
				if (order)
					qsort(v, n, sizeof(*v), cmp_num);
				if (order == 2)
					for (i = 0; i < n / 2; i++) {
						double t = v[i];

						v[i] = v[n - 1 - i];
						v[n - 1 - i] = t;
					}
				memcpy(sorted, v, n * sizeof(*v));
				qsort(sorted, n, sizeof(*sorted), cmp_num);
				want = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
				got = tt_median(v, n);
				wrong += got != want;
				/* v reordered, nothing lost */
				qsort(v, n, sizeof(*v), cmp_num);
				wrong += memcmp(v, sorted, n * sizeof(*v)) != 0;
			}
	CHECK(wrong == 0);
}

int main(void)
{
	test_median();
	test_strset();
	test_strpool();
	test_entry_type();
	test_sha256();
	return test_report("util");
}
