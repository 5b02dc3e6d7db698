/*
 * util.c - internal helpers: array growth with overflow checks and
 * bounded whole-file reading.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
certshow__grow_cap(size_t cap, size_t need, size_t size, size_t first,
    size_t *out)
{
	size_t n = cap > 0 ? cap : (first > 0 ? first : 1);

	while (n < need) {
		if (n > SIZE_MAX / 2) {
			n = need;
			break;
		}
		n *= 2;
	}
	if (size > 0 && n > SIZE_MAX / size) {
		return CERTSHOW_E_NOMEM;
	}
	*out = n;
	return 0;
}

void *
certshow__grow(void *v, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t n;
	void *nv;

	if (need <= *cap && v != NULL) {
		return v;
	}
	if (certshow__grow_cap(*cap, need, size, first, &n) != 0) {
		return NULL;
	}
	nv = realloc(v, n * size > 0 ? n * size : 1);
	if (nv == NULL) {
		return NULL;
	}
	*cap = n;
	return nv;
}

/* Read `fp` (named `path` in messages) to its end, at most `max` bytes:
 * the messages of certshow__read_file(). */
static int
read_stream(struct certshow_ctx *ctx, FILE *fp, const char *path, size_t max,
    uint8_t **out, size_t *len)
{
	uint8_t *buf = NULL, *nb;
	size_t want;
	size_t cap = 0, n = 0, got;
	int rv = 0;

	for (;;) {
		if (n == cap) {
			/* At most one byte past the limit is read, so a file
			 * of exactly `max` bytes needs no extra doubling. */
			want = n < SIZE_MAX ? n + 1 : n;
			nb = certshow__grow(buf, &cap, want, 1, 64 * 1024);
			if (nb == NULL) {
				rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
				    "%s: out of memory", path);
				break;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (n > max) {
			rv = certshow__set_error(ctx, CERTSHOW_E_LIMIT,
			    "%s: input larger than the input size limit "
			    "(%zu bytes)", path, max);
			break;
		}
		if (got == 0) {
			if (ferror(fp)) {
				rv = certshow__set_error_errno(ctx,
				    CERTSHOW_E_IO, "%s: cannot read", path);
			}
			break;
		}
	}
	if (rv != 0) {
		free(buf);
		return rv;
	}
	*out = buf;
	*len = n;
	return 0;
}

/* One reader for every whole-file input (CA bundles, CRLs, the raw input
 * of 'lint' and 'asn1'), so that they all fail with the same messages as
 * certshow_reader_open_file(): "PATH: cannot open: strerror", "PATH:
 * cannot read: strerror" (a directory: EISDIR), "PATH: input larger than
 * the input size limit (N bytes)". */
int
certshow__read_file(struct certshow_ctx *ctx, const char *path, size_t max,
    uint8_t **out, size_t *len)
{
	FILE *fp;
	int rv;

	*out = NULL;
	*len = 0;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "%s: cannot open", path);
	}
	rv = read_stream(ctx, fp, path, max, out, len);
	fclose(fp);
	return rv;
}

/* see certshow.h */
int
certshow_input_read(struct certshow_ctx *ctx, const char *path, uint8_t **out,
    size_t *len)
{
	size_t max = certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_INPUT_SIZE);

	if (out != NULL) {
		*out = NULL;
	}
	if (len != NULL) {
		*len = 0;
	}
	if (ctx == NULL || path == NULL || out == NULL || len == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_input_read: NULL argument");
	}
	certshow__clear_error(ctx);
	if (strcmp(path, "-") == 0) {
		return read_stream(ctx, stdin, path, max, out, len);
	}
	return certshow__read_file(ctx, path, max, out, len);
}
