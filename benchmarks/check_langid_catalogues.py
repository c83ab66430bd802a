"""Language identification on text outside the eval set: the system's gettext
message catalogues (``/usr/share/locale/<locale>/LC_MESSAGES/*.mo``), which
Debian ships translated into Serbian (Latin and Cyrillic), Croatian and
Bosnian by translators who never saw this project.

    python benchmarks/check_langid_catalogues.py [--locale-dir /usr/share/locale] [--min-words 8]

Only messages of --min-words words or more, without format placeholders
(``%s``, ``{0}``, ``<b>``), each distinct message once. Prints accuracy and the
commonest wrong tags per locale. Software text is short and full of terms of
art (datoteka, direktorijum), so the figures are lower than on news
paragraphs; they are a check that a cue holds beyond the text it was tuned
on, not a quality claim. Skips a locale with no catalogues. Not part of the
test suite.
"""
from __future__ import annotations

import argparse
import gettext
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCALES = {"sr@latin": "sr-Latn", "sr": "sr-Cyrl", "hr": "hr", "bs": "bs",
           # the look-alikes, as a check on Serbian tags given to what is not Serbian
           "mk": "mk", "bg": "bg", "ru": "ru", "uk": "uk", "be": "be", "sl": "sl", "sq": "sq"}
_PLACEHOLDER_RE = re.compile(r"[%<{]")


def messages(folder: Path, min_words: int) -> list[str]:
    """Distinct translated messages of at least ``min_words`` words, sorted."""
    found: set[str] = set()
    for mo in sorted(folder.glob("*.mo")):
        with mo.open("rb") as fh:
            try:
                catalog = gettext.GNUTranslations(fh)._catalog  # noqa: SLF001 - the parsed table
            except (OSError, UnicodeDecodeError):
                continue
        for value in catalog.values():
            if isinstance(value, str) and not _PLACEHOLDER_RE.search(value):
                text = " ".join(value.split())
                if len(text.split()) >= min_words:
                    found.add(text)
    return sorted(found)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    ap.add_argument("--min-words", type=int, default=8)
    args = ap.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from polycorpus.language import identify

    ran = False
    for locale, gold in LOCALES.items():
        texts = messages(args.locale_dir / locale / "LC_MESSAGES", args.min_words)
        if not texts:
            print(f"{locale:9s} skipped: no catalogues")
            continue
        ran = True
        tags = Counter(identify(text).tag for text in texts)
        wrong = ", ".join(f"{t} {n / len(texts):.3f}" for t, n in tags.most_common(5) if t != gold)
        line = f"{locale:9s} {gold:8s} {tags[gold] / len(texts):.4f}  ({tags[gold]}/{len(texts)})  wrong: {wrong}"
        if not gold.startswith("sr"):
            serbian = tags["sr-Latn"] + tags["sr-Cyrl"]
            line += f"  | tagged Serbian {serbian / len(texts):.4f}"
        print(line)
    if not ran:
        print(f"skipped: no Serbian, Croatian or Bosnian catalogues under {args.locale_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
