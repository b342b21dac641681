/* libFuzzer target: contact.c's email, mobile and address checks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "contact.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char			*s = xstrndup((const char *)data, n);
	char			 out[CONTACT_MAX], again[CONTACT_MAX];
	const char		*why;
	enum contact_kind	 k;
	int			 i;

	for (i = CONTACT_EMAIL; i <= CONTACT_LETTER; i++) {
		why = NULL;
		if (contact_check((enum contact_kind)i, s, out, &why) == 0) {
			/* A normal form is good and its own normal form. */
			if (contact_check((enum contact_kind)i, out, again,
			    &why) != 0 || strcmp(out, again) != 0)
				__builtin_trap();
		} else if (why == NULL || *why == '\0')
			__builtin_trap();
	}
	if (contact_any(s, &k, out, &why) == 0 && strlen(out) >= CONTACT_MAX)
		__builtin_trap();
	contact_postcode(s, out, 16);
	free(s);
	return 0;
}
