"""Text -> segments (lines, paragraphs or sentences) for the aligner.

Sentence splitting uses spaCy's rule-based ``sentencizer`` on a blank pipeline:
no model download, the same behaviour for every language we handle.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Unit = Literal["line", "paragraph", "sentence"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def split_segments(text: str, unit: Unit, lang: str = "xx") -> list[str]:
    """Split ``text`` into segments.

    ``line``: every line is a segment, empty ones included, so that segment ``k``
    is line ``k`` of the file, the numbering the gold ladders use. A final
    newline does not start an extra segment.
    ``paragraph``: blank-line separated blocks; the lines of a block are joined
    with a space; empty blocks are dropped.
    ``sentence``: the sentences of each paragraph, by spaCy's sentencizer for
    ``lang`` (a BCP-47 tag such as ``sr-Latn``; unknown languages use ``xx``).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unit == "line":
        if not text:
            return []
        if text.endswith("\n"):
            text = text[:-1]
        return text.split("\n")
    paragraphs = [" ".join(part.split()) for part in _BLANK_LINE.split(text)]
    paragraphs = [p for p in paragraphs if p]
    if unit == "paragraph":
        return paragraphs
    if unit == "sentence":
        nlp = _sentencizer(_base_lang(lang))
        out: list[str] = []
        for doc in nlp.pipe(paragraphs):
            out.extend(s.text.strip() for s in doc.sents if s.text.strip())
        return out
    raise ValueError(f"unknown segment unit {unit!r}: use 'line', 'paragraph' or 'sentence'")


def _base_lang(lang: str) -> str:
    return (lang or "xx").split("-")[0].split("_")[0].lower() or "xx"


@lru_cache(maxsize=None)
def _sentencizer(lang: str):
    import spacy

    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError):
        # spaCy raises ImportError for a language it has no class for.
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp
