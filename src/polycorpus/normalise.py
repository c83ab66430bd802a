"""Unicode and whitespace normalisation of page text.

What comes out is still the page's own text: NFC, one space for any run of
blanks, no zero-width characters or soft hyphens. Nothing is transliterated and
no quotes are folded; the folded forms used for matching live in text.py.
"""
from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible format characters that scrapers carry along:
# ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, LRM/RLM, and the bidi embeddings.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"),
    None,
)
# the same characters as a pattern: a search finds them in a line far faster
# than a translate table looks up every character
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]+")
# Any run of white space, the no-break and narrow spaces included.
_BLANKS = re.compile(r"[\s\u00a0\u2007\u202f\u3000]+")


def normalise(text: str) -> str:
    """NFC, invisible characters removed, white space collapsed and stripped."""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    return _BLANKS.sub(" ", text).strip()


def normalise_lines(text: str) -> list[str]:
    """Split text into lines (any newline convention) and normalise each; blank
    lines come back as empty strings so paragraph breaks stay visible."""
    return [normalise(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
