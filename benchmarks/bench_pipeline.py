"""Throughput and memory of `polycorpus align` on a corpus made of copies of a
real one (default: the sitebench corpus of the evaluation data, else corpus/).

Each copy of each site becomes its own site, so the run has many sites of the
real size: what matters for streaming is that memory stays flat as sites are
added. Every run starts from an empty work folder (fresh), so it measures the
stages, not the cache.

Two modes:

    # pages/s and peak memory for 1..N copies and 1..N jobs (local engine)
    python benchmarks/bench_pipeline.py [--data ../shared/eval] [--copies 1 4 16] [--jobs 1 2]

    # engines against each other at about --pages pages: runs interleaved
    # (local, dask, dask, local, ...), best of --repeat each, since the machine
    # is shared and wall times drift; the Dask time includes starting its LocalCluster
    python benchmarks/bench_pipeline.py --engine local dask --pages 2000 4000 --jobs 2 --repeat 3

The --copies table is followed by each stage's share of the CPU time of a
separate 1-job run over the first --copies size (--no-stages to skip it):
per-stage timers wrap the stage functions in that run's process, each stage
counted without the stages it calls (pairing's learning rounds align sure
pairs: that first pass is pairing's, shown on its own line).
"""
from __future__ import annotations

import argparse
import json
import math
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


def align_once(corpus: Path, out: Path, jobs: int, engine: str) -> tuple[float, float, float, float, float]:
    """One fresh run in a new process: wall seconds, seconds inside align_corpus,
    peak RSS of the main process and of its children (MB), CPU seconds of all
    of them (user + system: less sensitive than wall time to a loaded machine)."""
    code = (
        "import resource, sys, time, polycorpus\n"
        "t = time.perf_counter()\n"
        f"polycorpus.align_corpus({str(corpus)!r}, {str(out)!r}, jobs={jobs}, engine={engine!r}, "
        "progress=False, fresh=True)\n"
        "t = time.perf_counter() - t\n"
        # Dask's local workers are forked from a forkserver: stopping it reaps
        # it, and with it the CPU time of the workers it reaped. Only the
        # benchmark waits for that (a run of `align` does not), so its time is
        # taken off the wall time
        "s = time.perf_counter()\n"
        "from multiprocessing import forkserver\n"
        "getattr(forkserver._forkserver, '_stop', lambda: None)()\n"
        "s = time.perf_counter() - s\n"
        "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(t, s, me.ru_maxrss, kids.ru_maxrss, me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime)\n"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    inner, stop, main_kb, child_kb, cpu = done.stdout.split()[-5:]
    return seconds - float(stop), float(inner), int(main_kb) / 1024, int(child_kb) / 1024, float(cpu)


# Run in a fresh process: wraps the stage functions with CPU timers (time.process_time),
# each counting its own time without that of the timed stages it calls.
STAGE_TIMERS = """
import json, sys, time, polycorpus
from polycorpus import align, boilerplate, ingest, pairing, pipeline, site_language
from polycorpus.engine import reduce
from polycorpus.export import parquet

spent, stack = {}, []

def timed(owner, name, label):
    fn = getattr(owner, name)
    def wrapper(*args, **kwargs):
        inner = label
        if label == "alignment first pass" and "pairing" in stack:
            inner = "pairing: learning rounds' first pass"
        if label == "learn/reduce" and "pairing" in stack:
            inner = "pairing: learning rounds' learn"
        stack.append(inner)
        start = time.process_time()
        mark = sum(spent.values())
        try:
            return fn(*args, **kwargs)
        finally:
            stack.pop()
            nested = sum(spent.values()) - mark
            spent[inner] = spent.get(inner, 0.0) + time.process_time() - start - nested
    setattr(owner, name, wrapper)

timed(ingest, "read_page", "ingest")
timed(boilerplate, "strip_site", "boilerplate")
timed(pipeline, "build_document", "language")
timed(site_language, "settle", "site language")
timed(pairing, "pair_site", "pairing")
timed(align, "first_pass", "alignment first pass")
timed(align.Evidence, "learn", "learn/reduce")
timed(reduce.EvidencePool, "add", "learn/reduce")
timed(reduce.EvidencePool, "pooled", "learn/reduce")
timed(align, "second_pass", "alignment second pass")
timed(parquet.CorpusWriter, "write_site", "write")
start = time.process_time()
polycorpus.align_corpus(sys.argv[1], sys.argv[2], jobs=1, progress=False, fresh=True)
total = time.process_time() - start
spent["other (cache, scheduling)"] = total - sum(spent.values())
print(json.dumps({"total": total, "stages": spent}))
"""


def stage_shares(corpus: Path, out: Path, pages: int) -> None:
    """Each stage's share of the CPU time of a 1-job run (separate process, per-stage timers)."""
    done = subprocess.run([sys.executable, "-c", STAGE_TIMERS, str(corpus), str(out)],
                          capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    total = figures["total"]
    print(f"\nstage shares, 1 job, {pages} pages, {total:.1f} CPU s ({pages / total:.1f} pages per CPU s):")
    for stage, seconds in sorted(figures["stages"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<38} {seconds:>7.2f} s {seconds / total:>6.1%}")


def by_copies(source: Path, copies_list: list[int], jobs_list: list[int], stages: bool = True) -> None:
    print(f"{'copies':>6} {'jobs':>4} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak RSS main MB':>17} {'peak RSS worker MB':>19}")
    for copies in copies_list:
        with tempfile.TemporaryDirectory(prefix="polycorpus-bench-") as tmp:
            corpus = Path(tmp) / "corpus"
            pages = build(source, copies, corpus)
            for jobs in jobs_list:
                seconds, _, main_mb, child_mb, _ = align_once(corpus, Path(tmp) / "out", jobs, "local")
                print(f"{copies:>6} {jobs:>4} {pages:>6} {seconds:>8.1f} {pages / seconds:>8.1f} "
                      f"{main_mb:>17.0f} {child_mb if jobs > 1 else float('nan'):>19.0f}", flush=True)
            if stages and copies == copies_list[0]:
                stage_shares(corpus, Path(tmp) / "out-stages", pages)


def by_engine(source: Path, engines: list[str], sizes: list[int], jobs: int, repeat: int) -> None:
    per_copy = sum(1 for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))
    print(f"jobs {jobs}, best of {repeat} interleaved runs per engine; seconds are wall time of a fresh "
          "`align` in a new process (Dask: cluster start included; in brackets: inside align_corpus)")
    print(f"{'pages':>6} {'engine':>6} {'runs (s)':>28} {'best s':>7} {'pages/s':>8} "
          f"{'vs local':>8} {'CPU s':>7} {'CPU vs local':>12} {'RSS main MB':>11} {'RSS child MB':>12}")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="polycorpus-bench-") as tmp:
            corpus = Path(tmp) / "corpus"
            pages = build(source, math.ceil(size / per_copy), corpus)
            times: dict[str, list[tuple[float, float, float, float, float]]] = {e: [] for e in engines}
            for r in range(repeat):
                # alternate the order, so neither engine always runs in the same load slot
                for engine in engines if r % 2 == 0 else list(reversed(engines)):
                    times[engine].append(align_once(corpus, Path(tmp) / f"out-{engine}", jobs, engine))
            best_local = min(t[0] for t in times["local"]) if "local" in times else None
            cpu_local = min(t[4] for t in times["local"]) if "local" in times else None
            for engine in engines:
                runs = times[engine]
                best = min(t[0] for t in runs)
                best_inner = min(t[1] for t in runs)
                cpu = min(t[4] for t in runs)
                vs = f"{best / best_local - 1:+.1%}" if best_local else ""
                cpu_vs = f"{cpu / cpu_local - 1:+.1%}" if cpu_local else ""
                shown = " ".join(f"{t[0]:.1f}" for t in runs)
                print(f"{pages:>6} {engine:>6} {shown:>28} {best:>7.1f} {pages / best:>8.1f} {vs:>8} "
                      f"{cpu:>7.1f} {cpu_vs:>12} {max(t[2] for t in runs):>11.0f} {max(t[3] for t in runs):>12.0f}"
                      f"  [{best_inner:.1f}]", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--jobs", type=int, nargs="+", default=None)
    ap.add_argument("--engine", nargs="+", choices=["local", "dask"], default=None,
                    help="compare these engines (with --pages and --repeat) instead of the --copies table")
    ap.add_argument("--pages", type=int, nargs="+", default=[2000, 4000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-stages", dest="stages", action="store_false",
                    help="skip the per-stage shares of a 1-job run")
    args = ap.parse_args()
    source = args.data / "sitebench" / "corpus"
    if not source.is_dir():
        print(f"{source} not found: using the bundled corpus/")
        source = REPO / "corpus"
    if args.engine:
        by_engine(source, args.engine, args.pages, (args.jobs or [2])[0], args.repeat)
    else:
        by_copies(source, args.copies, args.jobs or [1, 2], args.stages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
