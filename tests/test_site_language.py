"""Site-aware language on a small trilingual site written for these tests
(tests/data/pairing/site-tri: en, sq, sr-Latn news pages, title-only pages,
a short cue-less Serbian page)."""
from __future__ import annotations

from pathlib import Path

import pytest

from polycorpus import ingest, pipeline, site_language
from polycorpus.models import Document, LangResult, Page, Paragraph
from polycorpus.settings import Settings

DATA = Path(__file__).parent / "data" / "pairing"


@pytest.fixture(scope="module")
def draft():
    (site, files), = list(ingest.iter_sites(DATA))
    return pipeline.prepare_site(site, files, Settings(jobs=1))[0]


def tags(draft) -> dict[str, str]:
    return {Path(d.path).stem: d.lang.tag for d in draft.documents}


def test_a_cue_less_short_serbian_page_on_a_serbian_site_is_sr_latn(draft):
    # Alone, "Priča o starom mostu. Most je visok i dug." is a Serbo-Croatian
    # tie that goes to Croatian; this site's Serbo-Croatian pages are Serbian.
    doc = next(d for d in draft.documents if d.path.endswith("v3.txt"))
    assert doc.lang.tag == "sr-Latn"
    assert doc.lang.evidence[0] == "site:hr"
    assert {p.lang.tag for p in doc.paragraphs} == {"sr-Latn"}


def test_title_only_pages_take_the_sites_languages(draft):
    # langdetect reads "Tarik and Maria" as Indonesian and "Otac i sin" as
    # Catalan; neither language is on this site.
    got = tags(draft)
    assert (got["s1"], got["s2"], got["s3"]) == ("en", "sq", "sr-Latn")
    assert (got["t1"], got["t2"], got["t3"]) == ("en", "sq", "sr-Latn")
    assert all(tag in {"en", "sq", "sr-Latn"} for tag in got.values())


def _doc(path: str, tag: str, confidence: float, evidence: tuple[str, ...], *paras: str) -> Document:
    lang = LangResult(tag, confidence, evidence)
    return Document(Page(path, "s", "text", "utf-8", ()), lang,
                    tuple(Paragraph(i, t, lang) for i, t in enumerate(paras)), ())


SERBIAN = "Juče je u gradu bilo lepo vreme, a deca su se igrala kod reke sve do večeri uz pesmu i smeh."


def test_a_foreign_language_with_real_evidence_stays():
    site = [_doc(f"sr{i}", "sr-Latn", 0.95, ("script:Latn", "jat:ekavian:vreme"), SERBIAN) for i in range(6)]
    croatian = _doc("hr1", "hr", 0.95, ("script:Latn", "lex:hr:tjedan", "jat:ijekavian:vrijeme"),
                    "Prošli tjedan je u gradu bilo lijepo vrijeme, a djeca su se igrala kod rijeke.")
    settled = {d.path: d.lang.tag for d in site_language.settle(site + [croatian])}
    assert settled["hr1"] == "hr"


def test_a_tie_on_a_site_that_has_no_serbo_croatian_is_left_alone():
    site = [_doc(f"en{i}", "en", 1.0, ("script:Latn",), "The weather in town was fine and the children played "
                 "by the river until the evening, singing and laughing, while their parents sat in the "
                 "shade of the old trees.") for i in range(4)]
    tie = _doc("x", "hr", 0.4, ("script:Latn", "tie:hr"), "Priča o starom mostu")
    settled = {d.path: d.lang for d in site_language.settle(site + [tie])}
    assert settled["x"].tag == "hr"


def test_a_short_foreign_looking_paragraph_takes_its_pages_site_language():
    english = ("The weather in town was fine and the children played by the river until the evening, "
               "singing and laughing, while their parents sat in the shade of the old trees.")
    site = [_doc(f"en{i}", "en", 1.0, ("script:Latn",), english) for i in range(4)]
    page = site[0]
    name = Paragraph(1, "Tarik and Maria", LangResult("id", 0.66, ("script:Latn", "langdetect:id:1.00")))
    site[0] = Document(page.page, page.lang, page.paragraphs + (name,), ())
    settled = site_language.settle(site)[0]
    assert [p.lang.tag for p in settled.paragraphs] == ["en", "en"]
    assert settled.paragraphs[1].lang.evidence[0] == "site:id"
