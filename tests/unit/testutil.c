/* testutil.c - helpers shared by the Check suites. */
#include <stdio.h>
#include <stdlib.h>

#include "certshow.h"
#include "testutil.h"

const char *
test_data_path(const char *rel)
{
	static char buf[4096];
	const char *dir = getenv("TEST_DATA_DIR");

	if (dir == NULL) {
		dir = "data";
	}
	snprintf(buf, sizeof(buf), "%s/%s", dir, rel);
	return buf;
}

uint8_t *
test_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, r;

	ck_assert_msg(fp != NULL, "cannot open %s", path);
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		r = fread(buf + n, 1, cap - n, fp);
		if (r == 0) {
			break;
		}
		n += r;
	}
	fclose(fp);
	*len = n;
	return buf;
}

int
test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

size_t
test_source_index(const struct certshow_cert *c)
{
	size_t i;

	(void)certshow_cert_source(c, &i);
	return i;
}

const char *
test_sig_oid(const struct certshow_cert *c)
{
	const char *oid;

	certshow_cert_sig_alg(c, NULL, &oid);
	return oid;
}

const char *
test_sig_name(const struct certshow_cert *c)
{
	const char *name;

	certshow_cert_sig_alg(c, &name, NULL);
	return name;
}

const char *
test_key_alg(const struct certshow_cert *c)
{
	const char *alg;

	certshow_cert_key(c, &alg, NULL, NULL);
	return alg;
}

unsigned
test_key_bits(const struct certshow_cert *c)
{
	unsigned bits;

	certshow_cert_key(c, NULL, &bits, NULL);
	return bits;
}

const char *
test_key_curve(const struct certshow_cert *c)
{
	const char *curve;

	certshow_cert_key(c, NULL, NULL, &curve);
	return curve;
}

int64_t
test_not_before(const struct certshow_cert *c)
{
	int64_t t;

	certshow_cert_validity(c, &t, NULL);
	return t;
}

int64_t
test_not_after(const struct certshow_cert *c)
{
	int64_t t;

	certshow_cert_validity(c, NULL, &t);
	return t;
}

struct certshow_lint_finding
test_finding(const struct certshow_lint *l, size_t i)
{
	struct certshow_lint_finding f = CERTSHOW_LINT_FINDING_INIT;

	ck_assert_int_eq(certshow_lint_finding(l, i, &f), 0);
	return f;
}

int
test_lint_cert(struct certshow_ctx *ctx, struct certshow_lint *l,
    const struct certshow_cert *c, const struct certshow_lint_opts *o)
{
	const uint8_t *der;
	size_t len;

	der = certshow_cert_raw(c, CERTSHOW_RAW_DER, &len);
	return certshow_lint_add_der(ctx, l, der, len,
	    certshow_cert_source(c, NULL), o);
}

int
test_path_origin(const struct certshow_result *r, size_t i)
{
	/* A value no call returns: shows that the call set it. */
	enum certshow_path_origin origin = (enum certshow_path_origin)-1;

	(void)certshow_result_path_cert(r, i, &origin);
	return (int)origin;
}

int
test_is_anchor(const struct certshow_result *r, size_t i)
{
	return test_path_origin(r, i) == CERTSHOW_PATH_ANCHOR;
}

const char *
test_missing_url(const struct certshow_result *r)
{
	const char *url = "unset";

	(void)certshow_result_missing_issuer(r, &url);
	return url;
}

int
test_policy_checked(const struct certshow_result *r)
{
	int checked = -1;

	(void)certshow_result_policy_count(r, CERTSHOW_POLICY_SET_AUTHORITY,
	    &checked);
	return checked;
}

const char *
test_verdict_desc(uint32_t flag)
{
	const char *desc = NULL;

	(void)certshow_verdict_name(flag, &desc);
	return desc;
}
