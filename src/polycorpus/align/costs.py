"""The cost of every bead type ending in every cell of the search band, in bulk
with numpy, a chunk of band rows at a time."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

import numpy as np

from .features import _Problem
from .params import AlignParams

_INF = np.inf


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
    src_gap: tuple[int, ...] = field(init=False)  # the left-out offsets, read per cost chunk
    tgt_gap: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "src_gap", tuple(k for k in range(self.a) if k not in self.src))
        object.__setattr__(self, "tgt_gap", tuple(k for k in range(self.b) if k not in self.tgt))


@lru_cache(maxsize=16)
def _bead_types(params: AlignParams) -> tuple[_BeadType, ...]:
    """The bead types of ``params`` (cached: built once, not per document)."""
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
    return tuple(out)


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
        self._grid_windows = [_windows(g.reshape(-1), width) for g in self._grids]

    def cols(self, name: str, lo_rows: np.ndarray, back: int) -> np.ndarray:
        """(rows, width): the target array ``name`` at position j - back of each
        cell, j = lo[i] + d, positions clipped to [0, m] as the arrays' ends repeat."""
        win = self._windows.get(name)
        if win is None:
            x = self._t[name]
            ext = np.concatenate([x[:1].repeat(_PAD), x, x[-1:].repeat(self.width + _PAD)])
            win = self._windows[name] = _windows(ext, self.width)
        return win[lo_rows - back + _PAD]

    def grids(self, r0: int, r1: int, cells: list[tuple[int, int]]) -> dict[tuple[int, int, int], np.ndarray]:
        """(rows r0..r1, width) for each (da, db) of ``cells``: the overlap
        (which=0) or the shared anchors (1) of the cell (i - da, j - db), 0
        outside the band; keyed (which, da, db). One gather for all of them."""
        lo = self.lo
        rows = np.arange(r0, r1)[None, :]
        da = np.array([c[0] for c in cells])[:, None]
        db = np.array([c[1] for c in cells])[:, None]
        shift = np.minimum(lo[r0:r1][None, :] - lo[np.maximum(rows - da, 0)], self.width + _PAD)
        start = (rows - da + _PAD) * self._grid_cols + _PAD - db + shift
        out = {}
        for which, windows in enumerate(self._grid_windows):
            gathered = windows[start]
            for k, (a, b) in enumerate(cells):
                out[(which, a, b)] = gathered[k]
        return out


def _windows(x: np.ndarray, width: int) -> np.ndarray:
    """The read-only view ``w[k] = x[k:k + width]`` (sliding_window_view without
    its checks, which cost more than the gather on small documents)."""
    x = np.ascontiguousarray(x)
    step = x.itemsize
    # the ndarray constructor itself: as_strided costs tens of microseconds a call
    win = np.ndarray((len(x) - width + 1, width), dtype=x.dtype, buffer=x, strides=(step, step))
    win.flags.writeable = False
    return win


def _extend(arr: np.ndarray, m: int) -> np.ndarray:
    """``arr`` read at positions 0..m, clipped to its length (zeros when empty)."""
    if not len(arr):
        return np.zeros(m + 1, dtype=np.float32)
    return arr[np.clip(np.arange(m + 1), 0, len(arr) - 1)].astype(np.float32)


def _cell_costs(band: _Band, types: Sequence[_BeadType], r0: int, r1: int) -> tuple[np.ndarray, _BeadStats]:
    """Cost of every bead type ending in every cell of the band rows r0..r1,
    (type, row, width), and the statistics of each (stacked alike).

    On paragraph-sized documents numpy's cost per call, not the arithmetic, is
    what a chunk costs. So the terms of each bead type are gathered into arrays
    stacked over the types (a term that several types share, such as the
    cosine of a source segment with one target segment, computed once), and
    the arithmetic runs once over the stack: element by element the same
    operations in the same order as type by type."""
    p, params, lo = band.p, band.params, band.lo
    f4 = np.float32
    typical = band.typical
    I = np.arange(r0, r1)  # noqa: E741 -- the row index, as in the formulas
    lor = lo[r0:r1]
    cols = band.cols
    grids = band.grids(r0, r1, sorted({(da, db) for bt in types for da in bt.src for db in bt.tgt}))
    total = partial(_total, {}, lambda which, da, db: grids[(which, da, db)])
    memo: dict[tuple, np.ndarray] = {}

    def once(key: tuple, make, *args) -> np.ndarray:
        v = memo.get(key)
        if v is None:
            v = memo[key] = make(*args)
        return v

    def col(name: str, back: int) -> np.ndarray:
        return once(("col", name, back), cols, name, lor, back)

    def s_self(da: int) -> np.ndarray:
        return once(("s_self", da), lambda d: band.s_self[np.maximum(I - d, 0)][:, None], da)

    # Every segment of a bead is charged by how well the other side of the
    # bead explains it: half a 1-1 bead's lexical cost each, so an unrelated
    # segment costs inside a bead what it costs left out, and a strong pair
    # cannot carry it along for free. These per-member cosines, by key:
    rel_at: dict[tuple, int] = {}
    rel_dot: list[np.ndarray] = []
    rel_den2: list[np.ndarray] = []

    def member(key: tuple, srcs: tuple[int, ...], tgts: tuple[int, ...], side: np.ndarray, other: np.ndarray) -> int:
        """The index of the cosine of ``srcs`` against ``tgts``, whose squared
        norms are ``side`` and ``other``, in the stack of member cosines."""
        k = rel_at.get(key)
        if k is None:
            k = rel_at[key] = len(rel_dot)
            rel_dot.append(total(0, srcs, tgts))
            rel_den2.append(side * other)
        return k

    n_types, width = len(types), band.width
    shape = (n_types, r1 - r0, width)
    most = max(len(bt.src) + len(bt.tgt) for bt in types)
    members = np.full((n_types, most), -1, dtype=np.intp)  # -1: no member (padding)
    count = np.array([len(bt.src) + len(bt.tgt) for bt in types], dtype=f4)[:, None, None]
    whole_dot, whole_den2 = np.empty(shape, dtype=f4), np.empty(shape, dtype=f4)
    ls_all, lt_all = np.empty(shape, dtype=f4), np.empty(shape, dtype=f4)
    sa_all, ta_all, amatch = np.empty(shape, dtype=f4), np.empty(shape, dtype=f4), np.empty(shape, dtype=f4)
    gaps, inners = np.empty(shape, dtype=f4), np.zeros(shape, dtype=f4)
    t_len0, t_anc0 = col("len", 0), col("anc", 0)
    for k, bt in enumerate(types):
        a, b = bt.a, bt.b
        Ii = once(("Ii", a), lambda n: np.maximum(I - n, 0), a)
        gapped = bool(bt.src_gap)
        if gapped:
            s_n2 = once(("s_n2", a, True), lambda rows: _at(p.src.gap2, rows)[:, None].astype(f4), Ii)
        else:
            s_n2 = once(("s_n2", a, False), lambda n, rows: _norm_at(p.src.norm2, n, rows)[:, None].astype(f4), a, Ii)
        t_name = "gap" if bt.tgt_gap else f"norm{b}"
        t_n2 = col(t_name, b)
        idx = [member(("s", da, bt.tgt, t_name, b), (da,), bt.tgt, s_self(da), t_n2) for da in bt.src]
        idx += [member(("t", bt.src, db, a, gapped), bt.src, (db,), s_n2, col("self", db)) for db in bt.tgt]
        members[k, : len(idx)] = idx
        whole_dot[k] = total(0, bt.src, bt.tgt)
        whole_den2[k] = s_n2 * t_n2
        amatch[k] = total(1, bt.src, bt.tgt)
        ls = once(("ls", a), lambda rows: (band.cs_len[I] - band.cs_len[rows])[:, None], Ii)
        lt = once(("lt", b), lambda n: t_len0 - col("len", n), b)
        sa = once(("sa", a), lambda rows: (band.cs_anc[I] - band.cs_anc[rows])[:, None], Ii)
        ta = once(("ta", b), lambda n: t_anc0 - col("anc", n), b)
        gap_cost = np.full((1, 1), bt.prior, dtype=f4)
        for g in bt.src_gap:
            row = np.maximum(I - g, 0)
            ls = ls - band.s_len1[row][:, None]
            sa = sa - band.s_anc1[row][:, None]
            gap_cost = gap_cost + band.src_skip[row][:, None]
        for g in bt.tgt_gap:
            lt = lt - col("len1", g)
            ta = ta - col("anc1", g)
            gap_cost = gap_cost + col("skip", g)
        ls_all[k], lt_all[k], sa_all[k], ta_all[k], gaps[k] = ls, lt, sa, ta, gap_cost
        if params.w_runs_on and not (bt.src_gap or bt.tgt_gap) and (a > 1 or b > 1):
            # boundaries inside the bead where a sentence runs on (a type
            # without them subtracts 0, which leaves its costs as they were)
            inner = np.zeros((1, 1), dtype=f4)
            if a > 1:
                inner = once(("inner", a), lambda rows: (band.cs_cont[np.maximum(I - 1, 0)] - band.cs_cont[rows])[:, None],
                             Ii)
            if b > 1:
                inner = inner + (col("cont", 1) - col("cont", b))
            inners[k] = inner

    rels = np.empty((len(rel_dot) + 1, r1 - r0, width), dtype=f4)
    rels[:-1] = _relative(np.stack(rel_dot), np.stack(rel_den2), typical, params.lexical_cap)
    rels[-1] = 0.0  # the padding adds nothing to a sum ...
    picked = rels[members]  # (type, member, row, width)
    rel_sum = picked[:, 0].copy()
    for j in range(1, most):  # in the members' order, as the sums were made type by type
        rel_sum += picked[:, j]
    lex = count - rel_sum
    rels[-1] = _INF  # ... and takes nothing from a minimum
    worst = rels[members].min(axis=1)
    whole = _relative(whole_dot, whole_den2, typical, np.inf)
    ratio_ls = f4(p.ratio) * ls_all
    delta = (lt_all - ratio_ls) / np.sqrt(f4(p.variance / 2.0) * np.maximum(ratio_ls + lt_all, f4(2.0)))
    unmatched = np.maximum(sa_all - amatch, f4(0)) + np.maximum(ta_all - amatch, f4(0))
    cost = _length_cost(delta, params.length_huber)
    cost *= f4(params.w_length)
    cost += f4(params.w_lexical * 0.5) * lex
    cost += f4(params.w_anchor) * unmatched
    cost += gaps
    if params.w_runs_on:
        cost -= f4(params.w_runs_on) * inners
    for k, bt in enumerate(types):
        # cells where the bead would start before the first segment
        cost[k, : max(0, bt.a - r0)] = _INF
        for r in np.nonzero(lor < bt.b)[0]:
            cost[k, r, : bt.b - lor[r]] = _INF
    return cost, _BeadStats(whole, delta, unmatched, worst)


def _total(sums: dict, grid, which: int, srcs: tuple[int, ...], tgts: tuple[int, ...]) -> np.ndarray:
    """The sum of grid(which, da, db) over da in srcs and db in tgts, in that
    order, sharing the partial sums of bead types alike in ``sums``. (Not a
    closure calling itself: that cycle kept a chunk's arrays, and the band,
    alive until the next garbage collection.)"""
    key = (which, srcs, tgts)
    s = sums.get(key)
    if s is None:
        if len(tgts) > 1:
            s = _total(sums, grid, which, srcs, tgts[:-1]) + _total(sums, grid, which, srcs, tgts[-1:])
        elif len(srcs) > 1:
            s = _total(sums, grid, which, srcs[:-1], tgts) + grid(which, srcs[-1], tgts[0])
        else:
            s = grid(which, srcs[0], tgts[0])
        sums[key] = s
    return s


def _at(arr: np.ndarray, start: np.ndarray) -> np.ndarray:
    if not len(arr):
        return np.zeros(start.shape)
    return arr[np.minimum(np.maximum(start, 0), len(arr) - 1)]


def _relative(dot: np.ndarray, den2: np.ndarray, typical: float, cap: float) -> np.ndarray:
    """Cosine over a typical translation's cosine, capped. Without lexical
    evidence on a side (a number-free title in unrelated languages) neither
    reward nor punish: a middling 0.5."""
    den = np.sqrt(den2)
    den *= np.float32(typical)
    # dot is a full (rows, width) array; den may broadcast against it
    rel = np.divide(dot, den, out=np.full(dot.shape, 0.5, dtype=np.float32), where=den > 0)
    if cap != np.inf:
        np.minimum(rel, np.float32(cap), out=rel)
    return rel


def _norm_at(norm2: list[np.ndarray], k: int, start: np.ndarray) -> np.ndarray:
    arr = norm2[k - 1] if k - 1 < len(norm2) else np.zeros(0)
    if not len(arr):
        return np.zeros(start.shape)
    return arr[np.minimum(np.maximum(start, 0), len(arr) - 1)]
