/* libFuzzer target: template parsing and rendering. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tmpl.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct buf	 out = { 0 };
	char		 err[256];
	struct tvar	 v[] = { TV("a", "<x>"), TV("b", ""), TV("c", "1") };

	/* Memory safety only: escaping itself is proved by unit tests
	 * (template text can spell out any markup it likes). */
	if (tmpl_parse("f", (const char *)data, n, err, sizeof(err)) == 0)
		tmpl_render(&out, "f", v, NVARS(v));
	tmpl_free();
	buf_free(&out);
	return 0;
}
