"""Learned translation word pairs."""
from __future__ import annotations

from collections import Counter
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
        src_count: Counter[str] = Counter()
        tgt_count: Counter[str] = Counter()
        doc_ids: dict[object, int] = {}
        s_ids: dict[str, int] = {}
        t_ids: dict[str, int] = {}
        codes = []
        code_docs = []
        for k, bead in enumerate(beads):
            doc = doc_ids.setdefault(bead[2] if len(bead) > 2 else k, len(doc_ids))
            sw = {w for t in bead[0] for w in _tokens(t) if len(w) > 1}
            tw = {w for t in bead[1] for w in _tokens(t) if len(w) > 1}
            src_count.update(sw)
            tgt_count.update(tw)
            if sw and tw:
                # ids in sorted order: a set's own order changes with the hash seed,
                # and the ids fix the order in which the word pairs are added
                si = np.fromiter((s_ids.setdefault(w, len(s_ids)) for w in sorted(sw)), np.int64, len(sw))
                ti = np.fromiter((t_ids.setdefault(w, len(t_ids)) for w in sorted(tw)), np.int64, len(tw))
                codes.append((si[:, None] << 32 | ti[None, :]).ravel())
                code_docs.append(np.full(len(sw) * len(tw), doc, dtype=np.int64))
        # co-occurrence counts of every (source word, target word) pair, in bulk
        every = np.concatenate(codes or [np.zeros(0, np.int64)])
        pairs, joint = np.unique(every, return_counts=True)
        frequent = joint >= min_count
        need_docs = min(min_docs, len(doc_ids))
        if need_docs > 1:
            # ... and how many documents each pair co-occurs in, in bulk too:
            # the distinct (pair, document) rows, counted per pair (a word loop
            # over every bead was half of the aligner's time in a pipeline run)
            docs = np.concatenate(code_docs)
            order = np.lexsort((docs, every))
            pc, pd = every[order], docs[order]
            first = np.ones(len(pc), dtype=bool)
            first[1:] = (pc[1:] != pc[:-1]) | (pd[1:] != pd[:-1])
            frequent &= np.unique(pc[first], return_counts=True)[1] >= need_docs
        s_word, t_word = list(s_ids), list(t_ids)
        # (pairs are sorted by source word first: a source word's candidates
        # keep the order they had when the document filter came last)
        cand: dict[str, dict[str, float]] = {}
        for code, c in zip(pairs[frequent].tolist(), joint[frequent].tolist()):
            s, t = s_word[code >> 32], t_word[code & 0xFFFFFFFF]
            if s == t:
                continue
            dice = 2.0 * c / (src_count[s] + tgt_count[t])
            if dice >= min_dice:
                cand.setdefault(s, {})[t] = dice
        best = {s: [(d, t) for t, d in ts.items()] for s, ts in cand.items() if ts}
        lex = cls()
        for s, cands in best.items():
            cands.sort(reverse=True)
            for dice, t in cands[:3]:
                lex.add(s, t, dice)
        return lex
