/* check_http.c - the HTTP client (lib/http.c) against a loopback server
 * run by the test (bound to 127.0.0.1 on an ephemeral port): bodies,
 * POST, size caps (announced and streamed), redirects (3 allowed, 4 or a
 * loop refused, no other scheme), status codes, timeouts, refused
 * connections, Cache-Control; and the cache of fetched answers
 * (lib/netcache.c): hits, expiry, eviction, disk entries shared between
 * contexts, foreign or damaged files, one cache shared by threads. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "http.h"
#include "netcache.h"
#include "online.h"
#include "testutil.h"

/* ------------------------------------------------------------------ */
/* A loopback HTTP/1.1 server, one connection at a time                 */
/* ------------------------------------------------------------------ */

static int srv_fd = -1;
static int srv_port;
static int srv_stop[2] = { -1, -1 };
static pthread_t srv_thread;
static unsigned srv_requests;

/* Answers the test sets: /file/N answers files[N]. */
struct file {
	const uint8_t *data;
	size_t len;
	const char *extra;  /* headers, e.g. Cache-Control */
};
static struct file files[4];

static void
send_all(int fd, const void *p, size_t n)
{
	const char *b = p;

	while (n > 0) {
		ssize_t w = send(fd, b, n, MSG_NOSIGNAL);

		if (w <= 0) {
			return;
		}
		b += w;
		n -= (size_t)w;
	}
}

static void
answer(int fd, int status, const char *extra, const void *body, size_t len)
{
	char head[512];

	snprintf(head, sizeof(head), "HTTP/1.1 %d X\r\nContent-Length: %zu"
	    "\r\nConnection: close\r\n%s\r\n", status, len,
	    extra != NULL ? extra : "");
	send_all(fd, head, strlen(head));
	send_all(fd, body, len);
}

/* Wait up to `ms` unless the test is stopping. */
static void
nap(int ms)
{
	struct pollfd p = { srv_stop[0], POLLIN, 0 };

	poll(&p, 1, ms);
}

static void
serve(int fd, const char *method, const char *path, const char *ctype,
    const char *body, size_t blen)
{
	char buf[1024];

	if (strncmp(path, "/file/", 6) == 0 && path[6] >= '0' &&
	    path[6] < '0' + (int)(sizeof(files) / sizeof(files[0])) &&
	    files[path[6] - '0'].data != NULL) {
		const struct file *f = &files[path[6] - '0'];

		answer(fd, 200, f->extra, f->data, f->len);
	} else if (strcmp(path, "/ok") == 0) {
		answer(fd, 200, "Cache-Control: public, max-age=60\r\n",
		    "hello", 5);
	} else if (strcmp(path, "/nostore") == 0) {
		answer(fd, 200, "Cache-Control: no-store\r\n", "x", 1);
	} else if (strcmp(path, "/plain") == 0) {
		answer(fd, 200, NULL, "plain", 5);
	} else if (strcmp(path, "/empty") == 0) {
		answer(fd, 204, NULL, "", 0);
	} else if (strcmp(path, "/echo") == 0) {
		int n = snprintf(buf, sizeof(buf), "%s %s ", method, ctype);

		if (blen > sizeof(buf) - (size_t)n) {
			blen = sizeof(buf) - (size_t)n;
		}
		memcpy(buf + n, body, blen);
		answer(fd, 200, NULL, buf, (size_t)n + blen);
	} else if (strcmp(path, "/missing") == 0) {
		answer(fd, 404, NULL, "no", 2);
	} else if (strcmp(path, "/error") == 0) {
		answer(fd, 500, NULL, "", 0);
	} else if (strncmp(path, "/big/", 5) == 0) {
		/* Content-Length announced: /big/N answers N bytes. */
		size_t n = strtoul(path + 5, NULL, 10);
		char *z = calloc(1, n + 1);

		answer(fd, 200, NULL, z, n);
		free(z);
	} else if (strncmp(path, "/stream/", 8) == 0) {
		/* No length: chunks until the connection closes. */
		size_t n = strtoul(path + 8, NULL, 10), i;
		const char *h = "HTTP/1.1 200 X\r\nConnection: close\r\n\r\n";

		memset(buf, 'z', sizeof(buf));
		send_all(fd, h, strlen(h));
		for (i = 0; i < n; i += sizeof(buf)) {
			send_all(fd, buf, n - i < sizeof(buf) ? n - i :
			    sizeof(buf));
		}
	} else if (strncmp(path, "/hop/", 5) == 0) {
		/* /hop/N redirects to /hop/N-1; /hop/0 to /ok. */
		int n = atoi(path + 5);

		if (n == 0) {
			snprintf(buf, sizeof(buf), "Location: /ok\r\n");
		} else {
			snprintf(buf, sizeof(buf), "Location: /hop/%d\r\n",
			    n - 1);
		}
		answer(fd, 302, buf, "", 0);
	} else if (strcmp(path, "/loop") == 0) {
		answer(fd, 302, "Location: /loop\r\n", "", 0);
	} else if (strcmp(path, "/toftp") == 0) {
		answer(fd, 302, "Location: ftp://127.0.0.1/x\r\n", "", 0);
	} else if (strcmp(path, "/tofile") == 0) {
		answer(fd, 302, "Location: file:///etc/hostname\r\n", "", 0);
	} else if (strcmp(path, "/slow") == 0) {
		nap(5000);
		answer(fd, 200, NULL, "late", 4);
	} else {
		answer(fd, 404, NULL, "", 0);
	}
}

/* Case-insensitive strstr (strcasestr is a GNU extension). */
static char *
find_ci(char *hay, const char *needle)
{
	size_t k = strlen(needle);

	for (; *hay != '\0'; hay++) {
		if (strncasecmp(hay, needle, k) == 0) {
			return hay;
		}
	}
	return NULL;
}

static void
handle(int fd)
{
	char req[8192], method[16], path[512], ctype[128] = "-";
	size_t n = 0, clen = 0;
	char *eoh = NULL, *p;

	while (n < sizeof(req) - 1) {
		ssize_t r = recv(fd, req + n, sizeof(req) - 1 - n, 0);

		if (r <= 0) {
			return;
		}
		n += (size_t)r;
		req[n] = '\0';
		eoh = strstr(req, "\r\n\r\n");
		if (eoh != NULL) {
			break;
		}
	}
	if (eoh == NULL || sscanf(req, "%15s %511s", method, path) != 2) {
		return;
	}
	p = find_ci(req, "\r\nContent-Length:");
	if (p != NULL && p < eoh) {
		clen = strtoul(p + 17, NULL, 10);
	}
	p = find_ci(req, "\r\nContent-Type:");
	if (p != NULL && p < eoh) {
		sscanf(p + 15, " %127[^\r]", ctype);
	}
	eoh += 4;
	while ((size_t)(req + n - eoh) < clen && n < sizeof(req) - 1) {
		ssize_t r = recv(fd, req + n, sizeof(req) - 1 - n, 0);

		if (r <= 0) {
			return;
		}
		n += (size_t)r;
	}
	__atomic_add_fetch(&srv_requests, 1, __ATOMIC_SEQ_CST);
	serve(fd, method, path, ctype, eoh, (size_t)(req + n - eoh));
}

static void *
srv_main(void *arg)
{
	(void)arg;
	for (;;) {
		struct pollfd p[2] = { { srv_fd, POLLIN, 0 },
			{ srv_stop[0], POLLIN, 0 } };
		int c;

		if (poll(p, 2, -1) < 0 && errno != EINTR) {
			break;
		}
		if (p[1].revents != 0) {
			break;
		}
		if ((p[0].revents & POLLIN) == 0) {
			continue;
		}
		c = accept(srv_fd, NULL, NULL);
		if (c >= 0) {
			handle(c);
			close(c);
		}
	}
	return NULL;
}

/* Bind 127.0.0.1:0 and return the port; `listen_too` = 0 closes the
 * socket again, leaving a port nobody listens on. */
static int
bind_loopback(int *fd_out)
{
	struct sockaddr_in a;
	socklen_t al = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	ck_assert_int_ge(fd, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &al), 0);
	*fd_out = fd;
	return ntohs(a.sin_port);
}

static void
srv_start(void)
{
	srv_port = bind_loopback(&srv_fd);
	ck_assert_int_eq(listen(srv_fd, 16), 0);
	ck_assert_int_eq(pipe(srv_stop), 0);
	srv_requests = 0;
	ck_assert_int_eq(pthread_create(&srv_thread, NULL, srv_main, NULL),
	    0);
}

static void
srv_end(void)
{
	ck_assert_int_eq(write(srv_stop[1], "x", 1), 1);
	pthread_join(srv_thread, NULL);
	close(srv_fd);
	close(srv_stop[0]);
	close(srv_stop[1]);
	srv_fd = -1;
}

static const char *
url(const char *path)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "http://127.0.0.1:%d%s", srv_port, path);
	return buf;
}

/* Fetch with defaults; returns the code, fills body/len/max_age. */
static int
get(struct certshow_ctx *ctx, const char *u, size_t max, unsigned ms,
    uint8_t **body, size_t *len, long *max_age)
{
	struct certshow__http_req r;

	memset(&r, 0, sizeof(r));
	r.url = u;
	r.max_size = max;
	r.timeout_ms = ms;
	return certshow__http_fetch(ctx, &r, body, len, max_age);
}

/* ------------------------------------------------------------------ */
/* HTTP                                                                 */
/* ------------------------------------------------------------------ */

START_TEST(get_ok_and_max_age)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	uint8_t *b;
	size_t n;
	long age;

	ck_assert_int_eq(get(ctx, url("/ok"), 1024, 0, &b, &n, &age), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(memcmp(b, "hello", 5), 0);
	ck_assert_int_eq(age, 60);
	free(b);
	ck_assert_int_eq(get(ctx, url("/plain"), 1024, 0, &b, &n, &age), 0);
	ck_assert_int_eq(age, -1);
	ck_assert_uint_eq(n, 5);
	free(b);
	ck_assert_int_eq(get(ctx, url("/nostore"), 1024, 0, &b, &n, &age),
	    0);
	ck_assert_int_eq(age, 0);
	free(b);
	ck_assert_int_eq(get(ctx, url("/empty"), 1024, 0, &b, &n, &age), 0);
	ck_assert_uint_eq(n, 0);
	free(b);
	ck_assert_uint_eq(ctx->http_requests, 4);
	ck_assert_uint_eq(srv_requests, 4);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(post_body_and_type)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow__http_req r;
	static const uint8_t req[] = { 'a', 0, 'b' };
	uint8_t *b;
	size_t n;
	long age;
	const char want[] = "POST application/ocsp-request a\0b";

	memset(&r, 0, sizeof(r));
	r.url = url("/echo");
	r.post = req;
	r.post_len = sizeof(req);
	r.content_type = "application/ocsp-request";
	ck_assert_int_eq(certshow__http_fetch(ctx, &r, &b, &n, &age), 0);
	ck_assert_uint_eq(n, sizeof(want) - 1);
	ck_assert_int_eq(memcmp(b, want, n), 0);
	free(b);
	certshow_ctx_free(ctx);
}
END_TEST

/* The cap holds at its edge, for an announced length and a stream. */
START_TEST(size_cap)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	uint8_t *b;
	size_t n;
	long age;

	ck_assert_int_eq(get(ctx, url("/big/65536"), 65536, 0, &b, &n, &age),
	    0);
	ck_assert_uint_eq(n, 65536);
	free(b);
	ck_assert_int_eq(get(ctx, url("/big/65537"), 65536, 0, &b, &n, &age),
	    CERTSHOW_E_LIMIT);
	ck_assert_ptr_null(b);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx), url("/big")));
	ck_assert_int_eq(get(ctx, url("/stream/65536"), 65536, 0, &b, &n,
	    &age), 0);
	ck_assert_uint_eq(n, 65536);
	free(b);
	ck_assert_int_eq(get(ctx, url("/stream/5000000"), 65536, 0, &b, &n,
	    &age), CERTSHOW_E_LIMIT);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx),
	    "larger than 65536 bytes"));
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(redirects)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	uint8_t *b;
	size_t n;
	long age;

	/* /hop/2 -> /hop/1 -> /hop/0 -> /ok: three redirects. */
	ck_assert_int_eq(get(ctx, url("/hop/2"), 1024, 0, &b, &n, &age), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(age, 60); /* of the last answer */
	free(b);
	ck_assert_uint_eq(srv_requests, 4);
	ck_assert_int_eq(get(ctx, url("/hop/3"), 1024, 0, &b, &n, &age),
	    CERTSHOW_E_LIMIT);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx),
	    "more than 3 redirects"));
	ck_assert_int_eq(get(ctx, url("/loop"), 1024, 0, &b, &n, &age),
	    CERTSHOW_E_LIMIT);
	ck_assert_int_eq(get(ctx, url("/toftp"), 1024, 0, &b, &n, &age),
	    CERTSHOW_E_UNSUPPORTED);
	ck_assert_int_eq(get(ctx, url("/tofile"), 1024, 0, &b, &n, &age),
	    CERTSHOW_E_UNSUPPORTED);
	ck_assert_ptr_null(b);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(status_codes)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	uint8_t *b;
	size_t n;
	long age;
	char want[300];

	ck_assert_int_eq(get(ctx, url("/missing"), 1024, 0, &b, &n, &age),
	    CERTSHOW_E_IO);
	ck_assert_ptr_null(b);
	snprintf(want, sizeof(want), "%s: HTTP status 404", url("/missing"));
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_int_eq(get(ctx, url("/error"), 1024, 0, &b, &n, &age),
	    CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: HTTP status 500", url("/error"));
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(timeout_within_limit)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct timespec t0, t1;
	uint8_t *b;
	size_t n;
	long age;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(get(ctx, url("/slow"), 1024, 400, &b, &n, &age),
	    CERTSHOW_E_TIMEOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	ck_assert_msg(ms >= 350 && ms < 2000, "took %.0f ms", ms);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx), url("/slow")));
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(refused_and_schemes)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	uint8_t *b;
	size_t n;
	long age;
	char u[64];
	int fd, port;

	port = bind_loopback(&fd); /* bound, never listening */
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/x", port);
	ck_assert_int_eq(get(ctx, u, 1024, 2000, &b, &n, &age),
	    CERTSHOW_E_CONNECT);
	close(fd);
	ck_assert_int_eq(get(ctx, "ftp://127.0.0.1/x", 1024, 0, &b, &n,
	    &age), CERTSHOW_E_UNSUPPORTED);
	ck_assert_str_eq(certshow_ctx_error(ctx), "ftp://127.0.0.1/x: only "
	    "http and https URLs are fetched");
	ck_assert_int_eq(get(ctx, "file:///etc/hostname", 1024, 0, &b, &n,
	    &age), CERTSHOW_E_UNSUPPORTED);
	ck_assert_int_eq(get(ctx, "ldap://127.0.0.1/cn=x", 1024, 0, &b, &n,
	    &age), CERTSHOW_E_UNSUPPORTED);
	ck_assert_uint_eq(ctx->http_requests, 1);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(url_in_messages_is_printable)
{
	char buf[256], u[400];

	certshow__http_url_printable("http://a/\x1b[31m\n", buf, sizeof(buf));
	ck_assert_str_eq(buf, "http://a/?[31m?");
	memset(u, 'a', sizeof(u) - 1);
	u[sizeof(u) - 1] = '\0';
	certshow__http_url_printable(u, buf, sizeof(buf));
	ck_assert_uint_eq(strlen(buf), 203);
	ck_assert_str_eq(buf + 200, "...");
}
END_TEST

/* ------------------------------------------------------------------ */
/* CRL download (online.c)                                              */
/* ------------------------------------------------------------------ */

#define T_CRL 1717200000        /* 2024-06-01: verification time */
#define T_NEXT (T_CRL + 86400)  /* the CRLs' nextUpdate */

struct pki {
	gnutls_x509_privkey_t ca_key, leaf_key;
	gnutls_x509_crt_t ca, leaf;
	gnutls_datum_t ca_der, leaf_der, crl_revoking, crl_empty;
};

static void
new_key(gnutls_x509_privkey_t *k)
{
	ck_assert_int_eq(gnutls_x509_privkey_init(k), 0);
	ck_assert_int_eq(gnutls_x509_privkey_generate(*k, GNUTLS_PK_ECDSA,
	    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), 0);
}

static void
new_crt(gnutls_x509_crt_t *c, const char *cn, unsigned char serial,
    gnutls_x509_privkey_t key, bool ca)
{
	uint8_t id[64];
	size_t idlen = sizeof(id);

	ck_assert_int_eq(gnutls_x509_crt_init(c), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_version(*c, 3), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_serial(*c, &serial, 1), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_activation_time(*c, 946684800),
	    0);
	ck_assert_int_eq(gnutls_x509_crt_set_expiration_time(*c,
	    4102444800), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_dn_by_oid(*c,
	    GNUTLS_OID_X520_COMMON_NAME, 0, cn, strlen(cn)), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_key(*c, key), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_basic_constraints(*c, ca, -1),
	    0);
	ck_assert_int_eq(gnutls_x509_crt_set_key_usage(*c, ca ?
	    GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN :
	    GNUTLS_KEY_DIGITAL_SIGNATURE), 0);
	ck_assert_int_eq(gnutls_x509_crt_get_key_id(*c, 0, id, &idlen), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_subject_key_id(*c, id, idlen),
	    0);
}

static void
new_crl(struct pki *p, gnutls_datum_t *out, bool revoke)
{
	gnutls_x509_crl_t crl;
	unsigned char serial = 0x42, num = 1;
	uint8_t id[64];
	size_t idlen = sizeof(id);

	ck_assert_int_eq(gnutls_x509_crl_init(&crl), 0);
	ck_assert_int_eq(gnutls_x509_crl_set_version(crl, 2), 0);
	ck_assert_int_eq(gnutls_x509_crl_set_this_update(crl, T_CRL - 3600),
	    0);
	ck_assert_int_eq(gnutls_x509_crl_set_next_update(crl, T_NEXT), 0);
	ck_assert_int_eq(gnutls_x509_crl_set_number(crl, &num, 1), 0);
	ck_assert_int_eq(gnutls_x509_crt_get_key_id(p->ca, 0, id, &idlen), 0);
	ck_assert_int_eq(gnutls_x509_crl_set_authority_key_id(crl, id, idlen),
	    0);
	/* The twin revokes another serial (GnuTLS would encode an empty
	 * CRL with an empty revokedCertificates, which DER forbids). */
	if (!revoke) {
		serial = 0x43;
	}
	ck_assert_int_eq(gnutls_x509_crl_set_crt_serial(crl, &serial, 1,
	    T_CRL - 7200), 0);
	ck_assert_int_eq(gnutls_x509_crl_sign2(crl, p->ca, p->ca_key,
	    GNUTLS_DIG_SHA256, 0), 0);
	ck_assert_int_eq(gnutls_x509_crl_export2(crl, GNUTLS_X509_FMT_DER,
	    out), 0);
	gnutls_x509_crl_deinit(crl);
}

/* A CA and a leaf (serial 0x42) whose distribution points are
 * `urls` (NULL-terminated); a CRL revoking the leaf and one that
 * revokes another serial. */
static void
make_pki(struct pki *p, const char *const *urls)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	new_key(&p->ca_key);
	new_key(&p->leaf_key);
	new_crt(&p->ca, "CRL Test CA", 1, p->ca_key, true);
	ck_assert_int_eq(gnutls_x509_crt_sign2(p->ca, p->ca, p->ca_key,
	    GNUTLS_DIG_SHA256, 0), 0);
	new_crt(&p->leaf, "crl.test", 0x42, p->leaf_key, false);
	for (i = 0; urls[i] != NULL; i++) {
		ck_assert_int_eq(gnutls_x509_crt_set_crl_dist_points2(p->leaf,
		    GNUTLS_SAN_URI, urls[i], strlen(urls[i]), 0), 0);
	}
	ck_assert_int_eq(gnutls_x509_crt_sign2(p->leaf, p->ca, p->ca_key,
	    GNUTLS_DIG_SHA256, 0), 0);
	ck_assert_int_eq(gnutls_x509_crt_export2(p->ca, GNUTLS_X509_FMT_DER,
	    &p->ca_der), 0);
	ck_assert_int_eq(gnutls_x509_crt_export2(p->leaf,
	    GNUTLS_X509_FMT_DER, &p->leaf_der), 0);
	new_crl(p, &p->crl_revoking, true);
	new_crl(p, &p->crl_empty, false);
}

static void
free_pki(struct pki *p)
{
	gnutls_free(p->ca_der.data);
	gnutls_free(p->leaf_der.data);
	gnutls_free(p->crl_revoking.data);
	gnutls_free(p->crl_empty.data);
	gnutls_x509_crt_deinit(p->ca);
	gnutls_x509_crt_deinit(p->leaf);
	gnutls_x509_privkey_deinit(p->ca_key);
	gnutls_x509_privkey_deinit(p->leaf_key);
}

/* Verify the leaf under the CA with `crls`; the verdict flags. */
static uint32_t
verify_with(struct certshow_ctx *ctx, const struct pki *p,
    const struct certshow_crls *crls)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_chain *ch, *cach;
	struct certshow_trust *t;
	struct certshow_result *r;
	uint32_t f;

	o.has_time = 1;
	o.time = T_CRL;
	o.profile = CERTSHOW_PROFILE_RFC5280;
	o.purpose = CERTSHOW_PURPOSE_ANY;
	o.crls = crls;
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &ch, p->leaf_der.data,
	    p->leaf_der.size, "leaf"), 0);
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &cach, p->ca_der.data,
	    p->ca_der.size, "ca"), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_chain(ctx, t, cach), 0);
	ck_assert_int_eq(certshow_verify(ctx, &r, ch, NULL, t, &o), 0);
	f = certshow_result_flags(r);
	certshow_result_free(r);
	certshow_trust_free(t);
	certshow_chain_free(cach);
	certshow_chain_free(ch);
	return f;
}

static struct certshow_cert *
leaf_cert(struct certshow_ctx *ctx, const struct pki *p)
{
	struct certshow_cert *c;

	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, p->leaf_der.data,
	    p->leaf_der.size), 0);
	return c;
}

/* The downloaded CRL decides like a --crl file: the revoking one
 * revokes, its twin verifies; the second call comes from the cache. */
START_TEST(crl_download_revokes)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_crls *crls;
	struct certshow_cert *leaf;
	const char *urls[3] = { "ldap://127.0.0.1/cn=CRL", NULL, NULL };
	char u[256];
	struct pki p;
	int pass;

	snprintf(u, sizeof(u), "%s", url("/file/0"));
	urls[1] = u;
	make_pki(&p, urls);
	leaf = leaf_cert(ctx, &p);
	for (pass = 0; pass < 2; pass++) {
		gnutls_datum_t *d = pass == 0 ? &p.crl_revoking : &p.crl_empty;
		unsigned req0;

		/* A context of its own per pass: nothing cached. */
		certshow_ctx_free(ctx);
		ctx = certshow_ctx_new();
		files[0].data = d->data;
		files[0].len = d->size;
		ck_assert_int_eq(certshow_crls_new(ctx, &crls), 0);
		req0 = srv_requests;
		ck_assert_msg(certshow__crl_download(ctx, &o, leaf, T_CRL,
		    crls) == 1, "%s", certshow_ctx_error(ctx));
		ck_assert_uint_eq(certshow_crls_count(crls), 1);
		ck_assert_uint_eq(srv_requests, req0 + 1);
		ck_assert_uint_eq(verify_with(ctx, &p, crls),
		    pass == 0 ? CERTSHOW_V_REVOKED : 0);
		/* Cached until nextUpdate: no request. */
		ck_assert_int_eq(certshow__crl_download(ctx, &o, leaf,
		    T_NEXT - 1, crls), 1);
		ck_assert_uint_eq(srv_requests, req0 + 1);
		/* At nextUpdate it is fetched again. */
		ck_assert_int_eq(certshow__crl_download(ctx, &o, leaf, T_NEXT,
		    crls), 1);
		ck_assert_uint_eq(srv_requests, req0 + 2);
		certshow_crls_free(crls);
	}
	certshow_cert_free(leaf);
	certshow_ctx_free(ctx);
	free_pki(&p);
	files[0].data = NULL;
}
END_TEST

/* no-store: fetched every time. No http URL: 0, nothing fetched. A
 * failing URL: its error. A failing and a working one: the CRL. */
START_TEST(crl_download_edges)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_crls *crls;
	struct certshow_cert *leaf;
	const char *only_ldap[2] = { "ldap://127.0.0.1/cn=CRL", NULL };
	const char *two[3] = { NULL, NULL, NULL };
	char u404[256], ugood[256], want[300];
	struct pki p;

	make_pki(&p, only_ldap);
	leaf = leaf_cert(ctx, &p);
	ck_assert_int_eq(certshow_crls_new(ctx, &crls), 0);
	ck_assert_int_eq(certshow__crl_download(ctx, &o, leaf, T_CRL, crls),
	    0);
	ck_assert_uint_eq(srv_requests, 0);
	certshow_cert_free(leaf);
	free_pki(&p);

	snprintf(u404, sizeof(u404), "%s", url("/missing"));
	snprintf(ugood, sizeof(ugood), "%s", url("/file/1"));
	two[0] = u404;
	make_pki(&p, two);
	leaf = leaf_cert(ctx, &p);
	ck_assert_int_eq(certshow__crl_download(ctx, &o, leaf, T_CRL, crls),
	    CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: HTTP status 404", u404);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	certshow_cert_free(leaf);
	free_pki(&p);

	/* Not a CRL: a parse error naming the URL. */
	files[1].data = (const uint8_t *)"hello";
	files[1].len = 5;
	two[0] = ugood;
	make_pki(&p, two);
	leaf = leaf_cert(ctx, &p);
	ck_assert_int_eq(certshow__crl_download(ctx, &o, leaf, T_CRL, crls),
	    CERTSHOW_E_PARSE);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx), ugood));
	certshow_cert_free(leaf);
	free_pki(&p);

	two[0] = u404;
	two[1] = ugood;
	make_pki(&p, two);
	files[1].data = p.crl_empty.data;
	files[1].len = p.crl_empty.size;
	files[1].extra = "Cache-Control: no-store\r\n";
	leaf = leaf_cert(ctx, &p);
	srv_requests = 0;
	ck_assert_int_eq(certshow__crl_download(ctx, &o, leaf, T_CRL, crls),
	    1);
	ck_assert_int_eq(certshow__crl_download(ctx, &o, leaf, T_CRL, crls),
	    1);
	ck_assert_uint_eq(srv_requests, 4); /* no-store; 404 not cached */
	ck_assert_uint_eq(certshow_crls_count(crls), 2);
	certshow_cert_free(leaf);
	free_pki(&p);
	files[1].data = NULL;
	files[1].extra = NULL;
	certshow_crls_free(crls);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* AIA chasing (verify.c, online.c)                                     */
/* ------------------------------------------------------------------ */

/* Root (the anchor) -> "AIA Int 1" -> "AIA Int 2" -> leaf; the leaf's
 * caIssuers is /file/2 (Int 2), Int 2's is /file/3 (Int 1). */
struct aia_pki {
	gnutls_x509_privkey_t k[4];
	gnutls_x509_crt_t c[4];
	gnutls_datum_t der[4]; /* root, int1, int2, leaf */
};

static void
set_aia(gnutls_x509_crt_t c, const char *u)
{
	gnutls_datum_t d;

	d.data = (unsigned char *)(uintptr_t)u;
	d.size = (unsigned)strlen(u);
	ck_assert_int_eq(gnutls_x509_crt_set_authority_info_access(c,
	    GNUTLS_IA_CAISSUERS_URI, &d), 0);
}

static void
make_aia_pki(struct aia_pki *p)
{
	static const char *const cn[4] = { "AIA Root", "AIA Int 1",
		"AIA Int 2", "aia.test" };
	char u[256];
	int i;

	for (i = 0; i < 4; i++) {
		new_key(&p->k[i]);
		new_crt(&p->c[i], cn[i], (unsigned char)(0x50 + i), p->k[i],
		    i < 3);
		if (i == 3) {
			snprintf(u, sizeof(u), "%s", url("/file/2"));
			set_aia(p->c[i], u);
		} else if (i == 2) {
			snprintf(u, sizeof(u), "%s", url("/file/3"));
			set_aia(p->c[i], u);
		}
		if (i > 0) {
			ck_assert_int_eq(gnutls_x509_crt_set_issuer_dn_by_oid(
			    p->c[i], GNUTLS_OID_X520_COMMON_NAME, 0,
			    cn[i - 1], strlen(cn[i - 1])), 0);
		}
		ck_assert_int_eq(gnutls_x509_crt_sign2(p->c[i],
		    p->c[i > 0 ? i - 1 : 0], p->k[i > 0 ? i - 1 : 0],
		    GNUTLS_DIG_SHA256, 0), 0);
		ck_assert_int_eq(gnutls_x509_crt_export2(p->c[i],
		    GNUTLS_X509_FMT_DER, &p->der[i]), 0);
	}
	files[2].data = p->der[2].data;
	files[2].len = p->der[2].size;
	files[3].data = p->der[1].data;
	files[3].len = p->der[1].size;
}

static void
free_aia_pki(struct aia_pki *p)
{
	int i;

	for (i = 0; i < 4; i++) {
		gnutls_free(p->der[i].data);
		gnutls_x509_crt_deinit(p->c[i]);
		gnutls_x509_privkey_deinit(p->k[i]);
	}
	files[2].data = NULL;
	files[3].data = NULL;
}

/* Verify the leaf alone under the root; the result (caller frees). */
static struct certshow_result *
aia_verify(struct certshow_ctx *ctx, const struct aia_pki *p,
    unsigned online, unsigned depth)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_chain *ch, *rch;
	struct certshow_trust *t;
	struct certshow_result *r;

	o.has_time = 1;
	o.time = T_CRL;
	o.profile = CERTSHOW_PROFILE_RFC5280;
	o.purpose = CERTSHOW_PURPOSE_ANY;
	o.online = online;
	o.aia_max_depth = depth;
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &ch, p->der[3].data,
	    p->der[3].size, "leaf"), 0);
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &rch, p->der[0].data,
	    p->der[0].size, "root"), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_chain(ctx, t, rch), 0);
	ck_assert_int_eq(certshow_verify(ctx, &r, ch, NULL, t, &o), 0);
	certshow_trust_free(t);
	certshow_chain_free(rch);
	certshow_chain_free(ch);
	return r;
}

START_TEST(aia_two_in_a_row)
{
	struct certshow_ctx *ctx;
	struct certshow_result *r;
	struct aia_pki p;
	char u2[256], u3[256];

	make_aia_pki(&p);
	snprintf(u2, sizeof(u2), "%s", url("/file/2"));
	snprintf(u3, sizeof(u3), "%s", url("/file/3"));
	/* Not asked: no request, the issuer is missing. */
	ctx = certshow_ctx_new();
	r = aia_verify(ctx, &p, 0, 0);
	ck_assert_uint_eq(certshow_result_flags(r),
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_MISSING_ISSUER);
	ck_assert_int_eq(certshow_result_fetched(r), 0);
	ck_assert_uint_eq(srv_requests, 0);
	certshow_result_free(r);
	/* aia_max_depth 1: one issuer fetched, the next one missing. */
	r = aia_verify(ctx, &p, CERTSHOW_ONLINE_AIA, 1);
	ck_assert_uint_eq(certshow_result_flags(r),
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_MISSING_ISSUER);
	ck_assert_uint_eq(srv_requests, 1);
	ck_assert_str_eq(certshow_result_missing_issuer(r, NULL), "CN=AIA Int 1");
	certshow_result_free(r);
	certshow_ctx_free(ctx);
	/* Default depth (4): both fetched, verified, marked. */
	ctx = certshow_ctx_new();
	srv_requests = 0;
	r = aia_verify(ctx, &p, CERTSHOW_ONLINE_AIA, 0);
	ck_assert_uint_eq(certshow_result_flags(r), 0);
	ck_assert_uint_eq(srv_requests, 2);
	ck_assert_uint_eq(certshow_result_path_len(r), 4);
	ck_assert_int_eq(certshow_result_fetched(r), 1);
	ck_assert_int_eq(test_path_origin(r, 0), CERTSHOW_PATH_CHAIN);
	ck_assert_int_eq(test_path_origin(r, 1), CERTSHOW_PATH_FETCHED);
	ck_assert_int_eq(test_path_origin(r, 2), CERTSHOW_PATH_FETCHED);
	ck_assert_int_eq(test_path_origin(r, 3), CERTSHOW_PATH_ANCHOR);
	ck_assert_int_eq(test_path_origin(r, 4), CERTSHOW_PATH_CHAIN);
	ck_assert_str_eq(certshow_cert_source(certshow_result_path_cert(r,
	    1, NULL), NULL), u2);
	ck_assert_str_eq(certshow_cert_source(certshow_result_path_cert(r,
	    2, NULL), NULL), u3);
	certshow_result_free(r);
	/* Again with the same context: from the memory cache. */
	r = aia_verify(ctx, &p, CERTSHOW_ONLINE_AIA, 0);
	ck_assert_uint_eq(certshow_result_flags(r), 0);
	ck_assert_uint_eq(srv_requests, 2);
	certshow_result_free(r);
	certshow_ctx_free(ctx);
	free_aia_pki(&p);
}
END_TEST

/* A caIssuers answer that is not the issuer (here: the leaf's own
 * grandparent only) changes nothing but the note. */
START_TEST(aia_unrelated_and_failed)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *r;
	struct aia_pki p;
	const char *msg;
	uint32_t flag;
	char want[300];

	make_aia_pki(&p);
	files[2].data = p.der[1].data; /* Int 1 where Int 2 should be */
	files[2].len = p.der[1].size;
	r = aia_verify(ctx, &p, CERTSHOW_ONLINE_AIA, 0);
	ck_assert_uint_eq(certshow_result_flags(r),
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_MISSING_ISSUER);
	ck_assert_uint_eq(certshow_result_path_len(r), 1);
	ck_assert_int_eq(certshow_result_fetched(r), 0);
	ck_assert_uint_eq(srv_requests, 1);
	certshow_result_free(r);
	certshow_ctx_free(ctx);
	/* Not served: a note with the URL and the status. */
	files[2].data = NULL;
	ctx = certshow_ctx_new();
	r = aia_verify(ctx, &p, CERTSHOW_ONLINE_AIA, 0);
	ck_assert_uint_eq(certshow_result_flags(r),
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_MISSING_ISSUER);
	/* A note on the missing AKI, UNTRUSTED, MISSING_ISSUER, the
	 * fetch's note last. */
	ck_assert_uint_eq(certshow_result_problem_count(r, 0), 4);
	ck_assert_int_eq(certshow_result_problem(r, 0, 3, &flag, &msg), 0);
	ck_assert_uint_eq(flag, 0);
	snprintf(want, sizeof(want), "caIssuers: %s: HTTP status 404",
	    url("/file/2"));
	ck_assert_str_eq(msg, want);
	certshow_result_free(r);
	certshow_ctx_free(ctx);
	free_aia_pki(&p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Cache                                                                */
/* ------------------------------------------------------------------ */

static const uint8_t DATA[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };

START_TEST(cache_memory)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	uint8_t *d;
	size_t n;

	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "url:a", 100, &d,
	    &n), CERTSHOW_E_NOTFOUND);
	ck_assert_int_eq(certshow__netcache_put(ctx, &o, "url:a", DATA,
	    sizeof(DATA), 200), 0);
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "url:a", 199, &d,
	    &n), 0);
	ck_assert_uint_eq(n, sizeof(DATA));
	ck_assert_int_eq(memcmp(d, DATA, n), 0);
	free(d);
	/* Expired: expires <= now. */
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "url:a", 200, &d,
	    &n), CERTSHOW_E_NOTFOUND);
	/* A prefix or longer key is another key. */
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "url:", 100, &d,
	    &n), CERTSHOW_E_NOTFOUND);
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "url:ab", 100, &d,
	    &n), CERTSHOW_E_NOTFOUND);
	/* Replacing keeps one entry. */
	ck_assert_int_eq(certshow__netcache_put(ctx, &o, "url:a", DATA, 2,
	    300), 0);
	ck_assert_uint_eq(certshow__netcache_count(ctx), 1);
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "url:a", 250, &d,
	    &n), 0);
	ck_assert_uint_eq(n, 2);
	free(d);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(cache_evicts_least_recently_used)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	char key[32];
	uint8_t *d;
	size_t n;
	int i;

	for (i = 0; i < CERTSHOW__NETCACHE_ENTRIES; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		ck_assert_int_eq(certshow__netcache_put(ctx, &o, key, DATA,
		    sizeof(DATA), 1000), 0);
	}
	/* k0 used again: k1 is now the oldest. */
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "k0", 1, &d, &n), 0);
	free(d);
	ck_assert_int_eq(certshow__netcache_put(ctx, &o, "new", DATA,
	    sizeof(DATA), 1000), 0);
	ck_assert_uint_eq(certshow__netcache_count(ctx),
	    CERTSHOW__NETCACHE_ENTRIES);
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "k1", 1, &d, &n),
	    CERTSHOW_E_NOTFOUND);
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "k0", 1, &d, &n), 0);
	free(d);
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "new", 1, &d, &n),
	    0);
	free(d);
	certshow_ctx_free(ctx);
}
END_TEST

static char tmpdir[64];

static void
mk_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_http.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
rm_tmpdir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The one file of the cache directory (the test puts one key). */
static void
only_file(char *out, size_t size)
{
	char cmd[160];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls '%s'", tmpdir);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(out, (int)size, p));
	out[strcspn(out, "\n")] = '\0';
	ck_assert_ptr_null(fgets(cmd, sizeof(cmd), p));
	pclose(p);
}

START_TEST(cache_disk_between_contexts)
{
	struct certshow_ctx *a = certshow_ctx_new(), *b = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	char sub[128], name[128], path[256];
	uint8_t *d;
	size_t n;
	struct stat st;

	mk_tmpdir();
	/* The library creates the last directory level. */
	snprintf(sub, sizeof(sub), "%s/c", tmpdir);
	o.cache_dir = sub;
	ck_assert_int_eq(certshow__netcache_put(a, &o, "crl:http://x/y",
	    DATA, sizeof(DATA), 5000), 0);
	ck_assert_int_eq(certshow__netcache_get(b, &o, "crl:http://x/y",
	    4999, &d, &n), 0);
	ck_assert_uint_eq(n, sizeof(DATA));
	ck_assert_int_eq(memcmp(d, DATA, n), 0);
	free(d);
	ck_assert_uint_eq(certshow__netcache_count(b), 1); /* copied in */
	ck_assert_int_eq(certshow__netcache_get(b, &o, "crl:http://x/y",
	    5000, &d, &n), CERTSHOW_E_NOTFOUND);
	/* Without cache_dir, the second context knows nothing. */
	certshow_ctx_free(b);
	b = certshow_ctx_new();
	o.cache_dir = NULL;
	ck_assert_int_eq(certshow__netcache_get(b, &o, "crl:http://x/y", 1,
	    &d, &n), CERTSHOW_E_NOTFOUND);
	/* Files: one per key, named by the SHA-256 of the key, mode 0600. */
	snprintf(path, sizeof(path), "%s/c", tmpdir);
	{
		char save[64];

		memcpy(save, tmpdir, sizeof(save));
		memcpy(tmpdir, path, sizeof(tmpdir) - 1);
		only_file(name, sizeof(name));
		memcpy(tmpdir, save, sizeof(save));
	}
	/* sha256("crl:http://x/y") */
	ck_assert_uint_eq(strlen(name), 64);
	snprintf(path, sizeof(path), "%s/c/%s", tmpdir, name);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	certshow_ctx_free(a);
	certshow_ctx_free(b);
	rm_tmpdir();
}
END_TEST

/* A file under another key's name, or a damaged one, is a miss. */
START_TEST(cache_disk_foreign_or_damaged)
{
	struct certshow_ctx *a = certshow_ctx_new(), *b;
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	char name1[128], name2[128], p1[256], p2[256];
	uint8_t *d;
	size_t n;
	FILE *f;

	mk_tmpdir();
	o.cache_dir = tmpdir;
	ck_assert_int_eq(certshow__netcache_put(a, &o, "url:one", DATA,
	    sizeof(DATA), 5000), 0);
	only_file(name1, sizeof(name1));
	snprintf(p1, sizeof(p1), "%s/%s", tmpdir, name1);
	certshow_ctx_free(a);
	a = certshow_ctx_new();
	ck_assert_int_eq(certshow__netcache_put(a, &o, "url:two", DATA,
	    sizeof(DATA), 5000), 0);
	certshow_ctx_free(a);
	/* Find the second name: the file that is not name1. */
	snprintf(p2, sizeof(p2), "ls '%s' | grep -v '^%s$'", tmpdir, name1);
	f = popen(p2, "r");
	ck_assert_ptr_nonnull(fgets(name2, sizeof(name2), f));
	pclose(f);
	name2[strcspn(name2, "\n")] = '\0';
	snprintf(p2, sizeof(p2), "%s/%s", tmpdir, name2);
	/* "url:one"'s file moved to "url:two"'s name: not an answer. */
	ck_assert_int_eq(rename(p1, p2), 0);
	b = certshow_ctx_new();
	ck_assert_int_eq(certshow__netcache_get(b, &o, "url:two", 1, &d, &n),
	    CERTSHOW_E_NOTFOUND);
	/* Damaged header. */
	f = fopen(p2, "r+");
	ck_assert_ptr_nonnull(f);
	fputs("garbage", f);
	fclose(f);
	ck_assert_int_eq(certshow__netcache_get(b, &o, "url:one", 1, &d, &n),
	    CERTSHOW_E_NOTFOUND);
	/* The valid twin: a fresh entry answers. */
	ck_assert_int_eq(certshow__netcache_put(b, &o, "url:two", DATA, 3,
	    5000), 0);
	certshow_ctx_free(b);
	b = certshow_ctx_new();
	ck_assert_int_eq(certshow__netcache_get(b, &o, "url:two", 1, &d, &n),
	    0);
	ck_assert_uint_eq(n, 3);
	free(d);
	certshow_ctx_free(b);
	rm_tmpdir();
}
END_TEST

START_TEST(cache_disk_unwritable)
{
	struct certshow_ctx *a = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	uint8_t *d;
	size_t n;

	o.cache_dir = "/nonexistent-dir/certshow/cache";
	ck_assert_int_eq(certshow__netcache_put(a, &o, "url:z", DATA,
	    sizeof(DATA), 5000), CERTSHOW_E_IO);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(a),
	    "/nonexistent-dir/certshow/cache"));
	/* The memory entry is kept. */
	ck_assert_int_eq(certshow__netcache_get(a, &o, "url:z", 1, &d, &n),
	    0);
	free(d);
	certshow_ctx_free(a);
}
END_TEST

struct worker {
	struct certshow_http_cache *cache;
	int id;
	int hits;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	char key[32];
	uint8_t *d;
	size_t n;
	int i;

	certshow_ctx_set_http_cache(ctx, w->cache);
	for (i = 0; i < 200; i++) {
		snprintf(key, sizeof(key), "t%d-%d", w->id, i);
		if (certshow__netcache_put(ctx, &o, key, DATA, sizeof(DATA),
		    10) != 0) {
			break;
		}
		/* Every thread also reads what thread 0 stored. */
		snprintf(key, sizeof(key), "shared");
		if (certshow__netcache_get(ctx, &o, key, 1, &d, &n) == 0) {
			w->hits++;
			free(d);
		}
	}
	certshow_ctx_free(ctx);
	return NULL;
}

START_TEST(cache_shared_by_threads)
{
	struct certshow_ctx *ctx = certshow_ctx_new(), *other;
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_http_cache *c;
	struct worker w[4];
	pthread_t t[4];
	uint8_t *d;
	size_t n;
	int i;

	ck_assert_int_eq(certshow_http_cache_new(ctx, &c), 0);
	ck_assert_int_eq(certshow_ctx_set_http_cache(ctx, c), 0);
	ck_assert_int_eq(certshow__netcache_put(ctx, &o, "shared", DATA,
	    sizeof(DATA), 10), 0);
	for (i = 0; i < 4; i++) {
		w[i].cache = c;
		w[i].id = i;
		w[i].hits = 0;
		ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(w[i].hits, 200);
	}
	ck_assert_uint_eq(certshow__netcache_count(ctx), 1 + 4 * 200);
	/* A context of its own does not see the shared entries. */
	other = certshow_ctx_new();
	ck_assert_int_eq(certshow__netcache_get(other, &o, "shared", 1, &d,
	    &n), CERTSHOW_E_NOTFOUND);
	certshow_ctx_free(other);
	/* Detached: the context is back to a cache of its own. */
	ck_assert_int_eq(certshow_ctx_set_http_cache(ctx, NULL), 0);
	ck_assert_int_eq(certshow__netcache_get(ctx, &o, "shared", 1, &d,
	    &n), CERTSHOW_E_NOTFOUND);
	certshow_ctx_free(ctx);
	certshow_http_cache_free(c);
	certshow_http_cache_free(NULL);
}
END_TEST

static Suite *
http_suite(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("fetch");

	tcase_add_checked_fixture(tc, srv_start, srv_end);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, get_ok_and_max_age);
	tcase_add_test(tc, post_body_and_type);
	tcase_add_test(tc, size_cap);
	tcase_add_test(tc, redirects);
	tcase_add_test(tc, status_codes);
	tcase_add_test(tc, timeout_within_limit);
	tcase_add_test(tc, refused_and_schemes);
	tcase_add_test(tc, crl_download_revokes);
	tcase_add_test(tc, crl_download_edges);
	tcase_add_test(tc, aia_two_in_a_row);
	tcase_add_test(tc, aia_unrelated_and_failed);
	suite_add_tcase(s, tc);
	tc = tcase_create("cache");
	tcase_add_test(tc, url_in_messages_is_printable);
	tcase_add_test(tc, cache_memory);
	tcase_add_test(tc, cache_evicts_least_recently_used);
	tcase_add_test(tc, cache_disk_between_contexts);
	tcase_add_test(tc, cache_disk_foreign_or_damaged);
	tcase_add_test(tc, cache_disk_unwritable);
	tcase_add_test(tc, cache_shared_by_threads);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	/* The library reads no environment; libcurl reads proxies. The
	 * tests talk to 127.0.0.1 only, never through a proxy. */
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	signal(SIGPIPE, SIG_IGN);
	return test_run_suite(http_suite());
}
