/*
 * scan_target.c - 'certshow scan': parse a target line and shard the
 * list (the library's certshow_scanner fetches and verifies them).
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL) {
		memcpy(d, s, n);
	}
	return d;
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
	return xstrdup(buf);
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
	it->host = xstrdup(hp.host);
	it->port = xstrdup(hp.port);
	if (it->host == NULL || it->port == NULL) {
		it->err = xstrdup("out of memory");
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
			it->sni = xstrdup(w + 4);
			if (it->sni == NULL) {
				it->err = xstrdup("out of memory");
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
scan_list_add(struct scan_list *l, const char *line, const char *source,
    unsigned long lineno)
{
	struct scan_item *it;
	char *copy, *s, *e, *hash;

	copy = xstrdup(line);
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
	if (l->n == l->cap) {
		size_t cap = l->cap != 0 ? l->cap * 2 : 64;
		struct scan_item *v = realloc(l->items, cap * sizeof(*v));

		if (v == NULL) {
			free(copy);
			return -1;
		}
		l->items = v;
		l->cap = cap;
	}
	it = &l->items[l->n];
	memset(it, 0, sizeof(*it));
	it->target = xstrdup(s);
	if (it->target == NULL) {
		free(copy);
		return -1;
	}
	it->source = source;
	it->lineno = lineno;
	parse_line(it, s);
	free(copy);
	l->n++;
	return 0;
}

static void
item_free(struct scan_item *it)
{
	free(it->target);
	free(it->err);
	free(it->host);
	free(it->port);
	free(it->sni);
}

void
scan_list_shard(struct scan_list *l, unsigned i, unsigned n)
{
	size_t r, w = 0;

	for (r = 0; r < l->n; r++) {
		if (scan_target_hash(l->items[r].target) % n == i) {
			l->items[w++] = l->items[r];
		} else {
			item_free(&l->items[r]);
		}
	}
	l->n = w;
}

void
scan_list_free(struct scan_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		item_free(&l->items[i]);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}
