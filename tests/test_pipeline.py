"""Stage glue: paragraph languages from their page, the run report, the two sweeps."""
from pathlib import Path

import pyarrow.parquet as pq

from polycorpus.models import Block, LineDecision, Page
from polycorpus.pipeline import build_document, run
from polycorpus.settings import Settings


def page(lines: list[str]) -> tuple[Page, list[LineDecision]]:
    blocks = tuple(Block(t) for t in lines)
    decisions = [LineDecision(t, t.startswith("©"), "copyright" if t.startswith("©") else "content", 0.0, i)
                 for i, t in enumerate(lines)]
    return Page("x.txt", ".", "text", "utf-8", blocks), decisions


def test_short_paragraph_takes_its_page_language():
    p, lines = page([
        "Vlada je juče usvojila novi zakon o opštinama posle duge rasprave u skupštini.",
        "Predlog je podržalo 130 poslanika, a protiv je bilo 40, rekao je predsednik.",
        "Beograd, 12. jun",
        "© 2024 Centar",
    ])
    doc = build_document(p, lines, Settings())
    assert doc.lang.tag == "sr-Latn"
    assert [par.text for par in doc.paragraphs][-1] == "Beograd, 12. jun"
    assert doc.paragraphs[-1].lang.tag == "sr-Latn" and "short:page-lang" in doc.paragraphs[-1].lang.evidence
    assert doc.n_boilerplate == 1 and len(doc.paragraphs) == 3


def test_a_quoted_english_paragraph_keeps_its_own_language():
    p, lines = page([
        "Vlada je juče usvojila novi zakon o opštinama posle duge rasprave u skupštini.",
        "The European Commission welcomed the adoption of the law on Tuesday evening.",
        "Predlog je podržalo 130 poslanika, a protiv je bilo 40, rekao je predsednik.",
    ])
    doc = build_document(p, lines, Settings())
    assert [par.lang.tag for par in doc.paragraphs] == ["sr-Latn", "en", "sr-Latn"]


def test_page_with_no_content_is_und():
    p, lines = page(["© 2024 Centar"])
    doc = build_document(p, lines, Settings())
    assert doc.lang.tag == "und" and doc.paragraphs == ()


def _story(folder: Path, en: list[str], sq: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n".join(sq) + "\n", encoding="utf-8")


def test_run_covers_every_site_and_reports_by_reason(tmp_path):
    en = ["The mayor of Prizren opened the new bridge on 4 May 2023.",
          "It cost 2.5 million euros and took 18 months to build, the mayor said.",
          "Around 300 people attended the ceremony in the old town."]
    sq = ["Kryetari i Prizrenit hapi urën e re më 4 maj 2023.",
          "Ajo kushtoi 2,5 milionë euro dhe u ndërtua për 18 muaj, tha kryetari.",
          "Rreth 300 njerëz morën pjesë në ceremoni në qytetin e vjetër."]
    _story(tmp_path / "corpus" / "site-1", en, sq)
    _story(tmp_path / "corpus" / "site-2", en, sq)
    report = run(tmp_path / "corpus", tmp_path / "out", Settings(jobs=1, progress=False))
    assert report.sites == 2 and report.files == 4
    assert report.pairs_by_lang == {"en-sq": 2}
    assert report.beads_by_type == {"1-1": 6}
    assert "page pairs: 2 (en-sq 2)" in report.summary()
    rows = pq.read_table(tmp_path / "out" / "pairs" / "en-sq").to_pylist()
    assert sorted({r["site"] for r in rows}) == ["site-1", "site-2"]
    assert not (tmp_path / "out" / ".scratch").exists()
