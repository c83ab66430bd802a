"""Evidence -> scores: the family vote for Latin text, the standards' points
within Serbo-Croatian. Numbers only; :mod:`.decide` compares them."""
from __future__ import annotations

from .evidence import Evidence
from .weights import (
    FAMILY_DETECTOR_WEIGHT,
    LETTER_CAP,
    RATE_CAP,
    RATE_SCALE,
    SC_ONLY_CAP,
    SC_ONLY_SCALE,
    SL_WITHOUT_WORDS,
)

#: the detectors' labels for Serbo-Croatian, pooled into one family "SC"
_SC_LABELS = ("hr", "bs", "sr")


def family_scores(ev: Evidence) -> dict[str, float]:
    """Points per language family of a Latin text: the detectors' probability
    next to capped function-word rates and letters; "SC" is Serbo-Croatian."""
    scale = FAMILY_DETECTOR_WEIGHT / ev.detector_weight if ev.detector_weight else 0.0
    words = max(1.0, ev.letters / 5.0)
    family = {lang: scale * mass for lang, mass in ev.detector.items()}
    family["SC"] = sum(family.pop(label, 0.0) for label in _SC_LABELS)
    for label, n_words, letters in (("SC", ev.sc_words, ev.sc_letters), ("sl", ev.sl_words, 0.0),
                                    ("sq", ev.sq_words, ev.sq_letters), ("en", ev.en_words, 0.0)):
        rate = n_words / words
        family[label] = family.get(label, 0.0) + min(RATE_CAP, RATE_SCALE * rate) + min(LETTER_CAP, letters)
    family["SC"] += min(SC_ONLY_CAP, SC_ONLY_SCALE * ev.sc_only)
    # detectors read short Serbo-Croatian as Slovenian; a Slovenian text of
    # a few words nearly always has one of in, v, so, ki, tudi, bo, pri, ...
    if "sl" in family and ev.sl_words == 0 and ev.sc_words > 0:
        family["sl"] *= SL_WITHOUT_WORDS
    return family


def margin(scores: dict[str, float]) -> float:
    """How far the best score leads the second (infinite with one score)."""
    ranked = sorted(scores.values(), reverse=True)
    return ranked[0] - ranked[1] if len(ranked) > 1 else float("inf")


def standard_scores(ev: Evidence, prior: dict[str, float]) -> dict[str, float]:
    """Points for sr, hr and bs within Serbo-Croatian, with the tie-breaking prior."""
    return {"sr": ev.sr + prior["sr"], "hr": ev.hr + prior["hr"], "bs": ev.bs + prior["bs"]}
