/*
 * scan_target.c - 'certshow scan': read the target lines one at a time
 * (operands, then -i files), parse each and keep those of the shard
 * (the library's certshow_scanner fetches and verifies them, pulling
 * them through its feed as workers free up: the list is never held).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "scan.h"

uint64_t
scan_target_hash(const char *target)
{
	/* FNV-1a 64 over the normalised string: stable across machines,
	 * builds and runs, so N shards of one list cover it exactly once. */
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	const unsigned char *p = (const unsigned char *)target;
	int space = 0, started = 0;

	for (; *p != '\0'; p++) {
		if (isspace(*p)) {
			space = started;
			continue;
		}
		if (space) {
			h ^= (unsigned char)' ';
			h *= UINT64_C(0x100000001b3);
			space = 0;
		}
		started = 1;
		h ^= (unsigned char)tolower(*p);
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static char *
fmt_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt_err(const char *fmt, ...)
{
	char buf[CLI_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	cli_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return strdup(buf);
}

/* Parse the words of a trimmed, non-empty line into `it`; sets it->err
 * (malloc'd) when malformed. */
static void
parse_line(struct scan_item *it, char *words)
{
	struct cli_hostport hp;
	char err[CLI_MSG_MAX];
	char *w, *save = NULL;

	w = strtok_r(words, " \t", &save);
	if (cli_parse_hostport(w, &hp, err, sizeof(err)) != 0) {
		it->err = fmt_err("%s", err);
		return;
	}
	if (hp.host[0] == '\0') {
		it->err = fmt_err("no host in '%s'", w);
		return;
	}
	if (hp.port[0] != '\0' && cli_port_parse(hp.port, NULL) != 0) {
		it->err = fmt_err("invalid port '%s' (1 to 65535)", hp.port);
		return;
	}
	it->host = strdup(hp.host);
	it->port = strdup(hp.port);
	if (it->host == NULL || it->port == NULL) {
		it->err = strdup("out of memory");
		return;
	}
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (strncmp(w, "starttls=", 9) == 0) {
			if (cli_starttls_from_name(w + 9, &it->starttls) != 0) {
				it->err = fmt_err("unknown starttls '%s'",
				    w + 9);
				return;
			}
			it->has_starttls = 1;
		} else if (strncmp(w, "sni=", 4) == 0 && w[4] != '\0' &&
		    it->sni == NULL) {
			it->sni = strdup(w + 4);
			if (it->sni == NULL) {
				it->err = strdup("out of memory");
				return;
			}
		} else {
			it->err = fmt_err("unexpected '%s' (expected "
					  "starttls=PROTO or sni=NAME)",
			    w);
			return;
		}
	}
}

int
scan_item_parse(struct scan_item *it, const char *line, const char *source,
    unsigned long lineno)
{
	char *copy, *s, *e, *hash;

	memset(it, 0, sizeof(*it));
	copy = strdup(line);
	if (copy == NULL) {
		return -1;
	}
	/* '#' starts a comment at the start of a line or after a blank;
	 * a '#' inside a word (a URL fragment) is the host parser's. */
	for (hash = copy; (hash = strchr(hash, '#')) != NULL; hash++) {
		if (hash == copy || isspace((unsigned char)hash[-1])) {
			*hash = '\0';
			break;
		}
	}
	for (s = copy; isspace((unsigned char)*s); s++) {
		continue;
	}
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1])) {
		*--e = '\0';
	}
	if (*s == '\0') {
		free(copy);
		return 0;
	}
	it->target = strdup(s);
	if (it->target == NULL) {
		free(copy);
		return -1;
	}
	it->source = source;
	it->lineno = lineno;
	parse_line(it, s);
	free(copy);
	return 1;
}

void
scan_item_free(struct scan_item *it)
{
	free(it->target);
	free(it->err);
	free(it->host);
	free(it->port);
	free(it->sni);
	memset(it, 0, sizeof(*it));
}

/* ------------------------------------------------------------------ */
/* Reading the targets one at a time                                  */

int
scan_reader_open(struct scan_reader *r, char *const *operands,
    size_t n_operands, const char *const *paths, size_t n_paths,
    unsigned shard_i, unsigned shard_n)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->operands = operands;
	r->n_operands = n_operands;
	r->paths = paths;
	r->n_files = n_paths;
	r->shard_i = shard_i;
	r->shard_n = shard_n;
	r->fds = malloc((n_paths + 1) * sizeof(*r->fds));
	if (r->fds == NULL) {
		cli_error("out of memory");
		return -1;
	}
	for (i = 0; i < n_paths; i++) {
		r->fds[i] = -1;
	}
	/* Every file is opened now: one that cannot be read stops the
	 * command before any connection. */
	for (i = 0; i < n_paths; i++) {
		r->fds[i] = strcmp(paths[i], "-") == 0
		    ? STDIN_FILENO
		    : open(paths[i], O_RDONLY | O_CLOEXEC);
		if (r->fds[i] < 0) {
			cli_error("%s: %s", paths[i], strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* More bytes of the current file into the buffer: their count, 0 at
 * its end, -1 (a read error, reported) or -2 (stopped). A pipe or a
 * terminal is waited on 100 ms at a time, so a stop ends the wait
 * however long the writer takes. */
static ssize_t
reader_fill(struct scan_reader *r)
{
	struct pollfd p;
	ssize_t n;

	if (r->len + 1 >= r->cap) {
		size_t cap = r->cap != 0 ? r->cap * 2 : 4096;
		char *v = realloc(r->buf, cap);

		if (v == NULL) {
			cli_error("out of memory");
			return -1;
		}
		r->buf = v;
		r->cap = cap;
	}
	p.fd = r->fds[r->next_file];
	p.events = POLLIN;
	for (;;) {
		if (r->stopped != NULL && r->stopped(r->stop_arg)) {
			return -2;
		}
		if (poll(&p, 1, 100) == 0) {
			continue;
		}
		n = read(p.fd, r->buf + r->len, r->cap - r->len - 1);
		if (n >= 0) {
			r->len += (size_t)n;
			return n;
		}
		if (errno != EINTR && errno != EAGAIN) {
			cli_error("%s: %s", r->paths[r->next_file],
			    strerror(errno));
			return -1;
		}
	}
}

/* A line of `len` bytes so far at r->buf + r->off: when that is
 * SCAN_LINE_MAX or more (no target is that long), the line is too_long:
 * it becomes a malformed item named by its start and the rest is
 * skipped, so memory stays bounded. Returns r->too_long. */
static int
long_line_check(struct scan_reader *r, size_t len)
{
	if (len >= SCAN_LINE_MAX && !r->too_long) {
		snprintf(r->long_start, sizeof(r->long_start), "%.*s...", 40,
		    r->buf + r->off);
		r->too_long = 1;
	}
	return r->too_long;
}

/* The next line of the current file, in the buffer (its newline and a
 * carriage return before it removed); 1, 0 at the file's end (a last
 * line without newline is a line), -1 (reported) or -2 (stopped). */
static int
reader_file_line(struct scan_reader *r, const char **text)
{
	char *nl;
	ssize_t n;

	for (;;) {
		nl = r->buf != NULL
		    ? memchr(r->buf + r->off, '\n', r->len - r->off)
		    : NULL;
		if (nl != NULL || (r->eof && r->off < r->len)) {
			if (nl == NULL) {
				nl = r->buf + r->len; /* buf has room for it */
			}
			*nl = '\0';
			*text = r->buf + r->off;
			long_line_check(r, (size_t)(nl - *text));
			r->off = (size_t)(nl - r->buf) + (nl < r->buf + r->len);
			if (nl > *text && nl[-1] == '\r') {
				nl[-1] = '\0';
			}
			return 1;
		}
		if (r->eof) {
			*text = "";
			return r->too_long ? 1 : 0; /* a long last line */
		}
		if (long_line_check(r, r->len - r->off)) {
			r->off = r->len = 0; /* skipped up to its newline */
		}
		if (r->off > 0) {
			memmove(r->buf, r->buf + r->off, r->len - r->off);
			r->len -= r->off;
			r->off = 0;
		}
		n = reader_fill(r);
		if (n < 0) {
			return (int)n;
		}
		r->eof = n == 0;
	}
}

/* The next line of the operands, then of the files (*text: an operand
 * or the buffer); 1, 0 at the end (or stopped), -1 (reported). */
static int
reader_line(struct scan_reader *r, const char **text, const char **source,
    unsigned long *lineno)
{
	int rv;

	if (r->next_op < r->n_operands) {
		*text = r->operands[r->next_op++];
		*source = NULL;
		*lineno = r->next_op;
		return 1;
	}
	for (; r->next_file < r->n_files; r->next_file++) {
		rv = reader_file_line(r, text);
		if (rv == 1) {
			*source = r->paths[r->next_file];
			*lineno = ++r->lineno;
			return 1;
		}
		if (rv < 0) {
			return rv == -2 ? 0 : -1;
		}
		r->lineno = 0;
		r->off = r->len = 0;
		r->eof = 0;
	}
	return 0;
}

/* The item of a line longer than SCAN_LINE_MAX: malformed, named by
 * its start; 1 or -1 (no memory). */
static int
long_line_item(struct scan_reader *r, const char *source, unsigned long lineno)
{
	r->too_long = 0;
	memset(&r->cur, 0, sizeof(r->cur));
	r->cur.target = strdup(r->long_start);
	r->cur.err = fmt_err("line longer than %d bytes", SCAN_LINE_MAX);
	r->cur.source = source;
	r->cur.lineno = lineno;
	return r->cur.target != NULL && r->cur.err != NULL ? 1 : -1;
}

int
scan_reader_next(struct scan_reader *r, const struct scan_item **out)
{
	const char *text, *source;
	unsigned long lineno;
	int rv;

	scan_item_free(&r->cur);
	while ((rv = reader_line(r, &text, &source, &lineno)) > 0) {
		rv = r->too_long
		    ? long_line_item(r, source, lineno)
		    : scan_item_parse(&r->cur, text, source, lineno);
		if (rv < 0) {
			cli_error("out of memory");
			return -1;
		}
		if (rv == 0) {
			continue; /* a comment or a blank line */
		}
		if (r->shard_n > 0 &&
		    scan_target_hash(r->cur.target) % r->shard_n !=
			r->shard_i) {
			scan_item_free(&r->cur);
			continue;
		}
		*out = &r->cur;
		return 1;
	}
	return rv;
}

int
scan_reader_count(struct scan_reader *r, size_t *n)
{
	const struct scan_item *it;
	struct stat st;
	size_t i;
	int rv;

	for (i = 0; i < r->n_files; i++) {
		if (fstat(r->fds[i], &st) != 0 || !S_ISREG(st.st_mode)) {
			return -1; /* read once: not counted ahead */
		}
	}
	*n = 0;
	while ((rv = scan_reader_next(r, &it)) > 0) {
		(*n)++;
	}
	scan_item_free(&r->cur);
	r->next_op = 0;
	r->next_file = 0;
	r->lineno = 0;
	r->off = r->len = 0;
	r->eof = 0;
	for (i = 0; i < r->n_files; i++) {
		if (lseek(r->fds[i], 0, SEEK_SET) != 0) {
			rv = -1;
		}
	}
	return rv;
}

void
scan_reader_close(struct scan_reader *r)
{
	size_t i;

	for (i = 0; r->fds != NULL && i < r->n_files; i++) {
		if (r->fds[i] >= 0 && r->fds[i] != STDIN_FILENO) {
			close(r->fds[i]);
		}
	}
	free(r->fds);
	free(r->buf);
	scan_item_free(&r->cur);
	memset(r, 0, sizeof(*r));
}
