"""Every quality-gate figure beside its floor.

    python benchmarks/eval_report.py [--data ../shared/eval] [--group sitebench ...] [--update-floors]

Measures what tests/test_quality_gate.py checks (benchmarks/eval_figures.py) and
prints one row a figure: value, floor, and whether it holds. --update-floors
raises every floor the figure now beats (a ceiling goes down) in
tests/quality_floors.json and never lowers one: lowering a floor is a hand edit
whose reason goes in the commit message. Skips when the data is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_figures as ef  # noqa: E402


def _commit() -> str:
    done = subprocess.run(["git", "-C", str(ef.REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown commit"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ef.eval_dir())
    ap.add_argument("--group", action="append", choices=ef.GROUPS, help="only these groups (default: all)")
    ap.add_argument("--update-floors", action="store_true", help="raise the floors that improved; never lowers one")
    args = ap.parse_args()
    why = ef.missing(args.data)
    if why:
        print(f"skipped: {why}")
        return
    doc = json.loads(ef.FLOORS.read_text(encoding="utf-8"))
    floors = doc["floors"]
    measured: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for group in args.group or ef.GROUPS:
            start = time.perf_counter()
            measured.update(ef.measure(group, args.data, Path(tmp) / group))
            print(f"# {group}: {time.perf_counter() - start:.1f} s (measured under load)", file=sys.stderr)

    print(f"{'figure':36} {'value':>8}  {'floor':>10}  ")
    raised, failing = [], []
    for name, value in measured.items():
        floor = floors.get(name)
        if floor is None:
            print(f"{name:36} {value:8.4f}  {'(none)':>10}  NO FLOOR")
            failing.append(name)
            continue
        ok = ef.passes(value, floor)
        kind = "min" if "min" in floor else "max"
        better = value > floor[kind] if kind == "min" else value < floor[kind]
        mark = "ok" if ok else "BELOW FLOOR"
        if ok and better:
            mark = "ok, improved"
        print(f"{name:36} {value:8.4f}  {ef.bound(floor):>10}  {mark}")
        if not ok:
            failing.append(name)
        if better and args.update_floors:
            floor[kind] = value
            floor["note"] = (f"raised at {_commit()} ({datetime.now(timezone.utc):%Y-%m-%d}): "
                             f"{floor['note'].split(': ', 1)[-1]}")
            raised.append(name)
    for name in sorted(set(floors) - set(measured)):
        if name.partition(".")[0] in (args.group or ef.GROUPS):
            print(f"{name:36} {'-':>8}  {ef.bound(floors[name]):>10}  NOT MEASURED")
            failing.append(name)
    if raised:
        ef.FLOORS.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"raised {len(raised)} floor(s) in {ef.FLOORS.relative_to(ef.REPO)}: {', '.join(raised)}")
    if failing:
        print(f"{len(failing)} figure(s) fail the gate: {', '.join(failing)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
