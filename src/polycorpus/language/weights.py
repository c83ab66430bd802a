"""Every number the language scan and decision use, named, in one place.

Points are for (sr, hr, bs) within Serbo-Croatian unless said otherwise; the
weights of the word tables and pattern cues are in their data files
(``data/lang_word_tables.tsv``, ``data/lang_patterns.json``,
``data/lang_word_shapes.json``).
"""
from __future__ import annotations

Points = tuple[float, float, float]

#: fewer letters than this and there is nothing to decide on
MIN_LETTERS = 3

# --- bounding the text (linear in the input) -------------------------------
#: characters of a text the scan and the detectors read; a longer text is
#: sampled in SAMPLE_WINDOWS windows spread over it, cut at spaces, so a 1 MB
#: paragraph costs what a 4 kB one does (and says so in its evidence)
SAMPLE_CHARS = 4096
SAMPLE_WINDOWS = 8
#: a run of non-space characters this long is no word (a URL, base64, a glued
#: table): blanked before the scan, which keeps every pattern linear
MAX_TOKEN = 80

# --- detectors -------------------------------------------------------------
#: weight of a detector's probability in a family's score
FAMILY_DETECTOR_WEIGHT = 4.0
#: when the best family leads the second by less than this with the compiled
#: detectors, langdetect is asked instead (it earns its keep on short text
#: Serbo-Croatian and Slovenian share words in)
LANGDETECT_MARGIN = 1.0
#: the Latin families the function-word tables know; a compiled detector
#: naming another (Czech for a short Serbian sentence) is checked by langdetect
EXPECTED_FAMILIES = frozenset({"SC", "sl", "sq", "en"})
#: how far fastText's vote can move the gap between two families: averaged
#: with CLD2's, each family's detector points move by at most half of
#: FAMILY_DETECTOR_WEIGHT, the two in opposite directions
FASTTEXT_SWING = FAMILY_DETECTOR_WEIGHT
#: CLD2 alone decides when the gap is this wide: fastText could neither change
#: the family nor bring the gap under LANGDETECT_MARGIN (fastText costs 3-4x CLD2)
FASTTEXT_MARGIN = FASTTEXT_SWING + LANGDETECT_MARGIN

# --- family scores (Latin) -------------------------------------------------
#: function-word rate -> points: RATE_SCALE * rate, at most RATE_CAP
RATE_SCALE = 12.0
RATE_CAP = 3.0
#: letters only one family writes (ć đ, ë): at most this many points
LETTER_CAP = 2.0
LETTER_BASE = 1.0
LETTER_EACH = 0.2
#: cues Slovenian cannot have: SC_ONLY_SCALE per point, at most SC_ONLY_CAP
SC_ONLY_SCALE = 0.5
SC_ONLY_CAP = 3.0
#: an -ao/-eo/-io participle, as a Serbo-Croatian-only cue (word shapes such
#: as the -skog adjective have their points in data/lang_word_shapes.json)
PARTICIPLE_SC_ONLY = 2.0
#: Slovenian without one Slovenian function word, in a text with Serbo-Croatian
#: ones, keeps this share of its score (detectors read short Serbo-Croatian as Slovenian)
SL_WITHOUT_WORDS = 0.5

# --- within Serbo-Croatian -------------------------------------------------
#: a repeated cue counts this many times at most: one topic word must not outvote the text
REPEAT_CAP = 2
#: tie-breakers when the cues are even: Croatian is the commonest language of
#: cue-less Serbo-Croatian paragraphs in our measurements
PRIOR = {"sr": 0.05, "hr": 0.1, "bs": 0.0}
#: the prior of the standard a caller prefers
PREFERRED_PRIOR = 0.2
#: confidence 0.5 at an even split, towards 1 as the margin grows: 1 - 0.5 e^(-margin / MARGIN_SCALE)
MARGIN_SCALE = 1.5
#: forms the spelling dictionaries accept for one standard only (data/sc_lexicon.tsv, sc_jat_forms.tsv.gz)
DERIVED = {
    "ekav": ("ekavian", (1.0, 0.0, 0.0)),
    "sr": ("sr", (1.0, 0.0, 0.5)),
    "ijek": ("ijekavian", (0.0, 1.0, 1.0)),
    "hr": ("hr", (0.0, 1.0, 0.3)),
}
#: Serbian phonetic spellings of foreign names (Vašington)
SR_NAME: Points = (2.0, 0.0, 0.3)
#: Croatian -irati where Serbian writes -ovati; half for a form Serbian's dictionary has too
HR_VERB: Points = (0.0, 1.0, 0.5)
HR_VERB_SHARED = 0.5
#: "sa" before any word (Serbian, Bosnian; Croatian only before s z š ž), per use, at most SA_MAX uses
SA_EACH: Points = (0.4, 0.0, 0.3)
SA_MAX = 3
#: a foreign name in its original spelling, declined (Washingtonu) or bare (Twitter); at most FOREIGN_MAX
FOREIGN_DECLINED: Points = (0.0, 0.8, 0.8)
FOREIGN_BARE: Points = (0.0, 0.4, 0.4)
FOREIGN_MAX = 2

# --- Cyrillic --------------------------------------------------------------
#: each letter only one Cyrillic alphabet has
CYR_LETTER = 3.0
#: a form only Serbian or only Macedonian writes (data/sr_mk_cyrillic.tsv.gz)
CYR_FORM = 1.0
#: Serbian against Macedonian points that decide without langdetect when ј љ њ џ are there
CYR_DECISIVE_MARGIN = 4.0
#: a Serbian Cyrillic text without ј љ њ џ needs this many points and a Serbian-only form
CYR_SR_WITHOUT_LETTERS = 2.0

# --- confidence ------------------------------------------------------------
#: langdetect is "1.00 sure" of "Član 1."; confidence grows with length:
#: min(1, SHORT_BASE + letters / SHORT_LETTERS)
SHORT_BASE = 0.4
SHORT_LETTERS = 50.0
