"""Measure the quality-gate figures on the evaluation data, with its own scorers.

Used by ``tests/test_quality_gate.py`` (which checks them against
``tests/quality_floors.json``) and by ``benchmarks/eval_report.py`` (which
prints them). Every run and scorer is a subprocess: ``polycorpus`` as a user
runs it, the scorers in the evaluation folder as they are shipped there (they
are never copied into this repository).

Groups, each measured by one run:

    seeds       polycorpus align corpus/                  score_corpus.py seeds/gold.json
    sitebench   polycorpus align sitebench/corpus         score_corpus.py sitebench/gold.json
    udhr-site   polycorpus align udhr-site/corpus         score_pairs.py udhr-site/gold.json
    langid-ntrex, langid-udhr
                polycorpus detect --per-line              score_langid.py langid/*.paragraphs.tsv
    textberg    polycorpus align-pair --unit line         score_ladder.py textberg/dev.defr
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
FLOORS = REPO / "tests" / "quality_floors.json"
GROUPS = ("seeds", "sitebench", "udhr-site", "langid-ntrex", "langid-udhr", "textberg")

# Tags of languages that a Serbian tag on their page or paragraph gets wrong.
LOOKALIKES = ("hr", "bs", "mk")


def eval_dir() -> Path:
    """$POLYCORPUS_EVAL, else ``../shared/eval`` beside the repository."""
    return Path(os.environ.get("POLYCORPUS_EVAL") or REPO.parent / "shared" / "eval")


def missing(data: Path) -> str | None:
    """Why the gate cannot run on ``data`` (None when it can)."""
    needed = ["score_corpus.py", "score_pairs.py", "score_langid.py", "score_ladder.py",
              "seeds/gold.json", "sitebench/gold.json", "udhr-site/gold.json", "textberg/dev.defr",
              "langid/ntrex-dev.paragraphs.tsv", "langid/udhr.paragraphs.tsv"]
    absent = [name for name in needed if not (data / name).exists()]
    if not absent:
        return None
    return (f"evaluation data not found at {data} (missing {', '.join(absent[:3])}"
            f"{' ...' if len(absent) > 3 else ''}); set POLYCORPUS_EVAL to the folder "
            f"that holds score_corpus.py to run the quality gate")


def _polycorpus() -> list[str]:
    script = Path(sys.executable).with_name("polycorpus")
    return [str(script)] if script.exists() else [sys.executable, "-m", "polycorpus.cli"]


def _run(args: list[str]) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed (exit {done.returncode}): {done.stderr[-800:]}")
    return done.stdout


def _align(corpus: Path, out: Path) -> None:
    _run(_polycorpus() + ["align", str(corpus), "--out", str(out), "--no-progress", "--quiet"])


def _score_json(scorer: Path, gold: Path, out: Path) -> dict:
    return json.loads(_run([sys.executable, str(scorer), str(gold), str(out), "--json"]))


def _pick(result: dict, names: list[str]) -> dict[str, float]:
    return {name: float(result[name] if result[name] is not None else 0.0) for name in names}


def seeds(data: Path, work: Path) -> dict[str, float]:
    out = work / "seeds"
    _align(REPO / "corpus", out)
    result = _score_json(data / "score_corpus.py", data / "seeds" / "gold.json", out)
    return _pick(result, ["bead_f1", "boilerplate_leak", "lang_accuracy"])


def sitebench(data: Path, work: Path) -> dict[str, float]:
    out = work / "sitebench"
    _align(data / "sitebench" / "corpus", out)
    result = _score_json(data / "score_corpus.py", data / "sitebench" / "gold.json", out)
    return _pick(result, ["bead_precision", "bead_recall", "bead_f1", "pair_precision", "pair_recall",
                          "boilerplate_leak", "content_recall", "lang_accuracy"])


def udhr_site(data: Path, work: Path) -> dict[str, float]:
    out = work / "udhr-site"
    _align(data / "udhr-site" / "corpus", out)
    gold_path = data / "udhr-site" / "gold.json"
    result = _score_json(data / "score_pairs.py", gold_path, out)
    figures = _pick(result, ["pair_precision", "pair_recall", "lang_accuracy", "par_lang_accuracy", "bead_f1"])
    # Pages in a look-alike language (hr, bs, mk) that the run tagged Serbian: a ceiling.
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["pages"]
    tags = {row["path"]: row["lang"] for row in pq.read_table(out / "documents.parquet",
                                                             columns=["path", "lang"]).to_pylist()}
    figures["lookalike_pages_as_sr"] = float(sum(
        1 for path, page in gold.items()
        if page["lang"] in LOOKALIKES and (tags.get(path) or "").startswith("sr")))
    return figures


def _langid(data: Path, name: str) -> dict[str, float]:
    cmd = " ".join(_polycorpus() + ["detect", "--per-line"])
    text = _run([sys.executable, str(data / "score_langid.py"), str(data / "langid" / name), "--cmd", cmd])
    figures = {}
    for line in text.splitlines():
        label = re.match(r"^(\S+)\s+([0-9.]+)\s+\(\d+/\d+\)$", line)
        if label:
            figures[label.group(1)] = float(label.group(2))
        ceiling = re.match(r"^non-Serbian tagged Serbian ([0-9.]+)", line)
        if ceiling:
            figures["non_sr_as_sr"] = float(ceiling.group(1))
    if "non_sr_as_sr" not in figures or len(figures) < 2:
        raise RuntimeError(f"could not read score_langid.py's output:\n{text}")
    return figures


def langid_ntrex(data: Path, work: Path) -> dict[str, float]:
    return _langid(data, "ntrex-dev.paragraphs.tsv")


def langid_udhr(data: Path, work: Path) -> dict[str, float]:
    return _langid(data, "udhr.paragraphs.tsv")


def textberg(data: Path, work: Path) -> dict[str, float]:
    folder = data / "textberg"
    ladder = _run(_polycorpus() + ["align-pair", str(folder / "dev.de"), str(folder / "dev.fr"), "--unit", "line"])
    test = work / "textberg.ladder"
    test.write_text(ladder, encoding="utf-8")
    text = _run([sys.executable, str(data / "score_ladder.py"), str(folder / "dev.defr"), str(test)])
    scores = dict(re.findall(r"(\w+)=([0-9.]+)", text))
    return {"f1_strict": float(scores["f1_strict"])}


MEASURE: dict[str, Callable[[Path, Path], dict[str, float]]] = {
    "seeds": seeds, "sitebench": sitebench, "udhr-site": udhr_site,
    "langid-ntrex": langid_ntrex, "langid-udhr": langid_udhr, "textberg": textberg,
}


def measure(group: str, data: Path, work: Path) -> dict[str, float]:
    """The figures of one group, named ``group.figure``; ``work`` is a scratch folder."""
    work.mkdir(parents=True, exist_ok=True)
    return {f"{group}.{name}": value for name, value in MEASURE[group](data, work).items()}


def load_floors(path: Path = FLOORS) -> dict[str, dict]:
    """``{"group.figure": {"min" or "max": value, "tolerance": t, "note": why}}``."""
    return json.loads(path.read_text(encoding="utf-8"))["floors"]


def passes(value: float, floor: dict) -> bool:
    """A "min" floor holds a figure at or above it, a "max" one (a ceiling) at or below it,
    both give or take the floor's tolerance (0 when it has none: runs are deterministic)."""
    tolerance = floor.get("tolerance", 0.0)
    if "min" in floor:
        return value >= floor["min"] - tolerance - 1e-9
    return value <= floor["max"] + tolerance + 1e-9


def bound(floor: dict) -> str:
    return f">= {floor['min']}" if "min" in floor else f"<= {floor['max']}"
