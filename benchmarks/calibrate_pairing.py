"""Fit page_pair_score's logistic on one sitebench site; check it on others.

    python benchmarks/calibrate_pairing.py [--data ../shared/eval] [--fit site-a]
        [--check site-b udhr-site] [--write]

Every candidate of the last learn-and-rescore round of the fit site is a
sample: label 1 when gold pairs its two pages, 0 otherwise. A logistic
regression (Newton's method, a small L2 penalty so a cleanly separated site
does not push the weights to infinity) fits the weights of
``data/pairing_weights.json`` (``--write`` stores them). Then, for the fit
site and each check site, a reliability table: candidates binned by score,
the share of each bin that gold pairs. Calibrated means a bin's share is
close to its scores. Reads eval data at run time; skips when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from polycorpus import boilerplate, ingest, pipeline
from polycorpus.pairing import final_candidates
from polycorpus.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("bias", "cos", "margin", "length", "blocks")


def site_docs(corpus: Path, site: str | None, settings: Settings):
    for name, files in ingest.iter_sites(corpus):
        if site is not None and name != site:
            continue
        pages = [p for p in (ingest.read_page(f, None) for f in files) if hasattr(p, "blocks")]
        decisions = boilerplate.strip_site(pages, settings)
        yield [pipeline.build_document(p, lines, settings) for p, lines in zip(pages, decisions)]


def samples(data: Path, which: str, settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if which.startswith("site-"):
        corpus, gold_path, site = data / "sitebench" / "corpus", data / "sitebench" / "gold.json", which
    else:
        corpus, gold_path, site = data / which / "corpus", data / which / "gold.json", None
    gold = json.loads(gold_path.read_text())
    truth = {frozenset((p["a"], p["b"])) for p in gold.get("pairs", []) + gold.get("pairs_nobeads", [])}
    rows, labels, scores = [], [], []
    for docs in site_docs(corpus, site, settings):
        tag = {d.path: d.lang.tag for d in docs}
        for c in final_candidates(docs, settings):
            if {tag[c.a], tag[c.b]} == {"sr-Latn", "sr-Cyrl"}:
                continue  # one language in two scripts: matched, never output
            rows.append(c.features.as_row())
            labels.append(1.0 if frozenset((c.a, c.b)) in truth else 0.0)
            scores.append(c.score)
    return np.array(rows), np.array(labels), np.array(scores)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    w = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0  # the bias is not penalised
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + reg @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def reliability(name: str, scores: np.ndarray, y: np.ndarray) -> None:
    print(f"{name}: {len(y)} candidates, {int(y.sum())} gold pairs among them")
    print("  score bin      n   gold share")
    for lo in (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
        hi = {0.0: 0.1, 0.1: 0.2, 0.2: 0.3, 0.3: 0.5, 0.5: 0.7, 0.7: 0.8, 0.8: 0.9, 0.9: 0.95, 0.95: 1.01}[lo]
        m = (scores >= lo) & (scores < hi)
        if m.any():
            print(f"  [{lo:.2f},{min(hi, 1.0):.2f})  {int(m.sum()):5d}   {y[m].mean():.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--fit", default="site-a")
    ap.add_argument("--check", nargs="*", default=["site-b", "udhr-site"])
    ap.add_argument("--write", action="store_true", help="store the fitted weights")
    args = ap.parse_args()
    if not (args.data / "sitebench").is_dir():
        print(f"skip: no eval data at {args.data}", file=sys.stderr)
        return
    settings = Settings(jobs=1)
    x, y, _ = samples(args.data, args.fit, settings)
    w = fit(x, y)
    print("fitted on", args.fit, {k: round(float(v), 3) for k, v in zip(NAMES, w)})
    if args.write:
        path = ROOT / "src" / "polycorpus" / "data" / "pairing_weights.json"
        table = {
            "about": ("logistic coefficients of page_pair_score over the features of pairing/score.py; "
                      f"fitted by benchmarks/calibrate_pairing.py on sitebench {args.fit}"),
            "coef": {k: round(float(v), 3) for k, v in zip(NAMES, w)},
        }
        path.write_text(json.dumps(table, indent=2) + "\n")
        from polycorpus.pairing import score
        score.weights.cache_clear()
    for name in [args.fit] + list(args.check):
        _, y2, s2 = samples(args.data, name, settings)
        reliability(name, s2, y2)


if __name__ == "__main__":
    main()
