/*
 * util.c - bounded whole-file reading (internal).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One reader for every whole-file input (CA bundles, CRLs), so that they
 * all fail with the same messages as certshow_reader_open_file():
 * "PATH: cannot open: strerror", "PATH: cannot read: strerror" (a
 * directory: EISDIR), "PATH: input larger than the input size limit (N
 * bytes)". */
int
certshow__read_file(struct certshow_ctx *ctx, const char *path, size_t max,
    uint8_t **out, size_t *len)
{
	uint8_t *buf = NULL, *nb;
	size_t cap = 0, n = 0, got;
	FILE *fp;
	int rv = 0;

	*out = NULL;
	*len = 0;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "%s: cannot open", path);
	}
	for (;;) {
		if (n == cap) {
			cap = cap == 0 ? 64 * 1024 : cap * 2;
			nb = realloc(buf, cap);
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
	fclose(fp);
	if (rv != 0) {
		free(buf);
		return rv;
	}
	*out = buf;
	*len = n;
	return 0;
}
