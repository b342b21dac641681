"""Consultation links end to end: issue with heardctl, open by link and
by paper code through real nginx, save a draft, resume, send, and read
the answers back decrypted; guessed, expired, revoked and reused links;
and a database dump that holds no token, code or answer."""
import re
import subprocess
import time

from harness import Client, parse_form

AUDIENCES = ["child", "young_person", "care_leaver", "parent", "carer", "health",
             "education", "professional", "feedback_young_person", "feedback_attendee",
             "feedback_leaver_attended", "feedback_leaver_absent", "feedback_leaver_parent"]

# Emoji, accents, right-to-left text and HTML that must come back as typed.
SAMPLE = "Caf\u00e9 na\u00efve \U0001F600\U0001F44D \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 <b>&'\""


def open_link(c, link):
    r = c.get(link)
    assert r.status == 303, (r.status, r.body[:300])
    assert r.header("Location") == "/form"
    cookie = r.header("Set-Cookie")
    assert cookie.startswith("__Host-heard-visit="), cookie
    for part in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert part in cookie, cookie
    assert link.split("/c/")[1] not in r.header("Location")
    return r


def start_form(h, audience, *issue_args):
    """Issue a consultation for a new review, open its link in a fresh
    browser and return (consultation, link, client, first page)."""
    rid = h.review()
    cid, link, _ = h.issue(rid, audience, *issue_args)
    c = Client(h)
    open_link(c, link)
    return cid, link, c, parse_form(c.get("/form").body)


def fill_page(page, text):
    """Answers for every field on a form page: text everywhere, the first
    choice of every question, a real date."""
    body = dict(page.hidden)
    expect = {}
    for name, _, _ in page.text:
        if name.endswith("-day"):
            body[name] = "7"
        elif name.endswith("-month"):
            body[name] = "3"
        elif name.endswith("-year"):
            body[name] = "2025"
            expect[name[:-5]] = ["2025-03-07"]
        else:
            v = text if "max" not in name else text[:5]
            body[name] = v
            expect[name] = [v]
    for name, (typ, vals, _) in page.choices.items():
        body[name] = [vals[0]] if typ == "radio" else vals[:2]
        expect[name] = [vals[0]] if typ == "radio" else vals[:2]
    return body, expect


def complete_form(c, text=SAMPLE):
    """Walk every page of the form with Next, then Send; return what was
    sent as {question: [values]}."""
    r = c.get("/form")
    assert r.status == 200, r.status
    sent = {}
    for _ in range(20):
        page = parse_form(r.body)
        body, expect = fill_page(page, text)
        last = "send" in page.buttons
        body["action"] = "send" if last else "next"
        r = c.post("/form", body)
        if r.status == 200 and "There is a problem" in r.body:
            # A short answer with a small limit: shorten and go again.
            body2, expect = fill_page(page, "Fine")
            body2["action"] = body["action"]
            r = c.post("/form", body2)
        sent.update(expect)
        assert r.status == 303, (r.status, r.body[:2000])
        if last:
            assert r.header("Location") == "/form"
            r = c.get("/form")
            assert r.status == 200 and "Thank you" in r.body
            return sent
        r = c.get(r.header("Location"))
        assert r.status == 200
    raise AssertionError("form never ended")


def test_every_audience_by_link_and_by_code(h):
    rid = h.review()
    for n, aud in enumerate(AUDIENCES):
        # One loopback address per audience: nginx limits link opening.
        c = Client(h, source=f"127.0.0.{10 + n}")
        cid, link, code = h.issue(rid, aud, "--to", f"Person {n}")
        if n % 2 == 0:
            open_link(c, link)
        else:
            r = c.get("/code")
            csrf = parse_form(r.body).hidden["csrf"]
            r = c.post("/code", {"csrf": csrf, "code": code.lower().replace("-", " ")})
            assert r.status == 303, (aud, r.status, r.body[:500])
        sent = complete_form(c)
        got = h.answers(cid)
        for k, v in sent.items():
            assert got.get(k) == v, (aud, k, got.get(k), v)
        # Reusing the link shows a thank-you page and no answers.
        r = Client(h, source=f"127.0.0.{10 + n}").get(link)
        assert r.status == 200 and "already have your answers" in r.body
        assert "\U0001F600" not in r.body and "Caf\u00e9" not in r.body


def test_draft_is_saved_and_resumed(h):
    cid, link, c, page = start_form(h, "parent")
    body, _ = fill_page(page, "Draft \u05e9\u05dc\u05d5\u05dd")
    body["action"] = "save"
    r = c.post("/form", body)
    assert r.status == 200 and "saved" in r.body
    # A new browser opening the same link sees the draft.
    c2 = Client(h, source="127.0.0.2")
    open_link(c2, link)
    r = c2.get("/form")
    assert "Draft \u05e9\u05dc\u05d5\u05dd" in r.body
    # The draft is sealed: not in the database in the clear.
    with open(h.db, "rb") as f:
        raw = f.read()
    import os
    wal = h.db + "-wal"
    if os.path.exists(wal):
        raw += open(wal, "rb").read()
    assert "Draft \u05e9\u05dc\u05d5\u05dd".encode() not in raw


def test_mistakes_keep_everything_typed(h):
    cid, link, c, page = start_form(h, "health")
    body, _ = fill_page(page, "Kept \u00e9\U0001F600")
    # Empty every required text box and break a date.
    r = c.get("/form")
    required = re.findall(r'<label class="label" for="q-(\w+)">[^<]*</label>', r.body)
    assert required, "the health form should have required questions"
    for name in required:
        body[name] = ""
    for k in list(body):
        if k.endswith("-month"):
            body[k] = "13"
    body["action"] = "send" if "send" in page.buttons else "next"
    r = c.post("/form", body)
    assert r.status == 200
    assert "There is a problem" in r.body
    assert "<title>Error: " in r.body
    for name in required:
        assert f'href="#q-{name}"' in r.body, name
        assert f'id="q-{name}-error"' in r.body
    assert r.body.count("Kept \u00e9\U0001F600") >= 1
    assert 'value="13"' in r.body


def test_guessed_and_malformed_links_are_404(h):
    c = Client(h)
    # nginx itself refuses a NUL in a path (400) before Heard sees it.
    assert c.get("/c/%00").status == 400
    for path in ("/c/" + "A" * 43, "/c/short", "/c/" + "A" * 44, "/c/%41" * 5,
                 "/c/AAAA%2Fetc%2Fpasswd", "/c/"):
        r = c.get(path)
        assert r.status == 404, (path, r.status)
        assert "cannot find this form" in r.body


def test_revoked_and_reissued(h):
    rid = h.review()
    cid, link, code = h.issue(rid, "carer")
    out = h.ctl("reissue", "--consultation", str(cid)).stdout
    new = re.search(r"link \S+(/c/\S+)", out).group(1)
    c = Client(h)
    r = c.get(link)
    assert r.status == 410 and "no longer works" in r.body
    open_link(c, new)
    h.ctl("revoke", "--consultation", str(cid))
    assert Client(h, source="127.0.0.3").get(new).status == 410
    # Still one consultation: reissuing does not count twice.
    import sqlite3
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM consultation").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM link").fetchone()[0] == 2


def test_expired_links_are_410(h):
    past = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 15 * 86400))
    recent = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 13 * 86400))
    old = h.review(child="OLD", date=past)
    _, link_old, _ = h.issue(old, "parent")
    assert Client(h).get(link_old).status == 410
    ok = h.review(child="RECENT", date=recent)
    _, link_ok, _ = h.issue(ok, "parent")
    assert Client(h).get(link_ok).status == 303
    # Feedback forms live 28 days after sending, whatever the review date.
    sent = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 20 * 86400))
    _, fb, _ = h.issue(old, "feedback_attendee", "--sent", sent)
    assert Client(h).get(fb).status == 303
    sent = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 29 * 86400))
    _, fb_old, _ = h.issue(old, "feedback_attendee", "--sent", sent)
    assert Client(h).get(fb_old).status == 410


def test_paper_codes(h):
    rid = h.review()
    cid, _, code = h.issue(rid, "young_person", "--channel", "post")
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)
    c = Client(h)
    csrf = parse_form(c.get("/code").body).hidden["csrf"]
    # A typo is told apart from a wrong code.
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    r = c.post("/code", {"csrf": csrf, "code": typo})
    assert r.status == 200 and "mistake in the code" in r.body
    assert typo in r.body      # what they typed is kept
    r = c.post("/code", {"csrf": csrf, "code": "ABC"})
    assert "12 letters and numbers" in r.body
    r = c.post("/code", {"csrf": csrf, "code": ""})
    assert "Type the code" in r.body
    r = c.post("/code", {"csrf": csrf, "code": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in r.body and "&lt;script&gt;" in r.body
    r = c.post("/code", {"csrf": csrf, "code": code})
    assert r.status == 303 and r.header("Location") == "/form"


def test_double_send_stores_one_response(h):
    cid, link, c, page = start_form(h, "feedback_attendee")
    body, _ = fill_page(page, "Once")
    body["action"] = "send"
    # One page: its button leads to the check page, but the server takes
    # the page's answers with "send" as the check page's button does.
    assert "next" in page.buttons
    r1 = c.post("/form", body)
    r2 = c.post("/form", body)
    assert r1.status == 303
    assert r2.status == 200 and "already have your answers" in r2.body
    import sqlite3
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM response").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM consultation WHERE returned_at IS NOT NULL"
                      ).fetchone()[0] == 1


def test_form_without_visit_is_404(h):
    r = Client(h).get("/form")
    assert r.status == 404 and "open your link again" in r.body


def test_dump_holds_no_token_code_or_answer(h):
    rid = h.review()
    secrets = []
    for aud in ("child", "parent", "education"):
        cid, link, code = h.issue(rid, aud)
        secrets += [link.split("/c/")[1], code, code.replace("-", "")]
    c = Client(h)
    open_link(c, "/c/" + secrets[0])
    complete_form(c, "Secret words \U0001F512")
    h.ctl("rotate-key")
    dump = subprocess.run(["sqlite3", h.db, ".dump"], capture_output=True, text=True).stdout
    assert "INSERT INTO link" in dump
    for s in secrets:
        assert s not in dump, s
        assert s.encode().hex() not in dump.lower()
    assert "Secret words" not in dump
    assert h.answers(1)  # still decrypts after rotation


def test_paper_return_and_answers_held_on_file(h):
    rid = h.review()
    cid, _, _ = h.issue(rid, "parent", "--channel", "post")
    h.ctl("return", "--consultation", str(cid), "--channel", "paper", "--date", "2026-01-05")
    assert h.answers(cid) == {"_held_on_file": ["yes"]}
    p = h.ctl("return", "--consultation", str(cid), "--channel", "paper", check=False)
    assert p.returncode != 0 and "already" in p.stderr


def test_unknown_audience_is_refused_with_the_list(h):
    rid = h.review()
    p = h.ctl("issue", "--review", str(rid), "--audience", "uncle", check=False)
    assert p.returncode != 0
    for aud in AUDIENCES:
        assert aud in p.stderr
