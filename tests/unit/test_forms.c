/*
 * Unit tests for forms.c: every mistake a council might make in a
 * form definition is reported with file:line; answers are validated,
 * kept as typed, and encoded losslessly.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "forms.h"

#define HEAD "form: parent\ntitle: T\npage: P\n"

void
test_forms_parse_errors(void)
{
	static const struct {
		const char	*text;
		const char	*err;
	} t[] = {
		{ "title: T\npage: P\nq: a\ntype: short\nlabel: L\n",
		    "f:2: 'form:' and 'title:' must come before the first page" },
		{ "form: nobody\n", "f:1: 'nobody' is not an audience" },
		{ HEAD "q: a\ntype: short\n", "f:4: question has no 'label:'" },
		{ HEAD "q: a\nlabel: L\n", "f:4: question has no 'type:'" },
		{ HEAD "q: a\ntype: essay\n", "f:5: unknown type 'essay' "
		    "(short, long, one, many, feelings, yesno, date)" },
		{ HEAD "q: Bad-Id\n", "f:4: question id 'Bad-Id' must be 1 to "
		    "32 of a-z, 0-9 and _" },
		{ HEAD "q: a\ntype: short\nlabel: L\nq: a\n",
		    "f:7: question id 'a' is used twice" },
		{ HEAD "q: a\ntype: short\nlabel: L\noption: x | X\n",
		    "f:7: 'option:' is only for 'one' and 'many' questions "
		    "(put it after 'type:')" },
		{ HEAD "q: a\ntype: one\nlabel: L\noption: x | X\n",
		    "f:4: a 'one' or 'many' question needs at least two "
		    "options" },
		{ HEAD "q: a\ntype: one\nlabel: L\noption: x\n",
		    "f:7: write an option as 'VALUE | TEXT'" },
		{ HEAD "q: a\ntype: one\nlabel: L\noption: x | X\n"
		    "option: x | Y\n", "f:8: option value 'x' is used twice" },
		{ HEAD "q: a\ntype: one\nlabel: L\noption: x | X | ../x.svg\n",
		    "f:7: picture '../x.svg' must be a .svg file name in "
		    "static/img" },
		{ HEAD "q: a\ntype: yesno\nlabel: L\npage: Q\nq: b\n"
		    "type: short\nlabel: M\nshow-if: a = maybe\n",
		    "f:8: show-if names a value the question does not offer" },
		{ HEAD "q: a\ntype: yesno\nlabel: L\nshow-if: a = yes\n",
		    "f:4: show-if must name a question on an earlier page" },
		{ HEAD "q: a\ntype: short\nlabel: L\npage: Q\nq: b\n"
		    "type: short\nlabel: M\nshow-if: a = x\n",
		    "f:8: show-if must name a choice question" },
		{ HEAD "q: a\ntype: short\nmax: 0\n",
		    "f:6: 'max:' must be a number from 1 to 20000" },
		{ HEAD "q: a\ntype: short\nlabel: L\ncolour: red\n",
		    "f:7: unknown key 'colour'" },
		{ HEAD "label: L\n",
		    "f:4: 'label' must belong to a question ('q:')" },
		{ HEAD "q: a\ntype: short\nlabel:\n", "f:6: 'label:' has no "
		    "value" },
		{ HEAD "justtext\n", "f:4: expected 'key: value', found "
		    "'justtext'" },
		{ "form: parent\ntitle: T\n", "f:2: a form needs at least one "
		    "'page:'" },
		{ HEAD "page: Empty\nq: a\ntype: short\nlabel: L\n",
		    "f:0: page 'P' has no questions" },
		{ HEAD "brief: Who they want\n",
		    "f:4: 'brief' must belong to a question ('q:')" },
		{ HEAD "q: a\ntype: short\nlabel: L\nbrief: X\nbrief: Y\n",
		    "f:8: 'brief:' given twice" },
		{ HEAD "q: a\ntype: short\nlabel: L\nbrief: "
		    "0123456789012345678901234567890123456789012345678901234567890\n",
		    "f:7: 'brief:' must be at most 60 characters" },
	};
	struct form	 f;
	char		 err[256];
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		err[0] = '\0';
		CHECK(form_parse("f", t[i].text, strlen(t[i].text), NULL, &f,
		    err, sizeof(err)) == -1);
		CHECK_STR(err, t[i].err);
		CHECK(f.nq == 0 && f.qs == NULL);	/* freed */
	}
}

/* The forms Heard ships must load and cover every audience. */
void
test_forms_shipped(void)
{
	char		 err[512] = "";
	const struct form *f;
	size_t		 i, q, np = 0;
	struct kvlist	 none = { 0 };
	int		 a;

	CHECK(form_load_dir("templates/forms", "static/img", err,
	    sizeof(err)) == 0);
	if (err[0] != '\0')
		fprintf(stderr, "%s\n", err);
	for (a = 0; a < FORM_NAUDIENCES; a++) {
		f = form_get(vocab_at(VOCAB_AUDIENCE, a)->word);
		CHECK(f != NULL);
		if (f == NULL)
			continue;
		CHECK(f->nq > 0 && f->title != NULL);
		if (a == 0) {
			/* The child's form: nothing required, big style. */
			CHECK(f->child_style);
			CHECK(f->npages >= 4);
			for (q = 0; q < f->nq; q++) {
				CHECK(!f->qs[q].required);
				np += f->qs[q].private;
			}
			CHECK(np >= 1);
			/* Retired questions are never asked again. */
			for (q = 0; q < f->nq; q++)
				if (strcmp(f->qs[q].id, "worry_help") == 0) {
					CHECK(f->qs[q].retired);
					CHECK(!form_shown(f, q, &none));
				} else if (strcmp(f->qs[q].id, "who") == 0)
					CHECK(!f->qs[q].retired &&
					    form_shown(f, q, &none));
		}
		if (vocab_flag(VOCAB_AUDIENCE, f->audience, VW_CHILDS) &&
		    !vocab_is_feedback(f->audience)) {
			/* The IRO's summary: each child's own form names
			 * what it feeds (who, where, chair, advocate, the
			 * private answer). */
			size_t nb = 0, npb = 0;
			for (q = 0; q < f->nq; q++) {
				nb += f->qs[q].brief != NULL;
				npb += f->qs[q].brief != NULL &&
				    f->qs[q].private;
			}
			CHECK(nb >= 4 && npb == 1);
		}
		for (i = 0; i < f->nq; i++)
			CHECK(f->qs[i].label[0] != '\0');
	}
	form_free_all();
	CHECK(form_get("child") == NULL);
}

static const char test_form[] =
    "form: parent\ntitle: T\n"
    "page: One\n"
    "q: name\ntype: short\nlabel: Name\nrequired\nmax: 5\n"
    "q: how\ntype: one\nlabel: How\noption: good | Good\noption: bad | Bad\n"
    "q: who\ntype: many\nlabel: Who\noption: mum | Mum\noption: dad | Dad\n"
    "q: when\ntype: date\nlabel: When\n"
    "q: feel\ntype: feelings\nlabel: Feel\n"
    "page: Two\n"
    "q: why\ntype: long\nlabel: Why\nrequired\nshow-if: how = bad\n"
    "q: more\ntype: long\nlabel: More\n";

void
test_forms_validate(void)
{
	struct form	 f;
	struct kvlist	 body = { 0 }, ans = { 0 };
	struct form_error e[16];
	char		 err[256];
	const char	*b;
	size_t		 n;

	CHECK(form_parse("t", test_form, strlen(test_form), NULL, &f, err,
	    sizeof(err)) == 0);

	/* Everything wrong at once: every error found, everything kept. */
	b = "name=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9&how=evil&who=mum"
	    "&who=dad&when-day=31&when-month=2&when-year=2024&feel=9";
	http_parse_urlencoded(b, strlen(b), &body);
	n = form_read_page(&f, 0, &body, &ans, e, 16);
	CHECK(n == 4);
	CHECK(n == 4 && e[0].q == 0 && strstr(e[0].msg, "too long") != NULL);
	CHECK(n == 4 && e[1].q == 1);
	CHECK(n == 4 && e[2].q == 3 && strstr(e[2].msg, "real date") != NULL);
	CHECK(n == 4 && e[3].q == 4);
	CHECK(kv_count(&ans, "who") == 2);
	CHECK_STR(kv_get(&ans, "when-day"), "31");
	CHECK_STR(kv_get(&ans, "name"), "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9");
	kv_free(&body);

	/* Five characters of emoji are five, not twenty bytes. */
	b = "name=%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80"
	    "&how=bad&when-day=29&when-month=2&when-year=2024&feel=5";
	http_parse_urlencoded(b, strlen(b), &body);
	n = form_read_page(&f, 0, &body, &ans, e, 16);
	CHECK(n == 0);
	CHECK_STR(kv_get(&ans, "when"), "2024-02-29");
	CHECK(kv_get(&ans, "when-day") == NULL);
	CHECK(kv_count(&ans, "who") == 0);	/* unticked: gone */
	kv_free(&body);

	/* how=bad shows the required "why"; sending checks it. */
	CHECK(form_page_shown(&f, 1, &ans));
	n = form_check_all(&f, &ans, e, 16);
	CHECK(n == 1 && e[0].q == 5);
	/* A bad byte in one answer: that answer is flagged, others kept. */
	b = "why=%FF&more=kept%0D%0Aline";
	http_parse_urlencoded(b, strlen(b), &body);
	n = form_read_page(&f, 1, &body, &ans, e, 16);
	CHECK(n == 1 && e[0].q == 5);
	CHECK_STR(kv_get(&ans, "more"), "kept\nline");
	kv_free(&body);

	/* how=good hides "why": its answer is dropped when sending. */
	kv_add(&ans, "why", 3, "secret", 6, KV_OK);
	free(ans.v[1].val);
	ans.v[1].val = strdup("good");
	CHECK(strcmp(ans.v[1].key, "how") == 0);
	n = form_check_all(&f, &ans, e, 16);
	CHECK(n == 0);
	CHECK(kv_get(&ans, "why") == NULL);

	/* Required and blank. */
	body.n = 0;
	http_parse_urlencoded("name=+++", 8, &body);
	n = form_read_page(&f, 0, &body, &ans, e, 16);
	CHECK(n == 1 && e[0].q == 0 && strstr(e[0].msg, "Enter") != NULL);
	kv_free(&body);
	kv_free(&ans);
	form_free(&f);
}

void
test_forms_encode(void)
{
	struct kvlist	 a = { 0 }, b = { 0 };
	struct buf	 out = { 0 };
	const char	*hard = "a&b=c%d+e\n\xd7\xa9\xd7\x9c \xf0\x9f\x98\x80 "
	    "<script>'\"";
	size_t		 i;

	kv_add(&a, "x", 1, hard, strlen(hard), KV_OK);
	kv_add(&a, "who", 3, "mum", 3, KV_OK);
	kv_add(&a, "who", 3, "dad", 3, KV_OK);
	kv_add(&a, "empty", 5, "", 0, KV_OK);
	form_encode(&a, &out);
	CHECK(http_parse_urlencoded(buf_str(&out), out.len, &b) == 0);
	CHECK(a.n == b.n);
	for (i = 0; i < a.n && i < b.n; i++) {
		CHECK_STR(a.v[i].key, b.v[i].key);
		CHECK_STR(a.v[i].val, b.v[i].val);
	}
	CHECK(form_chars("\xf0\x9f\x98\x80" "a\xc3\xa9") == 3);
	kv_free(&a);
	kv_free(&b);
	buf_free(&out);
}
