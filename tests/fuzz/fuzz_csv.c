/* libFuzzer target: CSV import records and CSV export fields. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char		*s = xstrndup((const char *)data, n), *f[16], *copy;
	struct buf	 out = { 0 };
	int		 k, i;

	copy = xstrdup(s);
	k = csv_split(s, f, 16);
	for (i = 0; i < k; i++) {
		buf_reset(&out);
		csv_field(&out, f[i]);
		/* A written field reads back as one field: the same text,
		 * with an apostrophe in front if it began like a formula. */
		int armed = f[i][0] != '\0' &&
		    strchr("=+-@\t\r", f[i][0]) != NULL;
		char *w = xstrdup(buf_str(&out)), *g[2];
		if (csv_split(w, g, 2) != 1 ||
		    (armed && g[0][0] != '\'') ||
		    strcmp(g[0] + armed, f[i]) != 0)
			__builtin_trap();
		free(w);
	}
	buf_reset(&out);
	csv_field(&out, copy);
	free(copy);
	free(s);
	buf_free(&out);
	return 0;
}
