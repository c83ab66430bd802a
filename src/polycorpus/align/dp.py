"""The least-cost path through the band: the recurrence over the bead costs."""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .costs import _PAD, _Band, _BeadStats, _BeadType, _by_identity, _cell_costs, _windows

_INF = np.inf
# Rows of the band whose bead costs are held at once: the costs of every bead
# type for the whole band would take hundreds of MB on long documents.
_CHUNK_ROWS = 256


def _band(guide: np.ndarray, m: int, half: int) -> tuple[np.ndarray, int]:
    """Row starts and width of a band of ``half`` cells either side of ``guide``."""
    width = min(2 * half + 1, m + 1)
    lo = np.minimum(np.maximum(guide.round().astype(np.int64) - half, 0), m + 1 - width)  # (np.clip's cost per call)
    lo = np.maximum.accumulate(lo)
    return lo, width


_Moves = tuple[list[tuple[int, int]], list[list[int]], np.ndarray, np.ndarray, np.ndarray]
_MOVES: dict[int, tuple[object, _Moves]] = {}


@lru_cache(maxsize=16)
def _moves(btypes: tuple[_BeadType, ...]) -> _Moves:
    """The spans of the bead types, the types of each span, the moves of
    the recurrence (the spans, then a 1-0 step): source and target steps, and
    per move (then a 0-1 step) the first bead type of its span, -1 if none."""
    types = [(t.a, t.b) for t in btypes]
    # Types of the same span (a gapped 3-1 and a plain 3-1) compete cell by
    # cell before the recurrence, which then walks one array per span.
    spans = sorted(set(types), key=types.index)
    members = [[k for k, t in enumerate(types) if t == span] for span in spans]
    moves = spans + [(1, 0)]
    first_type = np.array([ks[0] for ks in members] + [-1, -1], dtype=np.int16)
    return spans, members, np.array([a for a, _ in moves]), np.array([b for _, b in moves]), first_type


def _dp(band: _Band, btypes: Sequence[_BeadType]) -> tuple[list[tuple[int, int, int, int, int]], _BeadStats]:
    """Least-cost path through the band; returns beads as (i0, i1, j0, j1,
    type index), the index -1 for 1-0 and 0-1, and the statistics of the bead
    type each cell chose (what the bead features of the path read).

    The bead costs are computed ``_CHUNK_ROWS`` rows at a time, just before
    the recurrence walks those rows."""
    lo, width = band.lo, band.width
    n1 = len(lo)
    m = len(band.tgt_skip)
    spans, members, move_a, move_b, first_type = _by_identity(_MOVES, btypes, _moves)
    S = len(spans)
    T = S + 1  # S: 1-0 skip; T: 0-1 skip
    # The path costs C[i, d] with _PAD rows of INF above and INF columns either
    # side, so that the cells every move comes from are one gather per row:
    # row i - a, columns d + lo[i] - b - lo[i - a] (INF outside the band).
    right = width + _PAD
    Cp = np.full((n1 + _PAD, _PAD + width + right), _INF)
    C = Cp[_PAD:, _PAD:_PAD + width]
    # Cp's windows along a row, w[r, k] = Cp[r, k:k + width] (sliding_window_view's
    # checks cost more than a small document's recurrence)
    step = Cp.itemsize
    windows = np.ndarray((Cp.shape[0], Cp.shape[1] - width + 1, width), dtype=Cp.dtype, buffer=Cp,
                         strides=(Cp.strides[0], step, step))
    lo_ext = np.concatenate([np.zeros(_PAD, dtype=lo.dtype), lo])
    back = np.zeros((n1, width), dtype=np.int8)
    chosen = np.full((n1, width), -1, dtype=np.int16)  # the bead type of a two-sided step
    f4 = np.float32
    kept = _BeadStats(*np.zeros((4, n1, width), dtype=f4))
    # skip cost of the target segment before each cell, 0 for the band's first cell
    tskip_ext = np.concatenate([[0.0], band.tgt_skip, np.zeros(width + 1)])
    tskip_win = _windows(tskip_ext, width)
    for r0 in range(0, n1, _CHUNK_ROWS):
        r1 = min(n1, r0 + _CHUNK_ROWS)
        costs, stats = _cell_costs(band, btypes, r0, r1)
        move_cost = np.empty((S + 1, r1 - r0, width), dtype=f4)
        span_type: list[int | np.ndarray] = []
        for t, ks in enumerate(members):
            if len(ks) == 1:
                move_cost[t] = costs[ks[0]]
                span_type.append(ks[0])
            elif len(ks) == 2:  # what argmin over the two picks: the second only when lower
                later = costs[ks[1]] < costs[ks[0]]
                move_cost[t] = np.where(later, costs[ks[1]], costs[ks[0]])
                span_type.append(np.where(later, np.int16(ks[1]), np.int16(ks[0])))
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
        # where each move comes from, for every row of the chunk at once
        rows_all = np.arange(r0 + _PAD, r1 + _PAD)[:, None] - move_a
        start_all = _PAD + np.minimum(lo[r0:r1][:, None] - lo_ext[rows_all], right) - move_b
        # per row, the best move into each cell and its cost (written in
        # place: a small document's row costs numpy calls, not arithmetic)
        kinds = np.empty((r1 - r0, width), dtype=np.intp)
        best = np.empty((r1 - r0, width))
        for i in range(r0, r1):
            cand = windows[rows_all[i - r0], start_all[i - r0]]
            cand += move_cost[:, i - r0]
            cand.argmin(axis=0, out=kinds[i - r0])
            x = np.minimum.reduce(cand, axis=0, out=best[i - r0])
            if i == 0:
                x[:] = _INF
                if lo[0] == 0:
                    x[0] = 0.0
            # C[d] = min(x[d], C[d-1] + skip(j-1))
            a_row = acc[i - r0]
            np.add(a_row, np.minimum.accumulate(x - a_row), out=C[i])
        # a cell reached more cheaply by a 0-1 step within its row
        back[r0:r1] = kinds
        back[r0:r1][C[r0:r1] < best - 1e-9] = T
        # keep, per cell, the statistics of the bead type the recurrence chose there
        ch = chosen[r0:r1]
        moved = back[r0:r1]
        ch[:] = first_type[moved]  # a span's type, or its first type; -1 for 1-0 and 0-1
        for t, ty in enumerate(span_type):
            if not isinstance(ty, int):  # the types of one span, cell by cell
                where = moved == t
                ch[where] = ty[where]
        if r0 == 0:
            ch[0] = -1
        chose = ch >= 0
        flat = np.maximum(ch, 0).astype(np.intp).ravel() * ch.size + np.arange(ch.size)  # ch is int16
        for name in ("cos", "delta", "unmatched", "worst"):
            values = getattr(stats, name).reshape(-1)[flat].reshape(ch.shape)
            getattr(kept, name)[r0:r1][chose] = values[chose]
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
