/*
 * tmpl: pre-parsed templates and the one HTML escaper.
 *
 * A template is parsed once into a flat array of nodes.  An #if or
 * #unless node records the index of its matching /if, so rendering is
 * a single loop with a jump, and no recursion depth to worry about.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"

enum node_kind {
	N_TEXT,
	N_VAR,
	N_MARKUP,
	N_IF,
	N_UNLESS,
	N_END,
	N_TRANS,	/* {{t English words}}: words in the page's language */
};

struct node {
	enum node_kind	 kind;
	char		*s;	/* text, or variable name */
	size_t		 len;
	size_t		 end;	/* N_IF/N_UNLESS: index of its N_END */
	int		 line;	/* N_TRANS: where it is, for gap messages */
};

struct tmpl {
	char		*name;
	struct node	*nodes;
	size_t		 n;
};

static struct tmpl	*tmpls;
static size_t		 ntmpls;

/* Turns {{t ...}} words into the page's language (lang.c sets it). */
static const char	*(*translate)(const char *);

#define MAX_DEPTH	16

/*
 * Append s[0..n) to out with & < > " ' escaped.  This is the only
 * escaping function in Heard: every value in every page goes through it.
 */
void
tmpl_escape(struct buf *out, const char *s, size_t n)
{
	size_t	 i, start = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_add(out, s + start, n - start);
}

/* Line number of position p in text, for error messages. */
static int
lineno(const char *text, const char *p)
{
	int	 n = 1;

	for (; text < p; text++)
		if (*text == '\n')
			n++;
	return n;
}

/* Is s[0..n) a valid variable name: [a-z0-9_.]+ ? */
static int
name_ok(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* Append a node to t. */
static struct node *
add_node(struct tmpl *t, enum node_kind k, const char *s, size_t len)
{
	struct node	*nd;

	t->nodes = xrealloc(t->nodes, (t->n + 1) * sizeof(*t->nodes));
	nd = &t->nodes[t->n++];
	nd->kind = k;
	nd->s = xstrndup(s, len);
	nd->len = len;
	nd->end = 0;
	nd->line = 0;
	return nd;
}

/* Free one template's nodes. */
static void
tmpl_clear(struct tmpl *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		free(t->nodes[i].s);
	free(t->nodes);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

/*
 * Parse template text under a name and add it to the set.  On error,
 * writes "NAME:LINE: what is wrong" into err and returns -1.
 */
int
tmpl_parse(const char *name, const char *text, size_t tlen, char *err,
    size_t errlen)
{
	struct tmpl	 t = { 0 };
	const char	*p = text, *end = text + tlen, *open, *close, *in;
	size_t		 stack[MAX_DEPTH], depth = 0, n, at;
	enum node_kind	 k;

	t.name = xstrdup(name);
	while (p < end) {
		open = memmem(p, (size_t)(end - p), "{{", 2);
		if (open == NULL) {
			add_node(&t, N_TEXT, p, (size_t)(end - p));
			break;
		}
		if (open > p)
			add_node(&t, N_TEXT, p, (size_t)(open - p));
		close = memmem(open, (size_t)(end - open), "}}", 2);
		if (close == NULL) {
			snprintf(err, errlen, "%s:%d: '{{' without '}}'",
			    name, lineno(text, open));
			goto fail;
		}
		in = open + 2;
		n = (size_t)(close - in);
		if (n > 7 && strncmp(in, "markup ", 7) == 0) {
			k = N_MARKUP; in += 7; n -= 7;
		} else if (n > 4 && strncmp(in, "#if ", 4) == 0) {
			k = N_IF; in += 4; n -= 4;
		} else if (n > 8 && strncmp(in, "#unless ", 8) == 0) {
			k = N_UNLESS; in += 8; n -= 8;
		} else if (n > 2 && strncmp(in, "t ", 2) == 0) {
			/* Words, not a name: no name check. */
			add_node(&t, N_TRANS, in + 2, n - 2)->line =
			    lineno(text, open);
			p = close + 2;
			continue;
		} else if ((n == 3 && strncmp(in, "/if", 3) == 0) ||
		    (n == 7 && strncmp(in, "/unless", 7) == 0)) {
			k = N_END;
		} else
			k = N_VAR;
		if (k != N_END && !name_ok(in, n)) {
			snprintf(err, errlen, "%s:%d: bad name in '%.*s'",
			    name, lineno(text, open), (int)(close - open + 2),
			    open);
			goto fail;
		}
		if (k == N_END) {
			if (depth == 0 || (t.nodes[stack[depth - 1]].kind ==
			    N_IF) != (in[1] == 'i')) {
				snprintf(err, errlen, "%s:%d: '%.*s' does not "
				    "close an open block", name,
				    lineno(text, open), (int)n, in);
				goto fail;
			}
			add_node(&t, N_END, "", 0);
			t.nodes[stack[--depth]].end = t.n - 1;
		} else {
			add_node(&t, k, in, n);
			if (k == N_IF || k == N_UNLESS) {
				if (depth == MAX_DEPTH) {
					snprintf(err, errlen, "%s:%d: blocks "
					    "nested too deep", name,
					    lineno(text, open));
					goto fail;
				}
				stack[depth++] = t.n - 1;
			}
		}
		p = close + 2;
	}
	if (depth > 0) {
		snprintf(err, errlen, "%s:%d: block '%s' is never closed",
		    name, lineno(text, end), t.nodes[stack[depth - 1]].s);
		goto fail;
	}
	/* Kept sorted by name, so find() is a binary search. */
	for (at = 0; at < ntmpls && strcmp(tmpls[at].name, name) <= 0; at++)
		;
	tmpls = xrealloc(tmpls, (ntmpls + 1) * sizeof(*tmpls));
	memmove(&tmpls[at + 1], &tmpls[at], (ntmpls - at) * sizeof(*tmpls));
	tmpls[at] = t;
	ntmpls++;
	return 0;
fail:
	tmpl_clear(&t);
	return -1;
}

/*
 * Load every NAME.html in dir as template NAME, then check that each
 * name in the NULL-terminated list required exists.  Returns 0, or -1
 * with "file:line: what is wrong" in err.
 */
int
tmpl_load(const char *dir, const char *const *required, char *err,
    size_t errlen)
{
	DIR		*d;
	struct dirent	*de;
	char		 path[4096], name[256];
	struct buf	 text = { 0 };
	FILE		*f;
	size_t		 n, got;
	char		 chunk[4096];
	int		 rc = -1;

	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s:0: cannot open template folder",
		    dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".html") != 0)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    de->d_name) >= sizeof(path) || n - 5 >= sizeof(name)) {
			snprintf(err, errlen, "%s:0: path too long", dir);
			goto out;
		}
		memcpy(name, de->d_name, n - 5);
		name[n - 5] = '\0';
		if ((f = fopen(path, "r")) == NULL) {
			snprintf(err, errlen, "%s:0: cannot read", path);
			goto out;
		}
		buf_reset(&text);
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&text, chunk, got);
		fclose(f);
		if (tmpl_parse(name, buf_str(&text), text.len, err,
		    errlen) == -1) {
			/* Name the file, not just the template. */
			char	 tmp[512];
			snprintf(tmp, sizeof(tmp), "%s/%s.html%s", dir, name,
			    err + strlen(name));
			snprintf(err, errlen, "%s", tmp);
			goto out;
		}
	}
	for (; required != NULL && *required != NULL; required++)
		if (!tmpl_has(*required)) {
			snprintf(err, errlen, "%s/%s.html:0: template is "
			    "missing", dir, *required);
			goto out;
		}
	rc = 0;
out:
	closedir(d);
	buf_free(&text);
	return rc;
}

/*
 * Find a template by name, or NULL.  A form page renders a template per
 * question, and a linear scan of strcmp()s was a tenth of its time.
 */
static const struct tmpl *
find(const char *name)
{
	size_t	 lo = 0, hi = ntmpls, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(tmpls[mid].name, name)) == 0) {
			/* The first loaded of equal names, as before. */
			while (mid > 0 && strcmp(tmpls[mid - 1].name, name) == 0)
				mid--;
			return &tmpls[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Return 1 if a template with this name is loaded. */
int
tmpl_has(const char *name)
{
	return find(name) != NULL;
}

/* Find a variable by name; NULL if the caller did not pass it. */
static const struct tvar *
lookup(const struct tvar *v, size_t nv, const char *name)
{
	size_t	 i;

	/* The first letters differ for most names: skip the call. */
	for (i = 0; i < nv; i++)
		if (v[i].name[0] == name[0] && strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

/*
 * Render template name with vars, appending to out.  Returns 0, or -1
 * if there is no such template (a program bug, logged by the caller).
 */
int
tmpl_render(struct buf *out, const char *name, const struct tvar *vars,
    size_t nv)
{
	const struct tmpl	*t;
	const struct tvar	*v;
	const struct node	*nd;
	const char		*val;
	size_t			 i;
	int			 truth;

	if ((t = find(name)) == NULL)
		return -1;
	for (i = 0; i < t->n; i++) {
		nd = &t->nodes[i];
		if (nd->kind == N_TEXT) {
			buf_add(out, nd->s, nd->len);
			continue;
		}
		if (nd->kind == N_END)
			continue;
		if (nd->kind == N_TRANS) {
			val = translate != NULL ? translate(nd->s) : nd->s;
			tmpl_escape(out, val, strlen(val));
			continue;
		}
		v = lookup(vars, nv, nd->s);
		val = v == NULL || v->val == NULL ? "" : v->val;
		switch (nd->kind) {
		case N_VAR:
			tmpl_escape(out, val, strlen(val));
			break;
		case N_MARKUP:
			/* Only program-rendered HTML may go in raw. */
			if (v != NULL && v->markup)
				buf_puts(out, val);
			else
				tmpl_escape(out, val, strlen(val));
			break;
		case N_IF:
		case N_UNLESS:
			truth = val[0] != '\0';
			if (truth != (nd->kind == N_IF))
				i = nd->end;
			break;
		default:
			break;
		}
	}
	return 0;
}

/*
 * Say how {{t ...}} words are put into the page's language: fn returns
 * the words to show for the English (static or long-lived; never
 * freed here).  NULL shows the English.
 */
void
tmpl_set_translate(const char *(*fn)(const char *))
{
	translate = fn;
}

/*
 * Call fn(name, line, english, arg) for every {{t ...}} in every loaded
 * template, so a language's gaps can be named by file and line.  Stops
 * and returns fn's value when it is not 0; else returns 0.
 */
int
tmpl_texts(int (*fn)(const char *, int, const char *, void *), void *arg)
{
	size_t	 i, j;
	int	 rc;

	for (i = 0; i < ntmpls; i++)
		for (j = 0; j < tmpls[i].n; j++)
			if (tmpls[i].nodes[j].kind == N_TRANS &&
			    (rc = fn(tmpls[i].name, tmpls[i].nodes[j].line,
			    tmpls[i].nodes[j].s, arg)) != 0)
				return rc;
	return 0;
}

/* Free every loaded template. */
void
tmpl_free(void)
{
	size_t	 i;

	for (i = 0; i < ntmpls; i++)
		tmpl_clear(&tmpls[i]);
	free(tmpls);
	tmpls = NULL;
	ntmpls = 0;
}
