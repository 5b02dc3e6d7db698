/* check_hostname.c - peer name matching (lib/hostname.c). */
#include <string.h>

#include "verify.h"
#include "testutil.h"

/* Presented dNSName (may hold NUL: explicit length) against a reference
 * host name. */
struct dns_row {
	const char *pat;
	size_t plen;       /* 0: strlen(pat) */
	const char *host;
	int want;
};

static const struct dns_row dns_rows[] = {
	/* exact, case, trailing dots */
	{ "www.example.com", 0, "www.example.com", 1 },
	{ "WWW.Example.COM", 0, "www.example.com", 1 },
	{ "www.example.com", 0, "WWW.EXAMPLE.COM", 1 },
	{ "www.example.com", 0, "www.example.com.", 1 },
	{ "www.example.com.", 0, "www.example.com", 1 },
	{ "www.example.com", 0, "www.example.com..", 0 },
	{ "www.example.com", 0, "example.com", 0 },
	{ "example.com", 0, "www.example.com", 0 },
	{ "www.example.com", 0, "www.example.co", 0 },
	{ "www.example.com", 0, "wwww.example.com", 0 },
	/* wildcards: whole left-most label only, exactly one label */
	{ "*.example.com", 0, "foo.example.com", 1 },
	{ "*.example.com", 0, "FOO.EXAMPLE.COM", 1 },
	{ "*.Example.com", 0, "foo.example.com", 1 },
	{ "*.example.com", 0, "example.com", 0 },
	{ "*.example.com", 0, "a.b.example.com", 0 },
	{ "*.example.com", 0, ".example.com", 0 },
	{ "*.example.com", 0, "xn--bcher-kva.example.com", 1 },
	{ "*.a.example.com", 0, "x.a.example.com", 1 },
	{ "f*.example.com", 0, "foo.example.com", 0 },
	{ "*o.example.com", 0, "foo.example.com", 0 },
	{ "f*o.example.com", 0, "foo.example.com", 0 },
	{ "xn--*-1b3c148a.example.com", 0, "xn--bliss-1b3c148a.example.com",
	    0 },
	{ "foo.*.example.com", 0, "foo.bar.example.com", 0 },
	{ "*.*.example.com", 0, "a.b.example.com", 0 },
	{ "**.example.com", 0, "foo.example.com", 0 },
	/* public-suffix-like: at least two labels after the wildcard */
	{ "*.com", 0, "example.com", 0 },
	{ "*", 0, "example", 0 },
	{ "*.", 0, "com", 0 },
	{ "*.co.uk", 0, "example.co.uk", 1 }, /* no PSL: documented */
	/* IDNA: A-labels compared as is, U-labels never match */
	{ "xn--bcher-kva.example", 0, "xn--bcher-kva.example", 1 },
	{ "XN--BCHER-KVA.example", 0, "xn--bcher-kva.example", 1 },
	{ "b\xc3\xbc" "cher.example", 0, "xn--bcher-kva.example", 0 },
	{ "\xf0\x9f\x98\x9c.example.com", 0, "xn--628h.example.com", 0 },
	/* NUL and other invalid bytes never match */
	{ "www.example.com\0.evil.example", 29, "www.example.com", 0 },
	{ "www.example.com\0.evil.example", 29,
	    "www.example.com.evil.example", 0 },
	{ "www.exa mple.com", 0, "www.exa mple.com", 0 },
	{ "foo_bar.example.com", 0, "foo_bar.example.com", 0 },
	{ "-foo.example.com", 0, "-foo.example.com", 0 },
	{ "www..example.com", 0, "www..example.com", 0 },
	{ "", 0, "example.com", 0 },
	/* an IP address is never a DNS name */
	{ "127.0.0.1", 0, "127.0.0.1", 0 },
	{ "8.8.8.8", 0, "8.8.8.8", 0 },
};

START_TEST(test_dns)
{
	const struct dns_row *r = &dns_rows[_i];
	size_t plen = r->plen != 0 ? r->plen : strlen(r->pat);
	char host[300];
	int n, got;

	n = certshow__host_normalize(r->host, strlen(r->host), host,
	    sizeof(host));
	got = n >= 0 && certshow__host_match(r->pat, plen, host, (size_t)n);
	ck_assert_msg(got == r->want, "row %d: pattern '%s' host '%s': got %d "
	    "want %d", _i, r->pat, r->host, got, r->want);
}
END_TEST

struct ip_row {
	const char *text;
	int want_len;      /* 0: not an address */
	uint8_t want[16];
	const char *canon; /* canonical text, NULL: same as text */
};

static const struct ip_row ip_rows[] = {
	{ "127.0.0.1", 4, { 127, 0, 0, 1 }, NULL },
	{ "0.0.0.0", 4, { 0 }, NULL },
	{ "255.255.255.255", 4, { 255, 255, 255, 255 }, NULL },
	{ "256.0.0.1", 0, { 0 }, NULL },
	{ "192.168.001.001", 0, { 0 }, NULL },
	{ "0xC0A80101", 0, { 0 }, NULL },
	{ "1.2.3", 0, { 0 }, NULL },
	{ "1.2.3.4.5", 0, { 0 }, NULL },
	{ "1.2.3.4 ", 0, { 0 }, NULL },
	{ "::1", 16, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, NULL },
	{ "::", 16, { 0 }, NULL },
	{ "2001:db8::1", 16, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 1 }, NULL },
	{ "2001:DB8:0:0:0:0:0:1", 16, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 1 }, "2001:db8::1" },
	{ "2001:0db8:0000:0000:0000:0000:0000:0001", 16, { 0x20, 0x01, 0x0d,
	    0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "2001:db8::1" },
	{ "2001:db8:0:0:1:0:0:1", 16, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0,
	    1, 0, 0, 0, 0, 0, 1 }, "2001:db8::1:0:0:1" },
	{ "2001:db8::8a2e:370:7334", 16, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	    0, 0, 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x34 }, NULL },
	{ "::ffff:192.0.2.1", 16, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	    192, 0, 2, 1 }, NULL },
	{ "1::2::3", 0, { 0 }, NULL },
	{ "12345::1", 0, { 0 }, NULL },
	{ "1:2:3:4:5:6:7:8:9", 0, { 0 }, NULL },
	{ "fe80::1%eth0", 0, { 0 }, NULL },
	{ "1:", 0, { 0 }, NULL },
	{ ":1", 0, { 0 }, NULL },
	{ "", 0, { 0 }, NULL },
};

START_TEST(test_ip)
{
	const struct ip_row *r = &ip_rows[_i];
	uint8_t out[16];
	char buf[64];
	int n;

	memset(out, 0, sizeof(out));
	n = certshow__ip_parse(r->text, strlen(r->text), out);
	ck_assert_msg(n == r->want_len, "row %d: '%s' parsed to %d octets, "
	    "want %d", _i, r->text, n, r->want_len);
	if (n == 0) {
		return;
	}
	ck_assert_msg(memcmp(out, r->want, (size_t)n) == 0, "row %d: '%s' "
	    "wrong octets", _i, r->text);
	certshow__ip_format(out, (size_t)n, buf, sizeof(buf));
	ck_assert_str_eq(buf, r->canon != NULL ? r->canon : r->text);
}
END_TEST

/* Whole-certificate matching on a hand-built model: SANs and CN. */
struct peer_row {
	int san;                  /* 0: no SAN extension, 1: the SANs below */
	const char *dns;          /* one dNSName SAN or NULL */
	const uint8_t *ip;        /* one iPAddress SAN or NULL */
	size_t ip_len;
	const char *email;        /* one rfc822Name SAN or NULL */
	const char *cn;           /* subject CN or NULL */
	enum certshow_peer_kind kind;
	const char *name;
	bool cn_fallback;
	int want;
};

static const uint8_t ip_lo[4] = { 127, 0, 0, 1 };
static const uint8_t ip6_lo[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 1 };
static const uint8_t ip_v4mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff,
	0xff, 127, 0, 0, 1 };

static const struct peer_row peer_rows[] = {
	/* IP only against iPAddress SANs */
	{ 1, NULL, ip_lo, 4, NULL, NULL, CERTSHOW_PEER_IP, "127.0.0.1", false,
	    1 },
	{ 1, NULL, ip_lo, 4, NULL, NULL, CERTSHOW_PEER_IP, "127.0.0.2", false,
	    0 },
	{ 1, NULL, ip6_lo, 16, NULL, NULL, CERTSHOW_PEER_IP, "::1", false, 1 },
	{ 1, NULL, ip6_lo, 16, NULL, NULL, CERTSHOW_PEER_IP,
	    "0:0:0:0:0:0:0:1", false, 1 },
	{ 1, NULL, ip_v4mapped, 16, NULL, NULL, CERTSHOW_PEER_IP, "127.0.0.1",
	    false, 0 },
	{ 1, "127.0.0.1", NULL, 0, NULL, NULL, CERTSHOW_PEER_IP, "127.0.0.1",
	    false, 0 },
	{ 1, "127.0.0.1", NULL, 0, NULL, NULL, CERTSHOW_PEER_DNS, "127.0.0.1",
	    false, 0 },
	{ 0, NULL, NULL, 0, NULL, "127.0.0.1", CERTSHOW_PEER_IP, "127.0.0.1",
	    true, 0 },
	{ 1, NULL, ip_lo, 4, NULL, NULL, CERTSHOW_PEER_DNS, "localhost", false,
	    0 },
	/* CN fallback only without a SAN extension, only when allowed */
	{ 0, NULL, NULL, 0, NULL, "www.example.com", CERTSHOW_PEER_DNS,
	    "www.example.com", true, 1 },
	{ 0, NULL, NULL, 0, NULL, "www.example.com", CERTSHOW_PEER_DNS,
	    "www.example.com", false, 0 },
	{ 0, NULL, NULL, 0, NULL, "*.example.com", CERTSHOW_PEER_DNS,
	    "www.example.com", true, 1 },
	{ 1, "other.example.com", NULL, 0, NULL, "www.example.com",
	    CERTSHOW_PEER_DNS, "www.example.com", true, 0 },
	{ 1, NULL, ip_lo, 4, NULL, "www.example.com", CERTSHOW_PEER_DNS,
	    "www.example.com", true, 0 },
	{ 1, "www.example.com", NULL, 0, NULL, "other.example.com",
	    CERTSHOW_PEER_DNS, "www.example.com", false, 1 },
	/* email: local part exact, domain case-insensitive */
	{ 1, NULL, NULL, 0, "user@example.com", NULL, CERTSHOW_PEER_EMAIL,
	    "user@example.com", false, 1 },
	{ 1, NULL, NULL, 0, "user@EXAMPLE.com", NULL, CERTSHOW_PEER_EMAIL,
	    "user@example.com", false, 1 },
	{ 1, NULL, NULL, 0, "User@example.com", NULL, CERTSHOW_PEER_EMAIL,
	    "user@example.com", false, 0 },
	{ 1, NULL, NULL, 0, "a@b@example.com", NULL, CERTSHOW_PEER_EMAIL,
	    "a@b@example.com", false, 0 },
	{ 1, "example.com", NULL, 0, NULL, NULL, CERTSHOW_PEER_EMAIL,
	    "user@example.com", false, 0 },
	/* invalid reference names */
	{ 1, "www.example.com", NULL, 0, NULL, NULL, CERTSHOW_PEER_DNS,
	    "www.example.com/", false, 0 },
	{ 1, NULL, ip_lo, 4, NULL, NULL, CERTSHOW_PEER_IP, "localhost",
	    false, 0 },
	{ 1, "www.example.com", NULL, 0, NULL, NULL, CERTSHOW_PEER_NONE,
	    "anything", false, 1 },
};

START_TEST(test_peer)
{
	const struct peer_row *r = &peer_rows[_i];
	struct certshow_cert c;
	struct certshow__gname san[3];
	struct certshow__ava ava;
	struct certshow__rdn rdn;
	char why[300];
	int got;

	memset(&c, 0, sizeof(c));
	memset(san, 0, sizeof(san));
	c.has_san = r->san != 0;
	if (r->dns != NULL) {
		san[c.n_san].type = CERTSHOW_GN_DNS;
		san[c.n_san].value = (const uint8_t *)r->dns;
		san[c.n_san++].len = strlen(r->dns);
	}
	if (r->ip != NULL) {
		san[c.n_san].type = CERTSHOW_GN_IP;
		san[c.n_san].value = r->ip;
		san[c.n_san++].len = r->ip_len;
	}
	if (r->email != NULL) {
		san[c.n_san].type = CERTSHOW_GN_EMAIL;
		san[c.n_san].value = (const uint8_t *)r->email;
		san[c.n_san++].len = strlen(r->email);
	}
	c.san = san;
	if (r->cn != NULL) {
		memset(&ava, 0, sizeof(ava));
		ava.oid = "2.5.4.3";
		ava.value.p = r->cn;
		ava.value.len = strlen(r->cn);
		rdn.n = 1;
		rdn.avas = &ava;
		c.subject.n = 1;
		c.subject.rdns = &rdn;
	}
	got = certshow__peer_match(&c, r->kind, r->name, r->cn_fallback, why,
	    sizeof(why));
	ck_assert_msg(got == r->want, "row %d: %s: got %d want %d (%s)", _i,
	    r->name, got, r->want, why);
	if (got == 0) {
		ck_assert_msg(why[0] != '\0', "row %d: no explanation", _i);
	}
}
END_TEST

/* The same rules through a real certificate: data/certs/name-nul.pem has
 * "www.example.com\0.evil.example" as its dNSName and in the CN. */
START_TEST(test_nul_cert)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *ch = NULL;
	const struct certshow_cert *c;
	char why[300];

	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(certshow_chain_load_file(ctx, &ch,
	    test_data_path("certs/name-nul.pem")), 0);
	c = certshow_chain_get(ch, 0);
	ck_assert_int_eq(certshow__peer_match(c, CERTSHOW_PEER_DNS,
	    "www.example.com", true, why, sizeof(why)), 0);
	ck_assert_int_eq(certshow__peer_match(c, CERTSHOW_PEER_DNS,
	    "www.example.com.evil.example", true, why, sizeof(why)), 0);
	certshow_chain_free(ch);
	certshow_ctx_free(ctx);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hostname");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_dns, 0,
	    (int)(sizeof(dns_rows) / sizeof(dns_rows[0])));
	tcase_add_loop_test(tc, test_ip, 0,
	    (int)(sizeof(ip_rows) / sizeof(ip_rows[0])));
	tcase_add_loop_test(tc, test_peer, 0,
	    (int)(sizeof(peer_rows) / sizeof(peer_rows[0])));
	tcase_add_test(tc, test_nul_cert);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
