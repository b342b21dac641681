/*
 * libFuzzer target: multipart/form-data bodies.  The first line of the
 * input is the Content-Type (so boundaries are fuzzed too), the rest
 * the body.  A refused body leaves nothing behind; an accepted one has
 * only valid UTF-8 in its good fields and files within their bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct kvlist	 l;
	struct http_files f;
	const char	*s = (const char *)data, *nl;
	char		*ct, *body;
	size_t		 i, cn;

	if ((nl = memchr(s, '\n', n)) == NULL)
		return 0;
	cn = (size_t)(nl - s);
	if ((ct = malloc(cn + 1)) == NULL)
		return 0;
	memcpy(ct, s, cn);
	ct[cn] = '\0';
	/* An exact-size copy, so a read past the end is caught. */
	if ((body = malloc(n - cn - 1 + 1)) == NULL) {
		free(ct);
		return 0;
	}
	memcpy(body, nl + 1, n - cn - 1);
	if (http_parse_multipart(ct, body, n - cn - 1, &l, &f) == -1) {
		if (l.n != 0 || f.n != 0)
			__builtin_trap();
	} else {
		if (l.n + f.n == 0 || l.n + f.n > HTTP_MAX_PARTS ||
		    f.n > HTTP_MAX_FILES)
			__builtin_trap();
		for (i = 0; i < l.n; i++)
			if (l.v[i].bad == KV_OK && !http_utf8_valid(l.v[i].val,
			    strlen(l.v[i].val)))
				__builtin_trap();
		for (i = 0; i < f.n; i++)
			if (f.v[i].len > HTTP_MAX_FILE || f.v[i].len > n)
				__builtin_trap();
	}
	kv_free(&l);
	http_files_free(&f);
	free(body);
	free(ct);
	return 0;
}
