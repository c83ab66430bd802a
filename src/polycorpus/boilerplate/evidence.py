"""Typed evidence, its combination into one score, and the one decision."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import LineDecision
from ..settings import Settings
from .weights import STRONG_CUE, UNDAMPED

CONTENT = "content"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to think a line is chrome, with how strongly (0..1)."""

    reason: str
    weight: float


@dataclass(frozen=True, slots=True)
class LineScore:
    """A line's boilerplate score and the reason of its strongest evidence."""

    score: float
    reason: str
    evidence: tuple[Evidence, ...] = ()


def combine(evidence: Sequence[Evidence], content_weight: float = 0.0) -> LineScore:
    """Noisy-or of the chrome evidence, damped by the evidence for content.

    Independent cues add up (an address line that also repeats on every page is
    surer chrome than either alone); content evidence (article zone, title, prose)
    scales the result down without ever overruling strong chrome evidence alone.
    """
    if not evidence:
        return _NO_EVIDENCE
    keep = 1.0
    strongest = 0.0  # of the reasons in UNDAMPED
    top = evidence[0]  # the first of the strongest: its reason is the line's
    for ev in evidence:
        keep *= 1.0 - ev.weight
        if ev.weight > top.weight:
            top = ev
        if ev.reason in UNDAMPED and ev.weight > strongest:
            strongest = ev.weight
    score = (1.0 - keep) * (1.0 - content_weight)
    # a strong formula (a funder's disclaimer, a copyright line) is no less
    # chrome for sitting in the article or reading as prose: the damping stops
    # there. Repetition is not such a formula: a headline recurs in "related" lists.
    if strongest >= STRONG_CUE:
        score = max(score, strongest)
    return LineScore(round(min(1.0, max(0.0, score)), 4), top.reason, tuple(evidence))


_NO_EVIDENCE = LineScore(0.0, CONTENT, ())


def decide(text: str, line_score: LineScore, block: int, settings: Settings,
           reason: str | None = None) -> LineDecision:
    """The one place a score becomes a verdict."""
    dropped = line_score.score >= settings.boilerplate_threshold
    why = (reason or line_score.reason) if dropped else CONTENT
    if dropped and why == CONTENT:
        why = "boilerplate"
    return LineDecision(text=text, is_boilerplate=dropped, reason=why, score=line_score.score, block=block)
