"""Segments -> the features bead costs read: folded words, keys (prefixes,
consonant skeletons, numbers, URLs, ? and !), their idf weights, the squared
norms of every span of segments, and where a sentence runs on."""
from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING, cast

import numpy as np

# shared with the other stages; token_fold, not fold: the aligner's fast fold
# (text.py says how the two differ)
from ..models import flat_pickle
from ..text import NUMBER_RE as _NUMBER
from ..text import URL_RE as _URL
from ..text import WORD_RE as _WORD
from ..text import consonant_skeleton as _skeleton
from ..text import may_have_url as _may_have_url
from ..text import number_key as _number_key
from ..text import token_fold as _fold
from .params import AlignParams

if TYPE_CHECKING:
    from .lexicon import Lexicon


_QUOTES = "\"«»„“”"
# ASCII letters kept, every other ASCII character a space
_ASCII_LETTERS = str.maketrans({chr(c): chr(c) if chr(c).isalpha() else " " for c in range(128)})


def _tokens(text: str) -> list[str]:
    """Folded word tokens (letters only) of a text."""
    folded = _fold(text)
    # the same tokens: most folded text is ASCII, and there the runs of
    # letters are what is left between spaces once all else is a space
    # (twice as fast as the ASCII pattern, which was twice as fast as _WORD)
    return folded.translate(_ASCII_LETTERS).split() if folded.isascii() else _WORD.findall(folded)


@flat_pickle
@dataclass(slots=True)
class _SegmentKeys:
    # tuples, not sets: tens of thousands of these live through both passes
    words: tuple[str, ...]  # distinct folded words, interned (they recur across segments)
    keys: tuple[str, ...]  # distinct keys
    anchors: tuple[str, ...]


def _segment_keys(text: str, prefix: int) -> _SegmentKeys:
    anchors: set[str] = set()
    stripped = text
    if _may_have_url(text):  # the URL pattern is slow; most segments have none
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
    if any(q in text for q in _QUOTES):  # (a substring search each: faster than a set over the text)
        keys.add("P:quote")
    words = set(_tokens(stripped))
    known = _WORD_KEYS.get(prefix)
    if known is None or len(known) > _WORD_KEYS_MAX:  # a bound on memory, as lru_cache had
        known = _WORD_KEYS[prefix] = {}
    found: list[tuple[str, ...] | None] = list(map(known.get, words))
    if None in found:
        found = [k if k is not None else known.setdefault(w, _word_keys(w, prefix)) for w, k in zip(words, found)]
    keys.update(chain.from_iterable(cast("list[tuple[str, ...]]", found)))
    # sorted: a set's order changes with the hash seed, and the order of the
    # keys is the order of the float sums over them (runs in processes with
    # different seeds, as Dask's workers and the main process, must agree)
    return _SegmentKeys(tuple(map(sys.intern, sorted(words))), tuple(sorted(keys)), tuple(sorted(anchors)))


# The keys of every folded word seen, per prefix length: a dict read with map()
# costs a fraction of a cached function's call per word.
_WORD_KEYS: dict[int, dict[str, tuple[str, ...]]] = {}
_WORD_KEYS_MAX = 1 << 17


def _word_keys(word: str, prefix: int) -> tuple[str, ...]:
    """A folded word's prefix key and consonant-skeleton key."""
    if len(word) < prefix:
        return ()
    sk = _skeleton(word)
    if len(sk) >= 3:
        return ("C:" + word[:prefix], "S:" + sk[:4])
    return ("C:" + word[:prefix],)


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
    seg_all = np.repeat(np.arange(len(keys), dtype=np.int64), [len(ks) for ks in keys])
    key_all = np.fromiter(chain.from_iterable(keys), dtype=np.int64, count=len(seg_all))
    return _sides_features([(seg_all, key_all, lengths, anchors, cont, max_span)], w2, matchable)[0]


_Side = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]


def _sides_features(sides: list[_Side], w2: np.ndarray, matchable: int) -> list[_Features]:
    """``_side_features`` of each side (segment and key id of every (segment,
    key) pair in order, lengths, anchors, run-ons, the widest span), all in
    one go: the sides are laid end to end, each followed by more empty
    positions than a span reaches, so that every sum below is made as it
    would be for the side alone (the same terms in the same order), with a
    few numpy calls for all sides instead of a few for each."""
    steps = max(max(side[5] for side in sides), 3) - 1  # neighbours up to this far apart
    offsets = []
    end = 0
    for side in sides:
        offsets.append(end)
        end += len(side[2]) + steps + 1
    size = end
    seg_all = np.concatenate([side[0] + off for side, off in zip(sides, offsets)])
    key_all = np.concatenate([side[1] for side in sides])
    self2 = np.bincount(seg_all, weights=w2[key_all], minlength=size)
    # keys shared by segments i and i + step, by (key, segment) codes: code is
    # sorted and free of repeats, so a binary search finds code + step
    code = key_all * (size + 2) + seg_all
    code.sort()
    sentinel = np.append(code, -1)  # a binary search past the end finds -1, no code
    adj = [self2]
    for step in range(1, steps + 1):
        ahead = code + step
        found = code[sentinel[np.searchsorted(code, ahead)] == ahead]
        key, seg = np.divmod(found, size + 2)
        adj.append(np.bincount(seg, weights=w2[key], minlength=size))
    twice = [2 * x for x in adj]  # (the products the sums below add, made once)
    # norm2[L - 1][i]: the sum of self2 over segments i..i+L-1 plus twice the
    # keys shared by each two of them (distance d: adj[d])
    totals = []
    for span in range(1, max(min(side[5], len(side[2])) for side in sides) + 1):
        total = self2[: size - span + 1].copy()
        for k in range(1, span):
            total += self2[k: size - span + 1 + k]
        for d in range(1, span):
            for k in range(span - d):
                total += twice[d][k: size - span + 1 + k]
        totals.append(total)
    gaps = self2[:-2] + self2[2:] + twice[2][:-2]
    out = []
    for (seg_side, key_side, lengths, anchors, cont, max_span), off in zip(sides, offsets):
        n = len(lengths)
        norm2 = [totals[span - 1][off: off + n - span + 1] for span in range(1, min(max_span, n) + 1)]
        gap2 = gaps[off: off + n - 2] if n >= 3 else np.zeros(0)
        keep = key_side < matchable
        out.append(_Features(lengths, anchors, cont, norm2, gap2, seg_side[keep], key_side[keep]))
    return out


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
    s_seg = [seg.keys for seg in sk]
    t_seg = [seg.keys for seg in tk]
    if lexicon is not None and lexicon._fwd:  # not len(): that counts every pair, per document
        none = repeat(())
        # new tuples: the same keys serve both passes of align_many
        # (no segment key starts with "L:", so the tuples stay free of repeats;
        # the learned keys in the order the words give them, not a set's,
        # which changes with the hash seed: key ids, and the order of every
        # sum, are the same in every process)
        src_l, tgt_l = lexicon.match_keys()
        s_seg = [seg.keys + tuple(dict.fromkeys(chain.from_iterable(map(src_l.get, seg.words, none)))) for seg in sk]
        t_seg = [seg.keys + tuple(dict.fromkeys(chain.from_iterable(map(tgt_l.get, seg.words, none)))) for seg in tk]
    # the distinct keys of each side, in the order they first occur
    in_s = dict.fromkeys(chain.from_iterable(s_seg))
    in_t = dict.fromkeys(chain.from_iterable(t_seg))
    # Only keys seen on both sides can tell a translation from a non-translation;
    # the others would only shrink every cosine alike.
    # Keys seen on one side only still count in the norms (a bead whose words
    # find no partner is less likely a translation) but never in the overlap.
    # Ids: the shared keys first, then the source's others, then the target's
    # (a dict updated with each side keeps the keys it has where they are).
    shared = [k for k in in_s if k in in_t]
    order = dict.fromkeys(shared)
    order.update(in_s)
    order.update(in_t)
    vocab = dict(zip(order, range(len(order))))
    matchable = len(shared)
    total = len(src) + len(tgt)
    s_keys = [list(map(vocab.__getitem__, ks)) for ks in s_seg]
    t_keys = [list(map(vocab.__getitem__, ks)) for ks in t_seg]
    s_count = [len(ks) for ks in s_keys]
    t_count = [len(ks) for ks in t_keys]
    s_all = np.fromiter(chain.from_iterable(s_keys), dtype=np.int64, count=sum(s_count))
    t_all = np.fromiter(chain.from_iterable(t_keys), dtype=np.int64, count=sum(t_count))
    # idf weights, anchors boosted. A segment has each key once: a key's
    # document frequency is its count, at most the number of segments. One
    # math.log per frequency, read off a table (np.log differs from it in the
    # last bit).
    df = np.bincount(s_all, minlength=len(order)) + np.bincount(t_all, minlength=len(order))
    w = np.array([0.0] + [math.log(1.0 + total / d) for d in range(1, total + 1)])[df]
    # anchor keys are exactly the segments' anchors (#:, U:, P:? and P:!)
    anchor = np.zeros(len(order))
    anchor[list(map(vocab.__getitem__, set(chain.from_iterable(seg.anchors for seg in chain(sk, tk)))))] = 1.0
    w[anchor == 1.0] *= params.anchor_boost
    w2 = w * w
    s_len = np.array([len(t.strip()) for t in src], dtype=float)
    t_len = np.array([len(t.strip()) for t in tgt], dtype=float)
    s_feat, t_feat = _sides_features([
        (np.repeat(np.arange(len(sk), dtype=np.int64), s_count), s_all, s_len,
         np.array([len(seg.anchors) for seg in sk], dtype=float), _runs_on(src),
         max(a for a, _, _ in params.bead_costs)),
        (np.repeat(np.arange(len(tk), dtype=np.int64), t_count), t_all, t_len,
         np.array([len(seg.anchors) for seg in tk], dtype=float), _runs_on(tgt),
         max(b for _, b, _ in params.bead_costs)),
    ], w2, matchable)
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
