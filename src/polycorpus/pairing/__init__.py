"""Pages of one site -> translated page pairs, by what the pages say.

1. **Profile** every page (:mod:`.score`): its words read as concept keys
   through bilingual tables (:mod:`.lexicon`), plus its anchors, length and
   paragraph count.
2. **Candidates** from an inverted index over the keys, per language pair.
3. **Score** each candidate: cosine, margin over the next best, length fit,
   structure, combined by a calibrated logistic into ``page_pair_score``.
4. **Match** (:mod:`.match`): one-to-one per language pair by total score, then
   stories consistent across languages (en-sq and en-sr make sq-sr).
5. **Learn and repeat**: the sure pairs are aligned (``align.first_pass``),
   word pairs learned from their confident beads join the concept keys, and
   the site is scored again, until the pairs stop changing (at most
   :data:`ROUNDS` rounds). This carries sites whose vocabulary no table has.

Unpaired pages carry a reason; the slug is the first word (``no-partner``,
``taken``, ``no-candidate``, ``no-content``, ``lang-und``,
``lang-unsupported``), details follow, and :class:`Unpaired` names the best
candidate and its score.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from .. import align
from ..models import Document, PagePair, Unpaired
from ..settings import Settings
from .lexicon import Learned, words
from .match import Stories, assign, top_edges
from .score import Features, Profile, SiteVectors, base_matrix, probability, profile

__all__ = ["LANGS", "Candidate", "pair_site", "score_site"]

#: the languages pairing knows; a page tagged anything else is left alone
LANGS = ("en", "sq", "sr-Cyrl", "sr-Latn")
#: two scripts of one language: matched (it holds stories together) but never output
_SAME_LANGUAGE = frozenset({"sr-Cyrl", "sr-Latn"})
#: rounds of learn-and-rescore at most
ROUNDS = 3
#: a page joins a story only if it scores at least VETO x threshold with every
#: page already in it
VETO = 0.5
#: the rounds have settled when this share of the pairs to learn from is the same as last round's
SETTLED = 0.9
#: the surest pairs a round aligns to learn from, per lexicon family pair
LEARN_PAIRS = 60
#: a pair this sure teaches the lexicon
TEACH = 0.9


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored pair of pages in different languages (``a`` sorts first by tag, then path)."""

    a: str
    b: str
    score: float
    features: Features


def _pairable(doc: Document) -> str | None:
    """Why a page cannot take part at all, or None."""
    if doc.lang.tag == "und":
        return "lang-und"
    if doc.lang.tag not in LANGS:
        return f"lang-unsupported {doc.lang.tag}"
    if not doc.paragraphs:
        return "no-content"
    return None


def _lang_pairs(profiles: Sequence[Profile]) -> list[tuple[str, str]]:
    present = sorted({p.lang for p in profiles})
    return list(combinations(present, 2))


def score_site(documents: Sequence[Document], learned: Learned | None = None) -> list[Candidate]:
    """Score the candidate page pairs of one site (no threshold applied), best first."""
    profiles = [profile(d) for d in sorted(documents, key=lambda d: d.path) if _pairable(d) is None]
    return _score(profiles, learned)


def _score(profiles: Sequence[Profile], learned: Learned | None, base=None) -> list[Candidate]:
    vectors = SiteVectors(profiles, learned, base)
    out: list[Candidate] = []
    for la, lb in _lang_pairs(profiles):
        pairs, cos = vectors.pair_candidates(la, lb)
        for (i, j), f in zip(pairs, vectors.features(pairs, cos)):
            pa, pb = profiles[i], profiles[j]
            out.append(Candidate(pa.path, pb.path, round(probability(f), 4), f))
    out.sort(key=lambda c: (-c.score, c.a, c.b))
    return out


def _learn(profiles: dict[str, Profile], pairs: Sequence[Candidate], done: align.FirstPasses | None = None,
           ) -> Learned:
    """Word pairs from aligning the given sure pairs, per lexicon family pair
    (first-pass runs are kept in and taken from ``done``, by "path\tpath")."""
    groups: dict[tuple[str, str], list[tuple[list[str], list[str]]]] = defaultdict(list)
    ids: dict[tuple[str, str], list[str]] = defaultdict(list)
    sides: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for c in pairs:
        pa, pb = profiles[c.a], profiles[c.b]
        if pa.fam == pb.fam:
            continue
        if pa.fam > pb.fam:
            pa, pb = pb, pa
        groups[(pa.fam, pb.fam)].append(([p.text for p in pa.doc.paragraphs], [p.text for p in pb.doc.paragraphs]))
        ids[(pa.fam, pb.fam)].append(f"{pa.path}\t{pb.path}")
        sides[(pa.fam, pb.fam)].append((pa.path, pb.path))
    learned = Learned()
    for (fa, fb), docs in sorted(groups.items()):
        _runs, evidence = align.first_pass(docs, doc_ids=ids[(fa, fb)], done=done, sides=sides[(fa, fb)])
        lexicon = evidence.learn().lexicon
        for s, t, score in sorted(lexicon.pairs()):
            for ws, wt in ((w, v) for w in words(s) for v in words(t)):
                learned.add(fa, ws, fb, wt, score)
    return learned


def _supported(profiles: dict[str, Profile], cands: Sequence[Candidate]) -> dict[tuple[str, str], float]:
    """Each candidate's score lifted toward its triangle support: a pair whose
    pages share a strong partner in a third language (en-sq and en-sr make
    sq-sr likely; an en page and the Cyrillic twin of a Latin page make the
    Latin pair likely) gets half way to the weaker of those two sides."""
    adj: dict[str, dict[str, float]] = defaultdict(dict)
    for c in cands:
        adj[c.a][c.b] = c.score
        adj[c.b][c.a] = c.score
    out: dict[tuple[str, str], float] = {}
    for c in cands:
        la, lb = profiles[c.a].lang, profiles[c.b].lang
        row_b = adj[c.b]
        support = max((min(s_ac, row_b[z]) for z, s_ac in adj[c.a].items()
                       if z in row_b and profiles[z].lang not in (la, lb)), default=0.0)
        out[(c.a, c.b)] = max(c.score, 0.5 * (c.score + support))
    return out


def _match(profiles: dict[str, Profile], cands: Sequence[Candidate], threshold: float,
           ) -> tuple[list[list[str]], dict[tuple[str, str], float]]:
    """Stories (lists of paths) and the (supported) score of every scored pair."""
    paths = sorted(profiles)
    index = {p: i for i, p in enumerate(paths)}
    scores = _supported(profiles, cands)
    by_pair: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for c in cands:
        key = (profiles[c.a].lang, profiles[c.b].lang)
        by_pair[key].append((index[c.a], index[c.b], scores[(c.a, c.b)]))
    accepted: list[tuple[float, int, int]] = []
    for key in sorted(by_pair):
        for a, b, s in assign(by_pair[key], threshold):
            accepted.append((s, a, b))
    accepted.sort(key=lambda t: (-t[0], t[1], t[2]))
    stories = Stories([profiles[p].lang for p in paths])

    def agree(x: int, y: int) -> float:
        px, py = paths[x], paths[y]
        return scores.get((px, py), scores.get((py, px), 0.0))

    for _s, a, b in accepted:
        stories.union(a, b, agree, VETO * threshold)
    return [[paths[i] for i in g] for g in stories.groups()], scores


def _pair_score(scores: dict[tuple[str, str], float], x: str, y: str, story: Sequence[str]) -> float:
    direct = scores.get((x, y), scores.get((y, x), 0.0))
    # A pair the story implies (en-sq and en-sr make sq-sr) is as sure as the
    # weaker of the two sides that imply it, if that beats its own score.
    implied = max((min(scores.get((x, z), scores.get((z, x), 0.0)), scores.get((y, z), scores.get((z, y), 0.0)))
                   for z in story if z not in (x, y)), default=0.0)
    return max(direct, implied)


def _rounds(profiles: dict[str, Profile], threshold: float, done: align.FirstPasses | None = None,
            ) -> tuple[list[Candidate], list[list[str]], dict[tuple[str, str], float]]:
    """Score, match, learn from the surest pairs, and again, until the pairs
    to learn from stop changing (all but a few: a further round would learn
    nearly the same) or the stories do, at most ROUNDS rounds. Returns the
    last round's candidates, stories and scores."""
    plist = [profiles[p] for p in sorted(profiles)]
    base = base_matrix(plist)
    learned: Learned | None = None
    done = align.FirstPasses() if done is None else done  # a pair aligned in one round is not aligned again
    seen: set[frozenset[str]] | None = None
    taught: set[tuple[str, str]] | None = None
    for _round in range(ROUNDS):
        cands = _score(plist, learned, base)
        stories, scores = _match(profiles, cands, threshold)
        current = {frozenset(s) for s in stories}
        if current == seen:
            break
        seen = current
        in_story = {p: k for k, s in enumerate(stories) for p in s}
        sure = _teaching_set(profiles, [c for c in cands if c.score >= TEACH and c.a in in_story
                                        and in_story[c.a] == in_story.get(c.b)])
        sample = {(c.a, c.b) for c in sure}
        if len(sure) < 3 or (taught is not None and len(sample & taught) >= SETTLED * len(sample)):
            break
        if _round == ROUNDS - 1:
            break  # what this round would learn, no round is left to use
        taught = sample
        learned = _learn(profiles, sure, done)
    return cands, stories, scores


def _teaching_set(profiles: dict[str, Profile], sure: Sequence[Candidate]) -> list[Candidate]:
    """At most LEARN_PAIRS sure pairs per lexicon family pair (what the aligner
    learns saturates long before, and a bounded sample keeps a large site's
    cost linear), drawn by a hash of their paths, not by score: a sample that
    does not shift with every small change of score lets the rounds settle.
    Pairs within one family (the two Serbian scripts) teach nothing."""
    taken: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for c in sorted(sure, key=lambda c: hashlib.blake2b(f"{c.a}\t{c.b}".encode(), digest_size=8).digest()):
        fa, fb = sorted((profiles[c.a].fam, profiles[c.b].fam))
        key = (fa, fb)
        if fa == fb or taken[key] >= LEARN_PAIRS:
            continue
        taken[key] += 1
        out.append(c)
    return sorted(out, key=lambda c: (c.a, c.b))


def final_candidates(documents: Sequence[Document], settings: Settings) -> list[Candidate]:
    """The scored candidates of the last learn-and-rescore round (for calibration)."""
    active = [d for d in sorted(documents, key=lambda d: d.path) if _pairable(d) is None]
    return _rounds({d.path: profile(d) for d in active}, settings.pair_threshold)[0]


def pair_site(documents: Sequence[Document], settings: Settings, aligned: align.FirstPasses | None = None,
              ) -> tuple[list[PagePair], list[Unpaired]]:
    """Find the translated page pairs among the pages of one site.

    Every two pages of a story in different languages (sr-Latn with sr-Cyrl
    excepted) become a :class:`PagePair` whose ``src`` has the tag that sorts
    first and whose ``score`` is the calibrated ``page_pair_score``. A page
    whose best candidate stays below ``settings.pair_threshold``, or whose best
    candidate went to a better partner, comes back as :class:`Unpaired` with
    the reason and that candidate. Deterministic: ties break on paths.

    The learning rounds align sure pairs (``align.first_pass``, no lexicon);
    given ``aligned``, those runs (by "src path\ttgt path") and the pages'
    segment keys (by path) are kept there for the caller's own first pass.
    """
    threshold = settings.pair_threshold
    by_path = {d.path: d for d in documents}
    unpaired: list[Unpaired] = []
    active: list[Document] = []
    for d in sorted(documents, key=lambda d: d.path):
        why = _pairable(d)
        if why is None:
            active.append(d)
        else:
            unpaired.append(Unpaired(d.path, why))
    profiles = {d.path: profile(d) for d in active}
    cands, stories, scores = _rounds(profiles, threshold, aligned)

    pairs: list[PagePair] = []
    in_story: set[str] = set()
    for story in stories:
        in_story.update(story)
        for x, y in combinations(sorted(story), 2):
            dx, dy = by_path[x], by_path[y]
            if {dx.lang.tag, dy.lang.tag} == _SAME_LANGUAGE:
                continue
            if (dx.lang.tag, x) > (dy.lang.tag, y):
                dx, dy = dy, dx
            pairs.append(PagePair(dx, dy, round(min(1.0, _pair_score(scores, x, y, story)), 4)))
    pairs.sort(key=lambda p: (p.src.path, p.tgt.path))

    best = top_edges([(c.a, c.b, c.score) for c in cands])
    langs_present = {p.lang for p in profiles.values()}
    for d in active:
        if d.path in in_story:
            continue
        others = [lang for lang in langs_present if lang != d.lang.tag and {lang, d.lang.tag} != _SAME_LANGUAGE]
        if not others:
            unpaired.append(Unpaired(d.path, "no-candidate no page in another language"))
            continue
        if d.path not in best:
            unpaired.append(Unpaired(d.path, "no-candidate nothing shared with any page in another language"))
            continue
        other, s = best[d.path]
        if s >= threshold:
            unpaired.append(Unpaired(d.path, f"taken best {s:.2f} with {other} went to a better partner",
                                     other, s))
        else:
            unpaired.append(Unpaired(d.path, f"no-partner best {s:.2f} with {other} is below {threshold:.2f}",
                                     other, s))
    unpaired.sort(key=lambda u: u.path)
    return pairs, unpaired
