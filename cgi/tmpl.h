/*
 * tmpl: the only writer of HTML.  Templates are read from templates/
 * once at start-up and pre-parsed; every value is escaped unless the
 * template says {{markup NAME}}, which is reserved for HTML this program
 * rendered itself from another template.
 *
 * Syntax:
 *	{{name}}			the value, HTML-escaped
 *	{{markup name}}			a program-rendered fragment, as is
 *	{{#if name}} ... {{/if}}	when the value is non-empty
 *	{{#unless name}} ... {{/unless}} when the value is empty
 *	{{t English words}}		the words in the page's language
 *					(lang.c; escaped like a value)
 */
#ifndef HEARD_TMPL_H
#define HEARD_TMPL_H

#include <stddef.h>

#include "buf.h"

struct tvar {
	const char	*name;
	const char	*val;		/* NULL is the same as "" */
	int		 markup;	/* 1: val is rendered HTML */
};

#define TV(n, v)	{ (n), (v), 0 }
#define TM(n, b)	{ (n), buf_str(b), 1 }
#define NVARS(a)	(sizeof(a) / sizeof((a)[0]))

int	 tmpl_parse(const char *, const char *, size_t, char *, size_t);
int	 tmpl_load(const char *, const char *const *, char *, size_t);
int	 tmpl_render(struct buf *, const char *, const struct tvar *, size_t);
int	 tmpl_has(const char *);
void	 tmpl_escape(struct buf *, const char *, size_t);
void	 tmpl_free(void);
void	 tmpl_set_translate(const char *(*)(const char *));
int	 tmpl_texts(int (*)(const char *, int, const char *, void *),
	    void *);

#endif
