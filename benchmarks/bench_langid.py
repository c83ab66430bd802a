"""Paragraphs per second on one core: polycorpus.language.identify against
plain langdetect on the same paragraphs, in the same run.

    python benchmarks/bench_langid.py [--data ../shared/eval] [--limit 2000] [--repeat 3]

Reads ``langid/*.paragraphs.tsv`` (``label<TAB>text``) under --data and skips
with a message when the folder is absent. Prints the best of --repeat runs,
by wall clock and by the process's CPU time (the CPU figure is the steadier
one on a shared machine), then the time identify takes on a 1 MB paragraph
of one line (the scan reads a bounded sample of it). Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load(data: Path, limit: int) -> list[str]:
    texts: list[str] = []
    for path in sorted((data / "langid").glob("*.paragraphs.tsv")):
        for line in path.open(encoding="utf-8"):
            text = line.rstrip("\n").partition("\t")[2]
            if text.strip():
                texts.append(text)
    # interleave files/labels evenly rather than taking the first label only
    step = max(1, len(texts) // limit) if limit else 1
    return texts[::step][:limit] if limit else texts


def rate(fn, texts: list[str]) -> tuple[float, float]:
    """(paragraphs per wall-clock second, paragraphs per CPU second)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        fn(text)
    return len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)


def best(fn, texts: list[str], repeat: int) -> tuple[float, float]:
    runs = [rate(fn, texts) for _ in range(repeat)]
    return max(r[0] for r in runs), max(r[1] for r in runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "eval")
    ap.add_argument("--limit", type=int, default=2000, help="paragraphs to time (0 = all)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = ap.parse_args()
    if not (args.data / "langid").is_dir():
        print(f"skipped: no langid data under {args.data}")
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY
    from langdetect.lang_detect_exception import LangDetectException

    from polycorpus.language import identify

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)

    def plain(text: str) -> None:
        detector = factory.create()
        detector.append(text)
        try:
            detector.get_probabilities()
        except LangDetectException:
            pass

    texts = load(args.data, args.limit)
    identify(texts[0])  # load profiles and models outside the timing
    plain(texts[0])
    ld = best(plain, texts, args.repeat)
    ours = best(identify, texts, args.repeat)
    print(f"paragraphs: {len(texts)}, best of {args.repeat}")
    print(f"langdetect  {ld[0]:8.1f} paragraphs/s wall  {ld[1]:8.1f} paragraphs/s CPU")
    print(f"identify    {ours[0]:8.1f} paragraphs/s wall  {ours[1]:8.1f} paragraphs/s CPU")
    print(f"identify takes {ld[1] / ours[1]:.2f}x the CPU time of plain langdetect")
    line = " ".join(texts)
    line = (line * (1_000_000 // max(1, len(line)) + 1))[:1_000_000]
    start = time.perf_counter()
    result = identify(line)
    took = time.perf_counter() - start
    print(f"1 MB paragraph of one line: {took * 1000:.1f} ms ({1 / took:.1f} MB/s), tag {result.tag}, "
          f"{next((e for e in result.evidence if e.startswith('sampled:')), 'read whole')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
