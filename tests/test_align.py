"""The aligner on small hand-made paragraph lists with known beads."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polycorpus.align import (
    AlignParams,
    Lexicon,
    _fold,
    _number_key,
    align,
    align_many,
    format_jsonl,
    format_ladder,
    format_tsv,
)
from polycorpus.models import Bead

# English and its Serbian (Cyrillic) translation. The Serbian side merges two
# English paragraphs (2-1), splits one (1-2), merges and splits across a 2-2,
# leaves one out (1-0) and adds one of its own (0-1).
EN = [
    "Belgrade, 12 March 2021: The city council approved a budget of 1,250,000 euros for new parks.",  # 0
    "Mayor Zoran Radojičić said the work would start in April.",  # 1
    "He added that 14 new playgrounds would be built.",  # 2
    "The council also discussed public transport. Tickets will cost 89 dinars from 1 May, and the night lines 26 and 29 will run every 30 minutes.",  # 3
    "Follow us on Facebook and Twitter for more news from the city!",  # 4
    "The Danube promenade will get 300 new benches and 45 fountains.",  # 5
    "Lighting along the 7 km of the river bank will be replaced, and the work is expected to be finished in 2023.",  # 6
    "Questions can be sent to info@beograd.rs until 31 March.",  # 7
]
SR = [
    "Београд, 12. март 2021: Градско веће усвојило је буџет од 1.250.000 евра за нове паркове.",  # 0
    "Градоначелник Зоран Радојичић рекао је да ће радови почети у априлу, а додао је да ће бити изграђено 14 нових игралишта.",  # 1
    "Веће је расправљало и о јавном превозу.",  # 2
    "Карта ће од 1. маја коштати 89 динара, а ноћне линије 26 и 29 саобраћаће на сваких 30 минута.",  # 3
    "Дунавско шеталиште добиће 300 нових клупа и 45 фонтана, а осветљење дуж 7 km обале реке",  # 4
    "биће замењено. Радови би требало да буду завршени 2023. године.",  # 5
    "Питања се могу слати на info@beograd.rs до 31. марта.",  # 6
    "Саопштење је објављено на званичном сајту града Београда.",  # 7
]
GOLD = [
    ((0,), (0,)),
    ((1, 2), (1,)),
    ((3,), (2, 3)),
    ((4,), ()),
    ((5, 6), (4, 5)),
    ((7,), (6,)),
    ((), (7,)),
]

# Albanian against Serbian (Latin), all 1-1 but one 1-2.
SQ = [
    "Prishtinë, 3 qershor 2022 – Qeveria miratoi ligjin për energjinë me 61 vota.",
    "Ministrja Artane Rizvanolli tha se tarifat do të mbeten të pandryshuara deri në 31 dhjetor.",
    "A do të ketë reduktime të energjisë? Ajo tha se jo, por paralajmëroi për dimrin. Qytetarët duhet të kursejnë.",
    "Ligji hyn në fuqi më 1 korrik 2022.",
]
SR_LATN = [
    "Priština, 3. jun 2022 – Vlada je usvojila zakon o energiji sa 61 glasom.",
    "Ministarka Artane Rizvanolli rekla je da će tarife ostati nepromenjene do 31. decembra.",
    "Hoće li biti redukcija struje? Ona je rekla da neće, ali je upozorila na zimu.",
    "Građani treba da štede.",
    "Zakon stupa na snagu 1. jula 2022.",
]
GOLD_SQ_SR = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,))]


def pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def covers(beads: list[Bead], n: int, m: int) -> bool:
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    return src == list(range(n)) and tgt == list(range(m))


def test_bead_types_cyrillic_against_latin():
    got = pairs(align(EN, SR, "en", "sr-Cyrl"))
    # everything but the 2-2 (see the next test)
    assert got[:4] == GOLD[:4]
    assert got[-2:] == GOLD[-2:]
    assert {len(s) for s, _ in got} <= {0, 1, 2} and {len(t) for _, t in got} <= {0, 1, 2}


def test_two_two_bead_with_crossing_boundary():
    # The Serbian paragraph break falls inside a sentence (the next paragraph
    # starts in lower case), so the two paragraphs go together.
    assert pairs(align(EN, SR, "en", "sr-Cyrl")) == GOLD


def test_albanian_serbian_latin():
    assert pairs(align(SQ, SR_LATN, "sq", "sr-Latn")) == GOLD_SQ_SR


def test_align_many_matches_align_on_clear_cases_and_pools_documents():
    out = align_many([(EN, SR), (SQ, SR_LATN)], "xx", "yy")
    assert [pairs(b) for b in out] == [GOLD, GOLD_SQ_SR]


def test_scores_in_unit_interval_and_rank_right_above_wrong():
    right = align(EN, SR)
    assert all(0.0 <= b.score <= 1.0 for b in right)
    # the same English against a Serbian text shuffled out of order
    wrong = align(EN, SR[::-1])
    def mean(beads):
        both = [b.score for b in beads if b.src and b.tgt]
        return sum(both) / max(1, len(both))

    assert mean(right) > mean(wrong) + 0.2


def test_score_floors_on_right_beads_and_ceiling_on_unrelated_texts():
    # Floors with some room under what the fitted scores give today
    # (0.999 for each right two-sided bead, 0.69 and 0.82 for the two
    # untranslated paragraphs, below 0.04 for a text against an unrelated one).
    beads = align(EN, SR, "en", "sr-Cyrl")
    assert pairs(beads)[:4] == GOLD[:4]
    for b in beads:
        if (b.src, b.tgt) in GOLD:
            assert b.score >= (0.95 if b.src and b.tgt else 0.6), b
    # the Albanian energy story against the Serbian city-budget story: every
    # forced pairing scores low, and lower than any right one above
    unrelated = [b for b in align(SQ, SR, "sq", "sr-Cyrl") if b.src and b.tgt]
    assert unrelated and all(b.score < 0.2 for b in unrelated)


def test_untranslated_paragraph_is_left_out_not_merged():
    en = ["The bridge over the Sava was opened in 2012 after 4 years of work.",
          "It cost 120 million euros.",
          "Subscribe to our newsletter and win a free ticket to the concert on Saturday!",
          "Traffic on the old bridge fell by 40 percent."]
    sr = ["Мост преко Саве отворен је 2012. године после 4 године радова.",
          "Коштао је 120 милиона евра.",
          "Саобраћај на старом мосту пао је за 40 одсто."]
    assert pairs(align(en, sr)) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]


# A page about Welsh politics in English and Serbian (Latin), and a paragraph
# of another story (basketball) that one side carries untranslated: no
# numbers, names or cognates tie it to anything on the other side.
EN_WALES = [
    "Members of the Welsh Assembly are unhappy with the proposal to change their title to Members of the Welsh Parliament.",
    "The change comes because the assembly is expected to be renamed the Welsh Parliament next year.",
    "A Labour member said the party was worried that the new title could make them a target of ridicule.",
    "The commission that runs the assembly will present the final proposal in the autumn, after a public consultation.",
    "Presiding Officer Elin Jones said she expected the legislation to be passed before the summer.",
]
SR_WALES = [
    "Članovi Velške skupštine nisu zadovoljni predlogom da se njihova titula promeni u Članove Velškog parlamenta.",
    "Do promene dolazi jer se očekuje da skupština sledeće godine dobije naziv Velški parlament.",
    "Jedan član Laburističke partije rekao je da je stranka zabrinuta da bi ih nova titula mogla učiniti predmetom podsmeha.",
    "Komisija koja upravlja skupštinom predstaviće konačni predlog na jesen, nakon javnih konsultacija.",
    "Predsedavajuća Elin Džouns rekla je da očekuje da zakon bude usvojen pre leta.",
]
BASKET_EN = ("The home side won the basketball game comfortably, with the young guard scoring "
             "from long range in the final quarter as the visitors tired.")
BASKET_SR = ("Košarkaši domaćina su posle produžetka savladali goste, a najbolji strelac utakmice "
             "bio je mladi centar koji je postigao trojku u poslednjim sekundama.")


@pytest.mark.parametrize("two_passes", [False, True])
def test_off_topic_paragraph_in_the_middle_and_at_the_end_is_left_out(two_passes):
    # English carries the other story in the middle, Serbian at the end; then
    # the mirror. Each must come out as a 1-0 or 0-1 bead, not merged into a
    # neighbour and not pulling a right pair apart.
    en1, sr1 = EN_WALES[:3] + [BASKET_EN] + EN_WALES[3:], SR_WALES + [BASKET_SR]
    en2, sr2 = EN_WALES + [BASKET_EN], SR_WALES[:2] + [BASKET_SR] + SR_WALES[2:]
    gold1 = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,)), ((5,), (4,)), ((), (5,))]
    gold2 = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,)), ((5,), ())]
    if two_passes:
        got = align_many([(en1, sr1), (en2, sr2)], "en", "sr-Latn")
    else:
        got = [align(en1, sr1, "en", "sr-Latn"), align(en2, sr2, "en", "sr-Latn")]
    assert [pairs(b) for b in got] == [gold1, gold2]
    # the left-out paragraphs are confidently untranslated (0.94 to 0.99 today)
    for beads in got:
        assert all(b.score >= 0.8 for b in beads if not (b.src and b.tgt))


def test_empty_sides():
    assert align([], []) == []
    assert pairs(align(["a", "b"], [])) == [((0,), ()), ((1,), ())]
    assert pairs(align([], ["a"])) == [((), (0,))]
    assert align_many([]) == []


def test_long_document_in_band_is_linear_and_complete():
    # 600 segments with a block of 80 untranslated ones in the middle: the
    # band has to follow the path off the length diagonal.
    src = [f"Item {k}: the value is {k * 7} units and {k % 13} parts." for k in range(600)]
    tgt = [f"Stavka {k}: vrednost je {k * 7} jedinica i {k % 13} delova." for k in range(300)]
    tgt += ["Reklama: posetite naš sajt i prodavnicu." for _ in range(80)]
    tgt += [f"Stavka {k}: vrednost je {k * 7} jedinica i {k % 13} delova." for k in range(300, 600)]
    beads = align(src, tgt, params=AlignParams(band=20))
    assert covers(beads, len(src), len(tgt))
    one_one = [b for b in beads if b.kind == "1-1"]
    assert len(one_one) == 600
    assert all(b.tgt[0] == (b.src[0] if b.src[0] < 300 else b.src[0] + 80) for b in one_one)


segments = st.lists(st.text(alphabet="abcčdđ ЉЊабв123.,?!", max_size=40), max_size=30)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(segments, segments, st.integers(min_value=4, max_value=12))
def test_property_every_segment_once_in_order(src, tgt, band):
    beads = align(src, tgt, params=AlignParams(band=band))
    assert covers(beads, len(src), len(tgt))
    assert all(b.src or b.tgt for b in beads)
    shapes = {(a, b) for a, b, _ in AlignParams().bead_costs} | {(1, 0), (0, 1)}
    assert all((len(b.src), len(b.tgt)) in shapes for b in beads)
    assert all(0.0 <= b.score <= 1.0 for b in beads)


def test_fold_reads_latin_homoglyphs_inside_cyrillic_words_as_cyrillic():
    # "Београд" typed with Latin e, o, p, a; Latin words next to it stay Latin
    assert _fold("Бeoгpaд") == _fold("Београд") == "beograd"
    assert _fold("Пoжapeвaц, Paris") == "pozarevac, paris"


def test_fold_reads_cyrillic_as_latin_without_diacritics():
    assert _fold("Љубљана Њиш Џеп Ђорђе Ћуприја") == _fold("Ljubljana Njiš Džep Đorđe Ćuprija")
    assert _fold("Ljubljana Njiš Džep Đorđe Ćuprija") == "ljubljana njis dzep djordje cuprija"
    assert _fold("Shqipëri çelës") == "shqiperi celes"


@given(st.text(alphabet=st.sampled_from("aZ09 _-'.,\t\nëčЖжß«»łİ"), max_size=40))
def test_tokens_are_the_runs_of_letters_of_the_fold(text):
    # ASCII folds are split by a translate table, the rest by the word pattern
    import re

    from polycorpus.align.features import _tokens

    assert _tokens(text) == re.findall(r"[^\W\d_]+", _fold(text))


def test_median_of_float32_cosines_is_numpys() -> None:
    import numpy as np

    from polycorpus.align.costs import _median32

    rng = np.random.default_rng(0)
    for size in range(1, 40):
        x = rng.random(size).astype(np.float32) * np.float32(rng.choice([1e-3, 1.0, 3.0]))
        assert _median32(x) == float(np.median(x))


@pytest.mark.parametrize("raw,key", [
    ("1.000", "1000"), ("1,000", "1000"), ("1000", "1000"), ("3,5", "3.5"), ("3.5", "3.5"),
    ("1.250.000", "1250000"), ("1.000,5", "1000.5"), ("007", "7"),
])
def test_number_normalisation(raw, key):
    assert _number_key(raw) == key


def test_lexicon_learns_pooled_word_pairs():
    beads = [([f"kuća broj {k}"], [f"shtëpia numër {k}"]) for k in range(5)]
    beads += [(["velika kuća"], ["shtëpia e madhe"]), (["velika reka"], ["lumi i madh"])]
    lex = Lexicon.learn(beads, min_count=2, min_dice=0.3)
    assert lex.score("kuća", "shtëpia") > 0.8
    assert "shtepia" in lex.translations("kuca")
    assert ("broj", "numër") in lex
    assert lex.score("kuća", "madh") == 0.0


def test_formats():
    beads = [Bead((0,), (0, 1), 0.91234), Bead((1,), (), 0.5), Bead((), (2,), 0.25)]
    assert list(format_ladder(beads)) == ["[0]:[0, 1]:0.9123", "[1]:[]:0.5000", "[]:[2]:0.2500"]
    src, tgt = ["a\tb", "c"], ["x", "y", "z"]
    assert list(format_tsv(beads, src, tgt))[0] == "a b\tx y\t0.9123"
    rows = [json.loads(line) for line in format_jsonl(beads, src, tgt)]
    assert rows[0] == {"src": [0], "tgt": [0, 1], "src_text": "a\tb", "tgt_text": "x y",
                       "score": 0.9123, "type": "1-2"}
    assert rows[2]["type"] == "0-1" and rows[2]["src_text"] == ""


def test_params_are_checked():
    with pytest.raises(ValueError):
        AlignParams(band=1)
    with pytest.raises(ValueError):
        AlignParams(bead_costs=((5, 1, 1.0),))
    with pytest.raises(ValueError):
        AlignParams(bead_costs=((3, 3, 1.0),))


def test_two_passes_split_across_sites_equal_align_many():
    """The pipeline runs the first pass per site, pools the evidence, then realigns:
    with every document in one pool that is exactly align_many."""
    from polycorpus.align import first_pass, second_pass

    docs = [
        (["The mayor opened the bridge on 4 May.", "It cost 2 million euros."],
         ["Kryetari hapi urën më 4 maj.", "Ajo kushtoi 2 milionë euro."]),
        (["The bridge links two villages.", "Police closed the road for 3 hours.", "Unrelated note."],
         ["Ura lidh dy fshatra.", "Policia mbylli rrugën për 3 orë."]),
        (["The mayor thanked the workers.", "Work began in 2021."],
         ["Kryetari falënderoi punëtorët.", "Punimet filluan në vitin 2021."]),
    ]
    expected = align_many(docs, "en", "sq")
    runs_a, ev_a = first_pass(docs[:1], doc_ids=["a"])
    runs_b, ev_b = first_pass(docs[1:], doc_ids=["b", "c"])
    learned = ev_a.merge(ev_b).learn()
    got = second_pass(docs[:1], runs_a, learned) + second_pass(docs[1:], runs_b, learned)
    assert [[(b.src, b.tgt) for b in beads] for beads in got] == [[(b.src, b.tgt) for b in beads] for beads in expected]
    assert len(ev_a.merge(ev_b).lengths) == len(ev_a.lengths) + len(ev_b.lengths)


def test_runs_on_marks_boundaries_inside_a_sentence() -> None:
    from polycorpus.align import _runs_on

    texts = [
        "The list reads:",  # ends on a colon
        "Leiter Ch .",  # ends on an initial: the name goes on
        "Evans , Gipfelmannschaften .",
        "He shouted « Bär !",  # the next line opens with a closing quote and a small letter
        "» und ging .",
        "The lights along the river bank",  # the next paragraph starts in lower case
        "will be replaced.",
        "Give it up.",  # a short word, but no initial
        "Next sentence.",
    ]
    assert _runs_on(texts).tolist() == [1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0]



def test_span_norms_match_the_summed_key_vectors() -> None:
    # Every bead span (up to 1-4/4-1) needs the squared norm of its members'
    # summed key vectors; four-segment spans once fell back to "no evidence".
    import numpy as np

    from polycorpus.align import _side_features

    keys = [[0, 1], [1, 2], [0, 2, 3], [3], [1, 3, 4], [0]]
    w2 = np.array([1.0, 2.0, 0.5, 3.0, 1.5])
    feat = _side_features(keys, np.ones(6), np.zeros(6), np.zeros(6), w2, 5, max_span=4)
    for span in range(1, 5):
        for start in range(len(keys) - span + 1):
            vec = np.zeros(5)
            for ks in keys[start:start + span]:
                vec[ks] += 1.0
            assert feat.norm2[span - 1][start] == pytest.approx(float((vec * vec * w2).sum()))


def _long_pair(n: int) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """n English report lines and their Serbian versions, every 37th line left
    untranslated, with the beads that align them."""
    src, tgt, gold = [], [], []
    for k in range(n):
        src.append(f"Report {k}: the council met on day {k * 7} and spent {k * 13} euros on parks.")
        if k % 37 == 5:
            gold.append(((k,), ()))
        else:
            gold.append(((k,), (len(tgt),)))
            tgt.append(f"Izveštaj {k}: savet se sastao dana {k * 7} i potrošio {k * 13} evra na parkove.")
    return src, tgt, gold


def test_long_documents_are_aligned_across_the_band_chunks(monkeypatch) -> None:
    # The bead costs are computed a chunk of band rows at a time: the beads and
    # their scores must not depend on where the chunks end.
    import polycorpus.align as aligner

    src, tgt, gold = _long_pair(700)
    beads = align_many([(src, tgt)])[0]
    assert [(b.src, b.tgt) for b in beads] == gold
    monkeypatch.setattr(aligner.dp, "_CHUNK_ROWS", 7)
    monkeypatch.setattr(aligner.costs, "_CHUNK_MATCHES", 1000)
    assert align_many([(src, tgt)])[0] == beads


def test_learned_word_pairs_come_in_the_same_order_whatever_the_hash_seed():
    # Python salts str hashes per process; the order of learned pairs names the
    # keys page pairing builds from them, so it must not follow a set's order.
    code = (
        "from polycorpus.align import Lexicon\n"
        "beads = [([f'kuca {w} grad selo reka'], [f'house {w} city village river']) for w in 'abcdefgh']\n"
        "beads += [(['grad reka most'], ['city river bridge']), (['selo most'], ['village bridge'])]\n"
        "print(list(Lexicon.learn(beads, min_count=2, min_dice=0.1).pairs()))\n"
    )
    outputs = _under_hash_seeds(code)
    assert len(outputs) == 1
    assert "house" in outputs.pop()


def _under_hash_seeds(code: str) -> set[str]:
    """What ``code`` prints, run under four hash seeds (one output: no set order leaks)."""
    import os
    import subprocess
    import sys

    return {
        subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONHASHSEED=seed),
                       check=True, capture_output=True, text=True).stdout
        for seed in ("1", "2", "3", "4")
    }


def _learn_by_hand(beads, min_count, min_dice, min_docs):
    """Lexicon.learn's definition, pair by pair: Dice of bead co-occurrence,
    the documents a pair shares, the best three targets per source word."""
    from collections import Counter, defaultdict

    from polycorpus.align.features import _tokens

    sc, tc, joint, docs = Counter(), Counter(), Counter(), defaultdict(set)
    all_docs = set()
    for src, tgt, doc in beads:
        all_docs.add(doc)
        sw = {w for t in src for w in _tokens(t) if len(w) > 1}
        tw = {w for t in tgt for w in _tokens(t) if len(w) > 1}
        sc.update(sw)
        tc.update(tw)
        for s in sw:
            for t in tw:
                joint[(s, t)] += 1
                docs[(s, t)].add(doc)
    need = min(min_docs, len(all_docs))
    best = defaultdict(list)
    for (s, t), c in joint.items():
        dice = 2.0 * c / (sc[s] + tc[t])
        if s != t and c >= min_count and dice >= min_dice and (need <= 1 or len(docs[(s, t)]) >= need):
            best[s].append((dice, t))
    return sorted((s, t, d) for s, cands in best.items() for d, t in sorted(cands, reverse=True)[:3])


@pytest.mark.parametrize("min_count,min_dice,min_docs", [(2, 0.3, 1), (3, 0.3, 3), (1, 0.0, 1), (2, 0.6, 2)])
def test_lexicon_learn_equals_its_definition(min_count, min_dice, min_docs):
    """The bulk counting (which never builds pairs that cannot reach min_dice)
    finds exactly the pairs a word-by-word count finds, on beads where common
    and rare words mix."""
    import random

    rng = random.Random(7)
    def word(k: int) -> str:  # letters only, as the tokens are
        return "".join("bcdfghklmnprstvz"[int(d, 16)] for d in f"{k:03x}")

    common = ["c" + word(k) for k in range(8)]
    rare = ["r" + word(k) for k in range(60)]
    beads = []
    for k in range(300):
        words = rng.sample(common, 3) + rng.sample(rare, rng.randint(0, 5))
        # the target side translates each word (x -> tx) and drops or adds a few
        src = " ".join(w + "a" for w in words)
        tgt = " ".join("t" + w + "b" for w in words if rng.random() < 0.85) + " " + rng.choice(rare) + "z"
        if rare[0] in words or rng.random() < 0.08:
            # a word in 3.5 times as many beads as the source word it translates:
            # Dice about .4, so it is kept, near the edge of what can pass
            tgt += " hub"
        beads.append(([src], [tgt], f"doc{k % 17}"))
    got = sorted(Lexicon.learn(iter(beads), min_count, min_dice, min_docs).pairs())
    want = _learn_by_hand(beads, min_count, min_dice, min_docs)
    assert [(s, t) for s, t, _ in got] == [(s, t) for s, t, _ in want]
    assert all(abs(a[2] - b[2]) < 1e-12 for a, b in zip(got, want))
    assert len(got) > 10  # the case is not empty
    if min_dice == 0.3:
        assert ("r" + word(0) + "a", "hub", ) in {(s, t) for s, t, _ in got}


def test_both_passes_give_the_same_floats_whatever_the_hash_seed():
    # Dask's workers and the main process hash strings with different salts:
    # the order of every float sum over a segment's keys must not follow a set's.
    code = (
        "import hashlib, random\n"
        "from polycorpus.align import first_pass, _align_spans, AlignParams\n"
        "rng = random.Random(5)\n"
        "sr = 'vlada zakon sloboda medij ministar korak opozicija izmena novinar podrska reka grad selo most'.split()\n"
        "en = 'government law freedom media minister step opposition change journalist support river city village'"
        " ' bridge'.split()\n"
        "docs = []\n"
        "for d in range(12):\n"
        "    idx = [[rng.randrange(len(sr)) for _ in range(rng.randint(5, 14))] for p in range(6)]\n"
        "    docs.append(([' '.join(sr[i] for i in ix) + f' {rng.randint(1, 99)}.' for ix in idx],\n"
        "                 [' '.join(en[i] for i in ix if rng.random() < 0.9) + f' {rng.randint(1, 99)}.' for ix in idx]))\n"
        "runs, ev = first_pass(docs, doc_ids=range(len(docs)))\n"
        "L = ev.learn(AlignParams(lexicon_min_count=2, lexicon_min_docs=1))\n"
        "raw = [_align_spans(s, t, AlignParams(), L.lexicon, L.ratio, L.variance, r, r.keys)"
        " for (s, t), r in zip(docs, runs)]\n"
        "out = str([(r.spans, r.scores, r.features.tobytes().hex()) for r in runs + raw])\n"
        "print(len(L.lexicon), hashlib.sha256(out.encode()).hexdigest())\n"
    )
    outputs = _under_hash_seeds(code)
    assert len(outputs) == 1
    assert int(next(iter(outputs)).split()[0]) > 10  # a lexicon was learned, and the second pass used it
