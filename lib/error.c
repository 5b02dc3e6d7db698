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

/* The names of the codes above, index -code (see certshow.h), in one
 * table: the stable lower-case "code" of an error in JSON output
 * (certshow_error_name(); never rename one) and the upper-case reason a
 * scan result gives for it, in the vocabulary of the verdict flags
 * ("TIMEOUT"). */
static const struct {
	const char *code;
	const char *reason;
} errname[] = {
	{ "ok", "OK" },
	{ "nomem", "NOMEM" },
	{ "inval", "INVAL" },
	{ "io", "IO" },
	{ "parse", "PARSE" },
	{ "tls", "TLS" },
	{ "timeout", "TIMEOUT" },
	{ "trust", "TRUST" },
	{ "unsupported", "UNSUPPORTED" },
	{ "limit", "LIMIT" },
	{ "dns", "DNS" },
	{ "connect", "CONNECT" },
	{ "alert", "ALERT" },
	{ "starttls", "STARTTLS" },
	{ "notfound", "NOTFOUND" },
};

/* The scan reason of CODE; "ERROR" for a code outside the table. */
const char *
certshow__error_name(int code)
{
	size_t i = code <= 0 ? (size_t)-code : (size_t)-1;

	if (i >= sizeof(errname) / sizeof(errname[0])) {
		return "ERROR";
	}
	return errname[i].reason;
}

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

const char *
certshow_error_name(int code)
{
	size_t i;

	if (code > 0) {
		return "unknown";
	}
	i = (size_t)-code;
	if (i >= sizeof(errname) / sizeof(errname[0])) {
		return "unknown";
	}
	return errname[i].code;
}

void
certshow_free(void *p)
{
	free(p);
}

/*
 * Store `msg` (length `len`) as the context's message. One too long for
 * the buffer loses its middle, not its end: messages name what failed
 * first ("cannot open 'NAME'") and why last ("File name too long"), and
 * a long value sits in between.
 */
static void
store_elided(struct certshow_ctx *ctx, const char *msg, size_t len)
{
	static const char mark[] = " [...] ";
	size_t head, tail;

	if (len < sizeof(ctx->err)) {
		memcpy(ctx->err, msg, len + 1);
		return;
	}
	head = (sizeof(ctx->err) - sizeof(mark)) / 3;
	tail = sizeof(ctx->err) - sizeof(mark) - head;
	memcpy(ctx->err, msg, head);
	memcpy(ctx->err + head, mark, sizeof(mark) - 1);
	memcpy(ctx->err + head + sizeof(mark) - 1, msg + len - tail, tail);
	ctx->err[sizeof(ctx->err) - 1] = '\0';
}

/* The message of fmt/ap, then ": suffix" when suffix is not NULL, stored
 * elided (store_elided). */
static void vstore(struct certshow_ctx *ctx, const char *suffix,
    const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
static void
vstore(struct certshow_ctx *ctx, const char *suffix, const char *fmt,
    va_list ap)
{
	char *full;
	va_list ap2;
	size_t n, sl = suffix != NULL ? strlen(suffix) + 2 : 0;
	int len;

	va_copy(ap2, ap);
	len = vsnprintf(ctx->err, sizeof(ctx->err), fmt, ap);
	if (len < 0) {
		va_end(ap2);
		ctx->err[0] = '\0';
		return;
	}
	n = (size_t)len;
	if (n + sl < sizeof(ctx->err)) {
		va_end(ap2);
		if (suffix != NULL) {
			snprintf(ctx->err + n, sizeof(ctx->err) - n, ": %s",
			    suffix);
		}
		return;
	}
	full = malloc(n + sl + 1);
	if (full == NULL) {
		/* Out of memory: the cut message is still the best there
		 * is. */
		va_end(ap2);
		return;
	}
	vsnprintf(full, n + 1, fmt, ap2);
	va_end(ap2);
	if (suffix != NULL) {
		snprintf(full + n, sl + 1, ": %s", suffix);
	}
	store_elided(ctx, full, n + sl);
	free(full);
}

static int vset(struct certshow_ctx *ctx, int code, const char *suffix,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
static int
vset(struct certshow_ctx *ctx, int code, const char *suffix, const char *fmt,
    va_list ap)
{
	if (ctx == NULL) {
		return code;
	}
	ctx->err_code = code;
	vstore(ctx, suffix, fmt, ap);
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

	if (ctx == NULL) {
		return CERTSHOW_E_INVAL;
	}
	memcpy(old, ctx->err, sizeof(old));
	old[sizeof(old) - 1] = '\0';
	va_start(ap, fmt);
	vstore(ctx, old, fmt, ap);
	va_end(ap);
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
		if (ctx->vcache != NULL) {
			ctx->vcache_free(ctx->vcache);
		}
		if (ctx->hcache_free != NULL) {
			ctx->hcache_free(ctx->hcache);
		}
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
certshow_ctx_error_code(const struct certshow_ctx *ctx)
{
	return certshow__ctx_error_code(ctx);
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
