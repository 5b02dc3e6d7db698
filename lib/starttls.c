/*
 * starttls.c - application-protocol preambles that precede a TLS
 * handshake, as "openssl s_client -starttls" speaks them.
 *
 * Every reader here is bounded three ways: by line length (MAX_LINE), by
 * the total bytes read in one preamble (MAX_TOTAL) and by the caller's
 * deadline. Bytes are read one at a time so nothing past the server's
 * last preamble reply is consumed: the next byte belongs to TLS.
 * A refusal is CERTSHOW_E_STARTTLS with the server's reply, sanitised.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "internal.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#define MAX_LINE 4096
#define MAX_TOTAL 65536

struct proto_info {
	const char *name;
	const char *port;
};

/* Indexed by enum certshow_starttls. */
static const struct proto_info protos[] = {
	{ "none", "443" },
	{ "smtp", "25" },
	{ "imap", "143" },
	{ "pop3", "110" },
	{ "ftp", "21" },
	{ "xmpp", "5222" },
	{ "ldap", "389" },
	{ "postgres", "5432" },
	{ "mysql", "3306" },
};
#define N_PROTOS (sizeof(protos) / sizeof(protos[0]))

static const char *
proto_name(enum certshow_starttls proto)
{
	if ((unsigned)proto >= N_PROTOS) {
		return "unknown";
	}
	return protos[proto].name;
}

const char *
certshow__starttls_default_port(enum certshow_starttls proto)
{
	if ((unsigned)proto >= N_PROTOS) {
		return "443";
	}
	return protos[proto].port;
}

/* ------------------------------------------------------------------ */
/* Bounded I/O on a non-blocking socket                                 */
/* ------------------------------------------------------------------ */

struct conv {
	struct certshow_ctx *ctx;
	int fd;
	int64_t deadline;
	const char *label;
	const char *proto;
	size_t total;            /* bytes read so far */
};

static int
io_fail(struct conv *cv, int rv, const char *what)
{
	if (rv == CERTSHOW_E_TIMEOUT) {
		return certshow__set_error(cv->ctx, CERTSHOW_E_TIMEOUT,
		    "%s STARTTLS with %s timed out while %s", cv->proto,
		    cv->label, what);
	}
	return certshow__set_error_errno(cv->ctx, CERTSHOW_E_STARTTLS,
	    "%s STARTTLS with %s: %s", cv->proto, cv->label, what);
}

static int
send_all(struct conv *cv, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	ssize_t n;
	int rv;

	while (len > 0) {
		n = send(cv->fd, p, len, MSG_NOSIGNAL);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			rv = certshow__wait_fd(cv->fd, POLLOUT, cv->deadline,
			    cv->ctx->cancel);
			if (rv != 0) {
				return io_fail(cv, rv, "sending");
			}
			continue;
		}
		return io_fail(cv, CERTSHOW_E_IO, "sending");
	}
	return 0;
}

static int
send_str(struct conv *cv, const char *s)
{
	return send_all(cv, s, strlen(s));
}

/* One byte. Returns 0, or an error (the connection closing is one). */
static int
read_byte(struct conv *cv, uint8_t *b)
{
	ssize_t n;
	int rv;

	if (cv->total >= MAX_TOTAL) {
		return certshow__set_error(cv->ctx, CERTSHOW_E_STARTTLS,
		    "%s STARTTLS with %s: the server sent more than %d bytes",
		    cv->proto, cv->label, MAX_TOTAL);
	}
	for (;;) {
		n = recv(cv->fd, b, 1, 0);
		if (n == 1) {
			cv->total++;
			return 0;
		}
		if (n == 0) {
			return certshow__set_error(cv->ctx, CERTSHOW_E_STARTTLS,
			    "%s STARTTLS with %s: the server closed the "
			    "connection", cv->proto, cv->label);
		}
		if (errno == EAGAIN || errno == EINTR) {
			rv = certshow__wait_fd(cv->fd, POLLIN, cv->deadline,
			    cv->ctx->cancel);
			if (rv != 0) {
				return io_fail(cv, rv,
				    "waiting for the server");
			}
			continue;
		}
		return io_fail(cv, CERTSHOW_E_IO, "receiving");
	}
}

static int
read_exact(struct conv *cv, uint8_t *buf, size_t len)
{
	size_t i;
	int rv;

	for (i = 0; i < len; i++) {
		rv = read_byte(cv, &buf[i]);
		if (rv != 0) {
			return rv;
		}
	}
	return 0;
}

/* A line ending in LF (CR stripped), NUL-terminated in buf. */
static int
read_line(struct conv *cv, char *buf, size_t size)
{
	size_t n = 0;
	uint8_t b;
	int rv;

	for (;;) {
		rv = read_byte(cv, &b);
		if (rv != 0) {
			return rv;
		}
		if (b == '\n') {
			break;
		}
		if (n + 1 >= size) {
			return certshow__set_error(cv->ctx,
			    CERTSHOW_E_STARTTLS,
			    "%s STARTTLS with %s: reply line longer than %zu "
			    "bytes", cv->proto, cv->label, size - 1);
		}
		buf[n++] = (char)b;
	}
	if (n > 0 && buf[n - 1] == '\r') {
		n--;
	}
	buf[n] = '\0';
	return 0;
}

/* Copy a server reply for a message: printable ASCII only, bounded. */
static void
sanitize(const char *in, size_t len, char *out, size_t size)
{
	size_t i, n = 0;
	unsigned char c;

	for (i = 0; i < len && n + 5 < size; i++) {
		c = (unsigned char)in[i];
		if (c >= 0x20 && c < 0x7f) {
			out[n++] = (char)c;
		} else {
			n += (size_t)snprintf(out + n, size - n, "\\x%02X", c);
		}
	}
	if (i < len && n + 4 < size) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

static int
refused(struct conv *cv, const char *what, const char *reply, size_t len)
{
	char clean[256];

	sanitize(reply, len, clean, sizeof(clean));
	return certshow__set_error(cv->ctx, CERTSHOW_E_STARTTLS,
	    "%s STARTTLS with %s: %s: \"%s\"", cv->proto, cv->label, what,
	    clean);
}

/* ------------------------------------------------------------------ */
/* Line protocols                                                       */
/* ------------------------------------------------------------------ */

/* SMTP/FTP multi-line reply (RFC 5321 4.2.1, RFC 959 4.2): "NNN-" lines
 * continue, "NNN " ends. Returns the code in *code and the last line. */
static int
read_reply_3digit(struct conv *cv, int *code, char *line, size_t size)
{
	bool multi = false;
	int rv;

	for (;;) {
		rv = read_line(cv, line, size);
		if (rv != 0) {
			return rv;
		}
		if (strlen(line) < 3 || line[0] < '1' || line[0] > '5' ||
		    line[1] < '0' || line[1] > '9' || line[2] < '0' ||
		    line[2] > '9' || (line[3] != ' ' && line[3] != '-' &&
		    line[3] != '\0')) {
			/* RFC 959 4.2 allows free text lines inside an FTP
			 * multi-line reply; anywhere else the server does
			 * not speak this protocol. */
			if (multi) {
				continue;
			}
			*code = 0;
			return 0;
		}
		if (line[3] == '-') {
			multi = true;
			continue;
		}
		*code = (line[0] - '0') * 100 + (line[1] - '0') * 10 +
		    (line[2] - '0');
		return 0;
	}
}

/* One step of a 3-digit reply dialogue (SMTP, FTP): send `cmd` (NULL for
 * the greeting), read the reply and require the code `want`; any other
 * is the server refusing, reported as `what` with its reply. */
static int
step_3digit(struct conv *cv, const char *cmd, int want, const char *what)
{
	char line[MAX_LINE];
	int code, rv = 0;

	if (cmd != NULL) {
		rv = send_str(cv, cmd);
	}
	if (rv == 0) {
		rv = read_reply_3digit(cv, &code, line, sizeof(line));
	}
	if (rv != 0) {
		return rv;
	}
	if (code != want) {
		return refused(cv, what, line, strlen(line));
	}
	return 0;
}

static int
do_smtp(struct conv *cv, const char *domain)
{
	char cmd[300];
	int rv;

	rv = step_3digit(cv, NULL, 220, "unexpected greeting");
	if (rv == 0) {
		snprintf(cmd, sizeof(cmd), "EHLO %s\r\n", domain);
		rv = step_3digit(cv, cmd, 250, "EHLO refused");
	}
	if (rv == 0) {
		rv = step_3digit(cv, "STARTTLS\r\n", 220,
		    "the server refused STARTTLS");
	}
	return rv;
}

static int
do_ftp(struct conv *cv)
{
	int rv;

	rv = step_3digit(cv, NULL, 220, "unexpected greeting");
	if (rv == 0) {
		/* RFC 4217 4: AUTH TLS, answered by 234. */
		rv = step_3digit(cv, "AUTH TLS\r\n", 234,
		    "the server refused AUTH TLS");
	}
	return rv;
}

static int
do_imap(struct conv *cv)
{
	char line[MAX_LINE];
	int rv;

	rv = read_line(cv, line, sizeof(line));
	if (rv != 0) {
		return rv;
	}
	if (strncmp(line, "* OK", 4) != 0) {
		return refused(cv, "unexpected greeting", line, strlen(line));
	}
	rv = send_str(cv, "a STARTTLS\r\n");
	if (rv != 0) {
		return rv;
	}
	/* Untagged lines ("* ...") may precede the tagged completion. */
	for (;;) {
		rv = read_line(cv, line, sizeof(line));
		if (rv != 0) {
			return rv;
		}
		if (strncmp(line, "a ", 2) == 0) {
			break;
		}
	}
	if (strncmp(line, "a OK", 4) != 0) {
		return refused(cv, "the server refused STARTTLS", line,
		    strlen(line));
	}
	return 0;
}

static int
do_pop3(struct conv *cv)
{
	char line[MAX_LINE];
	int rv;

	rv = read_line(cv, line, sizeof(line));
	if (rv != 0) {
		return rv;
	}
	if (strncmp(line, "+OK", 3) != 0) {
		return refused(cv, "unexpected greeting", line, strlen(line));
	}
	rv = send_str(cv, "STLS\r\n");
	if (rv == 0) {
		rv = read_line(cv, line, sizeof(line));
	}
	if (rv != 0) {
		return rv;
	}
	if (strncmp(line, "+OK", 3) != 0) {
		return refused(cv, "the server refused STLS", line,
		    strlen(line));
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* XMPP (RFC 6120 5.4.2)                                                */
/* ------------------------------------------------------------------ */

/* Read until `a` (or `b`, may be NULL) appears in what was received
 * since the call. Returns 1 for a, 2 for b. */
static int
read_until(struct conv *cv, char *buf, size_t size, const char *a,
    const char *b)
{
	size_t n = 0;
	uint8_t c;
	int rv;

	for (;;) {
		rv = read_byte(cv, &c);
		if (rv != 0) {
			return rv;
		}
		if (n + 1 >= size) {
			/* Keep the tail: the markers are short. */
			memmove(buf, buf + size / 2, n - size / 2);
			n -= size / 2;
		}
		buf[n++] = (char)c;
		buf[n] = '\0';
		if (strstr(buf, a) != NULL) {
			return 1;
		}
		if (b != NULL && strstr(buf, b) != NULL) {
			return 2;
		}
	}
}

static int
do_xmpp(struct conv *cv, const char *domain)
{
	char buf[MAX_LINE], cmd[600];
	int rv;

	if (strpbrk(domain, "'<>&\"") != NULL) {
		return certshow__set_error(cv->ctx, CERTSHOW_E_INVAL,
		    "XMPP domain '%s' has XML special characters", domain);
	}
	snprintf(cmd, sizeof(cmd),
	    "<?xml version='1.0'?><stream:stream xmlns:stream='"
	    "http://etherx.jabber.org/streams' xmlns='jabber:client' "
	    "to='%s' version='1.0'>", domain);
	rv = send_str(cv, cmd);
	if (rv != 0) {
		return rv;
	}
	/* The features element must offer <starttls/>. */
	rv = read_until(cv, buf, sizeof(buf), "<starttls",
	    "</stream:features>");
	if (rv < 0) {
		return rv;
	}
	if (rv == 2) {
		return refused(cv, "the server does not offer STARTTLS", buf,
		    strlen(buf));
	}
	rv = read_until(cv, buf, sizeof(buf), "</stream:features>", NULL);
	if (rv < 0) {
		return rv;
	}
	rv = send_str(cv,
	    "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
	if (rv != 0) {
		return rv;
	}
	rv = read_until(cv, buf, sizeof(buf), "<proceed", "<failure");
	if (rv < 0) {
		return rv;
	}
	if (rv == 2) {
		return refused(cv, "the server refused STARTTLS", buf,
		    strlen(buf));
	}
	/* Consume the rest of the <proceed .../> element. */
	rv = read_until(cv, buf, sizeof(buf), ">", NULL);
	return rv < 0 ? rv : 0;
}

/* ------------------------------------------------------------------ */
/* LDAP (RFC 4511 4.14.1, 4.12)                                         */
/* ------------------------------------------------------------------ */

/* BER header: tag and length (definite, up to 4 length octets: LDAP
 * servers use the long form freely, so this is not a DER reader). */
static int
ber_header(const uint8_t *p, size_t avail, unsigned *tag, size_t *len,
    size_t *hdr)
{
	size_t n, i;

	if (avail < 2) {
		return -1;
	}
	*tag = p[0];
	if ((p[1] & 0x80) == 0) {
		*len = p[1];
		*hdr = 2;
		return 0;
	}
	n = p[1] & 0x7f;
	if (n == 0 || n > 4 || avail < 2 + n) {
		return -1;
	}
	*len = 0;
	for (i = 0; i < n; i++) {
		*len = (*len << 8) | p[2 + i];
	}
	*hdr = 2 + n;
	return 0;
}

static const char *
ldap_result_name(unsigned code)
{
	switch (code) {
	case 1:
		return "operationsError";
	case 2:
		return "protocolError";
	case 52:
		return "unavailable";
	case 53:
		return "unwillingToPerform";
	default:
		return "error";
	}
}

/* Read one LDAPMessage into msg (MAX_LINE + 8 bytes): its SEQUENCE
 * header, *hdr bytes, then its *len bytes of content. */
static int
ldap_read_message(struct conv *cv, uint8_t *msg, size_t *hdr, size_t *len)
{
	size_t have, n;
	unsigned tag;
	int rv;

	/* Read the outer SEQUENCE header byte by byte. */
	rv = read_exact(cv, msg, 2);
	if (rv != 0) {
		return rv;
	}
	have = 2;
	if ((msg[1] & 0x80) != 0) {
		n = msg[1] & 0x7f;
		if (n == 0 || n > 4) {
			return refused(cv, "malformed LDAP response",
			    (const char *)msg, 2);
		}
		rv = read_exact(cv, msg + 2, n);
		if (rv != 0) {
			return rv;
		}
		have += n;
	}
	if (msg[0] != 0x30 || ber_header(msg, have, &tag, len, hdr) != 0 ||
	    *len > MAX_LINE) {
		return refused(cv, "malformed or oversized LDAP response",
		    "", 0);
	}
	rv = read_exact(cv, msg + *hdr, *len);
	if (rv != 0) {
		return rv;
	}
	return 0;
}

static int
do_ldap(struct conv *cv)
{
	/* LDAPMessage { messageID 1, extendedReq [APPLICATION 23] {
	 * requestName [0] "1.3.6.1.4.1.1466.20037" } } */
	static const uint8_t req[] = {
		0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16,
		'1', '.', '3', '.', '6', '.', '1', '.', '4', '.', '1', '.',
		'1', '4', '6', '6', '.', '2', '0', '0', '3', '7'
	};
	uint8_t msg[MAX_LINE + 8];
	const uint8_t *p, *end;
	size_t len, hdr, n, dlen;
	unsigned tag, code;
	char diag[200];
	int rv;

	rv = send_all(cv, req, sizeof(req));
	if (rv != 0) {
		return rv;
	}
	rv = ldap_read_message(cv, msg, &hdr, &len);
	if (rv != 0) {
		return rv;
	}
	p = msg + hdr;
	end = p + len;
	/* messageID INTEGER, then the protocolOp. */
	if (ber_header(p, (size_t)(end - p), &tag, &len, &hdr) != 0 ||
	    tag != 0x02 || len > (size_t)(end - p) - hdr) {
		return refused(cv, "malformed LDAP response", "", 0);
	}
	p += hdr + len;
	if (ber_header(p, (size_t)(end - p), &tag, &len, &hdr) != 0 ||
	    len > (size_t)(end - p) - hdr) {
		return refused(cv, "malformed LDAP response", "", 0);
	}
	if (tag != 0x78) {
		return refused(cv, "not an ExtendedResponse", "", 0);
	}
	end = p + hdr + len;
	p += hdr;
	/* resultCode ENUMERATED, matchedDN, diagnosticMessage. */
	if (ber_header(p, (size_t)(end - p), &tag, &len, &hdr) != 0 ||
	    tag != 0x0a || len < 1 || len > 4 ||
	    len > (size_t)(end - p) - hdr) {
		return refused(cv, "malformed LDAP response", "", 0);
	}
	code = 0;
	for (n = 0; n < len; n++) {
		code = (code << 8) | p[hdr + n];
	}
	if (code == 0) {
		return 0;
	}
	p += hdr + len;
	diag[0] = '\0';
	dlen = 0;
	if (ber_header(p, (size_t)(end - p), &tag, &len, &hdr) == 0 &&
	    len <= (size_t)(end - p) - hdr) {
		p += hdr + len;
		if (ber_header(p, (size_t)(end - p), &tag, &len, &hdr) == 0 &&
		    tag == 0x04 && len <= (size_t)(end - p) - hdr) {
			dlen = len;
			p += hdr;
		}
	}
	snprintf(diag, sizeof(diag), "the server refused StartTLS "
	    "(resultCode %u %s)", code, ldap_result_name(code));
	return refused(cv, diag, dlen > 0 ? (const char *)p : "", dlen);
}

/* ------------------------------------------------------------------ */
/* PostgreSQL: SSLRequest (protocol 3, "SSL Session Encryption")        */
/* ------------------------------------------------------------------ */

static int
do_postgres(struct conv *cv)
{
	/* Int32 length 8, Int32 80877103. */
	static const uint8_t req[] = { 0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f };
	uint8_t b;
	int rv;

	rv = send_all(cv, req, sizeof(req));
	if (rv == 0) {
		rv = read_byte(cv, &b);
	}
	if (rv != 0) {
		return rv;
	}
	if (b == 'S') {
		return 0;
	}
	if (b == 'N') {
		return refused(cv, "the server refused SSL", "N", 1);
	}
	return refused(cv, "unexpected SSLRequest answer", (const char *)&b,
	    1);
}

/* ------------------------------------------------------------------ */
/* MySQL: Protocol::HandshakeV10, then Protocol::SSLRequest             */
/* ------------------------------------------------------------------ */

#define MYSQL_CLIENT_LONG_PASSWORD 0x00000001u
#define MYSQL_CLIENT_PROTOCOL_41 0x00000200u
#define MYSQL_CLIENT_SSL 0x00000800u
#define MYSQL_CLIENT_SECURE_CONNECTION 0x00008000u

static int
do_mysql(struct conv *cv)
{
	uint8_t hdr[4], pkt[MAX_LINE], req[36];
	size_t len, i;
	unsigned caps;
	uint32_t want;
	int rv;

	rv = read_exact(cv, hdr, 4);
	if (rv != 0) {
		return rv;
	}
	len = (size_t)hdr[0] | (size_t)hdr[1] << 8 | (size_t)hdr[2] << 16;
	if (len == 0 || len > sizeof(pkt)) {
		return refused(cv, "malformed or oversized greeting", "", 0);
	}
	rv = read_exact(cv, pkt, len);
	if (rv != 0) {
		return rv;
	}
	if (pkt[0] == 0xff) {
		/* ERR packet: 0xff, error code (2), message. */
		return refused(cv, "the server sent an error",
		    len > 3 ? (const char *)pkt + 3 : "", len > 3 ? len - 3 :
		    0);
	}
	if (pkt[0] != 10) {
		return refused(cv, "unsupported protocol version", "", 0);
	}
	/* Skip the NUL-terminated server version. */
	for (i = 1; i < len && pkt[i] != 0; i++) {
	}
	/* NUL, connection id (4), auth-plugin-data-part-1 (8), filler (1),
	 * capability flags, lower 2 bytes. */
	i += 1 + 4 + 8 + 1;
	if (i + 2 > len) {
		return refused(cv, "truncated greeting", "", 0);
	}
	caps = (unsigned)pkt[i] | (unsigned)pkt[i + 1] << 8;
	if ((caps & MYSQL_CLIENT_SSL) == 0) {
		return refused(cv, "the server does not support SSL",
		    (const char *)pkt + 1, strnlen((const char *)pkt + 1,
		    len - 1));
	}
	/* SSLRequest: capability flags (4), max packet size (4), character
	 * set (1), 23 reserved zero bytes; sequence id 1. */
	memset(req, 0, sizeof(req));
	req[0] = 32;
	req[3] = 1;
	want = MYSQL_CLIENT_LONG_PASSWORD | MYSQL_CLIENT_PROTOCOL_41 |
	    MYSQL_CLIENT_SSL | MYSQL_CLIENT_SECURE_CONNECTION;
	req[4] = (uint8_t)want;
	req[5] = (uint8_t)(want >> 8);
	req[6] = (uint8_t)(want >> 16);
	req[7] = (uint8_t)(want >> 24);
	req[10] = 0x00;
	req[11] = 0x01; /* 16 MiB */
	req[12] = 33;   /* utf8_general_ci */
	return send_all(cv, req, sizeof(req));
}

int
certshow__starttls_run(struct certshow_ctx *ctx, int fd,
    enum certshow_starttls proto, const char *domain, int64_t deadline_ms,
    const char *label)
{
	struct conv cv;

	cv.ctx = ctx;
	cv.fd = fd;
	cv.deadline = deadline_ms;
	cv.label = label;
	cv.proto = proto_name(proto);
	cv.total = 0;
	if (domain == NULL || strlen(domain) > 255 ||
	    strpbrk(domain, "\r\n") != NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "STARTTLS: invalid domain name");
	}
	switch (proto) {
	case CERTSHOW_STARTTLS_NONE:
		return 0;
	case CERTSHOW_STARTTLS_SMTP:
		return do_smtp(&cv, domain);
	case CERTSHOW_STARTTLS_IMAP:
		return do_imap(&cv);
	case CERTSHOW_STARTTLS_POP3:
		return do_pop3(&cv);
	case CERTSHOW_STARTTLS_FTP:
		return do_ftp(&cv);
	case CERTSHOW_STARTTLS_XMPP:
		return do_xmpp(&cv, domain);
	case CERTSHOW_STARTTLS_LDAP:
		return do_ldap(&cv);
	case CERTSHOW_STARTTLS_POSTGRES:
		return do_postgres(&cv);
	case CERTSHOW_STARTTLS_MYSQL:
		return do_mysql(&cv);
	}
	return certshow__set_error(ctx, CERTSHOW_E_INVAL,
	    "unknown STARTTLS protocol %d", (int)proto);
}
