"""Repetition across the site: a line that recurs on many pages of one site (all
language versions together) is chrome. A story's own text recurs only across its
translations, and differently worded per language, so an exact repeat on three
or more pages is not the story. One exception: a recurring subheading
("Background", "Key findings:") that sits between the page's own paragraphs on
most pages it is on is part of the articles, not what stands around them.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Page
from . import weights as W
from .cues import words
from .evidence import Evidence

_DIGITS = re.compile(r"\d")


def line_key(text: str) -> str:
    """The form lines are matched in across pages: NFKC, casefolded, digits as 0,
    whitespace collapsed, punctuation and emoji at the edges stripped (so
    "📢 Join us ..." and "Join us ..." are one line)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # str.split() and the regex \s know the same whitespace
    text = " ".join(_DIGITS.sub("0", text).split())
    # strip what is not a letter or digit at both edges ([\W_]), reading only
    # the edges: a regex for the right edge would retry every run of signs
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


# A line on this many pages is the site's, not a story's.
COMMON = 3
# A polynomial hash of a key read from its end, so that the hashes of all the
# suffixes of a line come in one pass (SiteLines.endings_of).
_HASH_BASE = 1_000_003
_FEW = 32  # keys sharing a last word compared one by one
_LONG_WORD = 64
_HASH_MOD = (1 << 61) - 1


def _suffix_hash(key: str) -> int:
    h = 0
    for ch in reversed(key):
        h = (ord(ch) + h * _HASH_BASE) % _HASH_MOD
    return h

# Lines this long are a page's own prose, not chrome labels.
_DUP_MIN_WORDS = 8
_DUP_MIN_SHARED = 4
_DUP_SHARE = 0.6
# A line between two of the page's own lines of at least this many words (one
# of them prose of OWN_PROSE_WORDS) sits inside the article.
_OWN_MIN_WORDS = 3
_OWN_PROSE_WORDS = 8


@dataclass(slots=True)
class SiteLines:
    """How many pages of the site each line (by :func:`line_key`) occurs on."""

    pages: Counter
    n_pages: int
    # label -> how many different lines of the site it opens ("Text: X", "Topics: ...")
    labels: Counter = field(default_factory=Counter)
    # common line -> on how many pages it sits between the page's own lines
    in_body: Counter = field(default_factory=Counter)
    _keys: dict[str, str] = field(default_factory=dict)
    # keys by their last word, and (built when first needed) by a rolling hash:
    # which lines of the site end a line; by their first word: which start one
    _by_last_word: dict[str, list[str]] = field(default_factory=dict)
    _by_first_word: dict[str, list[str]] = field(default_factory=dict)
    # the endings and beginnings (up to _LONG_WORD letters) of the site's
    # one-word keys: a word whose last (first) j letters are none of them ends
    # (starts) with no one-word key longer than j
    _word_ends: set[str] = field(default_factory=set)
    _word_starts: set[str] = field(default_factory=set)
    _hashes: dict[int, list[str]] | None = None

    @classmethod
    def from_pages(cls, pages: Sequence[Page]) -> SiteLines:
        site = cls(Counter(), len(pages))
        page_keys = [[site.key(b.text) for b in page.blocks] for page in pages]
        keys = [set(ks) - {""} for ks in page_keys]
        # A page scraped twice (two addresses, a print version) repeats its own
        # story: copies of one page count once, or their text would look like chrome.
        groups = _duplicate_groups([{k for k in ks if k.count(" ") >= _DUP_MIN_WORDS - 1} for ks in keys])
        for members in groups:
            # a headline repeated within one page (title and body) counts once
            site.pages.update(set().union(*(keys[m] for m in members)))
        for key in site.pages:
            if (m := LABELLED.match(key)):
                site.labels[m.group(1)] += 1
        for key in site.pages:
            site._by_last_word.setdefault(key.rsplit(" ", 1)[-1], []).append(key)
            site._by_first_word.setdefault(key.split(" ", 1)[0], []).append(key)
            if " " not in key:  # no longer word is read (_LONG_WORD)
                site._word_ends.update(key[-j:] for j in range(1, min(len(key), _LONG_WORD) + 1))
                site._word_starts.update(key[:j] for j in range(1, min(len(key), _LONG_WORD) + 1))
        for page, ks in zip(pages, page_keys):
            site.in_body.update({ks[i] for i in range(len(ks)) if site.count(ks[i]) >= COMMON
                                 and site.between_own(page, ks, i)})
        return site

    def key(self, text: str) -> str:
        """:func:`line_key`, remembered: chrome lines recur on every page."""
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = line_key(text)
        return key

    def count(self, key: str) -> int:
        return self.pages.get(key, 0)

    def endings_of(self, text: str) -> set[str]:
        """Keys of the site that end this line's key (shorter than it): the only
        lines of the site a piece cut off the line's end can be. Such a key ends
        in the line's last word, or is a single word that ends it; when that
        leaves many keys to compare, or the last word is long, one pass over the
        line with a rolling hash of its suffixes finds them instead."""
        key = self.key(text)
        last = key[key.rfind(" ") + 1:]
        same_last = self._by_last_word.get(last, ())
        if len(same_last) > _FEW or len(last) > _LONG_WORD:
            return self._endings_by_hash(key)
        found = {other for other in same_last if len(other) < len(key) and key.endswith(other)}
        for j in range(1, min(len(last), len(key) - 1) + 1):
            end = last[-j:]
            if end not in self._word_ends:
                break  # no longer ending of the word is a one-word key either
            if end in self.pages:
                found.add(end)
        return found

    def may_start(self, text: str) -> bool:
        """Whether a line of the site may start this line (its key a prefix of
        the line's key, shorter than it); False is sure. Such a key starts with
        the line's first word, or is a single word that starts it; when that
        leaves many keys to compare, or the first word is long, the answer is True."""
        key = self.key(text)
        space = key.find(" ")
        first = key if space < 0 else key[:space]
        same_first = self._by_first_word.get(first, ())
        if len(same_first) > _FEW or len(first) > _LONG_WORD:
            return True
        if any(len(other) < len(key) and key.startswith(other) for other in same_first):
            return True
        for j in range(1, min(len(first), len(key) - 1) + 1):
            start = first[:j]
            if start not in self._word_starts:
                return False  # no longer beginning of the word is a one-word key either
            if start in self.pages:
                return True
        return False

    def _endings_by_hash(self, key: str) -> set[str]:
        if self._hashes is None:
            self._hashes = {}
            for other in self.pages:
                self._hashes.setdefault(_suffix_hash(other), []).append(other)
        found = set()
        h = 0
        for s in range(len(key) - 1, 0, -1):
            h = (ord(key[s]) + h * _HASH_BASE) % _HASH_MOD
            for other in self._hashes.get(h, ()):
                if len(other) == len(key) - s and key.endswith(other):
                    found.add(other)
        return found

    def between_own(self, page: Page, keys: Sequence[str], i: int) -> bool:
        """Whether block ``i`` sits between two of the page's own lines (lines
        on at most two pages), one of them prose."""
        if not 0 < i < len(keys) - 1:
            return False
        sizes = []
        for j in (i - 1, i + 1):
            if self.count(keys[j]) >= COMMON:
                return False
            n = words(page.blocks[j].text)
            if n < _OWN_MIN_WORDS:
                return False
            sizes.append(n)
        return max(sizes) >= _OWN_PROSE_WORDS

    def in_articles(self, key: str) -> bool:
        """A common line that sits between the pages' own lines on most pages it is on."""
        return 2 * self.in_body.get(key, 0) >= self.count(key)


def _duplicate_groups(long_lines: list[set[str]]) -> list[list[int]]:
    """Pages that are copies of one another: they share at least four long lines,
    and most of the smaller page's long lines. Lines on many pages of the site
    (chrome) are left out of the comparison. Returns groups of page indices."""
    n = len(long_lines)
    on: dict[str, list[int]] = {}
    for i, lines in enumerate(long_lines):
        for key in lines:
            on.setdefault(key, []).append(i)
    common = 4  # a page is rarely scraped more than four times; chrome runs on more pages
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, lines in enumerate(long_lines):
        rare = [key for key in lines if 1 < len(on[key]) <= common]
        if len(rare) < _DUP_MIN_SHARED:
            continue
        shared = Counter(j for key in rare for j in on[key] if j != i)
        own = sum(1 for key in lines if len(on[key]) <= common)
        for j, k in shared.items():
            other = sum(1 for key in long_lines[j] if len(on[key]) <= common)
            if k >= _DUP_MIN_SHARED and k >= _DUP_SHARE * min(own, other):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def repetition_evidence(text: str, site: SiteLines, extra: int = 0, in_body: bool = False) -> Evidence | None:
    """Chrome evidence from how many pages of the site carry this exact line.

    ``extra`` adds pages the caller knows about that the counts miss (a line
    glued onto a paragraph is not a line of its own in the counts); ``in_body``
    says this occurrence sits between the page's own lines."""
    key = site.key(text)
    if not key:
        return None
    n = site.count(key) + extra
    if n >= COMMON:
        if in_body and site.in_articles(key):
            return Evidence("repeated-on-site", W.IN_BODY_REPEATED)
        return Evidence("repeated-on-site", W.REPEATED)
    if n == 2 and site.n_pages >= 2:
        # two pages may be one story's two translations sharing a name or a
        # quote; only short lines get a (weak) push from this
        return Evidence("repeated-on-site", W.REPEATED_TWICE_SHORT if len(key) <= 50 else W.REPEATED_TWICE)
    return None


# A short label, a colon or a dash, a value: "Text: Jelena Ilić", "Topics: A, B, C",
# "Keywords — A, B". Matched on line keys (casefolded).
LABELLED = re.compile(r"^([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?)\s*(?::|—|–)\s+(\S.*)$")
_ENDS_SENTENCE = re.compile(r"[.!?…]$")


def label_evidence(text: str, site: SiteLines) -> Evidence | None:
    """A label that opens three or more different lines of the site is the
    site's field name (an author, topics, a partner), so a short value after it
    is chrome. A headline with a colon ("Džon Edvard: Poznavanje jezika je
    ključno") opens only its own line and its translation's, and its value is
    longer than a name or a list of short items."""
    m = LABELLED.match(site.key(text))
    if not m or site.labels.get(m.group(1), 0) < 3:
        return None
    value = m.group(2)
    items = [v.strip() for v in value.split(",")]
    name_like = words(value) <= 3
    list_like = len(items) >= 2 and all(0 < words(v) <= 4 for v in items)
    if (name_like or list_like) and not _ENDS_SENTENCE.search(value):
        return Evidence("metadata", W.SITE_LABEL)
    return None
