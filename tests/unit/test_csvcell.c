/*
 * Issue 16 item 10: CSV cells that a spreadsheet would run as a formula
 * are neutralised even behind spaces; Heard's cookies are found among
 * many others.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "http.h"
#include "check.h"

/* One cell as csv_field() writes it. */
static void
cell(const char *in, struct buf *out)
{
	buf_reset(out);
	csv_field(out, in);
}

/* Formulas are neutralised behind spaces, tabs and non-breaking spaces. */
void
test_csv_formula_cells(void)
{
	struct buf	 b = { 0 };

	cell("=1+1", &b);
	CHECK_STR(buf_str(&b), "\"'=1+1\"");
	cell("  =HYPERLINK(\"x\")", &b);
	CHECK_STR(buf_str(&b), "\"'  =HYPERLINK(\"\"x\"\")\"");
	cell("\xc2\xa0+1", &b);
	CHECK_STR(buf_str(&b), "\"'\xc2\xa0+1\"");
	cell(" \xc2\xa0 @SUM(A1)", &b);
	CHECK_STR(buf_str(&b), "\"' \xc2\xa0 @SUM(A1)\"");
	cell("\n-2", &b);
	CHECK_STR(buf_str(&b), "\"'\n-2\"");
	cell("Sam - 12", &b);
	CHECK_STR(buf_str(&b), "\"Sam - 12\"");
	cell("  plain", &b);
	CHECK_STR(buf_str(&b), "\"  plain\"");
	cell("", &b);
	CHECK_STR(buf_str(&b), "\"\"");
	buf_free(&b);
}

/* Heard's own cookie is found after 40 others. */
void
test_http_many_cookies(void)
{
	struct buf	 s = { 0 };
	struct kvlist	 l = { 0 };
	int		 i;

	for (i = 0; i < 40; i++)
		buf_printf(&s, "tracker%d=%d; ", i, i);
	buf_puts(&s, "__Host-heard-visit=abc; __Host-heard-staff=def");
	http_parse_cookies(buf_str(&s), &l);
	CHECK_STR(kv_get(&l, "__Host-heard-visit"), "abc");
	CHECK_STR(kv_get(&l, "__Host-heard-staff"), "def");
	CHECK(l.n <= 34);
	kv_free(&l);
	buf_free(&s);
}
