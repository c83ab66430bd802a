"""The corpus opens without glue in the tools its users have: translate-toolkit's
TMX reader, Hugging Face datasets, pandas, DuckDB."""
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import polycorpus
from polycorpus.cli import cli

from .conftest import REPO


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("interop")
    result = CliRunner().invoke(cli, ["align", str(REPO / "corpus"), "--out", str(folder / "out"), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["export", str(folder / "out"), "--tmx", str(folder / "tmx"), "--card"])
    assert result.exit_code == 0, result.output
    return folder


def test_translate_toolkit_reads_one_unit_per_two_sided_row(out):
    from translate.storage.tmx import tmxfile

    rows = polycorpus.load(out / "out", pair="en-sr_Latn", both_sides=True)
    with open(out / "tmx" / "en-sr_Latn.tmx", "rb") as fh:
        store = tmxfile(fh, "en", "sr-Latn")
    units = [u for u in store.units if u.source]
    assert len(units) == len(rows) == 4
    assert [u.source for u in units] == list(rows.src_text)
    assert [u.target for u in units] == list(rows.tgt_text)
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for u in units for tuv in u.xmlelement.iter("tuv")}
    assert langs == {"en", "sr-Latn"}


def test_datasets_pandas_and_load_agree(out):
    import datasets

    files = sorted(str(p) for p in (out / "out" / "pairs").rglob("*.parquet"))
    hf = datasets.load_dataset("parquet", data_files=files, split="train", cache_dir=str(out / "hf-cache"))
    frame = pd.concat([pd.read_parquet(f) for f in files])
    assert hf.num_rows == len(frame) == len(polycorpus.load(out / "out"))
    assert hf.features["src_text"].dtype == "string"


def test_duckdb_queries_the_pairs_glob(out):
    import duckdb

    pattern = str(out / "out" / "pairs" / "**" / "*.parquet")
    con = duckdb.connect()
    [(n, pairs)] = con.execute(f"SELECT count(*), count(DISTINCT pair) FROM read_parquet('{pattern}')").fetchall()
    assert n == len(polycorpus.load(out / "out")) and pairs == 1


def test_card_points_datasets_at_each_pair(out):
    card = (out / "out" / "README.md").read_text(encoding="utf-8")
    assert "config_name: en-sr_Latn" in card and "language_bcp47:" in card
