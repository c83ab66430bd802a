"""Scripts: which letters belong to Latin or Cyrillic, look-alike repair,
Serbian Cyrillic to Latin, and the folded matching key."""
from __future__ import annotations

import re
import unicodedata

__all__ = ["fix_homoglyphs", "to_latin", "fold", "WORD_RE", "CYR_RE", "is_cyr"]

# Latin letters that look like Cyrillic ones, and back. Latin "i" and "s" are
# left out on purpose: their twins (і, ѕ) are Ukrainian/Macedonian letters, and
# mapping them would invent evidence for those languages in Serbian text.
_LAT2CYR = dict(zip("ABCEHKMOPTXYJaceopxyjk", "АВСЕНКМОРТХУЈасеорхујк"))
_CYR2LAT = {cyr: lat for lat, cyr in _LAT2CYR.items()}
_CYR2LAT.update({"і": "i", "І": "I", "ѕ": "s", "Ѕ": "S"})
_TO_CYR = str.maketrans(_LAT2CYR)
_TO_LAT = str.maketrans(_CYR2LAT)

#: a word: letters only (no digits, no underscore)
WORD_RE = re.compile(r"[^\W\d_]+")
CYR_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")


def is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


# Counting by deletion, in C: what is left of a word without its Cyrillic
# letters and Latin look-alikes is its distinctly Latin letters; what a word
# loses without its distinctly Cyrillic letters is their number.
_DROP_CYR_AND_LAT_TWINS = {cp: None for cp in range(0x400, 0x500)} | {ord(ch): None for ch in _LAT2CYR}
_DROP_CYR_ONLY = {cp: None for cp in range(0x400, 0x500) if chr(cp) not in _CYR2LAT}


def _word_votes(word: str) -> tuple[int, int]:
    """Letters of a word that only one script could have written: (Latin, Cyrillic)."""
    return len(word.translate(_DROP_CYR_AND_LAT_TWINS)), len(word) - len(word.translate(_DROP_CYR_ONLY))


def fix_homoglyphs(text: str) -> str:
    """Repair look-alike letters of the other script inside words, for matching.

    Each word is given the script most of its distinctive letters belong to
    (``ПPABИMA`` -> ``ПРАВИМА``, ``Beоgrad`` -> ``Beograd``); a word made only
    of letters both scripts share (``je``, ``oко``) follows the script of the
    text as a whole. Text without both scripts is returned unchanged.
    """
    if not CYR_RE.search(text) or not _LATIN_LETTER_RE.search(text):
        return text
    words = WORD_RE.findall(text)
    votes = [_word_votes(w) for w in words]
    total_lat = sum(v[0] for v in votes)
    total_cyr = sum(v[1] for v in votes)
    majority = "Cyrl" if total_cyr > total_lat else "Latn" if total_lat > total_cyr else ""
    it = iter(votes)

    def repl(m: re.Match[str]) -> str:
        lat, cyr = next(it)
        word = m.group(0)
        script = "Cyrl" if cyr > lat else "Latn" if lat > cyr else (majority if lat == cyr == 0 else "")
        if script == "Cyrl":
            return word.translate(_TO_CYR)
        if script == "Latn":
            return word.translate(_TO_LAT)
        return word

    return WORD_RE.sub(repl, text)


_SR_CYR2LAT = dict(zip(
    "абвгдђежзијклмнопрстћуфхцчшѓќѕ",
    ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "ć", "u", "f", "h", "c", "č", "š", "ǵ", "ḱ", "dz"],
))
_SR_CYR2LAT.update({"љ": "lj", "њ": "nj", "џ": "dž"})
_DIGRAPH_UPPER = {"Љ": ("Lj", "LJ"), "Њ": ("Nj", "NJ"), "Џ": ("Dž", "DŽ")}


def to_latin(text: str) -> str:
    """Serbian Cyrillic -> Serbian Latin (гајица: љ->lj, њ->nj, џ->dž, ђ->đ, ћ->ć).

    Capital digraph letters follow their neighbours: ``Љубав`` -> ``Ljubav``,
    ``ЉУБАВ`` -> ``LJUBAV``. Macedonian ѓ ќ ѕ become ǵ ḱ dz; other Cyrillic
    letters (Russian, Bulgarian) are left as they are. Latin text is unchanged.
    """
    if not CYR_RE.search(text):
        return text
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _DIGRAPH_UPPER:
            nxt = text[i + 1] if i + 1 < n else ""
            prev = text[i - 1] if i else ""
            all_caps = nxt.isupper() or (not nxt.isalpha() and prev.isupper())
            out.append(_DIGRAPH_UPPER[ch][1 if all_caps else 0])
        elif ch in _SR_CYR2LAT:
            out.append(_SR_CYR2LAT[ch])
        elif ch.lower() in _SR_CYR2LAT:
            lat = _SR_CYR2LAT[ch.lower()]
            out.append(lat[0].upper() + lat[1:])
        else:
            out.append(ch)
    return "".join(out)


def fold(text: str) -> str:
    """A matching key: homoglyphs repaired, Cyrillic to Latin, diacritics off, casefolded.

    ``fold("Ђорђе Đorđe ĐORĐE")`` is ``"djordje djordje djordje"``: đ, which
    has no decomposition, becomes the customary "dj". Never store the result;
    it is for comparing texts only.
    """
    text = to_latin(fix_homoglyphs(text)).replace("đ", "dj").replace("Đ", "Dj")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
