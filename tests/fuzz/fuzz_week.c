/*
 * libFuzzer target: a week's file (week_parse, pure).  Every review in
 * a plan has a checked date and type when its line had no error, and
 * the errors come in line order.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct week_plan p = { 0 };
	size_t		 i;

	week_parse((const char *)data, n, &p);
	for (i = 0; i < p.n; i++)
		if (p.rv[i].nbad == 0 && (strlen(p.rv[i].date) != 10 ||
		    (strcmp(p.rv[i].type, "cic") != 0 &&
		    strcmp(p.rv[i].type, "pathway") != 0)))
			__builtin_trap();
	for (i = 1; i < p.nerr; i++)
		if (p.err[i].lineno < p.err[i - 1].lineno)
			__builtin_trap();
	week_free(&p);
	return 0;
}
