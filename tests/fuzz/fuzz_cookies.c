/* libFuzzer target: Cookie headers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct kvlist	 l = { 0 };
	char		*s = xstrndup((const char *)data, n);

	http_parse_cookies(s, &l);
	kv_free(&l);
	free(s);
	return 0;
}
