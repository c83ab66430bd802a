"""The cost of every bead type ending in every cell of the search band, in bulk
with numpy, a chunk of band rows at a time."""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

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
    if not len(p.src.occ_key) or not len(p.tgt.occ_key):
        return np.zeros((n1, width), dtype=np.float32), np.zeros((n1, width), dtype=np.float32)
    stride = m + 2
    # (key, segment) codes, sorted: each pair occurs once, so this is the
    # order of a sort by key, then segment
    t_comp = np.sort(p.tgt.occ_key * stride + p.tgt.occ_seg)
    t_seg = t_comp % stride
    s_row = p.src.occ_seg + 1
    first = lo[s_row] - 1  # target segment of the cell d = 0
    base = p.src.occ_key * stride
    left = np.searchsorted(t_comp, base + np.maximum(first, 0), "left")
    cnt = np.searchsorted(t_comp, base + first + width, "left") - left
    ends = np.cumsum(cnt)
    # in slices of source occurrences, so that the matches never all sit in memory
    if ends[-1] <= _CHUNK_MATCHES:
        slices: Iterable[tuple[int, int]] = [(0, len(cnt))]
    else:
        cuts = np.searchsorted(ends, np.arange(_CHUNK_MATCHES, int(ends[-1]), _CHUNK_MATCHES)).tolist()
        slices = zip([0] + cuts, cuts + [len(cnt)])
    dots = anch = None
    for a, b in slices:
        c = cnt[a:b]
        total = int(c.sum())
        if total == 0:
            continue
        row = np.repeat(s_row[a:b], c)
        key = np.repeat(p.src.occ_key[a:b], c)
        pos = np.arange(total) + np.repeat(left[a:b] - (np.cumsum(c) - c), c)
        flat = row * width + (t_seg[pos] + 1 - lo[row])
        more = np.bincount(flat, weights=p.w2[key], minlength=size)
        more_anch = np.bincount(flat, weights=p.anchor[key], minlength=size)
        if dots is None or anch is None:  # (the first slice's sums: what 0 + them would be)
            dots, anch = more, more_anch
        else:
            dots += more
            anch += more_anch
    if dots is None or anch is None:
        return np.zeros((n1, width), dtype=np.float32), np.zeros((n1, width), dtype=np.float32)
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

# The source-side arrays a chunk reads per row, as rows of one table (index:
# position, 0 before the first segment): cumulative length and anchors,
# length and anchors of one segment, cumulative run-on, squared norm of one
# segment, skip cost; then the squared norms of the spans of 1 to 4 segments
# and of the gapped span, indexed by the span's start.
_S_LEN, _S_ANC, _S_LEN1, _S_ANC1, _S_CONT, _S_SELF, _S_SKIP, _S_NORM, _S_GAP = 0, 1, 2, 3, 4, 5, 6, 7, 11
# The target-side arrays, the same way (norm1..norm4 and gap indexed by the
# span's start, their last value repeated up to position m).
_T_NAMES = ("len", "anc", "len1", "anc1", "cont", "self", "skip", "norm1", "norm2", "norm3", "norm4", "gap")
_T_ROW = {name: k for k, name in enumerate(_T_NAMES)}


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

        # The source table (see _S_LEN): float32, as the costs are.
        src = np.zeros((12, n1), dtype=f4)
        src[_S_LEN, 1:] = np.cumsum(p.src.length)
        src[_S_ANC, 1:] = np.cumsum(p.src.anchors)
        src[_S_LEN1, 1:] = p.src.length
        src[_S_ANC1, 1:] = p.src.anchors
        src[_S_CONT, 1:] = np.cumsum(p.src.cont)
        src[_S_SELF, 1:] = p.src.norm2[0]
        for k in range(1, 5):
            if k - 1 < len(p.src.norm2):
                x = p.src.norm2[k - 1]
                src[_S_NORM + k - 1, : len(x)] = x
        src[_S_GAP, : len(p.src.gap2)] = p.src.gap2
        # A left-out segment is charged like a segment with no lexical match in a
        # bead (half a 1-1 bead's worth), so that leaving out is never a cheap way
        # around weak evidence; on top comes the prior cost of a 1-0 bead.
        skip = params.skip_cost + 0.5 * params.w_lexical
        src[_S_SKIP] = f4(skip) + f4(params.w_anchor) * src[_S_ANC1]
        self.src = src
        self.src_skip = src[_S_SKIP]
        self.tgt_skip = (skip + params.w_anchor * p.tgt.anchors).astype(f4)

        # The target arrays (_T_NAMES) at positions 0..m, each extended by its
        # first value _PAD times before and its last width + _PAD times after,
        # end to end in one buffer: ``cols`` reads any of them in one gather.
        tgt = np.zeros((len(_T_NAMES), m + 1), dtype=f4)
        tgt[_T_ROW["len"], 1:] = np.cumsum(p.tgt.length)
        tgt[_T_ROW["anc"], 1:] = np.cumsum(p.tgt.anchors)
        tgt[_T_ROW["len1"], 1:] = p.tgt.length
        tgt[_T_ROW["anc1"], 1:] = p.tgt.anchors
        tgt[_T_ROW["cont"], 1:] = np.cumsum(p.tgt.cont)
        tgt[_T_ROW["self"], 1:] = p.tgt.norm2[0]
        tgt[_T_ROW["skip"], 1:] = self.tgt_skip
        for k in range(1, 5):  # a bead spans at most 4 segments of a side (AlignParams)
            x = p.tgt.norm2[k - 1] if k - 1 < len(p.tgt.norm2) else np.zeros(0)
            _extend_into(tgt[_T_ROW[f"norm{k}"]], x)
        _extend_into(tgt[_T_ROW["gap"]], p.tgt.gap2)
        self._t_len = _PAD + m + 1 + width + _PAD
        ext = np.empty((len(_T_NAMES), self._t_len), dtype=f4)
        ext[:, :_PAD] = tgt[:, :1]
        ext[:, _PAD:_PAD + m + 1] = tgt
        ext[:, _PAD + m + 1:] = tgt[:, -1:]
        self._t_windows = _windows(ext.reshape(-1), width)

        # A typical translation's cosine in this document. Cosines are read
        # relative to it, so that weakly related languages (few cognates) and
        # Cyrillic against Latin Serbian (nearly every word matches) weigh alike.
        # Without a first pass to read it from: the median over source segments
        # of their best 1-1 cosine near the guide. Near, not in the whole band:
        # the best of more candidates is higher by chance alone, and the estimate
        # (and the alignment) would move with the band's width.
        den11 = np.sqrt(src[_S_SELF][:, None] * self.cols("self", lo, 0))
        cos11 = np.divide(dots, den11, out=np.zeros_like(dots), where=den11 > 0)
        cos11[lo == 0, 0] = 0.0  # the cell before the first target segment (lo >= 0)
        if typical is None:
            if guide is not None:
                centre = np.round(guide).astype(np.int64) - lo
                near = np.abs(np.arange(width)[None, :] - centre[:, None]) <= params.typical_window
                best = np.where(near, cos11, 0)[1:].max(axis=1) if n else np.zeros(0)
            else:
                best = cos11[1:].max(axis=1) if n else np.zeros(0)
            best = best[best > 0]
            typical = _median32(best) if len(best) else 0.0
        self.typical = typical = max(typical, 0.05)
        cos11 /= f4(typical)
        self.rel11 = cos11

        # The overlaps of the band's cells (grid 0) and their shared anchors
        # (grid 1) with _PAD zero columns either side and _PAD zero rows above,
        # flattened one after the other: the cell (i - da, j - db) seen from the
        # row i is then one slice (see ``grids``).
        self._grid_cols = cols = width + 2 * _PAD + width
        grid = np.zeros((2, n1 + _PAD, cols), dtype=f4)
        grid[0, _PAD:, _PAD:_PAD + width] = dots
        grid[1, _PAD:, _PAD:_PAD + width] = anch
        self._grid_size = (n1 + _PAD) * cols
        self._grid_windows = _windows(grid.reshape(-1), width)

    def cols(self, name: str, lo_rows: np.ndarray, back: int) -> np.ndarray:
        """(rows, width): the target array ``name`` at position j - back of each
        cell, j = lo[i] + d, positions clipped to [0, m] as the arrays' ends repeat."""
        return self._t_windows[lo_rows + (_T_ROW[name] * self._t_len - back + _PAD)]

    def cols_many(self, names: np.ndarray, backs: np.ndarray, lo_rows: np.ndarray) -> np.ndarray:
        """(k, rows, width): ``cols(_T_NAMES[names[k]], lo_rows, backs[k])`` for each k, in one gather."""
        return self._t_windows[(names * self._t_len - backs + _PAD)[:, None] + lo_rows[None, :]]

    def rows_many(self, tables: np.ndarray, shifts: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """(k, rows): the source table's row ``tables[k]`` at positions rows - shifts[k], clipped at 0."""
        return self.src[tables[:, None], np.maximum(rows[None, :] - shifts[:, None], 0)]

    def grids(self, r0: int, r1: int, da: np.ndarray, db: np.ndarray, which: np.ndarray) -> np.ndarray:
        """(k, rows r0..r1, width): the overlap (which[k] = 0) or the shared
        anchors (1) of the cell (i - da[k], j - db[k]), 0 outside the band. One gather."""
        lo = self.lo
        rows = np.arange(r0, r1)[None, :]
        da, db = da[:, None], db[:, None]
        shift = np.minimum(lo[r0:r1][None, :] - lo[np.maximum(rows - da, 0)], self.width + _PAD)
        start = (rows - da + _PAD) * self._grid_cols + _PAD - db + shift + which[:, None] * self._grid_size
        return self._grid_windows[start]


def _median32(x: np.ndarray) -> float:
    """``float(np.median(x))`` of a float32 array, bit for bit (the middle
    value, or the float32 sum of the two middle ones halved), without its
    cost per call."""
    s = np.sort(x)
    k = len(s) // 2
    return float(s[k]) if len(s) % 2 else float(np.float32(float(s[k - 1] + s[k]) / 2))


def _windows(x: np.ndarray, width: int) -> np.ndarray:
    """The read-only view ``w[k] = x[k:k + width]`` (sliding_window_view without
    its checks, which cost more than the gather on small documents)."""
    x = np.ascontiguousarray(x)
    step = x.itemsize
    # the ndarray constructor itself: as_strided costs tens of microseconds a call
    win = np.ndarray((len(x) - width + 1, width), dtype=x.dtype, buffer=x, strides=(step, step))
    win.flags.writeable = False
    return win


def _extend_into(out: np.ndarray, arr: np.ndarray) -> None:
    """``out[k] = arr[min(k, len(arr) - 1)]`` (zeros when ``arr`` is empty)."""
    if len(arr):
        k = min(len(arr), len(out))
        out[:k] = arr[:k]
        out[k:] = arr[k - 1]
    else:
        out[:] = 0.0


@dataclass(frozen=True, eq=False)
class _Plan:
    """What ``_cell_costs`` computes for a tuple of bead types, worked out once
    (it depends on the types alone): which cells of the two grids to gather,
    the sums over a bead's cells as one add per level of a tree of partial
    sums, which source rows and target columns to gather, and which of them
    make each type's cosines, lengths, anchors, gap and run-on terms."""

    grid_da: np.ndarray  # the gathered cells: (da, db) of grid ``which``
    grid_db: np.ndarray
    grid_which: np.ndarray
    levels: tuple[tuple[int, int, np.ndarray, np.ndarray], ...]  # sums[a:b] = sums[left] + sums[right]
    n_sums: int
    row_tab: np.ndarray  # the source rows: table row, shift back
    row_shift: np.ndarray
    col_name: np.ndarray  # the target columns: _T_NAMES index, back
    col_back: np.ndarray
    cos_dot: np.ndarray  # cosines: the members', a padding entry, then each whole bead's: overlap sum
    cos_row: np.ndarray  # ... and the two squared norms, a source row and a target column
    cos_col: np.ndarray
    n_members: int  # the padding entry's index; members of a type, in its order, padded with it
    members: np.ndarray
    padding: np.ndarray
    count: np.ndarray  # members per type
    amatch: np.ndarray  # the sum of shared anchors per type
    ls_plus: np.ndarray  # source length, then anchor terms: row plus - row minus, per type
    ls_minus: np.ndarray
    lt_plus: np.ndarray  # target length, then anchor terms: column plus - column minus
    lt_minus: np.ndarray
    gap_terms: tuple[tuple[int, bool, int, int, int], ...]  # (type, on the source side, skip, length, anchors)
    prior: np.ndarray
    inner_row_types: np.ndarray  # run-on boundaries inside a type: source rows
    inner_row: tuple[np.ndarray, np.ndarray]
    inner_col_types: np.ndarray  # ... then target columns
    inner_col: tuple[np.ndarray, np.ndarray]
    type_a: np.ndarray
    type_b: np.ndarray
    max_a: int  # the widest spans: rows and columns before them need the masking
    max_b: int


_T = TypeVar("_T")
_PLANS: dict[int, tuple[object, _Plan]] = {}


def _by_identity(cache: dict[int, tuple[object, _T]], types: Sequence[_BeadType],
                 make: Callable[[tuple[_BeadType, ...]], _T]) -> _T:
    """``make(types)``, kept by the identity of ``types`` (the tuple that
    ``_bead_types`` caches per params): hashing the bead types for an
    lru_cache costs more per call than a small document's recurrence step."""
    hit = cache.get(id(types))
    if hit is not None and hit[0] is types:
        return hit[1]
    if len(cache) >= 16:
        cache.clear()
    value = make(tuple(types))
    cache[id(types)] = (types, value)  # (keeps types alive, so its id stays its own)
    return value


@lru_cache(maxsize=16)
def _plan(types: tuple[_BeadType, ...]) -> _Plan:
    cells = sorted({(da, db) for bt in types for da in bt.src for db in bt.tgt})
    sums: dict[tuple, int] = {}
    for which in (0, 1):
        for da, db in cells:
            sums[(which, (da,), (db,))] = len(sums)
    n_leaves = len(sums)
    ops: dict[int, tuple[int, int, int]] = {}  # node -> (left, right, level)
    level = [0] * n_leaves

    def total(which: int, srcs: tuple[int, ...], tgts: tuple[int, ...]) -> int:
        # the partial sums _total made: the same tree, so the same float sums
        key = (which, srcs, tgts)
        k = sums.get(key)
        if k is None:
            if len(tgts) > 1:
                left, right = total(which, srcs, tgts[:-1]), total(which, srcs, tgts[-1:])
            else:
                left, right = total(which, srcs[:-1], tgts), total(which, srcs[-1:], tgts)
            k = sums[key] = len(sums)
            level.append(max(level[left], level[right]) + 1)
            ops[k] = (left, right, level[k])
        return k

    rows: dict[tuple[int, int], int] = {}
    cols_: dict[tuple[str, int], int] = {}

    def row(table: int, shift: int) -> int:
        return rows.setdefault((table, shift), len(rows))

    def col(name: str, back: int) -> int:
        return cols_.setdefault((name, back), len(cols_))

    member_at: dict[tuple[int, int, int], int] = {}
    cos: list[tuple[int, int, int]] = []
    member_lists: list[list[int]] = []
    whole: list[tuple[int, int, int]] = []
    amatch: list[int] = []
    ls_plus: list[int] = []
    ls_minus: list[int] = []
    sa_plus: list[int] = []
    sa_minus: list[int] = []
    lt_plus: list[int] = []
    lt_minus: list[int] = []
    ta_plus: list[int] = []
    ta_minus: list[int] = []
    gap_terms: list[tuple[int, bool, int, int, int]] = []
    inner_row_types: list[int] = []
    inner_row: tuple[list[int], list[int]] = ([], [])
    inner_col_types: list[int] = []
    inner_col: tuple[list[int], list[int]] = ([], [])
    for k, bt in enumerate(types):
        a, b = bt.a, bt.b
        gapped = bool(bt.src_gap)
        s_n2 = row(_S_GAP, a) if gapped else row(_S_NORM + a - 1, a)
        t_n2 = col("gap" if bt.tgt_gap else f"norm{b}", b)
        idx = []
        for item in ([(total(0, (da,), bt.tgt), row(_S_SELF, da), t_n2) for da in bt.src]
                     + [(total(0, bt.src, (db,)), s_n2, col("self", db)) for db in bt.tgt]):
            if item not in member_at:
                member_at[item] = len(cos)
                cos.append(item)
            idx.append(member_at[item])
        member_lists.append(idx)
        whole.append((total(0, bt.src, bt.tgt), s_n2, t_n2))
        amatch.append(total(1, bt.src, bt.tgt))
        ls_plus.append(row(_S_LEN, 0))
        ls_minus.append(row(_S_LEN, a))
        sa_plus.append(row(_S_ANC, 0))
        sa_minus.append(row(_S_ANC, a))
        lt_plus.append(col("len", 0))
        lt_minus.append(col("len", b))
        ta_plus.append(col("anc", 0))
        ta_minus.append(col("anc", b))
        for g in bt.src_gap:
            gap_terms.append((k, True, row(_S_SKIP, g), row(_S_LEN1, g), row(_S_ANC1, g)))
        for g in bt.tgt_gap:
            gap_terms.append((k, False, col("skip", g), col("len1", g), col("anc1", g)))
        if not (bt.src_gap or bt.tgt_gap):
            if a > 1:
                inner_row_types.append(k)
                inner_row[0].append(row(_S_CONT, 1))
                inner_row[1].append(row(_S_CONT, a))
            if b > 1:
                inner_col_types.append(k)
                inner_col[0].append(col("cont", 1))
                inner_col[1].append(col("cont", b))
    # number the sums level by level, so that each level is one slice
    order = list(range(n_leaves)) + sorted(ops, key=lambda k: (ops[k][2], k))
    new = {old: k for k, old in enumerate(order)}
    levels = []
    for lv in sorted({v[2] for v in ops.values()}):
        nodes = [k for k in order[n_leaves:] if ops[k][2] == lv]
        levels.append((new[nodes[0]], new[nodes[-1]] + 1,
                       np.array([new[ops[k][0]] for k in nodes], dtype=np.intp),
                       np.array([new[ops[k][1]] for k in nodes], dtype=np.intp)))
    n_members = len(cos)
    cos_all = cos + [cos[0]] + whole  # the padding entry's values are overwritten
    most = max(len(m) for m in member_lists)
    members = np.full((len(types), most), n_members, dtype=np.intp)
    for k, idx in enumerate(member_lists):
        members[k, : len(idx)] = idx
    row_keys, col_keys = list(rows), list(cols_)
    leaves = list(sums)[:n_leaves]

    def ints(x: list[int]) -> np.ndarray:
        return np.array(x, dtype=np.intp)

    return _Plan(
        ints([key[1][0] for key in leaves]), ints([key[2][0] for key in leaves]), ints([key[0] for key in leaves]),
        tuple(levels), len(order),
        ints([t for t, _ in row_keys]), ints([s for _, s in row_keys]),
        ints([_T_ROW[name] for name, _ in col_keys]), ints([b for _, b in col_keys]),
        ints([new[d] for d, _, _ in cos_all]), ints([r for _, r, _ in cos_all]), ints([c for _, _, c in cos_all]),
        n_members, members, members == n_members,
        np.array([len(bt.src) + len(bt.tgt) for bt in types], dtype=np.float32)[:, None, None],
        ints([new[k] for k in amatch]),
        ints(ls_plus + sa_plus), ints(ls_minus + sa_minus),
        ints(lt_plus + ta_plus), ints(lt_minus + ta_minus),
        tuple(gap_terms),
        np.array([bt.prior for bt in types], dtype=np.float32)[:, None, None],
        ints(inner_row_types), (ints(inner_row[0]), ints(inner_row[1])),
        ints(inner_col_types), (ints(inner_col[0]), ints(inner_col[1])),
        ints([bt.a for bt in types])[:, None, None], ints([bt.b for bt in types])[:, None, None],
        max(bt.a for bt in types), max(bt.b for bt in types),
    )


def _cell_costs(band: _Band, types: Sequence[_BeadType], r0: int, r1: int) -> tuple[np.ndarray, _BeadStats]:
    """Cost of every bead type ending in every cell of the band rows r0..r1,
    (type, row, width), and the statistics of each (stacked alike).

    On paragraph-sized documents numpy's cost per call, not the arithmetic, is
    what a chunk costs. So what the types read is gathered in a few calls
    (the grid cells, source rows and target columns of ``_plan``), their
    sums over a bead's cells made one level of partial sums at a time, and
    the arithmetic runs once over the types stacked: element by element the
    same operations in the same order as type by type."""
    plan = _by_identity(_PLANS, types, _plan)
    p, params = band.p, band.params
    f4 = np.float32
    I = np.arange(r0, r1)  # noqa: E741 -- the row index, as in the formulas
    lor = band.lo[r0:r1]
    n_types, width = len(types), band.width
    shape = (n_types, r1 - r0, width)
    # the overlap (and shared anchor) sums over the cells of every bead
    n_leaves = len(plan.grid_da)
    sums = np.empty((plan.n_sums, r1 - r0, width), dtype=f4)
    sums[:n_leaves] = band.grids(r0, r1, plan.grid_da, plan.grid_db, plan.grid_which)
    for a, b, left, right in plan.levels:
        np.add(sums[left], sums[right], out=sums[a:b])
    rows = band.rows_many(plan.row_tab, plan.row_shift, I)  # (k, rows)
    cols = band.cols_many(plan.col_name, plan.col_back, lor)  # (k, rows, width)

    # Every segment of a bead is charged by how well the other side of the
    # bead explains it: half a 1-1 bead's lexical cost each, so an unrelated
    # segment costs inside a bead what it costs left out, and a strong pair
    # cannot carry it along for free. These per-member cosines (capped), a
    # padding entry, then each whole bead's cosine:
    rel = _relative(sums[plan.cos_dot], rows[plan.cos_row][:, :, None] * cols[plan.cos_col], band.typical, np.inf)
    n_members = plan.n_members
    if params.lexical_cap != np.inf:
        np.minimum(rel[:n_members], f4(params.lexical_cap), out=rel[:n_members])
    rel[n_members] = 0.0  # the padding adds nothing to a sum ...
    picked = rel[plan.members]  # (type, member, row, width)
    rel_sum = picked[:, 0].copy()
    for j in range(1, picked.shape[1]):  # in the members' order, as the sums were made type by type
        rel_sum += picked[:, j]
    lex = plan.count - rel_sum
    picked[plan.padding] = _INF  # ... and takes nothing from a minimum
    worst = picked.min(axis=1)
    whole = rel[n_members + 1:]
    amatch = sums[plan.amatch]

    # lengths and anchors: source rows (type, row, 1), target cells (type, row, width)
    s_terms = rows[plan.ls_plus] - rows[plan.ls_minus]
    t_terms = cols[plan.lt_plus] - cols[plan.lt_minus]
    gaps = np.empty(shape, dtype=f4)
    gaps[:] = plan.prior
    for k, on_src, skip, length, anchors in plan.gap_terms:
        if on_src:
            s_terms[k] -= rows[length]
            s_terms[n_types + k] -= rows[anchors]
            gaps[k] += rows[skip][:, None]
        else:
            t_terms[k] -= cols[length]
            t_terms[n_types + k] -= cols[anchors]
            gaps[k] += cols[skip]
    ls_all, sa_all = s_terms[:n_types, :, None], s_terms[n_types:, :, None]
    lt_all, ta_all = t_terms[:n_types], t_terms[n_types:]
    ratio_ls = f4(p.ratio) * ls_all
    delta = (lt_all - ratio_ls) / np.sqrt(f4(p.variance / 2.0) * np.maximum(ratio_ls + lt_all, f4(2.0)))
    unmatched = np.maximum(sa_all - amatch, f4(0)) + np.maximum(ta_all - amatch, f4(0))
    cost = _length_cost(delta, params.length_huber)
    cost *= f4(params.w_length)
    cost += f4(params.w_lexical * 0.5) * lex
    cost += f4(params.w_anchor) * unmatched
    cost += gaps
    if params.w_runs_on:
        # boundaries inside the bead where a sentence runs on (a type
        # without them subtracts 0, which leaves its costs as they were)
        inners = np.zeros(shape, dtype=f4)
        if len(plan.inner_row_types):
            inners[plan.inner_row_types] = (rows[plan.inner_row[0]] - rows[plan.inner_row[1]])[:, :, None]
        if len(plan.inner_col_types):
            inners[plan.inner_col_types] += cols[plan.inner_col[0]] - cols[plan.inner_col[1]]
        cost -= f4(params.w_runs_on) * inners
    if r0 < plan.max_a or lor[0] < plan.max_b:
        # cells where the bead would start before the first segment
        cost[(I[None, :, None] < plan.type_a) | ((lor[:, None] + np.arange(width))[None] < plan.type_b)] = _INF
    return cost, _BeadStats(whole, delta, unmatched, worst)


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
