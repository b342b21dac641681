/* libFuzzer target: typed paper codes and link-token validation. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "http.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char	 raw[CR_CODE_RAW + 1], fmt[CR_CODE_LEN + 1], again[CR_CODE_RAW + 1];
	char	*s = xstrndup((const char *)data, n);

	if (cr_code_read(s, raw) == CR_CODE_OK) {
		/* A code that reads must format and read back the same. */
		cr_code_format(raw, fmt);
		if (cr_code_read(fmt, again) != CR_CODE_OK ||
		    strcmp(raw, again) != 0)
			__builtin_trap();
	}
	(void)http_field_ok(FT_TOKEN, s, strlen(s));
	free(s);
	return 0;
}
