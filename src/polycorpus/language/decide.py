"""Evidence -> LangResult: the one place scores meet thresholds."""
from __future__ import annotations

import math

from ..models import LangResult
from .evidence import Evidence
from .score import family_scores, standard_scores
from .weights import (
    CYR_SR_WITHOUT_LETTERS,
    MARGIN_SCALE,
    MIN_LETTERS,
    PREFERRED_PRIOR,
    PRIOR,
    SHORT_BASE,
    SHORT_LETTERS,
)

_PREFER = {"sr": "sr", "sr-Latn": "sr", "hr": "hr", "bs": "bs"}


def prior_for(prefer: str | None) -> dict[str, float]:
    """The tie-breaking prior, with ``prefer`` ("sr", "hr" or "bs") raised."""
    if prefer is None:
        return PRIOR
    if prefer not in _PREFER:
        raise ValueError(f"prefer must be one of {', '.join(_PREFER)}, not {prefer!r}")
    return {**PRIOR, _PREFER[prefer]: PREFERRED_PRIOR}


def decide(ev: Evidence, prior: dict[str, float] = PRIOR) -> LangResult:
    """The language the evidence speaks for, its confidence, and the cues that decided."""
    if ev.letters < MIN_LETTERS:
        result = LangResult("und", 0.0, ("too-few-letters",))
    else:
        result = _decide_cyrillic(ev) if ev.cyrl > ev.latn else _decide_latin(ev, prior)
    if ev.unread:  # the text was longer than a scan reads, or had runs no word is
        result = LangResult(result.tag, result.confidence,
                            result.evidence + (f"sampled:{ev.unread}-chars-unread",))
    return _short_text_discount(result, ev.letters)


def _detector_evidence(probs: dict[str, float], ev: Evidence) -> tuple[str, ...]:
    source = "+".join(sorted(ev.detector_sources)) or "langdetect"
    top = sorted(probs.items(), key=lambda kv: -kv[1])[:2]
    return tuple(f"{source}:{lang}:{p:.2f}" for lang, p in top)


def _decide_latin(ev: Evidence, prior: dict[str, float]) -> LangResult:
    probs = ev.detector_probs()
    detected = _detector_evidence(probs, ev)
    family = family_scores(ev)
    best = max(family, key=family.__getitem__)
    total = sum(max(v, 0.0) for v in family.values()) or 1.0
    fam_conf = family[best] / total
    if best != "SC":
        return LangResult(best, round(min(1.0, max(probs.get(best, 0.0), fam_conf)), 4),
                          ("script:Latn",) + detected)
    scores = standard_scores(ev, prior)
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    top, second = ranked[0], ranked[1]
    sub_conf = 1.0 - 0.5 * math.exp(-(scores[top] - scores[second]) / MARGIN_SCALE)
    tag = "sr-Latn" if top == "sr" else top
    cues = [c for c, _ in ev.cues.most_common(6)]
    if getattr(ev, top) == getattr(ev, second):  # the cues were even: the tie-breaker decided
        cues.append(f"tie:{top}")
    return LangResult(tag, round(fam_conf * sub_conf, 4), ("script:Latn",) + tuple(cues) + detected)


def _decide_cyrillic(ev: Evidence) -> LangResult:
    cues = tuple(c for c, _ in ev.cues.most_common(5))
    letter_tags: dict[str, float] = {t: p for t, p in ev.cyr_letters.items() if p > 0}
    if "uk-be" in letter_tags:
        n = letter_tags.pop("uk-be")
        target = "be" if "be" in letter_tags and "uk" not in letter_tags else "uk"
        letter_tags[target] = letter_tags.get(target, 0.0) + n
    if letter_tags:
        # ъ/щ alone mean Bulgarian only when no Russian letter is there too;
        # ы э ё are Belarusian as well as Russian, and ў is Belarusian only.
        if "bg" in letter_tags and "ru" in letter_tags:
            letter_tags.pop("bg")
        if "be" in letter_tags:
            letter_tags.pop("ru", None)
        scores = dict(letter_tags)
        # with its own letters, Serbian's and Macedonian's words count too
        if "sr-Cyrl" in scores:
            scores["sr-Cyrl"] += ev.sr_cyrl
        if "mk" in scores:
            scores["mk"] += ev.mk
        best = max(scores, key=scores.__getitem__)
        return LangResult(best, round(scores[best] / sum(scores.values()), 4), ("script:Cyrl",) + cues)
    probs = ev.detector_probs()
    detected = _detector_evidence(probs, ev)
    sr, mk = ev.sr_cyrl, ev.mk
    if ev.sr_mk_letters or sr or mk:
        # Without ј, љ, њ, џ a Serbian text needs a Serbian-only form or "да
        # ли": "у" and case endings are Ukrainian and Russian too.
        if sr > mk and (ev.sr_mk_letters or (sr >= CYR_SR_WITHOUT_LETTERS and ev.sr_cyrl_forms > 0)):
            return LangResult("sr-Cyrl", round(sr / (sr + mk + 1.0), 4), ("script:Cyrl",) + cues + detected)
        if mk > sr:
            return LangResult("mk", round(mk / (sr + mk + 1.0), 4), ("script:Cyrl",) + cues + detected)
    if probs:
        best = max(probs, key=probs.__getitem__)
        return LangResult(best, round(probs[best], 4), ("script:Cyrl",) + detected)
    return LangResult("und", 0.0, ("script:Cyrl",))


def _short_text_discount(result: LangResult, letters: int) -> LangResult:
    # langdetect is "1.00 sure" about "Član 1."; a few letters cannot carry
    # that much certainty, so confidence grows with length up to ~30 letters.
    factor = min(1.0, SHORT_BASE + letters / SHORT_LETTERS)
    if factor >= 1.0 or result.tag == "und":
        return result
    return LangResult(result.tag, round(result.confidence * factor, 4), result.evidence)
