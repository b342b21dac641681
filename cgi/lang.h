/*
 * lang: the languages the children's forms are offered in (issue 17).
 *
 * Each language's texts live in templates/lang/CODE.txt, keyed by the
 * English words themselves (gettext's way): a line "en: ENGLISH" and
 * the next "CODE: TRANSLATION".  A changed or added English text has no
 * entry, so it is a gap, and start-up names the English file, line and
 * language of the first gap.  A page is rendered in one language at a
 * time (lang_use()); {{t ...}} in templates, form texts and the
 * furniture C code passes through lang_t() are shown in it.
 */
#ifndef HEARD_LANG_H
#define HEARD_LANG_H

#include <stdio.h>

#include "forms.h"
#include "tmpl.h"
#include "vocab.h"

/* Called with (file, line, english, arg); a non-zero return stops. */
typedef form_text_fn lang_text_fn;

int	 lang_load(const char *, char *, size_t);
int	 lang_check(const char *, char *, size_t);
int	 lang_texts(const char *, const char *, lang_text_fn, void *);
int	 lang_missing(const char *, const char *, const char *, FILE *);
void	 lang_free(void);
int	 lang_known(const char *);
int	 lang_offers(const char *, const char *);
void	 lang_use(const char *);
const char *lang_code(void);
const char *lang_tag(void);
const char *lang_dir(void);
int	 lang_rtl(const char *);
const char *lang_t(const char *);
const char *lang_get(const char *, const char *);
void	 lang_fill(struct buf *, const char *, const char *, const char *);

#endif
