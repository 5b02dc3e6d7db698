/*
 * online.h - what verification fetches over HTTP when the verify
 * options allow it: CRLs from cRLDistributionPoints and missing issuers
 * from caIssuers (AIA). Each answer goes through the cache
 * (netcache.c) and the HTTP client (http.c). Not installed.
 */
#ifndef CERTSHOW_ONLINE_H
#define CERTSHOW_ONLINE_H

#include "internal.h"

/* Certificates and CRLs without a usable Cache-Control max-age are
 * cached this long (seconds); CRLs until their nextUpdate. */
#define CERTSHOW__ONLINE_CERT_TTL 86400

/* The total HTTP timeout of the options (0: the default), in ms. */
unsigned certshow__online_timeout_ms(const struct certshow_verify_opts *o);

/*
 * CRL download (RFC 5280 4.2.1.13): for every http: or https: URI of the
 * certificate's cRLDistributionPoints (other schemes, e.g. ldap:, are
 * skipped), take the CRL from the cache (key "crl:URL") or fetch it (DER
 * or PEM, at most 20 MiB) and add it to `into`, where the ordinary CRL
 * checks (crl.c) judge it like a --crl file: its signer, scope and dates.
 * A fetched CRL that parses is cached until its nextUpdate (sooner when
 * the answer's max-age says so; not at all for no-store or when it has
 * no nextUpdate and no max-age). `now` is the verification time.
 *
 * Returns the number of CRLs added (0: the certificate names no http(s)
 * distribution point), or, when it names some and none of them gave a
 * CRL, the negative CERTSHOW_E_* code of the last failure with the
 * message in the context naming the URL (CERTSHOW_E_TIMEOUT, _CONNECT,
 * _LIMIT, _IO, _PARSE ...). CERTSHOW_E_NOMEM.
 */
int certshow__crl_download(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const struct certshow_cert *cert,
    int64_t now, struct certshow_crls *into);

/*
 * AIA: the certificates at one caIssuers URL (RFC 5280 4.2.2.1: a DER
 * certificate or a certs-only PKCS#7 bundle, DER or PEM; at most 64
 * KiB), from the cache (key "url:URL", for the answer's max-age, a day
 * when it has none) or fetched. Each certificate not yet in `into` (same
 * DER) is appended with the URL as its source (certshow_cert_source()).
 * Returns the number appended, or a negative CERTSHOW_E_* code with the
 * message naming the URL.
 */
int certshow__aia_fetch(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const char *url, int64_t now,
    struct certshow_chain *into);

/* 1 when the URL's scheme is http or https (case-insensitive). */
int certshow__online_url_ok(const char *url);

#endif /* CERTSHOW_ONLINE_H */
