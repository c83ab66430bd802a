"""Pairing on small made-up stories: four versions, two versions, an orphan, a decoy."""
from __future__ import annotations

import random

import pytest

from polycorpus.language import fold as _fold
from polycorpus.models import Document, LangResult, Page, Paragraph
from polycorpus.pairing import pair_site, score_site
from polycorpus.pairing.lexicon import table_keys
from polycorpus.pairing.match import assign
from polycorpus.pairing.score import _number_key, name_key
from polycorpus.settings import Settings

# The tests pin behaviour at the default threshold of a calibrated score.
SETTINGS = Settings(pair_threshold=0.35)


def doc(path: str, lang: str, *paras: str) -> Document:
    result = LangResult(lang, 1.0)
    return Document(
        page=Page(path=path, site="s", format="text", encoding="utf-8", blocks=()),
        lang=result,
        paragraphs=tuple(Paragraph(i, t, result) for i, t in enumerate(paras)),
        lines=(),
    )


# Story 1, four versions: a flood in Shkodra.
FLOOD = [
    doc("p01", "en",
        "Flood forces 1,250 residents of Shkodra to leave their homes",
        "On 14 March 2023 the river Buna rose by 3.5 metres, said mayor Arben Krasniqi.",
        "The government of Albania promised 2,400,000 euros; engineer Drita Hoxha said 37 "
        "villages near Velipoja are still cut off."),
    doc("p02", "sq",
        "Përmbytja detyron 1.250 banorë të Shkodrës të largohen nga shtëpitë",
        "Më 14 mars 2023 lumi Buna u ngrit 3,5 metra, tha kryetari Arben Krasniqi.",
        "Qeveria e Shqipërisë premtoi 2.400.000 euro; inxhinierja Drita Hoxha tha se 37 "
        "fshatra pranë Velipojës janë ende të izoluara."),
    doc("p03", "sr-Latn",
        "Poplava primorala 1.250 stanovnika Skadra da napuste domove",
        "Dana 14. marta 2023. reka Bojana porasla je za 3,5 metara, rekao je gradonačelnik Arben Krasnići.",
        "Vlada Albanije obećala je 2.400.000 evra; inženjerka Drita Hodža rekla je da je 37 "
        "sela kod Velipoje i dalje odsečeno."),
    doc("p04", "sr-Cyrl",
        "Поплава приморала 1.250 становника Скадра да напусте домове",
        "Дана 14. марта 2023. река Бојана порасла је за 3,5 метара, рекао је градоначелник Арбен Краснићи.",
        "Влада Албаније обећала је 2.400.000 евра; инжењерка Дрита Хоџа рекла је да је 37 "
        "села код Велипоје и даље одсечено."),
]

# Story 2, two versions: a film festival in Prizren.
FESTIVAL = [
    doc("p05", "en",
        "Dokufest in Prizren draws 42,000 visitors",
        "The festival ran from 5 August to 13 August and showed 218 films, director Lirie Gashi said.",
        "Guests came from Skopje, Tirana and Belgrade; the closing concert sold 6,300 tickets."),
    doc("p06", "sq",
        "Dokufest në Prizren tërheq 42.000 vizitorë",
        "Festivali zgjati nga 5 gushti deri më 13 gusht dhe shfaqi 218 filma, tha drejtoresha Lirie Gashi.",
        "Mysafirë erdhën nga Shkupi, Tirana dhe Beogradi; koncerti përmbyllës shiti 6.300 bileta."),
]

# A Serbian page with no translation at all.
ORPHAN = doc("p07", "sr-Latn",
             "Partizan pobedio Vojvodinu 3:1 pred 19.800 gledalaca",
             "Golove su dali Nikola Marković u 12. minutu i Stefan Ilić u 77. minutu.",
             "Trener Dragan Popović rekao je da ekipa putuje u Kragujevac 9. novembra.")

# An English page on a topic like story 1's (a flood, Shkodra, the government)
# with other numbers and people; it has no translation and must not steal one.
DECOY = doc("p08", "en",
            "Shkodra flood defences to be rebuilt by 2026",
            "The Albanian government set aside 870,000 euros, minister Gentian Berisha said on 2 June.",
            "Work on the Drin embankment near Bushat starts in September with 45 workers.")


def pairs_of(documents, settings=SETTINGS):
    pairs, unpaired = pair_site(documents, settings)
    return {(p.src.path, p.tgt.path): p for p in pairs}, {u.path: u.reason for u in unpaired}


def test_fold_transliterates_serbian_cyrillic_and_strips_marks():
    assert _fold("Љубљана Његош Џон Ђорђе Ћуприја") == "ljubljana njegos dzon djordje cuprija"
    assert _fold("Shqipërisë Çështja") == "shqiperise ceshtja"
    assert _fold("Краснићи") == _fold("Krasnići") == "krasnici"


def test_numbers_and_names_meet_across_spellings():
    assert _number_key("1,250") == _number_key("1.250") == "1250"
    assert _number_key("2.400.000") == _number_key("2,400,000") == "2400000"
    assert _number_key("3,5") == _number_key("3.5") == "3.5"
    # Serbian and Albanian write foreign names by sound; one rough spelling meets.
    assert name_key(_fold("Hodža")) == name_key(_fold("Hoxha"))
    assert name_key(_fold("Tramp")) == name_key(_fold("Trump"))
    assert name_key(_fold("Tomson")) == name_key(_fold("Thomson"))


def test_inflected_words_find_their_translation():
    # Albanian by the table's stems, Serbian by lemma or stem, Cyrillic read as Latin.
    assert any(k == "e:freedo" for k, _ in table_keys(_fold("lirisë"), "sq"))
    assert any(k == "e:freedo" for k, _ in table_keys(_fold("slobodama"), "sr"))
    assert any(k == "e:freedo" for k, _ in table_keys(_fold("слободу"), "sr"))
    assert any(k == "e:dignit" for k, _ in table_keys(_fold("dostojanstvu"), "sr"))


def test_assignment_is_one_to_one_by_total_score_not_greedy():
    # Greedy would take a-x (0.9) and leave b with nothing; the assignment
    # takes a-y and b-x, 0.8 + 0.8 > 0.9.
    got = assign([(0, 10, 0.9), (0, 11, 0.8), (1, 10, 0.8)], threshold=0.3)
    assert sorted(got) == [(0, 11, 0.8), (1, 10, 0.8)]
    # an edge below the threshold is never taken
    assert assign([(0, 10, 0.2)], threshold=0.3) == []


def test_four_versions_pair_every_language_except_the_two_serbian_scripts():
    pairs, unpaired = pairs_of(FLOOD)
    assert set(pairs) == {
        ("p01", "p02"),  # en-sq
        ("p01", "p04"),  # en-sr-Cyrl
        ("p01", "p03"),  # en-sr-Latn
        ("p02", "p04"),  # sq-sr-Cyrl
        ("p02", "p03"),  # sq-sr-Latn
    }
    assert unpaired == {}
    for pair in pairs.values():
        assert pair.src.lang.tag < pair.tgt.lang.tag
        assert 0.0 <= pair.score <= 1.0


def test_full_site_two_stories_orphan_and_decoy():
    pages = FLOOD + FESTIVAL + [ORPHAN, DECOY]
    pairs, unpaired = pairs_of(pages)
    assert set(pairs) == {
        ("p01", "p02"), ("p01", "p03"), ("p01", "p04"), ("p02", "p03"), ("p02", "p04"),
        ("p05", "p06"),
    }
    assert set(unpaired) == {"p07", "p08"}
    assert unpaired["p07"].split()[0] == "no-partner"
    # The decoy either scores under the threshold or loses to p01: never paired.
    assert unpaired["p08"].split()[0] in {"no-partner", "taken"}


def test_decoy_scores_well_below_the_real_translation():
    cands = score_site(FLOOD + [DECOY])
    score = {(c.a, c.b): c.score for c in cands}
    assert score[("p01", "p02")] > 2 * score.get(("p08", "p02"), 0.0)
    assert score[("p01", "p04")] > 2 * score.get(("p08", "p04"), 0.0)


def test_cyrillic_page_pairs_with_latin_script_pages():
    # Only the Cyrillic Serbian version and the English one: scripts differ,
    # anchors still meet after transliteration.
    pairs, unpaired = pairs_of([FLOOD[0], FLOOD[3], ORPHAN])
    assert set(pairs) == {("p01", "p04")}
    assert pairs[("p01", "p04")].score >= 0.5
    assert set(unpaired) == {"p07"}


def test_triangles_are_consistent():
    # Every story found is complete: if a-b and a-c are pairs (b, c in two
    # languages that pair), b-c is one too.
    pages = FLOOD + FESTIVAL + [ORPHAN, DECOY]
    pairs, _ = pairs_of(pages)
    linked = {frozenset(k) for k in pairs}
    lang = {d.path: d.lang.tag for d in pages}
    for a in lang:
        partners = [b for b in lang if frozenset((a, b)) in linked]
        for b in partners:
            for c in partners:
                if b < c and {lang[b], lang[c]} != {"sr-Latn", "sr-Cyrl"}:
                    assert frozenset((b, c)) in linked, (a, b, c)


def test_a_story_never_holds_a_pair_that_nothing_links():
    # The Albanian page translates only the first two paragraphs. A Serbian
    # page about the closing concert shares the English page's third paragraph
    # (6,300 tickets, Skopje, Tirana, Belgrade) and nothing with the Albanian
    # page. Stories stay consistent: either the Serbian page joins and its
    # Albanian side is output too (scored below its English side), or it is
    # left out whole.
    sq_partial = doc("p06", "sq", *(p.text for p in FESTIVAL[1].paragraphs[:2]))
    concert = doc("p09", "sr-Cyrl",
                  "Концерт у Београду продао 6.300 карата",
                  "Гости су дошли из Скопља, Тиране и Београда, а вече је водио Милан Јовић.")
    pairs, unpaired = pairs_of([FESTIVAL[0], sq_partial, concert])
    assert ("p05", "p06") in pairs
    if ("p05", "p09") in pairs:
        assert ("p06", "p09") in pairs
        assert pairs[("p06", "p09")].score <= pairs[("p05", "p09")].score
    else:
        assert ("p06", "p09") not in pairs and "p09" in unpaired


def test_pages_without_partner_language_content_or_language():
    pages = [
        doc("q1", "en", "Only English here, 2024, Pristina."),
        doc("q2", "en", "Another English page, 2024, Pristina."),
        doc("q3", "sq"),
        doc("q4", "und", "???"),
        doc("q5", "hr", "Zagreb, 2024."),
    ]
    pairs, unpaired = pairs_of(pages)
    assert pairs == {}
    assert {k: v.split()[0] for k, v in unpaired.items()} == {
        "q1": "no-candidate",
        "q2": "no-candidate",
        "q3": "no-content",
        "q4": "lang-und",
        "q5": "lang-unsupported",
    }
    assert unpaired == {
        "q1": "no-candidate no page in another language",
        "q2": "no-candidate no page in another language",
        "q3": "no-content",
        "q4": "lang-und",
        "q5": "lang-unsupported hr",
    }


def test_same_language_never_pairs():
    twin = doc("p10", "en", *(p.text for p in FLOOD[0].paragraphs))
    pairs, _ = pairs_of([FLOOD[0], twin])
    assert pairs == {}


def test_deterministic_whatever_the_input_order():
    pages = FLOOD + FESTIVAL + [ORPHAN, DECOY]
    first = pair_site(pages, SETTINGS)
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    again = pair_site(shuffled, SETTINGS)
    key = lambda res: ([(p.src.path, p.tgt.path, p.score) for p in res[0]], res[1])  # noqa: E731
    assert key(first) == key(again)


@pytest.mark.parametrize("threshold", [1.0])
def test_a_high_threshold_leaves_pages_unpaired_with_a_reason(threshold):
    pairs, unpaired = pairs_of(FESTIVAL, Settings(pair_threshold=threshold))
    assert pairs == {}
    assert {r.split()[0] for r in unpaired.values()} == {"no-partner"}


# --- a small trilingual site written for these tests (tests/data/pairing/site-tri) --------


@pytest.fixture(scope="module")
def tri_site():
    from pathlib import Path

    from polycorpus import ingest, pipeline

    (site, files), = list(ingest.iter_sites(Path(__file__).parent / "data" / "pairing"))
    draft = pipeline.prepare_site(site, files, Settings(jobs=1))[0]
    stem = lambda p: p.rsplit("/", 1)[-1].split(".")[0]  # noqa: E731
    pairs = {(stem(p.src.path), stem(p.tgt.path)): p for g in draft.groups.values() for p in g}
    return draft, pairs, {stem(u.path): u for u in draft.unpaired}


def test_title_only_pages_of_a_trilingual_site_are_paired(tri_site):
    _, pairs, _ = tri_site
    for story in ("s", "t"):  # "Tarik and Maria" (names), "Father and son" (words)
        assert {(f"{story}1", f"{story}2"), (f"{story}1", f"{story}3"), (f"{story}2", f"{story}3")} <= set(pairs)
        assert pairs[(f"{story}1", f"{story}2")].score >= Settings().pair_threshold


def test_every_translated_story_pairs_in_all_three_languages(tri_site):
    _, pairs, _ = tri_site
    want = {(f"{s}1", f"{s}2") for s in "abcdst"} | {(f"{s}1", f"{s}3") for s in "abcdst"} | {
        (f"{s}2", f"{s}3") for s in "abcdst"}
    assert set(pairs) == want


def test_pages_of_one_template_pair_by_content(tri_site):
    # c* (a storm) and d* (a market) share the template: the same date line,
    # three paragraphs of like lengths. Only what they say tells them apart.
    _, pairs, _ = tri_site
    assert {("c1", "c2"), ("c1", "c3"), ("d1", "d2"), ("d1", "d3"), ("c2", "c3"), ("d2", "d3")} <= set(pairs)
    assert not {("c1", "d2"), ("d1", "c2"), ("c1", "d3"), ("d1", "c3"), ("c2", "d3"), ("d2", "c3")} & set(pairs)


def test_a_page_without_a_translation_stays_unpaired_with_its_reason(tri_site):
    draft, pairs, unpaired = tri_site
    assert not any("u1" in key for key in pairs)
    left = unpaired["u1"]
    assert left.reason.split()[0] == "no-partner"
    assert left.best is not None and left.best_score is not None
    assert left.best_score < Settings().pair_threshold
    assert f"{left.best_score:.2f}" in left.reason and left.best in left.reason


def test_kept_dictionaries_lemmatize_as_simplemma(tmp_path, monkeypatch):
    """The lemmatizer whose dictionaries are kept in the cache folder gives
    simplemma's own lemmas, when it builds the kept copy and when it reads it."""
    import simplemma

    from polycorpus.pairing import lexicon

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cases = {"en": ["rights", "declared", "went", "children"], "sq": ["njerëzit", "lirisë", "të drejtat"],
             "hbs": ["slobodu", "ljudi", "pravima", "rođeni"]}
    for attempt in ("built", "read back"):
        fresh = lexicon._KeptDictionaries()
        for lang, ws in cases.items():
            mapping = fresh.get_dictionary(lang)
            for w in ws:
                assert mapping.get(w) == simplemma.strategies.dictionaries.DefaultDictionaryFactory().get_dictionary(lang).get(w), (attempt, w)
        assert sorted(p.name for p in (tmp_path / "polycorpus").glob("simplemma_*")) == [
            f"simplemma_{simplemma.__version__}_{lang}.marshal" for lang in ("en", "hbs", "sq")]
    for lang, ws in cases.items():
        for w in ws:
            assert lexicon.lemmatize(w, lang) == simplemma.lemmatize(w, lang=lang)
