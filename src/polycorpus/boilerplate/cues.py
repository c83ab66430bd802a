"""Chrome evidence from the words and shape of one line alone.

The text cues (contact lines, opening hours, cookie banners, calls to action,
copyright, credits, share and follow lines, ...) are rows of ``cues.toml``; this
module applies them within each row's limits, and adds the rules that look at a
line's shape rather than its words: menus and breadcrumbs, pagers, items joined
by a separator, bylines, language switchers and social-feed items.

Every rule is bounded: a row reads at most ``max_chars`` characters' worth of
line, and the shape rules are single passes over the line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..text import WORD_RE as WORD
from . import weights as W
from .evidence import Evidence, combine
from .tables import CUES, LANGUAGE_NAMES, POST_WORDS, RELATION_WORDS, SHAPES, STOP_WORDS, Cue

# Lines of at most this many characters are "short": the cues of stage "short"
# (addresses, phones, bylines, ...) only read them.
SHORT_LINE = 120

SENTENCE_END = SHAPES["sentence-end"]
_DATE = SHAPES["date"]
_AUTHOR = SHAPES["author"]
_HOME = SHAPES["home"]
_ALSO_LIKE = SHAPES["also-like"]


def words(text: str) -> int:
    return len(text.split())


def letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def _rows(stage: str) -> tuple[Cue, ...]:
    return tuple(cue for cue in CUES if cue.stage == stage)


_ANY, _SHORT, _LATE = _rows("any"), _rows("short"), _rows("late")


def _fire(cues: tuple[Cue, ...], t: str, folded: str, n: int, n_words: int) -> Iterator[Evidence]:
    """The evidence of every row that matches within its limits; of the rows of
    one group only the first that matches counts."""
    done: set[str] = set()
    for cue in cues:
        if cue.group in done or (cue.max_chars is not None and n > cue.max_chars) \
                or (cue.max_words is not None and n_words > cue.max_words):
            continue
        s = folded if cue.fold else t
        if cue.min_count > 1:
            if len(cue.pattern.findall(s)) < cue.min_count:
                continue
        elif not cue.pattern.search(s):
            continue
        if (cue.also is not None and not cue.also.search(s)) or (cue.unless is not None and cue.unless.search(s)):
            continue
        if cue.group:
            done.add(cue.group)
        yield Evidence(cue.reason, cue.weight)


def _is_widget_heading(text: str) -> bool:
    found = [w.casefold() for w in WORD.findall(text)]
    if not found or len(found) > 5 or SENTENCE_END.search(text.rstrip(":")):
        return False
    return bool(RELATION_WORDS.intersection(found) and POST_WORDS.intersection(found)) or bool(_ALSO_LIKE.search(text))


_LANG_SPLIT = re.compile(r"[\s|/•·,]+")


def _is_language_switch(folded: str) -> bool:
    # separators run together, so seven splits hold six names and what is left
    tokens = [t for t in _LANG_SPLIT.split(folded, maxsplit=7) if t]
    return 0 < len(tokens) <= 6 and all(t in LANGUAGE_NAMES for t in tokens)


def is_byline(text: str) -> bool:
    """A short line that is a date, an author, or both, with a few words around them."""
    n_words = words(text)
    if n_words > 10 or SENTENCE_END.search(text) and not _DATE.search(text[-14:]):
        return False
    date = _DATE.search(text)
    if date and words(text[:date.start()] + text[date.end():]) <= 6:
        return True
    return bool(_AUTHOR.search(text)) and n_words <= 8 and not SENTENCE_END.search(text)


# Menus and breadcrumbs: "A | B | C", "Home > News > ...".
PIPE_SPLIT = re.compile(r"\s[|•·]\s")
CRUMB_SPLIT = re.compile(r"\s(?:>|»|›|/|→)\s")

# Breadcrumbs in any language: short capitalised items between separators, maybe
# after a label ("You are here: Home » Elections", "Ju jeni këtu: Ballina » Dialogu").
_CRUMB_SEP = re.compile(r"\s(?:>>?|»|›+|/|\||→|::)\s")
_CRUMB_LABEL = re.compile(r"^(?:[^\W\d_][\w'’-]*\s+){0,3}[^\W\d_][\w'’-]*\s*:\s+")
_UPPER = re.compile(r"^[^\w]{0,2}[A-ZČĆĐŠŽÇËА-ШЂЈЉЊЋЏ0-9]")
_CRUMB_PUNCT = re.compile(r"[.!?:;,\"“”„«]")


def _is_breadcrumb(text: str) -> bool:
    """Two or more short capitalised items between one kind of separator, with no
    sentence punctuation in them; a short label may lead ("Nalazite se ovde:")."""
    body = _CRUMB_LABEL.sub("", text, count=1)
    seps = {m.group(0).strip() for m in _CRUMB_SEP.finditer(body)}
    if len(seps) != 1:
        return False
    parts = [p.strip() for p in _CRUMB_SEP.split(body)]
    return 2 <= len(parts) <= 8 and all(
        0 < words(p) <= 4 and _UPPER.search(p) and not _CRUMB_PUNCT.search(p) for p in parts)


# Pagers and counters: numbers with a few short words ("Strana 2 od 7", "2 / 7",
# "Faqja 2 nga 7", "« 1 2 3 … 12 Next »"). Words between two numbers must be
# one short connector, so a score ("Ajr 38 - 17 Melrouz") is not a pager.
_COUNTER = re.compile(r"^(?:[^\W\d_]+\.?\s+){0,2}\d+(?:[–-]\d+)?\s*(?:/|[^\W\d_]{1,3})\s*\d+$")
_PAGER_JUNK = re.compile(r"[«»‹›<>←→…|]|\.\.\.")


def _is_pager(text: str, n_words: int) -> bool:
    if n_words > 8:
        return False
    if _COUNTER.search(text.strip()):
        return True
    tokens = _PAGER_JUNK.sub(" ", text).split()
    nums = [k for k, tok in enumerate(tokens) if tok.isdigit()]
    if len(nums) < 2 or nums[-1] - nums[0] + 1 != len(nums):
        return False  # the numbers must form one run
    return len(tokens) - len(nums) <= 2 and all(tok.isalpha() for tok in tokens if not tok.isdigit())


def _menu_evidence(t: str) -> Evidence | None:
    """Menus and breadcrumbs: several short items between separators."""
    parts = PIPE_SPLIT.split(t)
    if len(parts) >= 3 and all(0 < words(p) <= 4 for p in parts):
        return Evidence("navigation", W.PIPE_MENU)
    parts = CRUMB_SPLIT.split(t)
    if len(parts) >= 3 and all(0 < words(p) <= 4 for p in parts):
        return Evidence("navigation", W.CRUMB_MENU)
    # the last item short too: a crumb glued to the headline is cut off
    # by split_glued_head, not dropped with the headline
    if len(parts) >= 2 and _HOME.search(t) and all(words(p) <= 8 for p in parts[:-1]) and words(parts[-1]) <= 5:
        return Evidence("navigation", W.BREADCRUMB)
    return None


# Items joined into one line by a separator: "Go to content ~ Language: SQ / EN",
# "Address 12  ·  Tel. 044 123 456  ·  info@x.org", "A :: B :: C". The kind of
# separator does not matter, the shape does: short items, none a sentence.
_JOIN_SEP = re.compile(r"\s+(?:~|·|•|\||/|–|—|-|::|>>?|»|›+|→)(?:\s+|$)|\s{2,}|^\s*(?:~|·|•|\||::)\s+")
# Dashes, slashes and crumb arrows also join a title's own parts or a crumb
# glued to a headline; breadcrumbs have their own rule (_is_breadcrumb).
_WEAK_SEPS = {"/", "–", "—", "-", ">", ">>", "»", "→"}
_ENDS_EXCLAIM = re.compile(r"[!?]$")


def _joined_items(text: str) -> tuple[list[str], bool] | None:
    """The items of a separator-joined line and whether a separator other than a
    dash or slash joins them; None for a line of one item."""
    seps = [m.group(0).strip() for m in _JOIN_SEP.finditer(text)]
    if not seps:
        return None
    items = [p.strip() for p in _JOIN_SEP.split(text) if p and p.strip()]
    if len(items) < 2:
        return None
    return items, any(s not in _WEAK_SEPS and not s.startswith("›") for s in seps)


def _joined_evidence(t: str, page_lang: str | None) -> list[Evidence]:
    """A line of short items joined by a separator is chrome by its shape, and
    as chrome as its chromiest item (an address and a phone joined by " · ")."""
    joined = _joined_items(t)
    if joined is None:
        return []
    items, strong_sep = joined
    if not strong_sep:
        return []  # "Kanal 5 – 28.4.2011", "AFP - 22/02/07; AP - ...": a title's or a source's own
    out = []
    # the last item may end in a full stop ("Mob. 044 · 12. maj 2024."); inner ones may not
    no_sentences = not any(SENTENCE_END.search(p.rstrip(":")) for p in items[:-1]) \
        and not _ENDS_EXCLAIM.search(items[-1])
    if no_sentences and all(words(p) <= 6 for p in items):
        out.append(Evidence("joined", W.JOINED_ITEMS))
    # items of a line's length each, such as an address, a phone and an e-mail
    if no_sentences and all(words(p) <= 12 for p in items):
        cues = [combine([ev for ev in _text_evidence(p, page_lang) if ev.reason != "short"]) for p in items]
        best = max(cues, key=lambda c: c.score)
        if best.score >= W.LIKELY_CHROME:
            out.append(Evidence("joined", round(W.JOINED_CUE_SHARE * best.score, 4)))
    return out


# Social-feed marks.
_HASHTAG = re.compile(r"(?<![\w&])#[^\W\d_]\w*")
_MENTION = re.compile(r"(?<![\w.])@[A-Za-z_]\w*")
ARROW = re.compile(r"[→⇒➜➔►▶]")


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF) or (0x2600 <= cp <= 0x27BF) or (0x2B00 <= cp <= 0x2BFF) or cp == 0xFE0F


_CYRILLIC_RUNS = re.compile("[\u0400-\u04ff]+")


def guess_lang(text: str) -> str | None:
    """A cheap function-word guess among en, sq and sr; None when unsure.

    Only used to spot an English line on a non-English page (social feeds and
    promo banners are often left untranslated)."""
    found = WORD.findall(text)
    if len(found) < 3:
        return None
    if not text.isascii() and sum(map(len, _CYRILLIC_RUNS.findall(text))) > len(text) / 4:
        return "sr"
    found = list(map(str.casefold, found))
    hits = {lang: sum(map(stop.__contains__, found)) for lang, stop in STOP_WORDS.items()}
    best = max(hits, key=hits.__getitem__)
    if hits[best] < 2 or list(hits.values()).count(hits[best]) > 1:
        return None
    return best


def _social_evidence(t: str, page_lang: str | None) -> Evidence | None:
    """Social-feed items: emoji-led lines, hashtags, @mentions."""
    tags = (len(_HASHTAG.findall(t)) if "#" in t else 0) + (len(_MENTION.findall(t)) if "@" in t else 0)
    emoji_led = bool(t) and _is_emoji(t[0])
    social = W.EMOJI_LED if emoji_led else 0.0
    if tags:
        social = 1 - (1 - social) * (1 - min(W.TAGS_MAX, W.PER_TAG * tags))
        if emoji_led:
            # "📢 ... @partner ... #tag": a feed item, however long; strong enough
            # to outweigh the prose it is written in
            social = max(social, W.FEED_ITEM)
    if social:
        # an English feed item on a Serbian or Albanian page is never the story
        if page_lang and page_lang != "en" and guess_lang(t) == "en":
            social = max(social, W.ENGLISH_FEED_ITEM)
        return Evidence("social", round(social, 3))
    if page_lang and page_lang != "en" and ARROW.search(t) and guess_lang(t) == "en":
        return Evidence("social", W.ENGLISH_ARROW_LINE)
    return None


def text_evidence(text: str, page_lang: str | None = None) -> list[Evidence]:
    """Chrome evidence from the words of a line alone."""
    return list(_text_evidence(text, page_lang))


# Chrome lines recur on every page of a site, so their cues are worth caching.
@lru_cache(maxsize=1 << 16)
def _text_evidence(text: str, page_lang: str | None) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    t = text.strip()
    n = len(t)
    n_words = words(t)
    folded = t.casefold()

    if (letters(t) if n < 40 else n) < 3:
        out.append(Evidence("short", W.TOO_FEW_LETTERS))
    elif n_words == 1 and n <= 20 and t.isalpha() and t.islower():
        # a lone lower-case word ("mike", "fbpx") is a widget or tracker label:
        # titles, headings and list items start with a capital in sq, sr and en
        out.append(Evidence("short", W.LONE_LOWER_WORD))

    out += _fire(_ANY, t, folded, n, n_words)
    if _is_language_switch(folded):
        out.append(Evidence("navigation", W.LANGUAGE_SWITCH))
    if n <= 60 and _is_widget_heading(t):
        out.append(Evidence("navigation", W.WIDGET_HEADING))
    if n <= SHORT_LINE:
        out += _fire(_SHORT, t, folded, n, n_words)
        if is_byline(t):
            out.append(Evidence("metadata", W.BYLINE))
    if _is_pager(t, n_words):
        out.append(Evidence("navigation", W.PAGER))
    elif n <= 160 and _is_breadcrumb(t):
        out.append(Evidence("navigation", W.BREADCRUMB))
    menu = _menu_evidence(t)
    if menu:
        out.append(menu)
    out += _fire(_LATE, t, folded, n, n_words)
    if n <= 300:
        out += _joined_evidence(t, page_lang)
    social = _social_evidence(t, page_lang)
    if social:
        out.append(social)
    return tuple(out)
