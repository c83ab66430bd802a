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
numpy; only the recurrence itself walks the rows.

``align_many`` is the two-pass, corpus-level version: align every document,
learn word pairs from the clear 1-1 beads of all documents pooled (pairs
that recur across documents), realign with the pooled length model and the
first pass's typical cosine.

Each bead's ``score`` is a fitted probability that it is right (for a 1-0 or
0-1 bead: that the segment really is untranslated); see ``_PAIR_COEF``.
"""
from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import numpy as np

from .models import Bead

__all__ = [
    "AlignParams",
    "Lexicon",
    "align",
    "align_many",
    "format_jsonl",
    "format_ladder",
    "format_tsv",
]

_INF = np.inf
#: quantiles of a chi-square with one degree of freedom
_CHI2_1 = {0.5: 0.455, 0.75: 1.323, 0.8: 1.642, 0.9: 2.706}


# ---------------------------------------------------------------------------
# Parameters


@dataclass(frozen=True, slots=True)
class AlignParams:
    """The aligner's knobs. Costs are negative log-probabilities, roughly."""

    #: half-width of the search band, in segments, around the guide path
    band: int = 50
    #: how often the band may be re-centred on the path found
    max_recentre: int = 3
    #: bead types (src count, tgt count) with their prior cost; 1-0 and 0-1 use ``skip_cost``
    bead_costs: tuple[tuple[int, int, float], ...] = (
        (1, 1, 0.0),
        (1, 2, 1.6),
        (2, 1, 1.6),
        (2, 2, 3.2),
        (1, 3, 3.4),
        (3, 1, 3.4),
        (2, 3, 4.6),
        (3, 2, 4.6),
        # one sentence split in four (German ones, at French semicolons)
        (1, 4, 5.0),
        (4, 1, 5.0),
    )
    #: extra cost of a gapped bead (X, junk, Y <-> Z and the mirror), on top of
    #: the X+Y <-> Z bead's prior and the junk's skip cost; None turns them off
    gap_cost: float | None = 0.5
    #: cost of leaving one segment unaligned (1-0 or 0-1)
    skip_cost: float = 2.0
    #: Gale-Church variance of the target length per source character
    length_variance: float = 6.8
    #: the quantile of squared length deviations the variance is estimated from
    length_quantile: float = 0.8
    #: the length cost grows linearly, not quadratically, beyond this many
    #: standard deviations (None: pure Gale-Church)
    length_huber: float | None = 2.0
    #: weight of the length cost
    w_length: float = 0.3
    #: weight of the lexical dissimilarity cost (per segment in the bead)
    w_lexical: float = 3.0
    #: without a first pass, a typical translation's cosine is read from the best
    #: 1-1 cosines this many segments either side of the guide
    typical_window: int = 3
    #: cosines are read relative to a typical translation's, and capped here
    lexical_cap: float = 2.0
    #: reward per boundary inside a bead where the sentence runs on (see ``_runs_on``)
    w_runs_on: float = 1.0
    #: cost per anchor (number, URL, ?, !) left without a partner in a bead
    w_anchor: float = 1.0
    #: extra weight of anchors over words in the lexical cosine
    anchor_boost: float = 2.0
    #: folded words this long or longer are compared by their first ``prefix`` letters
    prefix: int = 4
    #: beads with a cosine at least ``confident_cos`` times the typical pair's
    #: and a length deviation of at most ``confident_delta`` standard
    #: deviations feed the lexicon in ``align_many``
    confident_cos: float = 0.8
    confident_delta: float = 3.0
    #: ... and at most this many segments beyond a 1-1 bead's two (Dice
    #: co-occurrence is sharpest in 1-1 beads)
    confident_extra: int = 0
    #: learned word pairs need this many co-occurrences and this Dice coefficient
    lexicon_min_count: int = 3
    lexicon_min_dice: float = 0.3
    #: ... in beads of this many documents (when there are that many)
    lexicon_min_docs: int = 3
    #: at most this many confident beads are used to learn the lexicon
    lexicon_max_beads: int = 5000

    def __post_init__(self) -> None:
        if self.band < 4:
            raise ValueError("AlignParams.band must be at least 4")
        for a, b, _ in self.bead_costs:
            if not (1 <= a <= 4 and 1 <= b <= 4 and a + b <= 5):
                raise ValueError(f"bead type {a}-{b}: both sides need 1 to 4 segments, "
                                 "and at most 5 in all")


# ---------------------------------------------------------------------------
# Folding and features
#
# A fold of its own rather than language.fold: this one runs on every token of
# every segment (the aligner's hot path), so it folds case and letters with one
# str.translate and repairs look-alikes only in the few words that need it,
# where language.fold decides the script word by word for every text.

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
    # neighbours, so a stray Macedonian or Russian letter still folds
    "ѓ": "dj", "ќ": "c", "ѕ": "dz", "й": "j", "ё": "e", "э": "e", "ы": "y", "ю": "ju",
    "я": "ja", "щ": "sc", "ъ": "", "ь": "", "і": "i", "ї": "i", "є": "e",
}
# letters NFKD does not decompose
_LATIN = {"đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i"}
_FOLD_TABLE = str.maketrans({**_CYR, **_LATIN})
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


# Latin letters that look like Cyrillic ones, read as the Cyrillic letter when
# they sit inside a Cyrillic word ("Бeoгpaд" typed with Latin e, o, p, a):
# Latin p, c, x, y there are Cyrillic р, с, х, у (r, s, h, u), not p, c, x, y.
_HOMOGLYPHS = str.maketrans("aeopcxykmtbhjis", "аеорсхукмтвнјіѕ")
_MIXED_WORD = re.compile(r"\w*[\u0400-\u04ff]\w*")


def _cyrillic_homoglyphs(text: str) -> str:
    """Text already case-folded; only words with a Cyrillic letter change."""
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_HOMOGLYPHS), text)


def _fold(text: str) -> str:
    """Case-fold, read Serbian Cyrillic as Latin, strip diacritics (č -> c, ë -> e)."""
    text = text.casefold()
    if text.isascii():  # nothing below changes ASCII text
        return text
    if _CYRILLIC.search(text):
        text = _cyrillic_homoglyphs(text)
    text = text.translate(_FOLD_TABLE)
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_QUOTES = "\"«»„“”"


def _number_key(raw: str) -> str:
    """1.000 / 1,000 / 1000 -> 1000; 3,5 / 3.5 -> 3.5."""
    parts = re.split(r"[.,]", raw)
    if len(parts) == 1:
        return parts[0].lstrip("0") or "0"
    if all(len(p) == 3 for p in parts[1:]):
        return ("".join(parts)).lstrip("0") or "0"
    whole = ("".join(parts[:-1])).lstrip("0") or "0"
    return f"{whole}.{parts[-1]}"


def _tokens(text: str) -> list[str]:
    """Folded word tokens (letters only) of a text."""
    return _WORD.findall(_fold(text))


@dataclass(slots=True)
class _SegmentKeys:
    # tuples, not sets: tens of thousands of these live through both passes
    words: tuple[str, ...]  # distinct folded words, interned (they recur across segments)
    keys: tuple[str, ...]  # distinct keys
    anchors: tuple[str, ...]


_URL_HINT = re.compile(r"https?:|www\.|@", re.IGNORECASE)
_QUOTE_SET = frozenset(_QUOTES)


def _segment_keys(text: str, prefix: int) -> _SegmentKeys:
    anchors: set[str] = set()
    stripped = text
    if _URL_HINT.search(text):  # the URL pattern is slow; most segments have none
        for url in _URL.findall(text):
            anchors.add("U:" + url.casefold().rstrip(".,;:)"))
        stripped = _URL.sub(" ", text)
    for num in _NUMBER.findall(stripped):
        anchors.add("#:" + _number_key(num))
    if "?" in text or "¿" in text:
        anchors.add("P:?")
    if "!" in text:
        anchors.add("P:!")
    keys = set(anchors)
    if not _QUOTE_SET.isdisjoint(text):
        keys.add("P:quote")
    words = set(_tokens(stripped))
    keys.update(chain.from_iterable([_word_keys(w, prefix) for w in words]))
    return _SegmentKeys(tuple(map(sys.intern, words)), tuple(keys), tuple(anchors))


@lru_cache(maxsize=1 << 17)
def _word_keys(word: str, prefix: int) -> tuple[str, ...]:
    """A folded word's prefix key and consonant-skeleton key."""
    if len(word) < prefix:
        return ()
    sk = _skeleton(word)
    if len(sk) >= 3:
        return ("C:" + word[:prefix], "S:" + sk[:4])
    return ("C:" + word[:prefix],)


# Spellings of one sound across English, Albanian and Serbian (Latin or read
# from Cyrillic), longest first: Washington / Vašington, Shaqiri / Šaćiri,
# Cromwell / Kromvel, Phoenix / Feniks.
_SOUNDS = re.compile(r"sch|tsch|xh|zh|sh|ch|th|ph|gh|ck|dh|dj|dz|[cqwxj]")
_SOUND_MAP = {"sch": "s", "tsch": "c", "xh": "d", "zh": "z", "sh": "s", "ch": "c", "th": "t",
              "ph": "f", "gh": "", "ck": "k", "dh": "d", "dj": "d", "dz": "d", "c": "k",
              "q": "k", "w": "v", "x": "ks", "j": ""}
_VOWELS = re.compile(r"[aeiouyh]+")
_DOUBLE = re.compile(r"(.)\1+")


def _skeleton(word: str) -> str:
    """The consonants of a folded word, spelled one way: names and loanwords
    written differently in each language (Trump / Tramp, Fleetwood / Flitvud)
    share it where their 4-letter prefixes differ."""
    w = _SOUNDS.sub(lambda m: _SOUND_MAP[m.group(0)], word)
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", w))


# ---------------------------------------------------------------------------
# Lexicon


class Lexicon:
    """Learned translation word pairs (folded source word, folded target word) -> score in (0, 1]."""

    def __init__(self, pairs: Iterable[tuple[str, str, float]] = ()) -> None:
        self._fwd: dict[str, dict[str, float]] = {}
        self._bwd: dict[str, dict[str, float]] = {}
        for s, t, score in pairs:
            self.add(s, t, score)

    def add(self, src: str, tgt: str, score: float) -> None:
        src, tgt = _fold(src), _fold(tgt)
        self._fwd.setdefault(src, {})[tgt] = float(score)
        self._bwd.setdefault(tgt, {})[src] = float(score)

    def score(self, src: str, tgt: str) -> float:
        return self._fwd.get(_fold(src), {}).get(_fold(tgt), 0.0)

    def translations(self, src: str) -> dict[str, float]:
        return dict(self._fwd.get(_fold(src), {}))

    def sources(self, tgt: str) -> dict[str, float]:
        return dict(self._bwd.get(_fold(tgt), {}))

    def pairs(self) -> Iterator[tuple[str, str, float]]:
        for s, tr in self._fwd.items():
            for t, score in tr.items():
                yield s, t, score

    def __len__(self) -> int:
        return sum(len(tr) for tr in self._fwd.values())

    def __contains__(self, pair: object) -> bool:
        return isinstance(pair, tuple) and len(pair) == 2 and self.score(*pair) > 0

    def __repr__(self) -> str:
        return f"Lexicon({len(self)} pairs)"

    @classmethod
    def learn(
        cls,
        beads: Iterable[tuple[Sequence[str], Sequence[str]] | tuple[Sequence[str], Sequence[str], object]],
        min_count: int = 2,
        min_dice: float = 0.3,
        min_docs: int = 1,
    ) -> Lexicon:
        """Word pairs from aligned (source texts, target texts) beads, by Dice
        coefficient of co-occurrence in the same bead. Identical words are left
        out: the cognate keys already match them.

        A bead may carry a third item, the document it comes from; a pair then
        has to co-occur in ``min_docs`` documents (or in all of them, if there
        are fewer). Within one document, words of its topic co-occur in every
        paragraph about it ("Harlem" with "Martina") without translating each
        other; across documents only translations keep co-occurring."""
        src_count: Counter[str] = Counter()
        tgt_count: Counter[str] = Counter()
        bags: list[tuple[set[str], set[str], object]] = []
        s_ids: dict[str, int] = {}
        t_ids: dict[str, int] = {}
        codes = []
        for k, bead in enumerate(beads):
            doc = bead[2] if len(bead) > 2 else k
            sw = {w for t in bead[0] for w in _tokens(t) if len(w) > 1}
            tw = {w for t in bead[1] for w in _tokens(t) if len(w) > 1}
            src_count.update(sw)
            tgt_count.update(tw)
            bags.append((sw, tw, doc))
            if sw and tw:
                si = np.fromiter((s_ids.setdefault(w, len(s_ids)) for w in sw), np.int64, len(sw))
                ti = np.fromiter((t_ids.setdefault(w, len(t_ids)) for w in tw), np.int64, len(tw))
                codes.append((si[:, None] << 32 | ti[None, :]).ravel())
        # co-occurrence counts of every (source word, target word) pair, in bulk
        pairs, joint = np.unique(np.concatenate(codes or [np.zeros(0, np.int64)]), return_counts=True)
        frequent = joint >= min_count
        s_word, t_word = list(s_ids), list(t_ids)
        cand: dict[str, dict[str, float]] = {}
        for code, c in zip(pairs[frequent].tolist(), joint[frequent].tolist()):
            s, t = s_word[code >> 32], t_word[code & 0xFFFFFFFF]
            if s == t:
                continue
            dice = 2.0 * c / (src_count[s] + tgt_count[t])
            if dice >= min_dice:
                cand.setdefault(s, {})[t] = dice
        need_docs = min(min_docs, len({doc for _, _, doc in bags}))
        if need_docs > 1:
            seen: dict[tuple[str, str], set[object]] = {}
            for sw, tw, doc in bags:
                for s in sw:
                    ts = cand.get(s)
                    if ts:
                        for t in tw:
                            if t in ts:
                                seen.setdefault((s, t), set()).add(doc)
            cand = {s: {t: d for t, d in ts.items() if len(seen.get((s, t), ())) >= need_docs}
                    for s, ts in cand.items()}
        best = {s: [(d, t) for t, d in ts.items()] for s, ts in cand.items() if ts}
        lex = cls()
        for s, cands in best.items():
            cands.sort(reverse=True)
            for dice, t in cands[:3]:
                lex.add(s, t, dice)
        return lex


# ---------------------------------------------------------------------------
# Bead costs in bulk


@dataclass(slots=True)
class _Features:
    """Per-side arrays the cost computation needs."""

    length: np.ndarray  # chars per segment
    anchors: np.ndarray  # anchor count per segment
    cont: np.ndarray  # per segment: how surely its sentence runs on into the next (_runs_on)
    norm2: list[np.ndarray]  # norm2[k][i]: squared norm of the sum of segments i..i+k
    gap2: np.ndarray  # gap2[i]: squared norm of the sum of segments i and i+2
    occ_seg: np.ndarray  # (segment, key) occurrences of matchable keys
    occ_key: np.ndarray


def _side_features(
    keys: list[list[int]], lengths: np.ndarray, anchors: np.ndarray, cont: np.ndarray,
    w2: np.ndarray, matchable: int, max_span: int,
) -> _Features:
    n = len(keys)
    seg_all = np.repeat(np.arange(n, dtype=np.int64), [len(ks) for ks in keys])
    key_all = np.fromiter(chain.from_iterable(keys), dtype=np.int64, count=len(seg_all))
    self2 = np.bincount(seg_all, weights=w2[key_all], minlength=n)
    # keys shared by segments i and i + step, by (key, segment) codes
    code = key_all * (n + 2) + seg_all
    code.sort()

    def shared(step: int) -> np.ndarray:
        if n <= step:
            return np.zeros(0)
        hit = np.isin(code + step, code, assume_unique=True)
        return np.bincount(code[hit] % (n + 2), weights=w2[code[hit] // (n + 2)],
                           minlength=n)[: n - step]

    adj = [self2] + [shared(d) for d in range(1, max(max_span, 3))]
    # norm2[L - 1][i]: the sum of self2 over segments i..i+L-1 plus twice the
    # keys shared by each two of them (distance d: adj[d])
    norm2 = []
    for span in range(1, min(max_span, n) + 1):
        total = self2[: n - span + 1].copy()
        for k in range(1, span):
            total += self2[k: n - span + 1 + k]
        for d in range(1, span):
            for k in range(span - d):
                total += 2 * adj[d][k: n - span + 1 + k]
        norm2.append(total)
    adj2 = adj[2]
    keep = key_all < matchable
    gap2 = self2[:-2] + self2[2:] + 2 * adj2 if n >= 3 else np.zeros(0)
    return _Features(lengths, anchors, cont, norm2, gap2, seg_all[keep], key_all[keep])


def _log_tail(z: np.ndarray) -> np.ndarray:
    """-log(2 * (1 - Phi(|z|))) = -log erfc(|z| / sqrt 2), without underflow
    (Numerical Recipes' erfc approximation, relative error < 1.2e-7)."""
    x = np.abs(z) * np.float32(1.0 / math.sqrt(2.0))
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    return -(np.log(t) - x * x + poly)


def _length_cost(delta: np.ndarray, huber: float | None) -> np.ndarray:
    """Gale-Church's -log P(|z| >= |delta|), continued linearly beyond
    ``huber``: real length mismatches (a sentence cut, a clause added) have far
    heavier tails than a normal, and one of them should not outweigh all the
    lexical evidence of a bead.

    Up to ``huber`` the cost is read off a table by linear interpolation (error
    below 1e-7, float32's own), which is a third of the work of the formula."""
    if huber is None:
        return _log_tail(delta)
    f4 = np.float32
    table, step = _tail_table(float(huber))
    x = np.abs(delta)
    u = np.minimum(x, f4(huber))
    u *= f4(1.0 / step)
    idx = u.astype(np.int32)
    np.minimum(idx, len(table) - 2, out=idx)
    u -= idx
    cost = table[idx]
    cost += u * (table[idx + 1] - cost)
    x -= f4(huber)
    np.maximum(x, f4(0.0), out=x)
    x *= f4(huber + 1.0 / huber)  # the tail's derivative near huber
    cost += x
    return cost


@lru_cache(maxsize=4)
def _tail_table(huber: float, steps: int = 4096) -> tuple[np.ndarray, float]:
    grid = np.linspace(0.0, huber, steps + 1)
    return _log_tail(grid).astype(np.float32), huber / steps


@dataclass(slots=True)
class _Problem:
    """One document pair, featurised."""

    src: _Features
    tgt: _Features
    w2: np.ndarray  # squared key weight, per key id
    anchor: np.ndarray  # 1.0 for anchor keys
    ratio: float  # expected target chars per source char
    variance: float
    src_keys: list[list[int]]
    tgt_keys: list[list[int]]

    def cosine(self, i: int, j: int) -> float:
        """Cosine of source segment i and target segment j."""
        den = math.sqrt(self.src.norm2[0][i] * self.tgt.norm2[0][j])
        if den <= 0:
            return 0.0
        common = set(self.src_keys[i]).intersection(self.tgt_keys[j])
        return float(sum(self.w2[k] for k in common)) / den


def _doc_keys(
    src: Sequence[str], tgt: Sequence[str], params: AlignParams
) -> tuple[list[_SegmentKeys], list[_SegmentKeys]]:
    return ([_segment_keys(t, params.prefix) for t in src],
            [_segment_keys(t, params.prefix) for t in tgt])


def _problem(
    src: Sequence[str],
    tgt: Sequence[str],
    params: AlignParams,
    lexicon: Lexicon | None,
    ratio: float | None = None,
    variance: float | None = None,
    keys: tuple[list[_SegmentKeys], list[_SegmentKeys]] | None = None,
) -> _Problem:
    if keys is None:
        keys = _doc_keys(src, tgt, params)
    sk, tk = keys
    if lexicon is not None and len(lexicon):
        # copies: the same keys serve both passes of align_many
        # (no segment key starts with "L:", so the tuples stay free of repeats)
        sk = [_SegmentKeys(seg.words, seg.keys + tuple({"L:" + w for w in seg.words if lexicon._fwd.get(w)}),
                           seg.anchors) for seg in sk]
        tk = [_SegmentKeys(seg.words, seg.keys + tuple({"L:" + s for w in seg.words
                                                        for s in lexicon._bwd.get(w, ())}),
                           seg.anchors) for seg in tk]
    df_s: Counter[str] = Counter(chain.from_iterable(seg.keys for seg in sk))
    df_t: Counter[str] = Counter(chain.from_iterable(seg.keys for seg in tk))
    # Only keys seen on both sides can tell a translation from a non-translation;
    # the others would only shrink every cosine alike.
    # Keys seen on one side only still count in the norms (a bead whose words
    # find no partner is less likely a translation) but never in the overlap.
    shared = [k for k in df_s if k in df_t]
    vocab = {k: i for i, k in enumerate(shared)}
    for k in (df_s | df_t):
        if k not in vocab:
            vocab[k] = len(vocab)
    matchable = len(shared)
    total = len(src) + len(tgt)
    w2 = np.zeros(len(vocab))
    anchor = np.zeros(len(vocab))
    for k, i in vocab.items():
        w = math.log(1.0 + total / (df_s[k] + df_t[k]))
        if k[0] in "#UP" and k != "P:quote":
            anchor[i] = 1.0
            w *= params.anchor_boost
        w2[i] = w * w
    s_len = np.array([len(t.strip()) for t in src], dtype=float)
    t_len = np.array([len(t.strip()) for t in tgt], dtype=float)
    s_keys = [list(map(vocab.__getitem__, seg.keys)) for seg in sk]
    t_keys = [list(map(vocab.__getitem__, seg.keys)) for seg in tk]
    s_feat = _side_features(
        s_keys, s_len, np.array([len(seg.anchors) for seg in sk], dtype=float),
        _runs_on(src), w2, matchable, max(a for a, _, _ in params.bead_costs))
    t_feat = _side_features(
        t_keys, t_len, np.array([len(seg.anchors) for seg in tk], dtype=float),
        _runs_on(tgt), w2, matchable, max(b for _, b, _ in params.bead_costs))
    if ratio is None:
        ratio = (t_len.sum() + 1.0) / (s_len.sum() + 1.0)
    return _Problem(s_feat, t_feat, w2, anchor, ratio,
                    params.length_variance if variance is None else variance, s_keys, t_keys)


# What may open a segment before its first word and still leave it a sentence's
# continuation: quotes (» closes in Swiss and French text, opens in German),
# brackets, dashes and spaces.
_LEAD = re.compile(r"[\s\"'«»„“”‚‘’()\[\]\-–—…]*")
# A segment that ends on an initial or a two-letter abbreviation ("Ch .",
# "B.M .", "Dr."): the sentence goes on in the next one.
_INITIAL_END = re.compile(r"(?:^|[\s.])([^\W\d_][^\W\d_]?)\s?\.$")


def _runs_on(texts: Sequence[str], start_weight: float = 1.0, initial_weight: float = 1.0) -> np.ndarray:
    """Per boundary between segment k and k + 1, how surely the sentence runs
    on across it, so that the other language may well have kept the two
    together: 1.0 when segment k ends on ; : , or an opening bracket, or when
    segment k + 1 starts with a lower-case letter or with , ; : ) after any
    quotes (a paragraph or line broken inside a sentence); ``initial_weight``
    when segment k ends on an initial."""
    out = np.zeros(len(texts))
    for k, t in enumerate(texts):
        end = t.rstrip()
        v = 1.0 if end[-1:] in (";", ":", ",", "(") else 0.0
        if not v:
            # a match is at most 5 characters long: search only the end
            initial = _INITIAL_END.search(end, max(0, len(end) - 6))
            if initial and initial.group(1)[0].isupper():
                v = initial_weight
        if k + 1 < len(texts) and v < start_weight:
            nxt = texts[k + 1]
            lead = _LEAD.match(nxt)  # always a match: every part of the pattern is optional
            first = nxt[lead.end() if lead else 0:][:1]
            if first and (first.islower() or first in ",;:)"):
                v = start_weight
        out[k] = v
    return out


# Rows of the band whose bead costs are held at once: the costs of every bead
# type for the whole band would take hundreds of MB on long documents.
_CHUNK_ROWS = 256
# Source-target key matches handled at once when summing the pair overlaps.
_CHUNK_MATCHES = 1 << 19


def _pair_dots(p: _Problem, lo: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Per cell (i, d), j = lo[i] + d: weighted key overlap of source segment
    i-1 and target segment j-1, and their count of shared anchors."""
    n1 = len(lo)
    m = len(p.tgt.length)
    size = n1 * width
    dots = np.zeros(size)
    anch = np.zeros(size)
    if not len(p.src.occ_key) or not len(p.tgt.occ_key):
        return dots.reshape(n1, width).astype(np.float32), anch.reshape(n1, width).astype(np.float32)
    stride = m + 2
    order = np.lexsort((p.tgt.occ_seg, p.tgt.occ_key))
    t_seg = p.tgt.occ_seg[order]
    t_comp = p.tgt.occ_key[order] * stride + t_seg
    s_row = p.src.occ_seg + 1
    first = lo[s_row] - 1  # target segment of the cell d = 0
    base = p.src.occ_key * stride
    left = np.searchsorted(t_comp, base + np.maximum(first, 0), "left")
    cnt = np.searchsorted(t_comp, base + first + width, "left") - left
    ends = np.cumsum(cnt)
    # in slices of source occurrences, so that the matches never all sit in memory
    cuts = np.searchsorted(ends, np.arange(_CHUNK_MATCHES, int(ends[-1]) if len(ends) else 0, _CHUNK_MATCHES))
    for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(cnt)]])):
        c = cnt[a:b]
        total = int(c.sum())
        if total == 0:
            continue
        which = np.repeat(np.arange(a, b), c)
        pos = np.arange(total) - np.repeat(np.cumsum(c) - c, c) + np.repeat(left[a:b], c)
        row = s_row[which]
        key = p.src.occ_key[which]
        flat = row * width + (t_seg[pos] + 1 - lo[row])
        dots += np.bincount(flat, weights=p.w2[key], minlength=size)
        anch += np.bincount(flat, weights=p.anchor[key], minlength=size)
    return dots.reshape(n1, width).astype(np.float32), anch.reshape(n1, width).astype(np.float32)


@dataclass(frozen=True, slots=True)
class _BeadType:
    """A bead shape. ``src``/``tgt`` are the member offsets counted back from
    the bead's end (0 = its last segment); a gapped bead leaves a segment in
    the middle out of its members and charges it as left out."""

    a: int  # source segments spanned
    b: int  # target segments spanned
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    prior: float

    @property
    def src_gap(self) -> tuple[int, ...]:
        return tuple(k for k in range(self.a) if k not in self.src)

    @property
    def tgt_gap(self) -> tuple[int, ...]:
        return tuple(k for k in range(self.b) if k not in self.tgt)


def _bead_types(params: AlignParams) -> list[_BeadType]:
    out = [_BeadType(a, b, tuple(range(a)), tuple(range(b)), c) for a, b, c in params.bead_costs]
    if params.gap_cost is not None:
        # A segment of one side that interrupts a split translation (an
        # inline promo, a "read also" link) sits inside the bead that must
        # span it: X, junk, Y <-> Z. It is charged as left out, not as a member.
        prior = {(a, b): c for a, b, c in params.bead_costs}
        for (a, b), src, tgt in (((3, 1), (0, 2), (0,)), ((1, 3), (0,), (0, 2))):
            base = prior.get((len(src), len(tgt)))
            if base is not None:
                out.append(_BeadType(a, b, src, tgt, base + params.gap_cost))
    return out


@dataclass(slots=True)
class _BeadStats:
    cos: np.ndarray  # the whole bead's relative cosine
    delta: np.ndarray
    unmatched: np.ndarray
    worst: np.ndarray  # the relative cosine of the bead's least explained segment


_PAD = 8  # >= the most segments a bead spans on one side


class _Band:
    """What the bead costs of a band read, computed once per band: the pair
    overlaps of every cell, a typical translation's cosine, the skip costs,
    and each target-side array laid out so that the values of a band row are
    one contiguous slice (no per-cell index arithmetic)."""

    def __init__(self, p: _Problem, params: AlignParams, lo: np.ndarray, width: int,
                 typical: float | None, guide: np.ndarray | None) -> None:
        f4 = np.float32
        n1 = len(lo)
        n, m = n1 - 1, len(p.tgt.length)
        self.p, self.params, self.lo, self.width, self.n, self.m = p, params, lo, width, n, m
        dots, anch = _pair_dots(p, lo, width)

        def padded(x: np.ndarray) -> np.ndarray:  # indexed by position: x[i] is segment i - 1
            return np.concatenate([[0.0], x]).astype(f4)

        self.cs_len, self.cs_anc = padded(np.cumsum(p.src.length)), padded(np.cumsum(p.src.anchors))
        self.s_len1, self.s_anc1 = padded(p.src.length), padded(p.src.anchors)
        self.cs_cont = padded(np.cumsum(p.src.cont))
        self.s_self = padded(p.src.norm2[0])
        self._t = {
            "len": padded(np.cumsum(p.tgt.length)), "anc": padded(np.cumsum(p.tgt.anchors)),
            "len1": padded(p.tgt.length), "anc1": padded(p.tgt.anchors),
            "cont": padded(np.cumsum(p.tgt.cont)), "self": padded(p.tgt.norm2[0]),
        }
        for k in range(1, 5):  # a bead spans at most 4 segments of a side (AlignParams)
            self._t[f"norm{k}"] = _extend(p.tgt.norm2[k - 1] if k - 1 < len(p.tgt.norm2) else np.zeros(0), m)
        self._t["gap"] = _extend(p.tgt.gap2, m)
        self._windows: dict[str, np.ndarray] = {}

        # A typical translation's cosine in this document. Cosines are read
        # relative to it, so that weakly related languages (few cognates) and
        # Cyrillic against Latin Serbian (nearly every word matches) weigh alike.
        # Without a first pass to read it from: the median over source segments
        # of their best 1-1 cosine near the guide. Near, not in the whole band:
        # the best of more candidates is higher by chance alone, and the estimate
        # (and the alignment) would move with the band's width.
        den11 = np.sqrt(self.s_self[:, None] * self.cols("self", lo, 0))
        cos11 = np.divide(dots, den11, out=np.zeros_like(dots), where=den11 > 0)
        for i in np.nonzero(lo < 1)[0]:  # the cell before the first target segment
            cos11[i, : 1 - lo[i]] = 0.0
        if typical is None:
            if guide is not None:
                centre = np.round(guide).astype(np.int64) - lo
                near = np.abs(np.arange(width)[None, :] - centre[:, None]) <= params.typical_window
                best = np.where(near, cos11, 0)[1:].max(axis=1) if n else np.zeros(0)
            else:
                best = cos11[1:].max(axis=1) if n else np.zeros(0)
            best = best[best > 0]
            typical = float(np.median(best)) if len(best) else 0.0
        self.typical = typical = max(typical, 0.05)
        cos11 /= f4(typical)
        self.rel11 = cos11

        # A left-out segment is charged like a segment with no lexical match in a
        # bead (half a 1-1 bead's worth), so that leaving out is never a cheap way
        # around weak evidence; on top comes the prior cost of a 1-0 bead.
        skip = params.skip_cost + 0.5 * params.w_lexical
        self.src_skip = f4(skip) + f4(params.w_anchor) * self.s_anc1
        self.tgt_skip = (skip + params.w_anchor * p.tgt.anchors).astype(f4)
        self._t["skip"] = padded(self.tgt_skip)

        # The overlaps of the band's cells with _PAD zero columns either side
        # and _PAD zero rows above, flattened: the cell (i - da, j - db) seen
        # from the row i is then one slice (see ``grid``).
        self._grids = []
        for x in (dots, anch):
            out = np.zeros((n1 + _PAD, width + 2 * _PAD + width), dtype=f4)
            out[_PAD:, _PAD:_PAD + width] = x
            self._grids.append(out)
        self._grid_cols = width + 2 * _PAD + width

    def cols(self, name: str, lo_rows: np.ndarray, back: int) -> np.ndarray:
        """(rows, width): the target array ``name`` at position j - back of each
        cell, j = lo[i] + d, positions clipped to [0, m] as the arrays' ends repeat."""
        win = self._windows.get(name)
        if win is None:
            x = self._t[name]
            ext = np.concatenate([np.full(_PAD, x[0]), x, np.full(self.width + _PAD, x[-1])])
            win = self._windows[name] = np.lib.stride_tricks.sliding_window_view(ext, self.width)
        return win[lo_rows - back + _PAD]

    def grid(self, which: int, r0: int, r1: int, da: int, db: int) -> np.ndarray:
        """(rows r0..r1, width): the overlap (which=0) or shared anchors (1) of
        the cell (i - da, j - db), 0 outside the band."""
        lo = self.lo
        rows = np.arange(r0, r1)
        shift = np.minimum(lo[r0:r1] - lo[np.maximum(rows - da, 0)], self.width + _PAD)
        start = (rows - da + _PAD) * self._grid_cols + _PAD - db + shift
        flat = self._grids[which].reshape(-1)
        return np.lib.stride_tricks.sliding_window_view(flat, self.width)[start]


def _extend(arr: np.ndarray, m: int) -> np.ndarray:
    """``arr`` read at positions 0..m, clipped to its length (zeros when empty)."""
    if not len(arr):
        return np.zeros(m + 1, dtype=np.float32)
    return arr[np.clip(np.arange(m + 1), 0, len(arr) - 1)].astype(np.float32)


def _cell_costs(band: _Band, types: list[_BeadType], r0: int, r1: int) -> tuple[list[np.ndarray], list[_BeadStats]]:
    """Cost of every bead type ending in every cell of the band rows r0..r1."""
    p, params, lo, width, n, m = band.p, band.params, band.lo, band.width, band.n, band.m
    f4 = np.float32
    typical = band.typical
    I = np.arange(r0, r1)
    lor = lo[r0:r1]
    cols = band.cols
    grids: dict[tuple[int, int, int], np.ndarray] = {}

    def grid(which: int, da: int, db: int) -> np.ndarray:
        g = grids.get((which, da, db))
        if g is None:
            g = grids[(which, da, db)] = band.grid(which, r0, r1, da, db)
        return g

    sums: dict[tuple[int, tuple[int, ...], tuple[int, ...]], np.ndarray] = {}

    def total(which: int, srcs: tuple[int, ...], tgts: tuple[int, ...]) -> np.ndarray:
        """The sum of grid(which, da, db) over da in srcs and db in tgts, in
        that order, sharing the partial sums of bead types alike."""
        key = (which, srcs, tgts)
        s = sums.get(key)
        if s is None:
            if len(tgts) > 1:
                s = total(which, srcs, tgts[:-1]) + total(which, srcs, tgts[-1:])
            elif len(srcs) > 1:
                s = total(which, srcs[:-1], tgts) + grid(which, srcs[-1], tgts[0])
            else:
                s = grid(which, srcs[0], tgts[0])
            sums[key] = s
        return s

    t_len0, t_anc0 = cols("len", lor, 0), cols("anc", lor, 0)
    costs: list[np.ndarray] = []
    stats: list[_BeadStats] = []
    for bt in types:
        a, b = bt.a, bt.b
        Ii = np.clip(I - a, 0, None)
        if bt.src_gap:
            s_n2 = _at(p.src.gap2, Ii)[:, None].astype(f4)
        else:
            s_n2 = _norm_at(p.src.norm2, a, Ii)[:, None].astype(f4)
        t_n2 = cols("gap" if bt.tgt_gap else f"norm{b}", lor, b)
        # Every segment of the bead is charged by how well the other side of
        # the bead explains it: half a 1-1 bead's lexical cost each, so an
        # unrelated segment costs inside a bead what it costs left out, and a
        # strong pair cannot carry it along for free.
        rel_sum = None
        worst = None
        for da in bt.src:
            own = band.s_self[np.clip(I - da, 0, n)][:, None]
            rel = _relative(total(0, (da,), bt.tgt), own * t_n2, typical, params.lexical_cap)
            rel_sum = rel.copy() if rel_sum is None else rel_sum + rel
            worst = rel if worst is None else np.minimum(worst, rel)
        for db in bt.tgt:
            rel = _relative(total(0, bt.src, (db,)), s_n2 * cols("self", lor, db), typical, params.lexical_cap)
            rel_sum += rel
            np.minimum(worst, rel, out=worst)
        lex = f4(len(bt.src) + len(bt.tgt)) - rel_sum
        amatch = total(1, bt.src, bt.tgt)
        whole = _relative(total(0, bt.src, bt.tgt), s_n2 * t_n2, typical, np.inf)
        ls = (band.cs_len[I] - band.cs_len[Ii])[:, None]
        lt = t_len0 - cols("len", lor, b)
        sa = (band.cs_anc[I] - band.cs_anc[Ii])[:, None]
        ta = t_anc0 - cols("anc", lor, b)
        gap_cost = f4(bt.prior)
        for g in bt.src_gap:
            row = np.clip(I - g, 0, n)
            ls = ls - band.s_len1[row][:, None]
            sa = sa - band.s_anc1[row][:, None]
            gap_cost = gap_cost + band.src_skip[row][:, None]
        for g in bt.tgt_gap:
            lt = lt - cols("len1", lor, g)
            ta = ta - cols("anc1", lor, g)
            gap_cost = gap_cost + cols("skip", lor, g)
        ratio_ls = f4(p.ratio) * ls
        delta = (lt - ratio_ls) / np.sqrt(f4(p.variance / 2.0) * np.maximum(ratio_ls + lt, f4(2.0)))
        unmatched = np.maximum(sa - amatch, f4(0)) + np.maximum(ta - amatch, f4(0))
        cost = _length_cost(delta, params.length_huber)
        cost *= f4(params.w_length)
        cost += f4(params.w_lexical * 0.5) * lex
        cost += f4(params.w_anchor) * unmatched
        cost += gap_cost
        if params.w_runs_on and not (bt.src_gap or bt.tgt_gap) and (a > 1 or b > 1):
            # boundaries inside the bead where a sentence runs on
            inner = f4(0)
            if a > 1:
                inner = (band.cs_cont[np.clip(I - 1, 0, n)] - band.cs_cont[Ii])[:, None]
            if b > 1:
                inner = inner + (cols("cont", lor, 1) - cols("cont", lor, b))
            cost -= f4(params.w_runs_on) * inner
        # cells where the bead would start before the first segment
        cost[: max(0, a - r0)] = _INF
        for r in np.nonzero(lor < b)[0]:
            cost[r, : b - lor[r]] = _INF
        costs.append(cost)
        stats.append(_BeadStats(whole, delta, unmatched, worst))
    sums.clear()  # ``total`` refers to itself: free its arrays now, not at the next garbage collection
    return costs, stats


def _at(arr: np.ndarray, start: np.ndarray) -> np.ndarray:
    if not len(arr):
        return np.zeros(start.shape)
    return arr[np.clip(start, 0, len(arr) - 1)]


def _relative(dot: np.ndarray, den2: np.ndarray, typical: float, cap: float) -> np.ndarray:
    """Cosine over a typical translation's cosine, capped. Without lexical
    evidence on a side (a number-free title in unrelated languages) neither
    reward nor punish: a middling 0.5."""
    den = np.sqrt(den2)
    den *= np.float32(typical)
    shape = np.broadcast_shapes(dot.shape, den.shape)
    rel = np.divide(dot, den, out=np.full(shape, 0.5, dtype=np.float32), where=den > 0)
    if cap != np.inf:
        np.minimum(rel, np.float32(cap), out=rel)
    return rel


def _norm_at(norm2: list[np.ndarray], k: int, start: np.ndarray) -> np.ndarray:
    arr = norm2[k - 1] if k - 1 < len(norm2) else np.zeros(0)
    if not len(arr):
        return np.zeros(start.shape)
    return arr[np.clip(start, 0, len(arr) - 1)]


def _band(guide: np.ndarray, m: int, half: int) -> tuple[np.ndarray, int]:
    """Row starts and width of a band of ``half`` cells either side of ``guide``."""
    width = min(2 * half + 1, m + 1)
    lo = np.clip(np.round(guide).astype(np.int64) - half, 0, m + 1 - width)
    lo = np.maximum.accumulate(lo)
    return lo, width


def _dp(band: _Band, btypes: list[_BeadType]) -> tuple[list[tuple[int, int, int, int, int]], _BeadStats]:
    """Least-cost path through the band; returns beads as (i0, i1, j0, j1,
    type index), the index -1 for 1-0 and 0-1, and the statistics of the bead
    type each cell chose (what the bead features of the path read).

    The bead costs are computed ``_CHUNK_ROWS`` rows at a time, just before
    the recurrence walks those rows."""
    lo, width = band.lo, band.width
    n1 = len(lo)
    m = len(band.tgt_skip)
    types = [(t.a, t.b) for t in btypes]
    # Types of the same span (a gapped 3-1 and a plain 3-1) compete cell by
    # cell before the recurrence, which then walks one array per span.
    spans = sorted(set(types), key=types.index)
    members = [[k for k, t in enumerate(types) if t == span] for span in spans]
    S = len(spans)
    T = S + 1  # S: 1-0 skip; T: 0-1 skip
    moves = spans + [(1, 0)]
    move_a = np.array([a for a, _ in moves])
    move_b = np.array([b for _, b in moves])
    # The path costs C[i, d] with _PAD rows of INF above and INF columns either
    # side, so that the cells every move comes from are one gather per row:
    # row i - a, columns d + lo[i] - b - lo[i - a] (INF outside the band).
    right = width + _PAD
    Cp = np.full((n1 + _PAD, _PAD + width + right), _INF)
    C = Cp[_PAD:, _PAD:_PAD + width]
    windows = np.lib.stride_tricks.sliding_window_view(Cp, width, axis=1)
    lo_ext = np.concatenate([np.zeros(_PAD, dtype=lo.dtype), lo])
    back = np.zeros((n1, width), dtype=np.int8)
    chosen = np.full((n1, width), -1, dtype=np.int16)  # the bead type of a two-sided step
    f4 = np.float32
    kept = _BeadStats(*(np.zeros((n1, width), dtype=f4) for _ in range(4)))
    # skip cost of the target segment before each cell, 0 for the band's first cell
    tskip_ext = np.concatenate([[0.0], band.tgt_skip, np.zeros(width + 1)])
    tskip_win = np.lib.stride_tricks.sliding_window_view(tskip_ext, width)
    for r0 in range(0, n1, _CHUNK_ROWS):
        r1 = min(n1, r0 + _CHUNK_ROWS)
        costs, stats = _cell_costs(band, btypes, r0, r1)
        move_cost = np.empty((S + 1, r1 - r0, width), dtype=f4)
        span_type = []
        for t, ks in enumerate(members):
            if len(ks) == 1:
                move_cost[t] = costs[ks[0]]
                span_type.append(ks[0])
            else:
                stack = np.stack([costs[k] for k in ks])
                pick = stack.argmin(axis=0)
                move_cost[t] = np.take_along_axis(stack, pick[None], axis=0)[0]
                span_type.append(np.asarray(ks, dtype=np.int16)[pick])
        move_cost[S] = band.src_skip[r0:r1, None]
        # 0-1 beads inside a row: running sums of the target skips from the row's start
        steps = tskip_win[lo[r0:r1]].copy()
        steps[:, 0] = 0.0
        acc = np.cumsum(steps, axis=1)
        for i in range(r0, r1):
            rows = i - move_a + _PAD
            start = _PAD + np.minimum(lo[i] - lo_ext[rows], right) - move_b
            cand = windows[rows, start]
            cand += move_cost[:, i - r0]
            kind = cand.argmin(axis=0)
            x = cand.min(axis=0)
            if i == 0:
                x[:] = _INF
                if lo[0] == 0:
                    x[0] = 0.0
            back[i] = kind
            # C[d] = min(x[d], C[d-1] + skip(j-1))
            a_row = acc[i - r0]
            row = a_row + np.minimum.accumulate(x - a_row)
            back[i][row < x - 1e-9] = T
            C[i] = row
        # keep, per cell, the statistics of the bead type the recurrence chose there
        ch = chosen[r0:r1]
        moved = back[r0:r1]
        for t, ty in enumerate(span_type):
            where = moved == t
            ch[where] = ty if isinstance(ty, int) else ty[where]
        if r0 == 0:
            ch[0] = -1
        for k, st in enumerate(stats):
            where = ch == k
            for name in ("cos", "delta", "unmatched", "worst"):
                getattr(kept, name)[r0:r1][where] = getattr(st, name)[where]
        del costs, stats, move_cost, span_type
    los = lo.tolist()
    # trace back
    beads: list[tuple[int, int, int, int, int]] = []
    i, j = n1 - 1, m
    while i > 0 or j > 0:
        d = j - los[i]
        k = int(back[i, d])
        if k == T:
            beads.append((i, i, j - 1, j, -1))
            j -= 1
            continue
        if k == S:
            beads.append((i - 1, i, j, j, -1))
            i -= 1
            continue
        a, b = spans[k]
        beads.append((i - a, i, j - b, j, int(chosen[i, d])))
        i, j = i - a, j - b
    beads.reverse()
    return beads, kept


@dataclass(slots=True)
class _Run:
    spans: list[tuple[int, int, int, int]]
    scores: list[float]
    ratio: float
    features: np.ndarray


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
            typical = float(np.median(cos))
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
    return _Run(spans, _score(feats), p.ratio, feats)


# Columns of the bead features; two-sided and one-sided beads use their own.
_PAIR_FEATURES = ("bias", "cos", "worst", "abs_delta", "unmatched", "extra_members", "gapped",
                  "log_chars", "bead_contrast", "doc_contrast", "doc_cos", "own_vs_best")
_COL_COS = 1 + _PAIR_FEATURES.index("cos")
_COL_DELTA = 1 + _PAIR_FEATURES.index("abs_delta")
_COL_EXTRA = 1 + _PAIR_FEATURES.index("extra_members")
_SKIP_FEATURES = ("bias", "best_cos", "anchors", "log_chars", "is_target", "doc_contrast",
                  "doc_cos")


def _bead_features(found, st: _BeadStats, btypes, lo, rel11, p: _Problem, typical: float) -> np.ndarray:
    """One row per bead: column 0 says two-sided (1) or one-sided (0), then
    the ``_PAIR_FEATURES`` or ``_SKIP_FEATURES`` values.

    Relative cosines compare a bead with the document's typical pair, so they
    cannot tell a wrongly paired page (where the typical pair is no
    translation either). The contrasts can: the log ratio of the typical (or
    the bead's) cosine to the mean cosine of any two segments in the band,
    high for translations whatever the languages, near 0 for unrelated texts."""
    out = np.zeros((len(found), 1 + len(_PAIR_FEATURES)))
    # each segment's best 1-1 cosine with any partner in reach, by row and
    # by target position: a bead whose members match something else much
    # better than each other is likely a forced pairing
    row_best = rel11.max(axis=1)
    col_best = np.zeros(len(p.tgt.length) + 1, dtype=rel11.dtype)
    cols = np.clip(lo[:, None] + np.arange(rel11.shape[1])[None, :], 0, len(p.tgt.length))
    np.maximum.at(col_best, cols.ravel(), rel11.ravel())
    valid = rel11 > 0
    background = float(rel11[valid].sum() / max(rel11.size, 1)) * typical  # mean raw cosine
    eps = 0.01
    doc_contrast = math.log((typical + eps) / (background + eps))
    width = rel11.shape[1]
    ends = lo + width - 1
    for r, (i0, i1, j0, j1, k) in enumerate(found):
        a, b = i1 - i0, j1 - j0
        if a and b:
            d = j1 - lo[i1]
            chars = p.src.length[i0:i1].sum() + p.tgt.length[j0:j1].sum()
            cos = min(float(st.cos[i1, d]), 2.0)
            out[r] = (1, 1.0, cos, min(float(st.worst[i1, d]), 2.0),
                      min(abs(float(st.delta[i1, d])), 6.0), min(float(st.unmatched[i1, d]), 5.0),
                      a + b - 2, len(btypes[k].src) + len(btypes[k].tgt) < a + b,
                      math.log1p(chars), math.log((cos * typical + eps) / (background + eps)),
                      doc_contrast, typical,
                      min(0.0, math.log((min(cos, 2.0) + 0.05) / (max(
                          float(row_best[i0 + 1:i1 + 1].max()),
                          float(col_best[j0 + 1:j1 + 1].max())) + 0.05))))
        elif a:
            # How well the left-out segment matches its best partner in reach:
            # a strong match left out is likely a mistake.
            best = float(rel11[i1].max())
            out[r, :8] = (0, 1.0, min(best, 2.0), p.src.anchors[i0], math.log1p(p.src.length[i0]),
                          0, doc_contrast, typical)
        else:
            rows = np.arange(np.searchsorted(ends, j1, "left"), np.searchsorted(lo, j1, "right"))
            best = float(rel11[rows, j1 - lo[rows]].max()) if len(rows) else 0.0
            out[r, :8] = (0, 1.0, min(best, 2.0), p.tgt.anchors[j0], math.log1p(p.tgt.length[j0]),
                          1, doc_contrast, typical)
    return out


def _score(feats: np.ndarray) -> list[float]:
    """The chance that each bead is right: a logistic regression on the bead
    features (see ``_PAIR_COEF`` for what it was fitted on)."""
    if not len(feats):
        return []
    pair = feats[:, 0] == 1
    z = np.where(pair, feats[:, 1:] @ _PAIR_COEF, feats[:, 1:1 + len(_SKIP_COEF)] @ _SKIP_COEF)
    return (1.0 / (1.0 + np.exp(-z))).tolist()


# Logistic regressions of "this bead is exactly a gold bead" on the features
# above, fitted with numpy (Newton steps, L2 0.01) on 24 Nov 2026 over the
# beads of two development sets pooled: sitebench gold paragraphs (157 page
# pairs of sq/en/sr-Latn/sr-Cyrl, align_many per language pair; 1025
# two-sided, 122 one-sided beads) and the Text+Berg German-French dev file
# (one sentence a line; 396 and 43). Two kinds of made-up mistakes were added
# at weight 0.1, so that a score also falls where the right beads of real
# output never go: wrongly paired pages (each page against another page's
# translation; 1293 two-sided beads, all wrong, and 332 one-sided ones, all
# right) and forced pairings (the translation's segments in reverse order,
# in blocks of 8 lines for Text+Berg; 1171 two-sided beads, labelled against
# the gold beads mapped back). Brier score in sample: two-sided beads 0.027
# (sitebench) and 0.118 (Text+Berg), one-sided 0.088 and 0.127; the
# hand-set logistic this replaced had 0.081 and 0.249 for two-sided beads
# and gave every one-sided bead 0.5. What tells a right bead from a wrong one
# the search kept is mostly its shape and length deviation, whether its
# members match anything else in reach better than each other, and the
# document's typical cosine. For a one-sided bead the score is the chance
# that the segment really is untranslated; a strong partner in reach makes
# that less likely.
_PAIR_COEF = np.array([1.124, 1.35, 0.025, -0.912, -0.266, -0.831, -0.404, 0.063, -1.537,
                       -2.679, 46.683, 1.983])
_SKIP_COEF = np.array([6.743, -2.062, 1.4, -0.453, 1.319, -0.986, -8.123])


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


@dataclass(slots=True)
class Evidence:
    """What first passes teach about one language pair, mergeable across sites:
    the beads to learn word pairs from (best first, capped) and the character
    lengths of every two-sided bead, for the length model."""

    beads: list[tuple[float, tuple[str, ...], tuple[str, ...], object]] = field(default_factory=list)
    lengths: list[tuple[int, int]] = field(default_factory=list)

    def merge(self, other: Evidence, params: AlignParams | None = None) -> Evidence:
        """Pool two evidences; keeps the best ``lexicon_max_beads`` beads."""
        params = params or AlignParams()
        beads = sorted(self.beads + other.beads, key=lambda b: (-b[0], str(b[3])))[: params.lexicon_max_beads]
        return Evidence(beads, self.lengths + other.lengths)

    def learn(self, params: AlignParams | None = None) -> Learned:
        """The lexicon and length model that a second pass aligns with."""
        params = params or AlignParams()
        beads = sorted(self.beads, key=lambda b: (-b[0], str(b[3])))[: params.lexicon_max_beads]
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


def first_pass(
    docs: Sequence[tuple[Sequence[str], Sequence[str]]],
    params: AlignParams | None = None,
    doc_ids: Sequence[object] | None = None,
    keys: Sequence[tuple[list[_SegmentKeys], list[_SegmentKeys]]] | None = None,
) -> tuple[list[_Run], Evidence]:
    """Pass 1: align each document pair alone; return the runs and what they teach.
    ``doc_ids`` name the documents (unique across everything pooled later)."""
    params = params or AlignParams()
    doc_ids = list(doc_ids) if doc_ids is not None else list(range(len(docs)))
    doc_keys: Sequence[tuple[list[_SegmentKeys], list[_SegmentKeys]] | None] = (
        keys if keys is not None else [None] * len(docs))
    runs = [_align_spans(s, t, params, None, keys=k) for (s, t), k in zip(docs, doc_keys)]
    evidence = Evidence()
    for d, (s, t), run in zip(doc_ids, docs, runs):
        for (i0, i1, j0, j1), score, feat in zip(run.spans, run.scores, run.features):
            if i1 == i0 or j1 == j0:
                continue
            evidence.lengths.append((sum(len(x.strip()) for x in s[i0:i1]), sum(len(x.strip()) for x in t[j0:j1])))
            # Word pairs are learned from beads whose words explain each other
            # and whose lengths agree, chosen by those features and not by the
            # score, so that refitting the score leaves the lexicon alone.
            if (feat[_COL_COS] >= params.confident_cos
                    and feat[_COL_DELTA] <= params.confident_delta
                    and feat[_COL_EXTRA] <= params.confident_extra):
                evidence.beads.append((score, tuple(s[i0:i1]), tuple(t[j0:j1]), d))
    evidence.beads = sorted(evidence.beads, key=lambda b: (-b[0], str(b[3])))[: params.lexicon_max_beads]
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
    return [_to_beads(_align_spans(s, t, params, learned.lexicon, learned.ratio, learned.variance, run, k))
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
