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

from harness import ROOT, Client, Heard, parse_form
from test_admin import csrf_of, sign_in, staff
from test_finish import post
from test_links import open_link, start_form


def html_attrs(body):
    m = re.search(r'<html lang="([^"]*)" dir="([^"]*)">', body)
    assert m, body[:200]
    return m.group(1), m.group(2)


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
    assert html_attrs(r.body) == ("ar", "rtl") and "بيت الأشياء الجيدة" in r.body
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
    assert "شكرًا لك! سيقرأ مسؤول المراجعة" in r.body
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
