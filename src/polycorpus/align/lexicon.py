"""Learned translation word pairs."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from .features import _fold, _tokens


class Lexicon:
    """Learned translation word pairs (folded source word, folded target word) -> score in (0, 1]."""

    def __init__(self, pairs: Iterable[tuple[str, str, float]] = ()) -> None:
        self._fwd: dict[str, dict[str, float]] = {}
        self._bwd: dict[str, dict[str, float]] = {}
        self._keys: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None = None
        for s, t, score in pairs:
            self.add(s, t, score)

    def add(self, src: str, tgt: str, score: float) -> None:
        src, tgt = _fold(src), _fold(tgt)
        self._keys = None
        self._fwd.setdefault(src, {})[tgt] = float(score)
        self._bwd.setdefault(tgt, {})[src] = float(score)

    def match_keys(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """Per folded word, the keys the aligner gives it: a source word with
        translations its own ``L:word``, a target word ``L:source`` for each
        source word it translates (in the order learned). Built once, not per
        document."""
        if self._keys is None:
            self._keys = ({w: ("L:" + w,) for w, tr in self._fwd.items() if tr},
                          {w: tuple("L:" + s for s in srcs) for w, srcs in self._bwd.items()})
        return self._keys

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
        doc_ids: dict[object, int] = {}
        s_ids: dict[str, int] = {}
        t_ids: dict[str, int] = {}
        s_seq: list[int] = []  # every bead's distinct source word ids, beads one after another
        t_seq: list[int] = []
        sizes: list[tuple[int, int, int]] = []  # per bead with words on both sides: (#src, #tgt, doc)
        s_alone: list[int] = []  # word ids of beads with words on one side only (they count, pair with nothing)
        t_alone: list[int] = []
        for k, bead in enumerate(beads):
            doc = doc_ids.setdefault(bead[2] if len(bead) > 2 else k, len(doc_ids))
            sw = {w for t in bead[0] for w in _tokens(t) if len(w) > 1}
            tw = {w for t in bead[1] for w in _tokens(t) if len(w) > 1}
            # ids in sorted order: a set's own order changes with the hash seed,
            # and the ids fix the order in which the word pairs are added
            si = [s_ids.setdefault(w, len(s_ids)) for w in sorted(sw)]
            ti = [t_ids.setdefault(w, len(t_ids)) for w in sorted(tw)]
            if si and ti:
                s_seq += si
                t_seq += ti
                sizes.append((len(si), len(ti), doc))
            else:
                s_alone += si
                t_alone += ti
        # how many beads each word is in
        src_count = np.bincount(np.array(s_seq + s_alone, dtype=np.int64), minlength=len(s_ids))
        tgt_count = np.bincount(np.array(t_seq + t_alone, dtype=np.int64), minlength=len(t_ids))
        pairs, joint, n_docs = _cooccurrence(np.array(s_seq, dtype=np.int64), np.array(t_seq, dtype=np.int64),
                                             np.array(sizes, dtype=np.int64).reshape(-1, 3),
                                             src_count, tgt_count, min_count, min_dice)
        need_docs = min(min_docs, len(doc_ids))
        tbits = max(len(t_ids), 1).bit_length()
        ps, pt = pairs >> tbits, pairs & ((1 << tbits) - 1)
        dice = 2.0 * joint / np.maximum(src_count[ps] + tgt_count[pt], 1)
        keep = (joint >= min_count) & (dice >= min_dice)
        if need_docs > 1:
            keep &= n_docs >= need_docs
        s_word, t_word = list(s_ids), list(t_ids)
        # (pairs are sorted by source word id first: a source word's candidates
        # keep the order they had when the document filter came last)
        best: dict[str, list[tuple[float, str]]] = {}
        for si_, ti_, d in zip(ps[keep].tolist(), pt[keep].tolist(), dice[keep].tolist()):
            sword, tword = s_word[si_], t_word[ti_]
            if sword != tword:
                best.setdefault(sword, []).append((d, tword))
        lex = cls()
        for s, cands in best.items():
            cands.sort(reverse=True)
            for dice, t in cands[:3]:
                lex.add(s, t, dice)
        return lex


def _cooccurrence(s_seq: np.ndarray, t_seq: np.ndarray, sizes: np.ndarray, src_count: np.ndarray,
                  tgt_count: np.ndarray, min_count: int, min_dice: float,
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (source word, target word) pairs that share a bead and could pass
    ``min_count`` and ``min_dice``, as codes ``s << bits(#target words) | t`` in
    ascending order, with the number of beads and of documents each shares.
    ``sizes`` rows are a bead's (#source words, #target words, document); its
    words are the next ones in s_seq and t_seq.

    A pair shares at most min(cs, ct) beads, so its Dice is at most
    2 min(cs, ct) / (cs + ct): a word in a few beads can never pair with one in
    thousands (a content word with a function word), and such pairs are never
    made. Within a bead the target words are sorted by their count, so each
    source word's possible partners are one slice. All in bulk, one sort."""
    empty = np.zeros(0, np.int64)
    if len(sizes) == 0:
        return empty, empty, empty
    a, b, doc = sizes[:, 0], sizes[:, 1], sizes[:, 2]
    n = len(sizes)
    s_bead = np.repeat(np.arange(n), a)
    t_bead = np.repeat(np.arange(n), b)
    # target words grouped by bead, by count within a bead: key = bead * span + count
    span = int(tgt_count.max()) + 2
    t_key = t_bead * span + tgt_count[t_seq]
    order = np.argsort(t_key, kind="stable")
    t_sorted, t_key = t_seq[order], t_key[order]
    cs = src_count[s_seq].astype(np.float64)
    if min_dice > 0:
        # loose bounds (floor and ceil): the exact test comes after
        low = np.maximum(np.floor(cs * min_dice / (2.0 - min_dice)), min_count)
        high = np.ceil(cs * (2.0 - min_dice) / min_dice)
    else:
        low, high = np.full(len(cs), float(min_count)), np.full(len(cs), float(span))
    high = np.minimum(high, span - 1).astype(np.int64)
    low = np.minimum(low, span - 1).astype(np.int64)
    lo = np.searchsorted(t_key, s_bead * span + low, side="left")
    hi = np.searchsorted(t_key, s_bead * span + high, side="right")
    hi = np.where(src_count[s_seq] >= min_count, np.maximum(hi, lo), lo)
    counts = hi - lo
    total = int(counts.sum())
    if total == 0:
        return empty, empty, empty
    first = np.cumsum(counts) - counts
    t = t_sorted[np.repeat(lo, counts) + np.arange(total) - np.repeat(first, counts)]
    s = np.repeat(s_seq, counts)
    pair_doc = np.repeat(doc[s_bead], counts)
    tbits = max(len(tgt_count), 1).bit_length()
    code = s << tbits | t
    dbits = max(int(doc.max()) + 1, 1).bit_length()
    if int(code.max()).bit_length() + dbits <= 62:
        # one sort of (pair, document) keys gives both counts
        keys, per_doc = np.unique(code << dbits | pair_doc, return_counts=True)
        pair_of = keys >> dbits
    else:
        order = np.lexsort((pair_doc, code))
        code, pair_doc = code[order], pair_doc[order]
        new = np.ones(total, dtype=bool)
        new[1:] = (code[1:] != code[:-1]) | (pair_doc[1:] != pair_doc[:-1])
        per_doc = np.diff(np.append(np.flatnonzero(new), total))
        pair_of = code[new]
    starts = np.flatnonzero(np.r_[True, pair_of[1:] != pair_of[:-1]])
    return pair_of[starts], np.add.reduceat(per_doc, starts), np.diff(np.append(starts, len(pair_of)))
