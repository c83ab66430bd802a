"""Named weights and marks of the boilerplate stage: how strong each kind of
evidence is, and the fixed marks scoring uses. The text cues carry their own
weights in cues.toml; these are the weights of the rules written as code.
"""
from __future__ import annotations

# Where scoring itself needs a notion of "probably chrome" (which line is the
# title, whether a glued piece is worth splitting off, which neighbours a short
# line has) it uses this fixed mark, not the user's threshold: scores must not
# change when a user re-thresholds.
LIKELY_CHROME = 0.5
# Evidence this strong, of a reason in UNDAMPED, is not damped by evidence for content.
STRONG_CUE = 0.85
UNDAMPED = frozenset({"credit", "copyright"})
# A glued piece cut at a bare space or on top of a line needs cues this strong.
STRONG_CHROME = 0.75
# A date or author line glued without a space scores this much (see cues.is_byline).
BYLINE_CUE = 0.7

# --- shapes of a line (cues.py)
TOO_FEW_LETTERS = 0.8          # "»", "|", "12"
LONE_LOWER_WORD = 0.75         # "mike", "fbpx": widget or tracker labels
LANGUAGE_SWITCH = 0.8          # "EN | SQ | SR"
WIDGET_HEADING = 0.7           # "Related posts", "Lajmet e fundit"
BYLINE = 0.7                   # "12. mart 2024.", "By Jane Doe"
PAGER = 0.8                    # "« 1 2 3 … 12 »", "Strana 2 od 7"
BREADCRUMB = 0.8               # "Home » Elections", "Ballina / Dialogu"
PIPE_MENU = 0.85               # "News | Events | Contact"
CRUMB_MENU = 0.8               # "Home > News > Politics"
JOINED_ITEMS = 0.7             # "Go to content ~ Language: SQ / EN"
JOINED_CUE_SHARE = 0.95        # a joined line is this share as chrome as its chromiest item
EMOJI_LED = 0.6                # "📢 ..."
PER_TAG = 0.35                 # each hashtag or @mention, up to TAGS_MAX
TAGS_MAX = 0.7
FEED_ITEM = 0.92               # emoji-led with tags: a feed item however long
ENGLISH_FEED_ITEM = 0.95       # an English feed item on a Serbian or Albanian page
ENGLISH_ARROW_LINE = 0.6       # "Read the report →" in English on a Serbian page

# --- HTML structure (structure.py): zone -> (reason, weight)
ZONES = {"nav": ("navigation", 0.85), "header": ("html-chrome", 0.4), "footer": ("html-chrome", 0.8),
         "aside": ("html-chrome", 0.8), "form": ("html-chrome", 0.75)}
HEADER_IN_ARTICLE = 0.15       # <article><header> holds the story's title and byline
H1_IN_HEADER = 0.3             # a lone <h1> in a header is usually the story's title
HIDDEN = 0.95
CLASS_HINT = 0.7
LINK_LIST_SHORT = 0.7          # link density >= .6 and at most 12 words
LINK_LIST = 0.5                # link density >= .8
FORM_CONTROL = 0.7             # <button>, <label>, <option>, ...

# --- repetition across the site (repetition.py)
REPEATED = 0.9                 # on three or more pages
REPEATED_TWICE_SHORT = 0.45    # on two pages, at most 50 characters
REPEATED_TWICE = 0.2           # on two pages, longer: two translations may share a quote
SEEN_ONCE_ELSEWHERE = 0.6      # a glued piece that is a line of one other page
SITE_LABEL = 0.75              # "Text: Jelena Ilić" where "Text:" opens many lines of the site
# An in-body subheading ("Background", "Key findings:") recurs on many pages, but
# between prose paragraphs; its repetition counts only this much.
IN_BODY_REPEATED = 0.3

# --- content evidence (page.py)
PROSE = 0.3
ARTICLE_ZONE = 0.3
TITLE = 0.5

# --- smoothing (page.py)
NEIGHBOUR_SHARE = 0.9          # a short line between chrome is this share as chrome as its weaker neighbour
