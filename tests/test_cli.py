"""The CLI through click's CliRunner: end to end on the bundled corpus/, errors, help."""
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from polycorpus.cli import cli

from .conftest import REPO

CORPUS = REPO / "corpus"
SERBIAN, ENGLISH = "000_ad17acab7a2060d7.txt", "001_3d0c66032a80aa06.txt"
CHROME = ["Qamil Hoxha", "Opening Hours", "Connect with us", "Load More", "We are pleased to announce",
          "Mon – Fri", "10000, Kosovo", "appartment no. 7"]


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(cli, ["align", str(CORPUS), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "page pairs: 1" in result.output  # the run summary goes to stderr, mixed in here
    return out


def test_seed_corpus_pairs_the_serbian_and_english_pages(seed_out):
    rows = pq.read_table(seed_out / "pairs" / "en-sr_Latn").to_pylist()
    assert {(r["src_path"], r["tgt_path"]) for r in rows} == {(ENGLISH, SERBIAN)}
    assert [(r["src_par_idx"], r["tgt_par_idx"]) for r in rows] == [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3])]
    assert all(r["alignment_type"] == "1-1" and 0.0 <= r["score"] <= 1.0 for r in rows)
    assert rows[0]["src_text"] == "Strengthening Peace and State-building"
    assert rows[0]["tgt_text"] == "Jačanje mira i izgradnja države"
    # the glued address is split off: the last Serbian paragraph ends with its own sentence
    assert rows[3]["tgt_text"].endswith("na Kosovu i Zapadnom Balkanu.")


def test_seed_corpus_exports_no_boilerplate(seed_out):
    texts = [t for r in pq.read_table(seed_out / "pairs" / "en-sr_Latn").to_pylist() for t in (r["src_text"], r["tgt_text"])]
    for chrome in CHROME:
        assert not any(chrome in t for t in texts), chrome


def test_seed_corpus_documents_and_languages(seed_out):
    docs = {d["path"]: d for d in pq.read_table(seed_out / "documents.parquet").to_pylist()}
    assert set(docs) == {p.name for p in CORPUS.iterdir()}
    assert {p: d["lang"] for p, d in docs.items()} == {
        SERBIAN: "sr-Latn", ENGLISH: "en", "002_06f74399f261de74.txt": "sq",
        "003_359f431528798379.txt": "sq", "004_ba943c2bb00f95ec.txt": "en",
    }
    assert docs[SERBIAN]["status"] == "paired" and docs[SERBIAN]["paired_with"] == [ENGLISH]
    assert docs["002_06f74399f261de74.txt"]["status"] == "unpaired"
    assert docs["002_06f74399f261de74.txt"]["unpaired_reason"]
    assert docs[SERBIAN]["n_boilerplate"] >= 7 and docs[SERBIAN]["n_paragraphs"] == 4


def test_paragraphs_audit_trail_keeps_every_line_with_a_reason(seed_out):
    rows = pq.read_table(seed_out / "paragraphs.parquet").to_pylist()
    serbian = [r for r in rows if r["path"] == SERBIAN]
    dropped = [r for r in serbian if r["is_boilerplate"]]
    assert any(r["text"].startswith("Qamil Hoxha street") for r in dropped)
    assert all(r["reason"] and r["reason"] != "content" for r in dropped)
    kept = [r for r in serbian if not r["is_boilerplate"]]
    assert [r["index"] for r in kept] == [0, 1, 2, 3] and all(r["lang"] == "sr-Latn" for r in kept)


def test_schema_metadata_has_the_format_version(seed_out):
    meta = pq.read_schema(seed_out / "documents.parquet").metadata
    assert meta[b"polycorpus.format_version"] == b"1.1"


def test_rerun_replaces_the_output_and_leaves_no_temporary_folders(seed_out, tmp_path):
    out = tmp_path / "out"
    for _ in range(2):
        assert CliRunner().invoke(cli, ["align", str(CORPUS), "--out", str(out), "-j", "1", "-q"]).exit_code == 0
    # the work folder beside OUT stays on purpose: the next run reuses it
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.work", "out"]


def test_bad_file_does_not_stop_the_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Ovo je jedna obična rečenica na srpskom jeziku, pre svega.", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(bytes(range(128, 256)) * 2 + b"\x81\x98")
    result = CliRunner().invoke(cli, ["align", str(corpus), "--out", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "files failed: 1" in result.output
    docs = {d["path"]: d for d in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert docs["bad.txt"]["status"] == "undecodable" and docs["bad.txt"]["error"]
    assert docs["good.txt"]["status"] == "unpaired"


def test_a_page_over_the_size_limit_is_too_large_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "small.txt").write_text("Ovo je jedna obična rečenica na srpskom jeziku, pre svega.", encoding="utf-8")
    (corpus / "big.txt").write_text("Ovo je jedna duga stranica na srpskom jeziku. " * 200, encoding="utf-8")  # 9 KB
    result = CliRunner().invoke(cli, ["align", str(corpus), "--out", str(tmp_path / "out"), "-j", "1",
                                      "--max-page-mb", "0.005"])  # 5,242 bytes
    assert result.exit_code == 0, result.output
    assert "files failed: 1" in result.output and "too-large" in result.output
    docs = {d["path"]: d for d in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert docs["big.txt"]["status"] == "too-large" and "page size limit" in docs["big.txt"]["error"]
    assert docs["small.txt"]["status"] == "unpaired"
    # the default limit (10 MB) reads both
    result = CliRunner().invoke(cli, ["align", str(corpus), "--out", str(tmp_path / "out2"), "-j", "1"])
    assert result.exit_code == 0 and "files failed: 0" in result.output


def test_a_negative_page_size_limit_is_refused():
    result = CliRunner().invoke(cli, ["align", "corpus", "--max-page-mb", "-1"])
    assert result.exit_code != 0 and "max-page-mb" in result.output


def test_missing_corpus_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["align", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_unwritable_out_is_a_clear_error_and_keeps_what_was_there(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["align", str(CORPUS), "--out", str(blocker / "out"), "-j", "1"])
    assert result.exit_code == 1 and "Error" in result.output and "Traceback" not in result.output
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(cli, ["align", str(CORPUS), "--out", str(foreign), "-j", "1"])
    assert result.exit_code == 1 and "not a polycorpus output" in result.output
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_parallel_run_gives_the_same_rows_as_one_job(tmp_path, seed_out):
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["align", str(CORPUS), "--out", str(out), "-j", "2", "-q"]).exit_code == 0
    one = pq.read_table(seed_out / "pairs").to_pylist()
    two = pq.read_table(out / "pairs").to_pylist()
    assert one == two


def test_detect_per_line(tmp_path):
    sample = tmp_path / "lines.txt"
    sample.write_text(
        "Ђаци ће моћи да читају књиге сваког дана после наставе у школи.\n"
        "\n"
        "The committee will publish its final report next week in Pristina.\n"
        "Komuna do të hapë një bibliotekë të re për nxënësit e shkollës.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["detect", "--per-line", str(sample)])
    assert result.exit_code == 0, result.output
    tags = [line.split("\t")[0] for line in result.output.splitlines()]
    assert tags == ["sr-Cyrl", "und", "en", "sq"]


def test_detect_per_file_on_the_seed_page():
    result = CliRunner().invoke(cli, ["detect", str(CORPUS / SERBIAN)])
    assert result.exit_code == 0
    path, tag, conf = result.output.strip().split("\t")
    assert path.endswith(SERBIAN) and tag == "sr-Latn" and 0 < float(conf) <= 1


def test_detect_unreadable_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["detect", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "cannot read" in result.output


def test_align_pair_ladder_covers_every_segment(tmp_path):
    src, tgt = tmp_path / "en.txt", tmp_path / "sr.txt"
    src.write_text("The report was published on 3 May 2024.\n\nIt has 45 pages.\n\nThe authors thank the donors.\n",
                   encoding="utf-8")
    tgt.write_text("Izveštaj je objavljen 3. maja 2024.\n\nIma 45 strana.\n\nAutori se zahvaljuju donatorima.\n",
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["align-pair", str(src), str(tgt), "--format", "ladder"])
    assert result.exit_code == 0, result.output
    beads = [line.rsplit(":", 1)[0] for line in result.output.splitlines()]
    assert beads == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


def test_export_and_stats_commands(seed_out, tmp_path):
    result = CliRunner().invoke(cli, ["export", str(seed_out), "--tmx", str(tmp_path / "tmx"), "--tsv", str(tmp_path / "tsv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tmx" / "en-sr_Latn.tmx").is_file() and (tmp_path / "tsv" / "en-sr_Latn.tsv").is_file()
    result = CliRunner().invoke(cli, ["stats", str(seed_out)])
    assert result.exit_code == 0 and "pair en-sr_Latn: 4 rows" in result.output
    result = CliRunner().invoke(cli, ["export", str(seed_out)])
    assert result.exit_code == 2 and "--tmx" in result.output
    result = CliRunner().invoke(cli, ["stats", str(tmp_path)])
    assert result.exit_code == 1 and "not a polycorpus output" in result.output


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=" ".join)
def test_every_command_has_help_text_with_an_example(path):
    command = dict(_commands(cli))[path]
    assert command.help and len(command.help) > 40
    assert "Example" in command.help
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    for param in command.params:
        if param.param_type_name == "option" and param.name not in ("help",):
            assert param.help, f"{path} --{param.name} has no help"


def test_detect_prefer_breaks_only_ties(tmp_path):
    sample = tmp_path / "lines.txt"
    # no cue for any standard; then an ijekavian (Croatian or Bosnian) line
    sample.write_text("Mislim da to znači da poruke nisu isporučene.\n"
                      "Ovo je bilo prije dvije godine, rekao je on.\n", encoding="utf-8")
    default = CliRunner().invoke(cli, ["detect", "--per-line", str(sample)])
    serbian = CliRunner().invoke(cli, ["detect", "--per-line", "--prefer", "sr", str(sample)])
    assert [line.split("\t")[0] for line in default.output.splitlines()] == ["hr", "hr"]
    assert [line.split("\t")[0] for line in serbian.output.splitlines()] == ["sr-Latn", "hr"]
    bad = CliRunner().invoke(cli, ["detect", "--prefer", "xx", str(sample)])
    assert bad.exit_code == 2 and "xx" in bad.output


def test_detect_per_file_leaves_the_chrome_out(tmp_path):
    # a short Serbian article in a page whose English footer is longer
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/about'>About us</a> <a href='/contact'>Contact</a></nav>"
        "<article><p>Opština je juče usvojila budžet za narednu godinu.</p></article>"
        "<footer><p>The institute is an independent think tank based in Pristina, working on political, "
        "social and security issues across the region. Subscribe to our newsletter to receive our "
        "latest reports. Follow us on Facebook and Twitter. Copyright 2024 All rights reserved.</p>"
        "<p>Address: Qamil Hoxha street 10, Pristina 10000. Opening hours Monday to Friday 9:00 to 17:00.</p>"
        "</footer></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["detect", str(page)])
    assert result.exit_code == 0, result.output
    assert result.output.split("\t")[1] == "sr-Latn"
    # line by line, the footer is English as it stands
    lines = CliRunner().invoke(cli, ["detect", "--per-line", str(page)]).output.splitlines()
    assert "en" in [line.split("\t")[0] for line in lines]
