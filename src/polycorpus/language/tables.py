"""The cue tables, read from ``polycorpus/data``: words, word lists, patterns.

Vocabulary lives in the data files, each row saying what it catches and why;
this module only reads them into lookup structures.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from .weights import DERIVED, Points

SR, HR, BS = 0, 1, 2


def read_data(name: str) -> list[str]:
    """The lines of a shipped data file (gzipped when its name says so), comments left out."""
    raw = resources.files("polycorpus").joinpath("data", name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file with a header line, the header left out."""
    return [line.split("\t") for line in read_data(name)[1:]]


# --- word tables: jat reflex and vocabulary ---------------------------------

@dataclass(frozen=True)
class WordHit:
    """What a table says of a word: its table, the points, and whether it is a jat cue."""

    table: str
    points: Points
    jat: bool
    sc_only: bool  # Slovenian cannot have it (ijekavian forms)


def _word_tables() -> tuple[dict[str, WordHit], dict[str, WordHit], dict[str, WordHit]]:
    tables = {name: WordHit(name, (float(sr), float(hr), float(bs)), kind == "jat", sc_only == "1")
              for name, kind, sr, hr, bs, sc_only, _why in _rows("lang_word_tables.tsv")}
    exact: dict[str, WordHit] = {}
    prefix: dict[str, WordHit] = {}
    jat_prefix: dict[str, WordHit] = {}
    for line in read_data("lang_words.tsv"):
        name, _, words = line.partition("\t")
        hit = tables[name]
        for w in words.split():
            if w.endswith("*"):
                prefix[w[:-1]] = hit
                if hit.jat and len(w) >= 5:  # stems of four letters or more, for prefix+stem
                    jat_prefix[w[:-1]] = hit
            else:
                exact[w] = hit
    return exact, prefix, jat_prefix


# One table, so the longest prefix wins across jat and vocabulary
# ("procenat", percent, is vocabulary; "procen-", estimate, is jat).
EXACT, PREFIX, JAT_STEMS = _word_tables()
PREFIX_LENGTHS = sorted({len(p) for p in PREFIX}, reverse=True)
JAT_STEM_LENGTHS = sorted({len(p) for p in JAT_STEMS}, reverse=True)


def _lists() -> dict[str, list[str]]:
    lists: dict[str, list[str]] = defaultdict(list)
    for line in read_data("lang_word_lists.tsv"):
        name, _, words = line.partition("\t")
        if not words.startswith("#"):
            lists[name].extend(words.split())
    return dict(lists)


LISTS = _lists()
NOT_PARTICIPLE = frozenset(LISTS["not_participle"])
NOT_JAT_PREFIXES = tuple(LISTS["not_jat_prefix"])
NOT_JAT_WORDS = frozenset(LISTS["not_jat_word"])
NEUTRAL_IRA = tuple(LISTS["neutral_ira"])
VOWEL_JOIN_PREFIXES = frozenset(LISTS["vowel_join_prefix"])
SR_NAMES = frozenset(LISTS["sr_name"])


def _function_words() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = defaultdict(set)
    for line in read_data("lang_function_words.tsv"):
        family, _, ws = line.partition("\t")
        words[family].update(ws.split())
    return {k: frozenset(v) for k, v in words.items()}


FUNCTION_WORDS = _function_words()

#: Cyrillic function words: word -> (label, points)
CYR_WORDS = {word: (label, float(points)) for word, label, points in _rows("lang_cyrillic_words.tsv")}
#: letters only one Cyrillic alphabet has: label -> letters
CYR_LETTERS = {label: letters for label, letters, _why in _rows("lang_cyrillic_letters.tsv")}
#: ј љ њ џ: Serbian or Macedonian; no points of their own
SR_MK_LETTERS = CYR_LETTERS.pop("sr+mk")


# --- derived tables (tools/derive_sc_lexicon.py) -----------------------------

def _load_classed(name: str, classes: dict[str, tuple[str, Points]]) -> dict[str, tuple[str, Points]]:
    """A form<TAB>class table, each form mapped to its class's (name, points)."""
    out: dict[str, tuple[str, Points]] = {}
    for line in read_data(name):
        word, _, cls = line.partition("\t")
        if cls in classes:
            out[word] = classes[cls]
    return out


# Forms one standard's spelling dictionary accepts and the other's lacks,
# derived from the hunspell-sr and hunspell-hr dictionaries by
# tools/derive_sc_lexicon.py (sources and licences in its header). They
# cover the long tail the hand tables cannot (every inflected ekavian form,
# Serbian -ovati/-isati verbs, ...) and weigh less, since a dictionary can
# lack a form by oversight; the hand tables win where both have a word.
DERIVED_FORMS = _load_classed("sc_lexicon.tsv", DERIVED)
# Every jat form of the whole Serbian, Croatian and Bosnian dictionaries
# (preletela, vetrovima, snabdevača); consulted last, for lower-case words
# only (a capitalised word may be a name: Lee is not "lije").
JAT_FORMS = _load_classed("sc_jat_forms.tsv.gz", {k: DERIVED[k] for k in ("ekav", "ijek")})
# -irati forms the Serbian spelling dictionary accepts as well as the Croatian one.
SR_IRATI = frozenset(read_data("sc_sr_irati.tsv"))
# Cyrillic forms only Serbian or only Macedonian writes (скупштина against собрание).
CYR_FORMS = {form: ("sr-Cyrl" if cls == "sr" else "mk")
             for form, _, cls in (line.partition("\t") for line in read_data("sr_mk_cyrillic.tsv.gz"))}


# --- pattern cues -----------------------------------------------------------

@dataclass(frozen=True)
class PatternCue:
    """One row of data/lang_patterns.json."""

    name: str
    pattern: re.Pattern[str]
    word: bool           # matches inside one word: matched per word form and cached
    as_written: bool     # matched on the text as written rather than lowered
    points: Points
    cue: str             # evidence name; "{match}" stands for the matched text
    sc_only: bool        # Slovenian cannot have it: it speaks for Serbo-Croatian too
    needs: tuple[str, ...] = ()          # the text holds one of these, or the pattern is not tried
    needs_words: frozenset[str] = frozenset()  # or one of these words
    skip_prefix: tuple[str, ...] = ()    # a match starting so is passed over
    skip_word: frozenset[str] = frozenset()
    once: bool = False                   # counts once however often it matches
    anchor: str = ""                     # "needs_words" / "word-before-needs": where a match can start

    def name_of(self, match: str) -> str:
        return self.cue.replace("{match}", match)


def _pattern_cues() -> tuple[PatternCue, ...]:
    raw = resources.files("polycorpus").joinpath("data", "lang_patterns.json").read_text("utf-8")
    doc = json.loads(raw)
    macros: dict[str, str] = doc["macros"]
    cues = []
    for row in doc["cues"]:
        pattern = row["pattern"]
        for key, value in macros.items():
            pattern = pattern.replace("{" + key + "}", value)
        points = row["points"]
        needs_words: frozenset[str] = frozenset()
        if row.get("needs_words"):
            needs_words = frozenset(macros[row["needs_words"]].split("|"))
        cues.append(PatternCue(
            name=row["name"], pattern=re.compile(pattern), word=row["scope"] == "word",
            as_written=row["case"] == "as-written", points=(points["sr"], points["hr"], points["bs"]),
            cue=row["cue"], sc_only=row.get("sc_only", False), needs=tuple(row.get("needs", ())),
            needs_words=needs_words, skip_prefix=tuple(LISTS[row["skip_prefix"]]) if "skip_prefix" in row else (),
            skip_word=frozenset(LISTS[row["skip_word"]]) if "skip_word" in row else frozenset(),
            once=row.get("once", False), anchor=row.get("anchor", "")))
    return tuple(cues)


PATTERN_CUES = _pattern_cues()


@dataclass(frozen=True)
class WordShape:
    """One row of data/lang_word_shapes.json: an ending or letter pattern of one word."""

    name: str
    pattern: re.Pattern[str]
    cyrillic: bool       # read in Cyrillic texts (else Latin)
    as_written: bool
    speaks_for: str      # "sc-only", "sr-Cyrl" or "mk"
    points: float
    cue: str
    count: int = 1       # what one match counts, in points and in the cue
    skip_word: frozenset[str] = frozenset()
    phrase: bool = False  # matched on the lowered text, not per word
    needs: str = ""      # a phrase is looked for only when the text holds this
    form: bool = False   # as telling as a Serbian-only form


def _word_shapes() -> tuple[WordShape, ...]:
    raw = resources.files("polycorpus").joinpath("data", "lang_word_shapes.json").read_text("utf-8")
    return tuple(WordShape(
        name=row["name"], pattern=re.compile(row["pattern"]), cyrillic=row["script"] == "Cyrl",
        as_written=row["case"] == "as-written", speaks_for=row["for"], points=float(row["points"]),
        cue=row.get("cue", ""), count=row.get("count", 1),
        skip_word=frozenset(LISTS[row["skip_word"]]) if "skip_word" in row else frozenset(),
        phrase=row.get("scope") == "text", needs=row.get("needs", ""), form=row.get("form", False))
        for row in json.loads(raw)["shapes"])


WORD_SHAPES = _word_shapes()
LATIN_SHAPES = tuple(s for s in WORD_SHAPES if not s.cyrillic)
CYR_SHAPES = tuple(s for s in WORD_SHAPES if s.cyrillic)
WORD_PATTERNS = tuple(c for c in PATTERN_CUES if c.word)
TEXT_PATTERNS = tuple(c for c in PATTERN_CUES if not c.word)
