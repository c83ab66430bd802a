"""Text -> Evidence: script, letters, function words, word tables, patterns.

Linear in the input: the text is bounded first (``detectors.bound``), every
word is looked up once per form (the lookups are cached by form: news text
repeats its words), and a pattern spanning words is tried only when the text
holds the literal it needs. The Serbo-Croatian cue battery runs only when
Serbo-Croatian can still win the family vote.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..text import URL_LOOSE_RE
from . import detectors
from .evidence import Evidence
from .score import family_scores, margin
from .script import CYR_RE, WORD_RE, fix_homoglyphs, is_cyr
from .tables import (
    CYR_FORMS,
    CYR_LETTERS,
    CYR_SHAPES,
    CYR_WORDS,
    DERIVED_FORMS,
    EXACT,
    FUNCTION_WORDS,
    JAT_FORMS,
    JAT_STEM_LENGTHS,
    JAT_STEMS,
    LATIN_SHAPES,
    NEUTRAL_IRA,
    NOT_JAT_PREFIXES,
    NOT_JAT_WORDS,
    NOT_PARTICIPLE,
    PREFIX,
    PREFIX_LENGTHS,
    SR_IRATI,
    SR_MK_LETTERS,
    SR_NAMES,
    TEXT_PATTERNS,
    VOWEL_JOIN_PREFIXES,
    WORD_PATTERNS,
    WordHit,
    WordShape,
)
from .weights import (
    CYR_DECISIVE_MARGIN,
    CYR_FORM,
    CYR_LETTER,
    EXPECTED_FAMILIES,
    FASTTEXT_MARGIN,
    FOREIGN_BARE,
    FOREIGN_DECLINED,
    FOREIGN_MAX,
    HR_VERB,
    HR_VERB_SHARED,
    LANGDETECT_MARGIN,
    LETTER_BASE,
    LETTER_EACH,
    MIN_LETTERS,
    PARTICIPLE_SC_ONLY,
    REPEAT_CAP,
    SA_EACH,
    SA_MAX,
    SC_ONLY_CAP,
    SC_ONLY_SCALE,
    SR_NAME,
    Points,
)

__all__ = ["scan", "complete"]

#: word forms remembered per cache before it is emptied (memory stays bounded)
_CACHE_MAX = 100_000


def scan(text: str, *, complete: bool = False) -> Evidence:
    """Everything :func:`decide` needs to know about ``text``; no decision.

    The Serbian/Croatian/Bosnian cues of a Latin text are looked for only
    when Serbo-Croatian can still win its family vote (the tag cannot depend
    on them otherwise); ``complete=True`` looks for them always.
    """
    ev = Evidence()
    text, ev.unread = detectors.bound(text)
    text = fix_homoglyphs(text)
    if "@" in text or "://" in text or "www." in text:
        text = URL_LOOSE_RE.sub(" ", text)
    words = WORD_RE.findall(text)
    joined = "".join(words)
    ev.cyrl = len(CYR_RE.findall(joined))
    ev.latn = len(joined) - ev.cyrl
    ev.letters = ev.latn + ev.cyrl
    if ev.letters < MIN_LETTERS:
        return ev
    if ev.cyrl > ev.latn:
        if not _scan_cyrillic(text, words, ev):
            _detect(ev, "langdetect", detectors.langdetect(text, ev.letters))
        return ev
    _scan_families(text, words, ev)
    _detect(ev, "cld2", detectors.cld2(text, ev.letters))
    scores = family_scores(ev)
    if margin(scores) < FASTTEXT_MARGIN:
        # not clear-cut: CLD2 and fastText together, four times the cost of CLD2 alone
        _clear_detector(ev)
        _detect(ev, "cld2+fasttext", detectors.cld2_fasttext(text, ev.letters))
        scores = family_scores(ev)
    if margin(scores) < LANGDETECT_MARGIN or max(scores, key=scores.__getitem__) not in EXPECTED_FAMILIES:
        # the compiled detectors leave two families close, or name a language
        # no function word or letter supports: langdetect judges
        _clear_detector(ev)
        _detect(ev, "langdetect", detectors.langdetect(text, ev.letters))
        scores = family_scores(ev)
    if complete or _sc_can_win(ev, scores):
        _scan_standards(text, words, ev)
    else:
        ev.unscanned.append((text, words))
    return ev


def _sc_can_win(ev: Evidence, scores: dict[str, float] | None = None) -> bool:
    """Whether Serbo-Croatian would win with its Slovenian-excluding cues at their cap."""
    scores = dict(scores if scores is not None else family_scores(ev))
    scores["SC"] += SC_ONLY_CAP - min(SC_ONLY_CAP, SC_ONLY_SCALE * ev.sc_only)
    return scores["SC"] >= max(scores.values())


def complete(ev: Evidence) -> None:
    """Look for the Serbian/Croatian/Bosnian cues ``scan`` left out, when
    Serbo-Croatian can win the (pooled) evidence."""
    if ev.unscanned and ev.latn >= ev.cyrl and _sc_can_win(ev):
        for text, words in ev.unscanned:
            _scan_standards(text, words, ev)
        ev.unscanned.clear()


def _clear_detector(ev: Evidence) -> None:
    ev.detector.clear()
    ev.detector_weight = 0
    ev.detector_sources.clear()


def _detect(ev: Evidence, source: str, probs: dict[str, float]) -> None:
    if not probs:
        return
    weight = max(ev.letters, 1)
    for lang, p in probs.items():
        ev.detector[lang] = ev.detector.get(lang, 0.0) + p * weight
    ev.detector_weight += weight
    ev.detector_sources.add(source)


def _add(ev: Evidence, cue: str, points: Points, sc_only: bool) -> None:
    # A repeated word counts at most twice: one topic word must not outvote the text.
    seen = ev.cues[cue]
    ev.cues[cue] = seen + 1
    if seen >= REPEAT_CAP:
        return
    if sc_only:
        ev.sc_only += max(points)
    ev.sr += points[0]
    ev.hr += points[1]
    ev.bs += points[2]


# --------------------------------------------------------------------------
# Latin: families
# --------------------------------------------------------------------------

_SC, _PARTICIPLE, _SL, _SQ, _EN = 1, 2, 4, 8, 16
_NOT_SC_LETTERS_RE = re.compile(r"[łśźńąęóőűřěůťďňľĺŕôäöüßëç]")
_FAMILY_FLAGS: dict[str, tuple[int, float]] = {}
_NOTHING = (0, 0.0)


def _family_flags(original: str) -> tuple[int, float]:
    """Function-word flags of a word, and the points of the Serbo-Croatian-only
    shapes it has (data/lang_word_shapes.json: škotskog, zvaničnoj)."""
    if is_cyr(original[0]):
        return _NOTHING
    w = original.lower()
    flags = 0
    if w in FUNCTION_WORDS["SC"]:
        flags |= _SC
    # The masculine l-participle: Serbo-Croatian -ao/-eo/-io (rekao, video,
    # izjavio), Slovenian -al/-el/-il (rekel, videl, izjavil).
    elif (len(w) >= 4 and w[-1] == "o" and w[-2] in "aei" and original.islower()
          and w not in NOT_PARTICIPLE):
        flags |= _SC | _PARTICIPLE
    if w in FUNCTION_WORDS["sl"]:
        flags |= _SL
    if w in FUNCTION_WORDS["sq"]:
        flags |= _SQ
    if w in FUNCTION_WORDS["en"]:
        flags |= _EN
    shapes = sum(shape.points for shape in LATIN_SHAPES if _has_shape(shape, original, w))
    return (flags, shapes) if flags or shapes else _NOTHING


def _scan_families(text: str, words: list[str], ev: Evidence) -> None:
    cache = _FAMILY_FLAGS
    if len(cache) > _CACHE_MAX:
        cache.clear()
    sc = sl = sq = en = participles = 0
    shapes = 0.0
    for original in words:
        found = cache.get(original)
        if found is None:
            found = cache[original] = _family_flags(original)
        if found is not _NOTHING:
            flags, points = found
            sc += flags & _SC
            participles += (flags & _PARTICIPLE) >> 1
            sl += (flags & _SL) >> 2
            sq += (flags & _SQ) >> 3
            en += (flags & _EN) >> 4
            shapes += points
    low = text.lower()
    # ć and đ are Serbo-Croatian letters (Slovenian has neither; Polish ć
    # comes with ł ś ź ń ą ę); ë is Albanian. Letters count even in a
    # heading too short for a detector.
    if ("ć" in low or "đ" in low) and not _NOT_SC_LETTERS_RE.search(low):
        ev.sc_letters += LETTER_BASE + LETTER_EACH * (low.count("ć") + low.count("đ"))
    n_sq = low.count("ë")
    if n_sq:
        ev.sq_letters += LETTER_BASE + LETTER_EACH * n_sq
    ev.sc_words += sc
    ev.sc_only += PARTICIPLE_SC_ONLY * participles + shapes
    ev.sl_words += sl
    ev.sq_words += sq
    ev.en_words += en


# --------------------------------------------------------------------------
# Latin: Serbian, Croatian or Bosnian
# --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _WordCues:
    """What one word form says within Serbo-Croatian, worked out once per form."""

    cues: tuple[tuple[str, Points, bool], ...]   # (cue name, points, Slovenian cannot have it)
    foreign: Points | None = None                # an original foreign spelling (Washingtonu)
    foreign_declined: bool = False               # a declined name with a foreign vowel pair or letter


_NO_CUES = _WordCues(())
_WORD_CUES: dict[str, _WordCues] = {}

# Verbal and nominal prefixes in front of a jat stem: pot|predsjednik,
# s|po|razumjeli, na|sljedstvo. Only stems of four letters or more are tried
# after a prefix, never whole short words ("pre|vesti" is "translate").
_VERB_PREFIX_RE = re.compile(r"^(?:pot|pod|nad|raz|ras|iz|is|za|pre|pri|pro|na|po|s|u|o|ob|od|do|ne)")
# Verb suffixes: Croatian -irati/-izirati/-ficirati against Serbian -ovati/-isati
# (the Serbian side is a pattern cue in data/lang_patterns.json).
_HR_VERB_RE = re.compile(
    r"(\w{3,}?(?:iz|c|ol|rm|n|g|str|nt|gr))ira"
    r"(?:ti|m|š|mo|te|ju|j|o|la|lo|li|le|n|na|no|ni|nog|nih|nje|nja|nju|njem)")
# Original spelling of foreign words (w, x, q, y, th, ch, ph, ck, gh) in a
# South Slavic Latin text: Croatian and Bosnian keep it, Serbian transcribes.
# A doubled consonant in a name is an original spelling too (Blemmings,
# Russell): Serbo-Croatian spelling has none outside prefix joins (najjači,
# oddaljen, bezzvučan), which are lower case.
_FOREIGN_RE = re.compile(r"(?:Th|Ch|Ph)\w+|[A-Z]\w*(?:[wxqyWXQY]|th|ch|ph|ck|gh"
                         r"|bb|cc|ff|gg|kk|ll|mm|nn|pp|rr|ss|tt)\w*|\w*[wxqWXQ]\w*")
# So are a doubled vowel (Liverpool, Greenpeace: Serbian Liverpul, Grinpis)
# and a letter from another alphabet (López, Müller: Serbian Lopes, Miler),
# counted only when declined (Liverpoola, Lópezom): Serbian keeps brands and
# titles as written (Goop, Newport on the Levee), and declines a transcribed
# name ending in -o into a doubled vowel (Kavano, Kavanoom, Kavanoov).
_FOREIGN_DECLINED_RE = re.compile(r"[A-Z]\w*(?:oo|ee|[áéíóúýñöüäëïçøåàèìòùâêîôûãõğşı])\w*")
_TRANSCRIBED_O_RE = re.compile(r"oo(?:m|v(?:a|e|i|o|u|om|og|oj|im|ih)?)$")
_VOWEL_PAIR_RE = re.compile(r"oo|ee")
_NATIVE_TH_RE = re.compile(r"(?i)(?:pret|pot|neop|op)h[^wxqy]*$")  # ph across neop|hodan, op|hodnja
# Case endings on a foreign spelling; not "-e", which English words end in
# undeclined (Ballyhackamore, George).
_DECLINED_RE = re.compile(r"[^aeiou](?:u|a|om|em|i|ov|ova|ove|ovi|ovu|ovog|ovom|ovih|ski|ska|sko|skog|skoj)$")
# Serbian and Bosnian use "sa" before any word; Croatian only before s, z, š, ž.
_SA_RE = re.compile(r"\bsa (?![sszšžk]|mnom|ps)\w")


def _lookup_prefix(word: str, table: dict[str, WordHit], lengths: list[int]) -> WordHit | None:
    n = len(word)
    for k in lengths:
        if k <= n:
            hit = table.get(word[:k])
            if hit is not None:
                return hit
    return None


def _lookup_jat_prefixed(word: str) -> WordHit | None:
    m = _VERB_PREFIX_RE.match(word)
    if m is None or len(word) < 7:
        return None
    rest = word[m.end():]
    # "s" is no prefix before a vowel (s|uveren, s|uspendirati)
    if m.group(0) == "s" and rest[:1] in "aeiou":
        return None
    for _ in range(2):
        hit = _lookup_prefix(rest, JAT_STEMS, JAT_STEM_LENGTHS)
        if hit is not None:
            return hit
        m = _VERB_PREFIX_RE.match(rest)
        if m is None:
            return None
        rest = rest[m.end():]
    return None


def _is_caps_word(word: str) -> bool:
    """A word of a heading set in capitals (ZASTARELO), not an acronym (NATO, EU)."""
    return len(word) >= 5 and word.isupper()


def _native_spelling(word: str) -> bool:
    """True when a foreign-looking word is no foreign spelling after all."""
    if word.isupper() or _NATIVE_TH_RE.match(word):  # acronyms; th, ph across a prefix
        return True
    low = word.lower()
    pair = _VOWEL_PAIR_RE.search(low)
    return pair is not None and (low[:pair.start() + 1] in VOWEL_JOIN_PREFIXES
                                 or _TRANSCRIBED_O_RE.search(low) is not None)


def _word_cues(original: str) -> _WordCues:
    if is_cyr(original[0]):
        return _NO_CUES
    w = original.lower()
    cues: list[tuple[str, Points, bool]] = []
    hit = EXACT.get(w) or _lookup_prefix(w, PREFIX, PREFIX_LENGTHS) or _lookup_jat_prefixed(w)
    if hit is not None and hit.jat and (w in NOT_JAT_WORDS or w.startswith(NOT_JAT_PREFIXES)):
        hit = None  # rešetka, greška, sporazum: the same in every standard
    lowercase = original.islower() or _is_caps_word(original)  # Kofi, Novom Sadu are names
    if hit is not None:
        cues.append((f"{'jat' if hit.jat else 'lex'}:{hit.table}:{w}", hit.points, hit.sc_only))
    elif w in DERIVED_FORMS and lowercase:
        name, points = DERIVED_FORMS[w]
        cues.append((f"dict:{name}:{w}", points, False))
    elif w in SR_NAMES:
        cues.append((f"name:sr:{w}", SR_NAME, True))
    elif w in JAT_FORMS and lowercase:
        name, points = JAT_FORMS[w]
        cues.append((f"dict:{name}:{w}", points, False))
    m = _HR_VERB_RE.fullmatch(w)
    if m is not None and not m.group(1).endswith(NEUTRAL_IRA):
        share = HR_VERB_SHARED if w in SR_IRATI else 1.0  # a form the Serbian dictionary accepts too
        cues.append((f"verb:hr:{w}", (HR_VERB[0], HR_VERB[1] * share, HR_VERB[2] * share), False))
    for cue in WORD_PATTERNS:
        form = original if cue.as_written else w
        if cue.pattern.fullmatch(form) is None:
            continue
        if (cue.skip_prefix and form.startswith(cue.skip_prefix)) or form in cue.skip_word:
            continue
        cues.append((cue.name_of(form), cue.points, cue.sc_only))
    foreign: Points | None = None
    declined = False
    if _FOREIGN_RE.fullmatch(original):
        if not _native_spelling(original):
            # Serbian keeps titles and brands as they are too (na mreži
            # Twitter); a foreign spelling declined like a native word
            # (Washingtonu, Johnsona) is what only Croatian and Bosnian write.
            foreign = FOREIGN_DECLINED if _DECLINED_RE.search(original) else FOREIGN_BARE
    elif (_FOREIGN_DECLINED_RE.fullmatch(original) and _DECLINED_RE.search(original)
          and not _native_spelling(original)):
        declined = True
    if not cues and foreign is None and not declined:
        return _NO_CUES
    return _WordCues(tuple(cues), foreign, declined)


def _anchored(pattern: re.Pattern[str], text: str, anchors: Iterable[str], word_before: bool) -> list[str]:
    """What ``pattern.finditer(text)`` finds, trying the pattern only where a
    match can start: at each anchor, or at the word before it."""
    starts = set()
    for anchor in anchors:
        i = text.find(anchor)
        while i >= 0:
            j = i
            if word_before:
                while j and (text[j - 1].isalnum() or text[j - 1] == "_"):
                    j -= 1
            starts.add(j)
            i = text.find(anchor, i + 1)
    found = []
    end = 0
    for start in sorted(starts):
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                found.append(m.group(0))
                end = m.end()
    return found


def _scan_standards(text: str, words: list[str], ev: Evidence) -> None:
    cache = _WORD_CUES
    if len(cache) > _CACHE_MAX:
        cache.clear()
    found: list[tuple[str, _WordCues]] = []
    for original in words:
        wc = cache.get(original)
        if wc is None:
            wc = cache[original] = _word_cues(original)
        if wc is not _NO_CUES:
            found.append((original, wc))
            for cue, points, sc_only in wc.cues:
                _add(ev, cue, points, sc_only)
    low = text.lower()
    word_set: set[str] | None = None
    for pc in TEXT_PATTERNS:
        target = text if pc.as_written else low
        needs = [n for n in pc.needs if n in target]
        if pc.needs and not needs:
            continue
        if pc.needs_words:
            if word_set is None:
                word_set = set(WORD_RE.findall(low))
            if pc.needs_words.isdisjoint(word_set):
                continue
        if pc.anchor == "needs_words" and word_set is not None:
            matches = _anchored(pc.pattern, target, pc.needs_words & word_set, False)
        elif pc.anchor == "word-before-needs":
            matches = _anchored(pc.pattern, target, needs, True)
        else:
            matches = [m.group(0) for m in pc.pattern.finditer(target)]
        for match in matches:
            _add(ev, pc.name_of(match), pc.points, pc.sc_only)
            if pc.once:
                break
    if "sa " in low:
        n_sa = min(len(_SA_RE.findall(low)), SA_MAX)
        if n_sa:
            _add(ev, "syntax:sa", (SA_EACH[0] * n_sa, SA_EACH[1] * n_sa, SA_EACH[2] * n_sa), False)
    n_foreign = 0
    for original, wc in found:
        if wc.foreign is not None:
            n_foreign += 1
            if n_foreign <= FOREIGN_MAX:
                _add(ev, f"name:original:{original}", wc.foreign, False)
    for original, wc in found:
        if wc.foreign_declined and n_foreign < FOREIGN_MAX:
            n_foreign += 1
            _add(ev, f"name:original:{original}", FOREIGN_DECLINED, False)


# --------------------------------------------------------------------------
# Cyrillic: Serbian against Macedonian and the rest
# --------------------------------------------------------------------------

# Endings and phrases that tip Serbian against Macedonian where no word
# decides (case endings, -ају/-ују, the -ао participle, да ли, the Macedonian
# article): rows of data/lang_word_shapes.json.
_CYR_WORD_SHAPES = tuple(shape for shape in CYR_SHAPES if not shape.phrase)
_CYR_PHRASES = tuple(shape for shape in CYR_SHAPES if shape.phrase)


@dataclass(frozen=True, slots=True)
class _CyrWord:
    word: tuple[str, float] | None    # a function word: (label, points)
    form: str | None                  # a form only Serbian ("sr-Cyrl") or Macedonian ("mk") writes
    shapes: tuple[int, ...]           # the word shapes (indices into _CYR_WORD_SHAPES) it has


_CYR_WORDS: dict[str, _CyrWord] = {}


def _has_shape(shape: WordShape, original: str, lowered: str) -> bool:
    form = original if shape.as_written else lowered
    return shape.pattern.fullmatch(form) is not None and form not in shape.skip_word


def _cyr_word(original: str) -> _CyrWord:
    lw = original.lower()
    word = CYR_WORDS.get(lw)
    shapes = tuple(i for i, shape in enumerate(_CYR_WORD_SHAPES) if _has_shape(shape, original, lw))
    return _CyrWord(word, CYR_FORMS.get(lw) if word is None else None, shapes)


def _scan_cyrillic(text: str, words: list[str], ev: Evidence) -> bool:
    """Cyrillic letters, words and endings. True when that decides without a detector."""
    decided = False
    for tag, letters in CYR_LETTERS.items():
        n = sum(text.count(ch) for ch in letters)
        if n:
            ev.cyr_letters[tag] = ev.cyr_letters.get(tag, 0.0) + CYR_LETTER * n
            ev.cues[f"letter:{tag}:{next(ch for ch in letters if ch in text)}"] += n
            decided = True
    shared = sum(text.count(ch) for ch in SR_MK_LETTERS)
    if shared:
        ev.cues["letters:јљњџ"] += shared
        ev.sr_mk_letters += shared
    cache = _CYR_WORDS
    if len(cache) > _CACHE_MAX:
        cache.clear()
    sr = mk = 0.0
    shape_counts = [0] * len(_CYR_WORD_SHAPES)
    for original in words:
        cw = cache.get(original)
        if cw is None:
            cw = cache[original] = _cyr_word(original)
        if cw.word is not None:
            label, points = cw.word
            lw = original.lower()
            if label == "sr-Cyrl":
                sr += points
                ev.cues[f"func:sr:{lw}"] += 1
            else:
                mk += points
                ev.cues[f"func:mk:{lw}"] += 1
        elif cw.form is not None:
            lw = original.lower()
            cue = f"dict:{cw.form}:{lw}"
            if ev.cues[cue] < REPEAT_CAP:  # a repeated word counts twice at most
                if cw.form == "sr-Cyrl":
                    sr += CYR_FORM
                    ev.sr_cyrl_forms += CYR_FORM
                else:
                    mk += CYR_FORM
                    ev.mk_forms += CYR_FORM
            ev.cues[cue] += 1
        for i in cw.shapes:
            shape_counts[i] += 1
    counts = dict(zip(_CYR_WORD_SHAPES, shape_counts))
    low = text.lower()
    for shape in _CYR_PHRASES:
        counts[shape] = len(shape.pattern.findall(low)) if shape.needs in low else 0
    for shape in CYR_SHAPES:  # in the table's order, which is the evidence's
        n = counts[shape]
        if not n:
            continue
        if shape.speaks_for == "sr-Cyrl":
            sr += shape.points * shape.count * n
        else:
            mk += shape.points * shape.count * n
        if shape.form:
            ev.sr_cyrl_forms += n
        ev.cues[shape.cue] += shape.count * n
    ev.sr_cyrl += sr
    ev.mk += mk
    # ђ/ћ or a South Slavic letter with clear function words decide without a detector
    return decided or (shared > 0 and abs(ev.sr_cyrl - ev.mk) >= CYR_DECISIVE_MARGIN)
