"""Hostile input: pages no stage may hang on. Generates its own input (no eval
data needed) and prints time and rate for each, first for the boilerplate
stage alone (ingest + strip_site), then for the whole pipeline (`polycorpus
align`, one site per case, the page size limit lifted so the big files are read):

- a 1 MB page that is one line (150,000+ words, no newline), text and HTML;
- a 20 MB file of 100,000 lines;
- a 20 MB file that is one line;
- binary files (random bytes) named .txt, .html and without an extension;
- and, as a check of the limit, the 20 MB file under the default 10 MB limit.

    python benchmarks/bench_hostile.py [--cases one-line-1mb,lines-20mb,...] [--stage boilerplate|all]

Lines of prose mix sentence ends with and without a space, glued capitals,
menus and footers, so every glue rule has candidates everywhere.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from polycorpus.boilerplate import strip_site
from polycorpus.ingest import iter_sites, read_page
from polycorpus.models import Page
from polycorpus.pipeline import run
from polycorpus.settings import Settings

WORDS = ("the ministry said on monday that the new law on local elections would be adopted before the summer "
         "vlada je juče usvojila novi zakon o opštinama posle duge rasprave u skupštini "
         "qeveria miratoi dje ligjin e ri për komunat pas një debati të gjatë në kuvend").split()
NAMES = ["Prishtina", "Beograd", "Tirana", "Novi Sad", "Prizren", "Share", "Home", "Kontakt", "Print"]
ENDS = [". ", ".", "! ", "? ", ", ", " | ", " © 2024 ", ". 📢 ", " #news ", " @office "]


def prose(rng: random.Random, n_chars: int, newline_every: int | None = None) -> str:
    """Sentences of common words with capitals, names, glued ends and chrome-like bits."""
    out: list[str] = []
    size = 0
    line = 0
    while size < n_chars:
        k = rng.randint(6, 18)
        words = [rng.choice(WORDS) for _ in range(k)]
        words[0] = words[0].capitalize()
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
        sentence = " ".join(words) + rng.choice(ENDS)
        out.append(sentence)
        size += len(sentence)
        line += len(sentence)
        if newline_every and line >= newline_every:
            out.append("\n")
            line = 0
    return "".join(out)


def make_cases(root: Path, rng: random.Random) -> dict[str, Path]:
    """One corpus folder per case, each holding one site."""
    cases = {}

    def site(name: str) -> Path:
        folder = root / name / "site"
        folder.mkdir(parents=True)
        cases[name] = root / name
        return folder

    text = prose(rng, 1_000_000)
    (site("one-line-1mb") / "page.txt").write_text(text.replace("\n", " "), encoding="utf-8")
    (site("one-line-1mb-html") / "page.html").write_text(
        f"<html><body><article><p>{text}</p></article></body></html>", encoding="utf-8")
    (site("lines-20mb") / "page.txt").write_text(prose(rng, 20_000_000, newline_every=200), encoding="utf-8")
    (site("one-line-20mb") / "page.txt").write_text(prose(rng, 20_000_000), encoding="utf-8")
    folder = site("binary")
    for name in ("page.txt", "page.html", "page"):
        (folder / name).write_bytes(rng.randbytes(2_000_000))
    shutil.copytree(root / "one-line-20mb", root / "over-limit-20mb")
    cases["over-limit-20mb"] = root / "over-limit-20mb"
    return cases


def size_of(corpus: Path) -> tuple[int, int]:
    files = [p for p in corpus.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(p.read_bytes().count(b" ") + 1 for p in files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default="", help="comma-separated case names (default: all)")
    ap.add_argument("--stage", choices=["boilerplate", "all", "both"], default="both")
    args = ap.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        root = Path(tmp)
        cases = make_cases(root / "in", rng)
        wanted = [c for c in args.cases.split(",") if c] or list(cases)
        print(f"{'case':20} {'stage':12} {'MB':>7} {'words':>11} {'seconds':>8} {'cpu s':>8} {'MB/s':>7} "
              f"{'words/s':>10}  result  (rates from CPU time: steadier on a shared machine)")
        for name in wanted:
            corpus = cases[name]
            size, n_words = size_of(corpus)
            limit = 10 * 2**20 if name == "over-limit-20mb" else 0
            settings = Settings(jobs=1, progress=False, max_page_bytes=limit)
            rows = []
            if args.stage in {"boilerplate", "both"}:
                start, cpu = time.perf_counter(), time.process_time()
                lines = 0
                for _, files in iter_sites(corpus):
                    pages = [p for p in (read_page(f, None, limit) for f in files) if isinstance(p, Page)]
                    lines += sum(len(d) for d in strip_site(pages, settings))
                rows.append(("boilerplate", time.perf_counter() - start, time.process_time() - cpu, f"{lines} lines"))
            if args.stage in {"all", "both"}:
                start, cpu = time.perf_counter(), time.process_time()
                report = run(corpus, root / "out" / name, settings)  # jobs=1: in this process
                status = ", ".join(sorted({s for _, s, _ in report.failed})) or "none"
                rows.append(("pipeline", time.perf_counter() - start, time.process_time() - cpu,
                             f"{sum(report.pages_by_lang.values())} pages read, failed: {status}"))
            for stage, seconds, cpu_seconds, result in rows:
                cpu_seconds = max(cpu_seconds, 1e-3)
                print(f"{name:20} {stage:12} {size / 2**20:7.1f} {n_words:11,} {seconds:8.2f} {cpu_seconds:8.2f} "
                      f"{size / 2**20 / cpu_seconds:7.2f} {n_words / cpu_seconds:10,.0f}  {result}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
