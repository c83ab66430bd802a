"""Derive the bilingual word tables page pairing translates with:
``src/polycorpus/data/lex_sq_en.tsv.gz`` and ``lex_sr_en.tsv.gz``.

    apt-get install dict-freedict-srp-eng dict-freedict-eng-srp \\
                    dict-freedict-hrv-eng dict-freedict-eng-hrv \\
                    apertium-hbs-eng lttoolbox-dev   # lt-print reads the compiled dictionary
    pip download --no-deps uniparser-albanian==2.3.0 -d /tmp/ua
    python tools/derive_pair_lexicons.py --uniparser /tmp/ua/uniparser_albanian-2.3.0-py3-none-any.whl

Sources and licences:

* Albanian-English: the lexicon of ``uniparser-albanian`` 2.3.0 (Maria
  Morozova, Alexander Rusakov, Timofey Arkhangelskiy; MIT), 58,650 lexemes,
  each with its stems and an English gloss (``trans_en``). Every stem (*puno*,
  *punua*, *pun* of *punoj*) is a row, so inflected forms find their lexeme by
  their longest known stem.
* Serbian-English: Apertium's ``apertium-hbs-eng`` 0.5.1 bilingual dictionary
  (GPL-3+), every entry of ``hbs-eng.autobil.bin`` as ``lt-print`` spells the
  transducer; FreeDict ``srp-eng`` and ``eng-srp`` (GPL-2+), and, since
  Serbian and Croatian share nearly all their vocabulary, FreeDict ``hrv-eng``
  and ``eng-hrv`` (GPL-2+). Cyrillic headwords are transliterated to Latin; an
  ijekavian headword (*vrijeme*, *mjesto*) gets its ekavian twin (*vreme*,
  *mesto*) as a second row.

There is no open Albanian-Serbian dictionary: pairing pivots through English
and learns direct pairs from each site's own aligned pages.

Each row is ``foreign<TAB>english``: the foreign key folded (lower case,
diacritics stripped, Cyrillic read as Latin: what ``language.fold`` gives),
the English word lower-cased. Glosses are cut at ``;`` and ``,``,
parentheses dropped, and a gloss of more than three words is skipped (it is
a definition, not a translation); English function words are dropped.
Output is sorted and gzipped with a zero mtime, so a rebuild is byte for
byte the same.
"""
from __future__ import annotations

import argparse
import gzip
import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "polycorpus" / "data"
DICTD = Path("/usr/share/dictd")
APERTIUM = Path("/usr/share/apertium/apertium-hbs-eng/hbs-eng.autobil.bin")

#: English words a gloss may hold that translate nothing on their own
STOP = frozenset(
    "a an the to of be in on at by for with from as or and not no one's oneself "
    "something somebody someone sth sb smb etc is are was it its".split()
)

_CYR = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџш",
                "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š".split()))
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def fold(text: str) -> str:
    text = "".join(_CYR.get(ch, ch) for ch in text.lower())
    text = text.replace("đ", "dj")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def gloss_words(gloss: str) -> list[str]:
    """English content words of a gloss, at most three words per piece."""
    gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]|/[^/]*/", " ", gloss)
    out: list[str] = []
    for piece in re.split(r"[;,:]", gloss):
        words = [w.lower() for w in _WORD.findall(piece)]
        if not words or len(words) > 3:
            continue
        out += [w for w in words if w not in STOP and len(w) > 1 and w.isascii()]
    return out


def albanian(wheel: Path) -> set[tuple[str, str]]:
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read("uniparser_albanian/data_strict/lexemes.txt").decode("utf-8")
    rows: set[tuple[str, str]] = set()
    for block in text.split("-lexeme"):
        fields: dict[str, list[str]] = {}
        for line in block.splitlines():
            key, sep, value = line.strip().partition(":")
            if sep:
                fields.setdefault(key.strip(), []).append(value.strip())
        gram = " ".join(fields.get("gramm", []))
        if "abbr" in gram.split(",") or "PROP" in gram:
            continue  # abbreviations and names: anchors match those
        english = [w for g in fields.get("trans_en", []) for w in gloss_words(g)]
        if not english:
            continue
        keys = {fold(x) for x in fields.get("lex", []) if " " not in x}
        for stem in fields.get("stem", []):
            for part in re.split(r"\||//", stem):
                part = part.strip().strip(".").strip("-").strip(".")
                if part and " " not in part and "." not in part:
                    keys.add(fold(part))
        for k in keys:
            if len(k) >= 2 and k.isalpha():
                rows.update((k, e) for e in english)
    return rows


def dictd(name: str) -> list[tuple[str, str]]:
    """(headword, definition text) of a FreeDict dictd database, by its index."""
    body = gzip.decompress((DICTD / f"{name}.dict.dz").read_bytes())
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def b64(s: str) -> int:
        n = 0
        for ch in s:
            n = n * 64 + alphabet.index(ch)
        return n

    out = []
    for line in (DICTD / f"{name}.index").read_text(encoding="utf-8").splitlines():
        head, off, size = line.split("\t")[:3]
        if head.startswith("00-database") or head.startswith("00database"):
            continue
        entry = body[b64(off):b64(off) + b64(size)].decode("utf-8", "replace")
        out.append((head, entry.split("\n", 1)[1] if "\n" in entry else ""))
    return out


def _ekavian(word: str) -> str | None:
    if "ije" in word:
        return word.replace("ije", "e")
    if re.search(r"[^aeiou]je", word):
        return re.sub(r"(?<=[^aeiou])je", "e", word)
    return None


def apertium_bidix(path: Path) -> list[tuple[str, str]]:
    """(Serbo-Croatian lemma, English lemma) of every entry of a compiled
    Apertium bilingual dictionary, read from ``lt-print``'s transducer text
    (one path from the start to a final state is one entry; tags dropped)."""
    att = subprocess.run(["lt-print", str(path)], check=True, capture_output=True, text=True).stdout
    arcs: dict[str, list[tuple[str, str, str]]] = {}
    finals: set[str] = set()
    for line in att.splitlines():
        f = line.split("\t")
        if len(f) >= 4:
            arcs.setdefault(f[0], []).append((f[1], f[2], f[3]))
        elif f and f[0]:
            finals.add(f[0])
    out: list[tuple[str, str]] = []

    def sym(x: str) -> str:
        return "" if x in ("ε", "@0@") else ("\0" if x.startswith("<") else x)

    stack = [("0", "", "", frozenset({"0"}))]
    while stack:
        state, src, tgt, seen = stack.pop()
        if state in finals:
            out.append((src.split("\0")[0], tgt.split("\0")[0]))
        for dst, a, b in arcs.get(state, ()):
            if dst not in seen:
                stack.append((dst, src + sym(a), tgt + sym(b), seen | {dst}))
    return out


def serbian() -> set[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()

    def add(foreign: str, english: list[str]) -> None:
        f = fold(foreign.strip())
        if not f.isalpha() or len(f) < 2:
            return
        for variant in (f, _ekavian(f)):
            if variant:
                rows.update((variant, e) for e in english)

    for name in ("freedict-srp-eng", "freedict-hrv-eng"):
        for head, body in dictd(name):
            if " " in head.strip():
                continue
            english = [w for line in body.splitlines() for w in gloss_words(line)]
            add(head, english)
    for lemma, english in apertium_bidix(APERTIUM):
        if " " not in lemma.strip():
            add(lemma, gloss_words(english))
    for name in ("freedict-eng-srp", "freedict-eng-hrv"):
        for head, body in dictd(name):
            english = gloss_words(re.sub(r"/[^/]*/", " ", head))
            if not english or len(english) > 2:
                continue
            for line in body.splitlines():
                for piece in re.split(r"[;,]", re.sub(r"\([^)]*\)", " ", line)):
                    piece = piece.strip()
                    if piece and " " not in piece:
                        add(piece, english)
    return rows


def write(path: Path, rows: set[tuple[str, str]], header: str) -> None:
    text = header + "".join(f"{f}\t{e}\n" for f, e in sorted(rows))
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())
    print(f"{path.name}: {len(rows)} rows, {len({f for f, _ in rows})} keys, {len(buf.getvalue())} bytes",
          file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--uniparser", type=Path, required=True, help="uniparser_albanian-2.3.0 wheel")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args()
    write(args.out / "lex_sq_en.tsv.gz", albanian(args.uniparser),
          "# sq stem or lemma (folded)\ten; from uniparser-albanian 2.3.0 (MIT); tools/derive_pair_lexicons.py\n")
    write(args.out / "lex_sr_en.tsv.gz", serbian(),
          "# sr/hr lemma (folded, Latin)\ten; from apertium-hbs-eng 0.5.1 (GPL-3+) and FreeDict srp-eng,"
          " eng-srp, hrv-eng, eng-hrv (GPL-2+);"
          " tools/derive_pair_lexicons.py\n")


if __name__ == "__main__":
    main()
