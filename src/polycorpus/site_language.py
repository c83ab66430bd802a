"""Site-aware language: a page too short or too even to decide alone takes
the likeliest of its site's languages.

A site has few languages. Language ID decides each page alone
(``language.identify_document``); this stage reads the site as a whole:

1. **The site's languages** are the tags of its *firm* pages: enough letters,
   a confident decision, and no tie-breaker (``tie:`` in the evidence).
2. A page is *weak* when language ID could not tell: too few letters (a
   title, a name, a date line) decided without confidence, a tie between
   Serbo-Croatian standards, or a tag foreign to the site without strong
   evidence of its own.
3. A weak page takes, among the site's languages of its script, the one with
   the best score: how many of its words that language's lemma lists know
   (simplemma's), plus the share of
   the site's firm pages in that language. A Serbo-Croatian tie chooses only
   among the standards that tied (``identify(..., prefer=...)`` tells which).
4. **Counterparts**: a site holds one version of a page per language, and a
   site that writes Serbian in both scripts has a Cyrillic twin (the same
   words read in Latin) for most of its Serbian Latin pages. A tied Latin page
   that is the closest page to a Cyrillic twin no firm page has claimed is
   Serbian; on such a site, a tied page without one takes another standard
   of its tie. Two tied pages equally close to one twin (a Bosnian and a
   Serbian text can be word for word the same) leave it undecided.

Paragraphs that took their page's tag (too short to decide alone, or within
Serbo-Croatian) follow the page's new tag. Every change says so in the
evidence (``site:<old tag>``), so it can be audited and re-decided.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import simplemma

from . import language
from .language import fold
from .models import Document, LangResult, Paragraph
from .pairing.lexicon import words
from .text import CYR_RE, name_key
from .text import WORD_RE as _WORD

#: a page with at least this many letters, this confidence and no tie is firm
FIRM_LETTERS = 120
FIRM_CONFIDENCE = 0.3
#: a page shorter than this, decided with less confidence, is weak even in a site language
SHORT_LETTERS = 60
SHORT_CONFIDENCE = 0.5
#: a tag foreign to the site stays only with this confidence and letters
FOREIGN_CONFIDENCE = 0.6
FOREIGN_LETTERS = 60
#: a language needs this share of the firm pages (and 2 pages) to be the site's
SITE_SHARE = 0.03
#: weight of the site's share of a language against the share of known words
PRIOR_WEIGHT = 0.5
#: a name on more pages than this is the site's, not a story's
MAX_NAME_PAGES = 4
#: word-set overlap (Latin reading) that makes a Cyrillic page a Latin page's twin
TWIN = 0.9
#: a site writes Serbian in both scripts when this share of its firm Latin pages has a twin
TWIN_SHARE = 0.5

_SC = ("sr-Latn", "hr", "bs")
_PREFER = {"sr-Latn": "sr", "hr": "hr", "bs": "bs"}
#: simplemma's word list for each tag a site may hold (hbs serves all of Serbo-Croatian)
_SIMPLEMMA = {"sr-Latn": "hbs", "sr-Cyrl": "hbs", "hr": "hbs", "bs": "hbs", "sq": "sq", "en": "en",
              "mk": "mk", "sl": "sl", "de": "de", "fr": "fr", "it": "it"}


@dataclass(frozen=True, slots=True)
class SiteLanguages:
    """The site's languages and their shares of its firm pages."""

    shares: dict[str, float]

    def of_script(self, script: str) -> list[str]:
        return sorted(t for t in self.shares if LangResult(t, 1.0).script == script)


def _letters(doc: Document) -> int:
    return sum(_count_letters(p.text) for p in doc.paragraphs)


def _count_letters(text: str) -> int:
    return sum(map(str.isalpha, text))


@lru_cache(maxsize=1 << 16)
def _name_of(word: str) -> str:
    return name_key(fold(word))


def _is_tie(lang: LangResult) -> bool:
    return any(e.startswith("tie:") for e in lang.evidence)


def _firm(doc: Document) -> bool:
    return (doc.lang.tag != "und" and _letters(doc) >= FIRM_LETTERS
            and doc.lang.confidence >= FIRM_CONFIDENCE and not _is_tie(doc.lang))


def site_languages(documents: Sequence[Document]) -> SiteLanguages:
    firm = Counter(d.lang.tag for d in documents if _firm(d))
    total = sum(firm.values())
    if not total:
        return SiteLanguages({})
    need = max(2.0, SITE_SHARE * total)
    return SiteLanguages({t: n / total for t, n in firm.items() if n >= need})


def _words_for(text: str, tag: str) -> list[str]:
    """Lower-case words as ``tag``'s word list spells them (Serbian in Latin)."""
    if _SIMPLEMMA.get(tag) == "hbs":
        text = language.to_latin(text)
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1]


def known_share(text_words: Sequence[str], tag: str) -> float:
    """Share of the words (lower case, Latin script) that simplemma's word
    list of ``tag``'s language knows."""
    code = _SIMPLEMMA.get(tag)
    if code is None or not text_words:
        return 0.0
    return sum(1 for w in text_words if simplemma.is_known(w, lang=code)) / len(text_words)


def _tied_tags(doc: Document) -> set[str]:
    """The Serbo-Croatian standards a tied page could be: each standard the
    tie-breaker gives when it is preferred."""
    texts = [p.text for p in doc.paragraphs]
    tags = {doc.lang.tag}
    for prefer in ("sr", "hr", "bs"):
        tags.add(language.identify_document(texts, prefer=prefer)[0].tag)
    return tags & set(_SC)


def _weak(doc: Document, site: SiteLanguages) -> bool:
    if not doc.paragraphs:
        return False
    if doc.lang.tag == "und" or _is_tie(doc.lang):
        return True
    if _letters(doc) < SHORT_LETTERS and doc.lang.confidence < SHORT_CONFIDENCE:
        return True  # a title or a name: too short to decide alone
    foreign = doc.lang.tag not in site.shares
    return foreign and (doc.lang.confidence < FOREIGN_CONFIDENCE or _letters(doc) < FOREIGN_LETTERS)


class _Names:
    """Pages by the rare names they share (capitalised words in one rough
    spelling, on at most MAX_NAME_PAGES pages): a title-only page and its
    translations share their names whatever their languages."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.keys = {d.path: {_name_of(w) for p in d.paragraphs for w in _WORD.findall(p.text)
                              if len(w) >= 3 and w[0].isupper()} for d in documents}
        df: Counter[str] = Counter(k for keys in self.keys.values() for k in keys)
        self.postings: dict[str, list[str]] = {}
        for path, keys in self.keys.items():
            for k in keys:
                if df[k] <= MAX_NAME_PAGES:
                    self.postings.setdefault(k, []).append(path)

    def partners(self, path: str) -> set[str]:
        return {other for k in self.keys[path] for other in self.postings.get(k, ()) if other != path}


class _Twins:
    """Serbian Cyrillic pages by their words read in Latin: the twin of a Latin
    page is a Cyrillic page with nearly the same words (one text, two scripts)."""

    def __init__(self, documents: Sequence[Document], bags: dict[str, set[str]]) -> None:
        self.bags = bags
        self.df: Counter[str] = Counter()
        for d in documents:
            self.df.update(bags[d.path])
        self.postings: dict[str, list[str]] = {}
        for d in documents:
            if d.lang.tag == "sr-Cyrl":
                for w in bags[d.path]:
                    self.postings.setdefault(w, []).append(d.path)
        self.claimed: set[str] = set()

    def find(self, path: str) -> tuple[float, str] | None:
        mine = self.bags[path]
        rare = sorted(mine, key=lambda w: (self.df[w], w))[:3]
        best: tuple[float, str] | None = None
        for w in rare:
            for other in self.postings.get(w, ()):
                theirs = self.bags[other]
                j = len(mine & theirs) / len(mine | theirs)
                if j >= TWIN and (best is None or (j, other) > best):
                    best = (j, other)
        return best


def settle(documents: Sequence[Document]) -> list[Document]:
    """The documents with weak page tags re-decided from the site's languages."""
    site = site_languages(documents)
    if not site.shares:
        return list(documents)
    weak = [d for d in documents if _weak(d, site)]
    new: dict[str, Document] = {}
    if weak:
        new = _redecide(documents, site, weak)
    return [_settle_paragraphs(new.get(d.path, d), site) for d in documents]


def _twin_evidence(documents: Sequence[Document], weak: Sequence[Document]) -> tuple[bool, set[str]]:
    """Whether the site writes its Serbian in both scripts, and the tied weak
    pages that have a Cyrillic twin of their own."""
    bags = {d.path: set(words(" ".join(p.text for p in d.paragraphs))) for d in documents}
    twins = _Twins(documents, bags)
    # Does this site write its Serbian in both scripts? Then a Latin page
    # without a Cyrillic twin is less likely Serbian.
    firm_latn = [d.path for d in documents if d.lang.tag == "sr-Latn" and _firm(d)]
    for path in firm_latn:
        hit = twins.find(path)
        if hit:
            twins.claimed.add(hit[1])
    both_scripts = bool(firm_latn) and len(twins.claimed) >= TWIN_SHARE * len(firm_latn)
    # tied pages claim the free Cyrillic twins, closest first
    claims = sorted(((hit[0], d.path, hit[1]) for d in weak if _is_tie(d.lang)
                     for hit in [twins.find(d.path)] if hit), key=lambda t: (-t[0], t[1]))
    # Two tied pages equally close to one free twin (the Bosnian and the
    # Serbian text of a short article can be word for word the same) leave it
    # undecided: neither is taken for Serbian on that ground.
    best_claim: dict[str, list[tuple[float, str]]] = {}
    for j, path, twin in claims:
        if twin not in twins.claimed:
            best_claim.setdefault(twin, []).append((j, path))
    has_twin: set[str] = set()
    for twin, rivals in sorted(best_claim.items()):
        top = max(j for j, _ in rivals)
        winners = [path for j, path in rivals if j == top]
        if len(winners) == 1:
            twins.claimed.add(twin)
            has_twin.add(winners[0])
    return both_scripts, has_twin


def _redecide(documents: Sequence[Document], site: SiteLanguages, weak: Sequence[Document]) -> dict[str, Document]:
    """The weak pages whose tag changes, retagged. (The twins are read only
    when a weak page is a tie, which only they can break.)"""
    both_scripts = False
    has_twin: set[str] = set()
    if any(_is_tie(d.lang) for d in weak):
        both_scripts, has_twin = _twin_evidence(documents, weak)
    by_path = {d.path: d for d in documents}
    names = _Names(documents)
    new: dict[str, Document] = {}
    for doc in weak:
        script = doc.lang.script or ("Cyrl" if any(CYR_RE.search(p.text) for p in doc.paragraphs) else "Latn")
        options = site.of_script(script)
        if _is_tie(doc.lang):
            tied = _tied_tags(doc)
            # a tie among standards none of which the site writes stays as decided
            options = [t for t in options if t in tied]
            if "sr-Latn" in options and len(options) > 1:
                if doc.path in has_twin:
                    options = ["sr-Latn"]
                elif both_scripts:
                    options.remove("sr-Latn")
        # counterparts: a language in which the site already has this page
        # (a page sharing its rare names) is not this page's language
        taken = {tag for other in names.partners(doc.path) for tag in [by_path[other].lang.tag]
                 if tag != doc.lang.tag or not _weak(by_path[other], site)}
        options = [t for t in options if t not in taken] or options
        if not options:
            continue
        text = " ".join(p.text for p in doc.paragraphs)
        score = {t: known_share(_words_for(text, t), t) + PRIOR_WEIGHT * site.shares.get(t, 0.0) for t in options}
        best = max(sorted(score), key=lambda t: score[t])
        if best != doc.lang.tag:
            new[doc.path] = _retag(doc, best, round(score[best] / (sum(score.values()) or 1.0), 4))
    return new


def _settle_paragraphs(doc: Document, site: SiteLanguages) -> Document:
    """A paragraph tagged with a language foreign to the site, without strong
    evidence of its own (a name, a short line langdetect reads as Indonesian),
    takes its page's tag when that is one of the site's languages."""
    if doc.lang.tag not in site.shares:
        return doc
    changed = False
    paragraphs = []
    for p in doc.paragraphs:
        # (the letters are counted only for a paragraph the other tests leave in doubt)
        if (p.lang.tag not in site.shares and p.lang.script == doc.lang.script
                and (p.lang.confidence < FOREIGN_CONFIDENCE or _count_letters(p.text) < FOREIGN_LETTERS)):
            p = Paragraph(p.index, p.text, LangResult(doc.lang.tag, round(doc.lang.confidence * 0.5, 4),
                                                      (f"site:{p.lang.tag}",) + p.lang.evidence))
            changed = True
        paragraphs.append(p)
    return replace(doc, paragraphs=tuple(paragraphs)) if changed else doc


def _retag(doc: Document, tag: str, confidence: float) -> Document:
    old = doc.lang.tag
    lang = LangResult(tag, confidence, (f"site:{old}",) + doc.lang.evidence)
    paragraphs = []
    for p in doc.paragraphs:
        follows = p.lang.tag in (old, "und") or any(
            e == "short:page-lang" or e.startswith("page-lang:") for e in p.lang.evidence)
        if follows:
            p = Paragraph(p.index, p.text, LangResult(tag, min(p.lang.confidence, confidence) or confidence,
                                                      (f"site:{p.lang.tag}",) + p.lang.evidence))
        paragraphs.append(p)
    return replace(doc, lang=lang, paragraphs=tuple(paragraphs))
