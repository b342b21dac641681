/*
 * page_letters: a letter for the post, as the review page prints it
 * after issuing and the chase list prints it later for a selection.
 */
#ifndef HEARD_PAGE_LETTERS_H
#define HEARD_PAGE_LETTERS_H

#include <stdint.h>

#include "buf.h"
#include "cal.h"

void	 letters_render(struct buf *, const struct cal *, const char *,
	    const char *, const char *, const char *, const char *,
	    const char *, int64_t, int64_t);

#endif
