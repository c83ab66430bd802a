"""Build the corpus for a folder of pages (default: the sitebench corpus of the
evaluation data) and check that every consumer reads the same thing:
translate-toolkit's TMX reader, Hugging Face datasets, pandas, polycorpus.load
and DuckDB. Prints the figures; exits non-zero when a check fails.

    python benchmarks/check_interop.py [--data ../shared/eval] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

import polycorpus
from polycorpus.export import export_corpus

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "eval")
    ap.add_argument("--corpus", type=Path, default=None, help="pages to build (default: DATA/sitebench/corpus)")
    args = ap.parse_args()
    corpus = args.corpus or args.data / "sitebench" / "corpus"
    if not corpus.is_dir():
        print(f"skipped: {corpus} not found")
        return 0
    import datasets
    import duckdb
    from translate.storage.tmx import tmxfile

    work = Path(tempfile.mkdtemp(prefix="polycorpus-interop-"))
    out = work / "out"
    report = polycorpus.align_corpus(corpus, out, progress=False)
    print(report.summary())
    export_corpus(out, tmx=work / "tmx", card=True)
    ok = True
    for name in polycorpus.reader.pair_names(out):
        rows = polycorpus.load(out, pair=name, both_sides=True)
        src, tgt = (t.replace("_", "-") for t in name.split("-", 1))
        with open(work / "tmx" / f"{name}.tmx", "rb") as fh:
            store = tmxfile(fh, src, tgt)
        units = [u for u in store.units if u.source]
        langs = {tuv.get(XML_LANG) for u in units for tuv in u.xmlelement.iter("tuv")}
        same = [u.source for u in units] == [s.strip() for s in rows.src_text] and \
               [u.target for u in units] == [t.strip() for t in rows.tgt_text]
        good = len(units) == len(rows) and langs == {src, tgt} and same
        ok &= good
        print(f"tmx {name}: {len(units)} units, {len(rows)} two-sided rows, xml:lang {sorted(langs)}, "
              f"texts identical: {same} -> {'ok' if good else 'FAIL'}")
    files = sorted(str(p) for p in (out / "pairs").rglob("*.parquet"))
    hf = datasets.load_dataset("parquet", data_files=files, split="train", cache_dir=str(work / "hf"))
    n_pandas = len(pd.concat([pd.read_parquet(f) for f in files]))
    n_load = len(polycorpus.load(out))
    [(n_duck,)] = duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{out}/pairs/**/*.parquet')").fetchall()
    same = hf.num_rows == n_pandas == n_load == n_duck
    ok &= same
    print(f"rows: datasets {hf.num_rows}, pandas {n_pandas}, polycorpus.load {n_load}, DuckDB {n_duck} -> "
          f"{'ok' if same else 'FAIL'}")
    print(f"output kept in {work}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
