/*
 * sock.c - the socket helpers below the network layer: a monotonic clock
 * for deadlines and one poll() wait against a deadline, shared by
 * fetch.c (connect, handshake) and starttls.c (the preambles).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime() */
#endif
#include "internal.h"

#include <errno.h>
#include <poll.h>
#include <time.h>

int64_t
certshow__now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
certshow__wait_fd(int fd, short events, int64_t deadline_ms,
    const volatile sig_atomic_t *cancel)
{
	/* With a stop flag, waits are cut into slices so that a stop is
	 * seen within 50 ms (a flag cannot wake poll()). */
	int64_t slice = cancel != NULL ? 50 : 60000;
	struct pollfd pfd;
	int64_t left;
	int rv;

	for (;;) {
		left = deadline_ms - certshow__now_ms();
		if (left <= 0 || (cancel != NULL && *cancel)) {
			return CERTSHOW_E_TIMEOUT;
		}
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		rv = poll(&pfd, 1, left > slice ? (int)slice : (int)left);
		if (rv > 0) {
			return 0;
		}
		if (rv < 0 && errno != EINTR) {
			return CERTSHOW_E_IO;
		}
	}
}
