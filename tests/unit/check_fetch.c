/*
 * check_fetch.c - certshow_fetch_fd() and the STARTTLS preambles against
 * an in-process GnuTLS server (tests/e2e/tls-server.c) running in a
 * thread on the other end of a socketpair(): no network at all.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>

#include "internal.h"
#include "testutil.h"

#define TLS_SERVER_NO_MAIN
#include "tls-server.c"

/* ------------------------------------------------------------------ */
/* Harness                                                              */
/* ------------------------------------------------------------------ */

enum script {
	SCRIPT_NONE = 0,
	SCRIPT_XMPP,
	SCRIPT_XMPP_REFUSE,
	SCRIPT_LDAP,
	SCRIPT_LDAP_REFUSE,
	SCRIPT_POSTGRES,
	SCRIPT_POSTGRES_REFUSE,
	SCRIPT_MYSQL,
	SCRIPT_MYSQL_NOSSL,
	SCRIPT_SMTP_FLOOD
};

struct server {
	struct srv_cfg cfg;
	enum script script;
	int fd;
	pthread_t thread;
	int client_fd;
};

/* Read exactly n bytes (test side, blocking). */
static int
get_n(int fd, void *buf, size_t n)
{
	uint8_t *p = buf;
	ssize_t r;

	while (n > 0) {
		r = recv(fd, p, n, 0);
		if (r <= 0) {
			return -1;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* Read until `marker` has been received. */
static int
get_until(int fd, const char *marker)
{
	char buf[4096];
	size_t n = 0;

	while (n + 1 < sizeof(buf)) {
		if (recv(fd, &buf[n], 1, 0) != 1) {
			return -1;
		}
		buf[++n] = '\0';
		if (strstr(buf, marker) != NULL) {
			return 0;
		}
	}
	return -1;
}

/* Server side of the preambles the line-protocol server does not
 * speak. Returns 0 to go on with TLS. */
static int
run_script(struct server *sv)
{
	static const uint8_t ldap_ok[] = {
		0x30, 0x84, 0x00, 0x00, 0x00, 0x0c, 0x02, 0x01, 0x01,
		0x78, 0x84, 0x00, 0x00, 0x00, 0x03, 0x0a, 0x01, 0x00
	};
	static const uint8_t ldap_no[] = {
		0x30, 0x1a, 0x02, 0x01, 0x01, 0x78, 0x15, 0x0a, 0x01, 0x34,
		0x04, 0x00, 0x04, 0x0e, 'n', 'o', ' ', 'T', 'L', 'S', ' ',
		'h', 'e', 'r', 'e', '\n', 'x', 'y'
	};
	/* HandshakeV10: version 10, "8.0.0-test", id, salt, filler,
	 * capabilities (low 2 bytes) with or without CLIENT_SSL. */
	uint8_t my[64], req[64];
	size_t n = 0;
	int fd = sv->fd;

	switch (sv->script) {
	case SCRIPT_NONE:
		return 0;
	case SCRIPT_XMPP:
	case SCRIPT_XMPP_REFUSE:
		if (get_until(fd, "version='1.0'>") != 0) {
			return -1;
		}
		put(fd, "<?xml version='1.0'?><stream:stream "
		    "xmlns='jabber:client' id='x' version='1.0'>"
		    "<stream:features><starttls xmlns='urn:ietf:params:xml:"
		    "ns:xmpp-tls'><required/></starttls></stream:features>");
		if (get_until(fd, "/>") != 0) {
			return -1;
		}
		if (sv->script == SCRIPT_XMPP_REFUSE) {
			put(fd, "<failure xmlns='urn:ietf:params:xml:ns:"
			    "xmpp-tls'/></stream:stream>");
			return -1;
		}
		put(fd, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
		return 0;
	case SCRIPT_LDAP:
	case SCRIPT_LDAP_REFUSE:
		if (get_n(fd, req, 31) != 0 || req[0] != 0x30 ||
		    req[5] != 0x77) {
			return -1;
		}
		if (sv->script == SCRIPT_LDAP_REFUSE) {
			(void)send(fd, ldap_no, sizeof(ldap_no), MSG_NOSIGNAL);
			return -1;
		}
		(void)send(fd, ldap_ok, sizeof(ldap_ok), MSG_NOSIGNAL);
		return 0;
	case SCRIPT_POSTGRES:
	case SCRIPT_POSTGRES_REFUSE:
		if (get_n(fd, req, 8) != 0 || req[3] != 8 || req[4] != 0x04) {
			return -1;
		}
		put(fd, sv->script == SCRIPT_POSTGRES ? "S" : "N");
		return sv->script == SCRIPT_POSTGRES ? 0 : -1;
	case SCRIPT_MYSQL:
	case SCRIPT_MYSQL_NOSSL:
		memset(my, 0, sizeof(my));
		n = 4;
		my[n++] = 10;
		memcpy(my + n, "8.0.0-test", 11);
		n += 11;
		n += 4 + 8 + 1;
		my[n++] = 0xff;
		my[n++] = sv->script == SCRIPT_MYSQL ? 0xff : 0xf7;
		my[n++] = 0x21;
		n += 2 + 2 + 1 + 10;
		my[0] = (uint8_t)(n - 4);
		(void)send(fd, my, n, MSG_NOSIGNAL);
		if (sv->script == SCRIPT_MYSQL_NOSSL) {
			drain(fd, 500);
			return -1;
		}
		if (get_n(fd, req, 36) != 0 || req[0] != 32 || req[3] != 1 ||
		    (req[5] & 0x08) == 0) {
			return -1;
		}
		return 0;
	case SCRIPT_SMTP_FLOOD:
		/* A multi-line greeting that never ends. */
		for (n = 0; n < 100000; n++) {
			put(fd, "220-flood flood flood flood flood flood\r\n");
		}
		return -1;
	}
	return -1;
}

static void *
server_main(void *arg)
{
	struct server *sv = arg;

	if (run_script(sv) == 0) {
		(void)serve_conn(&sv->cfg, sv->fd);
	}
	close(sv->fd);
	return NULL;
}

/* Start a server thread with `chain` (relative to data/) and return the
 * client's socket. request_cert: 0 no CertificateRequest, 1 ask for a
 * client certificate, 2 require one. */
static void
server_start_ex(struct server *sv, const char *chain, const char *key,
    const char *ocsp, const char *client_ca, int version, int request_cert)
{
	char c[4096], k[4096], o[4096], ca[4096];
	int sp[2];

	memset(sv, 0, sizeof(*sv));
	snprintf(c, sizeof(c), "%s", test_data_path(chain));
	snprintf(k, sizeof(k), "%s", test_data_path(key));
	snprintf(o, sizeof(o), "%s", ocsp != NULL ? test_data_path(ocsp) :
	    "");
	snprintf(ca, sizeof(ca), "%s", client_ca != NULL ?
	    test_data_path(client_ca) : "");
	ck_assert_int_eq(srv_load(&sv->cfg, c, k, ocsp != NULL ? o : NULL,
	    client_ca != NULL ? ca : NULL), 0);
	sv->cfg.prio = prio_for(version);
	if (request_cert != 0) {
		sv->cfg.request_cert = request_cert;
	}
	if (sv->cfg.silent_ms == 0) {
		sv->cfg.silent_ms = 5000;
	}
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	sv->fd = sp[1];
	sv->client_fd = sp[0];
	ck_assert_int_eq(pthread_create(&sv->thread, NULL, server_main, sv),
	    0);
}

static void
server_start(struct server *sv, const char *chain, const char *key,
    const char *ocsp, const char *client_ca, int version)
{
	server_start_ex(sv, chain, key, ocsp, client_ca, version, 0);
}

static void
server_stop(struct server *sv)
{
	close(sv->client_fd);
	pthread_join(sv->thread, NULL);
	srv_free(&sv->cfg);
}

#define VALID "tls-extra/chain-valid.pem"
#define LEAF_KEY "tls-extra/leaf.key"

/* Compare the captured chain with the certificates of a PEM file. */
static void
assert_chain_is(const struct certshow_session *s, const char *pem)
{
	const struct certshow_chain *ch = certshow_session_chain(s);
	gnutls_x509_crt_t *crts = NULL;
	gnutls_datum_t d, der;
	const uint8_t *got;
	size_t len;
	unsigned n = 0, i;

	ck_assert_int_eq(gnutls_load_file(test_data_path(pem), &d), 0);
	ck_assert_int_ge(gnutls_x509_crt_list_import2(&crts, &n, &d,
	    GNUTLS_X509_FMT_PEM, 0), 0);
	gnutls_free(d.data);
	ck_assert_uint_eq(certshow_chain_count(ch), n);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(gnutls_x509_crt_export2(crts[i],
		    GNUTLS_X509_FMT_DER, &der), 0);
		got = certshow_cert_raw(certshow_chain_get(ch, i),
		    CERTSHOW_RAW_DER, &len);
		ck_assert_msg(len == der.size && memcmp(got, der.data,
		    len) == 0, "%s: certificate #%u differs", pem, i);
		gnutls_free(der.data);
		gnutls_x509_crt_deinit(crts[i]);
	}
	gnutls_free(crts);
}

/* ------------------------------------------------------------------ */
/* Default ports (the CLI's parsers are in tests/unit/check_cli.c)      */
/* The session's facts (certshow_session_info() must succeed). */
static struct certshow_session_info
info_of(const struct certshow_session *s)
{
	struct certshow_session_info info = CERTSHOW_SESSION_INFO_INIT;

	ck_assert_int_eq(certshow_session_info(s, &info), 0);
	return info;
}

/* How the handshake ended: its code, its message into *msg. */
static int
hs_error(const struct certshow_session *s, const char **msg)
{
	struct certshow_session_info info = info_of(s);

	*msg = info.handshake_message;
	return info.handshake_error;
}

/* ------------------------------------------------------------------ */

START_TEST(test_starttls_default_port)
{
	ck_assert_str_eq(certshow__starttls_default_port(
	    CERTSHOW_STARTTLS_SMTP), "25");
	ck_assert_str_eq(certshow__starttls_default_port(
	    CERTSHOW_STARTTLS_POSTGRES), "5432");
	ck_assert_str_eq(certshow__starttls_default_port(
	    CERTSHOW_STARTTLS_MYSQL), "3306");
	ck_assert_str_eq(certshow__starttls_default_port(
	    CERTSHOW_STARTTLS_NONE), "443");
	ck_assert_str_eq(certshow__starttls_default_port(
	    (enum certshow_starttls)99), "443");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Handshakes                                                           */
/* ------------------------------------------------------------------ */

START_TEST(test_valid_chain)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct server sv;
	const char *msg = "unset";
	size_t len = 1;

	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 0);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd,
	    "www.example.test", NULL), 0);
	assert_chain_is(s, VALID);
	ck_assert_str_eq(info_of(s).tls_version, "TLS1.3");
	ck_assert_ptr_nonnull(info_of(s).cipher);
	ck_assert_ptr_nonnull(info_of(s).group);
	ck_assert_ptr_null(info_of(s).alpn);
	ck_assert_str_eq(info_of(s).sni, "www.example.test");
	ck_assert_str_eq(info_of(s).peer_addr, "local");
	ck_assert_uint_eq(info_of(s).peer_port, 0);
	ck_assert_ptr_null(certshow_session_ocsp_der(s, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(info_of(s).client_cert_requested, 0);
	ck_assert_uint_eq(info_of(s).client_ca_count, 0);
	ck_assert_int_eq(hs_error(s, &msg), 0);
	ck_assert_ptr_null(msg);
	{
		struct certshow_session_info bad = CERTSHOW_SESSION_INFO_INIT;

		ck_assert_int_eq(certshow_session_info(NULL, &bad),
		    CERTSHOW_E_INVAL);
		ck_assert_int_eq(certshow_session_info(s, NULL),
		    CERTSHOW_E_INVAL);
		bad.version = 0;
		ck_assert_int_eq(certshow_session_info(s, &bad),
		    CERTSHOW_E_INVAL);
		bad.version = CERTSHOW_SESSION_INFO_VERSION + 1;
		ck_assert_int_eq(certshow_session_info(s, &bad),
		    CERTSHOW_E_INVAL);
		ck_assert_ptr_null(bad.tls_version);
	}
	ck_assert_str_eq(certshow_cert_source(certshow_chain_get(
	    certshow_session_chain(s), 1), NULL), "tls:www.example.test:0");
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* The chain is captured as sent: order, duplicates, extras. */
static const char *const as_sent[] = {
	"tls-extra/chain-reversed.pem",
	"tls-extra/chain-duplicate.pem",
	"tls-extra/chain-root-included.pem",
	"tls-extra/chain-extra-unrelated.pem",
	"tls-extra/chain-leaf-only.pem",
	"tls-extra/chain-expired.pem",
	"tls-extra/chain-selfsigned.pem",
	"tls-extra/chain-30.pem",
	"tls-extra/chain-manysans.pem",
};

START_TEST(test_chain_as_sent)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct server sv;
	int rv;

	server_start(&sv, as_sent[_i], LEAF_KEY, NULL, NULL, 0);
	rv = certshow_fetch_fd(ctx, &s, sv.client_fd, "www.example.test",
	    NULL);
	ck_assert_msg(rv == 0, "%s: %s", as_sent[_i], certshow_ctx_error(ctx));
	assert_chain_is(s, as_sent[_i]);
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_tls12_only_server)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct server sv;

	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 12);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd, NULL,
	    NULL), 0);
	ck_assert_str_eq(info_of(s).tls_version, "TLS1.2");
	ck_assert_ptr_null(info_of(s).sni);
	assert_chain_is(s, VALID);
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* A client requiring TLS 1.3 against a TLS 1.2-only server: the server
 * gives up with a fatal alert (GnuTLS sends handshake_failure), which is
 * CERTSHOW_E_ALERT naming the alert. */
START_TEST(test_version_mismatch)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;
	struct server sv;

	o.min_tls = CERTSHOW_TLS1_3;
	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 12);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd, NULL, &o),
	    CERTSHOW_E_ALERT);
	ck_assert_msg(strstr(certshow_ctx_error(ctx),
	    "the server sent a fatal alert: Handshake failed") !=
	    NULL, "%s", certshow_ctx_error(ctx));
	ck_assert_ptr_null(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_sni_rules)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;
	struct server sv;

	/* An IP literal is never sent as SNI (RFC 6066 3). */
	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 0);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd, "::1",
	    NULL), 0);
	ck_assert_ptr_null(info_of(s).sni);
	certshow_session_free(s);
	server_stop(&sv);

	/* Explicit name, trailing dot removed. */
	o.sni = "other.example.test.";
	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 0);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd,
	    "www.example.test", &o), 0);
	ck_assert_str_eq(info_of(s).sni, "other.example.test");
	certshow_session_free(s);
	server_stop(&sv);

	o.sni = NULL;
	o.no_sni = 1;
	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 0);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd,
	    "www.example.test", &o), 0);
	ck_assert_ptr_null(info_of(s).sni);
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* OCSP stapling and client CA names                                    */
/* ------------------------------------------------------------------ */

/* The session keeps the staple raw; certshow_verify() judges it with
 * the path's issuer (the revocation stage). One row per outcome, each
 * against the same trust store (root A) at a fixed time. */
struct ocsp_row {
	const char *chain;
	const char *untrusted;  /* extra intermediates, or NULL */
	const char *resp;
	int version;
	uint32_t want_flags;
	enum certshow_rev_status want;
	enum certshow_rev_source want_src;
};
#define V(x) CERTSHOW_V_##x
#define SRC_STAPLE CERTSHOW_REV_SOURCE_STAPLE

static const struct ocsp_row ocsp_rows[] = {
	{ VALID, NULL, "tls-extra/ocsp-good.der", 13, 0, CERTSHOW_REV_GOOD,
	    SRC_STAPLE },
	{ VALID, NULL, "tls-extra/ocsp-good.der", 12, 0, CERTSHOW_REV_GOOD,
	    SRC_STAPLE },
	{ VALID, NULL, "tls-extra/ocsp-revoked.der", 13, V(REVOKED),
	    CERTSHOW_REV_REVOKED, SRC_STAPLE },
	{ VALID, NULL, "tls-extra/ocsp-revoked.der", 12, V(REVOKED),
	    CERTSHOW_REV_REVOKED, SRC_STAPLE },
	/* Signed by an unrelated key: a named problem, never ignored. */
	{ VALID, NULL, "tls-extra/ocsp-badsig.der", 13,
	    V(REVOCATION_UNKNOWN), CERTSHOW_REV_ERROR, SRC_STAPLE },
	/* The issuer was not sent: the path's issuer (from elsewhere)
	 * checks the signature. */
	{ "tls-extra/chain-leaf-only.pem", "tls-extra/int-a.pem",
	    "tls-extra/ocsp-good.der", 13, 0, CERTSHOW_REV_GOOD, SRC_STAPLE },
	/* A response about another certificate. */
	{ "tls-extra/chain-rsa1024.pem", NULL, "tls-extra/ocsp-good.der", 13,
	    V(WEAK_KEY) | V(REVOCATION_UNKNOWN), CERTSHOW_REV_ERROR,
	    SRC_STAPLE },
	/* Twin without a staple: nothing checked, verified. */
	{ VALID, NULL, NULL, 13, 0, CERTSHOW_REV_NOT_CHECKED,
	    CERTSHOW_REV_SOURCE_NONE },
};

START_TEST(test_ocsp_staple)
{
	const struct ocsp_row *r = &ocsp_rows[_i];
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_revocation rv;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_trust *t = NULL;
	struct certshow_chain *unt = NULL;
	struct certshow_result *res = NULL;
	struct server sv;
	size_t len;

	server_start(&sv, r->chain, strstr(r->chain, "rsa1024") != NULL ?
	    "tls-extra/leaf-rsa1024.key" : LEAF_KEY, r->resp, NULL,
	    r->version);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd, NULL,
	    NULL), 0);
	server_stop(&sv);
	ck_assert_int_eq(certshow_session_ocsp_der(s, &len) != NULL,
	    r->resp != NULL);
	ck_assert_int_eq(len > 0, r->resp != NULL);
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("tls-extra/ca-a.pem"), 0), 0);
	if (r->untrusted != NULL) {
		ck_assert_int_eq(certshow_chain_load_file(ctx, &unt,
		    test_data_path(r->untrusted)), 0);
	}
	vo.has_time = 1;
	vo.time = 2524608000; /* 2050-01-01 */
	vo.ocsp_staple = certshow_session_ocsp_der(s, &vo.ocsp_staple_len);
	vo.flags = CERTSHOW_VF_FROM_TLS;
	ck_assert_int_eq(certshow_verify(ctx, &res, certshow_session_chain(s),
	    unt, t, &vo), 0);
	ck_assert_msg(certshow_result_flags(res) == r->want_flags,
	    "row %d: flags 0x%x", _i, certshow_result_flags(res));
	ck_assert_uint_eq(certshow_result_warnings(res), 0);
	rv.version = CERTSHOW_REVOCATION_VERSION;
	ck_assert_int_eq(certshow_result_revocation(res, 0, &rv), 0);
	ck_assert_msg(rv.status == r->want && rv.source == r->want_src,
	    "row %d: %s from %s (%s)", _i, certshow_rev_status_name(rv.status),
	    certshow_rev_source_name(rv.source), rv.message);
	if (r->want == CERTSHOW_REV_GOOD || r->want == CERTSHOW_REV_REVOKED) {
		ck_assert_int_eq(rv.this_update, 946684800); /* 2000-01-01 */
		ck_assert_int_eq(rv.next_update, 4102444799); /* 2099-12-31 */
		ck_assert_int_eq(rv.revoked_at, r->want == CERTSHOW_REV_REVOKED ?
		    1262304000 : -1);                       /* 2010-01-01 */
		ck_assert_int_eq(rv.reason, r->want == CERTSHOW_REV_REVOKED ?
		    1 : -1);                                 /* keyCompromise */
		ck_assert_int_gt(rv.produced_at, 0);
	}
	/* The issuer above the leaf was not asked about. */
	ck_assert_int_eq(certshow_result_revocation(res, 1, &rv), 0);
	ck_assert_int_eq(rv.status, CERTSHOW_REV_NOT_CHECKED);
	certshow_result_free(res);
	certshow_chain_free(unt);
	certshow_trust_free(t);
	certshow_session_free(s);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_client_ca_names)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct server sv;
	const uint8_t *der;
	size_t len;
	int version = _i == 0 ? 13 : 12;

	server_start(&sv, VALID, LEAF_KEY, NULL, "tls-extra/ca-two.pem",
	    version);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd, NULL,
	    NULL), 0);
	ck_assert_int_eq(info_of(s).client_cert_requested, 1);
	ck_assert_uint_eq(info_of(s).client_ca_count, 2);
	ck_assert_str_eq(certshow_session_client_ca(s, 0, &der, &len),
	    "CN=certshow Test Root A,O=certshow tests");
	ck_assert_uint_gt(len, 0);
	ck_assert_uint_eq(der[0], 0x30);
	ck_assert_str_eq(certshow_session_client_ca(s, 1, NULL, NULL),
	    "CN=certshow Test Root B,O=certshow tests");
	ck_assert_ptr_null(certshow_session_client_ca(s, 2, NULL, NULL));
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* A server that requires a client certificate. TLS 1.2: it aborts the
 * handshake after sending its own (handshake_failure), and the chain
 * must survive with the failure recorded. TLS 1.3: the server judges the
 * client's empty Certificate after the client's handshake is complete,
 * so the fetch sees a completed handshake; both keep the CA names. */
START_TEST(test_client_cert_required)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct server sv;
	const char *msg = "unset";
	int tls12 = _i == 1;

	server_start_ex(&sv, VALID, LEAF_KEY, NULL, "tls-extra/ca-two.pem",
	    tls12 ? 12 : 13, 2);
	ck_assert_msg(certshow_fetch_fd(ctx, &s, sv.client_fd,
	    "www.example.test", NULL) == 0, "%s", certshow_ctx_error(ctx));
	assert_chain_is(s, VALID);
	ck_assert_str_eq(info_of(s).tls_version,
	    tls12 ? "TLS1.2" : "TLS1.3");
	ck_assert_ptr_nonnull(info_of(s).group);
	ck_assert_int_eq(info_of(s).client_cert_requested, 1);
	ck_assert_uint_eq(info_of(s).client_ca_count, 2);
	if (tls12) {
		ck_assert_int_eq(hs_error(s, &msg),
		    CERTSHOW_E_ALERT);
		ck_assert_ptr_nonnull(msg);
		ck_assert_msg(strstr(msg, "fatal alert: Handshake failed (the "
		    "server had asked for a client certificate; none was "
		    "sent)") != NULL, "%s", msg);
		ck_assert_str_eq(certshow_ctx_error(ctx), msg);
		ck_assert_ptr_null(info_of(s).cipher);
	} else {
		ck_assert_int_eq(hs_error(s, &msg), 0);
		ck_assert_ptr_null(msg);
		ck_assert_ptr_nonnull(info_of(s).cipher);
	}
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* A server whose key does not match its certificate: the client fails
 * the handshake after the Certificate (TLS 1.2: ServerKeyExchange
 * signature; TLS 1.3: CertificateVerify, before the verification hook
 * runs). The chain is kept all the same. */
START_TEST(test_wrong_server_key)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct server sv;
	const char *msg = NULL;
	int tls12 = _i == 1;

	server_start(&sv, VALID, "tls-extra/int-a.key", NULL, NULL,
	    tls12 ? 12 : 13);
	ck_assert_msg(certshow_fetch_fd(ctx, &s, sv.client_fd,
	    "www.example.test", NULL) == 0, "%s", certshow_ctx_error(ctx));
	assert_chain_is(s, VALID);
	ck_assert_str_eq(info_of(s).tls_version,
	    tls12 ? "TLS1.2" : "TLS1.3");
	ck_assert_int_eq(hs_error(s, &msg),
	    CERTSHOW_E_TLS);
	ck_assert_ptr_nonnull(msg);
	ck_assert_msg(strstr(msg, "TLS handshake with www.example.test "
	    "(socket ") != NULL && strstr(msg, "failed: ") != NULL, "%s",
	    msg);
	ck_assert_int_eq(info_of(s).client_cert_requested, 0);
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* A failure to copy the chain in the hook is the error reported, with
 * its own message, and no session is returned. */
START_TEST(test_capture_limit_in_hook)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct server sv;

	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_CERTS, 1),
	    0);
	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, _i == 1 ? 12 : 13);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd,
	    "www.example.test", NULL), CERTSHOW_E_LIMIT);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(certshow_ctx_error(ctx), "sent 2 certificates "
	    "(limit 1)") != NULL, "%s", certshow_ctx_error(ctx));
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Hostile servers                                                      */
/* ------------------------------------------------------------------ */

struct hostile_row {
	enum srv_mode mode;
	int want;
	const char *msg;      /* substring of the message */
};

static const struct hostile_row hostile_rows[] = {
	{ SRV_SILENT, CERTSHOW_E_TIMEOUT, "handshake with" },
	{ SRV_GARBAGE, CERTSHOW_E_TLS, "handshake with" },
	{ SRV_CLOSE, CERTSHOW_E_TLS, "closed the connection" },
	{ SRV_ALERT, CERTSHOW_E_ALERT, "fatal alert: Handshake failed" },
};

/* Start a server on chain-valid.pem with a mode, a STARTTLS dialect and
 * a script, all set before the thread starts. */
static void
server_start_mode(struct server *sv, enum srv_mode mode,
    enum srv_starttls st, int refuse, enum script script)
{
	int sp[2];

	memset(sv, 0, sizeof(*sv));
	ck_assert_int_eq(srv_load(&sv->cfg, test_data_path(VALID), NULL,
	    NULL, NULL), 0);
	{
		gnutls_datum_t d;

		ck_assert_int_eq(gnutls_load_file(test_data_path(LEAF_KEY),
		    &d), 0);
		ck_assert_int_eq(gnutls_privkey_init(&sv->cfg.key), 0);
		ck_assert_int_eq(gnutls_privkey_import_x509_raw(sv->cfg.key,
		    &d, GNUTLS_X509_FMT_PEM, NULL, 0), 0);
		gnutls_free(d.data);
	}
	sv->cfg.prio = prio_for(0);
	sv->cfg.mode = mode;
	sv->cfg.alert = 40;
	sv->cfg.silent_ms = 5000;
	sv->cfg.starttls = st;
	sv->cfg.refuse_starttls = refuse;
	sv->script = script;
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	sv->fd = sp[1];
	sv->client_fd = sp[0];
	ck_assert_int_eq(pthread_create(&sv->thread, NULL, server_main, sv),
	    0);
}

START_TEST(test_hostile)
{
	const struct hostile_row *r = &hostile_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;
	struct server sv;
	int64_t t0;

	o.handshake_timeout_ms = 300;
	server_start_mode(&sv, r->mode, SRV_ST_NONE, 0, SCRIPT_NONE);
	t0 = certshow__now_ms();
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd,
	    "www.example.test", &o), r->want);
	ck_assert_int_lt(certshow__now_ms() - t0, 3000);
	ck_assert_msg(strstr(certshow_ctx_error(ctx), r->msg) != NULL,
	    "row %d: '%s'", _i, certshow_ctx_error(ctx));
	ck_assert_ptr_null(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Connecting                                                           */
/* ------------------------------------------------------------------ */

/* A connect timeout on loopback alone: a listener on 127.0.0.1 with a
 * full accept queue (fill_backlog() in tls-server.c) drops further SYNs,
 * so the connection attempt goes unanswered until the timeout. */
START_TEST(test_connect_timeout)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	char port[16], want[200];
	int lfd, fill[64], n, i;
	int64_t t0, dt;

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(lfd, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(lfd, 0), 0);
	ck_assert_int_eq(getsockname(lfd, (struct sockaddr *)&sin, &sl), 0);
	n = fill_backlog((struct sockaddr *)&sin, sl, fill, 64);
	if (n < 0) {
		/* Not a failure of ours: this kernel answers every SYN. */
		fprintf(stderr, "check_fetch: connect timeout not testable "
		    "here (SYNs to a full accept queue are answered)\n");
		close(lfd);
		certshow_ctx_free(ctx);
		return;
	}
	snprintf(port, sizeof(port), "%u", (unsigned)ntohs(sin.sin_port));
	o.connect_timeout_ms = 300;
	t0 = certshow__now_ms();
	ck_assert_int_eq(certshow_fetch(ctx, &s, "127.0.0.1", port, &o),
	    CERTSHOW_E_TIMEOUT);
	dt = certshow__now_ms() - t0;
	ck_assert_int_ge(dt, 300);
	ck_assert_int_lt(dt, 3000);
	ck_assert_ptr_null(s);
	snprintf(want, sizeof(want), "connect to 127.0.0.1 port %s timed out "
	    "after 300 ms: 127.0.0.1: connect timed out", port);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	for (i = 0; i < n; i++) {
		close(fill[i]);
	}
	close(lfd);
	certshow_ctx_free(ctx);
}
END_TEST

/* A resolution failure that needs no network: glibc answers an IPv4
 * literal asked for as IPv6 without consulting any resolver. Other C
 * libraries may fall back to DNS for it, so only glibc runs this. */
START_TEST(test_resolve_failure_local)
{
#ifdef __GLIBC__
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;

	o.family = 6;
	ck_assert_int_eq(certshow_fetch(ctx, &s, "127.0.0.1", "1", &o),
	    CERTSHOW_E_DNS);
	ck_assert_ptr_null(s);
	ck_assert_msg(strncmp(certshow_ctx_error(ctx), "cannot resolve "
	    "'127.0.0.1' port 1 (IPv6): ", 42) == 0, "%s",
	    certshow_ctx_error(ctx));
	o.family = 4;
	ck_assert_int_eq(certshow_fetch(ctx, &s, "::1", "1", &o),
	    CERTSHOW_E_DNS);
	ck_assert_ptr_null(s);
	ck_assert_msg(strncmp(certshow_ctx_error(ctx), "cannot resolve "
	    "'::1' port 1 (IPv4): ", 36) == 0, "%s", certshow_ctx_error(ctx));
	certshow_ctx_free(ctx);
#endif
}
END_TEST

/* ------------------------------------------------------------------ */
/* STARTTLS                                                             */
/* ------------------------------------------------------------------ */

struct st_row {
	enum certshow_starttls proto;
	enum srv_starttls srv;
	int refuse;
	enum script script;
	int want;
	const char *msg;
};

static const struct st_row st_rows[] = {
	{ CERTSHOW_STARTTLS_SMTP, SRV_ST_SMTP, 0, SCRIPT_NONE, 0, NULL },
	{ CERTSHOW_STARTTLS_SMTP, SRV_ST_SMTP, 1, SCRIPT_NONE,
	    CERTSHOW_E_STARTTLS, "\"454 4.7.0 TLS not available" },
	{ CERTSHOW_STARTTLS_IMAP, SRV_ST_IMAP, 0, SCRIPT_NONE, 0, NULL },
	{ CERTSHOW_STARTTLS_IMAP, SRV_ST_IMAP, 1, SCRIPT_NONE,
	    CERTSHOW_E_STARTTLS, "\"a BAD STARTTLS not supported\"" },
	{ CERTSHOW_STARTTLS_POP3, SRV_ST_POP3, 0, SCRIPT_NONE, 0, NULL },
	{ CERTSHOW_STARTTLS_POP3, SRV_ST_POP3, 1, SCRIPT_NONE,
	    CERTSHOW_E_STARTTLS, "\"-ERR STLS not available\"" },
	{ CERTSHOW_STARTTLS_FTP, SRV_ST_FTP, 0, SCRIPT_NONE, 0, NULL },
	{ CERTSHOW_STARTTLS_FTP, SRV_ST_FTP, 1, SCRIPT_NONE,
	    CERTSHOW_E_STARTTLS, "\"502 AUTH not implemented\"" },
	{ CERTSHOW_STARTTLS_XMPP, SRV_ST_NONE, 0, SCRIPT_XMPP, 0, NULL },
	{ CERTSHOW_STARTTLS_XMPP, SRV_ST_NONE, 0, SCRIPT_XMPP_REFUSE,
	    CERTSHOW_E_STARTTLS, "refused STARTTLS" },
	{ CERTSHOW_STARTTLS_LDAP, SRV_ST_NONE, 0, SCRIPT_LDAP, 0, NULL },
	{ CERTSHOW_STARTTLS_LDAP, SRV_ST_NONE, 0, SCRIPT_LDAP_REFUSE,
	    CERTSHOW_E_STARTTLS,
	    "resultCode 52 unavailable): \"no TLS here\\x0Axy\"" },
	{ CERTSHOW_STARTTLS_POSTGRES, SRV_ST_NONE, 0, SCRIPT_POSTGRES, 0,
	    NULL },
	{ CERTSHOW_STARTTLS_POSTGRES, SRV_ST_NONE, 0, SCRIPT_POSTGRES_REFUSE,
	    CERTSHOW_E_STARTTLS, "refused SSL" },
	{ CERTSHOW_STARTTLS_MYSQL, SRV_ST_NONE, 0, SCRIPT_MYSQL, 0, NULL },
	{ CERTSHOW_STARTTLS_MYSQL, SRV_ST_NONE, 0, SCRIPT_MYSQL_NOSSL,
	    CERTSHOW_E_STARTTLS, "does not support SSL: \"8.0.0-test\"" },
	{ CERTSHOW_STARTTLS_SMTP, SRV_ST_NONE, 0, SCRIPT_SMTP_FLOOD,
	    CERTSHOW_E_STARTTLS, "more than 65536 bytes" },
	/* Speaking SMTP to an IMAP server. */
	{ CERTSHOW_STARTTLS_SMTP, SRV_ST_IMAP, 0, SCRIPT_NONE,
	    CERTSHOW_E_STARTTLS, "unexpected greeting" },
};

START_TEST(test_starttls)
{
	const struct st_row *r = &st_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;
	struct server sv;
	int rv;

	o.starttls = r->proto;
	o.handshake_timeout_ms = 3000;
	server_start_mode(&sv, SRV_NORMAL, r->srv, r->refuse, r->script);
	rv = certshow_fetch_fd(ctx, &s, sv.client_fd, "mail.example.test",
	    &o);
	ck_assert_msg(rv == r->want, "row %d (protocol %d): rv %d: %s", _i,
	    (int)r->proto, rv, certshow_ctx_error(ctx));
	if (rv == 0) {
		assert_chain_is(s, VALID);
	} else {
		ck_assert_msg(strstr(certshow_ctx_error(ctx), r->msg) != NULL,
		    "row %d: '%s'", _i, certshow_ctx_error(ctx));
	}
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Arguments                                                            */
/* ------------------------------------------------------------------ */

START_TEST(test_bad_args)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;

	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, -1, NULL, NULL),
	    CERTSHOW_E_INVAL);
	o.version = 99;
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, 0, NULL, &o),
	    CERTSHOW_E_INVAL);
	o.version = CERTSHOW_FETCH_OPTS_VERSION;
	o.family = 5;
	ck_assert_int_eq(certshow_fetch(ctx, &s, "localhost", "1", &o),
	    CERTSHOW_E_INVAL);
	o.family = 0;
	o.min_tls = CERTSHOW_TLS1_3;
	o.max_tls = CERTSHOW_TLS1_2;
	ck_assert_int_eq(certshow_fetch(ctx, &s, "localhost", "1", &o),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_fetch(ctx, &s, NULL, "1", NULL),
	    CERTSHOW_E_INVAL);
	ck_assert_ptr_null(s);
	certshow_session_free(NULL);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_alpn_list)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s = NULL;
	struct certshow_fetch_opts o = CERTSHOW_FETCH_OPTS_INIT;
	struct server sv;

	o.alpn = "h2,,http/1.1";
	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 0);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd, NULL, &o),
	    CERTSHOW_E_INVAL);
	server_stop(&sv);
	o.alpn = "h2,http/1.1";
	server_start(&sv, VALID, LEAF_KEY, NULL, NULL, 0);
	ck_assert_int_eq(certshow_fetch_fd(ctx, &s, sv.client_fd, NULL, &o),
	    0);
	/* The test server selects no protocol. */
	ck_assert_ptr_null(info_of(s).alpn);
	certshow_session_free(s);
	server_stop(&sv);
	certshow_ctx_free(ctx);
}
END_TEST


/* ------------------------------------------------------------------ */
/* The chain as sent: problems and the connection report                */
/* ------------------------------------------------------------------ */

/* Fetch `chain` from a fresh server; the session is the caller's. */
static struct certshow_session *
fetch_chain(struct certshow_ctx *ctx, const char *chain, const char *key,
    const char *ocsp)
{
	struct certshow_session *s = NULL;
	struct server sv;
	int rv;

	server_start(&sv, chain, key, ocsp, NULL, 0);
	rv = certshow_fetch_fd(ctx, &s, sv.client_fd, "www.example.com",
	    NULL);
	ck_assert_msg(rv == 0, "%s: %s", chain, certshow_ctx_error(ctx));
	server_stop(&sv);
	return s;
}

static struct certshow_result *
verify_session(struct certshow_ctx *ctx, const struct certshow_session *s,
    const char *cafile)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_trust *t = NULL;
	struct certshow_result *res = NULL;

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path(cafile), 0), 0);
	vo.peer_kind = CERTSHOW_PEER_DNS;
	vo.peer_name = "www.example.com";
	vo.has_time = 1;
	vo.time = 2524608000; /* 2050-01-01 */
	vo.ocsp_staple = certshow_session_ocsp_der(s, &vo.ocsp_staple_len);
	vo.flags = CERTSHOW_VF_FROM_TLS;
	ck_assert_int_eq(certshow_verify(ctx, &res, certshow_session_chain(s),
	    NULL, t, &vo), 0);
	certshow_trust_free(t);
	return res;
}

struct sent_row {
	const char *chain;
	const char *cafile;     /* NULL: structural checks only */
	unsigned want;
	uint32_t want_verdict;
};

static const struct sent_row sent_rows[] = {
	{ "chains/chain-valid.pem", NULL, 0, 0 },
	{ "chains/chain-valid.pem", "chains/ca-root.pem", 0, 0 },
	{ "chains/chain-out-of-order.pem", NULL, CERTSHOW_SENT_WRONG_ORDER, 0 },
	{ "chains/chain-out-of-order.pem", "chains/ca-root.pem",
	    CERTSHOW_SENT_WRONG_ORDER, 0 },
	{ "chains/chain-duplicated.pem", "chains/ca-root.pem",
	    CERTSHOW_SENT_DUPLICATE, 0 },
	{ "chains/chain-missing-int.pem", "chains/ca-root.pem",
	    CERTSHOW_SENT_MISSING_INTERMEDIATE,
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_MISSING_ISSUER },
	{ "chains/chain-missing-int.pem", "chains/trust-root-and-int.pem",
	    CERTSHOW_SENT_LOCAL_ANCHOR, 0 },
	/* leaf, ca-int-expired, ca-int: the first intermediate is not used
	 * (an unneeded certificate, sent in a confusing order). */
	{ "chains/chain-alt-path.pem", "chains/ca-root.pem",
	    CERTSHOW_SENT_UNNEEDED | CERTSHOW_SENT_WRONG_ORDER, 0 },
};

START_TEST(test_sent_chain_check)
{
	const struct sent_row *r = &sent_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s;
	struct certshow_result *res = NULL;
	unsigned got;

	s = fetch_chain(ctx, r->chain, "keys/leaf.key", NULL);
	if (r->cafile != NULL) {
		res = verify_session(ctx, s, r->cafile);
		ck_assert_msg(certshow_result_flags(res) == r->want_verdict,
		    "row %d: verdict 0x%x", _i, certshow_result_flags(res));
	}
	got = certshow_sent_chain_check(certshow_session_chain(s), res);
	ck_assert_msg(got == r->want, "row %d (%s): problems 0x%x, want 0x%x",
	    _i, r->chain, got, r->want);
	certshow_result_free(res);
	certshow_session_free(s);
	certshow_ctx_free(ctx);
}
END_TEST

/* Built in memory: root included, found without any verification. */
START_TEST(test_sent_root_included)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s;

	s = fetch_chain(ctx, "tls-extra/chain-root-included.pem",
	    "tls-extra/leaf.key", NULL);
	ck_assert_uint_eq(certshow_sent_chain_check(certshow_session_chain(s),
	    NULL), CERTSHOW_SENT_ROOT_INCLUDED);
	ck_assert_str_eq(certshow_sent_problem_name(
	    CERTSHOW_SENT_ROOT_INCLUDED), "ROOT_INCLUDED");
	ck_assert_str_eq(certshow_sent_problem_name(0x4000), "UNKNOWN");
	certshow_session_free(s);
	certshow_ctx_free(ctx);
}
END_TEST

/* The JSON report is one valid document with the session's facts. */
START_TEST(test_writer_json)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s;
	struct certshow_result *res;
	struct certshow_writer *w = NULL;
	json_t *doc, *c, *r0, *rv;
	json_error_t jerr;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	s = fetch_chain(ctx, "tls/localhost-chain.pem", "keys/leaf.key",
	    "tls/ocsp-localhost-revoked.der");
	res = verify_session(ctx, s, "tls/ca-root.pem");
	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, CERTSHOW_FORMAT_JSON,
	    NULL), 0);
	ck_assert_int_eq(certshow_writer_add_session(ctx, w, s, res), 0);
	/* Nothing else fits in that document. */
	ck_assert_int_eq(certshow_writer_add_session(ctx, w, s, res),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	fclose(fp);
	doc = json_loadb(buf, len, 0, &jerr);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", jerr.text);
	ck_assert_int_eq(json_integer_value(json_object_get(doc,
	    "format_version")), 1);
	c = json_object_get(doc, "connection");
	ck_assert_str_eq(json_string_value(json_object_get(c, "address")),
	    "local");
	ck_assert_str_eq(json_string_value(json_object_get(c, "sni")),
	    "www.example.com");
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_object_get(c, "ocsp"), "status")), "revoked");
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(c, "ocsp"), "length")) > 0, 1);
	ck_assert_int_eq(json_integer_value(json_object_get(c,
	    "chain_length")), 2);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "results")), 1);
	/* The revoked staple is part of the verdict. */
	r0 = json_array_get(json_object_get(doc, "results"), 0);
	ck_assert_int_eq(json_is_false(json_object_get(r0, "verified")), 1);
	/* (verified for www.example.com: the localhost leaf mismatches) */
	ck_assert_uint_eq(json_array_size(json_object_get(r0, "flags")), 2);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r0,
	    "flags"), 0)), "HOSTNAME_MISMATCH");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r0,
	    "flags"), 1)), "REVOKED");
	rv = json_object_get(json_array_get(json_object_get(r0, "path"), 0),
	    "revocation");
	ck_assert_str_eq(json_string_value(json_object_get(rv, "status")),
	    "revoked");
	ck_assert_str_eq(json_string_value(json_object_get(rv, "source")),
	    "staple");
	ck_assert_str_eq(json_string_value(json_object_get(rv, "reason")),
	    "keyCompromise");
	ck_assert_str_eq(json_string_value(json_object_get(rv, "revoked_at")),
	    "2010-01-01T00:00:00Z");
	ck_assert_int_eq(json_is_true(json_object_get(c,
	    "handshake_completed")), 1);
	ck_assert_int_eq(json_is_null(json_object_get(c, "handshake_error")),
	    1);
	/* The chain as sent, decoded as certshow dump does. */
	c = json_object_get(doc, "certificates");
	ck_assert_uint_eq(json_array_size(c), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    json_array_get(c, 1), "subject"), "rfc4514")),
	    "CN=certshow Test Intermediate CA,O=certshow tests");
	json_decref(doc);
	free(buf);
	certshow_writer_free(w);
	certshow_result_free(res);
	certshow_session_free(s);
	certshow_ctx_free(ctx);
}
END_TEST

/* PEM output is the chain exactly as sent. */
START_TEST(test_writer_pem)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_session *s;
	struct certshow_writer *w = NULL;
	char *buf = NULL, *want;
	size_t len = 0, wlen;
	FILE *fp;

	s = fetch_chain(ctx, "chains/chain-out-of-order.pem", "keys/leaf.key",
	    NULL);
	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, CERTSHOW_FORMAT_PEM,
	    NULL), 0);
	ck_assert_int_eq(certshow_writer_add_session(ctx, w, s, NULL), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	fclose(fp);
	want = (char *)test_read_file(test_data_path(
	    "chains/chain-out-of-order.pem"), &wlen);
	ck_assert_uint_eq(len, wlen);
	ck_assert_int_eq(memcmp(buf, want, len), 0);
	free(want);
	free(buf);
	certshow_writer_free(w);
	certshow_session_free(s);
	certshow_ctx_free(ctx);
}
END_TEST

static Suite *
fetch_suite(void)
{
	Suite *s = suite_create("fetch");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_starttls_default_port);
	suite_add_tcase(s, tc);

	tc = tcase_create("handshake");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_valid_chain);
	tcase_add_loop_test(tc, test_chain_as_sent, 0,
	    (int)(sizeof(as_sent) / sizeof(as_sent[0])));
	tcase_add_test(tc, test_tls12_only_server);
	tcase_add_test(tc, test_version_mismatch);
	tcase_add_test(tc, test_sni_rules);
	tcase_add_test(tc, test_alpn_list);
	tcase_add_test(tc, test_bad_args);
	suite_add_tcase(s, tc);

	tc = tcase_create("ocsp");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_ocsp_staple, 0,
	    (int)(sizeof(ocsp_rows) / sizeof(ocsp_rows[0])));
	tcase_add_loop_test(tc, test_client_ca_names, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("handshake-failure");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_client_cert_required, 0, 2);
	tcase_add_loop_test(tc, test_wrong_server_key, 0, 2);
	tcase_add_loop_test(tc, test_capture_limit_in_hook, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_hostile, 0,
	    (int)(sizeof(hostile_rows) / sizeof(hostile_rows[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("connect");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_connect_timeout);
	tcase_add_test(tc, test_resolve_failure_local);
	suite_add_tcase(s, tc);

	tc = tcase_create("report");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_sent_chain_check, 0,
	    (int)(sizeof(sent_rows) / sizeof(sent_rows[0])));
	tcase_add_test(tc, test_sent_root_included);
	tcase_add_test(tc, test_writer_json);
	tcase_add_test(tc, test_writer_pem);
	suite_add_tcase(s, tc);

	tc = tcase_create("starttls");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_starttls, 0,
	    (int)(sizeof(st_rows) / sizeof(st_rows[0])));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(fetch_suite());
}
