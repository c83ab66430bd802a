"""Page profiles, the candidate index and the calibrated pair score.

A page is a tf-idf vector over concept keys (:mod:`.lexicon`) and anchors
(numbers, URLs), weighted by how rare each is on the site: list numbering
"(1)" and the "19" of "Covid-19" sit on many pages and weigh nearly nothing.
Candidates come from a pruned inverted index (each page's strongest keys,
keys on few pages), never from all pairs, so the work grows with the number
of pages, not its square. A candidate's features:

* ``cos``: cosine of the two vectors (the translation signal);
* ``margin``: how far ``cos`` stands above each page's next best candidate in
  the other language (a page's true translation stands out; a page about the
  same topic does not);
* ``length``: how well the length ratio fits this site's translations;
* ``blocks``: how far apart the paragraph counts are (STRAND's structure);

and its score is a logistic function of them, calibrated on development data
(``data/pairing_weights.json``, fitted by ``benchmarks/calibrate_pairing.py``):
of pairs scored 0.9, about nine in ten are right.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, compress
from operator import itemgetter, not_

import numpy as np
from scipy import sparse

from ..models import Document

# shared with the other stages; pairing's number key keeps what it was
# calibrated with (text.py says how it differs from the aligner's)
from ..text import NUMBER_RE as _NUMBER
from ..text import URL_RE as _URL
from ..text import WORD_RE as _TOKEN
from ..text import fold, may_have_url, name_key
from ..text import number_key_as_written as _number_key
from .lexicon import Learned, concept_keys, family, learned_keys, words

#: index pruning: a page enters the index with its strongest keys only, and a
#: key on more pages than this is not indexed: a fixed cap keeps the work
#: linear in the number of pages (a key on more pages cannot single out a
#: translation; the page's rarer keys do)
INDEX_KEYS = 40
INDEX_MAX_POSTINGS = 60
#: sure pairs needed before a site's own length ratio is trusted
LENGTH_MIN_PAIRS = 8
#: candidates kept per page in each other language, from each side's index
#: ranking; at most MAX_DEGREE per page once both sides' are pooled
PER_PAGE = 5
MAX_DEGREE = 8


@dataclass(slots=True)
class Profile:
    """What pairing reads of a page."""

    doc: Document
    lang: str  # the page's tag
    fam: str  # the lexicon family: en, sq, sr
    words: list[str]
    anchors: dict[str, float]
    n_chars: int
    n_blocks: int
    #: concept keys from the tables, and anchors: the part of the vector no round changes
    bag: dict[str, float]

    path: str = ""

    def __post_init__(self) -> None:
        self.path = self.doc.path


# a token right after one of these (or at a paragraph start) opens a sentence
_OPENERS = set('.!?:;"\'“”„«»‘’‚([–—-…•*')


# word-level caches: a site's pages repeat their words and names
_fold_word = lru_cache(maxsize=1 << 18)(fold)
_name_key = lru_cache(maxsize=1 << 16)(name_key)
# the tokens of _TOKEN, kept by split() with the text between them
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_FIRST = itemgetter(0)


def _names(paragraphs: Sequence[str]) -> dict[str, float]:
    """Name keys: capitalised words not opening a sentence and never written in
    lower case on the page (English headline case, "The" after a dash)."""
    caps: list[str] = []  # as written, folded below (each distinct form once)
    lower_forms: set[str] = set()
    for text in paragraphs:
        parts = _TOKEN_SPLIT.split(text)  # text, token, text, token, ..., text
        tokens = parts[1::2]
        upper = list(map(str.isupper, map(_FIRST, tokens)))
        lower_forms.update(compress(tokens, map(not_, upper)))
        for k in compress(range(len(tokens)), upper):
            # the nearest character before the token that is not a space: the
            # text before it, or else the previous token's last letter
            before = parts[2 * k].rstrip()
            if (before[-1] not in _OPENERS) if before else k > 0:
                caps.append(tokens[k])
    out: dict[str, float] = defaultdict(float)
    if caps:
        lower = set(map(_fold_word, lower_forms))
        for w, n in Counter(map(_fold_word, caps)).items():  # in order of first use
            if len(w) >= 3 and w not in lower:
                out[_name_key(w)] += n
    return out


def profile(doc: Document) -> Profile:
    paragraphs = [p.text for p in doc.paragraphs]
    anchors: dict[str, float] = defaultdict(float)
    # the URL pattern is slow and most paragraphs have none; no URL runs across two
    stripped_parts = []
    for para in paragraphs:
        if may_have_url(para):
            for url in _URL.findall(para):
                anchors["u:" + url.casefold().rstrip(".,;:)")] += 1.0
            para = _URL.sub(" ", para)
        stripped_parts.append(para)
    stripped = "\n".join(stripped_parts)
    for num in _NUMBER.findall(stripped):
        anchors["#" + _number_key(num)] += 1.0
    for k, v in _names(paragraphs).items():
        anchors[k] += v
    fam = family(doc.lang.tag)
    text_words = words(stripped)
    bag = concept_keys(text_words, fam)
    for k, v in anchors.items():
        bag[k] = bag.get(k, 0.0) + v
    n_chars = len("\n".join(paragraphs))
    return Profile(doc, doc.lang.tag, fam, text_words, dict(anchors), n_chars, len(doc.paragraphs), dict(bag))


@dataclass(frozen=True, slots=True)
class Features:
    cos: float
    margin: float
    length: float
    blocks: float

    def as_row(self) -> list[float]:
        return [1.0, self.cos, self.margin, self.length, self.blocks]


@lru_cache(maxsize=None)
def weights() -> np.ndarray:
    """The logistic coefficients (bias, cos, margin, length, blocks)."""
    raw = resources.files("polycorpus").joinpath("data", "pairing_weights.json").read_text()
    table = json.loads(raw)
    return np.array([table["coef"][k] for k in ("bias", "cos", "margin", "length", "blocks")])


def probability(f: Features) -> float:
    z = float(np.dot(weights(), f.as_row()))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _unit(x: sparse.spmatrix) -> sparse.csr_matrix:
    x = sparse.csr_matrix(x)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ x)


def _bag_matrix(bags: Sequence[dict[str, float]]) -> sparse.csr_matrix:
    """Pages x keys, sublinear term frequencies (log 1 + tf)."""
    # columns in order of first use, as one pass of setdefault would number them
    vocab = {k: i for i, k in enumerate(dict.fromkeys(chain.from_iterable(bags)))}
    index = vocab.__getitem__
    indptr = [0]
    cols: list[int] = []
    vals: list[float] = []
    for bag in bags:
        cols.extend(map(index, bag))
        vals.extend(bag.values())
        indptr.append(len(cols))
    m = sparse.csr_matrix((np.log1p(np.asarray(vals, dtype=np.float64)), np.asarray(cols, dtype=np.int64),
                           np.asarray(indptr, dtype=np.int64)), shape=(len(bags), len(vocab)))
    m.sum_duplicates()
    return m


def base_matrix(profiles: Sequence[Profile]) -> sparse.csr_matrix:
    """The part of the site's term matrix no learning round changes."""
    return _bag_matrix([p.bag for p in profiles])


def _top_per_row(m: sparse.csr_matrix | sparse.csc_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``PER_PAGE`` largest entries (each column's, for a CSC
    matrix) as (row, column) arrays; ties keep the stored order."""
    counts = np.diff(m.indptr)
    rows = np.repeat(np.arange(len(counts)), counts)
    order = np.lexsort((np.arange(len(m.data)), -m.data, rows))
    rank = np.arange(len(order)) - m.indptr[rows[order]]
    keep = order[rank < PER_PAGE]
    return rows[keep], m.indices[keep]


class SiteVectors:
    """tf-idf vectors of a site's pages, and the candidate index over them."""

    def __init__(self, profiles: Sequence[Profile], learned: Learned | None = None,
                 base: sparse.csr_matrix | None = None) -> None:
        """``base`` is :func:`base_matrix` of the same profiles, when a caller
        scores one site in several rounds (only the learned keys change)."""
        self.profiles = list(profiles)
        n = len(self.profiles)
        tf = base if base is not None else base_matrix(self.profiles)
        if learned is not None and learned.n_pairs:
            bags = [learned_keys(p.words, p.fam, learned) for p in self.profiles]
            tf = sparse.hstack([tf, _bag_matrix(bags)], format="csr")
        df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float64)
        self.df = df
        idf = np.log((n + 1.0) / (df + 0.5))
        self.x = tf.multiply(idf[np.newaxis, :]).tocsr() if n else tf
        self._shared: sparse.dia_matrix | None = None

    def _space(self, la: str, lb: str) -> tuple[np.ndarray, np.ndarray, sparse.csr_matrix, sparse.csr_matrix]:
        """The pages of ``la`` and of ``lb`` as unit vectors over the keys that
        pages of at least two language families (en, sq, sr) use on this site:
        a key only one language has (an Albanian form no table knows) says
        nothing about which page translates which, and left in it would only
        shrink every cosine. (Keys shared by the two languages at hand only
        would be too few on a small site, and inflate every cosine.)"""
        ia = np.array([i for i, p in enumerate(self.profiles) if p.lang == la], dtype=np.int64)
        ib = np.array([i for i, p in enumerate(self.profiles) if p.lang == lb], dtype=np.int64)
        if self._shared is None:
            fams = sorted({p.fam for p in self.profiles})
            count = np.zeros(self.x.shape[1])
            for fam in fams:
                rows = np.array([i for i, p in enumerate(self.profiles) if p.fam == fam], dtype=np.int64)
                count += np.bincount(self.x[rows].indices, minlength=self.x.shape[1]) > 0
            self._shared = sparse.diags((count >= 2).astype(np.float64))
        return ia, ib, _unit(self.x[ia] @ self._shared), _unit(self.x[ib] @ self._shared)

    # --- candidates ---------------------------------------------------------------

    def _pruned(self, sub: sparse.csr_matrix, max_df: float) -> sparse.csr_matrix:
        """Each row's ``INDEX_KEYS`` strongest keys among those on few pages."""
        keep_col = self.df <= max_df
        data, indices, indptr = [], [], [0]
        for r in range(sub.shape[0]):
            lo, hi = sub.indptr[r], sub.indptr[r + 1]
            cols, vals = sub.indices[lo:hi], sub.data[lo:hi]
            ok = keep_col[cols] & (vals > 0)
            cols, vals = cols[ok], vals[ok]
            if len(vals) > INDEX_KEYS:
                top = np.argpartition(-vals, INDEX_KEYS)[:INDEX_KEYS]
                cols, vals = cols[top], vals[top]
            indices.append(cols)
            data.append(vals)
            indptr.append(indptr[-1] + len(cols))
        return sparse.csr_matrix(
            (np.concatenate(data) if data else [], np.concatenate(indices) if indices else [], indptr),
            shape=sub.shape)

    def pair_candidates(self, la: str, lb: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Index candidates between the pages tagged ``la`` and those tagged
        ``lb`` (each page's ``PER_PAGE`` best by the pruned index, both ways),
        with their cosines over the keys the two languages share."""
        ia, ib, xa, xb = self._space(la, lb)
        if not len(ia) or not len(ib):
            return [], np.zeros(0)
        max_df = INDEX_MAX_POSTINGS
        sim = (self._pruned(xa, max_df) @ self._pruned(xb, max_df).T).tocsr()
        rows, cols = _top_per_row(sim)
        local = set(zip(rows.tolist(), cols.tolist()))
        cols, rows = _top_per_row(sim.tocsc())
        local.update(zip(rows.tolist(), cols.tolist()))
        pairs = sorted(local)
        if not pairs:
            return [], np.zeros(0)
        a = np.array([i for i, _ in pairs])
        b = np.array([j for _, j in pairs])
        cos = np.asarray(xa[a].multiply(xb[b]).sum(axis=1)).ravel()
        # A hub (a page near many others in the index) would collect a
        # candidate from every page that ranks it high: each page keeps its
        # MAX_DEGREE best by cosine, so the work per page stays bounded.
        order = np.lexsort((b, a, -cos))
        degree_a: dict[int, int] = defaultdict(int)
        degree_b: dict[int, int] = defaultdict(int)
        keep = []
        for k in order:
            i, j = int(a[k]), int(b[k])
            if degree_a[i] < MAX_DEGREE and degree_b[j] < MAX_DEGREE:
                degree_a[i] += 1
                degree_b[j] += 1
                keep.append(k)
        keep.sort()
        return [(int(ia[a[k]]), int(ib[b[k]])) for k in keep], cos[keep]

    # --- features -----------------------------------------------------------------

    def features(self, pairs: Sequence[tuple[int, int]], cos: np.ndarray) -> list[Features]:
        """Features of candidate pairs of one language pair (the margins are
        measured among these candidates)."""
        best_a: dict[int, list[float]] = defaultdict(list)
        best_b: dict[int, list[float]] = defaultdict(list)
        for (i, j), c in zip(pairs, cos):
            best_a[i].append(c)
            best_b[j].append(c)
        top2 = {}
        for d, side in ((best_a, "a"), (best_b, "b")):
            for k, vals in d.items():
                vals.sort(reverse=True)
                top2[(side, k)] = (vals[0], vals[1] if len(vals) > 1 else 0.0)
        # Length ratio of this language pair, from the pairs that are each
        # other's best: a site's translations run longer or shorter by a steady factor.
        logs = []
        for (i, j), c in zip(pairs, cos):
            if c == top2[("a", i)][0] and c == top2[("b", j)][0] and c > 0:
                pa, pb = self.profiles[i], self.profiles[j]
                if pa.n_chars and pb.n_chars:
                    logs.append(math.log(pb.n_chars / pa.n_chars))
        # Too few sure pairs say nothing about the ratio (on a site of five pages
        # the candidate itself would set it): then translations are taken to
        # be about as long as their originals.
        mu = float(np.median(logs)) if len(logs) >= LENGTH_MIN_PAIRS else 0.0
        sigma = 0.35
        if len(logs) >= LENGTH_MIN_PAIRS:
            sigma = max(0.15, min(0.6, 1.4826 * float(np.median(np.abs(np.array(logs) - mu))) * 1.5))
        out = []
        for (i, j), c in zip(pairs, cos):
            ta, tb = top2[("a", i)], top2[("b", j)]
            other_a = ta[1] if c >= ta[0] else ta[0]
            other_b = tb[1] if c >= tb[0] else tb[0]
            margin = c - max(other_a, other_b)
            pa, pb = self.profiles[i], self.profiles[j]
            if pa.n_chars and pb.n_chars:
                z = (math.log(pb.n_chars / pa.n_chars) - mu) / sigma
                length = math.exp(-0.5 * z * z)
            else:
                length = 0.0
            blocks = abs(math.log((pa.n_blocks + 1) / (pb.n_blocks + 1)))
            out.append(Features(float(c), float(margin), length, blocks))
        return out
