"""Glued chrome: scrapers sometimes drop the newline between the last paragraph
and the footer ("...Zapadnom Balkanu.Qamil Hoxha street ob. no. 29"), or between
a menu and the headline ("DonateErdogan gets ..."). Such chrome is split off: the
content stays, the piece becomes its own ``glued`` decision.

Every search here is linear in the line: a candidate cut costs only what a cue
can read. A glued tail is at most MAX_TAIL_CHARS long (the longest text cue
reads 600 characters), a head at most MAX_HEAD_CHARS, a piece glued at a bare
space at most 8 words; a tail is looked up among the site's lines only when a
line of the site ends the line (found by an index of line endings), and only
over the length of that line.
"""
from __future__ import annotations

import re

from . import weights as W
from .cues import CRUMB_SPLIT, PIPE_SPLIT, SENTENCE_END, letters, text_evidence, words
from .evidence import Evidence, LineScore, combine
from .repetition import SiteLines
from .tables import SHAPES

# The character classes the cuts read.
_LOWER = "a-zà-žа-шђјљњћџ"
_UPPER = "A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ"
_UPPER_WIDE = "A-ZČĆĐŠŽÀ-ÞА-ШЂЈЉЊЋЏ"  # with the Latin-1 capitals
_MARKS = ".!?…"
_CLOSE = "\"”’»)"
_PICTOGRAMS = "©«←↑✉🖨\U0001F000-\U0001FAFF"
# Every cut pattern starts with the rarest character it needs (a sentence mark,
# a capital, a digit), which the regex engine skips to; a lookbehind then reads
# the characters before it. A pattern that opened with the lookbehind would be
# tried at every position of the line, several times slower.
#
# Sentence end directly followed by a capital, no space: "...Balkanu.Qamil";
# the cut is at the match's end.
_GLUE_PUNCT = re.compile(rf"[{_MARKS}](?:(?<=[{_LOWER}\d][{_MARKS}])|[{_CLOSE}](?<=[{_LOWER}][{_MARKS}][{_CLOSE}]))"
                         rf"(?=[{_UPPER_WIDE}])")
# A lower-case letter straight into a capital ("...školaPodeli:"); only split
# there when the tail is a line seen elsewhere on the site. The cut is at the
# match's start, as for every pattern below but _GLUE_SPACE.
_GLUE_CAMEL = re.compile(rf"[{_UPPER}](?<=[{_LOWER}\d][{_UPPER}])(?=[{_LOWER}])")
# A sentence end and a space: split only for a line seen elsewhere on the site
# (the cut is at the match's end).
_GLUE_SPACE = re.compile(rf"[{_MARKS}][{_CLOSE}]? (?=[{_UPPER}©📢])")
# A lower-case letter straight into a digit: a date glued to a headline
# ("...uколико не буде поверења20. октобра 2023 | ..."); cut only for a byline.
_GLUE_DIGIT = re.compile(rf"\d(?<=[{_LOWER}]\d)")
# Where a line may have been glued without any sign: a space before a capital,
# a digit or a pictogram. Only a piece with strong chrome cues is cut there.
_GLUE_BARE = re.compile(rf"[{_UPPER_WIDE}{_PICTOGRAMS}](?<=\S [{_UPPER_WIDE}{_PICTOGRAMS}])")
# No space between a letter or digit and a capital: "DonateErdogan", "832Nga", "SRTitle".
_GLUE_TIGHT = re.compile(rf"[{_UPPER}](?<=[^\W_][{_UPPER}])(?=[{_LOWER}])")
# Titles and abbreviations that end in a full stop inside a sentence: no cut
# after them ("Mr. Merriweather", "Rr. Agim Ramadani", "prof. Petrović").
_ABBREV = SHAPES["abbreviation"]

# The longest piece of chrome looked for at a line's end (a funder's disclaimer
# is the longest text cue, 600 characters) and at its start (a menu or a label).
MAX_TAIL_CHARS = 600
MAX_HEAD_CHARS = 200
_MAX_BARE_WORDS = 8
_MIN_HEAD_LETTERS = 20  # a glued tail needs this much of a line before it


def _after_abbreviation(text: str, pos: int) -> bool:
    # only the few characters before the cut can hold the abbreviation, and
    # only when a full stop ends them (the pattern ends in "\.\s*$")
    k = pos - 1
    while k >= 0 and pos - k <= 16 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] == "." and bool(_ABBREV.search(text, max(0, pos - 16), pos))


def _letters_at(text: str, positions: list[int]) -> list[int]:
    """Letters before each of ``positions`` (ascending), in one pass."""
    out, count, last = [], 0, 0
    for pos in positions:
        count += sum(map(str.isalpha, text[last:pos]))
        last = pos
        out.append(count)
    return out


def _text_score(piece: str, page_lang: str | None) -> float:
    """Cue strength of a candidate glued piece; being short is no cue here (every
    cut makes short pieces: "Le|Bron")."""
    return combine([ev for ev in text_evidence(piece, page_lang) if ev.reason not in {"short", "joined"}]).score


# Cut patterns for a line's tail, each with its kind and where in a match its cut is.
_TAIL_CUTS = ((_GLUE_PUNCT, "punct", "end"), (_GLUE_CAMEL, "camel", "start"), (_GLUE_DIGIT, "camel", "start"))
_SPACE_CUTS = ((_GLUE_SPACE, "space", "end"), (_GLUE_BARE, "bare", "start"))


def _after_letters(text: str, n: int) -> int:
    """The first position with ``n`` letters before it (past the end when the
    line has fewer): reads only as far as the n-th letter."""
    if n <= 0:
        return 0
    for k, ch in enumerate(text):
        if ch.isalpha():
            n -= 1
            if not n:
                return k + 1
    return len(text) + 1


def _tail_candidates(text: str, start: int = 0, spaces: bool = True) -> list[tuple[int, str]]:
    """Cuts at or after ``start`` where a tail may have been glued on, ascending,
    with their kind; the cuts at a space only when ``spaces``."""
    seen: set[int] = set()
    candidates: list[tuple[int, str]] = []
    # a cut at ``start`` is found from a match up to two characters before it
    scan_from = max(0, start - 2)
    for pattern, kind, at in _TAIL_CUTS + (_SPACE_CUTS if spaces else ()):
        for m in pattern.finditer(text, scan_from):
            pos = m.end() if at == "end" else m.start()
            if pos not in seen and 0 < pos < len(text) and pos >= start and not _after_abbreviation(text, pos):
                seen.add(pos)
                candidates.append((pos, kind))
    return sorted(candidates)


def split_glued(text: str, site: SiteLines, page_lang: str | None) -> tuple[str, str, LineScore] | None:
    """Find chrome glued to the end of a content line; (head, tail, tail score) or None.

    The earliest split whose tail is chrome wins, so a tail of several glued
    chrome lines goes as one piece."""
    # A tail's key is a suffix of the line's key (every cut is before a capital,
    # a digit or a sign, where normalisation does not reach across): only a
    # site line that ends this line can be the tail, and no tail longer than
    # the longest such line (three letters fold into one at most) is looked up.
    # With no such line, only a cue can cut: after a sentence mark or inside a
    # word, at most MAX_TAIL_CHARS from the end.
    endings = site.endings_of(text)
    if endings:
        candidates = _tail_candidates(text)
    else:
        candidates = _tail_candidates(text, start=len(text) - MAX_TAIL_CHARS, spaces=False)
    if not candidates:
        return None
    longest_ending = 3 * max(map(len, endings), default=0)
    head_from = _after_letters(text, _MIN_HEAD_LETTERS)
    tail_letters: list[int] = []
    if endings:
        total = letters(text)
        tail_letters = [total - k for k in _letters_at(text, [pos for pos, _ in candidates])]
    for k, (pos, kind) in enumerate(candidates):
        if pos < head_from:
            continue
        cued = kind in {"punct", "camel"} and len(text) - pos <= MAX_TAIL_CHARS
        looked_up = bool(endings) and tail_letters[k] <= longest_ending
        if not (cued or looked_up):
            continue
        tail = text[pos:].strip()
        if not tail:
            continue
        # the tail is a line of its own on other pages: the strongest sign. After
        # a sentence end one such page is enough; a split inside a word or at a
        # plain sentence break needs the line to be common on the site.
        seen_on = site.count(site.key(tail)) if looked_up else 0
        evidence = []
        if kind == "bare":
            # no sign of a cut at all: only a few words that are a common line
            # of the site ("... on Sunday Spread the word"); one that ends a
            # sentence is the prose's own ("... West Virginia Metro News.")
            if seen_on >= 3 and words(tail) <= 6 and not SENTENCE_END.search(tail):
                evidence.append(Evidence("repeated-on-site", W.REPEATED))
        elif seen_on >= 2 or (seen_on == 1 and kind == "punct"):
            evidence.append(Evidence("repeated-on-site", W.REPEATED if seen_on >= 2 else W.SEEN_ONCE_ELSEWHERE))
        if cued and kind == "punct":
            evidence += text_evidence(tail, page_lang)
        elif cued and kind == "camel" and _text_score(tail, page_lang) >= W.BYLINE_CUE:
            # no space between a lower-case letter and a capital is sign enough
            # for a tail with strong cues of its own ("...restBy Jane Doe / 12.03.2024")
            evidence += text_evidence(tail, page_lang)
        if not evidence:
            continue
        tail_score = combine(evidence)
        if tail_score.score >= W.LIKELY_CHROME:
            return text[:pos].rstrip(), tail, tail_score
    return None


_WORD_RUN = re.compile(r"\S+")
_CLOSERS = "\"'”’»)"


def _enough_words(text: str, pos: int, n: int) -> bool:
    """Whether text[pos:] has at least n words, reading no further than needed."""
    for k, _ in enumerate(_WORD_RUN.finditer(text, pos), start=1):
        if k >= n:
            return True
    return False


def split_glued_head(text: str, site: SiteLines, page_lang: str | None) -> tuple[str, str, LineScore] | None:
    """Chrome glued before a line, most often the title: "DonateErdogan gets ...",
    "Home / Publications / Youth HIV/Aids: ...". (head, rest, head score) or None.

    The longest head that is chrome wins. Without a space the cut is sign enough
    for a head seen elsewhere on the site or with strong cues; at a plain space
    the head must be both."""
    window = text[:MAX_HEAD_CHARS + 3]  # the cut's lookahead reads two characters on
    # a head cut at a plain space is made at the space (a bare match starts after it)
    cuts = sorted({(m.start() - (not tight), tight) for pattern, tight in ((_GLUE_TIGHT, True), (_GLUE_BARE, False))
                   for m in pattern.finditer(window) if m.start() - (not tight) <= MAX_HEAD_CHARS})
    if not cuts:
        return None
    total = letters(text)
    # A head's key is a prefix of the line's key (a cut is before a capital or
    # at a space, where normalisation does not reach across): with no line of
    # the site starting this line, no head is seen on the site.
    started = site.may_start(text)
    best = None
    # the longest head that is chrome wins: try the cuts from the last one back
    for (pos, tight), letters_before in reversed(list(zip(cuts, _letters_at(text, [pos for pos, _ in cuts])))):
        if total - letters_before < 12:
            continue
        head = text[:pos].strip()
        if not head or head.split()[-1][0] in "@#" or not _enough_words(text, pos, 3):
            continue
        seen = site.count(site.key(head)) if started else 0
        if tight:
            # a story's headline recurs in "related" lists: a head without
            # cues must be commoner than that
            ok = seen >= 6 or _text_score(head, page_lang) >= (W.LIKELY_CHROME if seen >= 1 else W.STRONG_CHROME)
        else:
            cues = _text_score(head, page_lang)
            ok = (seen >= 1 and cues >= W.LIKELY_CHROME) or (seen >= 2 and cues > 0) or cues >= W.STRONG_CUE
        if ok:
            best = (pos, head, seen)
            break
    if best is None:
        return None
    pos, head, seen = best
    evidence = text_evidence(head, page_lang)
    if seen:
        evidence.append(Evidence("repeated-on-site", W.REPEATED if seen >= 2 else W.SEEN_ONCE_ELSEWHERE))
    return head, text[pos:].strip(), combine(evidence)


def _ends_sentence(text: str, end: int) -> bool:
    """SENTENCE_END on text[:end], read from the end: closing quotes, then the mark."""
    k = end
    while k > 0 and text[k - 1] in _CLOSERS:
        k -= 1
    return k > 0 and text[k - 1] in ".!?…:;"


def _bare_cuts(text: str) -> list[int]:
    # a bare cut has a space and then a non-space before it: an abbreviation
    # can end there only with a full stop
    return [m.start() for m in _GLUE_BARE.finditer(text)
            if text[m.start() - 2] != "." or not _after_abbreviation(text, m.start())]


def _menu_end(text: str) -> int | None:
    """Where the line's first menu separator ends, if it has one."""
    menu_at = [m.end() for m in (PIPE_SPLIT.search(text), CRUMB_SPLIT.search(text)) if m]
    return min(menu_at) if menu_at else None


def split_glued_bare(text: str, page_lang: str | None) -> tuple[str, str, str] | None:
    """A short chrome piece glued at a plain space, at the end of a paragraph
    ("... in the north Share on Facebook") or between two paragraphs
    ("... in 2019. Print The ministry said ..."). (head, piece, rest) or None;
    rest is empty for a tail. Only pieces of a few words with strong cues count."""
    cuts = _bare_cuts(text) + [len(text)]
    if len(cuts) == 1:
        return None
    # words before each cut, counted once: a cut follows a space, so no word
    # runs across one
    words_before = []
    count, last = 0, 0
    for cut in cuts:
        count += len(text[last:cut].split())
        last = cut
        words_before.append(count)
    total_words = count
    head_from = _after_letters(text, 20)
    menu_end, menu_read = None, False
    for ia, a in enumerate(cuts[:-1]):
        head_end = a - 1  # a bare cut is one space after a non-space
        if a < head_from or words_before[ia] < 5:
            continue
        ends_sentence = _ends_sentence(text, head_end)
        if not ends_sentence and total_words - words_before[ia] > _MAX_BARE_WORDS:
            continue  # not after a sentence, only a tail of a few words is cut
        # the head must read as prose, not as a menu whose last items are cues:
        # where the first menu separator ends, any head past it holds it
        if not menu_read:
            menu_end, menu_read = _menu_end(text), True
        if menu_end is not None and menu_end <= head_end:
            continue
        for ib in range(ia + 1, len(cuts)):
            b = cuts[ib]
            if words_before[ib] - words_before[ia] > _MAX_BARE_WORDS:
                break
            rest_words = total_words - words_before[ib]
            if rest_words and (rest_words < 8 or not ends_sentence):
                continue  # mid-line only between two sentences
            piece = text[a:b].strip()
            # a piece that ends a sentence or opens a quote is the prose's own
            # ("... the «snažan ekonomski rast».", "... on Childers Street.")
            if piece[0] in "«»\"„“”'" or (SENTENCE_END.search(piece) and "©" not in piece):
                continue
            if letters(piece) >= 4 and _text_score(piece, page_lang) >= W.STRONG_CHROME:
                return text[:a].strip(), piece, text[b:].strip()
    return None
