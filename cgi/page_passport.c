/*
 * page_passport: the IRO passport's pages (see page_passport.h).
 *
 * The photo is sent only as Heard re-encoded it (img.c), as image/png
 * with no-store (every answer's headers, http.c) and nosniff; to staff
 * by account, and to a person answering a form only for their own
 * consultation's IRO (the visit cookie), so no address lists staff
 * photos for anyone who guesses numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asking.h"
#include "consult.h"
#include "img.h"
#include "log.h"
#include "page_admin.h"
#include "page_passport.h"
#include "passport.h"
#include "vocab.h"

const struct field passport_fields[PASS__N] = {
	[PASS_FIRST] = { "first_name", FS_BODY, FT_LINE, 400, NULL },
	[PASS_FACE] = { "face", FS_BODY, FT_LINE, 8, NULL },
	[PASS_ABOUT] = { "about", FS_BODY, FT_TEXT, 4000, NULL },
	[PASS_REMOVE] = { "remove_photo", FS_BODY, FT_WORD, 8, NULL },
	[PASS_SAVED] = { "saved", FS_QUERY, FT_UINT, 1, NULL },
};

const struct field passport_name_fields[PASS_NAME__N] = {
	[PASS_NAME_USER] = { "user", FS_BODY, FT_LINE, 60, NULL },
	[PASS_NAME_FIRST] = { "first_name", FS_BODY, FT_LINE, 400, NULL },
};

const struct field passport_photo_fields[PASS_PHOTO__N] = {
	[PASS_PHOTO_ID] = { "id", FS_QUERY, FT_UINT, 12, NULL },
};

/* The mistakes on the passport form, by field; NULL where none. */
struct pass_errs {
	const char	*first, *face, *about, *photo;
	char		 photo_why[PASSPORT_WHY];
};

/* One error summary line into items, for field id. */
static void
summary_item(struct buf *items, const char *id, const char *msg)
{
	char		 target[32];

	if (msg == NULL)
		return;
	snprintf(target, sizeof(target), "%s", id);
	struct tvar	 v[] = { TV("target", target), TV("msg", msg) };
	tmpl_render(items, "error_item", v, NVARS(v));
}

/*
 * Render the passport page for the signed-in member of staff: the form
 * with pp's values (or what was typed, when e has mistakes), and how a
 * child will see it.
 */
static void
show(struct resp *p, const struct session *s, const struct db_passport *pp,
    const struct pass_errs *e, const char *notice)
{
	struct buf	 faces = { 0 }, items = { 0 }, summary = { 0 };
	struct buf	 m = { 0 }, preview = { 0 };
	const struct vocab_word *w;
	struct asking	 a;
	char		 cur[24];
	size_t		 i;

	snprintf(cur, sizeof(cur), "%d", pp->face);
	for (i = 0; i < vocab_count(VOCAB_PASSPORT_FACE); i++) {
		w = vocab_at(VOCAB_PASSPORT_FACE, i);
		struct tvar fv[] = { TV("value", w->word), TV("label",
		    w->label), TV("checked", strcmp(w->word, cur) == 0 ?
		    "1" : NULL) };
		tmpl_render(&faces, "admin_passport_face", fv, NVARS(fv));
	}
	summary_item(&items, "first_name", e->first);
	summary_item(&items, "face-1", e->face);
	summary_item(&items, "about", e->about);
	summary_item(&items, "photo", e->photo);
	if (items.len > 0) {
		struct tvar sv[] = { TM("items", &items) };
		tmpl_render(&summary, "error_summary", sv, NVARS(sv));
	}
	/* How a child sees it: the child's own first-page words. */
	memset(&a, 0, sizeof(a));
	a.kind = ASK_CHILD;
	snprintf(a.iro.first_name, sizeof(a.iro.first_name), "%s",
	    pp->first_name);
	snprintf(a.iro.about, sizeof(a.iro.about), "%s", pp->about);
	/* No date: the preview is of no one review. */
	if (pp->photo)
		snprintf(a.picture, sizeof(a.picture),
		    "/admin/passport.png?id=%lld", (long long)s->who.id);
	else if (pp->face > 0)
		snprintf(a.picture, sizeof(a.picture),
		    "/static/img/passport-%d.svg", pp->face);
	/* Shown for what is saved, not for a form with mistakes. */
	if (!(e->first || e->face || e->about || e->photo))
		asking_head(&preview, &a, 1);
	struct tvar	 v[] = {
		TM("summary", &summary), TV("notice", notice),
		TV("csrf", s->csrf), TV("first_name", pp->first_name),
		TV("about", pp->about), TM("faces", &faces),
		TV("noface", pp->face == 0 ? "1" : NULL),
		TV("photo", pp->photo ? "1" : NULL), TV("id_photo",
		    pp->photo ? a.picture : NULL),
		TV("e_first", e->first), TV("e_face", e->face),
		TV("e_about", e->about), TV("e_photo", e->photo),
		TM("preview", &preview),
		TV("any_preview", preview.len > 0 ? "1" : NULL),
		TV("max_file", "200 KB"),
	};
	tmpl_render(&m, "admin_passport", v, NVARS(v));
	page_staff(p, s, items.len > 0 ? "Error: Your passport" :
	    "Your passport", &m);
	buf_free(&faces); buf_free(&items); buf_free(&summary);
	buf_free(&m); buf_free(&preview);
}

/* The raw value of body field k ("" when absent), kept when invalid. */
static const char *
typed(const struct req *r, const char *k)
{
	const char	*v = kv_get(&r->body, k);

	return v != NULL ? v : "";
}

/*
 * GET/POST /admin/passport (IROs and managers): their own passport.
 * A POST (multipart, for the photo) checks every field first and saves
 * nothing when one is wrong; a photo is decoded, checked and re-encoded
 * (img.c) and only its new PNG is kept.  Saved: back to the page with
 * ?saved=1.
 */
void
passport_page(struct req *r, struct resp *p, const struct session *s)
{
	const struct http_file *photo = http_file_get(&r->files, "photo");
	struct pass_errs e;
	struct db_passport pp;
	struct buf	 png = { 0 };
	int		 face = 0, rc;

	memset(&e, 0, sizeof(e));
	if (db_passport_get(s->who.id, &pp) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	if (r->method != HTTP_POST) {
		show(p, s, &pp, &e, r->in[PASS_SAVED] != NULL ?
		    "Your passport is saved." : NULL);
		return;
	}
	/* Checked from what was sent, so a mistake keeps what was typed. */
	e.first = r->in_err[PASS_FIRST] == FE_INVALID ?
	    "Enter the first name on one line" :
	    passport_first_check(typed(r, "first_name"));
	if (e.first == NULL && *typed(r, "first_name") == '\0')
		e.first = "Enter your first name, as children will call you";
	e.about = r->in_err[PASS_ABOUT] == FE_INVALID ?
	    "Write 300 characters or fewer about yourself" :
	    passport_about_check(typed(r, "about"));
	e.face = passport_face_check(typed(r, "face"), &face);
	/* The photo is decoded, checked and re-encoded here, once. */
	if (photo != NULL && photo->len > 0 && (r->files.n != 1 ||
	    img_photo((const unsigned char *)photo->data, photo->len, &png,
	    e.photo_why, sizeof(e.photo_why)) != 0))
		e.photo = e.photo_why[0] ? e.photo_why : "Choose one photo";
	if (e.first || e.about || e.face || e.photo) {
		snprintf(pp.first_name, sizeof(pp.first_name), "%s",
		    typed(r, "first_name"));
		snprintf(pp.about, sizeof(pp.about), "%s", typed(r, "about"));
		pp.face = face;
		p->status = 400;
		show(p, s, &pp, &e, NULL);
		goto out;
	}
	rc = passport_save(s->who.id, typed(r, "first_name"), face,
	    typed(r, "about"));
	if (rc == DB_OK && png.len > 0)
		rc = passport_photo_save(s->who.id, &png);
	else if (rc == DB_OK && r->in[PASS_REMOVE] != NULL && pp.photo)
		rc = passport_photo_save(s->who.id, NULL);
	if (rc != DB_OK)
		page_fail(p, __func__);
	else
		resp_redirect(p, "/admin/passport?saved=1");
out:
	buf_free(&png);
}

/*
 * POST /admin/staff/firstname (admins): set someone's first name, as
 * children and families will see it.  Answers with a short page that
 * says what changed and links back to the Staff page; a mistake is
 * explained next to the field with what was typed kept.
 */
void
passport_first_name(struct req *r, struct resp *p, const struct session *s)
{
	const char	*user = r->in[PASS_NAME_USER];
	const char	*first = typed(r, "first_name"), *err;
	struct buf	 m = { 0 };
	char		 done[160];
	int64_t		 id = 0;
	int		 rc;

	rc = user == NULL ? DB_NOTFOUND : db_passport_id(user, &id);
	if (rc == DB_ERR) {
		page_fail(p, __func__);
		return;
	}
	err = rc == DB_NOTFOUND ? "Choose someone on the Staff page" :
	    r->in_err[PASS_NAME_FIRST] == FE_INVALID ?
	    "Enter the first name on one line" : passport_first_check(first);
	if (err == NULL && passport_name_save(id, first) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	if (err == NULL)
		snprintf(done, sizeof(done), "%s", *first != '\0' ?
		    "Their first name is saved." :
		    "Their first name is removed.");
	struct tvar	 v[] = { TV("csrf", s->csrf), TV("user", user),
	    TV("first_name", first), TV("error", err),
	    TV("done", err == NULL ? done : NULL) };
	if (err != NULL)
		p->status = 400;
	tmpl_render(&m, "admin_passport_name", v, NVARS(v));
	page_staff(p, s, err != NULL ? "Error: First name" : "First name",
	    &m);
	buf_free(&m);
}

/*
 * Answer with the photo that db_passport_photo_get() gave (rc, png): the
 * PNG and nothing else, or a kind 404 saying why (none), or a failure
 * page.  Frees png.
 */
static void
send_photo(struct resp *p, int rc, struct buf *png, const char *none)
{
	if (rc == DB_OK && img_is_png((const unsigned char *)png->data,
	    png->len)) {
		p->ctype = "image/png";
		buf_reset(&p->body);
		buf_add(&p->body, png->data, png->len);
		resp_header(p, "Content-Disposition",
		    "inline; filename=\"iro.png\"");
	} else if (rc == DB_ERR)
		page_fail(p, __func__);
	else
		page_message(p, 404, "There is no photo", none, NULL);
	buf_free(png);
}

/* GET /admin/passport.png?id=N (staff): a member of staff's photo. */
void
passport_staff_photo(struct req *r, struct resp *p, const struct session *s)
{
	struct buf	 png = { 0 };
	int		 rc;

	(void)s;
	rc = r->in[PASS_PHOTO_ID] == NULL ? DB_NOTFOUND :
	    db_passport_photo_get(strtoll(r->in[PASS_PHOTO_ID], NULL, 10),
	    &png);
	send_photo(p, rc, &png, "This member of staff has no passport "
	    "photo.");
}

/*
 * GET /form/iro.png: the photo of the IRO of the visitor's own
 * consultation (the visit cookie), or 404.
 */
void
passport_form_photo(struct req *r, struct resp *p, const struct session *s)
{
	struct db_consult c;
	struct buf	 png = { 0 };
	int		 rc = DB_NOTFOUND;

	(void)s;
	enum consult_state cs = consult_visit(kv_get(&r->cookies,
	    COOKIE_VISIT), &c);

	if (cs == CS_LIVE || cs == CS_DONE)
		rc = c.iro_id > 0 ? db_passport_photo_get(c.iro_id, &png) :
		    DB_NOTFOUND;
	send_photo(p, rc, &png, "There is no picture here.");
}
