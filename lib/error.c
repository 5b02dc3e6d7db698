/*
 * error.c - error codes, certshow_strerror() and the per-context message.
 */
#include "internal.h"

#include <gnutls/gnutls.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const errstr[] = {
	"success",
	"out of memory",
	"invalid argument",
	"input/output error",
	"malformed input",
	"TLS failure",
	"timed out",
	"unusable trust store",
	"unsupported input",
	"resource limit exceeded",
	"name resolution failed",
	"connection failed",
	"TLS alert received",
	"STARTTLS failed",
	"not found",
};

/* see certshow.h; the only copy of the version is AC_INIT's */
const char *
certshow_version(void)
{
	return PACKAGE_VERSION;
}

const char *
certshow_strerror(int code)
{
	size_t i;

	if (code > 0) {
		return "unknown error";
	}
	i = (size_t)-code;
	if (i >= sizeof(errstr) / sizeof(errstr[0])) {
		return "unknown error";
	}
	return errstr[i];
}

static int
vset(struct certshow_ctx *ctx, int code, const char *suffix, const char *fmt,
    va_list ap)
{
	size_t n;

	if (ctx == NULL) {
		return code;
	}
	ctx->err_code = code;
	vsnprintf(ctx->err, sizeof(ctx->err), fmt, ap);
	if (suffix != NULL) {
		n = strlen(ctx->err);
		snprintf(ctx->err + n, sizeof(ctx->err) - n, ": %s", suffix);
	}
	return code;
}

int
certshow__set_error(struct certshow_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(ctx, code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int
certshow__set_error_errno(struct certshow_ctx *ctx, int code,
    const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vset(ctx, code, strerror(saved), fmt, ap);
	va_end(ap);
	return code;
}

int
certshow__gnutls_code(int gnutls_rv, int fallback)
{
	switch (gnutls_rv) {
	case GNUTLS_E_MEMORY_ERROR:
		return CERTSHOW_E_NOMEM;
	case GNUTLS_E_TIMEDOUT:
		return CERTSHOW_E_TIMEOUT;
	case GNUTLS_E_FATAL_ALERT_RECEIVED:
		return CERTSHOW_E_ALERT;
	default:
		return fallback;
	}
}

int
certshow__set_gnutls_error(struct certshow_ctx *ctx, int gnutls_rv,
    int fallback, const char *fmt, ...)
{
	int code = certshow__gnutls_code(gnutls_rv, fallback);
	va_list ap;

	va_start(ap, fmt);
	vset(ctx, code, gnutls_strerror(gnutls_rv), fmt, ap);
	va_end(ap);
	return code;
}

int
certshow__wrap_error(struct certshow_ctx *ctx, const char *fmt, ...)
{
	char old[CERTSHOW__ERRBUF];
	va_list ap;
	size_t n;

	if (ctx == NULL) {
		return CERTSHOW_E_INVAL;
	}
	memcpy(old, ctx->err, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(ctx->err, sizeof(ctx->err), fmt, ap);
	va_end(ap);
	n = strlen(ctx->err);
	if (n + 2 < sizeof(ctx->err)) {
		memcpy(ctx->err + n, ": ", 3);
		n += 2;
		memcpy(ctx->err + n, old, strnlen(old, sizeof(ctx->err) - n - 1));
		ctx->err[n + strnlen(old, sizeof(ctx->err) - n - 1)] = '\0';
	}
	return ctx->err_code;
}

void
certshow__clear_error(struct certshow_ctx *ctx)
{
	if (ctx != NULL) {
		ctx->err_code = 0;
		ctx->err[0] = '\0';
	}
}

static const size_t default_limits[6] = {
	64u * 1024 * 1024, /* CERTSHOW_LIMIT_INPUT_SIZE */
	1024u * 1024,      /* CERTSHOW_LIMIT_CERT_SIZE */
	100000,            /* CERTSHOW_LIMIT_CERTS */
	32,                /* CERTSHOW_LIMIT_CHAIN_DEPTH */
	1024,              /* CERTSHOW_LIMIT_PATH_WORK */
	100000,            /* CERTSHOW_LIMIT_NAMES */
};

struct certshow_ctx *
certshow_ctx_new(void)
{
	struct certshow_ctx *ctx;

	ctx = calloc(1, sizeof(*ctx));
	if (ctx == NULL) {
		return NULL;
	}
	memcpy(ctx->limits, default_limits, sizeof(ctx->limits));
	return ctx;
}

void
certshow_ctx_free(struct certshow_ctx *ctx)
{
	if (ctx != NULL) {
		certshow__vcache_free(ctx->vcache);
	}
	free(ctx);
}

const char *
certshow_ctx_error(const struct certshow_ctx *ctx)
{
	if (ctx == NULL) {
		return "no context";
	}
	return ctx->err;
}

int
certshow__ctx_error_code(const struct certshow_ctx *ctx)
{
	return ctx == NULL ? CERTSHOW_E_INVAL : ctx->err_code;
}

int
certshow_ctx_set_limit(struct certshow_ctx *ctx, enum certshow_limit which,
    size_t value)
{
	if (ctx == NULL || (unsigned)which >= 6 || value == 0) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "invalid limit");
	}
	ctx->limits[which] = value;
	return 0;
}

size_t
certshow_ctx_get_limit(const struct certshow_ctx *ctx, enum certshow_limit which)
{
	if ((unsigned)which >= 6) {
		return 0;
	}
	if (ctx == NULL) {
		return default_limits[which];
	}
	return ctx->limits[which];
}
