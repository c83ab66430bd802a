"""Scoring the lines of one page: text cues, structure and repetition combined
per line, glued chrome cut off, the title found, and short lines judged by their
neighbours (a short line between content paragraphs is a heading or a list item;
a short line in a run of chrome is chrome). Scores only: :func:`evidence.decide`
makes the verdicts."""
from __future__ import annotations

import re
from collections import Counter

from ..models import Block, Page
from . import weights as W
from .cues import SENTENCE_END, guess_lang, text_evidence, words
from .evidence import Evidence, LineScore, combine
from .glue import split_glued, split_glued_bare, split_glued_head
from .repetition import COMMON, SiteLines, label_evidence, repetition_evidence
from .structure import hint_words, page_wide_hints, structure_evidence

Scored = tuple[int, str, LineScore, "str | None"]  # (block index, text, score, reason override)


def content_weight(text: str, block: Block, is_title: bool, page_wide: frozenset[str] = frozenset()) -> float:
    """How much the line looks like the story itself (0..1): damps chrome scores."""
    weight = 0.0
    n = words(text)
    if n >= 25 or (n >= 12 and SENTENCE_END.search(text)):
        weight = W.PROSE  # running prose
    # <main> holds comment forms and related-post boxes too: inside a container
    # whose class names chrome, being in <main> says nothing
    if block.zone in {"article", "main"} and not (hint_words(block.attrs) - page_wide):
        weight = 1 - (1 - weight) * (1 - W.ARTICLE_ZONE)
    if is_title:
        weight = 1 - (1 - weight) * (1 - W.TITLE)
    return weight


def page_language(page: Page) -> str | None:
    """The page's language among en/sq/sr from its longer lines (or its <html lang>)."""
    votes: Counter = Counter()
    for b in page.blocks:
        n = words(b.text)
        if n >= 8:
            lang = guess_lang(b.text)
            if lang:
                votes[lang] += n
    if votes:
        return votes.most_common(1)[0][0]
    if page.declared_lang:
        return page.declared_lang.split("-")[0].lower()
    return None


_INNER_SENTENCE = re.compile(r"[a-zà-žа-шђјљњћџ][.!?…][\"”’»)]? [A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ]")
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+")


def _headline_before_body(page: Page, raw: list[tuple[int, str, list[Evidence]]]) -> set[int]:
    """The story's headline in a text dump: the line just above the first prose
    paragraph, past a byline. Its own title also turns up in "related posts"
    lists on other pages, so repetition alone must not condemn it here."""
    if page.format != "text":
        return set()
    for k, (_, text, evidence) in enumerate(raw):  # noqa: B007 -- k is read after the loop
        # prose: a sentence end, at the line's end or inside it (a tail glued on)
        if words(text) >= 15 and (SENTENCE_END.search(text) or _INNER_SENTENCE.search(text)) \
                and combine(evidence).score < W.LIKELY_CHROME:
            break
    else:
        return set()
    for j in range(k - 1, max(-1, k - 5), -1):
        _, text, evidence = raw[j]
        cues = [ev for ev in evidence if ev.reason != "repeated-on-site"]
        if combine(cues).score >= W.LIKELY_CHROME:
            continue  # a byline or a date between headline and body
        if not 3 <= words(text) <= 30:
            return set()
        if SENTENCE_END.search(text):
            continue  # a short lead-in sentence; the headline is above it
        return {j}
    return set()


def _is_short(text: str) -> bool:
    return len(text) <= 60 and words(text) <= 6


def _title_lines(page: Page, site: SiteLines, raw: list[tuple[int, str, list[Evidence]]],
                 page_wide: frozenset[str], keys: list[str]) -> set[int]:
    """The title: an <h1>, the line the page's <title> names, or the first line
    that nothing marks as chrome; in a text dump, the line above the body."""
    title_idx: set[int] = {i for i, b in enumerate(page.blocks) if b.tag == "h1"}
    if page.title:
        # "Headline | Site name": the part before the site's name. A side menu
        # lists every page's title, this page's too: the entry in the menu
        # (a link list, a nav or aside zone) is chrome, not the title.
        names = {site.key(page.title), site.key(_TITLE_SPLIT.split(page.title)[0])}
        title_idx |= {i for i, b in enumerate(page.blocks) if site.key(b.text) in names and words(b.text) >= 2
                      and combine(structure_evidence(b, page_wide)).score < W.LIKELY_CHROME}
    if not title_idx:
        for i, _, evidence in raw:
            if combine(evidence).score < W.LIKELY_CHROME:
                title_idx.add(i)
                break
    return title_idx | _headline_before_body(page, raw) | _own_menu_entry_repeated(page, site, keys)


def _own_menu_entry_repeated(page: Page, site: SiteLines, keys: list[str]) -> set[int]:
    """A side menu lists every page's title, so the page's headline is a line
    common on the site; but the page states it twice, once in the menu and once
    beside its own text. The copy next to one of the page's own lines (a line on
    at most two pages) is the headline."""
    seen = Counter(keys)
    out = set()
    for i, key in enumerate(keys):
        if seen[key] < 2 or not key or site.count(key) < COMMON or words(page.blocks[i].text) > 30:
            continue
        if any(0 <= j < len(keys) and keys[j] != key and site.count(keys[j]) < COMMON for j in (i - 1, i + 1)):
            out.add(i)
    return out


def score_page(page: Page, site: SiteLines) -> list[Scored]:
    """Score every line of a page: (block index, text, score, reason override).

    Glued chrome comes back as two entries of the same block. Scores only; the
    verdicts are made by :func:`decide`."""
    lang = page_language(page)
    page_wide = page_wide_hints(page)
    keys = [site.key(b.text) for b in page.blocks]

    raw: list[tuple[int, str, list[Evidence]]] = []
    structures = [structure_evidence(block, page_wide) for block in page.blocks]
    for i, block in enumerate(page.blocks):
        evidence = text_evidence(block.text, lang) + structures[i]
        # where it sits matters only for a line common on the site
        in_body = site.count(keys[i]) >= COMMON and site.between_own(page, keys, i)
        for ev in (repetition_evidence(block.text, site, in_body=in_body), label_evidence(block.text, site)):
            if ev:
                evidence.append(ev)
        raw.append((i, block.text, evidence))
    title_idx = _title_lines(page, site, raw, page_wide, keys)

    scored: list[Scored] = []
    for i, text, evidence in raw:
        block = page.blocks[i]
        is_title = i in title_idx
        # Glued chrome first: the tail's cues would otherwise condemn the whole
        # line, paragraph included. The split stands only if the head alone is
        # content; a chrome line glued to a chrome line is dropped whole.
        structure = structures[i]

        def as_content(piece: str, title: bool = is_title, structure: list[Evidence] = structure,
                       block: Block = block) -> LineScore:
            return combine(text_evidence(piece, lang) + structure, content_weight(piece, block, title, page_wide))

        # Chrome glued after the text, then chrome glued before what is left
        # (a menu or a search box on top of the headline), then a short chrome
        # piece glued at a plain space.
        pieces: list[tuple[str, LineScore, str | None]] = []
        rest, tail_piece = text, []
        glued = split_glued(text, site, lang)
        if glued and as_content(glued[0]).score < W.LIKELY_CHROME:
            rest, tail_piece = glued[0], [(glued[1], glued[2], "glued")]
        whole = combine(evidence, content_weight(text, block, is_title, page_wide))
        if not tail_piece and whole.score >= W.LIKELY_CHROME:
            # A chrome line with no chrome of the site glued to its end stays
            # whole: cutting it at a bare space or on top would leave a scrap
            # of it ("Donors | Get involved") looking like content.
            scored.append((i, text, whole, None))
            continue
        lead = split_glued_head(rest, site, lang) if block.zone is None else None
        if lead and as_content(lead[1], False).score < W.LIKELY_CHROME:
            pieces.append((lead[0], lead[2], "glued"))
            rest = lead[1]
            is_title = True  # chrome glued on top sits on the headline
        bare = split_glued_bare(rest, lang)
        if bare and as_content(bare[0]).score < W.LIKELY_CHROME \
                and (not bare[2] or as_content(bare[2], False).score < W.LIKELY_CHROME):
            head, piece, after = bare
            pieces += [(head, as_content(head), None),
                       (piece, combine(text_evidence(piece, lang)), "glued")]
            if after:
                pieces.append((after, as_content(after, False), None))
        elif pieces or tail_piece:
            pieces.append((rest, as_content(rest), None))
        pieces += tail_piece
        if pieces:
            scored += [(i, piece, line_score, why) for piece, line_score, why in pieces]
            continue
        scored.append((i, text, whole, None))

    return _smooth_runs(_smooth_short(scored, title_idx), title_idx)


def _smooth_short(scored: list[Scored], title_idx: set[int]) -> list[Scored]:
    """A short kept line with chrome on both sides (or on its only side) is chrome.

    Short lines are too short to judge alone: between content paragraphs they are
    headings or list items; in a run of footer lines they are footer lines. The
    nearest sure line on each side is found in one pass each way."""
    uncertain = [s.score < W.LIKELY_CHROME and _is_short(text) and i not in title_idx for i, text, s, _ in scored]
    n = len(scored)
    before: list[int | None] = [None] * n  # nearest line that is not uncertain, above
    after: list[int | None] = [None] * n
    last = None
    for k in range(n):
        before[k] = last
        if not uncertain[k]:
            last = k
    last = None
    for k in range(n - 1, -1, -1):
        after[k] = last
        if not uncertain[k]:
            last = k
    out = list(scored)
    for k in range(n):
        if not uncertain[k]:
            continue
        near = [j for j in (before[k], after[k]) if j is not None]
        if near and all(scored[j][2].score >= W.LIKELY_CHROME for j in near):
            i, text, line_score, _ = scored[k]
            # as sure as the weaker of its chrome neighbours, a little less
            bumped = round(max(line_score.score, W.NEIGHBOUR_SHARE * min(scored[j][2].score for j in near)), 4)
            out[k] = (i, text, LineScore(bumped, "short", line_score.evidence), None)
    return out


def _is_listy(text: str) -> bool:
    """A line that could be an item of a list of links: a headline, a name, a
    funder line; not a paragraph of prose."""
    n = words(text)
    return n <= 20 and len(text) <= 160 and (n <= 12 or not SENTENCE_END.search(text))


def _smooth_runs(scored: list[Scored], title_idx: set[int]) -> list[Scored]:
    """A run of kept headline-like lines inside chrome, after the story, is chrome.

    Related-post titles under a "related" heading, a funder line among share
    buttons and a pager: each alone reads like a headline, but they sit after
    the story's text with chrome above and below. A run of two or more such
    lines, or a single one that carries some chrome evidence of its own (a
    weak cue, a repeat elsewhere on the site), takes the score of its weaker
    chrome neighbour, a little less. Nothing before the first content line
    after the title is judged so: a short lead or list opens many stories."""
    def kept(k: int) -> bool:
        return scored[k][2].score < W.LIKELY_CHROME

    def candidate(k: int) -> bool:
        return kept(k) and scored[k][0] not in title_idx and _is_listy(scored[k][1])

    out = list(scored)
    seen_content = False
    k = 0
    while k < len(scored):
        if not candidate(k):
            if kept(k) and scored[k][0] not in title_idx:
                seen_content = True
            k += 1
            continue
        end = k
        while end + 1 < len(scored) and candidate(end + 1):
            end += 1
        before = scored[k - 1][2].score if k > 0 else None
        after = scored[end + 1][2].score if end + 1 < len(scored) else None
        sides = [x for x in (before, after) if x is not None]
        run = range(k, end + 1)
        weak_cues = all(any(ev.weight >= 0.3 for ev in scored[j][2].evidence) for j in run)
        if seen_content and before is not None and sides and all(x >= W.LIKELY_CHROME for x in sides) \
                and (end > k or weak_cues):
            bumped_to = W.NEIGHBOUR_SHARE * min(sides)
            for j in run:
                i, text, line_score, _ = scored[j]
                out[j] = (i, text, LineScore(round(max(line_score.score, bumped_to), 4), "chrome-run",
                                             line_score.evidence), None)
        else:
            seen_content = True
        k = end + 1
    return out
