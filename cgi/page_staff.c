/*
 * page_staff: who can sign in, and adding someone (admins only).
 */
#include <string.h>

#include "forms.h"
#include "page_admin.h"
#include "page_staff.h"
#include "vocab.h"

const struct field staff_fields[STAFF__N] = {
	[STAFF_NAME] = { "username", FS_BODY, FT_LINE, 60, NULL },
	[STAFF_ROLE] = { "role", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_ROLE) },
	[STAFF_PASSWORD] = { "password", FS_BODY, FT_LINE, 1000, NULL },
};

/* One member of staff in the list. */
static int
staff_row(const void *row, void *arg)
{
	const struct db_staff *st = row;
	struct tvar	 v[] = { TV("name", st->username), TV("role", st->role),
	    TV("disabled", st->disabled ? "1" : NULL) };

	tmpl_render(arg, "admin_staff_row", v, NVARS(v));
	return 0;
}

/*
 * GET/POST /admin/staff: who can sign in, and adding someone.  The
 * password is set here once and hashed with argon2id; it is never shown.
 */
void
staff_manage(struct req *r, struct resp *p, const struct session *s)
{
	struct buf	 rows = { 0 }, m = { 0 }, roles = { 0 };
	const char	*name = r->in[STAFF_NAME], *role = r->in[STAFF_ROLE];
	const char	*pw = r->in[STAFF_PASSWORD], *err = NULL, *target = NULL;
	const char	*notice = NULL;
	char		 hash[CR_PWHASH_LEN];
	int64_t		 id;
	size_t		 i;

	if (r->method == HTTP_POST) {
		if (name == NULL || *name == '\0')
			err = "Enter a user name", target = "username";
		else if (role == NULL)
			err = "Choose a role", target = "role";
		else if (pw == NULL || form_chars(pw) < 10)
			err = "The password must be at least 10 characters",
			    target = "password";
		else if (cr_pw_hash(pw, hash) != 0) {
			page_fail(p, __func__);
			return;
		} else
			switch (db_staff_add(name, hash, role, &id)) {
			case DB_OK:
				db_audit(s->who.id, "user-add", name);
				notice = "They can sign in now.";
				name = NULL;
				break;
			case DB_EXISTS:
				err = "There is already someone with that user "
				    "name", target = "username";
				break;
			default:
				page_fail(p, __func__);
				return;
			}
	}
	for (i = 0; i < vocab_count(VOCAB_ROLE); i++)
		if (db_staff_each(vocab_at(VOCAB_ROLE, i)->word, staff_row,
		    &rows) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
	struct tvar	 v[] = { TV("csrf", s->csrf), TM("rows", &rows),
	    TV("error", err), TV("target", target), TV("notice", notice),
	    TV("username", name), TM("roles", &roles) };
	adm_options(&roles, VOCAB_ROLE, 0, err != NULL ? role : NULL);
	tmpl_render(&m, "admin_staff", v, NVARS(v));
	page_staff(p, s, err ? "Error: Staff" : "Staff", &m);
out:
	buf_free(&rows);
	buf_free(&roles);
	buf_free(&m);
}
