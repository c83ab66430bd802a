"""Speed, memory and quality of the aligner, side by side with hunalign.

    python benchmarks/bench_align.py [--data ../shared/eval] [--sizes 1000,10000] [--repeat 3]
                                     [--hunalign PATH/TO/hunalign]

The input is NTREX English against Serbian Latin (one sentence a line, from
``langid/ntrex-dev.sentences.tsv``) repeated to the wanted number of source
lines, with 3% of the target lines dropped at random (seed 0), so that the
gold alignment is known: 1-1 beads and a 1-0 bead per dropped line.

Per size it runs ``polycorpus align-pair --unit line`` as a subprocess, the
best of ``--repeat`` runs (other processes on a shared machine only ever add
time), wall and CPU (user + system) seconds, with its peak resident memory
(``os.wait4``) and strict F1 against the gold. With ``--hunalign``, the same input, tokenised (words and punctuation
split by spaces), goes through that binary with an empty dictionary
(``hunalign -utf EMPTY.dic src tgt``: its length-based pass, an automatic
dictionary, a realignment), timed and scored the same way, the runs of the
two taking turns, and the ratios of the two times are printed. Without ``--hunalign`` the comparison is skipped.

It also prints the Text+Berg German-French dev strict F1 of ``align-pair``,
the start-up time of ``align-pair`` on two one-line files (best of 5), and the
cost of paragraph-sized documents, what the pipeline aligns (``--small N``):
N document pairs of 7 NTREX paragraphs a side (English against Serbian Latin
and Albanian, from ``langid/ntrex-dev.paragraphs.tsv``; per pair a few target
paragraphs dropped, merged or split, seed 0), aligned in process by both
passes (``first_pass``, ``Evidence.learn``, ``second_pass``), CPU milliseconds
per pair and pass, best of ``--repeat``.
"""
from __future__ import annotations

import argparse
import importlib.util
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DROP = 0.03
_TOKEN = re.compile(r"\w+|[^\w\s]")


def polycorpus_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("polycorpus")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "polycorpus.cli"]


def run(cmd: list[str], out: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident MB of one subprocess run,
    in the output's folder (hunalign leaves a translate.txt where it runs)."""
    stdout = open(out, "wb") if out else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        # stderr to a file, not a pipe: nobody reads a pipe while we poll, and
        # hunalign's progress lines could fill it
        errfile = tempfile.TemporaryFile()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=errfile, cwd=out.parent if out else None)
        # The peak is read from /proc while the process runs: wait4's ru_maxrss
        # starts from this (large) benchmark process's size, since the child is
        # spawned from it, so every command would show at least our own size.
        peak_kb = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak_kb = max(peak_kb, _vm_hwm_kb(proc.pid))
            time.sleep(0.005)
        wall = time.perf_counter() - start
    finally:
        if out:
            stdout.close()
    errfile.seek(0)
    err = errfile.read().decode(errors="replace")
    errfile.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {err[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024


def _vm_hwm_kb(pid: int) -> int:
    """The process's peak resident size so far (VmHWM, in KB), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def best_of(cmd: list[str], repeat: int, out: Path | None = None) -> tuple[float, float, float]:
    """Best wall and CPU seconds of ``repeat`` runs, and the highest peak RSS."""
    return race({"": (cmd, out)}, repeat)[""]


def race(cmds: dict[str, tuple[list[str], Path | None]], repeat: int) -> dict[str, tuple[float, float, float]]:
    """``best_of`` for several commands, their runs taking turns, so that the
    load of a shared machine falls on all of them alike."""
    best = {name: (math.inf, math.inf, 0.0) for name in cmds}
    for _ in range(repeat):
        for name, (cmd, out) in cmds.items():
            wall, used, rss = run(cmd, out)
            w, c, r = best[name]
            best[name] = (min(w, wall), min(c, used), max(r, rss))
    return best


def ntrex_pair(data: Path, n: int) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """n English lines, their Serbian Latin translations minus 3%, and the gold beads."""
    by_label: dict[str, list[str]] = {"en": [], "sr-Latn": []}
    for line in (data / "langid" / "ntrex-dev.sentences.tsv").open(encoding="utf-8"):
        label, _, text = line.rstrip("\n").partition("\t")
        if label in by_label:
            by_label[label].append(text)
    en, sr = by_label["en"], by_label["sr-Latn"]
    rng = random.Random(0)
    src, tgt, gold = [], [], []
    for k in range(n):
        src.append(en[k % len(en)])
        if rng.random() < DROP:
            gold.append(((k,), ()))
        else:
            gold.append(((k,), (len(tgt),)))
            tgt.append(sr[k % len(sr)])
    return src, tgt, gold


def read_polycorpus_ladder(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        a, b = line.split(":")[:2]
        beads.append((tuple(int(x) for x in a.strip("[]").split(",") if x.strip()),
                      tuple(int(x) for x in b.strip("[]").split(",") if x.strip())))
    return beads


def read_hunalign_ladder(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """hunalign's rungs (i, j, score): the stretch between two rungs is one bead."""
    rungs = [tuple(int(x) for x in line.split("\t")[:2])
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rungs or rungs[0] != (0, 0):
        rungs.insert(0, (0, 0))
    return [(tuple(range(i0, i1)), tuple(range(j0, j1)))
            for (i0, j0), (i1, j1) in zip(rungs, rungs[1:])]


def small_documents(data: Path, count: int) -> list[tuple[list[str], list[str]]]:
    """``count`` pairs of 7 English paragraphs against their Serbian Latin or
    Albanian translation, a few target paragraphs dropped, merged or split."""
    by_label: dict[str, list[str]] = {"en": [], "sr-Latn": [], "sq": []}
    for line in (data / "langid" / "ntrex-dev.paragraphs.tsv").open(encoding="utf-8"):
        label, _, text = line.rstrip("\n").partition("\t")
        if label in by_label:
            by_label[label].append(text)
    rng = random.Random(0)
    docs = []
    for k in range(count):
        start = rng.randrange(0, len(by_label["en"]) - 7)
        src = by_label["en"][start:start + 7]
        tgt = by_label["sr-Latn" if k % 2 == 0 else "sq"][start:start + 7]
        out, i = [], 0
        while i < len(tgt):
            r = rng.random()
            if r < 0.08:  # dropped
                i += 1
                continue
            if r < 0.16 and i + 1 < len(tgt):  # merged with the next
                out.append(tgt[i] + " " + tgt[i + 1])
                i += 2
                continue
            out.extend(tgt[i].split(". ") if r < 0.22 else [tgt[i]])  # split at sentences, or kept
            i += 1
        docs.append((src, out))
    return docs


def time_small(data: Path, count: int, repeat: int) -> tuple[float, float]:
    """Best CPU ms per document pair of the first and of the second pass."""
    from polycorpus.align import AlignParams, first_pass, second_pass

    docs = small_documents(data, count)
    params = AlignParams()
    best1 = best2 = math.inf
    for _ in range(repeat):
        t0 = time.process_time()
        runs, evidence = first_pass(docs, params)
        t1 = time.process_time()
        learned = evidence.learn(params)
        t2 = time.process_time()
        second_pass(docs, runs, learned, params)
        t3 = time.process_time()
        best1, best2 = min(best1, t1 - t0), min(best2, t3 - t2)
    return best1 / count * 1e3, best2 / count * 1e3


def load_scorer(data: Path):
    spec = importlib.util.spec_from_file_location("score_ladder", data / "score_ladder.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tokenised(lines: list[str]) -> str:
    return "".join(" ".join(_TOKEN.findall(line)) + "\n" for line in lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "eval")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the best is shown")
    ap.add_argument("--hunalign", type=Path, default=None, help="a hunalign binary to compare with")
    ap.add_argument("--small", type=int, default=200, help="paragraph-sized document pairs to time (0: skip)")
    args = ap.parse_args()
    args.data = args.data.resolve()  # the commands run in a temporary folder
    if not (args.data / "langid" / "ntrex-dev.sentences.tsv").exists():
        print(f"skipped: no NTREX data under {args.data} (give --data)")
        return 0
    if args.hunalign is not None and not os.access(args.hunalign, os.X_OK):
        print(f"--hunalign {args.hunalign}: not an executable", file=sys.stderr)
        return 2
    scorer = load_scorer(args.data)
    poly = polycorpus_cmd() + ["align-pair", "--unit", "line", "--src-lang", "en", "--tgt-lang", "sr-Latn"]
    tmp = Path(tempfile.mkdtemp(prefix="bench_align."))
    try:
        # start-up: one line each side, languages detected as a user would run it
        (tmp / "one.en").write_text("The cat sat on the mat.\n", encoding="utf-8")
        (tmp / "one.sr").write_text("Mačka je sedela na prostirci.\n", encoding="utf-8")
        startup, startup_cpu, _ = best_of(polycorpus_cmd() + ["align-pair", str(tmp / "one.en"), str(tmp / "one.sr")], 5)
        print(f"align-pair start-up on a one-line pair: {startup:.3f} s wall, {startup_cpu:.3f} s CPU (best of 5)")

        if args.small and (args.data / "langid" / "ntrex-dev.paragraphs.tsv").exists():
            first, second = time_small(args.data, args.small, args.repeat)
            print(f"small documents: {args.small} pairs of ~7x7 paragraphs, ms per pair: first pass {first:.2f}, "
                  f"second pass {second:.2f}, both {first + second:.2f} (CPU, best of {args.repeat})")

        tb = args.data / "textberg"
        if (tb / "dev.de").exists():
            out = tmp / "tb.ladder"
            run(polycorpus_cmd() + ["align-pair", "--unit", "line", str(tb / "dev.de"), str(tb / "dev.fr")], out)
            f1 = scorer.score([(scorer.read(tb / "dev.defr"), scorer.read(out))])["f1_strict"]
            print(f"Text+Berg dev de-fr strict F1: {f1:.4f}")

        empty_dict = tmp / "empty.dic"
        empty_dict.write_text("")
        print(f"\nNTREX en / sr-Latn, {DROP:.0%} of target lines dropped; best of {args.repeat}, "
              "wall and CPU seconds, "
              "peak RSS, strict F1; ratio: polycorpus over hunalign")
        head = f"{'segments':>17} {'polycorpus s':>12} {'cpu s':>6} {'MB':>6} {'F1':>6}"
        if args.hunalign:
            head += f" {'hunalign s':>10} {'cpu s':>6} {'MB':>6} {'F1':>6} {'ratio':>5} {'cpu':>5}"
        print(head)
        for n in (int(x) for x in args.sizes.split(",")):
            src, tgt, gold = ntrex_pair(args.data, n)
            (tmp / "src.txt").write_text("".join(s + "\n" for s in src), encoding="utf-8")
            (tmp / "tgt.txt").write_text("".join(t + "\n" for t in tgt), encoding="utf-8")
            runs = {"polycorpus": (poly + [str(tmp / "src.txt"), str(tmp / "tgt.txt")], tmp / "poly.ladder")}
            if args.hunalign:
                (tmp / "src.tok").write_text(tokenised(src), encoding="utf-8")
                (tmp / "tgt.tok").write_text(tokenised(tgt), encoding="utf-8")
                runs["hunalign"] = ([str(args.hunalign), "-utf", str(empty_dict), str(tmp / "src.tok"),
                                     str(tmp / "tgt.tok")], tmp / "hun.ladder")
            figures = race(runs, args.repeat)
            p_time, p_cpu, p_mem = figures["polycorpus"]
            p_f1 = scorer.score([(gold, read_polycorpus_ladder(tmp / "poly.ladder"))])["f1_strict"]
            row = f"{len(src):>8} x {len(tgt):>6} {p_time:>12.2f} {p_cpu:>6.2f} {p_mem:>6.0f} {p_f1:>6.4f}"
            if args.hunalign:
                h_time, h_cpu, h_mem = figures["hunalign"]
                h_f1 = scorer.score([(gold, read_hunalign_ladder(tmp / "hun.ladder"))])["f1_strict"]
                row += (f" {h_time:>10.2f} {h_cpu:>6.2f} {h_mem:>6.0f} {h_f1:>6.4f} {p_time / h_time:>5.2f}"
                        f" {p_cpu / h_cpu:>5.2f}")
            print(row, flush=True)
        if not args.hunalign:
            print("(no --hunalign binary given: comparison skipped)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
