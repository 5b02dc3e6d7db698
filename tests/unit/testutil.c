/* testutil.c - helpers shared by the Check suites. */
#include <stdio.h>
#include <stdlib.h>

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
