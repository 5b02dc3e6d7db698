/*
 * tls-server.c - a small GnuTLS server for the fetch tests.
 *
 * It sends a certificate list exactly as given (order, duplicates and
 * all: the list is handed to GnuTLS through a retrieve callback, so
 * nothing is sorted or checked), can staple an OCSP response, speak a
 * STARTTLS preamble first, ask for or require a client certificate
 * (certshow never sends one, so a requiring server aborts the handshake
 * after its own Certificate), and misbehave on purpose.
 *
 *   tls-server --chain FILE --key FILE [--addr 127.0.0.1|::1] [--port N]
 *       [--count N] [--tls12|--tls13] [--ocsp FILE] [--client-ca FILE]
 *       [--require-client-cert] [--alpn PROTO]
 *       [--starttls smtp|imap|pop3|ftp] [--refuse-starttls]
 *       [--mode normal|silent|garbage|close|alert|full] [--alert N]
 *       [--listen N] [--concurrent] [--delay MS] [--log FILE]
 *
 * It binds only to the loopback address given (127.0.0.1 by default),
 * prints the bound port on stdout, serves connections one after another
 * (all of them, or --count N) and exits when killed.
 *
 * For the scan tests and bench/scan-bench.sh: --listen N binds N ports
 * (ephemeral, or --port P up to P+N-1) on that one loopback address and
 * prints them one per line; --concurrent (implied by --listen N > 1)
 * serves every accepted connection in a thread of its own, so one
 * process is N endpoints that all answer at once; --delay MS waits that
 * long after the accept before anything is said (a slow server); --log
 * FILE appends "open MS WAITING" at each accept and "answer MS WAITING"
 * when the server starts to answer it (after --delay); MS is on the
 * monotonic clock and WAITING counts the connections accepted and not
 * yet answered. A client necessarily still holds each of those, so
 * WAITING never exceeds the client's connections in flight, however the
 * threads are scheduled (the end of a connection is no such event: the
 * client may be on its next one before the server sees the close). With
 * --delay long enough, its highest value is the client's bound.
 *
 * check_fetch.c includes this file with TLS_SERVER_NO_MAIN defined to run
 * serve_conn() in a thread over socketpair().
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

enum srv_mode {
	SRV_NORMAL = 0,
	SRV_SILENT,   /* accept, read, never answer */
	SRV_GARBAGE,  /* answer the ClientHello with non-TLS bytes */
	SRV_CLOSE,    /* close in the middle of the handshake */
	SRV_ALERT,    /* answer the ClientHello with a fatal alert */
	SRV_FULL      /* never accept, with a full accept queue: further
		       * connection attempts go unanswered (see
		       * fill_backlog()) */
};

enum srv_starttls {
	SRV_ST_NONE = 0,
	SRV_ST_SMTP,
	SRV_ST_IMAP,
	SRV_ST_POP3,
	SRV_ST_FTP
};

struct srv_cfg {
	gnutls_certificate_credentials_t cred;
	gnutls_pcert_st *pcerts;
	unsigned n_pcerts;
	gnutls_privkey_t key;
	gnutls_ocsp_data_st ocsp;
	int has_ocsp;
	const char *prio;
	enum srv_mode mode;
	int alert;
	enum srv_starttls starttls;
	int refuse_starttls;
	int request_cert;      /* 1 ask for a client certificate,
				* 2 require one */
	int silent_ms;         /* SILENT: give up after this long */
	const char *alpn;      /* ALPN protocol to accept, or NULL */
};

static int
retrieve_cb(gnutls_session_t s, const struct gnutls_cert_retr_st *info,
    gnutls_pcert_st **certs, unsigned int *certs_length,
    gnutls_ocsp_data_st **ocsp, unsigned int *ocsp_length,
    gnutls_privkey_t *privkey, unsigned int *flags)
{
	struct srv_cfg *cfg = gnutls_session_get_ptr(s);

	(void)info;
	*certs = cfg->pcerts;
	*certs_length = cfg->n_pcerts;
	*privkey = cfg->key;
	*flags = 0;
	if (cfg->has_ocsp) {
		*ocsp = &cfg->ocsp;
		*ocsp_length = 1;
	} else {
		*ocsp = NULL;
		*ocsp_length = 0;
	}
	return 0;
}

static int
read_file(const char *path, gnutls_datum_t *out)
{
	return gnutls_load_file(path, out);
}

/* Load the chain (kept in file order), the key and an OCSP response. */
static int
srv_load(struct srv_cfg *cfg, const char *chain, const char *key,
    const char *ocsp, const char *client_ca)
{
	gnutls_x509_crt_t *crts = NULL;
	gnutls_datum_t d;
	unsigned n = 0, i;
	int rv;

	rv = gnutls_certificate_allocate_credentials(&cfg->cred);
	if (rv < 0) {
		return rv;
	}
	gnutls_certificate_set_retrieve_function3(cfg->cred, retrieve_cb);
	if (chain != NULL) {
		rv = read_file(chain, &d);
		if (rv < 0) {
			fprintf(stderr, "tls-server: %s: %s\n", chain,
			    gnutls_strerror(rv));
			return rv;
		}
		rv = gnutls_x509_crt_list_import2(&crts, &n, &d,
		    GNUTLS_X509_FMT_PEM, 0);
		gnutls_free(d.data);
		if (rv < 0) {
			fprintf(stderr, "tls-server: %s: %s\n", chain,
			    gnutls_strerror(rv));
			return rv;
		}
		cfg->pcerts = calloc(n, sizeof(*cfg->pcerts));
		if (cfg->pcerts == NULL) {
			return GNUTLS_E_MEMORY_ERROR;
		}
		for (i = 0; i < n; i++) {
			rv = gnutls_pcert_import_x509(&cfg->pcerts[i], crts[i],
			    0);
			gnutls_x509_crt_deinit(crts[i]);
			if (rv < 0) {
				return rv;
			}
		}
		gnutls_free(crts);
		cfg->n_pcerts = n;
	}
	if (key != NULL) {
		rv = read_file(key, &d);
		if (rv < 0) {
			fprintf(stderr, "tls-server: %s: %s\n", key,
			    gnutls_strerror(rv));
			return rv;
		}
		rv = gnutls_privkey_init(&cfg->key);
		if (rv == 0) {
			rv = gnutls_privkey_import_x509_raw(cfg->key, &d,
			    GNUTLS_X509_FMT_PEM, NULL, 0);
		}
		gnutls_free(d.data);
		if (rv < 0) {
			fprintf(stderr, "tls-server: %s: %s\n", key,
			    gnutls_strerror(rv));
			return rv;
		}
	}
	if (ocsp != NULL) {
		rv = read_file(ocsp, &cfg->ocsp.response);
		if (rv < 0) {
			fprintf(stderr, "tls-server: %s: %s\n", ocsp,
			    gnutls_strerror(rv));
			return rv;
		}
		cfg->ocsp.version = 0;
		cfg->ocsp.exptime = 0;
		cfg->has_ocsp = 1;
	}
	if (client_ca != NULL) {
		/* The CA names of this file go into CertificateRequest. */
		rv = gnutls_certificate_set_x509_trust_file(cfg->cred,
		    client_ca, GNUTLS_X509_FMT_PEM);
		if (rv < 0) {
			fprintf(stderr, "tls-server: %s: %s\n", client_ca,
			    gnutls_strerror(rv));
			return rv;
		}
		if (cfg->request_cert == 0) {
			cfg->request_cert = 1;
		}
	}
	return 0;
}

static void
srv_free(struct srv_cfg *cfg)
{
	unsigned i;

	for (i = 0; i < cfg->n_pcerts; i++) {
		gnutls_pcert_deinit(&cfg->pcerts[i]);
	}
	free(cfg->pcerts);
	if (cfg->key != NULL) {
		gnutls_privkey_deinit(cfg->key);
	}
	if (cfg->has_ocsp) {
		gnutls_free(cfg->ocsp.response.data);
	}
	if (cfg->cred != NULL) {
		gnutls_certificate_free_credentials(cfg->cred);
	}
}

/* ------------------------------------------------------------------ */
/* Plain-text helpers for STARTTLS and hostile modes                    */
/* ------------------------------------------------------------------ */

static void
put(int fd, const char *s)
{
	size_t n = strlen(s);
	ssize_t w;

	while (n > 0) {
		w = send(fd, s, n, MSG_NOSIGNAL);
		if (w <= 0) {
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

/* Read one line (bounded), byte by byte; returns its length or -1. */
static int
get_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	char c;

	while (n + 1 < size) {
		if (recv(fd, &c, 1, 0) != 1) {
			return -1;
		}
		if (c == '\n') {
			break;
		}
		if (c != '\r') {
			buf[n++] = c;
		}
	}
	buf[n] = '\0';
	return (int)n;
}

/* Read what is there (the ClientHello), waiting up to ms. */
static void
drain(int fd, int ms)
{
	struct pollfd p;
	char buf[4096];

	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, ms) > 0) {
		(void)recv(fd, buf, sizeof(buf), 0);
	}
}

/* Returns 0 to go on with TLS, -1 to drop the connection. */
static int
srv_starttls(const struct srv_cfg *cfg, int fd)
{
	char line[1024], tag[64];
	int n;

	switch (cfg->starttls) {
	case SRV_ST_NONE:
		return 0;
	case SRV_ST_SMTP:
		put(fd, "220 mail.example.test ESMTP test\r\n");
		if (get_line(fd, line, sizeof(line)) < 0) {
			return -1;
		}
		put(fd, cfg->refuse_starttls ?
		    "250-mail.example.test\r\n250 8BITMIME\r\n" :
		    "250-mail.example.test\r\n250-8BITMIME\r\n"
		    "250 STARTTLS\r\n");
		if (get_line(fd, line, sizeof(line)) < 0) {
			return -1;
		}
		if (cfg->refuse_starttls || strcmp(line, "STARTTLS") != 0) {
			put(fd, "454 4.7.0 TLS not available due to local "
			    "problem\r\n");
			return -1;
		}
		put(fd, "220 2.0.0 Ready to start TLS\r\n");
		return 0;
	case SRV_ST_IMAP:
		put(fd, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
		n = get_line(fd, line, sizeof(line));
		if (n < 0) {
			return -1;
		}
		snprintf(tag, sizeof(tag), "%.*s", (int)strcspn(line, " "),
		    line);
		put(fd, "* informational untagged line\r\n");
		if (cfg->refuse_starttls) {
			put(fd, tag);
			put(fd, " BAD STARTTLS not supported\r\n");
			return -1;
		}
		put(fd, tag);
		put(fd, " OK Begin TLS negotiation now\r\n");
		return 0;
	case SRV_ST_POP3:
		put(fd, "+OK POP3 ready\r\n");
		if (get_line(fd, line, sizeof(line)) < 0) {
			return -1;
		}
		if (cfg->refuse_starttls) {
			put(fd, "-ERR STLS not available\r\n");
			return -1;
		}
		put(fd, "+OK Begin TLS negotiation\r\n");
		return 0;
	case SRV_ST_FTP:
		put(fd, "220-welcome\r\n free text line\r\n220 ready\r\n");
		if (get_line(fd, line, sizeof(line)) < 0) {
			return -1;
		}
		if (cfg->refuse_starttls) {
			put(fd, "502 AUTH not implemented\r\n");
			return -1;
		}
		put(fd, "234 AUTH TLS successful\r\n");
		return 0;
	}
	return -1;
}

/* Serve one connection on fd (which the caller closes). Returns 0 when
 * the connection went as the mode intends. */
static int
serve_conn(struct srv_cfg *cfg, int fd)
{
	gnutls_session_t s;
	unsigned char alert[7] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40 };
	char buf[4096];
	int rv;

	if (srv_starttls(cfg, fd) != 0) {
		drain(fd, 500);
		return 0;
	}
	switch (cfg->mode) {
	case SRV_NORMAL:
		break;
	case SRV_SILENT:
		/* Read whatever comes and never answer, until the client
		 * gives up or our own patience ends. */
		for (;;) {
			struct pollfd p = { fd, POLLIN, 0 };

			if (poll(&p, 1, cfg->silent_ms) <= 0 ||
			    recv(fd, buf, sizeof(buf), 0) <= 0) {
				return 0;
			}
		}
	case SRV_GARBAGE:
		drain(fd, 2000);
		put(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
		    "\r\nthis is not TLS at all, not even close\r\n");
		return 0;
	case SRV_CLOSE:
		/* A record header that promises more than is sent, then
		 * the end of the connection. */
		drain(fd, 2000);
		put(fd, "\x16\x03\x03\x01\x00\x02\x00\x00");
		return 0;
	case SRV_ALERT:
		drain(fd, 2000);
		alert[6] = (unsigned char)cfg->alert;
		(void)send(fd, alert, sizeof(alert), MSG_NOSIGNAL);
		return 0;
	case SRV_FULL:
		return 0;
	}

	rv = gnutls_init(&s, GNUTLS_SERVER | GNUTLS_NO_SIGNAL);
	if (rv < 0) {
		return -1;
	}
	gnutls_session_set_ptr(s, cfg);
	rv = gnutls_priority_set_direct(s, cfg->prio, NULL);
	if (rv == 0) {
		rv = gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE,
		    cfg->cred);
	}
	if (rv < 0) {
		gnutls_deinit(s);
		return -1;
	}
	if (rv == 0 && cfg->alpn != NULL) {
		gnutls_datum_t p;

		p.data = (unsigned char *)(uintptr_t)cfg->alpn;
		p.size = (unsigned)strlen(cfg->alpn);
		rv = gnutls_alpn_set_protocols(s, &p, 1, 0);
	}
	if (rv < 0) {
		gnutls_deinit(s);
		return -1;
	}
	if (cfg->request_cert != 0) {
		gnutls_certificate_server_set_request(s,
		    cfg->request_cert == 2 ? GNUTLS_CERT_REQUIRE :
		    GNUTLS_CERT_REQUEST);
	}
	gnutls_handshake_set_timeout(s, 10000);
	/* Allow certificates with thousands of names. */
	gnutls_handshake_set_max_packet_length(s, 0xFFFFFF);
	gnutls_transport_set_int(s, fd);
	do {
		rv = gnutls_handshake(s);
	} while (rv < 0 && gnutls_error_is_fatal(rv) == 0);
	if (rv == 0) {
		/* Wait for the client's close_notify or its close. */
		do {
			rv = (int)gnutls_record_recv(s, buf, sizeof(buf));
		} while (rv > 0 || rv == GNUTLS_E_AGAIN ||
		    rv == GNUTLS_E_INTERRUPTED);
		rv = 0;
	} else {
		/* As a real server would: tell the client why. For a
		 * missing client certificate in TLS 1.2, handshake_failure
		 * as OpenSSL sends it (GnuTLS would say decode_error). */
		if (rv == GNUTLS_E_NO_CERTIFICATE_FOUND) {
			(void)gnutls_alert_send(s, GNUTLS_AL_FATAL,
			    GNUTLS_A_HANDSHAKE_FAILURE);
		} else {
			(void)gnutls_alert_send_appropriate(s, rv);
		}
		fprintf(stderr, "tls-server: handshake: %s\n",
		    gnutls_strerror(rv));
	}
	gnutls_deinit(s);
	return rv;
}

/*
 * Make connection attempts to a listening socket (listen backlog 0, never
 * accepted; address sa) go unanswered, so that a client's connect() times
 * out on the loopback interface. Connect to it until one attempt is not
 * answered within 200 ms: on Linux the accept queue is then full and
 * tcp_conn_request() drops every further SYN (counted as ListenOverflows,
 * whatever tcp_abort_on_overflow says, which is about the final ACK), and
 * the client retransmits them until its own timeout. The sockets are
 * kept open in fds[] (at most max) and their number returned; -1 when
 * every attempt was answered or failed (kernels before 4.x still answer
 * SYNs while few requests are young), with nothing left open.
 */
static int fill_backlog(const struct sockaddr *sa, socklen_t sl, int *fds,
    int max) __attribute__((unused)); /* not every includer needs it */

static int
fill_backlog(const struct sockaddr *sa, socklen_t sl, int *fds, int max)
{
	struct pollfd p;
	int n, i;

	for (n = 0; n < max; n++) {
		fds[n] = socket(sa->sa_family,
		    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fds[n] < 0) {
			break;
		}
		if (connect(fds[n], sa, sl) == 0) {
			continue;
		}
		if (errno != EINPROGRESS) {
			n++;
			break;
		}
		p.fd = fds[n];
		p.events = POLLOUT;
		p.revents = 0;
		if (poll(&p, 1, 200) == 0) {
			return n + 1;
		}
	}
	for (i = 0; i < n; i++) {
		close(fds[i]);
	}
	return -1;
}

static const char *
prio_for(int version)
{
	if (version == 12) {
		return "NORMAL:-VERS-ALL:+VERS-TLS1.2";
	}
	if (version == 13) {
		return "NORMAL:-VERS-ALL:+VERS-TLS1.3";
	}
	return "NORMAL";
}

#ifndef TLS_SERVER_NO_MAIN

#define MAX_LISTEN 16384

struct srv_opts {
	const char *chain, *key, *ocsp, *addr, *client_ca, *log;
	long count;
	int version, port, listen_n, concurrent, delay_ms;
};

/* Connection bookkeeping of --log. */
static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static int conn_waiting;
static FILE *conn_log;

struct conn_job {
	struct srv_cfg *cfg;
	int fd;
	int delay_ms;
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: tls-server [--chain FILE --key FILE] [--addr ADDR] "
	    "[--port N]\n"
	    "    [--count N] [--tls12|--tls13] [--ocsp FILE] "
	    "[--client-ca FILE]\n"
	    "    [--require-client-cert] [--alpn PROTO]\n"
	    "    [--starttls smtp|imap|pop3|ftp] [--refuse-starttls]\n"
	    "    [--mode normal|silent|garbage|close|alert|full] "
	    "[--alert N]\n"
	    "    [--listen N] [--concurrent] [--delay MS] [--log FILE]\n");
	exit(2);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A connection accepted (d = 1, "open") or answered (d = -1, "answer"). */
static void
conn_event(int d)
{
	pthread_mutex_lock(&conn_lock);
	conn_waiting += d;
	if (conn_log != NULL) {
		fprintf(conn_log, "%s %ld %d\n", d > 0 ? "open" : "answer",
		    now_ms(), conn_waiting);
		fflush(conn_log);
	}
	pthread_mutex_unlock(&conn_lock);
}

/* Serve one accepted connection: the delay, the mode, the close. */
static void
serve_one(struct srv_cfg *cfg, int fd, int delay_ms)
{
	conn_event(1);
	if (delay_ms > 0) {
		(void)poll(NULL, 0, delay_ms);
	}
	conn_event(-1);
	(void)serve_conn(cfg, fd);
	close(fd);
}

static void *
conn_thread(void *arg)
{
	struct conn_job *job = arg;

	serve_one(job->cfg, job->fd, job->delay_ms);
	free(job);
	return NULL;
}

static enum srv_starttls
parse_starttls(const char *v)
{
	return strcmp(v, "smtp") == 0 ? SRV_ST_SMTP
	    : strcmp(v, "imap") == 0  ? SRV_ST_IMAP
	    : strcmp(v, "pop3") == 0  ? SRV_ST_POP3
	    : strcmp(v, "ftp") == 0   ? SRV_ST_FTP
				      : SRV_ST_NONE;
}

static int
parse_mode(const char *v)
{
	return strcmp(v, "normal") == 0 ? SRV_NORMAL
	    : strcmp(v, "silent") == 0  ? SRV_SILENT
	    : strcmp(v, "garbage") == 0 ? SRV_GARBAGE
	    : strcmp(v, "close") == 0   ? SRV_CLOSE
	    : strcmp(v, "alert") == 0   ? SRV_ALERT
	    : strcmp(v, "full") == 0    ? SRV_FULL
					: -1;
}

/* An option with a value; returns 0, or -1 when a is unknown. */
static int
parse_valued(struct srv_cfg *cfg, struct srv_opts *o, const char *a,
    const char *v)
{
	if (strcmp(a, "--chain") == 0) {
		o->chain = v;
	} else if (strcmp(a, "--key") == 0) {
		o->key = v;
	} else if (strcmp(a, "--ocsp") == 0) {
		o->ocsp = v;
	} else if (strcmp(a, "--client-ca") == 0) {
		o->client_ca = v;
	} else if (strcmp(a, "--alpn") == 0) {
		cfg->alpn = v;
	} else if (strcmp(a, "--addr") == 0) {
		o->addr = v;
	} else if (strcmp(a, "--port") == 0) {
		o->port = atoi(v);
	} else if (strcmp(a, "--count") == 0) {
		o->count = atol(v);
	} else if (strcmp(a, "--alert") == 0) {
		cfg->alert = atoi(v);
	} else if (strcmp(a, "--listen") == 0) {
		o->listen_n = atoi(v);
	} else if (strcmp(a, "--delay") == 0) {
		o->delay_ms = atoi(v);
	} else if (strcmp(a, "--log") == 0) {
		o->log = v;
	} else if (strcmp(a, "--starttls") == 0) {
		cfg->starttls = parse_starttls(v);
		if (cfg->starttls == SRV_ST_NONE) {
			return -1;
		}
	} else if (strcmp(a, "--mode") == 0) {
		if (parse_mode(v) < 0) {
			return -1;
		}
		cfg->mode = (enum srv_mode)parse_mode(v);
	} else {
		return -1;
	}
	return 0;
}

static void
parse_args(struct srv_cfg *cfg, struct srv_opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--tls12") == 0) {
			o->version = 12;
		} else if (strcmp(a, "--tls13") == 0) {
			o->version = 13;
		} else if (strcmp(a, "--refuse-starttls") == 0) {
			cfg->refuse_starttls = 1;
		} else if (strcmp(a, "--require-client-cert") == 0) {
			cfg->request_cert = 2;
		} else if (strcmp(a, "--concurrent") == 0) {
			o->concurrent = 1;
		} else if (v == NULL || parse_valued(cfg, o, a, v) != 0) {
			usage();
		} else {
			i++;
		}
	}
	if (cfg->mode == SRV_NORMAL && (o->chain == NULL || o->key == NULL)) {
		usage();
	}
	if (o->listen_n < 1 || o->listen_n > MAX_LISTEN || o->delay_ms < 0 ||
	    (o->listen_n > 1 && cfg->mode == SRV_FULL) ||
	    (o->listen_n > 1 && o->port != 0 &&
		o->port + o->listen_n - 1 > 65535)) {
		usage();
	}
	if (o->listen_n > 1) {
		o->concurrent = 1;
	}
	if (o->concurrent && o->count != 0) {
		usage(); /* --count is for one connection after another */
	}
}

/* Fill ss/sl with the loopback address and port; -1 for any other. */
static int
loopback_addr(const char *addr, int port, struct sockaddr_storage *ss,
    socklen_t *sl)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1 &&
	    strcmp(addr, "127.0.0.1") == 0) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((unsigned short)port);
		*sl = sizeof(*sin);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1 &&
	    strcmp(addr, "::1") == 0) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((unsigned short)port);
		*sl = sizeof(*sin6);
		return 0;
	}
	return -1;
}

static unsigned
port_of(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET) {
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	}
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

/* A listening socket on the loopback address; its address back in ss. */
static int
listen_on(const struct srv_opts *o, int port, int backlog,
    struct sockaddr_storage *ss, socklen_t *sl)
{
	int lfd, one = 1;

	if (loopback_addr(o->addr, port, ss, sl) != 0) {
		fprintf(stderr, "tls-server: --addr must be 127.0.0.1 or ::1\n");
		exit(2);
	}
	lfd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0) {
		perror("tls-server: socket");
		return -1;
	}
	(void)setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)ss, *sl) != 0 ||
	    listen(lfd, backlog) != 0) {
		perror("tls-server: bind");
		close(lfd);
		return -1;
	}
	*sl = sizeof(*ss);
	if (getsockname(lfd, (struct sockaddr *)ss, sl) != 0) {
		perror("tls-server: getsockname");
		close(lfd);
		return -1;
	}
	return lfd;
}

/* --mode full: fill the accept queue, print the port, never accept. */
static int
serve_full(const struct sockaddr_storage *ss, socklen_t sl)
{
	int fill[64];

	if (fill_backlog((const struct sockaddr *)ss, sl, fill, 64) < 0) {
		fprintf(stderr,
		    "tls-server: cannot make connection "
		    "attempts go unanswered here\n");
		return 3;
	}
	printf("%u\n", port_of(ss));
	fflush(stdout);
	/* Never accept; the test kills us. */
	for (;;) {
		pause();
	}
}

/* One connection after another on one socket (all, or count). */
static void
serve_serial(struct srv_cfg *cfg, const struct srv_opts *o, int lfd)
{
	long served = 0;
	int fd;

	while (o->count == 0 || served < o->count) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0) {
			if (errno == EINTR) {
				continue;
			}
			perror("tls-server: accept");
			break;
		}
		serve_one(cfg, fd, o->delay_ms);
		served++;
	}
}

/* Accept on every socket; each connection in a detached thread. */
static void
serve_concurrent(struct srv_cfg *cfg, const struct srv_opts *o,
    struct pollfd *p, int n)
{
	pthread_attr_t attr;
	pthread_t t;
	struct conn_job *job;
	int i, fd;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	for (;;) {
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR) {
				continue;
			}
			perror("tls-server: poll");
			break;
		}
		for (i = 0; i < n; i++) {
			if ((p[i].revents & POLLIN) == 0) {
				continue;
			}
			fd = accept4(p[i].fd, NULL, NULL, SOCK_CLOEXEC);
			if (fd < 0) {
				continue;
			}
			job = malloc(sizeof(*job));
			if (job == NULL) {
				close(fd);
				continue;
			}
			job->cfg = cfg;
			job->fd = fd;
			job->delay_ms = o->delay_ms;
			if (pthread_create(&t, &attr, conn_thread, job) != 0) {
				serve_one(cfg, fd, o->delay_ms);
				free(job);
			}
		}
	}
	pthread_attr_destroy(&attr);
}

/* Bind o->listen_n sockets, print their ports, serve until killed. */
static int
serve(struct srv_cfg *cfg, const struct srv_opts *o)
{
	struct sockaddr_storage ss;
	struct pollfd *p;
	socklen_t sl;
	int i, n = o->listen_n, port;

	p = calloc((size_t)n, sizeof(*p));
	if (p == NULL) {
		return 1;
	}
	for (i = 0; i < n; i++) {
		port = o->port == 0 ? 0 : o->port + i;
		p[i].fd = listen_on(o, port,
		    cfg->mode == SRV_FULL ? 0 : (o->concurrent ? 128 : 16), &ss,
		    &sl);
		if (p[i].fd < 0) {
			return 1;
		}
		p[i].events = POLLIN;
		if (cfg->mode == SRV_FULL) {
			return serve_full(&ss, sl);
		}
		printf("%u\n", port_of(&ss));
	}
	fflush(stdout);
	if (o->concurrent) {
		serve_concurrent(cfg, o, p, n);
	} else {
		serve_serial(cfg, o, p[0].fd);
	}
	for (i = 0; i < n; i++) {
		close(p[i].fd);
	}
	free(p);
	return 0;
}

int
main(int argc, char **argv)
{
	struct srv_cfg cfg;
	struct srv_opts o;
	int rv;

	memset(&cfg, 0, sizeof(cfg));
	memset(&o, 0, sizeof(o));
	o.addr = "127.0.0.1";
	o.listen_n = 1;
	cfg.alert = 40; /* handshake_failure */
	cfg.silent_ms = 30000;
	parse_args(&cfg, &o, argc, argv);
	signal(SIGPIPE, SIG_IGN);
	cfg.prio = prio_for(o.version);
	if (srv_load(&cfg, o.chain, o.key, o.ocsp, o.client_ca) < 0) {
		return 1;
	}
	if (o.log != NULL) {
		conn_log = fopen(o.log, "a");
		if (conn_log == NULL) {
			perror(o.log);
			return 1;
		}
	}
	rv = serve(&cfg, &o);
	srv_free(&cfg);
	if (conn_log != NULL) {
		fclose(conn_log);
	}
	return rv;
}

#endif /* TLS_SERVER_NO_MAIN */
