"""The boilerplate stage's vocabulary, read from the data files beside this module:

- ``cues.toml``: text cues, one row each (pattern, reason, weight, limits, what it catches);
- ``shapes.toml``: patterns the shape rules use (dates, authors, breadcrumbs' home item), and
  the pattern pieces several rows share (month names, web addresses);
- ``words.toml``: word lists (widget headings, language names, function words, class hints).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_HERE = resources.files(__package__)


def _load(name: str) -> dict:
    with _HERE.joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of cues.toml: a pattern that is evidence of chrome within limits."""

    name: str
    catches: str
    reason: str
    weight: float
    stage: str  # "any" | "short" | "late"
    pattern: re.Pattern[str]
    fold: bool = True  # matched on the casefolded line
    max_chars: int | None = None
    max_words: int | None = None
    min_count: int = 1
    also: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    group: str | None = None


STAGES = ("any", "short", "late")


_SHAPES_TOML = _load("shapes.toml")
#: pieces of pattern written once (months, web addresses), {name} in a row
_FRAGMENTS: dict[str, str] = {name: "".join(pieces) for name, pieces in _SHAPES_TOML.pop("fragment").items()}


def _join(pieces: list[str]) -> str:
    """A row's pattern pieces joined, with its {fragment} references filled in."""
    text = "".join(pieces)
    for name, fragment in _FRAGMENTS.items():
        text = text.replace("{" + name + "}", fragment)
    return text


def _cue(row: dict) -> Cue:
    def rx(key: str) -> re.Pattern[str] | None:
        return re.compile(_join(row[key])) if key in row else None

    pattern = re.compile(_join(row["pattern"]))
    cue = Cue(name=row["name"], catches=row["catches"], reason=row["reason"], weight=float(row["weight"]),
              stage=row["stage"], pattern=pattern, fold=row.get("fold", True),
              max_chars=row.get("max_chars"), max_words=row.get("max_words"), min_count=row.get("min_count", 1),
              also=rx("also"), unless=rx("unless"), group=row.get("group"))
    if cue.stage not in STAGES or not 0 < cue.weight <= 1:
        raise ValueError(f"cues.toml: bad row {cue.name!r}")
    return cue


CUES: tuple[Cue, ...] = tuple(_cue(row) for row in _load("cues.toml")["cue"])


def _shape(spec: dict) -> re.Pattern[str]:
    return re.compile(_join(spec["pattern"]), re.IGNORECASE if spec["ignorecase"] else 0)


SHAPES: dict[str, re.Pattern[str]] = {name: _shape(spec) for name, spec in _SHAPES_TOML.items()}

_WORDS = _load("words.toml")
RELATION_WORDS = frozenset(_WORDS["relation_words"])
POST_WORDS = frozenset(_WORDS["post_words"])
LANGUAGE_NAMES = frozenset(_WORDS["language_names"])
STOP_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words) for lang, words in _WORDS["stop_words"].items()}
HINTS: dict[str, str] = dict(_WORDS["hints"])
