"""Speed of the aligner: two documents of 1,000 to 10,000 segments.

    python benchmarks/bench_align.py [--data ../shared/eval] [--sizes 1000,2000,5000,10000] [--repeat 3]

The documents are the Text+Berg development pair (German-French, one sentence
a line) repeated to the wanted length; prints seconds per size for ``align``
(one pass) and ``align_many`` (two passes with a learned lexicon), the best of
``--repeat`` runs (other processes on a shared machine only ever add time),
and the growth factor from the smallest to the largest size.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from polycorpus.align import align, align_many

REPO = Path(__file__).resolve().parent.parent


def repeat(lines: list[str], n: int) -> list[str]:
    return [lines[k % len(lines)] for k in range(n)]


def timed(fn, repeat: int = 1) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "eval")
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the best is shown")
    args = ap.parse_args()
    src_file = args.data / "textberg" / "dev.de"
    tgt_file = args.data / "textberg" / "dev.fr"
    if not (src_file.exists() and tgt_file.exists()):
        print(f"skipped: no Text+Berg data under {args.data} (give --data)")
        return 0
    src = src_file.read_text(encoding="utf-8").splitlines()
    tgt = tgt_file.read_text(encoding="utf-8").splitlines()
    sizes = [int(x) for x in args.sizes.split(",")]
    align(src[:50], tgt[:50])  # warm-up: imports, first allocations
    rows = []
    print(f"{'segments':>10} {'align s':>9} {'align_many s':>13} {'beads':>7}")
    for n in sizes:
        s, t = repeat(src, n), repeat(tgt, round(n * len(tgt) / len(src)))
        out: list = []
        t1 = timed(lambda s=s, t=t, out=out: out.append(align(s, t, "de", "fr")), args.repeat)
        t2 = timed(lambda s=s, t=t: align_many([(s, t)], "de", "fr"), args.repeat)
        rows.append((n, t1, t2))
        print(f"{n:>10} {t1:>9.2f} {t2:>13.2f} {len(out[0]):>7}")
    (n0, a0, m0), (n1, a1, m1) = rows[0], rows[-1]
    print(f"growth {n0} -> {n1} segments (x{n1 / n0:.0f}): align x{a1 / a0:.1f}, align_many x{m1 / m0:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
