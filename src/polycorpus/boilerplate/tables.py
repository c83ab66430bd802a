"""The boilerplate stage's vocabulary, read from the data files beside this module:

- ``cues.toml``: text cues, one row each (pattern, reason, weight, limits, what it catches);
- ``shapes.toml``: patterns the shape rules use (dates, authors, breadcrumbs' home item), and
  the pattern pieces several rows share (month names, web addresses);
- ``words.toml``: word lists (widget headings, language names, function words, class hints).
"""
from __future__ import annotations

import importlib
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

# CPython's own regex parser, to relax a pattern (see relaxed()); without it no row is relaxed
try:
    _compiler: Any = importlib.import_module("re._compiler")
    _constants: Any = importlib.import_module("re._constants")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _parser = None

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
    #: the pattern with its assertions (^, $, \\b, lookarounds) dropped: what it
    #: finds in a piece of a line it finds in the whole line too. None for a
    #: pattern anchored at the start in every branch: cheap as it is, dear unanchored.
    relaxed: re.Pattern[str] | None = None


STAGES = ("any", "short", "late")


def _drop_assertions(sub: Any) -> Any:
    data = []
    for op, av in sub.data:
        if op in {_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT}:
            continue  # zero width: the widths the parser worked out stay right
        if op is _constants.SUBPATTERN:
            av = (*av[:3], _drop_assertions(av[3]))
        elif op is _constants.BRANCH:
            av = (av[0], [_drop_assertions(b) for b in av[1]])
        elif op in {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}:
            av = (av[0], av[1], _drop_assertions(av[2]))
        elif op is _constants.ATOMIC_GROUP:
            av = _drop_assertions(av)
        elif op is _constants.GROUPREF_EXISTS:
            raise ValueError("cues.toml: conditional groups are not supported")
        data.append((op, av))
    sub.data = data
    return sub


def relaxed(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` without its assertions (anchors, word boundaries, lookarounds).

    It matches wherever the pattern matches and maybe more, and what it finds in
    a piece of a line it also finds in the whole line: so a row whose relaxed
    pattern misses a line cannot fire on any piece cut from it."""
    return _compiler.compile(_drop_assertions(_parser.parse(pattern, flags)), flags)


def _anchored(pattern: str) -> bool:
    """Whether every top-level branch of ``pattern`` starts with ^."""
    tree = _parser.parse(pattern)
    branches = tree.data[0][1][1] if len(tree.data) == 1 and tree.data[0][0] is _constants.BRANCH else [tree]
    return all(b.data and b.data[0] == (_constants.AT, _constants.AT_BEGINNING) for b in branches)


_SHAPES_TOML = _load("shapes.toml")
#: pieces of pattern written once (months, web addresses), {name} in a row
_FRAGMENTS: dict[str, str] = {name: "".join(pieces) for name, pieces in _SHAPES_TOML.pop("fragment").items()}


def _join(pieces: list[str]) -> str:
    """A row's pattern pieces joined, with its {fragment} references filled in."""
    text = "".join(pieces)
    for name, fragment in _FRAGMENTS.items():
        text = text.replace("{" + name + "}", fragment)
    return text


def _relaxed_or_none(pattern: str) -> re.Pattern[str] | None:
    """The row's relaxed pattern, or None (the row is then tried on every piece:
    slower, the same decisions) where it cannot be made: an anchored pattern, or
    a Python whose private regex parser is missing or has changed."""
    if _parser is None or _anchored(pattern):
        return None
    try:
        return relaxed(pattern)
    except Exception:  # noqa: BLE001 - re._parser is CPython's internal; any change there only costs speed
        return None


def _cue(row: dict) -> Cue:
    def rx(key: str) -> re.Pattern[str] | None:
        return re.compile(_join(row[key])) if key in row else None

    pattern = re.compile(_join(row["pattern"]))
    cue = Cue(name=row["name"], catches=row["catches"], reason=row["reason"], weight=float(row["weight"]),
              stage=row["stage"], pattern=pattern, fold=row.get("fold", True),
              max_chars=row.get("max_chars"), max_words=row.get("max_words"), min_count=row.get("min_count", 1),
              also=rx("also"), unless=rx("unless"), group=row.get("group"),
              relaxed=_relaxed_or_none(pattern.pattern))
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
