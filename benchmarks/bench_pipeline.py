"""Throughput and memory of `polycorpus align` on a corpus made of copies of a
real one (default: the sitebench corpus of the evaluation data, else corpus/).

Each copy of each site becomes its own site, so the run has many sites of the
real size: what matters for streaming is that memory stays flat as sites are
added. Prints pages/second and the peak resident memory of the main process
and of the workers, for 1 and N copies.

    python benchmarks/bench_pipeline.py [--data ../shared/eval] [--copies 1 4 16] [--jobs 1 2]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build(source: Path, copies: int, into: Path) -> int:
    n = 0
    sites = [p for p in source.iterdir() if p.is_dir()] or [source]
    for k in range(copies):
        for site in sites:
            target = into / f"{site.name}-{k:03d}"
            shutil.copytree(site, target, ignore=shutil.ignore_patterns(".*"))
            n += sum(1 for p in target.rglob("*") if p.is_file())
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    source = args.data / "sitebench" / "corpus"
    if not source.is_dir():
        print(f"{source} not found: using the bundled corpus/")
        source = REPO / "corpus"
    print(f"{'copies':>6} {'jobs':>4} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak RSS main MB':>17} {'peak RSS worker MB':>19}")
    for copies in args.copies:
        with tempfile.TemporaryDirectory(prefix="polycorpus-bench-") as tmp:
            corpus = Path(tmp) / "corpus"
            pages = build(source, copies, corpus)
            for jobs in args.jobs:
                code = (
                    "import resource, sys, polycorpus\n"
                    f"polycorpus.align_corpus({str(corpus)!r}, {str(Path(tmp) / 'out')!r}, jobs={jobs}, progress=False)\n"
                    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
                )
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
                seconds = time.perf_counter() - start
                main_kb, child_kb = map(int, done.stdout.split()[-2:])
                print(f"{copies:>6} {jobs:>4} {pages:>6} {seconds:>8.1f} {pages / seconds:>8.1f} "
                      f"{main_kb / 1024:>17.0f} {child_kb / 1024 if jobs > 1 else float('nan'):>19.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
