/*
 * vocab: each word list equals the schema's CHECK list for its column
 * (db/schema.sql and every migration, as compiled into the program), so
 * a word added in one place and not the other fails here; and the field
 * validator takes a list's words and nothing else.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "forms.h"
#include "http.h"
#include "vocab.h"

extern const char *const db_migrations[];
extern const size_t db_nmigrations;

#define MAX_WORDS	32
#define MAX_LISTS	32

/* One CHECK (column IN ('a', 'b', ...)) list found in the SQL. */
struct check_list {
	char	 column[64];		/* table.column */
	char	 words[MAX_WORDS][32];
	size_t	 n;
};

/* Skip spaces, tabs and newlines. */
static const char *
skip_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/*
 * Read the list that starts after "CHECK (" at s, in a table's
 * definition, into l.  Returns 1 for a "column IN (...)" list, 0 for any
 * other CHECK.
 */
static int
read_list(const char *table, const char *s, struct check_list *l)
{
	const char	*e;
	size_t		 n;

	memset(l, 0, sizeof(*l));
	s = skip_space(s);
	for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
		;
	if (n == 0 || strlen(table) + 1 + n >= sizeof(l->column))
		return 0;
	snprintf(l->column, sizeof(l->column), "%s.%.*s", table, (int)n, s);
	s = skip_space(s + n);
	if (strncmp(s, "IN", 2) != 0)
		return 0;
	s = skip_space(s + 2);
	if (*s != '(')
		return 0;
	for (s = skip_space(s + 1); *s == '\''; s = skip_space(s)) {
		if ((e = strchr(s + 1, '\'')) == NULL ||
		    (size_t)(e - s - 1) >= sizeof(l->words[0]) ||
		    l->n == MAX_WORDS)
			return 0;
		memcpy(l->words[l->n], s + 1, (size_t)(e - s - 1));
		l->n++;
		s = skip_space(e + 1);
		if (*s == ',')
			s++;
	}
	return *s == ')';
}

/*
 * The table whose CREATE TABLE or ALTER TABLE comes last before at in
 * sql, into table ("" if none).
 */
static void
table_before(const char *sql, const char *at, char table[32])
{
	const char	*p, *name = NULL;
	size_t		 n;

	for (p = sql; p < at; p++)
		if (strncmp(p, "CREATE TABLE ", 13) == 0)
			name = p + 13;
		else if (strncmp(p, "ALTER TABLE ", 12) == 0)
			name = p + 12;
	table[0] = '\0';
	if (name == NULL)
		return;
	for (n = 0; n < 31 && (isalnum((unsigned char)name[n]) ||
	    name[n] == '_'); n++)
		table[n] = name[n];
	table[n] = '\0';
}

/*
 * Every CHECK IN list of the schema and its migrations, later ones
 * replacing earlier ones for the same column (a migration that rebuilds
 * a table restates its lists).  Returns how many columns.
 */
static size_t
schema_lists(struct check_list *out, size_t max)
{
	struct check_list l;
	const char	*s;
	size_t		 i, j, n = 0;

	char		 table[32];

	for (i = 0; i < db_nmigrations; i++)
		for (s = db_migrations[i]; (s = strstr(s, "CHECK (")) != NULL;
		    s += 7) {
			table_before(db_migrations[i], s, table);
			if (!read_list(table, s + 7, &l))
				continue;
			for (j = 0; j < n; j++)
				if (strcmp(out[j].column, l.column) == 0)
					break;
			if (j == max)
				continue;
			out[j] = l;
			if (j == n)
				n++;
		}
	return n;
}

/* Does a vocabulary's space-separated list of columns hold column? */
static int
holds(const char *columns, const char *column)
{
	size_t	 n = strlen(column);
	const char *p;

	for (p = columns; (p = strstr(p, column)) != NULL; p += n)
		if ((p == columns || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* The vocabulary kept in a schema column (table.column), or VOCAB__N. */
static enum vocab_list
list_of(const char *column)
{
	int	 i;

	for (i = 0; i < VOCAB__N; i++)
		if (vocab_lists[i].column != NULL &&
		    holds(vocab_lists[i].column, column))
			return (enum vocab_list)i;
	return VOCAB__N;
}

void
test_vocab_schema(void)
{
	struct check_list lists[MAX_LISTS];
	enum vocab_list	 v;
	size_t		 n, i, j;
	int		 seen[VOCAB__N] = { 0 };

	n = schema_lists(lists, MAX_LISTS);
	CHECK(n >= 7);
	for (i = 0; i < n; i++) {
		if ((v = list_of(lists[i].column)) == VOCAB__N) {
			fprintf(stderr, "schema: CHECK list of column %s has "
			    "no vocabulary in cgi/vocab.c\n", lists[i].column);
			CHECK(!"every CHECK list has a vocabulary");
			continue;
		}
		seen[v] = 1;
		for (j = 0; j < lists[i].n; j++)
			if (vocab_find(v, lists[i].words[j]) == NULL) {
				fprintf(stderr, "schema: %s '%s' is not in "
				    "cgi/vocab.c\n", lists[i].column,
				    lists[i].words[j]);
				CHECK(!"schema word in vocabulary");
			}
		if (vocab_count(v) != lists[i].n) {
			fprintf(stderr, "schema: %s has %zu words, cgi/vocab.c "
			    "%zu\n", lists[i].column, lists[i].n,
			    vocab_count(v));
			CHECK(vocab_count(v) == lists[i].n);
		}
	}
	for (i = 0; i < VOCAB__N; i++)
		if (!seen[i] && vocab_lists[i].column != NULL) {
			fprintf(stderr, "vocab: column %s has no CHECK list "
			    "in the schema\n", vocab_lists[i].column);
			CHECK(seen[i]);
		}
}

void
test_vocab_words(void)
{
	const struct vocab_word *w;
	size_t		 i, j;
	int		 l;

	for (l = 0; l < VOCAB__N; l++)
		for (i = 0; i < vocab_count(l); i++) {
			w = vocab_at(l, i);
			CHECK(w != NULL && w->word != NULL &&
			    w->label != NULL && *w->label != '\0');
			CHECK(vocab_index(l, w->word) == (int)i);
			for (j = 0; j < i; j++)
				CHECK(strcmp(vocab_at(l, j)->word,
				    w->word) != 0);
		}
	CHECK(vocab_at(VOCAB_ROLE, 3) == NULL);
	CHECK(vocab_find(VOCAB_ROLE, NULL) == NULL);
	CHECK(vocab_find(VOCAB_ROLE, "Admin") == NULL);
	CHECK_STR(vocab_at(VOCAB_ROLE, VR_ADMIN)->word, "admin");
	CHECK_STR(vocab_at(VOCAB_ROLE, VR_IRO)->word, "iro");
	CHECK_STR(vocab_at(VOCAB_ROLE, VR_MANAGER)->word, "manager");
	/* forms.c keeps one form per audience, in this order. */
	CHECK(vocab_count(VOCAB_AUDIENCE) == FORM_NAUDIENCES);
	CHECK_STR(vocab_label(VOCAB_AUDIENCE, "parent"),
	    "Consultation form for parents");
	CHECK_STR(vocab_label(VOCAB_AUDIENCE, "uncle"), "uncle");
	CHECK(form_audience_index("child") == 0);
	for (i = 0; i < vocab_count(VOCAB_AUDIENCE); i++) {
		w = vocab_at(VOCAB_AUDIENCE, i);
		CHECK(vocab_is_childs(w->word) == (strcmp(w->word, "child") ==
		    0 || strcmp(w->word, "young_person") == 0 ||
		    strcmp(w->word, "care_leaver") == 0));
		CHECK(vocab_is_feedback(w->word) ==
		    (strncmp(w->word, "feedback_", 9) == 0));
	}
	CHECK(!vocab_is_childs("uncle") && !vocab_is_feedback(NULL));
	for (i = 0; i < vocab_count(VOCAB_PARTICIPATION); i++)
		CHECK(vocab_at(VOCAB_PARTICIPATION, i)->meaning != NULL);
	CHECK(vocab_flag(VOCAB_REVIEW_STATUS, "cancelled", VW_ENDED));
	CHECK(vocab_flag(VOCAB_REVIEW_STATUS, "stood_down", VW_ENDED));
	CHECK(!vocab_flag(VOCAB_REVIEW_STATUS, "rearranged", VW_ENDED));
	CHECK(vocab_flag(VOCAB_RETURN_CHANNEL, "paper", VW_BY_STAFF));
	CHECK(!vocab_flag(VOCAB_RETURN_CHANNEL, "online", VW_BY_STAFF));
}

void
test_vocab_fields(void)
{
	static const struct field f[] = {
		{ "channel", FS_BODY, FT_VOCAB, 0,
		    VOCAB(VOCAB_SEND_CHANNEL) },
		{ "code", FS_BODY, FT_VOCAB, 0, VOCAB(VOCAB_PARTICIPATION) },
		{ "role", FS_BODY, FT_VOCAB, 0, VOCAB(VOCAB_ROLE) },
		{ "type", FS_BODY, FT_VOCAB, 0, VOCAB(VOCAB_REVIEW_TYPE) },
		{ "back", FS_BODY, FT_VOCAB, 0, VOCAB(VOCAB_RETURN_CHANNEL) },
	};
	struct req	 r;
	const char	*body = "channel=post&code=PN8&role=ADMIN&type=cic%00"
	    "&back=phone";

	memset(&r, 0, sizeof(r));
	http_parse_urlencoded(body, strlen(body), &r.body);
	http_validate(&r, f, 5);
	CHECK_STR(r.in[0], "post");
	CHECK(r.in[1] == NULL && r.in_err[1] == FE_INVALID);
	CHECK(r.in[2] == NULL && r.in_err[2] == FE_INVALID);
	CHECK(r.in[3] == NULL && r.in_err[3] == FE_INVALID);
	CHECK_STR(r.in[4], "phone");
	req_free(&r);
	memset(&r, 0, sizeof(r));
	http_parse_urlencoded("code=PN6&code=PN6", 17, &r.body);
	http_validate(&r, f, 5);
	CHECK(r.in_err[0] == FE_MISSING && r.in_err[1] == FE_DUPLICATE);
	req_free(&r);
}
