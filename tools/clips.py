#!/usr/bin/env python3
"""Make the read-aloud clips (README "Read aloud"): run by `make`.

    tools/clips.py FORMTEXTS OUTDIR [RECORDED [TEMPLATES STATIC]]

FORMTEXTS (build/formtexts) prints LANG TAB VOICE TAB TEXT for every text
the forms read aloud.  For each, in this order:

1. a recording: RECORDED/LANG/ID.* (ogg, wav, flac or mp3), where ID is
   the text's id listed in OUTDIR/texts.tsv; the clip is named by a hash
   of the recording, so a new recording gets a new address;
2. the language's synthesiser voice ("espeak-ng VOICE"), the clip named
   by a hash of (language, voice, settings, text), so a changed text or
   voice gets a new clip and an unchanged one is not made again;
3. nothing: that text gets no "read to me" control.

Clips are Ogg Vorbis, mono, under OUTDIR/CLIP.ogg; OUTDIR/clips.tsv
(LANG TAB CLIP TAB TEXT) is what heard-fcgi reads.  Clips no longer
listed are removed.  Made in parallel, one process per core.
"""
import concurrent.futures
import glob
import hashlib
import os
import subprocess
import sys
import time

# How espeak-ng speaks and sox encodes: part of each clip's hash, so a
# change here remakes every clip.  140 words a minute (espeak's default is
# 175) for young listeners; silence trimmed at both ends; peaks at -3 dB;
# Vorbis quality -1 (about 35 kbit/s at 22 kHz mono: clear speech, 10-20 KB
# a sentence).
SPEED = "140"
SOX_EFFECTS = ["silence", "1", "0.02", "0.5%", "reverse",
               "silence", "1", "0.02", "0.5%", "reverse", "norm", "-3"]
SETTINGS = "s%s q-1 trim norm-3" % SPEED
RECORDED_KINDS = ("ogg", "wav", "flac", "mp3")


def digest(*parts):
    """The first 32 hex digits of SHA-256 over the parts, NUL-separated."""
    h = hashlib.sha256()
    for i, p in enumerate(parts):
        if i:
            h.update(b"\0")
        h.update(p if isinstance(p, bytes) else p.encode())
    return h.hexdigest()[:32]


def make(job):
    """Make one clip (job: out, kind, source); returns the kind."""
    out, kind, src = job
    tmp = "%s.%d.tmp.ogg" % (out, os.getpid())
    if kind == "recorded":
        cmd = ["sox", "-q", src, "-c", "1", "-C", "-1", tmp] + SOX_EFFECTS[-2:]
        subprocess.run(cmd, check=True)
    else:
        voice, text = src
        speak = subprocess.run(["espeak-ng", "-v", voice, "-s", SPEED, "-b", "1",
                                "--stdout", "--stdin"], input=text.encode(),
                               stdout=subprocess.PIPE, check=True)
        subprocess.run(["sox", "-q", "-t", "wav", "-", "-c", "1", "-C", "-1",
                        tmp] + SOX_EFFECTS, input=speak.stdout, check=True)
    os.replace(tmp, out)
    return kind


def write(path, lines):
    """Write lines to path all at once (a reader never sees half)."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.writelines(lines)
    os.replace(tmp, path)


def main():
    if len(sys.argv) not in (3, 4, 6):
        sys.exit("usage: clips.py FORMTEXTS OUTDIR [RECORDED [TEMPLATES STATIC]]")
    start = time.monotonic()
    formtexts, out = sys.argv[1], sys.argv[2]
    recorded = sys.argv[3] if len(sys.argv) >= 4 else "recorded"
    os.makedirs(out, exist_ok=True)
    got = subprocess.run([formtexts] + sys.argv[4:], stdout=subprocess.PIPE,
                         check=True)
    texts = []
    for line in sorted(set(got.stdout.decode().splitlines())):
        lang, voice, text = line.split("\t", 2)
        texts.append((lang, voice, text))

    listing, manifest, jobs, keep = [], [], {}, set()
    mute = set()
    for lang, voice, text in texts:
        tid = digest(lang, text)[:16]
        rec = sorted(p for k in RECORDED_KINDS
                     for p in glob.glob(os.path.join(recorded, lang, tid + "." + k)))
        if rec:
            with open(rec[0], "rb") as f:
                clip = digest(b"recorded", f.read())
            job = ("recorded", rec[0])
        elif voice.startswith("espeak-ng "):
            clip = digest(lang, voice, SETTINGS, text)
            job = ("made", (voice.split(" ", 1)[1], text))
        else:
            listing.append("%s\t%s\tnone\t%s\n" % (lang, tid, text))
            mute.add(lang)
            continue
        listing.append("%s\t%s\t%s\t%s\n" % (lang, tid, job[0], text))
        manifest.append("%s\t%s\t%s\n" % (lang, clip, text))
        path = os.path.join(out, clip + ".ogg")
        keep.add(clip + ".ogg")
        if not os.path.exists(path):
            jobs[path] = (path,) + job

    counts = {"made": 0, "recorded": 0}
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for kind in pool.map(make, jobs.values()):
            counts[kind] += 1
    for name in os.listdir(out):
        if name.endswith(".ogg") and name not in keep:
            os.remove(os.path.join(out, name))
    write(os.path.join(out, "texts.tsv"),
          ["# LANG\tID\tSOURCE\tTEXT: record RECORDED/LANG/ID.ogg to replace a clip\n"]
          + listing)
    write(os.path.join(out, "clips.tsv"), manifest)
    print("  CLIPS %s: %d texts, %d clips (%d made, %d recorded, %d kept)%s in %.1f s"
          % (out, len(texts), len(manifest), counts["made"], counts["recorded"],
             len(manifest) - len(jobs),
             "; no voice for " + ", ".join(sorted(mute)) if mute else "",
             time.monotonic() - start))


if __name__ == "__main__":
    main()
