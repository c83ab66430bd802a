"""The reduce step: every site's first-pass evidence, pooled per language pair,
in site order, into what the second pass learns from.

The pooled evidence of a pair is bounded whatever the corpus size: the beads
to learn word pairs from are capped by the aligner (AlignParams.lexicon_max_beads,
the best ones kept), and the bead lengths for the length model are thinned
here to an evenly spaced sample of at most MAX_LENGTHS once there are more.
Below that the model is exactly the one the whole corpus teaches.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..align import AlignParams, Evidence, best_beads

LangPair = tuple[str, str]

#: bead lengths (source chars, target chars) kept per language pair for the
#: length model: up to this many, all of them; past it, every 2^k-th one, so
#: between half of this and this many (a ratio and a quantile need no more)
MAX_LENGTHS = 200_000


@dataclass
class LengthSample:
    """Every `stride`-th of the lengths offered, in the order offered; the stride
    doubles each time the sample outgrows `cap`. The same lengths in the same order
    give the same sample however they are split into sites."""

    cap: int = MAX_LENGTHS
    stride: int = 1
    seen: int = 0
    kept: list[tuple[int, int]] = field(default_factory=list)

    def add(self, lengths: list[tuple[int, int]]) -> None:
        first = -self.seen % self.stride  # position in `lengths` of the next multiple of stride
        self.kept.extend(lengths[first::self.stride])
        self.seen += len(lengths)
        while len(self.kept) > self.cap:
            self.kept = self.kept[::2]
            self.stride *= 2


class EvidencePool:
    """What the first passes taught, per language pair, fed one site at a time.

    The beads to learn from are kept best first, at most the aligner's cap
    (AlignParams.lexicon_max_beads): a site's beads are appended, and the list
    is cut back to the cap (align.best_beads) only once it holds twice the cap,
    not at every site: the same beads, for a fraction of the sorts."""

    def __init__(self, max_lengths: int = MAX_LENGTHS, max_beads: int | None = None) -> None:
        self.max_lengths = max_lengths
        self.max_beads = max_beads if max_beads is not None else AlignParams().lexicon_max_beads
        self.beads: dict[LangPair, list[tuple[float, tuple[str, ...], tuple[str, ...], object]]] = {}
        self.lengths: dict[LangPair, LengthSample] = {}

    def add(self, evidence: dict[LangPair, Evidence]) -> None:
        for pair, ev in sorted(evidence.items()):
            kept = self.beads.setdefault(pair, [])
            kept.extend(ev.beads)
            if len(kept) > 2 * self.max_beads:
                self.beads[pair] = best_beads(kept, self.max_beads)
            self.lengths.setdefault(pair, LengthSample(self.max_lengths)).add(ev.lengths)

    def pooled(self) -> dict[LangPair, Evidence]:
        return {pair: Evidence(best_beads(self.beads[pair], self.max_beads), self.lengths[pair].kept) for pair in sorted(self.beads)}
