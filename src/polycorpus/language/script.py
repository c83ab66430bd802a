"""Scripts: which letters belong to Latin or Cyrillic, look-alike repair,
Serbian Cyrillic to Latin, and the folded matching key (all in
:mod:`polycorpus.text`, shared with the other stages)."""
from __future__ import annotations

from ..text import CYR_RE, WORD_RE, fix_homoglyphs, fold, is_cyr, to_latin

__all__ = ["fix_homoglyphs", "to_latin", "fold", "WORD_RE", "CYR_RE", "is_cyr"]
