"""Bead features and the fitted chance that a bead is right."""
from __future__ import annotations

import math

import numpy as np

from .costs import _BeadStats
from .features import _Problem

# Columns of the bead features; two-sided and one-sided beads use their own.
_PAIR_FEATURES = ("bias", "cos", "worst", "abs_delta", "unmatched", "extra_members", "gapped",
                  "log_chars", "bead_contrast", "doc_contrast", "doc_cos", "own_vs_best")
_COL_COS = 1 + _PAIR_FEATURES.index("cos")
_COL_DELTA = 1 + _PAIR_FEATURES.index("abs_delta")
_COL_EXTRA = 1 + _PAIR_FEATURES.index("extra_members")
_SKIP_FEATURES = ("bias", "best_cos", "anchors", "log_chars", "is_target", "doc_contrast",
                  "doc_cos")
_SKIP_PAD = (0.0,) * (len(_PAIR_FEATURES) - len(_SKIP_FEATURES))  # a one-sided bead's unused columns


def _bead_features(found, st: _BeadStats, btypes, lo, rel11, p: _Problem, typical: float) -> np.ndarray:
    """One row per bead: column 0 says two-sided (1) or one-sided (0), then
    the ``_PAIR_FEATURES`` or ``_SKIP_FEATURES`` values.

    Relative cosines compare a bead with the document's typical pair, so they
    cannot tell a wrongly paired page (where the typical pair is no
    translation either). The contrasts can: the log ratio of the typical (or
    the bead's) cosine to the mean cosine of any two segments in the band,
    high for translations whatever the languages, near 0 for unrelated texts."""
    # each segment's best 1-1 cosine with any partner in reach, by row and
    # by target position: a bead whose members match something else much
    # better than each other is likely a forced pairing
    m = len(p.tgt.length)
    row_best = rel11.max(axis=1)
    col_best = np.zeros(m + 1, dtype=rel11.dtype)
    cols = np.minimum(np.maximum(lo[:, None] + np.arange(rel11.shape[1])[None, :], 0), m)
    np.maximum.at(col_best, cols.ravel(), rel11.ravel())
    valid = rel11 > 0
    background = float(rel11[valid].sum() / max(rel11.size, 1)) * typical  # mean raw cosine
    eps = 0.01
    doc_contrast = math.log((typical + eps) / (background + eps))
    width = rel11.shape[1]
    ends = lo + width - 1
    # Python numbers from here: a bead's few values cost less read one by one
    # from lists than through numpy (lengths are whole numbers: their sums
    # are exact in any order)
    row_best_l, col_best_l = row_best.tolist(), col_best.tolist()
    src_len, tgt_len = p.src.length.tolist(), p.tgt.length.tolist()
    los = lo.tolist()
    rows: list[tuple[float, ...]] = []
    for i0, i1, j0, j1, k in found:
        a, b = i1 - i0, j1 - j0
        if a and b:
            d = j1 - los[i1]
            chars = sum(src_len[i0:i1]) + sum(tgt_len[j0:j1])
            cos = min(float(st.cos[i1, d]), 2.0)
            rows.append((1, 1.0, cos, min(float(st.worst[i1, d]), 2.0),
                         min(abs(float(st.delta[i1, d])), 6.0), min(float(st.unmatched[i1, d]), 5.0),
                         a + b - 2, len(btypes[k].src) + len(btypes[k].tgt) < a + b,
                         math.log1p(chars), math.log((cos * typical + eps) / (background + eps)),
                         doc_contrast, typical,
                         min(0.0, math.log((min(cos, 2.0) + 0.05) / (max(
                             max(row_best_l[i0 + 1:i1 + 1]), max(col_best_l[j0 + 1:j1 + 1])) + 0.05)))))
        elif a:
            # How well the left-out segment matches its best partner in reach:
            # a strong match left out is likely a mistake.
            best = float(rel11[i1].max())
            rows.append((0, 1.0, min(best, 2.0), p.src.anchors[i0], math.log1p(src_len[i0]),
                         0, doc_contrast, typical) + _SKIP_PAD)
        else:
            at = np.arange(np.searchsorted(ends, j1, "left"), np.searchsorted(lo, j1, "right"))
            best = float(rel11[at, j1 - lo[at]].max()) if len(at) else 0.0
            rows.append((0, 1.0, min(best, 2.0), p.tgt.anchors[j0], math.log1p(tgt_len[j0]),
                         1, doc_contrast, typical) + _SKIP_PAD)
    if not rows:
        return np.zeros((0, 1 + len(_PAIR_FEATURES)))
    return np.array(rows, dtype=float)


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
