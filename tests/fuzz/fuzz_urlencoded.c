/* libFuzzer target: urlencoded bodies and query strings. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct kvlist	 l = { 0 };
	size_t		 i;

	http_parse_urlencoded((const char *)data, n, &l);
	for (i = 0; i < l.n; i++)
		if (l.v[i].bad == KV_OK && !http_utf8_valid(l.v[i].val,
		    strlen(l.v[i].val)))
			__builtin_trap();	/* a good value is valid UTF-8 */
	kv_free(&l);
	return 0;
}
