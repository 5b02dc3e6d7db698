/*
 * fuzz_starttls.c - the STARTTLS preamble parsers (lib/starttls.c).
 *
 * Input: one byte picking the protocol (SMTP, IMAP, POP3, FTP, XMPP,
 * LDAP, PostgreSQL, MySQL), then everything the server sends. The bytes
 * are written into one end of a socketpair, whose write side is then shut
 * down, and the client side runs the preamble on the other end: it must
 * end (success, refusal, close or limit) without crashing or waiting.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"
#include "fuzz.h"

/* The server's bytes fit in the socket buffer, so writing them all
 * before the client runs never blocks. */
#define MAX_INPUT 65536

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum certshow_starttls protos[] = {
		CERTSHOW_STARTTLS_SMTP, CERTSHOW_STARTTLS_IMAP,
		CERTSHOW_STARTTLS_POP3, CERTSHOW_STARTTLS_FTP,
		CERTSHOW_STARTTLS_XMPP, CERTSHOW_STARTTLS_LDAP,
		CERTSHOW_STARTTLS_POSTGRES, CERTSHOW_STARTTLS_MYSQL
	};
	struct certshow_ctx *ctx;
	size_t done = 0;
	ssize_t n;
	int sv[2], one = 1 << 20;

	if (size < 1 || size - 1 > MAX_INPUT) {
		return 0;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		abort();
	}
	(void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &one, sizeof(one));
	(void)setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &one, sizeof(one));
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &one, sizeof(one));
	while (done < size - 1) {
		n = write(sv[0], data + 1 + done, size - 1 - done);
		if (n <= 0) {
			abort();
		}
		done += (size_t)n;
	}
	if (shutdown(sv[0], SHUT_WR) != 0 ||
	    fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) | O_NONBLOCK) != 0) {
		abort();
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		abort();
	}
	(void)certshow__starttls_run(ctx, sv[1], protos[data[0] & 7],
	    "mail.example.com", certshow__now_ms() + 5000, "fuzz:25");
	certshow_ctx_free(ctx);
	close(sv[0]);
	close(sv[1]);
	return 0;
}
