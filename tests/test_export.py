"""Parquet schema, TMX 1.4b essentials (read with a real XML parser), TSV, the
dataset card, and load()/stats() on an output written from hand-made results."""
import xml.etree.ElementTree as ET
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from polycorpus import reader
from polycorpus.export import export_corpus
from polycorpus.export.parquet import CorpusWriter, pair_id, pair_name
from polycorpus.export.schema import DOCUMENTS, PAIRS, PARAGRAPHS
from polycorpus.models import (
    Bead,
    Block,
    Document,
    FailedPage,
    LangResult,
    LineDecision,
    Page,
    PagePair,
    Paragraph,
    SiteResult,
    Unpaired,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def document(path: str, tag: str, texts: list[str], chrome: list[str] = ()) -> Document:
    lines = [LineDecision(t, False, "content", 0.0, i) for i, t in enumerate(texts)]
    lines += [LineDecision(t, True, "contact", 0.9, len(texts) + i) for i, t in enumerate(chrome)]
    page = Page(path, "site-x", "text", "utf-8", tuple(Block(line.text) for line in lines))
    lang = LangResult(tag, 0.97, ("test",))
    return Document(page, lang, tuple(Paragraph(i, t, lang) for i, t in enumerate(texts)), tuple(lines))


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    en = document("site-x/a.txt", "en", ["Title & more", "First <b>paragraph</b>.", "Second one.", "Extra."],
                  ["Tel: +383 38 000 000"])
    sr = document("site-x/b.txt", "sr-Cyrl", ["Наслов и више", "Први пасус.", "Други", "део."])
    sq = document("site-x/c.txt", "sq", ["Titulli", "Paragrafi i parë. Dhe i dyti."])
    lonely = document("site-x/d.txt", "sq", ["Vetëm një faqe."])
    beads_sr = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8), Bead((2,), (2, 3), 0.6), Bead((3,), (), 0.3))
    beads_sq = (Bead((0,), (0,), 0.95), Bead((1, 2), (1,), 0.7), Bead((3,), (), 0.2))
    result = SiteResult(
        "site-x", (en, sr, sq, lonely), (FailedPage("site-x/e.txt", "site-x", "undecodable", "bad bytes", "text"),),
        ((PagePair(en, sr, 0.8), beads_sr), (PagePair(en, sq, 0.7), beads_sq)),
        (Unpaired("site-x/d.txt", "no-candidate"),),
    )
    folder = tmp_path_factory.mktemp("export") / "out"
    with CorpusWriter(folder, {"pair_threshold": 0.35}) as writer:
        writer.write_site(result)
    return folder


def test_pair_names_are_opus_style():
    assert pair_name("sr-Latn", "en") == "en-sr_Latn"
    assert pair_name("sq", "sr-Cyrl") == "sq-sr_Cyrl"


def test_pair_id_is_stable_and_distinct():
    assert pair_id("a", "b", (0,), (1,)) == pair_id("a", "b", (0,), (1,))
    assert pair_id("a", "b", (0,), (1,)) != pair_id("a", "b", (0, 1), (1,))


def test_parquet_files_carry_the_declared_schemas(out):
    assert sorted(p.name for p in (out / "pairs").iterdir()) == ["en-sq", "en-sr_Cyrl"]
    pairs_schema = pq.read_schema(out / "pairs" / "en-sr_Cyrl" / "part-00000.parquet")
    assert pairs_schema.remove_metadata().equals(PAIRS)
    assert pairs_schema.field("src_text").type == pa.string()  # plain strings, no dictionaries
    assert pq.read_schema(out / "documents.parquet").remove_metadata().equals(DOCUMENTS)
    assert pq.read_schema(out / "paragraphs.parquet").remove_metadata().equals(PARAGRAPHS)
    meta = pairs_schema.metadata
    assert meta[b"polycorpus.format_version"] == b"1.1" and b"pair_threshold" in meta[b"polycorpus.settings"]


def test_rows_hold_texts_indices_and_derived_columns(out):
    rows = pq.read_table(out / "pairs" / "en-sr_Cyrl").to_pylist()
    assert [r["alignment_type"] for r in rows] == ["1-1", "1-1", "1-2", "1-0"]
    split = rows[2]
    assert split["tgt_text"] == "Други\nдео." and split["tgt_par_idx"] == [2, 3]
    assert split["tgt_script"] == "Cyrl" and split["src_script"] == "Latn"
    assert split["length_ratio"] == pytest.approx(len("Second one.") / len("Други\nдео."))
    assert rows[3]["tgt_text"] == "" and rows[3]["length_ratio"] is None
    assert all(r["review_status"] == "auto" for r in rows)


def test_every_file_has_a_document_row(out):
    docs = {d["path"]: d for d in pq.read_table(out / "documents.parquet").to_pylist()}
    assert set(docs) == {"site-x/a.txt", "site-x/b.txt", "site-x/c.txt", "site-x/d.txt", "site-x/e.txt"}
    assert docs["site-x/a.txt"]["paired_with"] == ["site-x/b.txt", "site-x/c.txt"]
    assert docs["site-x/d.txt"]["status"] == "unpaired" and docs["site-x/d.txt"]["unpaired_reason"] == "no-candidate"
    assert docs["site-x/e.txt"]["status"] == "undecodable" and docs["site-x/e.txt"]["error"] == "bad bytes"
    assert docs["site-x/a.txt"]["n_boilerplate"] == 1


def test_paragraphs_table_keeps_dropped_lines_with_reasons(out):
    rows = [r for r in pq.read_table(out / "paragraphs.parquet").to_pylist() if r["path"] == "site-x/a.txt"]
    assert [r["index"] for r in rows] == [0, 1, 2, 3, None]
    assert rows[-1]["is_boilerplate"] and rows[-1]["reason"] == "contact" and rows[-1]["lang"] is None


def test_load_filters_in_pyarrow(out):
    assert len(reader.load(out)) == 7
    assert len(reader.load(out, pair="en-sq")) == 3
    assert list(reader.load(out, min_score=0.75).score) == [0.95, 0.9, 0.8]
    assert len(reader.load(out, both_sides=True)) == 5
    assert len(reader.load(out, status="confirmed")) == 0
    with pytest.raises(Exception, match="no pair 'en-mk'"):
        reader.load(out, pair="en-mk")


def test_tmx_has_the_14b_essentials(out, tmp_path):
    written = export_corpus(out, tmx=tmp_path)
    assert written["tmx"] == {"en-sq": 2, "en-sr_Cyrl": 3}
    root = ET.parse(tmp_path / "en-sr_Cyrl.tmx").getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype",
                 "creationdate"):
        assert header.get(attr), attr
    assert header.get("segtype") == "paragraph" and header.get("srclang") == "en"
    units = root.findall("body/tu")
    assert len(units) == 3  # the one-sided bead is not exported
    first = units[0]
    assert first.get("tuid") == pair_id("site-x/a.txt", "site-x/b.txt", (0,), (0,))
    props = {p.get("type"): p.text for p in first.findall("prop")}
    assert props["x-score"] == "0.9000" and props["x-alignment-type"] == "1-1" and props["x-review-status"] == "auto"
    tuvs = first.findall("tuv")
    assert [t.get(XML_LANG) for t in tuvs] == ["en", "sr-Cyrl"]
    assert tuvs[0].find("seg").text == "Title & more"  # escaped on disk, read back intact
    assert {p.get("type"): p.text for p in tuvs[1].findall("prop")} == {"x-path": "site-x/b.txt", "x-par-idx": "0"}
    assert units[1].find("tuv/seg").text == "First <b>paragraph</b>."
    assert "&amp;" in (tmp_path / "en-sr_Cyrl.tmx").read_text(encoding="utf-8")


def test_tsv_has_one_line_per_two_sided_bead(out, tmp_path):
    export_corpus(out, tsv=tmp_path)
    lines = (tmp_path / "en-sr_Cyrl.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:2] == ["src_text", "tgt_text"]
    assert len(lines) == 4
    assert lines[3].split("\t")[:2] == ["Second one.", "Други део."]


def test_dataset_card_lists_one_config_per_pair(out):
    export_corpus(out, card=True)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    yaml = card.split("---\n")[1]
    assert "multilinguality: translation" in yaml
    assert "- config_name: en-sr_Cyrl" in yaml and "path: pairs/en-sr_Cyrl/*.parquet" in yaml
    assert "- sr-Cyrl" in yaml and "language_bcp47:" in yaml
    assert "`review_status`" in card


def test_stats_counts(out):
    data = reader.stats(out)
    assert data["documents"] == 5
    assert data["pairs"]["en-sr_Cyrl"]["rows"] == 4 and data["pairs"]["en-sr_Cyrl"]["rows_both_sides"] == 3
    assert data["pairs"]["en-sq"]["alignment_types"] == {"1-0": 1, "1-1": 1, "2-1": 1}
    assert data["serbian_script_share"] == {"sr-Cyrl": 1.0, "sr-Latn": 0.0}
    assert data["unpaired_by_reason"] == {"no-candidate": 1}
    assert "pair en-sq: 3 rows" in reader.format_stats(data)


def test_failed_run_leaves_earlier_output_intact(out, tmp_path):
    target = tmp_path / "out"
    with CorpusWriter(target, {}):
        pass
    (target / "marker").write_text("earlier run")
    with pytest.raises(RuntimeError):
        with CorpusWriter(target, {}):
            raise RuntimeError("interrupted")
    assert (target / "marker").read_text() == "earlier run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_card_documents_every_column_of_every_table(out):
    export_corpus(out, card=True)
    card = (out / "README.md").read_text(encoding="utf-8")
    sections = card.split("\n## ")
    for title, table in (("Columns of `pairs", PAIRS), ("`documents.parquet`", DOCUMENTS),
                         ("`paragraphs.parquet`", PARAGRAPHS)):
        section = next(s for s in sections if s.startswith(title))
        rows = {line.split("`")[1]: line for line in section.splitlines() if line.startswith("| `")}
        assert set(rows) == set(table.names)
        for name, row in rows.items():
            assert row.rstrip(" |").split("|")[-1].strip(), f"{name} is not explained"
