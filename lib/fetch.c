/*
 * fetch.c - connect to a server, run a TLS client handshake with GnuTLS
 * and capture what it presented: the certificate chain exactly as sent,
 * the negotiated parameters, a stapled OCSP response and the client CA
 * names it asked for.
 *
 * Implementation notes
 * - GnuTLS never verifies the peer here: no trust list is loaded, and
 *   the verification hook only copies the peer's certificates and always
 *   accepts them, so a bad chain cannot abort the handshake. The caller
 *   verifies the captured chain with certshow_verify(), the same code
 *   path as offline files.
 * - The chain is captured in that hook, as soon as GnuTLS has parsed the
 *   server's Certificate (and CertificateStatus), not after the
 *   handshake: a TLS 1.2 server that requires a client certificate
 *   aborts the handshake after sending its own (RFC 5246 7.4.6), and a
 *   misconfigured one fails later for other reasons (e.g. a
 *   ServerKeyExchange or CertificateVerify signature made with another
 *   key). Such a fetch still succeeds with the chain, and the session
 *   records how the handshake failed (certshow_session_info()).
 * - The socket is switched to non-blocking mode for the whole exchange
 *   and every wait goes through poll() against one deadline, so neither
 *   a silent server nor a stalled send can outlive the timeout. The
 *   caller's file status flags are restored afterwards.
 * - After the handshake we send close_notify (GNUTLS_SHUT_WR) and do not
 *   wait for the peer's (RFC 8446 6.1 allows closing the write side).
 * - Nothing here touches GnuTLS global settings.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "fetch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/ocsp.h>
#include <gnutls/x509.h>

#define DEFAULT_TIMEOUT_MS 10000u
/* A TLS handshake message length is a 24-bit field (RFC 8446 4). */
#define MAX_HANDSHAKE_MSG ((size_t)0xFFFFFF)
#define MAX_ALPN 16
#define MAX_CLIENT_CAS 4096

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

static bool
is_ip_literal(const char *host)
{
	struct in6_addr a6;
	struct in_addr a4;

	return inet_pton(AF_INET, host, &a4) == 1 ||
	    inet_pton(AF_INET6, host, &a6) == 1;
}

static unsigned
timeout_or_default(unsigned ms)
{
	return ms == 0 ? DEFAULT_TIMEOUT_MS : ms;
}

static const struct certshow_fetch_opts default_opts =
    CERTSHOW_FETCH_OPTS_INIT;

static int
check_opts(struct certshow_ctx *ctx, const struct certshow_fetch_opts **opts)
{
	const struct certshow_fetch_opts *o = *opts;

	if (o == NULL) {
		*opts = &default_opts;
		return 0;
	}
	if (o->version != CERTSHOW_FETCH_OPTS_VERSION) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "fetch options: unsupported version %u", o->version);
	}
	if (o->family != 0 && o->family != 4 && o->family != 6) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "fetch options: family must be 0, 4 or 6, not %d",
		    o->family);
	}
	if ((o->min_tls != 0 && (o->min_tls < CERTSHOW_TLS1_0 ||
	    o->min_tls > CERTSHOW_TLS1_3)) ||
	    (o->max_tls != 0 && (o->max_tls < CERTSHOW_TLS1_0 ||
	    o->max_tls > CERTSHOW_TLS1_3))) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "fetch options: unknown TLS version");
	}
	if ((o->min_tls != 0 ? o->min_tls : CERTSHOW_TLS1_2) >
	    (o->max_tls != 0 ? o->max_tls : CERTSHOW_TLS1_3)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "fetch options: minimum TLS version above maximum");
	}
	if ((unsigned)o->starttls > CERTSHOW_STARTTLS_MYSQL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "fetch options: unknown STARTTLS protocol %d",
		    (int)o->starttls);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Session accessors                                                    */
/* ------------------------------------------------------------------ */

void
certshow_session_free(struct certshow_session *s)
{
	size_t i;

	if (s == NULL) {
		return;
	}
	certshow_chain_free(s->chain);
	free(s->alpn);
	free(s->sni);
	free(s->host);
	for (i = 0; i < s->n_ca; i++) {
		free(s->ca[i].str);
		free(s->ca[i].der);
	}
	free(s->ca);
	free(s->ocsp_der);
	free(s->hs_message);
	free(s);
}

const struct certshow_chain *
certshow_session_chain(const struct certshow_session *s)
{
	return s == NULL ? NULL : s->chain;
}

int
certshow_session_info(const struct certshow_session *s,
    struct certshow_session_info *info)
{
	if (s == NULL || info == NULL || info->version < 1 ||
	    info->version > CERTSHOW_SESSION_INFO_VERSION) {
		return CERTSHOW_E_INVAL;
	}
	/* Version 1 is every field so far; a later version adds fields
	 * after these and fills them only when the caller asks for it. */
	info->tls_version = s->version;
	info->cipher = s->cipher;
	info->group = s->group;
	info->alpn = s->alpn;
	info->sni = s->sni;
	info->peer_addr = s->peer_addr;
	info->peer_port = s->peer_port;
	info->client_cert_requested = s->cert_requested ? 1 : 0;
	info->client_ca_count = s->n_ca;
	info->handshake_error = s->hs_error;
	info->handshake_message = s->hs_message;
	return 0;
}

const char *
certshow_session_client_ca(const struct certshow_session *s, size_t i,
    const uint8_t **der, size_t *len)
{
	if (s == NULL || i >= s->n_ca) {
		return NULL;
	}
	if (der != NULL) {
		*der = s->ca[i].der;
	}
	if (len != NULL) {
		*len = s->ca[i].len;
	}
	return s->ca[i].str;
}

const uint8_t *
certshow_session_ocsp_der(const struct certshow_session *s, size_t *len)
{
	if (len != NULL) {
		*len = s == NULL ? 0 : s->ocsp_len;
	}
	return s == NULL ? NULL : s->ocsp_der;
}

/* ------------------------------------------------------------------ */
/* Handshake                                                            */
/* ------------------------------------------------------------------ */

/* What the GnuTLS callbacks of one handshake need (the session pointer). */
struct hs_state {
	struct certshow_ctx *ctx;
	struct certshow_session *s;
	const char *source;  /* certificate source, "tls:HOST:PORT" */
	const char *label;   /* the peer in messages */
	int rv;              /* error of a capture inside a callback */
	char msg[CERTSHOW__ERRBUF]; /* and its message */
};

/* The client-certificate callback: record what the server asked for and
 * send no certificate (RFC 8446 4.4.2: an empty Certificate). */
static int
client_cert_cb(gnutls_session_t gs, const gnutls_datum_t *req_ca_rdn,
    int nreqs, const gnutls_pk_algorithm_t *pk_algos, int pk_len,
    gnutls_pcert_st **pcert, unsigned int *pcert_length,
    gnutls_privkey_t *pkey)
{
	struct hs_state *st = gnutls_session_get_ptr(gs);
	struct certshow_session *s = st != NULL ? st->s : NULL;
	struct certshow__client_ca *ca;
	gnutls_datum_t str;
	int i, n;

	*pcert = NULL;
	*pcert_length = 0;
	*pkey = NULL;
	if (s == NULL || s->cert_requested) {
		return 0;
	}
	s->cert_requested = true;
	n = nreqs > MAX_CLIENT_CAS ? MAX_CLIENT_CAS : nreqs;
	if (n <= 0) {
		return 0;
	}
	s->ca = calloc((size_t)n, sizeof(*s->ca));
	if (s->ca == NULL) {
		s->ca_nomem = true;
		return 0;
	}
	for (i = 0; i < n; i++) {
		ca = &s->ca[s->n_ca];
		ca->der = malloc(req_ca_rdn[i].size + 1u);
		if (ca->der == NULL) {
			s->ca_nomem = true;
			return 0;
		}
		memcpy(ca->der, req_ca_rdn[i].data, req_ca_rdn[i].size);
		ca->len = req_ca_rdn[i].size;
		s->n_ca++;
		str.data = NULL;
		if (gnutls_x509_rdn_get2(&req_ca_rdn[i], &str, 0) >= 0) {
			ca->str = malloc(str.size + 1u);
			if (ca->str != NULL) {
				memcpy(ca->str, str.data, str.size);
				ca->str[str.size] = '\0';
			}
			gnutls_free(str.data);
		} else {
			ca->str = strdup("(unparsable name)");
		}
		if (ca->str == NULL) {
			s->ca_nomem = true;
			return 0;
		}
	}
	return 0;
}

static const char *
version_token(unsigned v)
{
	switch (v) {
	case CERTSHOW_TLS1_0:
		return "VERS-TLS1.0";
	case CERTSHOW_TLS1_1:
		return "VERS-TLS1.1";
	case CERTSHOW_TLS1_2:
		return "VERS-TLS1.2";
	default:
		return "VERS-TLS1.3";
	}
}

static void
build_priority(const struct certshow_fetch_opts *o, char *buf, size_t size)
{
	unsigned lo = o->min_tls != 0 ? o->min_tls : CERTSHOW_TLS1_2;
	unsigned hi = o->max_tls != 0 ? o->max_tls : CERTSHOW_TLS1_3;
	unsigned v;
	size_t n;

	n = (size_t)snprintf(buf, size, "NORMAL:-VERS-ALL");
	for (v = hi; v >= lo && n < size; v--) {
		n += (size_t)snprintf(buf + n, size - n, ":+%s",
		    version_token(v));
	}
}

static int
set_alpn(struct certshow_ctx *ctx, gnutls_session_t gs, const char *list)
{
	gnutls_datum_t protos[MAX_ALPN];
	const char *p = list;
	unsigned n = 0;
	size_t len;
	int rv;

	while (*p != '\0') {
		len = strcspn(p, ",");
		if (len == 0 || len > 255 || n == MAX_ALPN) {
			return certshow__set_error(ctx, CERTSHOW_E_INVAL,
			    "ALPN list '%s': empty, too long (255) or too many "
			    "(%d) protocols", list, MAX_ALPN);
		}
		protos[n].data = (unsigned char *)(uintptr_t)p;
		protos[n].size = (unsigned)len;
		n++;
		p += len;
		if (*p == ',') {
			p++;
		}
	}
	if (n == 0) {
		return 0;
	}
	rv = gnutls_alpn_set_protocols(gs, protos, n, 0);
	if (rv < 0) {
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_INVAL,
		    "ALPN list '%s'", list);
	}
	return 0;
}

/* The code comes from the one GnuTLS mapping; the message says what a
 * handshake failure means for the user. */
static int
handshake_error(struct certshow_ctx *ctx, gnutls_session_t gs, int rv,
    const char *label)
{
	int code = certshow__gnutls_code(rv, CERTSHOW_E_TLS);

	switch (rv) {
	case GNUTLS_E_FATAL_ALERT_RECEIVED:
		return certshow__set_error(ctx, code,
		    "TLS handshake with %s: the server sent a fatal alert: %s",
		    label, gnutls_alert_get_name(gnutls_alert_get(gs)));
	case GNUTLS_E_TIMEDOUT:
		return certshow__set_error(ctx, code,
		    "TLS handshake with %s timed out", label);
	case GNUTLS_E_PREMATURE_TERMINATION:
	case GNUTLS_E_UNEXPECTED_PACKET_LENGTH:
		return certshow__set_error(ctx, code,
		    "TLS handshake with %s: the server closed the connection "
		    "(%s)", label, gnutls_strerror(rv));
	case GNUTLS_E_PUSH_ERROR:
	case GNUTLS_E_PULL_ERROR:
		return certshow__set_error_errno(ctx, code,
		    "TLS handshake with %s: %s", label, gnutls_strerror(rv));
	default:
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_TLS,
		    "TLS handshake with %s failed", label);
	}
}

static int
capture_chain(struct certshow_ctx *ctx, struct certshow_session *s,
    gnutls_session_t gs, const char *source, const char *label)
{
	const gnutls_datum_t *peers;
	struct certshow_cert *c;
	unsigned n = 0, i;
	int rv;

	peers = gnutls_certificate_get_peers(gs, &n);
	if (peers == NULL || n == 0) {
		return certshow__set_error(ctx, CERTSHOW_E_TLS,
		    "%s sent no certificate", label);
	}
	if (n > certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_CERTS)) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s sent %u certificates (limit %zu)", label, n,
		    certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_CERTS));
	}
	rv = certshow_chain_new(ctx, &s->chain);
	if (rv != 0) {
		return rv;
	}
	for (i = 0; i < n; i++) {
		rv = certshow__cert_new(ctx, &c, peers[i].data, peers[i].size,
		    source, i);
		if (rv != 0) {
			return certshow__wrap_error(ctx,
			    "certificate #%u sent by %s", i, label);
		}
		rv = certshow_chain_add(ctx, s->chain, c);
		if (rv != 0) {
			certshow_cert_free(c);
			return rv;
		}
	}
	return 0;
}

static void capture_params(struct certshow_session *s, gnutls_session_t gs);

/* The verification hook (gnutls_session_set_verify_function): GnuTLS
 * calls it once it has the server's Certificate (TLS 1.2: and its
 * CertificateStatus; TLS 1.3: after CertificateVerify), before the rest
 * of the handshake. It copies the chain and accepts it whatever it is:
 * judging is certshow_verify()'s business. Only a failure to copy (a
 * limit, memory, an undecodable certificate) stops the handshake. */
static int
peer_cb(gnutls_session_t gs)
{
	struct hs_state *st = gnutls_session_get_ptr(gs);

	if (st == NULL || st->s->chain != NULL) {
		return 0;
	}
	capture_params(st->s, gs);
	st->rv = capture_chain(st->ctx, st->s, gs, st->source, st->label);
	if (st->rv == 0) {
		return 0;
	}
	/* run_handshake() will overwrite the context's message. */
	snprintf(st->msg, sizeof(st->msg), "%s", certshow_ctx_error(st->ctx));
	return GNUTLS_E_CERTIFICATE_ERROR;
}

/* The handshake failed with `rv` (message in ctx). When the server's
 * certificates were received, keep them: record the failure in the
 * session and return 0. Otherwise return `rv` unchanged. */
static int
keep_after_failure(struct certshow_ctx *ctx, struct certshow_session *s,
    gnutls_session_t gs, const char *source, const char *label, int rv)
{
	char msg[CERTSHOW__ERRBUF];
	unsigned n = 0;

	snprintf(msg, sizeof(msg), "%s", certshow_ctx_error(ctx));
	if (s->cert_requested) {
		/* The usual reason a server gives up on a client. */
		snprintf(msg, sizeof(msg), "%s (the server had asked for a "
		    "client certificate; none was sent)",
		    certshow_ctx_error(ctx));
	}
	/* TLS 1.3 runs the hook only after CertificateVerify; GnuTLS keeps
	 * the certificates from the Certificate message before that. */
	if (s->chain == NULL && gnutls_certificate_get_peers(gs, &n) != NULL &&
	    n > 0 && capture_chain(ctx, s, gs, source, label) != 0) {
		certshow_chain_free(s->chain);
		s->chain = NULL;
	}
	if (s->chain == NULL) {
		return certshow__set_error(ctx, rv, "%s", msg);
	}
	s->hs_error = rv;
	s->hs_message = strdup(msg);
	if (s->hs_message == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	/* The caller still learns what happened from the context. */
	(void)certshow__set_error(ctx, rv, "%s", msg);
	return 0;
}

/* Negotiated parameters. Called from the verification hook and again
 * after the handshake, keeping what is known at either point: a TLS 1.2
 * key exchange group is only known from the ServerKeyExchange that
 * follows the Certificate, and GnuTLS names the cipher suite only once
 * the handshake has completed (NULL after a failed one). */
static void
capture_params(struct certshow_session *s, gnutls_session_t gs)
{
	gnutls_datum_t alpn;
	gnutls_group_t group;
	const char *p;

	p = gnutls_protocol_get_name(gnutls_protocol_get_version(gs));
	if (p != NULL) {
		s->version = p;
	}
	p = gnutls_ciphersuite_get(gs);
	if (p != NULL) {
		s->cipher = p;
	}
	group = gnutls_group_get(gs);
	if (group != GNUTLS_GROUP_INVALID) {
		s->group = gnutls_group_get_name(group);
	}
	if (s->alpn == NULL &&
	    gnutls_alpn_get_selected_protocol(gs, &alpn) == 0 &&
	    alpn.size > 0) {
		s->alpn = malloc(alpn.size + 1u);
		if (s->alpn != NULL) {
			memcpy(s->alpn, alpn.data, alpn.size);
			s->alpn[alpn.size] = '\0';
		}
	}
}

static int
capture_ocsp(struct certshow_ctx *ctx, struct certshow_session *s,
    gnutls_session_t gs)
{
	gnutls_datum_t resp;

	if (gnutls_ocsp_status_request_get(gs, &resp) < 0 || resp.size == 0) {
		return 0;
	}
	s->ocsp_der = malloc(resp.size);
	if (s->ocsp_der == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	memcpy(s->ocsp_der, resp.data, resp.size);
	s->ocsp_len = resp.size;
	/* Kept raw: certshow_verify() checks it (opts ocsp_staple). */
	return 0;
}

/* Run the handshake on a non-blocking fd until done, failure or the
 * deadline. */
static int
run_handshake(struct certshow_ctx *ctx, gnutls_session_t gs, int fd,
    int64_t deadline, const char *label)
{
	int rv;

	for (;;) {
		rv = gnutls_handshake(gs);
		if (rv == 0) {
			return 0;
		}
		if (rv == GNUTLS_E_AGAIN || rv == GNUTLS_E_INTERRUPTED) {
			rv = certshow__wait_fd(fd,
			    gnutls_record_get_direction(gs) ? POLLOUT : POLLIN,
			    deadline, ctx->cancel);
			if (rv == CERTSHOW_E_TIMEOUT) {
				return certshow__set_error(ctx,
				    CERTSHOW_E_TIMEOUT,
				    "TLS handshake with %s timed out", label);
			}
			if (rv != 0) {
				return certshow__set_error_errno(ctx,
				    CERTSHOW_E_IO, "waiting for %s", label);
			}
			continue;
		}
		if (gnutls_error_is_fatal(rv) == 0) {
			/* A warning alert: the handshake goes on. */
			continue;
		}
		return handshake_error(ctx, gs, rv, label);
	}
}

static void
fill_peer(struct certshow_session *s, int fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char serv[16];

	snprintf(s->peer_addr, sizeof(s->peer_addr), "local");
	s->peer_port = 0;
	if (getpeername(fd, (struct sockaddr *)&ss, &sl) != 0 ||
	    (ss.ss_family != AF_INET && ss.ss_family != AF_INET6)) {
		return;
	}
	if (getnameinfo((struct sockaddr *)&ss, sl, s->peer_addr,
	    sizeof(s->peer_addr), serv, sizeof(serv),
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(s->peer_addr, sizeof(s->peer_addr), "unknown");
		return;
	}
	s->peer_port = (unsigned)strtoul(serv, NULL, 10);
}

/* Allocate the session for a fetch on `fd`: defaults, the peer's address
 * and a copy of `host`. */
static int
session_new(struct certshow_ctx *ctx, struct certshow_session **out, int fd,
    const char *host)
{
	struct certshow_session *s;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	fill_peer(s, fd);
	*out = s;
	if (host != NULL) {
		s->host = strdup(host);
		if (s->host == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
	}
	return 0;
}

/* Choose the SNI (RFC 6066 3): a DNS name, never an IP literal, without
 * the trailing dot; stored in s->sni. */
static int
choose_sni(struct certshow_ctx *ctx, struct certshow_session *s,
    const char *host, const struct certshow_fetch_opts *o)
{
	const char *sni = NULL;
	char *p;

	if (!o->no_sni) {
		sni = o->sni != NULL ? o->sni :
		    (host != NULL && !is_ip_literal(host) ? host : NULL);
	}
	if (sni != NULL && *sni != '\0') {
		s->sni = strdup(sni);
		if (s->sni == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
		p = s->sni + strlen(s->sni) - 1;
		if (p > s->sni && *p == '.') {
			*p = '\0';
		}
	}
	return 0;
}

/* Allocate the GnuTLS credentials (sending no client certificate) and the
 * client session. */
static int
tls_alloc(struct certshow_ctx *ctx, gnutls_certificate_credentials_t *cred,
    gnutls_session_t *gs)
{
	int rv;

	rv = gnutls_certificate_allocate_credentials(cred);
	if (rv < 0) {
		*cred = NULL;
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_NOMEM,
		    "TLS credentials");
	}
	gnutls_certificate_set_retrieve_function2(*cred, client_cert_cb);
	rv = gnutls_init(gs, GNUTLS_CLIENT | GNUTLS_NO_SIGNAL);
	if (rv < 0) {
		*gs = NULL;
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_NOMEM,
		    "TLS session");
	}
	return 0;
}

/* Configure the session from the options: priority, credentials, SNI,
 * ALPN, status request, handshake limits and the transport. */
static int
tls_configure(struct certshow_ctx *ctx, gnutls_session_t gs,
    gnutls_certificate_credentials_t cred, const struct certshow_session *s,
    const struct certshow_fetch_opts *o, int fd)
{
	const char *errpos = NULL;
	char prio[128];
	size_t limit;
	int rv;

	build_priority(o, prio, sizeof(prio));
	rv = gnutls_priority_set_direct(gs, prio, &errpos);
	if (rv < 0) {
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_TLS,
		    "TLS priority '%s'", prio);
	}
	rv = gnutls_credentials_set(gs, GNUTLS_CRD_CERTIFICATE, cred);
	if (rv < 0) {
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_TLS,
		    "TLS credentials");
	}
	if (s->sni != NULL) {
		rv = gnutls_server_name_set(gs, GNUTLS_NAME_DNS, s->sni,
		    strlen(s->sni));
		if (rv < 0) {
			return certshow__set_gnutls_error(ctx, rv,
			    CERTSHOW_E_INVAL, "server name '%s'", s->sni);
		}
	}
	if (o->alpn != NULL) {
		rv = set_alpn(ctx, gs, o->alpn);
		if (rv != 0) {
			return rv;
		}
	}
	/* Ask for a stapled response (RFC 6066 8). */
	rv = gnutls_ocsp_status_request_enable_client(gs, NULL, 0, NULL);
	if (rv < 0) {
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_TLS,
		    "OCSP status request");
	}
	/* Large chains (thousands of SANs, dozens of certificates) exceed
	 * GnuTLS's default handshake message limit; allow what the
	 * context's input limit allows, up to the protocol's maximum. */
	limit = certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_INPUT_SIZE);
	gnutls_handshake_set_max_packet_length(gs,
	    limit > MAX_HANDSHAKE_MSG ? MAX_HANDSHAKE_MSG : limit);
	/* GnuTLS's own timeout makes it poll inside gnutls_handshake();
	 * under a stop flag (ctx->cancel, the scanner) run_handshake()'s
	 * waits alone keep the deadline, so that a stop ends them. */
	gnutls_handshake_set_timeout(gs,
	    ctx->cancel != NULL ? 0
				: timeout_or_default(o->handshake_timeout_ms));
	gnutls_transport_set_int(gs, fd);
	return 0;
}

/* After the handshake (`hs_rv` its result): keep what a failed handshake
 * left, capture the chain, parameters and stapled OCSP response, and send
 * close_notify after a successful one. */
static int
capture_session(struct certshow_ctx *ctx, struct certshow_session *s,
    gnutls_session_t gs, const struct hs_state *st, int hs_rv)
{
	int rv;

	if (st->rv != 0) {
		/* Copying the chain failed in the hook: that error, not
		 * the handshake's, is the story. */
		return certshow__set_error(ctx, st->rv, "%s", st->msg);
	}
	if (hs_rv != 0) {
		rv = keep_after_failure(ctx, s, gs, st->source, st->label,
		    hs_rv);
		if (rv != 0) {
			return rv;
		}
	}
	if (s->ca_nomem) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	if (s->chain == NULL) {
		/* The hook did not run (it always should). */
		rv = capture_chain(ctx, s, gs, st->source, st->label);
		if (rv != 0) {
			return rv;
		}
	}
	capture_params(s, gs);
	rv = capture_ocsp(ctx, s, gs);
	if (rv != 0) {
		return rv;
	}
	if (s->hs_error == 0) {
		/* Send close_notify and do not wait for the peer's. */
		(void)gnutls_bye(gs, GNUTLS_SHUT_WR);
	}
	return 0;
}

/* The fetch proper on a connected socket: STARTTLS, handshake, capture.
 * `label` names the peer ("host (addr) port N") in messages. */
static int
fetch_on_fd(struct certshow_ctx *ctx, struct certshow_session **out, int fd,
    const char *host, const struct certshow_fetch_opts *o, const char *label)
{
	gnutls_certificate_credentials_t cred = NULL;
	gnutls_session_t gs = NULL;
	struct certshow_session *s = NULL;
	struct hs_state st;
	char source[320];
	int64_t deadline;
	int rv, flags;

	flags = fcntl(fd, F_GETFL);
	if (flags < 0) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_INVAL,
		    "socket %d", fd);
	}
	rv = session_new(ctx, &s, fd, host);
	if (rv != 0) {
		goto out;
	}
	if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
		rv = certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "socket %d: cannot make it non-blocking", fd);
		goto out;
	}
	rv = choose_sni(ctx, s, host, o);
	if (rv != 0) {
		goto out_flags;
	}

	deadline = certshow__now_ms() +
	    (int64_t)timeout_or_default(o->handshake_timeout_ms);
	if (o->starttls != CERTSHOW_STARTTLS_NONE) {
		rv = certshow__starttls_run(ctx, fd, o->starttls,
		    o->starttls_domain != NULL ? o->starttls_domain :
		    s->sni != NULL ? s->sni : host != NULL ? host : "localhost",
		    deadline, label);
		if (rv != 0) {
			goto out_flags;
		}
	}

	rv = tls_alloc(ctx, &cred, &gs);
	if (rv != 0) {
		goto out_flags;
	}
	snprintf(source, sizeof(source), "tls:%s:%u",
	    host != NULL ? host : s->peer_addr, s->peer_port);
	st.ctx = ctx;
	st.s = s;
	st.source = source;
	st.label = label;
	st.rv = 0;
	st.msg[0] = '\0';
	gnutls_session_set_ptr(gs, &st);
	gnutls_session_set_verify_function(gs, peer_cb);
	rv = tls_configure(ctx, gs, cred, s, o, fd);
	if (rv != 0) {
		goto out_flags;
	}

	rv = run_handshake(ctx, gs, fd, deadline, label);
	rv = capture_session(ctx, s, gs, &st, rv);
	if (rv != 0) {
		goto out_flags;
	}
	*out = s;
	s = NULL;
	rv = 0;
out_flags:
	(void)fcntl(fd, F_SETFL, flags);
out:
	if (gs != NULL) {
		gnutls_deinit(gs);
	}
	if (cred != NULL) {
		gnutls_certificate_free_credentials(cred);
	}
	certshow_session_free(s);
	return rv;
}

int
certshow_fetch_fd(struct certshow_ctx *ctx, struct certshow_session **out,
    int fd, const char *host, const struct certshow_fetch_opts *opts)
{
	struct certshow_session probe;
	char label[600];
	int rv;

	if (out == NULL || fd < 0) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "fetch_fd: NULL output or bad descriptor");
	}
	*out = NULL;
	rv = check_opts(ctx, &opts);
	if (rv != 0) {
		return rv;
	}
	memset(&probe, 0, sizeof(probe));
	fill_peer(&probe, fd);
	if (probe.peer_port != 0 && (host == NULL ||
	    strcmp(host, probe.peer_addr) == 0)) {
		snprintf(label, sizeof(label), "%s port %u", probe.peer_addr,
		    probe.peer_port);
	} else if (probe.peer_port != 0) {
		snprintf(label, sizeof(label), "%s (%s) port %u", host,
		    probe.peer_addr, probe.peer_port);
	} else {
		snprintf(label, sizeof(label), "%s (socket %d)",
		    host != NULL ? host : "peer", fd);
	}
	return fetch_on_fd(ctx, out, fd, host, opts, label);
}

/* ------------------------------------------------------------------ */
/* Connecting                                                           */
/* ------------------------------------------------------------------ */

/* Connect to one address with a timeout. Returns the socket, or -1 with
 * errno set (ETIMEDOUT on timeout). */
static int
connect_one(const struct addrinfo *ai, unsigned timeout_ms,
    const volatile sig_atomic_t *cancel)
{
	int fd, err = 0, rv;
	socklen_t len = sizeof(err);

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
	    ai->ai_protocol);
	if (fd < 0) {
		return -1;
	}
	if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
		goto fail;
	}
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
		goto done;
	}
	if (errno != EINPROGRESS && errno != EINTR) {
		goto fail;
	}
	rv = certshow__wait_fd(fd, POLLOUT,
	    certshow__now_ms() + (int64_t)timeout_ms, cancel);
	if (rv == CERTSHOW_E_TIMEOUT) {
		errno = ETIMEDOUT;
		goto fail;
	}
	if (rv != 0) {
		goto fail;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
		goto fail;
	}
	if (err != 0) {
		errno = err;
		goto fail;
	}
done:
	if (fcntl(fd, F_SETFL, 0) != 0) {
		goto fail;
	}
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

static void
addr_text(const struct addrinfo *ai, char *buf, size_t size)
{
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, buf, (socklen_t)size,
	    NULL, 0, NI_NUMERICHOST) != 0) {
		snprintf(buf, size, "?");
	}
}

/* Resolve host and port into *res for TCP, in the requested family. */
static int
resolve(struct certshow_ctx *ctx, const char *host, const char *port,
    const struct certshow_fetch_opts *opts, struct addrinfo **res)
{
	struct addrinfo hints;
	int rv;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = opts->family == 4 ? AF_INET :
	    opts->family == 6 ? AF_INET6 : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	rv = getaddrinfo(host, port, &hints, res);
	if (rv != 0) {
		if (rv == EAI_SERVICE) {
			return certshow__set_error(ctx, CERTSHOW_E_INVAL,
			    "unknown port '%s'", port);
		}
		if (rv == EAI_SYSTEM) {
			return certshow__set_error_errno(ctx, CERTSHOW_E_DNS,
			    "cannot resolve '%s' port %s", host, port);
		}
		return certshow__set_error(ctx, CERTSHOW_E_DNS,
		    "cannot resolve '%s' port %s%s: %s", host, port,
		    opts->family == 4 ? " (IPv4)" : opts->family == 6 ?
		    " (IPv6)" : "", gai_strerror(rv));
	}
	return 0;
}

int
certshow_fetch(struct certshow_ctx *ctx, struct certshow_session **out,
    const char *host, const char *port,
    const struct certshow_fetch_opts *opts)
{
	struct addrinfo *res = NULL, *ai;
	char addr[INET6_ADDRSTRLEN + 8], label[600], fails[400];
	size_t nf = 0;
	unsigned tried = 0, timeouts = 0;
	int rv, fd;

	if (out == NULL || host == NULL || *host == '\0') {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "fetch: no host");
	}
	*out = NULL;
	rv = check_opts(ctx, &opts);
	if (rv != 0) {
		return rv;
	}
	if (port == NULL || *port == '\0') {
		port = certshow__starttls_default_port(opts->starttls);
	}
	rv = resolve(ctx, host, port, opts, &res);
	if (rv != 0) {
		return rv;
	}
	fails[0] = '\0';
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		addr_text(ai, addr, sizeof(addr));
		tried++;
		fd = connect_one(ai,
		    timeout_or_default(opts->connect_timeout_ms), ctx->cancel);
		if (fd < 0) {
			if (errno == ETIMEDOUT) {
				timeouts++;
			}
			if (nf < sizeof(fails)) {
				nf += (size_t)snprintf(fails + nf,
				    sizeof(fails) - nf, "%s%s: %s",
				    nf > 0 ? "; " : "", addr,
				    errno == ETIMEDOUT ?
				    "connect timed out" : strerror(errno));
			}
			continue;
		}
		/* Reached a server: its TLS outcome is final, other
		 * addresses are not tried. */
		if (strcmp(host, addr) == 0) {
			snprintf(label, sizeof(label), "%s port %s", addr,
			    port);
		} else {
			snprintf(label, sizeof(label), "%s (%s) port %s", host,
			    addr, port);
		}
		rv = fetch_on_fd(ctx, out, fd, host, opts, label);
		close(fd);
		freeaddrinfo(res);
		return rv;
	}
	freeaddrinfo(res);
	if (tried > 0 && timeouts == tried) {
		return certshow__set_error(ctx, CERTSHOW_E_TIMEOUT,
		    "connect to %s port %s timed out after %u ms: %s", host,
		    port, timeout_or_default(opts->connect_timeout_ms),
		    fails);
	}
	return certshow__set_error(ctx, CERTSHOW_E_CONNECT,
	    "cannot connect to %s port %s: %s", host, port,
	    tried > 0 ? fails : "no address");
}
