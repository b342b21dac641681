"""Read aloud (issue 17 item 1): every question, choice card and page
introduction of the child's, young person's and care leaver's forms has a
"read to me" control whose clip nginx serves; clips are made by `make`,
keyed by a hash of what they say, remade only when it changes, and a
service's recording replaces the made clip."""
import html
import http.client
import os
import re
import shutil
import subprocess

from harness import ROOT, Client
from test_admin import sign_in, staff
from test_links import open_link, start_form

CONTROL = re.compile(r'<span class="speak" data-say="([^"]*)" data-lang="en">'
                     r'<audio class="speak__audio" controls controlslist="nodownload noplaybackrate noremoteplayback" '
                     r'preload="none" '
                     r'src="(/audio/[0-9a-f]{32}\.ogg)" aria-label="Read to me">'
                     r'</audio></span>')


def fetch(h, path):
    """GET path from nginx; (status, headers dict, raw bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", h.port, timeout=30)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def pages_of(c):
    """Every page of the form the client has open: (number, body)."""
    r = c.get("/form")
    n = int(re.search(r"Page 1 of (\d+)", r.body).group(1))
    return [(p, c.get(f"/form?p={p}").body) for p in range(1, n + 1)]


def test_every_text_of_the_three_forms_has_a_served_clip(h):
    served = {}
    for audience in ("child", "young_person", "care_leaver"):
        _, link, _ = h.issue(h.review(child="REF-" + audience.upper()), audience)
        c = Client(h)
        open_link(c, link)
        for p, body in pages_of(c):
            main = body.split('<main id="main" class="main">', 1)[1]
            controls = CONTROL.findall(main)
            # One beside the heading and introduction, one per question
            # (each is a "field"), one per choice card.
            fields = main.count('<div class="field')
            cards = main.count('<div class="choice">')
            assert fields > 0 or p == 1
            assert len(controls) == 1 + fields + cards, (audience, p)
            # The page's control says its heading (and introduction).
            heading = html.unescape(re.search(r'<h1 class="heading-l">([^<]*)</h1>',
                                              main).group(1))
            assert html.unescape(controls[0][0]).startswith(heading)
            # Each card's control says the card's words.
            for card in re.findall(r'<div class="choice">.*?</div>', main):
                words = re.search(r"<span>([^<]*)</span></label>", card).group(1)
                assert f'data-say="{words}"' in card, card
            for say, url in controls:
                served.setdefault(url, html.unescape(say))
            # The script comes from the site, and no inline script exists.
            assert '<script src="/static/speak.js" defer></script>' in body
            assert not re.search(r"<script(?![^>]*\bsrc=)", body)
            assert re.search(r"\son[a-z]+=", body) is None
    assert len(served) > 40
    for url in served:
        status, headers, data = fetch(h, url)
        assert status == 200, url
        assert headers["content-type"] == "audio/ogg"
        assert data[:4] == b"OggS" and len(data) > 2000
        assert "max-age=31536000" in headers["cache-control"]
        assert "default-src 'none'" in headers["content-security-policy"]


def test_other_languages_are_read_in_their_own_voice_or_not_at_all(h):
    """A form in Arabic reads its Arabic words with espeak-ng's Arabic
    voice (issue 17 item 1: one clip per text and language); Pashto, which
    has no voice in Debian, gets no control rather than a wrong voice."""
    for lang, voiced in (("ar", True), ("ps", False)):
        _, link, _ = h.issue(h.review(child="REF-SAY-" + lang), "child")
        c = Client(h)
        open_link(c, link)
        c.get("/form?lang=" + lang)
        body = c.get("/form?p=2").body
        main = body.split('<main id="main" class="main">', 1)[1]
        controls = re.findall(r'<span class="speak" data-say="([^"]*)" data-lang="([a-z]+)">'
                              r'<audio [^>]*src="(/audio/[0-9a-f]{32}\.ogg)"', main)
        if not voiced:
            assert controls == [] and 'class="speak"' not in main, controls[:2]
            continue
        cards = main.count('<div class="choice">')
        assert len(controls) >= cards >= 8, (len(controls), cards)
        assert all(lg == lang for _, lg, _ in controls)
        # The words spoken are the page's Arabic, not the English.
        said = [html.unescape(t) for t, _, _ in controls]
        assert all(re.search("[\u0600-\u06ff]", t) for t in said), said[:3]
        english = Client(h)
        _, link2, _ = h.issue(h.review(child="REF-SAY-EN-" + lang), "child")
        open_link(english, link2)
        en_urls = set(CONTROL.findall(english.get("/form?p=2").body.split(
            '<main id="main" class="main">', 1)[1]))
        assert not {u for _, _, u in controls} & {u for _, u in en_urls}
        for _, _, url in controls[:4]:
            status, headers, data = fetch(h, url)
            assert status == 200 and headers["content-type"] == "audio/ogg"
            assert data[:4] == b"OggS" and len(data) > 2000


def test_no_control_on_other_forms_or_staff_pages_and_only_clips_served(h):
    _, _, c, page = start_form(h, "parent")
    assert 'class="speak"' not in c.get("/form").body
    assert "speak.js" not in c.get("/form").body
    # The lists beside the clips are not served, nor anything but a clip.
    for path in ("/audio/clips.tsv", "/audio/texts.tsv", "/audio/", "/audio/x.ogg"):
        assert fetch(h, path)[0] == 404, path


def clips(out, templates, recorded):
    """Run the clip maker as `make` does; (printed line, manifest dict)."""
    r = subprocess.run(["python3", os.path.join(ROOT, "tools/clips.py"),
                        os.path.join(ROOT, "build/formtexts"), out, recorded,
                        templates, os.path.join(ROOT, "static")],
                       capture_output=True, text=True, check=True)
    with open(os.path.join(out, "clips.tsv"), encoding="utf-8") as f:
        manifest = {(l, t): c for l, c, t in (x.rstrip("\n").split("\t", 2) for x in f)}
    return r.stdout, manifest


def test_changed_text_gets_a_new_clip_and_recordings_win(h, tmp_path=None):
    tmp = os.path.join(h.dir, "clips")
    templates = os.path.join(tmp, "templates")
    shutil.copytree(os.path.join(ROOT, "templates"), templates)
    out, rec = os.path.join(tmp, "audio"), os.path.join(tmp, "recorded")
    first, before = clips(out, templates, rec)
    n = len(before)
    assert f"{n} made, 0 recorded, 0 kept" in first
    assert before[("en", "How do you feel today? Tap a face.")]
    # Nothing changed: nothing is made again.
    again, same = clips(out, templates, rec)
    assert f"0 made, 0 recorded, {n} kept" in again and same == before
    # A changed question: a new clip for it alone, the old one gone.
    form = os.path.join(templates, "forms", "child.form")
    with open(form, encoding="utf-8") as f:
        text = f.read()
    with open(form, "w", encoding="utf-8") as f:
        f.write(text.replace("label: How do you feel today?",
                             "label: How are you feeling today?"))
    changed, after = clips(out, templates, rec)
    assert "1 made, 0 recorded" in changed, changed
    new = after.pop(("en", "How are you feeling today? Tap a face."))
    old = before.pop(("en", "How do you feel today? Tap a face."))
    # English: only that clip changed.  Other languages: their words for
    # it are now a translation of nothing, so their clip goes (a gap,
    # which start-up refuses to serve) and nothing else changes.
    en = lambda m: {k: v for k, v in m.items() if k[0] == "en"}
    assert new != old and en(after) == en(before)
    others_before = {k: v for k, v in before.items() if k[0] != "en"}
    others_after = {k: v for k, v in after.items() if k[0] != "en"}
    assert others_after.items() <= others_before.items()
    gone = [k for k in others_before if k not in others_after]
    assert len(gone) == len({k[0] for k in others_before}) == 6, gone
    assert os.path.exists(os.path.join(out, new + ".ogg"))
    assert not os.path.exists(os.path.join(out, old + ".ogg"))
    # A recording named by the text's id (texts.tsv) replaces the made clip.
    with open(os.path.join(out, "texts.tsv"), encoding="utf-8") as f:
        tid = next(line.split("\t")[1] for line in f
                   if line.startswith("en\t") and line.endswith("\tMy carer\n"))
    os.makedirs(os.path.join(rec, "en"))
    subprocess.run(["sox", "-n", "-r", "22050", os.path.join(rec, "en", tid + ".wav"),
                    "synth", "1", "sine", "440"], check=True)
    recorded, mine = clips(out, templates, rec)
    assert "0 made, 1 recorded" in recorded
    assert mine[("en", "My carer")] != after[("en", "My carer")]
    data = open(os.path.join(out, mine[("en", "My carer")] + ".ogg"), "rb").read()
    assert data[:4] == b"OggS"
    length = subprocess.run(["soxi", "-D", os.path.join(out, mine[("en", "My carer")] + ".ogg")],
                            capture_output=True, text=True, check=True).stdout
    assert 0.9 < float(length) < 1.1   # the recording, not espeak's two words


def test_sending_page_names_the_voices(h):
    staff(h, "ada", "admin")
    c, _ = sign_in(h, "ada")
    body = html.unescape(c.get("/admin/sending").body)
    assert "Read aloud: English (espeak-ng en-gb), Arabic (espeak-ng ar)" in body
    assert "; no voice for Pashto, Sorani, Tigrinya." in body


def test_made_clips_are_clear_speech(h):
    """The made clips measured with sox: speech of a plausible length, not
    clipped, little silence at the ends."""
    with open(os.path.join(ROOT, "build/audio/clips.tsv"), encoding="utf-8") as f:
        rows = [x.rstrip("\n").split("\t", 2) for x in f]
    for lang, clip, text in rows:
        path = os.path.join(ROOT, "build/audio", clip + ".ogg")
        secs = float(subprocess.run(["soxi", "-D", path], capture_output=True,
                                    text=True, check=True).stdout)
        # English by words; other scripts' words differ in length (an
        # Ethiopic character is a syllable), so by characters there.
        most = 1.5 + (len(text.split()) * 0.6 if lang == "en" else len(text) * 0.2)
        assert 0.25 < secs < most, (lang, text, secs)
        stats = subprocess.run(["sox", path, "-n", "stats"], capture_output=True,
                               text=True, check=True).stderr
        # Peaks at -3 dB (norm -3), so nothing reaches full scale: no
        # clipping.  (sox's "flat factor" is no measure of it here: sox
        # dithers at random, so runs of equal samples below the peak come
        # and go between two makes of the same clip.)
        peak = float(re.search(r"Pk lev dB\s+(\S+)", stats).group(1))
        assert -6 < peak < -1, (text, peak)
