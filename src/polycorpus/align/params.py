"""The aligner's knobs, in one frozen object."""
from __future__ import annotations

from dataclasses import dataclass


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
