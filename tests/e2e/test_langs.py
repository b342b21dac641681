"""Forms in the languages children in care speak (issue 17 items 2-4):
?lang=CODE on the first page picks a language and it sticks to the
consultation; the admin can set one when issuing; pages say lang and dir;
staff see the language a form was answered in; each translation's status
is signed off by a manager or admin, audited."""
import html
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time

from harness import ROOT, Client, Heard, parse_form
from test_admin import csrf_of, sign_in, staff
from test_finish import post
from test_links import open_link, start_form


def html_attrs(body):
    """The page's lang and dir (English says no dir: left to right)."""
    m = re.search(r'<html lang="([^"]*)"(?: dir="([^"]*)")?>', body)
    assert m, body[:200]
    assert (m.group(2) is None) == (m.group(1) == "en-GB"), m.group(0)
    return m.group(1), m.group(2) or "ltr"


def test_lang_link_sticks_to_the_consultation(h):
    cid, link, c, page = start_form(h, "child")
    r = c.get("/form")
    assert html_attrs(r.body) == ("en-GB", "ltr")
    # The first page offers every language, each named in itself.
    for code, name in (("ar", "العربية"), ("ti", "ትግርኛ"), ("cy", "Cymraeg"),
                       ("prs", "دری"), ("ps", "پښتو"), ("ckb", "کوردیی سۆرانی"),
                       ("vi", "Tiếng Việt"), ("sq", "Shqip"), ("am", "አማርኛ")):
        assert f'href="/form?p=1&amp;lang={code}" lang="{code}" hreflang="{code}"' in r.body, code
        assert f">{name}</a>" in r.body, name
    r = c.get("/form?p=1&lang=ar")
    assert r.status == 200
    assert html_attrs(r.body) == ("ar", "rtl")
    assert "رأيي" in r.body and "My views" not in r.body
    # The numbers of the progress line are isolated inside the Arabic.
    assert "الصفحة <bdi>1</bdi> من <bdi>" in r.body
    # It sticks: the next page, a new browser on the same link, the
    # database, and the thank-you page.
    r = post(c, parse_form(r.body), "next")
    r = c.get(r.header("Location"))
    assert html_attrs(r.body) == ("ar", "rtl") and "أشياء جيدة" in r.body
    c2 = Client(h)
    open_link(c2, link)
    r = c2.get("/form?p=1")
    assert html_attrs(r.body) == ("ar", "rtl")
    con = sqlite3.connect(h.db)
    assert con.execute("SELECT lang FROM consultation WHERE id = ?", (cid,)).fetchone()[0] == "ar"
    r = c.get("/form?check=1")
    assert "راجع إجاباتك" in r.body
    r = post(c, parse_form(r.body), "send")
    assert r.status == 303
    r = c.get("/form")
    assert html_attrs(r.body) == ("ar", "rtl")
    assert "شكرًا لك! وصلتنا إجاباتك" in r.body
    # Back to English, chosen the same way.
    cid2, link2, _ = h.issue(h.review(child="REF-2"), "child")
    c3 = Client(h)
    open_link(c3, link2)
    r = c3.get("/form?p=1&lang=ti")
    assert html_attrs(r.body) == ("ti", "ltr") and "ናተይ ሓሳብ" in r.body
    r = c3.get("/form?p=1&lang=en")
    assert html_attrs(r.body) == ("en-GB", "ltr") and "My views" in r.body
    assert con.execute("SELECT lang FROM consultation WHERE id = ?", (cid2,)).fetchone()[0] is None


def test_lang_unknown_code_is_refused_and_uncovered_form_ignored(h):
    cid, link, c, page = start_form(h, "parent")
    # A code outside the list never reaches the handler: English.
    r = c.get("/form?p=1&lang=xx")
    assert r.status == 200 and html_attrs(r.body) == ("en-GB", "ltr")
    # The parent's form is not translated: no links, the choice ignored.
    r = c.get("/form?p=1")
    assert "lang=ar" not in r.body
    r = c.get("/form?p=1&lang=ar")
    assert r.status == 200 and html_attrs(r.body) == ("en-GB", "ltr")
    con = sqlite3.connect(h.db)
    assert con.execute("SELECT lang FROM consultation WHERE id = ?", (cid,)).fetchone()[0] is None


def test_lang_set_by_the_admin_at_issue(h):
    rid = h.review()
    cid, link, _ = h.issue(rid, "child", "--lang", "vi")
    c = Client(h)
    open_link(c, link)
    r = c.get("/form")
    assert html_attrs(r.body) == ("vi", "ltr") and "Ý kiến của em" in r.body
    # A language that does not cover the form is refused at issue.
    p = h.ctl("issue", "--review", str(rid), "--audience", "parent", "--lang", "vi", check=False)
    assert p.returncode != 0 and "do not cover the parent form" in p.stderr
    p = h.ctl("issue", "--review", str(rid), "--audience", "child", "--lang", "xx", check=False)
    assert p.returncode != 0


def test_lang_staff_see_the_language_and_answers_as_written(h):
    staff(h, "iro1", "iro")
    staff(h, "adm", "admin")
    rid = h.review(child="KID-1", iro="iro1")
    adm, _ = sign_in(h, "adm")
    r = adm.get(f"/admin/review?id={rid}")
    # The admin chooses a language when asking for views: the child's
    # form takes it, the parent's (not translated) stays English.
    assert '<option value="ar">Arabic</option>' in r.body
    r = adm.post(f"/admin/review/issue?id={rid}", {
        "csrf": csrf_of(r.body), "aud": ["child", "parent"], "channel": "hand", "lang": "ar"})
    assert r.status == 200
    links = re.findall(r"(/c/[A-Za-z0-9_-]{43})", r.body)
    con = sqlite3.connect(h.db)
    langs = dict(con.execute("SELECT audience, lang FROM consultation WHERE review_id = ?", (rid,)))
    assert langs == {"child": "ar", "parent": None}
    c = Client(h)
    open_link(c, links[0])
    r = c.get("/form")
    assert html_attrs(r.body) == ("ar", "rtl")
    page = parse_form(r.body)
    r = post(c, page, "next")
    page = parse_form(c.get("/form?p=2").body)
    r = post(c, page, "next", good_things="أحب مدرستي Mr Smith")
    r = c.get("/form?check=1")
    r = post(c, parse_form(r.body), "send")
    assert r.status == 303
    # The review page says the language; the IRO reads the answer as
    # written, in a cell that finds its own direction.
    r = adm.get(f"/admin/review?id={rid}")
    assert 'In Arabic (<span lang="ar" dir="rtl">العربية</span>)' in r.body
    iro, _ = sign_in(h, "iro1")
    r = iro.get(f"/admin/answers?review={rid}")
    assert r.status == 200
    assert "Answered in Arabic" in r.body
    assert '<dd class="answer" dir="auto">أحب مدرستي Mr Smith</dd>' in r.body
    # The questions stay in English for the IRO.
    assert "Any more good things?" in r.body


def test_lang_status_signed_off_audited_and_role_checked(h):
    staff(h, "adm", "admin")
    staff(h, "iro1", "iro")
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    r = boss.get("/admin/languages")
    assert r.status == 200
    assert r.body.count("Draft, not yet checked by an interpreter") == 9
    # An IRO can neither see nor change it.
    iro, r2 = sign_in(h, "iro1")
    assert iro.get("/admin/languages").status == 404
    r3 = iro.post("/admin/languages/status", {"csrf": csrf_of(iro.get("/admin/reviews").body),
                                               "code": "ar", "status": "checked"})
    assert r3.status == 404
    con = sqlite3.connect(h.db)
    assert con.execute("SELECT count(*) FROM lang_status").fetchone()[0] == 0
    # Without the CSRF token: refused.
    assert boss.post("/admin/languages/status", {"code": "ar", "status": "checked"}).status == 403
    r = boss.post("/admin/languages/status", {"csrf": csrf_of(r.body), "code": "ar",
                                              "status": "checked"})
    assert r.status == 200
    assert "The Arabic translation is signed off as checked." in r.body
    assert "Signed off by boss on " in r.body
    assert r.body.count("Draft, not yet checked by an interpreter") == 8
    row = con.execute("SELECT l.status, s.username FROM lang_status l JOIN staff s "
                      "ON s.id = l.staff_id WHERE code = 'ar'").fetchone()
    assert row == ("checked", "boss")
    audit = con.execute("SELECT a.action, a.subject, s.username FROM audit a JOIN staff s "
                        "ON s.id = a.staff_id WHERE a.action = 'lang-status'").fetchall()
    assert audit == [("lang-status", "ar checked", "boss")]
    # An admin may too; and the command line sees and changes the same.
    adm, r = sign_in(h, "adm")
    r = adm.get("/admin/languages")
    assert r.status == 200 and "Signed off by boss" in r.body
    out = h.ctl("lang", "status").stdout
    assert "ar\tArabic\tchecked\tsigned off by boss on " in out
    assert "ti\tTigrinya\tdraft\tDraft, not yet checked by an interpreter" in out
    h.ctl("lang", "status", "ar", "draft")
    assert "ar\tArabic\tdraft" in h.ctl("lang", "status").stdout
    assert con.execute("SELECT count(*) FROM audit WHERE action = 'lang-status' "
                       "AND subject = 'ar draft' AND actor LIKE 'heardctl%'").fetchone()[0] == 1


def test_lang_young_person_care_leaver_and_code_page(h):
    rid = h.review()
    for aud, code, words in (("young_person", "sq", "Mendimet e tua para rishikimit"),
                             ("care_leaver", "cy", "Dy farn cyn adolygiad dy Gynllun Llwybr"),
                             ("care_leaver", "ps", "ستا نظر د لارې د پلان د بیاکتنې مخکې")):
        _, link, _ = h.issue(rid, aud, "--lang", code)
        c = Client(h)
        open_link(c, link)
        r = c.get("/form")
        assert html_attrs(r.body)[0] == code and words in r.body, (aud, code)
    # The code page offers the languages too; the choice rides with the
    # code and sticks to the consultation it opens.
    cid, _, paper = h.issue(rid, "child")
    c = Client(h)
    r = c.get("/code?lang=am")
    assert html_attrs(r.body) == ("am", "ltr") and "በደብዳቤዎ ላይ ያለውን ኮድ ይጻፉ" in r.body
    page = parse_form(r.body)
    assert page.hidden["lang"] == "am"
    r = c.post("/code", {"csrf": page.hidden["csrf"], "lang": "am", "code": "nonsense"})
    assert html_attrs(r.body) == ("am", "ltr") and "ኮዱ 12 ፊደሎችና ቁጥሮች አሉት" in r.body
    r = c.post("/code", {"csrf": page.hidden["csrf"], "lang": "am", "code": paper})
    assert r.status == 303
    r = c.get("/form")
    assert html_attrs(r.body) == ("am", "ltr")
    con = sqlite3.connect(h.db)
    assert con.execute("SELECT lang FROM consultation WHERE id = ?", (cid,)).fetchone()[0] == "am"


def test_lang_letters_in_the_forms_language(h):
    staff(h, "adm", "admin")
    rid = h.review(child="POST-1", date="2030-05-28")
    adm, _ = sign_in(h, "adm")
    r = adm.get(f"/admin/review?id={rid}")
    r = adm.post(f"/admin/review/issue?id={rid}", {
        "csrf": csrf_of(r.body), "aud": ["child", "young_person", "parent"], "channel": "post",
        "to": "Sam", "lang": "ar"})
    assert r.status == 200
    letters = re.findall(r'<section class="letter[^"]*".*?</section>', r.body, re.S)
    assert len(letters) == 3
    child, young, parent = letters
    assert child.startswith('<section class="letter letter--child" lang="ar" dir="rtl">')
    assert "مرحبًا <bdi>Sam</bdi>!" in child
    # The date as digits, isolated; the form on paper in Arabic too.
    assert "لديك اجتماع عنك يوم <bdi>28/05/2030</bdi>." in child
    assert "أشياء جيدة" in child and "house-good.svg" in child
    assert 'aria-label="رمز QR: امسحه بكاميرا الهاتف لفتح النموذج"' in child
    assert young.startswith('<section class="letter" lang="ar" dir="rtl">')
    assert "من فضلك رُدّ قبل <bdi>24/05/2030</bdi>." in young
    assert "رأيك قبل مراجعتك" in young
    # The parent's form is not translated: the English letter, as before.
    assert parent.startswith('<section class="letter">') and "Hello Sam," in parent
    assert "by <strong>Friday 24 May 2030</strong>" in parent
    # The rest of the page stays English.
    assert '<html lang="en-GB">' in r.body


def test_lang_column_in_a_weeks_file(h):
    path = os.path.join(h.dir, "week.csv")
    with open(path, "w") as f:
        f.write("child_ref,review_date,review_type,iro,lang\n"
                "WK-1,2030-06-03,cic,,ti\n"
                "WK-2,2030-06-04,pathway,,ar\n"
                "WK-3,2030-06-05,cic,,\n")
    h.ctl("import-week", path)
    con = sqlite3.connect(h.db)
    got = con.execute("SELECT ch.ref, c.audience, c.lang FROM consultation c JOIN review r "
                      "ON r.id = c.review_id JOIN child ch ON ch.id = r.child_id "
                      "WHERE c.audience IN ('child', 'care_leaver', 'parent') "
                      "ORDER BY ch.ref, c.audience").fetchall()
    assert got == [("WK-1", "child", "ti"), ("WK-1", "parent", None),
                   ("WK-2", "care_leaver", "ar"), ("WK-3", "child", None), ("WK-3", "parent", None)]
    with open(path, "w") as f:
        f.write("child_ref,review_date,review_type,iro,lang\nWK-4,2030-06-03,cic,,xx\n")
    p = h.ctl("import-week", path, check=False)
    assert p.returncode != 0 and "line 2" in (p.stdout + p.stderr) and "lang 'xx'" in (p.stdout + p.stderr)


def test_lang_gap_stops_start_up_with_file_line_and_language(h):
    def start(tpl):
        e = dict(h.env, HEARD_SOCKET=os.path.join(h.dir, "other.sock"), HEARD_TEMPLATES=tpl)
        return subprocess.run([os.path.join(h.bindir, "heard-fcgi")], env=e,
                              capture_output=True, text=True, timeout=20)
    tpl = os.path.join(h.dir, "templates")
    shutil.copytree(os.path.join(ROOT, "templates"), tpl)
    # A question added in English, not yet translated.
    with open(os.path.join(tpl, "forms", "child.form"), "a") as f:
        f.write("\n  q: pets\n  type: long\n  label: Tell us about your pets\n")
    n = sum(1 for _ in open(os.path.join(tpl, "forms", "child.form")))
    p = start(tpl)
    assert p.returncode == 1
    assert (f"forms/child.form:{n}: no Arabic (ar) text for 'Tell us about your pets': "
            f"add it to {tpl}/lang/ar.txt") in p.stderr, p.stderr
    # heardctl lang missing prints it, ready to fill in; filled in for
    # every language, Heard starts.
    env = dict(h.env, HEARD_TEMPLATES=tpl)
    for code in ("ar", "ps", "prs", "ckb", "ti", "vi", "sq", "am", "cy"):
        out = subprocess.run([os.path.join(h.bindir, "heardctl"), "lang", "missing", code],
                             env=env, capture_output=True, text=True).stdout
        assert f"en: Tell us about your pets\n{code}: \n" in out
        with open(os.path.join(tpl, "lang", code + ".txt"), "a") as f:
            f.write(out.replace(f"{code}: \n", f"{code}: [{code}] pets\n"))
    p = subprocess.Popen([os.path.join(h.bindir, "heard-fcgi")],
                         env=dict(env, HEARD_SOCKET=os.path.join(h.dir, "other.sock")),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            if os.path.exists(os.path.join(h.dir, "other.sock")) or p.poll() is not None:
                break
            time.sleep(0.05)
        assert p.poll() is None, p.stderr.read()
    finally:
        p.terminate()
        p.wait(timeout=20)


def send_all(c):
    """Walk every page of the form with Next, then Send, in any language
    (test_links.complete_form() expects English words at the end);
    return the thank-you page."""
    from test_links import fill_page
    r = c.get("/form")
    for _ in range(20):
        page = parse_form(r.body)
        body, _ = fill_page(page, "Fine")
        last = "send" in page.buttons
        body["action"] = "send" if last else "next"
        r = c.post("/form", body)
        assert r.status == 303, (r.status, r.body[:2000])
        r = c.get(r.header("Location"))
        assert r.status == 200
        if last:
            return r
    raise AssertionError("form never ended")


def test_lang_who_is_asking_and_what_happens_next(h):
    """The child's own form in another language says who is asking (the
    IRO passport) and what happens next in that language, names and the
    date isolated in <bdi>, nothing marked English; English unchanged."""
    from test_passport import review_on
    staff(h, "sam", "iro")
    h.ctl("setting", "council", "Northshire Council")
    h.ctl("user", "passport", "sam", "--first-name", "Sam", "--face", "2")
    rid, when = review_on(h)
    day = re.search(r"(\d+) (\w+) (\d{4})$", when)
    import datetime
    d = datetime.datetime.strptime(day.group(0), "%d %B %Y").date()
    digits = f"{d:%d/%m/%Y}"

    def child_in(code):
        _, link, _ = h.issue(rid, "child", "--lang", code)
        c = Client(h)
        open_link(c, link)
        return c

    # Arabic: the first page's passport and the thank-you page.
    c = child_in("ar")
    r = c.get("/form")
    assert html_attrs(r.body) == ("ar", "rtl")
    assert ('<p class="passport__name">الشخص الذي يدير اجتماعك هو '
            '<bdi>Sam</bdi>.</p>') in r.body, r.body
    assert f"اجتماعك يوم <bdi>{digits}</bdi>." in r.body
    assert "من <bdi>Northshire Council</bdi>" in r.body
    assert 'src="/static/img/passport-2.svg"' in r.body
    assert 'lang="en-GB"' not in r.body and "runs your meeting" not in r.body
    r = send_all(c)
    assert html_attrs(r.body) == ("ar", "rtl")
    assert "ماذا سيحدث بعد ذلك" in r.body and "What happens next" not in r.body
    assert (f"الشخص الذي يدير اجتماعك، <bdi>Sam</bdi>، سيقرأ هذا قبل اجتماعك. "
            f"الاجتماع يوم <bdi>{digits}</bdi>.") in r.body, r.body
    assert 'lang="en-GB"' not in r.body

    # Tigrinya's thank-you page.
    c = child_in("ti")
    r = send_all(c)
    assert html_attrs(r.body) == ("ti", "ltr")
    assert (f"<bdi>Sam</bdi> ቅድሚ ኣኼባኻ እዚ ከንብቦ እዩ። ኣኼባ ብ<bdi>{digits}</bdi> "
            "እዩ።") in r.body, r.body
    assert "ድሕሪ ሕጂ እንታይ ይኸውን" in r.body
    assert 'lang="en-GB"' not in r.body and "will read this" not in r.body

    # A young person's form in Welsh, without a passport picture's words.
    _, link, _ = h.issue(rid, "young_person", "--lang", "cy")
    c = Client(h)
    open_link(c, link)
    r = c.get("/form")
    assert ("<bdi>Sam</bdi> yw dy IRO, y person sy&#39;n cynnal dy gyfarfod "
            "adolygu.") in r.body or ("<bdi>Sam</bdi> yw dy IRO, y person "
            "sy'n cynnal dy gyfarfod adolygu.") in r.body, r.body
    assert 'lang="en-GB"' not in r.body

    # English: as it was, no <bdi>, the date in words.
    _, link, _ = h.issue(rid, "child")
    c = Client(h)
    open_link(c, link)
    r = c.get("/form")
    assert '<p class="passport__name">Sam runs your meeting.</p>' in r.body
    assert f'<p class="passport__when">Your meeting is on <strong>{when}</strong>.</p>' in r.body
    assert "<bdi>" not in r.body
    r = send_all(c)
    assert f"Sam will read this before your meeting. It is on {when}." in r.body
    assert "<bdi>" not in r.body and r.body.count('lang="en-GB"') == 1

    # A parent's form has no translation: its page stays English.
    _, link, _ = h.issue(rid, "parent")
    c = Client(h)
    open_link(c, link)
    r = c.get("/form?p=1&lang=ar")
    assert html_attrs(r.body)[0] == "en-GB"
