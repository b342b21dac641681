"""The IRO's page before the meeting (issue 15 item 5): who has not
replied beside the views that came, what the child asked for at the top
(the form files' "brief:" questions), the participation code with its
meaning, and a copy to print without the child's private answer."""
import html
import os
import re

from harness import Client, parse_form
from test_admin import csrf_of, sign_in, staff
from test_duties import save_draft
from test_finish import post

HERE = os.path.dirname(os.path.abspath(__file__))
PRIVATE = "PRIVATE words for Sam alone \u00e9 <b>"
WORRY = "Spiders in the shed"


def child_form():
    """The child's form file as {question: {type, brief, private, options:
    [(value, text, picture)]}}, so the test follows the form as edited."""
    qs, q = {}, None
    with open(os.path.join(HERE, "..", "..", "templates", "forms", "child.form")) as f:
        for line in f:
            line = line.strip()
            key, _, val = line.partition(":")
            val = val.strip()
            if key == "q":
                q = qs.setdefault(val, {"options": [], "brief": None, "private": False,
                                        "type": None})
            elif q is None:
                continue
            elif key == "type":
                q["type"] = val
            elif key == "brief":
                q["brief"] = val
            elif line == "private":
                q["private"] = True
            elif key == "option":
                parts = [p.strip() for p in val.split("|")]
                q["options"].append((parts[0], parts[1], parts[2] if len(parts) > 2 else None))
    return qs


def answers_for(qs):
    """What the child sends: two pictures of each many-of question, the
    first of each one-of, yes to yes/no, words elsewhere; with the words
    the IRO's summary must show for each brief question."""
    send, expect = {}, {}
    for qid, q in qs.items():
        t = q["type"]
        if t == "many":
            chosen = q["options"][:2]
            send[qid] = [o[0] for o in chosen]
        elif t == "one":
            chosen = q["options"][:1]
            send[qid] = [chosen[0][0]]
        elif t == "yesno":
            chosen = [("yes", "Yes", None)]
            send[qid] = ["yes"]
        elif t in ("short", "long"):
            text = PRIVATE if q["private"] else (WORRY if qid == "worries" else f"Words for {qid}")
            chosen = [(None, text, None)]
            send[qid] = text
        else:
            continue
        expect[qid] = chosen
    return send, expect


def send_child(h, link, answers):
    """Fill the child's form page by page as a browser would and send it."""
    c = Client(h, source="127.0.0.5")
    assert c.get(link).status == 303
    r = c.get("/form")
    for _ in range(20):
        page = parse_form(r.body)
        names = {n for n, _, _ in page.text} | set(page.choices)
        r = post(c, page, "next", **{k: v for k, v in answers.items() if k in names})
        assert r.status == 303, (r.status, r.body[:500])
        loc = r.header("Location")
        r = c.get(loc)
        if loc == "/form?check=1":
            break
    r = post(c, parse_form(r.body), "send")
    assert r.status == 303 and "Thank you" in c.get("/form").body


def section(body, cls):
    m = re.search(r'<section class="%s".*?</section>' % cls, body, re.S)
    return m.group(0) if m else ""


def text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def words(fragment):
    return " ".join(text(fragment).split())


def review_with_child(h, child="IRO-PAGE-1"):
    staff(h, "iro1", "iro")
    rid = h.review(child=child, iro="iro1")
    cid, link, _ = h.issue(rid, "child")
    qs = child_form()
    send, expect = answers_for(qs)
    send_child(h, link, send)
    return rid, cid, qs, expect


def test_missing_voices_are_listed_with_their_states(h):
    rid, child, _, _ = review_with_child(h)
    _, mum, _ = h.issue(rid, "parent", "--to", "Mum")
    _, carer, _ = h.issue(rid, "carer", "--to", "Foster carer")
    health, _, _ = h.issue(rid, "health", "--to", "Nurse")
    school, _, _ = h.issue(rid, "education", "--to", "Teacher", "--channel", "post")
    h.issue(rid, "professional", "--to", "Guardian")
    h.ctl("issue", "--review", str(rid), "--audience", "professional", "--to",
                "Advocate", "--email", "advocate@example.org")
    # Mum opens her link; the carer saves a draft; the nurse's is revoked;
    # the teacher's comes back on paper and is held on file.
    c = Client(h, source="127.0.0.6")
    assert c.get(mum).status == 303 and c.get("/form").status == 200
    save_draft(h, carer, "half way", source="127.0.0.8")
    h.ctl("revoke", "--consultation", str(health))
    h.ctl("return", "--consultation", str(school), "--channel", "paper")

    iro, _ = sign_in(h, "iro1")
    r = iro.get(f"/admin/answers?review={rid}")
    assert r.status == 200
    side = section(r.body, "iro-box")
    items = re.findall(r'<li class="replies__item">.*?</li>', side, re.S)
    rows = [(re.search(r'class="tag tag--\w+">([^<]*)<', li).group(1), words(li)) for li in items]
    assert len(rows) == 7, rows

    def row(who, state):
        """The one row for who: its tag says state; returns its words."""
        found = [(st, x) for st, x in rows if who in x]
        assert len(found) == 1 and found[0][0] == state, (who, state, rows)
        return found[0][1]
    assert "came back on" in row("Consultation form for children", "returned")
    assert "online" in row("children", "returned")
    assert "opened on 20" in row("Mum", "opened")
    assert "a draft saved on 20" in row("Foster carer", "draft saved")
    assert "Sent on 20" in row("Nurse", "revoked")
    assert "by paper, not typed in" in row("Teacher", "held on file")
    assert "Sent on 20" in row("Guardian", "sent")
    assert "Not sent yet" in row("Advocate", "not sent yet")
    # Whose voice is missing, at a glance; the child's and the teacher's came.
    glance = words(side)
    assert "2 of 7 replied." in glance
    missing = glance.split("Not heard from:")[1].split(".")[0]
    for who in ("Mum", "Foster carer", "Nurse", "Guardian", "Advocate"):
        assert who in missing, (who, missing)
    assert "Teacher" not in missing and "children" not in missing
    # The list sits beside the views that came: the child's answers are
    # on the page, each reply linked to them.
    assert f'id="c-{child}"' in r.body and WORRY in html.unescape(r.body)
    assert f'href="#c-{child}"' in side


def test_summary_shows_what_the_child_asked_for(h):
    rid, cid, qs, expect = review_with_child(h)
    briefs = {qid: q for qid, q in qs.items() if q["brief"]}
    assert {"who", "where", "chair", "advocate_want", "only_iro"} <= set(briefs)
    iro, _ = sign_in(h, "iro1")
    r = iro.get(f"/admin/answers?review={rid}")
    top = section(r.body, "brief")
    assert top and r.body.index(top) < r.body.index('class="iro-page"'), "the summary is at the top"
    assert "What the child asked for" in top
    summary = words(top)
    for qid, q in briefs.items():
        assert q["brief"] in summary, q["brief"]
        if q["private"]:
            continue
        for value, label, picture in expect[qid]:
            assert label in summary, (qid, label, summary)
            if picture:
                assert f'<img src="/static/img/{picture}"' in top, picture
    # Something for the IRO alone: said, linked, never quoted up here.
    assert "Yes, there is something." in summary
    assert f'href="#a-{cid}-only_iro"' in top and f'id="a-{cid}-only_iro"' in r.body
    assert "PRIVATE words" not in text(top)
    assert PRIVATE in html.unescape(r.body) and "<b>" not in r.body.split("PRIVATE words")[1][:40]
    # Questions without "brief:" stay out of the summary.
    assert WORRY not in summary


def test_participation_code_is_shown_with_its_meaning(h):
    staff(h, "iro1", "iro")
    staff(h, "boss", "manager")
    rid = h.review(child="PN-1", iro="iro1")
    iro, _ = sign_in(h, "iro1")
    # Before anything comes back the review page leads here all the same.
    assert f"/admin/answers?review={rid}" not in iro.get(f"/admin/review?id={rid}").body
    h.issue(rid, "parent", "--to", "Mum")
    r = iro.get(f"/admin/review?id={rid}")
    assert f'href="/admin/answers?review={rid}">See who has replied</a>' in r.body
    r = iro.get(f"/admin/answers?review={rid}")
    pn = words(re.search(r'aria-labelledby="pn-title">.*?</section>', r.body, re.S).group(0))
    assert "No participation code is recorded yet." in pn
    # Every code with its meaning, to look up.
    assert "PN0 Child aged under 4 at the time of the review" in pn
    assert "PN7 Child does not attend nor are" in pn
    h.ctl("review", "participation", "--review", str(rid), "--code", "PN5")
    for who in (iro, sign_in(h, "boss")[0]):
        r = who.get(f"/admin/answers?review={rid}")
        pn = words(re.search(r'aria-labelledby="pn-title">.*?</section>', r.body, re.S).group(0))
        assert ("Participation code PN5 : Child does not attend physically but briefs an "
                "advocate to speak for him or her") in pn, pn


def test_print_copy_leaves_out_the_private_answer(h):
    rid, cid, _, _ = review_with_child(h)
    iro, _ = sign_in(h, "iro1")
    r = iro.get(f"/admin/answers?review={rid}")
    assert PRIVATE in html.unescape(r.body)
    form = parse_form(r.body)
    assert form.choices["leave_out"] == ("checkbox", ["private"], [])
    assert "Leave out what the child wants only the IRO to know" in r.body
    r = iro.get(f"/admin/answers?review={rid}&leave_out=private")
    assert r.status == 200
    page = html.unescape(r.body)
    assert "PRIVATE" not in page and "for Sam alone" not in page
    assert "This copy leaves out what the child wants only the IRO to know." in page
    assert "Left out of this copy." in page
    # Everything else is still there, and the box stays ticked.
    assert WORRY in page
    assert parse_form(r.body).choices["leave_out"][2] == ["private"]
    # A word other than "private" is no way round it, nor a way in.
    r = iro.get(f"/admin/answers?review={rid}&leave_out=nothing")
    assert r.status in (200, 400)


def test_who_may_read(h):
    """As before: an admin cannot read answers, an IRO only their own
    reviews; a manager reads the views but not what the child wrote for
    their IRO alone (the form promised it)."""
    rid, cid, _, _ = review_with_child(h)
    staff(h, "iro2", "iro")
    staff(h, "admin1", "admin")
    staff(h, "boss", "manager")
    adm, _ = sign_in(h, "admin1")
    assert adm.get(f"/admin/answers?review={rid}").status == 404
    assert adm.get(f"/admin/answers?review={rid}&leave_out=private").status == 404
    other, _ = sign_in(h, "iro2")
    assert other.get(f"/admin/answers?review={rid}").status == 404
    boss, _ = sign_in(h, "boss")
    r = boss.get(f"/admin/answers?review={rid}")
    page = html.unescape(r.body)
    assert r.status == 200 and WORRY in page
    assert "PRIVATE" not in page and "Only the child's IRO can read" in page
    iro, _ = sign_in(h, "iro1")
    assert PRIVATE in html.unescape(iro.get(f"/admin/answers?review={rid}").body)
    # Each reading is audited, the print copy too.
    iro.get(f"/admin/answers?review={rid}&leave_out=private")
    import sqlite3
    db = sqlite3.connect(h.db)
    n = db.execute("SELECT count(*) FROM audit a JOIN staff s ON s.id = a.staff_id "
                   "WHERE a.action = 'read-answers' AND s.username = 'iro1'").fetchone()[0]
    assert n == 2
