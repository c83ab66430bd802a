"""Boilerplate quality and speed on the sitebench corpus, site by site.

Runs :func:`polycorpus.boilerplate.strip_site` over every site of
``DATA/sitebench/corpus`` and compares the kept lines with ``gold.json`` the way
``score_corpus.py`` does (NFKC, quotes and dashes folded, case folded,
whole-token containment):

- leak: gold boilerplate lines (4+ characters, not inside the page's content)
  found inside a kept line, of those checked;
- content recall: gold content paragraphs found inside a kept line;
- drops by reason, and lines scored per second: wall time of the run, and the
  best of ``--repeat`` runs in CPU time (steadier on a shared machine).

    python benchmarks/bench_boilerplate.py [--data ../shared/eval] [--examples 5] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from polycorpus.boilerplate import strip_site
from polycorpus.boilerplate.cues import _text_evidence
from polycorpus.ingest import iter_sites, read_page
from polycorpus.models import Page
from polycorpus.settings import Settings

REPO = Path(__file__).resolve().parents[1]
FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                      "–": "-", "—": "-", "\u00ad": None, "\u200b": None, "\ufeff": None})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(FOLD)
    return re.sub(r"\s+", " ", text).strip().casefold()


def contains(haystack: str, needle: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--examples", type=int, default=5, help="leaked and lost lines to show per site")
    ap.add_argument("--repeat", type=int, default=3, help="runs for the best CPU time (caches emptied between)")
    args = ap.parse_args()
    bench = args.data / "sitebench"
    if not (bench / "gold.json").exists() or not (bench / "corpus").is_dir():
        print(f"skipped: no sitebench under {args.data} (pass --data)")
        return 0
    gold = json.loads((bench / "gold.json").read_text(encoding="utf-8"))["pages"]
    settings = Settings(jobs=1, progress=False)
    total: Counter = Counter()
    reasons: Counter = Counter()
    seconds = 0.0
    for site, files in iter_sites(bench / "corpus"):
        pages = [p for p in (read_page(f) for f in files) if isinstance(p, Page)]
        start = time.perf_counter()
        decisions = strip_site(pages, settings)
        seconds += time.perf_counter() - start
        counts: Counter = Counter()
        leaks, lost = [], []
        for page, lines in zip(pages, decisions):
            counts["lines"] += len(lines)
            reasons.update(d.reason for d in lines if d.is_boilerplate)
            g = gold.get(page.path)
            if not g:
                continue
            kept = [fold(d.text) for d in lines if not d.is_boilerplate]
            content = [fold(c) for c in g["content"]]
            joined = " ".join(content)
            for line in g["boilerplate"]:
                f = fold(line)
                if len(f) < 4 or contains(joined, f):
                    continue
                counts["checked"] += 1
                if any(contains(k, f) for k in kept):
                    counts["leaked"] += 1
                    leaks.append(f"{page.path}: {line}")
            for c, raw in zip(content, g["content"]):
                counts["wanted"] += 1
                if any(contains(k, c) for k in kept):
                    counts["found"] += 1
                else:
                    lost.append(f"{page.path}: {raw[:100]}")
        total += counts
        print(f"{site:12} pages {len(pages):4}  leak {counts['leaked'] / max(1, counts['checked']):.4f} "
              f"({counts['leaked']}/{counts['checked']})  content recall "
              f"{counts['found'] / max(1, counts['wanted']):.4f} ({counts['found']}/{counts['wanted']})")
        for line in leaks[: args.examples]:
            print(f"  leak: {line}")
        for line in lost[: args.examples]:
            print(f"  lost: {line}")
    print(f"{'all':12} leak {total['leaked'] / max(1, total['checked']):.4f}  "
          f"content recall {total['found'] / max(1, total['wanted']):.4f}  "
          f"{total['lines'] / max(seconds, 1e-9):,.0f} lines/s ({total['lines']} lines in {seconds:.2f} s)")
    print("drops by reason: " + ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
    sites = [[p for p in (read_page(f) for f in files) if isinstance(p, Page)]
             for _, files in iter_sites(bench / "corpus")]
    best = float("inf")
    for _ in range(args.repeat):
        _text_evidence.cache_clear()
        start = time.process_time()
        for pages in sites:
            strip_site(pages, settings)
        best = min(best, time.process_time() - start)
    print(f"best of {args.repeat} in CPU time: {total['lines'] / best:,.0f} lines/s ({best:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
