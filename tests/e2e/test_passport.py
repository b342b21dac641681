"""Who is asking, about whom (issue 15 item 3): every form names the
service, the review date in words and, to the audiences that may see
them, the child's first name and the IRO's; a professional's form names
the child's reference and first name and the review date at the top of
every page; the child's first page carries the IRO passport (first name,
picture, words) set on the IRO's own page or with heardctl; a photo is
re-encoded so none of its metadata survives; thank-you pages say what
happens next.

photo-gps.jpg is a 640x480 JPEG made with libjpeg by tests/unit/
test_img.c's img_test_jpeg(): an APP1 EXIF block whose GPS IFD holds
latitude N 51 30 26.38, and a COM comment naming a home address."""
import datetime
import html
import http.client
import os
import re
import sqlite3
import zlib

from harness import Client, parse_form
from test_admin import csrf_of, sign_in, staff
from test_links import complete_form, open_link

HERE = os.path.dirname(os.path.abspath(__file__))
CHILD = "Zaria"
COUNCIL = "Northshire Council"


def review_on(h, iro="sam", ref="NS-4471", days=30):
    d = datetime.date.today() + datetime.timedelta(days=days)
    rid = int(h.ctl("review", "add", "--child", ref, "--date", d.isoformat(),
                    "--type", "cic", "--iro", iro, "--first-name", CHILD).stdout.strip())
    return rid, f"{d:%A} {d.day} {d:%B} {d.year}"


def visitor(h, rid, audience):
    _, link, _ = h.issue(rid, audience)
    c = Client(h)
    open_link(c, link)
    return c


def text(body):
    """The page's words, tags taken out, entities read."""
    body = re.sub(r"</?(strong|span|b|a)\b[^>]*>", "", body)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def raw_get(h, c, path):
    """GET path with c's cookies; (status, headers, bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", h.port, timeout=30)
    hd = {"Host": "127.0.0.1"}
    if c.cookies:
        hd["Cookie"] = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
    conn.request("GET", path, headers=hd)
    r = conn.getresponse()
    out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    conn.close()
    return out


def chunks(png):
    """The chunk types of a PNG, in order."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, out = 8, []
    while at < len(png):
        n = int.from_bytes(png[at:at + 4], "big")
        out.append(png[at + 4:at + 8].decode("latin-1"))
        at += 12 + n
    assert at == len(png)
    return out


def png_chunk(kind, data):
    return (len(data).to_bytes(4, "big") + kind + data +
            zlib.crc32(kind + data).to_bytes(4, "big"))


def huge_png():
    """A PNG whose header says 40000 x 40000: a few bytes that would
    need 4.8 GB of pixels."""
    return (b"\x89PNG\r\n\x1a\n" +
            png_chunk(b"IHDR", (40000).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])) +
            png_chunk(b"IDAT", zlib.compress(b"\0" * 100)) + png_chunk(b"IEND", b""))


def test_names_shown_to_the_right_audiences(h):
    staff(h, "sam", "iro")
    h.ctl("setting", "council", COUNCIL)
    h.ctl("user", "passport", "sam", "--first-name", "Sam", "--face", "3",
          "--about", "I have a dog called Pip. I like football.")
    rid, when = review_on(h)

    # The child's first page: the passport, "you", never their own name.
    c = visitor(h, rid, "child")
    r = c.get("/form")
    t = text(r.body)
    assert "Sam runs your meeting." in t, t[:1500]
    assert "I have a dog called Pip. I like football." in t
    assert 'src="/static/img/passport-3.svg"' in r.body
    assert f"Your meeting is on {when}." in t
    assert f"From {COUNCIL}" in t
    assert CHILD not in t and "NS-4471" not in t
    # Later pages carry no passport (one idea per page).
    r = c.get("/form?p=2")
    assert "passport__name" not in r.body

    # A young person: their IRO by name, never their own name.
    t = text(visitor(h, rid, "young_person").get("/form").body)
    assert "Sam is your IRO" in t and f"Your review meeting is on {when}." in t
    assert CHILD not in t and "NS-4471" not in t

    # A parent and a carer: the child's first name, the IRO's, the date.
    for aud in ("parent", "carer"):
        t = text(visitor(h, rid, aud).get("/form").body)
        assert f"We would like your views about {CHILD} before {CHILD}'s review on {when}." in t, t[:1500]
        assert "Sam is the Independent Reviewing Officer (IRO) who chairs it." in t
        assert f"From {COUNCIL}" in t
        assert "NS-4471" not in t and "passport-3.svg" not in t

    # Professionals: reference, first name, date and IRO at the top of
    # every page, the check page included.
    for aud in ("health", "education", "professional"):
        c = visitor(h, rid, aud)
        r = c.get("/form")
        pages = [r.body, c.get("/form?check=1").body]
        for p in pages:
            t = text(p)
            assert f"Child {CHILD}, case reference NS-4471" in t, (aud, t[:1500])
            assert f"Review {when}" in t and "IRO Sam" in t
            assert f"Asked by {COUNCIL}" in t
            # At the top: before the first question.
            assert p.index("asking--pro") < p.index("<form")
        assert "passport-3.svg" not in r.body


def test_no_passport_says_the_person_who_runs_your_meeting(h):
    staff(h, "kim", "iro")
    rid, when = review_on(h, iro="kim")     # kim has no first name
    c = visitor(h, rid, "child")
    r = c.get("/form")
    t = text(r.body)
    assert "This is from the person who runs your meeting." in t
    assert "passport__picture" not in r.body
    assert "From " not in t.split("Your meeting")[0][-40:]   # no council set
    complete_form(c)
    r = c.get("/form")
    t = text(r.body)
    assert f"The person who runs your meeting will read this. They will read it before your meeting. It is on {when}." in t, t
    assert 'src="/static/img/people-meeting.svg"' in r.body
    # A parent's thank-you without an IRO name.
    c = visitor(h, rid, "parent")
    complete_form(c)
    t = text(c.get("/form").body)
    assert f"The Independent Reviewing Officer (IRO) for {CHILD}'s review, will read your views before the review on {when}." in t, t


def test_thank_you_says_what_happens_next(h):
    staff(h, "sam", "iro")
    h.ctl("user", "passport", "sam", "--first-name", "Sam", "--face", "5")
    rid, when = review_on(h)
    expect = {
        "child": f"Sam will read this before your meeting. It is on {when}.",
        "young_person": f"Your IRO, Sam, will read this before your meeting on {when}.",
        "parent": f"Sam, the Independent Reviewing Officer (IRO) for {CHILD}'s review, will read your views before the review on {when}.",
        "health": f"Sam, the IRO chairing the review for {CHILD} (NS-4471), will read your report before the review on {when}.",
    }
    for aud, words in expect.items():
        c = visitor(h, rid, aud)
        complete_form(c)
        r = c.get("/form")
        t = text(r.body)
        assert "What happens next" in t and words in t, (aud, t)
        # Children see a picture: the IRO's face.
        assert ('src="/static/img/passport-5.svg"' in r.body) == (aud in ("child", "young_person")), aud
    # heardctl refuses what the page refuses, and changes nothing.
    r = h.ctl("user", "passport", "sam", "--first-name", "sam@example.org", check=False)
    assert r.returncode != 0 and "first name only" in r.stderr
    r = h.ctl("user", "passport", "sam", "--first-name", "Sam", "--face", "9", check=False)
    assert r.returncode != 0 and "--face" in r.stderr
    r = h.ctl("user", "passport", "nobody", "--first-name", "Sam", check=False)
    assert r.returncode != 0 and "no user called nobody" in r.stderr
    audit = sqlite3.connect(h.db).execute(
        "SELECT count(*) FROM audit WHERE action = 'passport' AND subject = 'sam'").fetchone()[0]
    assert audit == 1


def test_passport_set_by_the_iro_with_a_photo(h):
    staff(h, "sam", "iro")
    staff(h, "ada", "admin")
    rid, when = review_on(h)
    c, _ = sign_in(h, "sam")
    r = c.get("/admin")
    r = c.get("/admin/reviews")
    assert 'href="/admin/passport"' in r.body
    r = c.get("/admin/passport")
    assert r.status == 200 and "Your passport" in r.body
    csrf = csrf_of(r.body)
    with open(os.path.join(HERE, "photo-gps.jpg"), "rb") as f:
        jpg = f.read()
    assert b"Exif" in jpg and b"Acacia Avenue" in jpg and b"MM\x00*" in jpg

    # Hostile files: refused next to the field, everything typed kept.
    bad = {
        "truncated": (jpg[:len(jpg) // 2], "image/jpeg", "damaged"),
        "gif": (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif", "must be a JPEG or PNG"),
        "huge": (huge_png(), "image/png", "too big (40000 by 40000 pixels)"),
    }
    for name, (data, typ, words) in bad.items():
        r = c.post_multipart("/admin/passport", {"csrf": csrf, "first_name": "Sam",
                             "face": "2", "about": "Typed words, kept."},
                             {"photo": (name, data, typ)})
        assert r.status == 400, (name, r.status, r.body[:500])
        assert 'id="photo-error"' in r.body and words in r.body, (name, r.body)
        assert 'href="#photo"' in r.body                      # the summary links it
        assert 'value="Sam"' in r.body and "Typed words, kept." in r.body
        assert 'value="2" checked' in r.body

    # A bad first name: explained next to the field.
    r = c.post_multipart("/admin/passport", {"csrf": csrf, "first_name": "Sam 2024",
                         "face": "", "about": ""}, {"photo": ("", b"", "application/octet-stream")})
    assert r.status == 400 and 'id="first_name-error"' in r.body and 'value="Sam 2024"' in r.body

    # The real photo: saved, re-encoded, no metadata in the bytes served.
    r = c.post_multipart("/admin/passport", {"csrf": csrf, "first_name": "Sam",
                         "face": "2", "about": "I like cake."},
                         {"photo": ("me.jpg", jpg, "image/jpeg")})
    assert r.status == 303 and r.header("Location") == "/admin/passport?saved=1", (r.status, r.body[:800])
    r = c.get("/admin/passport?saved=1")
    assert "Your passport is saved." in r.body and 'value="Sam"' in r.body
    m = re.search(r'src="/admin/passport\.png\?id=(\d+)"', r.body)
    assert m, r.body
    status, hd, png = raw_get(h, c, f"/admin/passport.png?id={m.group(1)}")
    assert status == 200 and hd["content-type"] == "image/png"
    assert hd["cache-control"] == "no-store" and hd["x-content-type-options"] == "nosniff"
    assert set(chunks(png)) <= {"IHDR", "IDAT", "IEND", "sRGB"}, chunks(png)
    assert int.from_bytes(png[16:20], "big") == 160 and int.from_bytes(png[20:24], "big") == 160
    # Only staff fetch a photo by account: nobody else, by guessing ids.
    assert raw_get(h, Client(h), f"/admin/passport.png?id={m.group(1)}")[0] == 303
    for secret in (b"Exif", b"Acacia", b"SECRET", b"MM\x00*", bytes([0, 0, 0, 51, 0, 0, 0, 1])):
        assert secret not in png, secret

    # The child sees that photo, by their own visit only.
    v = visitor(h, rid, "child")
    r = v.get("/form")
    assert 'src="/form/iro.png"' in r.body and "Sam runs your meeting." in text(r.body)
    assert "I like cake." in text(r.body)
    status, hd, served = raw_get(h, v, "/form/iro.png")
    assert status == 200 and served == png and hd["content-type"] == "image/png"
    assert raw_get(h, Client(h), "/form/iro.png")[0] == 404
    # An admin cannot open the IRO's page; an admin letter shows the photo.
    a, _ = sign_in(h, "ada", source="127.0.0.2")
    assert a.get("/admin/passport").status == 404

    # Removing the photo goes back to the drawn face.
    r = c.post_multipart("/admin/passport", {"csrf": csrf, "first_name": "Sam",
                         "face": "2", "about": "I like cake.", "remove_photo": "yes"},
                         {"photo": ("", b"", "application/octet-stream")})
    assert r.status == 303
    r = v.get("/form?p=1")
    assert 'src="/static/img/passport-2.svg"' in r.body
    assert raw_get(h, v, "/form/iro.png")[0] == 404
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'passport-photo' "
                      "AND subject = 'sam'").fetchone()[0] == 2
    assert db.execute("SELECT photo IS NULL FROM staff WHERE username = 'sam'").fetchone()[0] == 1


def test_first_name_set_by_an_admin_on_the_staff_page(h):
    staff(h, "ada", "admin")
    staff(h, "sam", "iro")
    rid, when = review_on(h)
    a, _ = sign_in(h, "ada")
    r = a.get("/admin/staff")
    assert 'action="/admin/staff/firstname"' in r.body
    csrf = csrf_of(r.body)
    r = a.post("/admin/staff/firstname", {"csrf": csrf, "user": "sam", "first_name": "<b>Sam"})
    assert r.status == 400 and 'id="first_name-error"' in r.body and 'value="&lt;b&gt;Sam"' in r.body
    r = a.post("/admin/staff/firstname", {"csrf": csrf, "user": "sam", "first_name": "Samira"})
    assert r.status == 200 and "Their first name is saved." in r.body
    t = text(visitor(h, rid, "child").get("/form").body)
    assert "Samira runs your meeting." in t
    # Only admins: an IRO gets 404; no CSRF token, 403.
    c, _ = sign_in(h, "sam", source="127.0.0.2")
    assert c.post("/admin/staff/firstname", {"csrf": csrf_of(c.get("/admin/reviews").body),
                  "user": "sam", "first_name": "X"}).status == 404
    assert a.post("/admin/staff/firstname", {"user": "sam", "first_name": "X"}).status == 403


def test_letters_name_who_is_asking(h):
    staff(h, "ada", "admin")
    staff(h, "sam", "iro")
    h.ctl("user", "passport", "sam", "--first-name", "Sam", "--face", "4",
          "--about", "I like drawing.")
    h.ctl("setting", "council", COUNCIL)
    rid, when = review_on(h)
    a, _ = sign_in(h, "ada")
    r = a.get(f"/admin/review?id={rid}")
    csrf = csrf_of(r.body)
    r = a.post(f"/admin/review/issue?id={rid}", {"csrf": csrf, "channel": "post",
               "aud": ["child", "parent", "health"]})
    assert r.status == 200, (r.status, r.body[:800])
    letters = re.findall(r'<section class="letter.*?</section>', r.body, re.S)
    assert len(letters) == 3, len(letters)
    child, parent, health = (text(x) for x in letters)
    assert "Sam runs your meeting." in child and "I like drawing." in child
    assert 'src="/static/img/passport-4.svg"' in letters[0]
    assert COUNCIL in child and when in child and CHILD not in child
    assert f"Before {CHILD}'s review on {when}, Sam, the Independent Reviewing Officer (IRO)," in parent, parent[:600]
    assert "NS-4471" not in parent
    assert f"Child: {CHILD}, case reference NS-4471" in health and "IRO: Sam" in health
