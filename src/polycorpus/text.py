"""Folds, transliteration, number, URL and name keys: written once, used by every stage.

Scripts (which letters are Cyrillic, look-alike repair, Serbian Cyrillic to
Latin), the matching folds, the URL and number patterns and their keys, and
the phonetic keys that let a name spelled three ways meet as one key.

Where two stages need a concept to behave differently, both versions live
here under their own names with a comment saying why (``fold`` and
``token_fold``, ``number_key`` and ``number_key_as_written``,
``consonant_skeleton`` and ``name_key``, ``URL_RE`` and ``URL_LOOSE_RE``):
their callers' results, and the weights fitted on them, depend on each one's
behaviour.

Imports nothing but ``re`` and ``unicodedata``: ``align-pair`` starts with it.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = [
    "WORD_RE", "CYR_RE", "is_cyr", "fix_homoglyphs", "to_latin", "fold", "token_fold",
    "URL_RE", "URL_LOOSE_RE", "may_have_url", "NUMBER_RE", "number_key", "number_key_as_written",
    "consonant_skeleton", "name_key",
]

#: a word: letters only (no digits, no underscore)
WORD_RE = re.compile(r"[^\W\d_]+")
CYR_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")


def is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


# ---------------------------------------------------------------------------
# Look-alike letters (homoglyphs)

# Latin letters that look like Cyrillic ones, and back. Latin "i" and "s" are
# left out on purpose: their twins (і, ѕ) are Ukrainian/Macedonian letters, and
# mapping them would invent evidence for those languages in Serbian text.
_LAT2CYR = dict(zip("ABCEHKMOPTXYJaceopxyjk", "АВСЕНКМОРТХУЈасеорхујк"))
_CYR2LAT = {cyr: lat for lat, cyr in _LAT2CYR.items()}
_CYR2LAT.update({"і": "i", "І": "I", "ѕ": "s", "Ѕ": "S"})
_TO_CYR = str.maketrans(_LAT2CYR)
_TO_LAT = str.maketrans(_CYR2LAT)

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


# ---------------------------------------------------------------------------
# Serbian Cyrillic to Latin, and the matching folds

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
    if text.isascii():
        return text.casefold()  # nothing above touches ASCII
    text = to_latin(fix_homoglyphs(text)).replace("đ", "dj").replace("Đ", "Dj")
    return _NON_ASCII_RUN.sub(_drop_combining, unicodedata.normalize("NFKD", text)).casefold()


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")  # no ASCII character is a combining mark


def _drop_combining(m: re.Match[str]) -> str:
    return "".join(ch for ch in m.group(0) if not unicodedata.combining(ch))


# token_fold is a second fold, not a call of fold: the aligner runs it on every
# token of every segment (its hot path), so it folds case and letters with one
# str.translate and repairs look-alikes only inside words with a Cyrillic
# letter, where fold decides the script word by word for every text. The two
# differ on purpose at the edges, and each stage's weights were fitted on its
# own: token_fold also reads Russian and Ukrainian letters (ю -> ju, щ -> sc),
# Macedonian ѓ ќ as dj c (fold: g k), and Latin ł ø æ œ ı as l o ae oe i.
def _no_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.replace("đ", "dj"))
                   if not unicodedata.combining(ch))


# Serbian letters as to_latin reads them, without diacritics (ж -> z, ђ -> dj)
_TOKEN_CYR = {cyr: _no_marks(lat) for cyr, lat in _SR_CYR2LAT.items()} | {
    # neighbours, so a stray Macedonian or Russian letter still folds
    "ѓ": "dj", "ќ": "c", "й": "j", "ё": "e", "э": "e", "ы": "y", "ю": "ju",
    "я": "ja", "щ": "sc", "ъ": "", "ь": "", "і": "i", "ї": "i", "є": "e",
}
# letters NFKD does not decompose
_TOKEN_LATIN = {"đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i"}
_TOKEN_FOLD_TABLE = str.maketrans({**_TOKEN_CYR, **_TOKEN_LATIN})
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")

# Latin letters that look like Cyrillic ones, read as the Cyrillic letter when
# they sit inside a Cyrillic word ("Бeoгpaд" typed with Latin e, o, p, a):
# Latin p, c, x, y there are Cyrillic р, с, х, у (r, s, h, u), not p, c, x, y.
# fix_homoglyphs' pairs in lower case (token_fold has case-folded first, so
# Latin m, t, b, h stand for М, Т, В, Н), and i and s, which fix_homoglyphs
# leaves out: inside a Cyrillic word they are і and ѕ.
_TOKEN_HOMOGLYPHS = str.maketrans({lat.lower(): cyr.lower() for lat, cyr in _LAT2CYR.items()} | {"i": "і", "s": "ѕ"})
_MIXED_WORD = re.compile(r"\w*[\u0400-\u04ff]\w*")
_HOMOGLYPH_LETTERS = "".join(sorted(map(chr, _TOKEN_HOMOGLYPHS)))


def _cyrillic_homoglyphs(text: str) -> str:
    """Text already case-folded; only words with a Cyrillic letter change."""
    if not any(c in text for c in _HOMOGLYPH_LETTERS):  # most Cyrillic text: no word would change
        return text
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_TOKEN_HOMOGLYPHS), text)


def token_fold(text: str) -> str:
    """Case-fold, read Serbian Cyrillic as Latin, strip diacritics (č -> c, ë -> e): the aligner's fold."""
    text = text.casefold()
    if text.isascii():  # nothing below changes ASCII text
        return text
    if CYR_RE.search(text):
        text = _cyrillic_homoglyphs(text).translate(_TOKEN_FOLD_TABLE)
    elif any(c in text for c in _TOKEN_LATIN):  # translate is slow, and Latin text rarely needs it
        text = text.translate(_TOKEN_FOLD_TABLE)
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


# ---------------------------------------------------------------------------
# URLs and numbers: anchors that read the same in every language

#: a URL or an e-mail address, as an anchor (alignment, pairing): stops at
#: quotes and angle brackets, so "<a href='...'>" leaves its markup out
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
#: a URL or an e-mail address to blank out before language ID: looser (any
#: run of non-space), as what it removes only has to carry no words
URL_LOOSE_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def may_have_url(text: str) -> bool:
    """True for every text in which URL_RE can match (and a few more); several
    times faster than a case-insensitive search."""
    if "@" in text:
        return True
    low = text.casefold()
    return "http" in low or "www." in low


#: a number, with thousands or decimal separators
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_SEPARATOR = re.compile(r"[.,]")


def number_key(raw: str) -> str:
    """1.000 / 1,000 / 1000 -> 1000; 3,5 / 3.5 -> 3.5; 0,5 -> 0.5; 1.2.3 -> 12.3.

    The aligner's number key: every separator but the last read as grouping.
    """
    parts = _SEPARATOR.split(raw)
    if len(parts) == 1:
        return parts[0].lstrip("0") or "0"
    if all(len(p) == 3 for p in parts[1:]):
        return ("".join(parts)).lstrip("0") or "0"
    whole = ("".join(parts[:-1])).lstrip("0") or "0"
    return f"{whole}.{parts[-1]}"


def number_key_as_written(raw: str) -> str:
    """1.000 / 1,000 / 1000 -> 1000; 3,5 / 3.5 -> 3.5; 0,5 -> .5; 1.2.3 -> 1.2.3.

    Page pairing's number key: thousands grouping dropped, anything else kept
    as written with commas read as points. It differs from number_key on
    leading zeros and dotted sequences (dates, versions), and pairing's
    calibrated weights were fitted with it, so it stays as it is.
    """
    parts = _SEPARATOR.split(raw)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return "".join(parts).lstrip("0") or "0"
    return raw.replace(",", ".").lstrip("0") or "0"


# ---------------------------------------------------------------------------
# Phonetic keys: one spelling for names written as they sound

# Two keys, each tuned with its stage: the aligner's skeleton keeps every
# consonant (it is cut to 4 letters and sits beside a 4-letter prefix key),
# pairing's name key keeps the first letter even when a vowel, merges j/y/i
# and cuts at 5 letters (a page-level key of capitalised names).

# Spellings of one sound across English, Albanian and Serbian (Latin or read
# from Cyrillic), longest first: Washington / Vašington, Shaqiri / Šaćiri,
# Cromwell / Kromvel, Phoenix / Feniks.
_SOUNDS = re.compile(r"sch|tsch|xh|zh|sh|ch|th|ph|gh|ck|dh|dj|dz|[cqwxj]")
_SOUND_MAP = {"sch": "s", "tsch": "c", "xh": "d", "zh": "z", "sh": "s", "ch": "c", "th": "t",
              "ph": "f", "gh": "", "ck": "k", "dh": "d", "dj": "d", "dz": "d", "c": "k",
              "q": "k", "w": "v", "x": "ks", "j": ""}
_SKELETON_VOWELS = re.compile(r"[aeiouyh]+")
_DOUBLE = re.compile(r"(.)\1+")


def consonant_skeleton(word: str) -> str:
    """The consonants of a folded word, spelled one way: names and loanwords
    written differently in each language (Trump / Tramp, Fleetwood / Flitvud)
    share it where their 4-letter prefixes differ."""
    w = _SOUNDS.sub(lambda m: _SOUND_MAP[m.group(0)], word)
    return _DOUBLE.sub(r"\1", _SKELETON_VOWELS.sub("", w))


# Serbian writes foreign names as they sound and Albanian has its own letters
# for the same sounds: "Džerard" / "Xherard" / "Gerrard", "Tomson" / "Thomson".
# One rough spelling lets the three meet as one name key.
_SPELLING = (
    ("dzh", "j"), ("dz", "j"), ("xh", "j"), ("gj", "j"), ("dj", "j"),
    ("sh", "s"), ("zh", "z"), ("ch", "c"), ("th", "t"), ("ph", "f"), ("ck", "k"),
    ("ee", "i"), ("oo", "u"), ("ou", "u"),
)
_SPELLING_TABLE = str.maketrans({"q": "k", "c": "k", "w": "v", "y": "i", "j": "i", "h": None, "x": "s"})
_NAME_VOWELS = re.compile(r"[aeiou]+")


def name_key(folded: str) -> str:
    """A name's consonants in one rough spelling: Trump / Tramp, Gerrard / Džerard."""
    for a, b in _SPELLING:
        folded = folded.replace(a, b)
    folded = folded.translate(_SPELLING_TABLE)
    skeleton = _DOUBLE.sub(r"\1", folded[:1] + _NAME_VOWELS.sub("", folded[1:]))
    return "n:" + skeleton[:5]
