/* libFuzzer target: the form-definition parser and answer validation. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "forms.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct form	 f;
	struct kvlist	 body = { 0 }, ans = { 0 };
	struct form_error e[8];
	char		 err[256];
	size_t		 i;

	if (form_parse("fuzz", (const char *)data, n, NULL, &f, err,
	    sizeof(err)) == -1)
		return 0;
	/* Feed the form its own option values and some text. */
	http_parse_urlencoded("a=1&b=%F0%9F%98%80&c=&d-day=1&d-month=2&"
	    "d-year=2024", 48, &body);
	for (i = 0; i < f.npages; i++)
		form_read_page(&f, i, &body, &ans, e, 8);
	form_check_all(&f, &ans, e, 8);
	kv_free(&body);
	kv_free(&ans);
	form_free(&f);
	return 0;
}
