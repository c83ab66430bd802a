"""Language identification for Albanian, English and Serbian pages, telling
Serbian from Croatian and Bosnian in both scripts.

Compiled detectors (CLD2 and fastText, see :mod:`.detectors`) give the broad
language, with langdetect as the judge when they leave two families close;
none of them tells Serbian from Croatian and Bosnian well, so on top of them
this package adds what a linguist would look at:

* script, decided word by word after homoglyph repair (:mod:`.script`);
* letters only one Cyrillic alphabet has (Serbian ђ ћ, Macedonian ѓ ќ ѕ, ...),
  then function words, case endings and forms only one side writes;
* the jat reflex: Serbian is ekavian (*vreme, mesto, dete*), Croatian and
  Bosnian ijekavian (*vrijeme, mjesto, dijete*);
* vocabulary, month names, agent nouns and verb suffixes that differ between
  the three standards;
* Serbian phonetic spelling of foreign names (*Vašington*) against the
  original spelling Croatian and Bosnian keep (*Washington*);
* syntax: Serbian *da* + present (*treba da uradi*), Croatian infinitive and
  separated future (*bit će*).

The cue words and patterns are data (``polycorpus/data/lang_*``, read by
:mod:`.tables`), the numbers are named in :mod:`.weights`. :func:`.scanner.scan`
turns a text into an :class:`.Evidence` (typed, additive, so a page pools its
paragraphs), :mod:`.score` turns evidence into scores, and
:func:`.decide.decide` is the one place they become a :class:`LangResult`.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..models import LangResult
from .decide import decide, prior_for
from .evidence import Evidence
from .scanner import complete, scan
from .script import fix_homoglyphs, fold, to_latin
from .weights import MIN_LETTERS

__all__ = ["identify", "detect", "identify_page", "identify_document", "scan", "fix_homoglyphs", "to_latin", "fold",
           "Evidence", "MIN_LETTERS"]


def identify(text: str, *, prefer: str | None = None) -> LangResult:
    """The language of one text: a BCP-47 tag, a confidence in [0, 1] and the cues.

    Tags are ``sq``, ``en``, ``sr-Latn``, ``sr-Cyrl``; look-alikes get their
    ISO 639-1 code (``hr``, ``bs``, ``mk``, ``sl``, ``bg``, ``ru`` ...);
    ``und`` when the text has fewer than three letters. ``evidence`` names the
    cues that decided (``"jat:ekavian:vreme"``, ``"lex:sr:hiljada"``,
    ``"letter:sr-Cyrl:ђ"``, ``"cld2+fasttext:hr:0.99"``; ``"tie:hr"`` when a
    Latin Serbo-Croatian text gave no cue for any standard and the tie-breaker
    chose; ``"sampled:N-chars-unread"`` when the text was longer than the scan
    reads). Deterministic.

    ``prefer`` (``"sr"``, ``"hr"`` or ``"bs"``) is the standard such a tie
    goes to; by default Croatian, the commonest language of cue-less text in
    our measurements. Pass ``"sr"`` for text known to come from Serbian
    sites: text with a Croatian or Bosnian cue still comes out so.
    """
    prior = prior_for(prefer)
    return decide(scan(text), prior)


def detect(text: str, *, prefer: str | None = None) -> tuple[str, float]:
    """``identify`` as a (tag, confidence) pair, for notebooks."""
    result = identify(text, prefer=prefer)
    return result.tag, result.confidence


def identify_document(paragraph_texts: Sequence[str], *,
                      prefer: str | None = None) -> tuple[LangResult, list[LangResult]]:
    """The language of a page and of each of its paragraphs, scanning each once.

    Returns ``(page, paragraphs)``: ``page`` is what :func:`identify_page`
    gives, ``paragraphs[i]`` what :func:`identify` gives for
    ``paragraph_texts[i]``. Each paragraph is scanned (detectors included)
    once, and its evidence is both decided alone and pooled for the page.
    """
    prior = prior_for(prefer)
    pooled = Evidence()
    results: list[LangResult] = []
    for text in paragraph_texts:
        ev = scan(text)
        results.append(decide(ev, prior))
        pooled.add(ev)
    complete(pooled)  # a page that may be Serbo-Croatian needs every paragraph's cues
    return decide(pooled, prior), results


def identify_page(paragraph_texts: Sequence[str], *, prefer: str | None = None) -> LangResult:
    """The language of a page from its content paragraphs.

    Evidence is pooled across paragraphs before deciding, each paragraph's
    detector vote weighted by its letters: a page has more jat forms and
    vocabulary cues than any one paragraph, so Serbian against Croatian and
    Bosnian is decided on all of them together. Use :func:`identify_document`
    when the paragraphs' own results are wanted too. ``prefer`` is as in
    :func:`identify`.
    """
    return identify_document(paragraph_texts, prefer=prefer)[0]
