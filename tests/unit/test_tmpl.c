/*
 * Unit tests for tmpl.c: the one escaping writer and the template
 * language, including malformed templates.
 */
#include <string.h>

#include "check.h"
#include "tmpl.h"

void
test_tmpl_escape(void)
{
	static const struct {
		const char	*in;
		const char	*out;
	} t[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "<script>alert(1)</script>",
		    "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ "\"'><img src=x onerror=alert(1)>",
		    "&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;" },
		{ "a & b && c", "a &amp; b &amp;&amp; c" },
		{ "&amp;", "&amp;amp;" },
		{ "caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80" },
	};
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		buf_reset(&b);
		tmpl_escape(&b, t[i].in, strlen(t[i].in));
		CHECK_STR(buf_str(&b), t[i].out);
	}
	buf_free(&b);
}

void
test_tmpl_render(void)
{
	static const char text[] =
	    "<p>{{name}}</p>{{#if show}}[{{markup html}}]{{/if}}"
	    "{{#unless show}}hidden{{/unless}}{{#if outer}}O{{#if inner}}I"
	    "{{/if}}{{/if}}{{missing}}";
	char		 err[256];
	struct buf	 b = { 0 }, frag = { 0 };

	CHECK(tmpl_parse("t_render", text, strlen(text), err,
	    sizeof(err)) == 0);
	buf_puts(&frag, "<b>ok</b>");
	{
		struct tvar v[] = { TV("name", "<i>"), TV("show", "1"),
		    TM("html", &frag), TV("outer", "1"), TV("inner", "") };
		CHECK(tmpl_render(&b, "t_render", v, NVARS(v)) == 0);
		CHECK_STR(buf_str(&b), "<p>&lt;i&gt;</p>[<b>ok</b>]O");
	}
	buf_reset(&b);
	{
		/* markup of a value not marked as rendered HTML is escaped */
		struct tvar v[] = { TV("name", ""), TV("show", "1"),
		    TV("html", "<script>"), TV("outer", "1"),
		    TV("inner", "1") };
		tmpl_render(&b, "t_render", v, NVARS(v));
		CHECK_STR(buf_str(&b), "<p></p>[&lt;script&gt;]OI");
	}
	buf_reset(&b);
	tmpl_render(&b, "t_render", NULL, 0);
	CHECK_STR(buf_str(&b), "<p></p>hidden");
	CHECK(tmpl_render(&b, "no_such_template", NULL, 0) == -1);
	buf_free(&b);
	buf_free(&frag);
}

/* Templates loaded in any order are all found, each by its own name. */
void
test_tmpl_find(void)
{
	static const char *const names[] = { "t_m", "t_c", "t_x", "t_a",
	    "t_q", "t_b" };
	char		 err[256];
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		CHECK(tmpl_parse(names[i], names[i], strlen(names[i]), err,
		    sizeof(err)) == 0);
	/* A second template of a name already loaded does not replace it. */
	CHECK(tmpl_parse("t_c", "second", 6, err, sizeof(err)) == 0);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		buf_reset(&b);
		CHECK(tmpl_render(&b, names[i], NULL, 0) == 0);
		CHECK_STR(buf_str(&b), names[i]);
	}
	CHECK(!tmpl_has("t_") && !tmpl_has("t_z") && !tmpl_has(""));
	buf_free(&b);
}

void
test_tmpl_errors(void)
{
	static const struct {
		const char	*text;
		const char	*err;
	} t[] = {
		{ "a {{name", "bad1:1: '{{' without '}}'" },
		{ "\n\n{{#if x}}", "bad2:3: block 'x' is never closed" },
		{ "{{/if}}", "bad3:1: '/if' does not close an open block" },
		{ "{{#if a}}{{/unless}}",
		    "bad4:1: '/unless' does not close an open block" },
		{ "{{Bad Name}}", "bad5:1: bad name in '{{Bad Name}}'" },
		{ "{{markup }}", "bad6:1: bad name in '{{markup }}'" },
		{ "{{}}", "bad7:1: bad name in '{{}}'" },
	};
	char	 name[16], err[256];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(name, sizeof(name), "bad%zu", i + 1);
		err[0] = '\0';
		CHECK(tmpl_parse(name, t[i].text, strlen(t[i].text), err,
		    sizeof(err)) == -1);
		CHECK_STR(err, t[i].err);
		CHECK(!tmpl_has(name));
	}
}
