"""Words of a page -> concept keys shared across its translations.

Every page, whatever its language, is read as a bag of *concept keys*, so that
a page and its translation share many keys and unrelated pages few:

* ``e:<english stem>``: an English word's lemma (simplemma), cut to
  :data:`STEM` letters; an Albanian or Serbian word gives the keys of its
  English translations from the shipped tables (``data/lex_sq_en.tsv.gz``,
  ``data/lex_sr_en.tsv.gz``; see ``tools/derive_pair_lexicons.py``), each
  weighted ``1/n`` over its ``n`` translations. Albanian and Serbian meet
  through English, so no Albanian-Serbian table is needed to start;
* ``l:<pair id>``: a word pair learned from this site's own aligned pages
  (:class:`Learned`): both words emit the same key;
* ``=<form>``: the folded word itself, cut to :data:`STEM` letters: names,
  loanwords and cognates (*Covid*, *UNESCO*, *internet*) that no table holds;
* anchors (numbers, URLs, e-mail addresses) are added by the profile.

Inflection: an Albanian or Serbian word is looked up as written, then by its
simplemma lemma, then by its longest known stem (the table's stems for
Albanian, a lemma less its ending for Serbian) with at most
:data:`MAX_ENDING` letters left over. Serbian Cyrillic is folded to Latin
first, so one table serves both scripts.
"""
from __future__ import annotations

import gzip
import hashlib
import marshal
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import simplemma
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory, MappingStrToByteString

from .. import text as text_module
from ..text import WORD_RE as _WORD
from ..text import fold

#: letters an English lemma or a bare form is cut to: "declaration" and
#: "declared" meet, "right" and "rights" meet
STEM = 6
#: an inflected form may run this many letters past the stem it is found by
MAX_ENDING = 5
#: a word with more translations than this is too ambiguous to say anything
MAX_SENSES = 40

_LEMMA_LANG = {"en": "en", "sq": "sq", "sr": "hbs"}
_TABLES = {"sq": "lex_sq_en.tsv.gz", "sr": "lex_sr_en.tsv.gz"}


def family(tag: str) -> str:
    """The lexicon a language tag reads with: ``sr-Latn`` and ``sr-Cyrl`` are ``sr``."""
    return tag.split("-")[0]


def words(text: str) -> list[str]:
    """Folded word tokens (Cyrillic read as Latin, no diacritics, lower case)."""
    # ASCII text folds to its casefold: nothing else in fold touches it
    return _WORD.findall(text.casefold() if text.isascii() else fold(text))


def _cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "polycorpus"


def _keep(path: Path, data: bytes, stale: str) -> None:
    """Write ``data`` to ``path`` atomically, and remove older files matching
    ``stale`` in its folder (each change of what a file is built from names a
    new one). A read-only home only costs the time to rebuild."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


class _KeptDictionaries(DefaultDictionaryFactory):
    """simplemma's dictionaries, decoded once and kept in the user's cache
    folder (marshal): decoding its compressed front-coded files takes about
    0.7 s a process for English, Albanian and Serbo-Croatian, reading them back
    a quarter of that, and every worker process needs them. The same mappings."""

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        path = _cache_root() / f"simplemma_{metadata.version('simplemma')}_{lang}.marshal"
        try:
            data = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            mapping = super()._get_dictionary_uncached(lang)
            data = getattr(mapping, "_dict", None)
            if not isinstance(data, dict):  # simplemma keeps them differently now: as it is
                return mapping
            _keep(path, marshal.dumps(data), f"simplemma_*_{lang}.marshal")
        return MappingStrToByteString(data)


#: one lemmatizer for the process (simplemma.lemmatize makes a new one per call)
_LEMMATIZER = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_KeptDictionaries()))


def lemmatize(word: str, lang: str) -> str:
    """simplemma's lemma of ``word`` (its default strategy and dictionaries)."""
    return _LEMMATIZER.lemmatize(word, lang)


@lru_cache(maxsize=1 << 18)
def english_key(word: str) -> str:
    """The concept key of an English word (folded)."""
    lemma = lemmatize(word, "en")
    return "e:" + fold(lemma)[:STEM]


def _table_lines(name: str) -> list[str]:
    raw = resources.files("polycorpus").joinpath("data", name).read_bytes()
    return [line for line in gzip.decompress(raw).decode("utf-8").splitlines() if not line.startswith("#")]



def _read_table(name: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for line in _table_lines(name):
        foreign, english = line.split("\t")
        key = english_key(english)
        if key not in table[foreign]:
            table[foreign].append(key)
    return {k: tuple(v) for k, v in table.items()}


def _cache_path(lang: str) -> Path:
    """Where the built table of ``lang`` is kept between runs: named by a hash
    of everything it is built from (the shipped table, this module, the fold,
    simplemma's version and Python's), so a change of any makes a new one."""
    h = hashlib.blake2b(digest_size=12)
    h.update(resources.files("polycorpus").joinpath("data", _TABLES[lang]).read_bytes())
    for module in (__file__, text_module.__file__):
        h.update(Path(module).read_bytes())
    h.update(f"{metadata.version('simplemma')} {sys.version}".encode())
    return _cache_root() / f"lex_{lang}_{h.hexdigest()}.marshal"


@lru_cache(maxsize=None)
def _table(lang: str) -> dict[str, tuple[str, ...]]:
    """The table of ``lang``: folded word or stem -> English concept keys.
    Building it lemmatises every English word of the shipped table (about a
    second); the built table is kept in the user's cache folder and read back
    (a tenth of that) by the next process. The shipped .tsv.gz stays the
    source: the cached copy is named by its hash."""
    path = _cache_path(lang)
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = _build_table(lang)
    _keep(path, marshal.dumps(table), f"lex_{lang}_*.marshal")
    return table


def _build_table(lang: str) -> dict[str, tuple[str, ...]]:
    table = _read_table(_TABLES[lang])
    if lang == "sr":
        # Serbian headwords are lemmas: a stem without the final vowel (or the
        # infinitive's -ti/-ci) finds the inflected forms: sloboda -> slobod-.
        stems: dict[str, list[str]] = defaultdict(list)
        for lemma, keys in table.items():
            for cut in (1, 2):
                stem = lemma[:-cut]
                if len(stem) >= 4 and stem not in table and (cut == 1 and lemma[-1] in "aeiou"
                                                               or lemma.endswith(("ti", "ci"))):
                    stems[stem].extend(k for k in keys if k not in stems[stem])
        table = {**table, **{s: tuple(v) for s, v in stems.items()}}
    return table


def _lookup(word: str, lang: str) -> tuple[str, ...]:
    table = _table(lang)
    hit = table.get(word)
    if hit:
        return hit
    lemma = fold(lemmatize(word, _LEMMA_LANG[lang]))
    hit = table.get(lemma)
    if hit:
        return hit
    for cut in range(1, MAX_ENDING + 1):
        stem = word[:-cut]
        if len(stem) < 3:
            break
        hit = table.get(stem)
        if hit:
            return hit
    return ()


@lru_cache(maxsize=1 << 18)
def table_keys(word: str, lang: str) -> tuple[tuple[str, float], ...]:
    """The weighted English concept keys of a folded word of language ``lang``
    (``en``, ``sq`` or ``sr``) from the shipped tables; empty when unknown."""
    if lang == "en":
        return ((english_key(word), 1.0),)
    if lang not in _TABLES or len(word) < 2:
        return ()
    keys = _lookup(word, lang)
    if not keys or len(keys) > MAX_SENSES:
        return ()
    w = 1.0 / len(keys)
    return tuple((k, w) for k in keys)


@dataclass
class Learned:
    """Word pairs a site's aligned pages taught, by language: a folded word of
    ``lang`` -> the ``l:`` keys it shares with its translations."""

    keys: dict[tuple[str, str], list[tuple[str, float]]] = field(default_factory=dict)
    n_pairs: int = 0

    def add(self, lang_a: str, word_a: str, lang_b: str, word_b: str, score: float) -> None:
        key = f"l:{self.n_pairs}"
        self.n_pairs += 1
        self.keys.setdefault((lang_a, word_a), []).append((key, score))
        self.keys.setdefault((lang_b, word_b), []).append((key, score))


@lru_cache(maxsize=1 << 18)
def word_keys(word: str, lang: str) -> tuple[tuple[str, float], ...]:
    """What one folded word adds to its page's bag: its bare form, then its
    table keys (a page repeats its words: each form is looked up once)."""
    if len(word) < 2:
        return ()
    return (("=" + word[:STEM], 0.5), *table_keys(word, lang))


def concept_keys(text_words: Iterable[str], lang: str) -> dict[str, float]:
    """The concept-key bag of a page's folded words (term frequencies), from
    the shipped tables and the words themselves."""
    bag: dict[str, float] = {}
    get = bag.get
    for w in text_words:
        for k, weight in word_keys(w, lang):
            bag[k] = get(k, 0.0) + weight
    return bag


def learned_keys(text_words: Iterable[str], lang: str, learned: Learned) -> dict[str, float]:
    """The ``l:`` keys a page's words share with their learned translations."""
    bag: dict[str, float] = {}
    get, learned_of = bag.get, learned.keys.get
    # each distinct word once, in text order: a set's order changes with the
    # hash seed, and the order of keys decides ties in the candidate index
    for w in dict.fromkeys(text_words):
        hit = learned_of((lang, w))
        if hit:
            for k, weight in hit:
                bag[k] = get(k, 0.0) + weight
    return bag


def load() -> None:
    """Load the word tables and the lemmatizer's dictionaries now rather than
    at the first page that needs them (see language.detectors.load)."""
    for lang in _TABLES:
        _table(lang)
    for lang in ("en", *(_LEMMA_LANG[lang] for lang in _TABLES)):
        _LEMMATIZER.lemmatize("a", lang)
