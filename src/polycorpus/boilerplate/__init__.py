"""Site chrome removal: every line of every page of a site -> kept or dropped, with a reason.

Three kinds of evidence are scored apart and combined into one boilerplate
score per line; one function (:func:`decide`) compares it with
``Settings.boilerplate_threshold``. The score stays in the output, so a user can
re-threshold without re-running.

    tables.py      reads the vocabulary: cues.toml (text cues, one row each with
                   pattern, reason, weight, limits), shapes.toml, words.toml
    weights.py     the named weights of the rules written as code
    evidence.py    Evidence, LineScore, combine() and the one decide()
    cues.py        text cues and line shapes (menus, pagers, bylines, feeds)
    structure.py   HTML zones, hidden elements, link density, class/id hints
    repetition.py  lines repeated across the site's pages; in-body subheadings
    glue.py        chrome glued onto a line without a newline
    page.py        one page scored: title, glue, neighbours

1. **Repetition across the site.** A line that recurs on many pages of one site
   is chrome, unless it sits between the pages' own paragraphs (a recurring
   subheading such as "Background").
2. **HTML structure.** Zones (nav, header, footer, aside, form), hidden
   elements, link density and class/id hints.
3. **Text cues** in sq, sr (both scripts) and en: contact and address lines,
   opening hours, cookie and newsletter prompts, calls to action, copyright,
   credits, "follow us" and share lines, breadcrumbs and menus, social-feed items.
   These are generic shapes of chrome, not the phrases of any one site.

Every step is linear in the page's size: each cue reads a bounded span.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..models import LineDecision, Page
from ..settings import Settings
from .cues import guess_lang, text_evidence
from .evidence import CONTENT, Evidence, LineScore, combine, decide
from .glue import split_glued, split_glued_bare, split_glued_head
from .page import score_page
from .repetition import SiteLines, label_evidence, line_key, repetition_evidence
from .structure import structure_evidence


def strip_site(pages: Sequence[Page], settings: Settings) -> list[list[LineDecision]]:
    """Decide, for every page of ONE site, which lines are content and which are chrome.

    ``pages`` are all pages of the site, every language version: repetition
    across them is evidence. Returns, per page in the same order, one
    LineDecision per line in block order; a block with chrome glued to its end
    gives two decisions with the same ``block`` index. Kept lines, in order, are
    the page's content paragraphs.
    """
    site = SiteLines.from_pages(pages)
    return [[decide(text, line_score, i, settings, reason) for i, text, line_score, reason in score_page(page, site)]
            for page in pages]


__all__ = ["strip_site", "score_page", "text_evidence", "structure_evidence", "repetition_evidence",
           "label_evidence", "line_key", "combine", "decide", "guess_lang", "split_glued", "split_glued_head",
           "split_glued_bare", "Evidence", "LineScore", "SiteLines", "CONTENT"]
