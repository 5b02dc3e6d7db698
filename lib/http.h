/*
 * http.h - the library's only HTTP client (libcurl easy API), for OCSP,
 * CRL download and AIA chasing. Not installed.
 */
#ifndef CERTSHOW_HTTP_H
#define CERTSHOW_HTTP_H

#include "internal.h"

/* Default total time of one fetch, and the ceiling of its connect
 * phase (the connect timeout is the smaller of the two). */
#define CERTSHOW__HTTP_TIMEOUT_MS 10000u
#define CERTSHOW__HTTP_CONNECT_MS 5000u
/* Most redirects one fetch follows. */
#define CERTSHOW__HTTP_MAX_REDIRS 3
/* Size caps of the answers (issue 14): OCSP, CRL, certificate. */
#define CERTSHOW__HTTP_MAX_OCSP (64u * 1024)
#define CERTSHOW__HTTP_MAX_CRL (20u * 1024 * 1024)
#define CERTSHOW__HTTP_MAX_CERT (64u * 1024)

struct certshow__http_req {
	const char *url;
	const uint8_t *post;      /* NULL: GET */
	size_t post_len;
	const char *content_type; /* of the POST body */
	size_t max_size;          /* cap on the answer body; 0: 64 KiB */
	unsigned timeout_ms;      /* total; 0: 10 s. Connect timeout
				   * min(this, 5000) */
};

/*
 * Fetch one URL. Only http: and https: URLs, for the request and for
 * every redirect (at most 3). Proxies come from the usual environment
 * variables, read by libcurl (the library itself reads none). No
 * signals are used (CURLOPT_NOSIGNAL), so it is safe in threads; each
 * call has its own easy handle.
 *
 * Returns 0 with *body (malloc'd, caller frees; NULL when the answer is
 * empty) and *len on a 2xx answer, and *max_age set to the answer's
 * Cache-Control max-age in seconds (0 for no-store / no-cache), or -1
 * when it has none. Errors, each message naming the URL:
 * CERTSHOW_E_TIMEOUT, CERTSHOW_E_LIMIT (the body exceeds max_size, more
 * than 3 redirects), CERTSHOW_E_CONNECT, CERTSHOW_E_DNS, CERTSHOW_E_IO
 * (HTTP status not 2xx, transfer failed), CERTSHOW_E_TLS (https
 * failure), CERTSHOW_E_UNSUPPORTED (a scheme other than http/https),
 * CERTSHOW_E_INVAL, CERTSHOW_E_NOMEM.
 */
int certshow__http_fetch(struct certshow_ctx *ctx,
    const struct certshow__http_req *req, uint8_t **body, size_t *len,
    long *max_age);

/* The URL as it may appear in a message: printable ASCII only (others
 * become '?'), at most 200 characters ("..." after). Returns `buf`. */
const char *certshow__http_url_printable(const char *url, char *buf,
    size_t size);

#endif /* CERTSHOW_HTTP_H */
