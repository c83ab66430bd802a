"""What each part of content-based pairing is worth: page-pair precision and
recall with one part switched off at a time.

    python benchmarks/ablate_pairing.py [--data ../shared/eval] [--sets site-a site-b udhr-site]

Variants: ``full``; ``no-learning`` (one round: the shipped tables only, no
word pairs learned from the site's own aligned pages); ``exact-forms`` (a word
is looked up only as written: no lemma, no stem); ``lemma-only`` (simplemma's
lemma, no stem fallback); ``stem-only`` (longest known stem, no simplemma);
``no-tables`` (no shipped tables at all: shared forms, names, numbers and what
the site teaches). Reads eval data at run time; skips when it is absent.
Stages 1-3 run once per set; only pairing is repeated.
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from polycorpus import site_language
from polycorpus.pairing import lexicon
from polycorpus.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))
from calibrate_pairing import site_docs  # noqa: E402

import polycorpus.pairing as pairing  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def variant(name: str):
    saved = (pairing.ROUNDS, lexicon._lookup, lexicon.table_keys)
    original_lookup = lexicon._lookup

    def exact(word: str, lang: str) -> tuple[str, ...]:
        return lexicon._table(lang).get(word, ())

    def lemma_only(word: str, lang: str) -> tuple[str, ...]:
        table = lexicon._table(lang)
        hit = table.get(word)
        if hit:
            return hit
        lemma = lexicon.fold(lexicon.simplemma.lemmatize(word, lang=lexicon._LEMMA_LANG[lang]))
        return table.get(lemma, ())

    def stem_only(word: str, lang: str) -> tuple[str, ...]:
        table = lexicon._table(lang)
        for cut in range(0, lexicon.MAX_ENDING + 1):
            stem = word[:len(word) - cut]
            if len(stem) < 3:
                break
            if stem in table:
                return table[stem]
        return ()

    try:
        if name == "no-learning":
            pairing.ROUNDS = 1
        elif name in ("exact-forms", "lemma-only", "stem-only"):
            lexicon._lookup = {"exact-forms": exact, "lemma-only": lemma_only, "stem-only": stem_only}[name]
        elif name == "no-tables":
            lexicon._lookup = lambda word, lang: ()
        lexicon.table_keys.cache_clear()
        lexicon.word_keys.cache_clear()
        yield
    finally:
        pairing.ROUNDS, lexicon._lookup, _ = saved
        assert lexicon._lookup is original_lookup
        lexicon.table_keys.cache_clear()
        lexicon.word_keys.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--sets", nargs="+", default=["site-a", "site-b", "udhr-site"])
    ap.add_argument("--variants", nargs="+",
                    default=["full", "no-learning", "exact-forms", "lemma-only", "stem-only", "no-tables"])
    args = ap.parse_args()
    if not (args.data / "sitebench").is_dir():
        print(f"skip: no eval data at {args.data}", file=sys.stderr)
        return
    settings = Settings(jobs=1)
    sets = {}
    for name in args.sets:
        if name.startswith("site-"):
            corpus, gold_path, site = args.data / "sitebench" / "corpus", args.data / "sitebench" / "gold.json", name
        else:
            corpus, gold_path, site = args.data / name / "corpus", args.data / name / "gold.json", None
        gold = json.loads(gold_path.read_text())
        truth = {frozenset((p["a"], p["b"])) for p in gold.get("pairs", []) + gold.get("pairs_nobeads", [])}
        docs = [site_language.settle(d) for d in site_docs(corpus, site, settings)]
        truth = {t for t in truth if all(any(p == d.path for ds in docs for d in ds) for p in t)}
        sets[name] = (docs, truth)
    print(f"{'variant':<12}" + "".join(f"{n + ' P/R':>22}" for n in sets))
    for v in args.variants:
        row = f"{v:<12}"
        with variant(v):
            for docs, truth in sets.values():
                found = set()
                for ds in docs:
                    pairs, _ = pairing.pair_site(ds, settings)
                    found |= {frozenset((p.src.path, p.tgt.path)) for p in pairs}
                tp = len(found & truth)
                row += f"{tp / max(1, len(found)):>14.3f} / {tp / max(1, len(truth)):.3f}"
        print(row, flush=True)


if __name__ == "__main__":
    main()
