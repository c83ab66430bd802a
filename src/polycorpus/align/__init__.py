"""Two segment lists -> beads with scores.

No model and no network: a dynamic programme over the two sequences whose
bead costs combine

1. length (Gale-Church: target length ~ ratio * source length, with a variance
   that grows with the length; the ratio is estimated from the text itself;
   the cost grows linearly beyond two standard deviations, since real length
   mismatches are heavy-tailed),
2. lexical evidence: folded words compared by prefix and by consonant
   skeleton (cognates, names spelled per language: Trump / Трамп), Cyrillic
   read as Latin, numbers, URLs, e-mails, ? and ! and learned word pairs, as
   the cosine of idf-weighted bags of keys, every member of a bead charged by
   how well the other side explains it,
3. anchors (numbers, URLs, e-mails, ?, !) left unmatched inside a bead,
4. a prior cost per bead type (1-1 to 1-4/4-1 and 3-2/2-3, plus gapped 3-1/1-3
   beads whose middle segment is junk inside a split translation), and a
   reward for a boundary inside a bead where a sentence runs on (the segment
   before ends on ; : , or an initial, or the next starts in lower case).

The search runs in a band of fixed width around a guide path (first the length
diagonal, then the path found, when that touched the band's edge), so time
grows linearly with the documents. Per-cell costs are computed in bulk with
numpy, a chunk of band rows at a time just before the recurrence walks them,
so memory stays small however long the documents.

``align_many`` is the two-pass, corpus-level version: align every document,
learn word pairs from the clear 1-1 beads of all documents pooled (pairs
that recur across documents), realign with the pooled length model and the
first pass's typical cosine.

Each bead's ``score`` is a fitted probability that it is right (for a 1-0 or
0-1 bead: that the segment really is untranslated); see ``scoring._PAIR_COEF``.

The modules, in the order the data flows::

    params.py    AlignParams, the knobs
    features.py  folding, keys and their weights, span norms, run-on boundaries
    lexicon.py   learned word pairs
    costs.py     bead costs of the band's cells, in chunks of rows
    dp.py        the band and the recurrence over it
    scoring.py   bead features and the fitted chance a bead is right
    __init__.py  align, align_many, the two passes, output formats
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..models import Bead, flat_pickle
from .costs import _Band, _bead_types
from .dp import _band, _dp
from .features import _doc_keys, _problem, _segment_keys, _SegmentKeys
from .features import _fold as _fold  # noqa: F401  (the tests use them)
from .features import _number_key as _number_key
from .features import _runs_on as _runs_on  # noqa: F401
from .features import _side_features as _side_features
from .lexicon import Lexicon
from .params import AlignParams
from .scoring import _COL_COS, _COL_DELTA, _COL_EXTRA, _PAIR_FEATURES, _bead_features, _score

__all__ = [
    "AlignParams",
    "Evidence",
    "FirstPasses",
    "Learned",
    "Lexicon",
    "best_beads",
    "align",
    "align_many",
    "first_pass",
    "format_jsonl",
    "format_ladder",
    "format_tsv",
    "second_pass",
]
#: quantiles of a chi-square with one degree of freedom
_CHI2_1 = {0.5: 0.455, 0.75: 1.323, 0.8: 1.642, 0.9: 2.706}


@flat_pickle
@dataclass(slots=True)
class _Run:
    spans: list[tuple[int, int, int, int]]
    scores: list[float]
    ratio: float
    features: np.ndarray
    # The segment keys, and the prefix length they were made with: the second
    # pass reuses them (keys cost a third of aligning paragraph-sized documents,
    # and the pipeline keeps a run on disk between the passes anyway).
    keys: tuple[list[_SegmentKeys], list[_SegmentKeys]] | None = None
    prefix: int = 0


def _align_spans(
    src: Sequence[str],
    tgt: Sequence[str],
    params: AlignParams,
    lexicon: Lexicon | None,
    ratio: float | None = None,
    variance: float | None = None,
    prior: _Run | None = None,
    keys: tuple[list[_SegmentKeys], list[_SegmentKeys]] | None = None,
) -> _Run:
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        spans = [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)]
        # nothing on the other side: every segment is left out, for certain
        return _Run(spans, [1.0] * len(spans), 1.0, np.zeros((len(spans), 1 + len(_PAIR_FEATURES))))
    if keys is None:
        keys = _doc_keys(src, tgt, params)
    p = _problem(src, tgt, params, lexicon, ratio, variance, keys)
    btypes = _bead_types(params)
    # The length diagonal first: target position proportional to the text
    # before it. Re-centre on the path when it ran along the band's edge.
    cs = np.concatenate([[0.0], np.cumsum(p.src.length + 1.0)])
    ct = np.concatenate([[0.0], np.cumsum(p.tgt.length + 1.0)])
    guide = np.interp(cs / cs[-1], ct / ct[-1], np.arange(m + 1))
    typical = None
    if prior is not None:
        # The first pass's 1-1 beads tell what a translation's cosine is here
        # (now with the learned word pairs), independently of the band width.
        cos = [p.cosine(i0, j0) for i0, i1, j0, j1 in prior.spans
               if i1 - i0 == 1 and j1 - j0 == 1]
        cos = [c for c in cos if c > 0]
        if len(cos) >= 5:
            cos.sort()  # their median, as np.median makes it
            k = len(cos) // 2
            typical = cos[k] if len(cos) % 2 else (cos[k - 1] + cos[k]) / 2
    half = params.band
    for attempt in range(params.max_recentre + 1):
        lo, width = _band(guide, m, half)
        band = _Band(p, params, lo, width, typical, guide)
        found, stats = _dp(band, btypes)
        spans = [f[:4] for f in found]
        if width == m + 1 or attempt == params.max_recentre:
            break
        margin = max(2, params.band // 10)
        touched = False
        path = np.zeros(n + 1)
        for i0, i1, j0, j1 in spans:
            for i in range(i0, i1 + 1):
                path[i] = (j0 + j1) / 2 if i0 == i1 else j0 + (j1 - j0) * (i - i0) / max(i1 - i0, 1)
            for i in (i0, i1):
                for j in (j0, j1):
                    d = j - lo[i]
                    if (d < margin and lo[i] > 0) or (d > width - 1 - margin and lo[i] + width - 1 < m):
                        touched = True
        if not touched:
            break
        # Follow the path found, with a wider band: a long untranslated
        # stretch moves the path further off the diagonal than one band.
        guide = path
        half *= 2
    feats = _bead_features(found, stats, btypes, lo, band.rel11, p, band.typical)
    return _Run(spans, _score(feats), p.ratio, feats, keys, params.prefix)


def _to_beads(run: _Run) -> list[Bead]:
    return [Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(s, 6))
            for (i0, i1, j0, j1), s in zip(run.spans, run.scores)]


# ---------------------------------------------------------------------------
# Public API


def align(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str = "und",
    tgt_lang: str = "und",
    lexicon: Lexicon | None = None,
    params: AlignParams | None = None,
) -> list[Bead]:
    """Align two segment lists. Every segment of both sides is in exactly one
    bead, in order; beads are 1-1, 1-0, 0-1 and the merges in
    ``params.bead_costs``. ``score`` is the fitted chance that a bead is right
    (for 1-0 and 0-1: that the segment has no translation), for filtering."""
    params = params or AlignParams()
    return _to_beads(_align_spans(src, tgt, params, lexicon))


def align_many(
    docs: Iterable[tuple[Sequence[str], Sequence[str]]],
    src_lang: str = "und",
    tgt_lang: str = "und",
    params: AlignParams | None = None,
) -> list[list[Bead]]:
    """Align document pairs of one language pair in two passes: align each,
    learn word pairs from the confident beads of all of them pooled, realign.

    The pipeline runs the same two passes over a whole corpus, site by site:
    :func:`first_pass` on every site, :meth:`Evidence.merge` across sites,
    :meth:`Evidence.learn`, then :func:`second_pass`."""
    params = params or AlignParams()
    docs = [(list(s), list(t)) for s, t in docs]
    keys = [_doc_keys(s, t, params) for s, t in docs]  # computed once for both passes
    runs, evidence = first_pass(docs, params, keys=keys)
    return second_pass(docs, runs, evidence.learn(params), params, keys=keys)


_Bead = tuple[float, tuple[str, ...], tuple[str, ...], object]  # (score, source texts, target texts, document)


def best_beads(beads: Iterable[_Bead], cap: int) -> list[_Bead]:
    """The ``cap`` beads to learn word pairs from: best score first, ties by
    document name (a stable sort, so cutting a list to the cap again and
    again keeps what one sort of everything keeps)."""
    return sorted(beads, key=lambda b: (-b[0], str(b[3])))[:cap]


@dataclass(slots=True)
class Evidence:
    """What first passes teach about one language pair, mergeable across sites:
    the beads to learn word pairs from (best first, capped) and the character
    lengths of every two-sided bead, for the length model."""

    beads: list[_Bead] = field(default_factory=list)
    lengths: list[tuple[int, int]] = field(default_factory=list)

    def merge(self, other: Evidence, params: AlignParams | None = None) -> Evidence:
        """Pool two evidences; keeps the best ``lexicon_max_beads`` beads."""
        params = params or AlignParams()
        beads = best_beads(self.beads + other.beads, params.lexicon_max_beads)
        return Evidence(beads, self.lengths + other.lengths)

    def learn(self, params: AlignParams | None = None) -> Learned:
        """The lexicon and length model that a second pass aligns with."""
        params = params or AlignParams()
        beads = best_beads(self.beads, params.lexicon_max_beads)
        lexicon = Lexicon.learn(((s, t, d) for _, s, t, d in beads),
                                params.lexicon_min_count, params.lexicon_min_dice, params.lexicon_min_docs)
        ratio, variance = _length_model(self.lengths, params)
        return Learned(lexicon, ratio, variance)


@dataclass(frozen=True, slots=True)
class Learned:
    """A lexicon and a length model (target chars per source char, Gale-Church variance)."""

    lexicon: Lexicon
    ratio: float | None
    variance: float | None


@dataclass
class FirstPasses:
    """First-pass work kept across calls of :func:`first_pass` with the same
    params, within a site: each document pair's run, by the pair's id, and each
    page's segment keys, by the page's name. A first pass uses no lexicon, so
    a pair's run depends only on its two texts, and a page's keys only on its
    own: pairing's learning rounds and the pipeline's first pass share the runs
    (the pairs a site learns from are among its pairs), and a page aligned
    with several translations has its keys made once (in the draft its runs
    then share them, and the work folder stores them once)."""

    runs: dict[object, _Run] = field(default_factory=dict)
    keys: dict[str, tuple[int, list[_SegmentKeys]]] = field(default_factory=dict)  # name -> (prefix, keys)

    def run(self, doc_id: object, n: int, m: int, params: AlignParams) -> _Run | None:
        run = self.runs.get(doc_id)
        if run is None or run.prefix != params.prefix or run.keys is None or (
                (len(run.keys[0]), len(run.keys[1])) != (n, m)):
            return None
        return run

    def side(self, name: str, texts: Sequence[str], params: AlignParams) -> list[_SegmentKeys]:
        kept = self.keys.get(name)
        if kept is None or kept[0] != params.prefix or len(kept[1]) != len(texts):
            kept = self.keys[name] = (params.prefix, [_segment_keys(t, params.prefix) for t in texts])
        return kept[1]


def first_pass(
    docs: Sequence[tuple[Sequence[str], Sequence[str]]],
    params: AlignParams | None = None,
    doc_ids: Sequence[object] | None = None,
    keys: Sequence[tuple[list[_SegmentKeys], list[_SegmentKeys]]] | None = None,
    done: FirstPasses | None = None,
    sides: Sequence[tuple[str, str]] | None = None,
) -> tuple[list[_Run], Evidence]:
    """Pass 1: align each document pair alone; return the runs and what they teach.
    ``doc_ids`` name the documents (unique across everything pooled later).

    With ``done``, a document already aligned there is not aligned again, and
    the runs made here are added to it; with ``sides`` too (the names of each
    document's two pages), the pages' segment keys are taken from it or made
    and kept there."""
    params = params or AlignParams()
    doc_ids = list(doc_ids) if doc_ids is not None else list(range(len(docs)))
    doc_keys: Sequence[tuple[list[_SegmentKeys], list[_SegmentKeys]] | None] = (
        keys if keys is not None else [None] * len(docs))
    runs = []
    for k, (d, (s, t), dk) in enumerate(zip(doc_ids, docs, doc_keys)):
        run = done.run(d, len(s), len(t), params) if done is not None else None
        if run is None:
            if dk is None and done is not None and sides is not None:
                dk = (done.side(sides[k][0], s, params), done.side(sides[k][1], t, params))
            run = _align_spans(s, t, params, None, keys=dk)
            if done is not None:
                done.runs[d] = run
        runs.append(run)
    evidence = Evidence()
    for d, (s, t), run in zip(doc_ids, docs, runs):
        s_chars = [len(x.strip()) for x in s]
        t_chars = [len(x.strip()) for x in t]
        for (i0, i1, j0, j1), score, feat in zip(run.spans, run.scores, run.features):
            if i1 == i0 or j1 == j0:
                continue
            evidence.lengths.append((sum(s_chars[i0:i1]), sum(t_chars[j0:j1])))
            # Word pairs are learned from beads whose words explain each other
            # and whose lengths agree, chosen by those features and not by the
            # score, so that refitting the score leaves the lexicon alone.
            if (feat[_COL_COS] >= params.confident_cos
                    and feat[_COL_DELTA] <= params.confident_delta
                    and feat[_COL_EXTRA] <= params.confident_extra):
                evidence.beads.append((score, tuple(s[i0:i1]), tuple(t[j0:j1]), d))
    evidence.beads = best_beads(evidence.beads, params.lexicon_max_beads)
    return runs, evidence


def second_pass(
    docs: Sequence[tuple[Sequence[str], Sequence[str]]],
    runs: Sequence[_Run],
    learned: Learned,
    params: AlignParams | None = None,
    keys: Sequence[tuple[list[_SegmentKeys], list[_SegmentKeys]]] | None = None,
) -> list[list[Bead]]:
    """Pass 2: realign each document pair with what the first passes taught."""
    params = params or AlignParams()
    doc_keys: Sequence[tuple[list[_SegmentKeys], list[_SegmentKeys]] | None] = (
        keys if keys is not None else [None] * len(docs))
    return [_to_beads(_align_spans(s, t, params, learned.lexicon, learned.ratio, learned.variance, run,
                                   k if k is not None or run.prefix != params.prefix else run.keys))
            for (s, t), run, k in zip(docs, runs, doc_keys)]


def _length_model(
    lengths: Sequence[tuple[int, int]], params: AlignParams
) -> tuple[float | None, float | None]:
    """Length ratio and Gale-Church variance from the two-sided beads of first
    passes. Untranslated paragraphs make a whole-document ratio wrong, so only
    beads with text on both sides count."""
    if len(lengths) < 5:
        return None, None
    ls, lt = zip(*lengths)
    a, b = np.array(ls), np.array(lt)
    ratio = float((b.sum() + 1.0) / (a.sum() + 1.0))
    # Lengths have heavy tails: read the variance off an upper quantile (the
    # 80th percentile of a chi-square with one degree of freedom is 1.642).
    spread = (b - ratio * a) ** 2 / np.maximum((ratio * a + b) / 2.0, 1.0)
    variance = float(np.clip(np.quantile(spread, params.length_quantile) / _CHI2_1[params.length_quantile], 1.0, 100.0))
    return ratio, variance


# ---------------------------------------------------------------------------
# Output formats


def format_ladder(beads: Iterable[Bead]) -> Iterator[str]:
    """``[i, ...]:[j, ...]:score`` lines, zero-based, ``[]`` for an empty side."""
    for bead in beads:
        yield f"{list(bead.src)}:{list(bead.tgt)}:{bead.score:.4f}"


def format_tsv(beads: Iterable[Bead], src: Sequence[str], tgt: Sequence[str]) -> Iterator[str]:
    """``src text<TAB>tgt text<TAB>score`` lines; merged segments joined by a space."""
    for bead in beads:
        s = " ".join(src[i] for i in bead.src).replace("\t", " ")
        t = " ".join(tgt[j] for j in bead.tgt).replace("\t", " ")
        yield f"{s}\t{t}\t{bead.score:.4f}"


def format_jsonl(beads: Iterable[Bead], src: Sequence[str], tgt: Sequence[str]) -> Iterator[str]:
    """One JSON object a line: src/tgt indices and texts, score, type."""
    for bead in beads:
        yield json.dumps({
            "src": list(bead.src),
            "tgt": list(bead.tgt),
            "src_text": " ".join(src[i] for i in bead.src),
            "tgt_text": " ".join(tgt[j] for j in bead.tgt),
            "score": round(bead.score, 4),
            "type": bead.kind,
        }, ensure_ascii=False)
