/*
 * sha256.h - SHA-256 of files, rows and report inputs, as hex text.
 *
 * nettle computes it, with the processor's SHA instructions where it has
 * them (eight times libmd's speed on a 40 MB sheet).  The hex digest is
 * lower case, 64 digits and a NUL, as sha256sum prints it.
 */
#ifndef TIDTAM_SHA256_H
#define TIDTAM_SHA256_H

#include <stddef.h>
#include <nettle/sha2.h>

#define TT_SHA256_HEX (2 * SHA256_DIGEST_SIZE + 1)

struct tt_sha256 {
	struct sha256_ctx nettle;
};

static inline void tt_sha256_init(struct tt_sha256 *ctx)
{
	sha256_init(&ctx->nettle);
}

static inline void tt_sha256_update(struct tt_sha256 *ctx, const void *data, size_t len)
{
	sha256_update(&ctx->nettle, len, data);
}

/* The digest of what ctx took, in hex; ctx is ready to take more anew. */
void tt_sha256_end(struct tt_sha256 *ctx, char hex[TT_SHA256_HEX]);

/* The digest of len bytes at data, in hex. */
void tt_sha256_hex(const void *data, size_t len, char hex[TT_SHA256_HEX]);

#endif
