"""One-to-one matching by total score, and stories consistent across languages.

Per language pair the accepted pairs are a maximum-weight matching of the
candidate graph (each edge weighs its score less the threshold, so a weak
edge is never worth taking): ``scipy.sparse.csgraph.min_weight_full_bipartite_matching``
on the graph completed with one "no partner" node per page. The matchings of
all language pairs are then merged into stories, strongest pair first, a
merge refused when it would put two pages of one language into one story.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from scipy import sparse
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


def assign(edges: Sequence[tuple[int, int, float]], threshold: float) -> list[tuple[int, int, float]]:
    """The maximum-weight one-to-one subset of ``(a, b, score)`` edges, counting
    each edge as ``score - threshold``; edges below the threshold never enter.

    Rows are the ``a`` pages plus one dummy per ``b`` page, columns the ``b``
    pages plus one dummy per ``a`` page; a page matched to its dummy stays
    unpaired, and dummy-to-dummy edges (the transpose of the real ones) let
    every matching be completed, so a full matching always exists and its
    cost is the constant less the real edges' weights.
    """
    good = [(a, b, s) for a, b, s in edges if s >= threshold]
    if not good:
        return []
    a_ids = sorted({a for a, _, _ in good})
    b_ids = sorted({b for _, b, _ in good})
    ra = {a: i for i, a in enumerate(a_ids)}
    rb = {b: j for j, b in enumerate(b_ids)}
    na, nb = len(a_ids), len(b_ids)
    big = 2.0
    rows, cols, vals = [], [], []
    for a, b, s in good:
        i, j = ra[a], rb[b]
        rows.append(i); cols.append(j); vals.append(big - (s - threshold))  # noqa: E702
        rows.append(na + j); cols.append(nb + i); vals.append(big)  # noqa: E702
    for i in range(na):
        rows.append(i); cols.append(nb + i); vals.append(big)  # noqa: E702
    for j in range(nb):
        rows.append(na + j); cols.append(j); vals.append(big)  # noqa: E702
    graph = sparse.csr_matrix((vals, (rows, cols)), shape=(na + nb, na + nb))
    matched = min_weight_full_bipartite_matching(graph)[1]
    score = {(ra[a], rb[b]): s for a, b, s in good}
    out = []
    for i in range(na):
        j = int(matched[i])
        if j < nb:
            out.append((a_ids[i], b_ids[j], score[(i, j)]))
    return out


class Stories:
    """Union-find over pages, one page per language per story."""

    def __init__(self, langs: Sequence[str]) -> None:
        self.parent = list(range(len(langs)))
        self.langs = [{lang} for lang in langs]
        self.members = [[i] for i in range(len(langs))]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, agree: Callable[[int, int], float] | None = None,
              floor: float = 0.0) -> bool:
        """Join the stories of ``a`` and ``b``; False when they share a language,
        or when a page of one is not ``agree``-d with by a page of the other:
        every cross pair must score at least ``floor`` (a triangle whose third
        side is weak is vetoed)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.langs[ra] & self.langs[rb]:
            return False
        if agree is not None and (len(self.members[ra]) > 1 or len(self.members[rb]) > 1):
            cross = [agree(x, y) for x in self.members[ra] for y in self.members[rb]]
            if min(cross) < floor:
                return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.langs[ra] |= self.langs[rb]
        self.members[ra] += self.members[rb]
        self.members[rb] = []
        return True

    def groups(self) -> list[list[int]]:
        return [sorted(m) for i, m in enumerate(self.members) if m and self.find(i) == i and len(m) > 1]


def top_edges(edges: Sequence[tuple[str, str, float]]) -> dict[str, tuple[str, float]]:
    """Each page's best edge (partner, score); ties go to the partner that sorts first."""
    best: dict[str, tuple[str, float]] = {}
    for a, b, s in edges:
        for me, other in ((a, b), (b, a)):
            cur = best.get(me)
            if cur is None or s > cur[1] or (s == cur[1] and other < cur[0]):
                best[me] = (other, s)
    return best

