"""Files given one by one: language of files and two documents aligned, through the library."""
import json
import subprocess
import sys

import pytest

from polycorpus.errors import InputError
from polycorpus.files import align_documents, detect_files, format_detection

EN = "The report was published on 3 May 2024.\n\nIt has 45 pages.\n\nThe authors thank the donors.\n"
SR = "Izveštaj je objavljen 3. maja 2024.\n\nIma 45 strana.\n\nAutori se zahvaljuju donatorima.\n"


@pytest.fixture
def pair(tmp_path):
    src, tgt = tmp_path / "en.txt", tmp_path / "sr.txt"
    src.write_text(EN, encoding="utf-8")
    tgt.write_text(SR, encoding="utf-8")
    return src, tgt


def test_align_documents_by_paragraph(pair):
    aligned = align_documents(*pair)
    assert aligned.src[1] == "It has 45 pages." and aligned.tgt[1] == "Ima 45 strana."
    assert [(b.src, b.tgt) for b in aligned.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert [line.rsplit(":", 1)[0] for line in aligned.lines("ladder")] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    tsv = list(aligned.lines("tsv"))
    assert tsv[1].split("\t")[:2] == ["It has 45 pages.", "Ima 45 strana."]
    record = json.loads(next(aligned.lines("jsonl")))
    assert record["src"] == [0] and record["tgt_text"] == "Izveštaj je objavljen 3. maja 2024." and record["type"] == "1-1"
    with pytest.raises(ValueError, match="ladder"):
        aligned.lines("xml")


def test_align_documents_by_line_keeps_every_line(pair):
    aligned = align_documents(*pair, unit="line")
    assert len(aligned.src) == 5 and len(aligned.tgt) == 5
    assert sorted(i for b in aligned.beads for i in b.src) == list(range(5))
    assert sorted(j for b in aligned.beads for j in b.tgt) == list(range(5))


def test_align_documents_missing_file_is_an_input_error(pair, tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        align_documents(pair[0], tmp_path / "missing.txt")


def test_aligning_lines_loads_neither_the_language_tables_nor_lxml(pair):
    # what keeps `polycorpus align-pair` quick to start
    code = ("import sys; from polycorpus.files import align_documents; "
            f"align_documents({str(pair[0])!r}, {str(pair[1])!r}, unit='line'); "
            "print('polycorpus.language' in sys.modules, 'lxml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_detect_files_per_file_and_per_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Komuna do të hapë një bibliotekë të re për nxënësit e shkollës.\n"
                    "The committee will publish its final report next week in Pristina.\n", encoding="utf-8")
    [(path, result)] = list(detect_files([page]))
    assert path == str(page) and result.tag in ("sq", "en") and 0 < result.confidence <= 1
    tags = [(p, r.tag) for p, r in detect_files([page], per_line=True)]
    assert tags == [(None, "sq"), (None, "en")]


def test_detect_files_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        list(detect_files([tmp_path / "missing.txt"]))


def test_format_detection():
    from polycorpus.models import LangResult

    result = LangResult("sr-Latn", 0.91234, ("lex:sr:hiljada",))
    assert format_detection(result) == "sr-Latn\t0.9123"
    assert format_detection(result, "a.txt") == "a.txt\tsr-Latn\t0.9123"
    assert json.loads(format_detection(result, "a.txt", as_json=True)) == {
        "path": "a.txt", "tag": "sr-Latn", "confidence": 0.9123, "evidence": ["lex:sr:hiljada"]}
