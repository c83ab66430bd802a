"""Paragraphs per second on one core: polycorpus.language.identify against
plain langdetect on the same paragraphs, in the same run.

    python benchmarks/bench_langid.py [--data ../shared/eval] [--limit 2000]

Reads ``langid/*.paragraphs.tsv`` (``label<TAB>text``) under --data and skips
with a message when the folder is absent. Not part of the test suite.
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


def rate(fn, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return len(texts) / (time.perf_counter() - start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "eval")
    ap.add_argument("--limit", type=int, default=2000, help="paragraphs to time (0 = all)")
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
    identify(texts[0])  # load profiles outside the timing
    plain(texts[0])
    # alternate the two twice so neither gets a warmer cache
    ld = max(rate(plain, texts), rate(plain, texts))
    ours = max(rate(identify, texts), rate(identify, texts))
    print(f"paragraphs: {len(texts)}")
    print(f"langdetect  {ld:8.1f} paragraphs/s")
    print(f"identify    {ours:8.1f} paragraphs/s")
    print(f"identify takes {ld / ours:.2f}x the time of plain langdetect")
    return 0


if __name__ == "__main__":
    sys.exit(main())
