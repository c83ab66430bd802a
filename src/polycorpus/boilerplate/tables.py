"""The boilerplate stage's vocabulary, read from the data files beside this module:

- ``cues.toml``: text cues, one row each (pattern, reason, weight, limits, what it catches);
- ``shapes.toml``: patterns the shape rules use (dates, authors, breadcrumbs' home item);
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


def _cue(row: dict) -> Cue:
    def rx(key: str) -> re.Pattern[str] | None:
        return re.compile("".join(row[key])) if key in row else None

    cue = Cue(name=row["name"], catches=row["catches"], reason=row["reason"], weight=float(row["weight"]),
              stage=row["stage"], pattern=rx("pattern"), fold=row.get("fold", True),  # type: ignore[arg-type]
              max_chars=row.get("max_chars"), max_words=row.get("max_words"), min_count=row.get("min_count", 1),
              also=rx("also"), unless=rx("unless"), group=row.get("group"))
    if cue.stage not in STAGES or not 0 < cue.weight <= 1:
        raise ValueError(f"cues.toml: bad row {cue.name!r}")
    return cue


CUES: tuple[Cue, ...] = tuple(_cue(row) for row in _load("cues.toml")["cue"])


def _shape(spec: dict) -> re.Pattern[str]:
    return re.compile("".join(spec["pattern"]), re.IGNORECASE if spec["ignorecase"] else 0)


SHAPES: dict[str, re.Pattern[str]] = {name: _shape(spec) for name, spec in _load("shapes.toml").items()}

_WORDS = _load("words.toml")
RELATION_WORDS = frozenset(_WORDS["relation_words"])
POST_WORDS = frozenset(_WORDS["post_words"])
LANGUAGE_NAMES = frozenset(_WORDS["language_names"])
STOP_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words) for lang, words in _WORDS["stop_words"].items()}
HINTS: dict[str, str] = dict(_WORDS["hints"])
