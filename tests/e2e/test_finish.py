"""Forms people finish (issue 15 item 2): nothing typed is ever lost.
Back and Skip keep what is on the page, a saved form reopens on the page
the person left, a text box names its limit only near it and a too-long
answer keeps its text with the limit named, and a check-your-answers page
lists every answer with a Change link before Send."""
import html
import re

from harness import Client, parse_form
from test_links import open_link, start_form

WORDS = "Mum's dog \u00e9 \U0001F436 <b>&"


def heading(body):
    return html.unescape(re.search(r'<h1 class="heading-l">([^<]*)</h1>', body).group(1))


def post(c, page, action, **answers):
    """Press a button as a browser would: what the page shows is sent,
    with answers changed."""
    body = dict(page.hidden)
    body.update({n: v for n, v, _ in page.text})
    body.update({n: checked for n, (_, _, checked) in page.choices.items() if checked})
    body.update(answers)
    body["action"] = action
    return c.post("/form", body)


def text_of(body, name):
    return dict((n, v) for n, v, _ in parse_form(body).text).get(name)


def test_back_and_skip_keep_what_is_on_the_page(h):
    cid, link, c, page = start_form(h, "child")
    r = post(c, page, "next")
    assert r.status == 303 and r.header("Location") == "/form?p=2"
    r = c.get("/form?p=2")
    page = parse_form(r.body)
    # Back is a button of the form, not a link that drops the page.
    assert "back" in page.buttons and "skip" in page.buttons
    assert 'class="back-link" href="/form?p=1"' not in r.body
    r = post(c, page, "back", good_things=WORDS, good=["pets", "play"])
    assert r.status == 303 and r.header("Location") == "/form?p=1"
    r = c.get("/form?p=2")
    assert text_of(r.body, "good_things") == WORDS
    assert parse_form(r.body).choices["good"][2] == ["pets", "play"]
    # Skip moves on without complaint and keeps the words too.
    r = post(c, parse_form(r.body), "skip", good_things=WORDS + " more")
    assert r.status == 303 and r.header("Location") == "/form?p=3"
    r = c.get("/form?p=2")
    assert text_of(r.body, "good_things") == WORDS + " more"
    # Skip keeps even a too-long answer: it is for the check to catch.
    r = c.get("/form?p=4")
    r = post(c, parse_form(r.body), "skip", worries="w" * 5001)
    assert r.status == 303 and r.header("Location") == "/form?p=5"
    r = c.get("/form?p=4")
    assert text_of(r.body, "worries") == "w" * 5001


def test_a_saved_form_reopens_on_the_page_left(h):
    cid, link, c, page = start_form(h, "child")
    r = post(c, page, "next", today="4")
    r = c.get(r.header("Location"))
    r = post(c, parse_form(r.body), "next", good_things=WORDS)
    assert r.header("Location") == "/form?p=3"
    r = c.get("/form?p=3")
    r = post(c, parse_form(r.body), "next", good_feel="4")
    assert r.header("Location") == "/form?p=4"
    r = c.get("/form?p=4")
    assert heading(r.body) == "Worries"
    r = post(c, parse_form(r.body), "save", worries="Spiders")
    assert r.status == 200 and "saved" in r.body
    assert 'href="/form"' in r.body
    # Another browser, the same link: the worries page, with the words.
    c2 = Client(h, source="127.0.0.3")
    open_link(c2, link)
    r = c2.get("/form")
    assert heading(r.body) == "Worries", heading(r.body)
    assert text_of(r.body, "worries") == "Spiders"
    # Going back a page and stopping reopens on that page.
    r = post(c2, parse_form(r.body), "back", worries="Spiders!")
    c3 = Client(h, source="127.0.0.4")
    open_link(c3, link)
    r = c3.get("/form")
    assert heading(r.body) == "Where I live"
    assert parse_form(r.body).choices["good_feel"][2] == ["4"]
    # The page mark is never part of what is sent.
    r = c3.get("/form?check=1")
    r = post(c3, parse_form(r.body), "send")
    assert r.status == 303 and r.header("Location") == "/form"
    got = h.answers(cid)
    assert ".page" not in got and got["worries"] == ["Spiders!"], got


def test_limits_are_named_only_near_them_and_long_text_is_kept(h):
    cid, link, c, page = start_form(h, "parent")
    r = c.get("/form")
    assert "You can use up to" not in r.body
    page = parse_form(r.body)
    boxes = [n for n, _, ta in page.text if ta]
    assert boxes, "the parent's first page has a text box"
    box = boxes[0]
    # Near the limit (80% of 5000) the hint names it, tied to the box.
    r = post(c, page, "save", **{box: "n" * 4100})
    r = c.get("/form?p=1")
    assert "You can use up to 5000 characters. You have used 4100." in r.body
    assert re.search(rf'id="q-{box}"[^>]*aria-describedby="[^"]*q-{box}-limit', r.body)
    # Too long: the error names the limit and the text stays, whole.
    long = "Too long \u00e9 " + "x" * 5000
    r = post(c, parse_form(r.body), "next", **{box: long})
    assert r.status == 200 and "There is a problem" in r.body
    assert "you can use up to 5000 characters and it has 5011" in r.body
    assert f'href="#q-{box}">This answer is too long' in r.body
    assert text_of(r.body, box) == long


def walk_child(c):
    """Fill the child's form: a face, words, pictures; return what was
    chosen and typed as {question: [values]} and each question's page."""
    typed, where = {}, {}
    r = c.get("/form")
    for n in range(1, 12):
        page = parse_form(r.body)
        body = {}
        for name, _, _ in page.text:
            body[name] = f"{WORDS} {name}"[:90]
        for name, (typ, vals, _) in page.choices.items():
            body[name] = vals[:2] if typ == "checkbox" else [vals[-1]]
        for k, v in body.items():
            typed[k] = v if isinstance(v, list) else [v]
            where[k] = n
        r = post(c, page, "next", **body)
        assert r.status == 303, (r.status, r.body[:500])
        if r.header("Location") == "/form?check=1":
            return typed, where, c.get("/form?check=1")
        r = c.get(r.header("Location"))
    raise AssertionError("no check page")


def test_check_answers_lists_everything_and_sends_what_was_typed(h):
    cid, link, c, page = start_form(h, "child")
    typed, where, r = walk_child(c)
    typed_text = {q for q, v in typed.items() if v[0].startswith(WORDS[:5])}
    assert len(typed_text) >= 5, typed_text
    assert r.status == 200 and heading(r.body) == "Check your answers"
    assert "<title>Check your answers" in r.body
    assert parse_form(r.body).buttons == ["send", "save"]
    # Every answer is listed, with a Change link to its own page.
    rows = re.findall(r'<dt>(.*?)</dt><dd class="answer">(.*?)</dd>'
                      r'<dd class="check-change"><a class="link" href="([^"]+)">', r.body, re.S)
    links = {href for _, _, href in rows}
    for q, vals in typed.items():
        assert any(href.startswith(f"/form?p={where[q]}#q-{q}") for href in links), (q, links)
        for v in vals:
            if q not in typed_text:
                continue  # a choice's value; its words are checked below
            assert v in html.unescape(r.body), v
            assert v not in r.body or "<" not in v, "not escaped"
    assert "Someone else" in r.body
    assert re.search(r'<img src="/static/img/mum.svg"[^>]*>Mum</span>', r.body)
    # Change goes to the right page, with the answer there.
    href = next(h_ for h_ in links if "#q-worries" in h_)
    r2 = c.get(href.split("#")[0])
    assert heading(r2.body) == "Worries"
    assert text_of(r2.body, "worries") == typed["worries"][0]
    # Change an answer, come back through the pages, see it, send.
    r2 = post(c, parse_form(r2.body), "next", worries="Nothing now")
    r = c.get("/form?check=1")
    assert "Nothing now" in r.body
    typed["worries"] = ["Nothing now"]
    r = post(c, parse_form(r.body), "send")
    assert r.status == 303 and r.header("Location") == "/form"
    assert "Thank you" in c.get("/form").body
    got = h.answers(cid)
    for q, vals in typed.items():
        assert got.get(q) == vals, (q, got.get(q), vals)
    assert set(got) <= set(typed), set(got) - set(typed)


def test_sending_from_the_check_page_with_a_problem_shows_its_page(h):
    cid, link, c, page = start_form(h, "child")
    r = post(c, page, "next")
    r = c.get("/form?p=2")
    r = post(c, parse_form(r.body), "skip", good_things="g" * 5001)
    r = c.get("/form?check=1")
    assert "g" * 5001 in r.body
    r = post(c, parse_form(r.body), "send")
    assert r.status == 200 and "There is a problem" in r.body
    assert heading(r.body) == "Good things"
    assert text_of(r.body, "good_things") == "g" * 5001
    p = h.ctl("answers", "--consultation", str(cid), check=False)
    assert "has no answers" in p.stderr
