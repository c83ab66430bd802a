"""Chrome evidence from where an HTML block sat: zones, hidden elements, link
density and class/id hints. Article and main are weak evidence for content only
(page.py): share lines and tags sit inside the article element too."""
from __future__ import annotations

import re
from collections import Counter

from ..models import Block, Page
from . import weights as W
from .cues import words
from .evidence import Evidence
from .tables import HINTS

_TOKEN_PARTS = re.compile(r"[-_\s]+")
# Hint words run together with a container word: "relatedposts", "sharebox", "footerlinks".
_COMPOUND = re.compile(rf"^({'|'.join(sorted(HINTS, key=len, reverse=True))})"
                       r"(?:posts?|links?|box|area|bar|list|wrap(?:per)?|container|widget|section|block|items?|s)$")
_FORM_CONTROLS = {"button", "label", "option", "select", "legend"}


def hint_words(attrs: str) -> set[str]:
    """The chrome hint words among a block's class/id tokens."""
    out = set()
    for part in _TOKEN_PARTS.split(attrs):
        if part in HINTS:
            out.add(part)
        elif (m := _COMPOUND.match(part)):
            out.add(m.group(1))
    return out


def structure_evidence(block: Block, page_wide: frozenset[str] = frozenset()) -> list[Evidence]:
    """Chrome evidence from where an HTML block sat; empty for text dumps.

    ``page_wide`` holds hint words carried by nearly every block of the page
    (a body class such as "has-sidebar"), which say nothing about one block."""
    if block.zone is None:
        return []
    out: list[Evidence] = []
    if block.hidden:
        out.append(Evidence("hidden", W.HIDDEN))
    # <header> is weak: ingest gives the nearest container only, and the story's
    # own <article><header> (title, lead) is a header too. Site headers repeat,
    # and their menus are link lists, so they are caught anyway.
    if block.zone in W.ZONES:
        reason, weight = W.ZONES[block.zone]
        if block.zone == "header" and block.in_article:
            weight = W.HEADER_IN_ARTICLE
        elif block.tag == "h1" and block.zone == "header":
            weight = W.H1_IN_HEADER
        out.append(Evidence(reason, weight))
    hints = hint_words(block.attrs) - page_wide
    if hints:
        out.append(Evidence(HINTS[sorted(hints)[0]], W.CLASS_HINT))
    if block.link_density >= 0.6 and words(block.text) <= 12:
        out.append(Evidence("link-list", W.LINK_LIST_SHORT))
    elif block.link_density >= 0.8:
        out.append(Evidence("link-list", W.LINK_LIST))
    if block.tag in _FORM_CONTROLS:
        out.append(Evidence("html-chrome", W.FORM_CONTROL))
    return out


def page_wide_hints(page: Page) -> frozenset[str]:
    """Hint words on at least 80% of a page's blocks: they say nothing about one block."""
    if page.format != "html" or not page.blocks:
        return frozenset()
    counts = Counter(w for b in page.blocks for w in hint_words(b.attrs))
    return frozenset(w for w, c in counts.items() if c >= 0.8 * len(page.blocks))
