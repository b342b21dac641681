/*
 * page_letters: a letter for the post.  The link is drawn as a QR code,
 * never written out, and the letter carries the paper code, the reply-by
 * date and the whole form, blank, to answer on paper instead.
 */
#include <stdio.h>
#include <string.h>

#include "asking.h"
#include "forms.h"
#include "lang.h"
#include "log.h"
#include "outreach.h"
#include "page_letters.h"
#include "page_public.h"
#include "qr.h"
#include "tmpl.h"

/* A day as digits, 17/03/2027 (words are English), or "" for none. */
static void
digits(int32_t day, char dst[16])
{
	int	 y, m, d;

	dst[0] = '\0';
	if (day == CAL_NONE)
		return;
	cal_ymd_of(day, &y, &m, &d);
	snprintf(dst, 16, "%02d/%02d/%04d", d, m, y);
}

/*
 * The letter of letters_render() in the current language other than
 * English: each sentence translated whole, its name, date, address or
 * code isolated (<bdi>); the council's name and return address stay as
 * written.
 */
static void
translated(struct buf *out, const char *aud, const char *to, int32_t on,
    int32_t by, const char *base, const char *code, const struct buf *qr,
    const char *council, const char *address, const struct form *f,
    const struct buf *form)
{
	struct buf	 greet = { 0 }, about = { 0 }, tell = { 0 };
	struct buf	 scan = { 0 }, go = { 0 }, fill = { 0 }, send = { 0 };
	struct buf	 ref = { 0 };
	char		 d_on[16], d_by[16], url[600];
	int		 child = strcmp(aud, "child") == 0;

	digits(on, d_on);
	digits(by, d_by);
	snprintf(url, sizeof(url), "%s/code", base);
	if (to != NULL && *to != '\0')
		lang_fill(&greet, child ? "Hello {1}!" : "Hello {1},", to, NULL);
	else
		lang_fill(&greet, child ? "Hello!" : "Hello,", NULL, NULL);
	lang_fill(&about, child ? "You have a meeting about you on {1}. The "
	    "person who runs your meeting wants to know what you think." :
	    "Before the review on {1}, the Independent Reviewing Officer "
	    "would like to hear your views. It takes a few minutes.", d_on,
	    NULL);
	if (child)
		lang_fill(&tell, "Tell us about the good things, the things "
		    "that worry you, and your wishes. You can ask a grown-up to "
		    "help you.", NULL, NULL);
	if (*d_by != '\0') {
		buf_putc(child ? &tell : &about, ' ');
		lang_fill(child ? &tell : &about, child ? "Please do it by {1}." :
		    "Please reply by {1}.", d_by, NULL);
	}
	lang_fill(&scan, child ? "Scan this square with a phone's camera. It "
	    "opens your own form." : "Or scan this square with your phone's "
	    "camera: it opens your form.", NULL, NULL);
	lang_fill(&go, child ? "Or go to {1} and type this code:" :
	    "Go to {1} and type this code:", url, NULL);
	lang_fill(&fill, child ? "Or fill in the pages after this letter and "
	    "post them back." : "Or fill in the form below and send it back. "
	    "Your answers go to the IRO. Thank you.", NULL, NULL);
	lang_fill(&send, child ? "Send them to:" : "Send it to:", NULL, NULL);
	lang_fill(&ref, "Code {1}", code, NULL);
	struct tvar	 v[] = {
		TV("lang", lang_tag()), TV("dir", lang_dir()),
		TV("child", child ? "1" : NULL), TM("greet", &greet),
		TM("about", &about), TM("tell", &tell), TM("scan", &scan),
		TM("go", &go), TM("fill", &fill), TM("send", &send),
		TM("ref", &ref), TV("code", code), TM("qr", qr),
		TV("council", *council ? council : NULL),
		TV("return_address", *address ? address : NULL),
		TV("title", f != NULL ? lang_t(f->title) : ""),
		TM("form", form),
	};
	tmpl_render(out, "admin_letter_lang", v, NVARS(v));
	buf_free(&greet); buf_free(&about); buf_free(&tell); buf_free(&scan);
	buf_free(&go); buf_free(&fill); buf_free(&send); buf_free(&ref);
}

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
 * them, and the IRO's first name.  The letter is in the current
 * language (lang_use(): the caller sets the consultation's and sets
 * English back), its dates as digits there.
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
		struct tvar hv[] = { TV("heading",
		    lang_t(f->pages[i].heading)) };
		tmpl_render(&qs, "q_section", hv, NVARS(hv));
		pub_questions(&qs, &none, f, i, &empty, NULL, 0, 1);
	}
	if (day != CAL_NONE) {
		cal_words(day, on);
		cal_words(cal_add_workdays(cal, day, -1), by);
	}
	/* Only a base address too long for a QR code fails: the letter
	 * still has the code. */
	if (qr_svg(link, lang_t("QR code: scan it with a phone's camera to "
	    "open the form"), &qr) == -1)
		log_line("%s: no QR code for a link of %zu bytes", __func__,
		    strlen(link));
	outreach_setting("council", "", council, sizeof(council));
	outreach_setting("return_address", "", address, sizeof(address));
	/* Kept with '|' between lines (contact.c); printed one to a line. */
	for (i = 0; address[i] != '\0'; i++)
		if (address[i] == '|')
			address[i] = '\n';
	if (strcmp(lang_code(), "en") != 0) {
		translated(out, aud, to, day, day != CAL_NONE ?
		    cal_add_workdays(cal, day, -1) : CAL_NONE, base, code, &qr,
		    council, address, f, &qs);
		goto done;
	}
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
done:
	buf_free(&qs);
	buf_free(&none);
	buf_free(&qr);
	asking_free(&a);
}
