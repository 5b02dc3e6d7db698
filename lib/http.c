/*
 * http.c - the library's only HTTP client, over libcurl's easy API.
 *
 * Every fetch is bounded: a total timeout (CURLOPT_TIMEOUT_MS) with a
 * connect phase of at most 5 s, a size cap enforced while the body
 * arrives (the write callback refuses the byte that would exceed it, and
 * CURLOPT_MAXFILESIZE_LARGE refuses an announced Content-Length early),
 * at most 3 redirects, and only http/https for the URL and its
 * redirects (RFC 5280 4.2.2.1 and 4.2.1.13 name http for caIssuers and
 * CRL distribution points; https is allowed, never required).
 *
 * libcurl reads the proxy environment variables (http_proxy, ...,
 * no_proxy) itself; the library calls no getenv(). The easy handle is
 * per call and CURLOPT_NOSIGNAL is set, so concurrent fetches from
 * several threads (each with its own context) are safe. libcurl 7.84
 * and later initialise themselves thread-safely on the first
 * curl_easy_init().
 */
#include "http.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

struct sink {
	uint8_t *buf;
	size_t len;
	size_t cap;
	size_t max;
	bool over;    /* the body exceeded max */
	bool nomem;
	long max_age; /* of the last response's headers */
};

static size_t
on_body(char *p, size_t size, size_t n, void *user)
{
	struct sink *s = user;
	size_t add = size * n;
	uint8_t *nb;

	if (add == 0) {
		return 0;
	}
	if (add > s->max || s->len > s->max - add) {
		s->over = true;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	nb = certshow__grow(s->buf, &s->cap, s->len + add, 1, 4096);
	if (nb == NULL) {
		s->nomem = true;
		return 0;
	}
	s->buf = nb;
	memcpy(s->buf + s->len, p, add);
	s->len += add;
	return add;
}

/* Case-insensitive prefix test over a counted header line. */
static bool
has_prefix(const char *p, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(p, prefix, k) == 0;
}

/* Cache-Control directives (RFC 9111 5.2.2): max-age=N gives N;
 * no-store and no-cache make the answer not reusable (0). The value is
 * taken from the last response, redirects reset it. */
static void
parse_cache_control(const char *p, size_t n, long *max_age)
{
	size_t i = 0;

	while (i < n) {
		size_t start, end;

		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == ',')) {
			i++;
		}
		start = i;
		while (i < n && p[i] != ',') {
			i++;
		}
		end = i;
		while (end > start && isspace((unsigned char)p[end - 1])) {
			end--;
		}
		if (has_prefix(p + start, end - start, "no-store") ||
		    has_prefix(p + start, end - start, "no-cache")) {
			*max_age = 0;
			return;
		}
		if (has_prefix(p + start, end - start, "max-age=")) {
			long v = 0;
			size_t j = start + 8;

			if (j < end && p[j] == '"') {
				j++;
			}
			if (j >= end || !isdigit((unsigned char)p[j])) {
				continue;
			}
			while (j < end && isdigit((unsigned char)p[j])) {
				/* A year is more than any responder means. */
				if (v < 31536000L) {
					v = v * 10 + (p[j] - '0');
				}
				j++;
			}
			*max_age = v > 31536000L ? 31536000L : v;
		}
	}
}

static size_t
on_header(char *p, size_t size, size_t n, void *user)
{
	struct sink *s = user;
	size_t len = size * n;

	if (has_prefix(p, len, "HTTP/")) {
		s->max_age = -1; /* a new response (after a redirect) */
	} else if (has_prefix(p, len, "Cache-Control:")) {
		parse_cache_control(p + 14, len - 14, &s->max_age);
	}
	return len;
}

const char *
certshow__http_url_printable(const char *url, char *buf, size_t size)
{
	size_t i, o = 0;

	if (size == 0) {
		return buf;
	}
	for (i = 0; url != NULL && url[i] != '\0' && o + 1 < size; i++) {
		if (i == 200) {
			size_t k;

			for (k = 0; k < 3 && o + 1 < size; k++) {
				buf[o++] = '.';
			}
			break;
		}
		buf[o++] = (url[i] >= 0x20 && url[i] < 0x7f) ? url[i] : '?';
	}
	buf[o] = '\0';
	return buf;
}

static bool
scheme_ok(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

/* The one mapping of a libcurl result to a CERTSHOW_E_* code. */
static int
curl_code(CURLcode rc, const struct sink *s)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return CERTSHOW_E_TIMEOUT;
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_FILESIZE_EXCEEDED:
		return CERTSHOW_E_LIMIT;
	case CURLE_WRITE_ERROR:
		return s->nomem ? CERTSHOW_E_NOMEM :
		    s->over ? CERTSHOW_E_LIMIT : CERTSHOW_E_IO;
	case CURLE_COULDNT_CONNECT:
		return CERTSHOW_E_CONNECT;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return CERTSHOW_E_DNS;
	case CURLE_UNSUPPORTED_PROTOCOL:
		return CERTSHOW_E_UNSUPPORTED;
	case CURLE_OUT_OF_MEMORY:
		return CERTSHOW_E_NOMEM;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
		return CERTSHOW_E_TLS;
	default:
		return CERTSHOW_E_IO;
	}
}

static int
set_opts(CURL *h, const struct certshow__http_req *req, struct sink *s,
    char *errbuf, struct curl_slist **hdrs)
{
	unsigned total = req->timeout_ms != 0 ? req->timeout_ms :
	    CERTSHOW__HTTP_TIMEOUT_MS;
	unsigned conn = total < CERTSHOW__HTTP_CONNECT_MS ? total :
	    CERTSHOW__HTTP_CONNECT_MS;
	CURLcode rc = CURLE_OK;

#define SET(opt, val)                                                   \
	do {                                                            \
		if (rc == CURLE_OK) {                                   \
			rc = curl_easy_setopt(h, opt, val);             \
		}                                                       \
	} while (0)
	SET(CURLOPT_URL, req->url);
	SET(CURLOPT_ERRORBUFFER, errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)CERTSHOW__HTTP_MAX_REDIRS);
	SET(CURLOPT_TIMEOUT_MS, (long)total);
	SET(CURLOPT_CONNECTTIMEOUT_MS, (long)conn);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, s);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, s);
	SET(CURLOPT_USERAGENT, "certshow/" PACKAGE_VERSION);
	if (req->post != NULL) {
		char ct[160];

		snprintf(ct, sizeof(ct), "Content-Type: %s",
		    req->content_type != NULL ? req->content_type :
		    "application/octet-stream");
		*hdrs = curl_slist_append(NULL, ct);
		if (*hdrs == NULL) {
			return CERTSHOW_E_NOMEM;
		}
		SET(CURLOPT_POST, 1L);
		SET(CURLOPT_POSTFIELDS, (const char *)req->post);
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->post_len);
		SET(CURLOPT_HTTPHEADER, *hdrs);
	}
#undef SET
	if (rc == CURLE_OUT_OF_MEMORY) {
		return CERTSHOW_E_NOMEM;
	}
	return rc == CURLE_OK ? 0 : CERTSHOW_E_UNSUPPORTED;
}

int
certshow__http_fetch(struct certshow_ctx *ctx,
    const struct certshow__http_req *req, uint8_t **body, size_t *len,
    long *max_age)
{
	char errbuf[CURL_ERROR_SIZE];
	char pu[256];
	struct sink s;
	struct curl_slist *hdrs = NULL;
	CURL *h = NULL;
	CURLcode rc;
	long status = 0;
	int ret;

	*body = NULL;
	*len = 0;
	*max_age = -1;
	if (req == NULL || req->url == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "HTTP fetch without a URL");
	}
	certshow__http_url_printable(req->url, pu, sizeof(pu));
	if (!scheme_ok(req->url)) {
		return certshow__set_error(ctx, CERTSHOW_E_UNSUPPORTED,
		    "%s: only http and https URLs are fetched", pu);
	}
	memset(&s, 0, sizeof(s));
	s.max = req->max_size != 0 ? req->max_size : CERTSHOW__HTTP_MAX_OCSP;
	s.max_age = -1;
	errbuf[0] = '\0';
	h = curl_easy_init();
	if (h == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "%s: cannot create an HTTP handle", pu);
	}
	ret = set_opts(h, req, &s, errbuf, &hdrs);
	if (ret != 0) {
		ret = certshow__set_error(ctx, ret, "%s: cannot set up the "
		    "HTTP request", pu);
		goto out;
	}
	ctx->http_requests++;
	rc = curl_easy_perform(h);
	if (rc != CURLE_OK) {
		ret = curl_code(rc, &s);
		if (ret == CERTSHOW_E_LIMIT && rc != CURLE_TOO_MANY_REDIRECTS) {
			ret = certshow__set_error(ctx, ret, "%s: answer larger "
			    "than %zu bytes", pu, s.max);
		} else if (rc == CURLE_TOO_MANY_REDIRECTS) {
			ret = certshow__set_error(ctx, ret, "%s: more than %d "
			    "redirects", pu, CERTSHOW__HTTP_MAX_REDIRS);
		} else {
			ret = certshow__set_error(ctx, ret, "%s: %s", pu,
			    errbuf[0] != '\0' ? errbuf :
			    curl_easy_strerror(rc));
		}
		goto out;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299) {
		ret = certshow__set_error(ctx, CERTSHOW_E_IO, "%s: HTTP status "
		    "%ld", pu, status);
		goto out;
	}
	*body = s.buf;
	*len = s.len;
	*max_age = s.max_age;
	s.buf = NULL;
	ret = 0;
out:
	free(s.buf);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(h);
	return ret;
}
