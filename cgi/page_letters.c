/*
 * page_letters: a letter for the post.  The link is drawn as a QR code,
 * never written out, and the letter carries the paper code, the reply-by
 * date and the whole form, blank, to answer on paper instead.
 */
#include <string.h>

#include "asking.h"
#include "forms.h"
#include "log.h"
#include "outreach.h"
#include "page_letters.h"
#include "page_public.h"
#include "qr.h"
#include "tmpl.h"

/*
 * Append a letter to out: how to answer online, with the QR code of the
 * person's own link and the paper code, the reply-by date (the working
 * day before the review, from cal), the service's name and return
 * address (settings, left out when not set), and the whole form, blank,
 * to answer on paper (print styles show only letters, one to a page).
 * to may be NULL or empty (the greeting is then "Hello,"); date is the
 * review's YYYY-MM-DD.  A child's letter (audience "child") is written
 * for a child, with the Three Houses pictures and the IRO's passport.
 * review and iro (0: none) say who is asking about whom (asking.c):
 * the child's first name and reference to the audiences that may see
 * them, and the IRO's first name.
 */
void
letters_render(struct buf *out, const struct cal *cal, const char *aud,
    const char *to, const char *date, const char *base, const char *link,
    const char *code, int64_t review, int64_t iro)
{
	const struct form *f = form_get(aud);
	struct buf	 qs = { 0 }, none = { 0 }, qr = { 0 };
	struct kvlist	 empty = { 0 };
	char		 on[CAL_WORDS_LEN] = "", by[CAL_WORDS_LEN] = "";
	char		 council[256], address[600];
	int32_t		 day = cal_parse(date);
	size_t		 i;
	struct asking	 a;

	asking_of(aud, review, iro, 1, &a);

	for (i = 0; f != NULL && i < f->npages; i++) {
		struct tvar hv[] = { TV("heading", f->pages[i].heading) };
		tmpl_render(&qs, "q_section", hv, NVARS(hv));
		pub_questions(&qs, &none, f, i, &empty, NULL, 0, 1);
	}
	if (day != CAL_NONE) {
		cal_words(day, on);
		cal_words(cal_add_workdays(cal, day, -1), by);
	}
	/* Only a base address too long for a QR code fails: the letter
	 * still has the code. */
	if (qr_svg(link, "QR code: scan it with a phone's camera to open "
	    "the form", &qr) == -1)
		log_line("%s: no QR code for a link of %zu bytes", __func__,
		    strlen(link));
	outreach_setting("council", "", council, sizeof(council));
	outreach_setting("return_address", "", address, sizeof(address));
	/* Kept with '|' between lines (contact.c); printed one to a line. */
	for (i = 0; address[i] != '\0'; i++)
		if (address[i] == '|')
			address[i] = '\n';
	struct tvar	 v[] = { TV("to", to), TV("date", *on ? on : date),
	    TV("reply_by", by), TV("base", base), TV("code", code),
	    TM("qr", &qr), TV("council", *council ? council : NULL),
	    TV("return_address", *address ? address : NULL),
	    TV("title", f != NULL ? f->title : ""), TM("form", &qs),
	    TV("child", a.child.len ? buf_str(&a.child) : NULL),
	    TV("ref", a.ref[0] ? a.ref : NULL),
	    TV("iro", a.iro.first_name[0] ? a.iro.first_name : NULL),
	    TV("about", a.iro.about[0] ? a.iro.about : NULL),
	    TV("picture", a.picture[0] ? a.picture : NULL),
	    TV("k_pro", a.kind == ASK_PRO ? "1" : NULL),
	    TV("k_young", a.kind == ASK_YOUNG ? "1" : NULL) };
	/* A child's letter is in a child's words, with the Three Houses. */
	tmpl_render(out, strcmp(aud, "child") == 0 ? "admin_letter_child" :
	    "admin_letter", v, NVARS(v));
	buf_free(&qs);
	buf_free(&none);
	buf_free(&qr);
	asking_free(&a);
}
