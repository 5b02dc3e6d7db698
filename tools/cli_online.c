/*
 * cli_online.c - the online verification options that 'verify' and
 * 'certshow HOST' share (--online, --fetch-missing, --http-timeout,
 * --cache-dir), and the loaders of --untrusted and --crl files both use.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The help of the online options: the option, then its description
 * lines (at most 3). */
static const struct {
	const char *opt;
	const char *text[3];
} online_help[] = {
	{ "--online", { "check online: fetch missing intermediates",
	    "(--fetch-missing), OCSP and CRLs over HTTP", NULL } },
	{ "--fetch-missing", { "fetch an absent issuer from the caIssuers",
	    "URL (AIA; DER or PKCS#7), up to 4 in a row", NULL } },
	{ "--http-timeout S", { "total time of each HTTP fetch in seconds",
	    "(default 10; connecting at most 5)", NULL } },
	{ "--cache-dir DIR", { "keep fetched OCSP responses, CRLs and",
	    "certificates in DIR for later runs (until",
	    "their nextUpdate or Cache-Control max-age)" } },
	{ "--ocsp[=leaf]", { "ask the OCSP responder of every certificate",
	    "of the path (the leaf only with =leaf)", NULL } },
	{ "--ocsp-leaf", { "the same as --ocsp=leaf", NULL, NULL } },
	{ "--ocsp-nonce", { "send a nonce and require it in the answer",
	    NULL, NULL } },
	{ "--crl-download", { "download CRLs from cRLDistributionPoints",
	    NULL, NULL } },
	{ "--revocation R", { "hard or soft: an open revocation question",
	    "fails (REVOCATION_UNKNOWN) or warns (exit 4;",
	    "soft is the default with online checking)" } },
};

void
cli_online_usage(FILE *fp, int col)
{
	size_t i, k;

	for (i = 0; i < sizeof(online_help) / sizeof(online_help[0]); i++) {
		fprintf(fp, "      %-*s", col - 6, online_help[i].opt);
		for (k = 0; k < 3 && online_help[i].text[k] != NULL; k++) {
			if (k > 0) {
				fprintf(fp, "%*s", col, "");
			}
			fprintf(fp, "%s\n", online_help[i].text[k]);
		}
	}
}

void
cli_online_init(struct cli_online *o)
{
	memset(o, 0, sizeof(*o));
}

/* Seconds (fractions allowed, up to a day) into milliseconds. */
static int
parse_seconds(const char *s, unsigned *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v > 0) ||
	    v > 86400) {
		return -1;
	}
	*ms = (unsigned)(v * 1000.0 + 0.5);
	if (*ms == 0) {
		*ms = 1;
	}
	return 0;
}

int
cli_online_parse(struct cli_online *o, int c, const char *arg, char *err,
    size_t err_size)
{
	switch (c) {
	case CLI_OPT_ONLINE:
		o->online |= CERTSHOW_ONLINE_OCSP | CERTSHOW_ONLINE_CRL |
		    CERTSHOW_ONLINE_AIA;
		return 0;
	case CLI_OPT_FETCH_MISSING:
		o->online |= CERTSHOW_ONLINE_AIA;
		return 0;
	case CLI_OPT_HTTP_TIMEOUT:
		if (parse_seconds(arg, &o->http_timeout_ms) != 0) {
			snprintf(err, err_size, "invalid --http-timeout '%s' "
			    "(seconds, at most 86400)", arg);
			return -1;
		}
		return 0;
	case CLI_OPT_OCSP:
		if (arg != NULL && strcmp(arg, "leaf") != 0) {
			snprintf(err, err_size, "invalid --ocsp '%s' (only "
			    "--ocsp=leaf takes an argument)", arg);
			return -1;
		}
		o->online |= arg != NULL ? CERTSHOW_ONLINE_OCSP_LEAF :
		    CERTSHOW_ONLINE_OCSP;
		return 0;
	case CLI_OPT_OCSP_LEAF:
		o->online |= CERTSHOW_ONLINE_OCSP_LEAF;
		return 0;
	case CLI_OPT_OCSP_NONCE:
		o->online |= CERTSHOW_ONLINE_OCSP_NONCE;
		return 0;
	case CLI_OPT_CRL_DOWNLOAD:
		o->online |= CERTSHOW_ONLINE_CRL;
		return 0;
	case CLI_OPT_REVOCATION:
		if (strcmp(arg, "hard") == 0) {
			o->revocation = CERTSHOW_REVOCATION_HARD;
		} else if (strcmp(arg, "soft") == 0) {
			o->revocation = CERTSHOW_REVOCATION_SOFT;
		} else {
			snprintf(err, err_size, "invalid --revocation '%s' "
			    "(hard or soft)", arg);
			return -1;
		}
		return 0;
	case CLI_OPT_CACHE_DIR:
		if (arg[0] == '\0') {
			snprintf(err, err_size, "--cache-dir needs a "
			    "directory");
			return -1;
		}
		o->cache_dir = arg;
		return 0;
	default:
		return 1;
	}
}

void
cli_online_apply(const struct cli_online *o, struct certshow_verify_opts *vo)
{
	vo->online |= o->online;
	if (o->revocation != CERTSHOW_REVOCATION_DEFAULT) {
		vo->revocation = o->revocation;
	}
	vo->http_timeout_ms = o->http_timeout_ms;
	vo->cache_dir = o->cache_dir;
}

/* Append copies of the certificates of `path` to `pool`; 0 or -1. */
static int
add_certs(struct certshow_ctx *ctx, struct certshow_chain *pool,
    const char *path)
{
	struct certshow_chain *more;
	size_t k;

	if (certshow_chain_load_file(ctx, &more, path) < 0) {
		cli_error("--untrusted: %s", certshow_ctx_error(ctx));
		return -1;
	}
	for (k = 0; k < certshow_chain_count(more); k++) {
		const struct certshow_cert *cc = certshow_chain_get(more, k);
		struct certshow_cert *copy;
		size_t len;
		const uint8_t *der = certshow_cert_raw(cc, CERTSHOW_RAW_DER, &len);

		if (certshow_cert_from_der(ctx, &copy, der, len) < 0) {
			cli_error("%s", certshow_ctx_error(ctx));
			certshow_chain_free(more);
			return -1;
		}
		if (certshow_chain_add(ctx, pool, copy) < 0) {
			cli_error("%s", certshow_ctx_error(ctx));
			certshow_cert_free(copy);
			certshow_chain_free(more);
			return -1;
		}
	}
	certshow_chain_free(more);
	return 0;
}

int
cli_load_untrusted(struct certshow_ctx *ctx, struct certshow_chain **out,
    const char *const *paths, size_t n)
{
	size_t i;

	*out = NULL;
	if (n == 0) {
		return 0;
	}
	if (certshow_chain_new(ctx, out) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (add_certs(ctx, *out, paths[i]) < 0) {
			return -1;
		}
	}
	return 0;
}

int
cli_verify_files_parse(struct cli_verify_files *f, int c, const char *arg)
{
	const char **v = c == CLI_OPT_CRL ? f->crls : f->untrusted;
	size_t *n = c == CLI_OPT_CRL ? &f->n_crls : &f->n_untrusted;

	if (c != CLI_OPT_CRL && c != CLI_OPT_UNTRUSTED) {
		return 1;
	}
	if (*n == CLI_VERIFY_FILES_MAX) {
		cli_error("too many --%s options",
		    c == CLI_OPT_CRL ? "crl" : "untrusted");
		return -1;
	}
	v[(*n)++] = arg;
	return 0;
}

int
cli_load_crls(struct certshow_ctx *ctx, struct certshow_crls **out,
    const char *const *paths, size_t n)
{
	size_t i;

	*out = NULL;
	if (n == 0) {
		return 0;
	}
	if (certshow_crls_new(ctx, out) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (certshow_crls_add_file(ctx, *out, paths[i]) < 0) {
			cli_error("--crl: %s", certshow_ctx_error(ctx));
			return -1;
		}
	}
	return 0;
}
