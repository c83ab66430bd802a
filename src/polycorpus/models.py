"""The small typed records that flow through the pipeline, one way:

    bytes -> Page (blocks) -> Document (paragraphs with decisions and languages)
          -> PagePair -> Bead -> Parquet rows

Every record is a frozen dataclass; a stage reads the types of the stage before
it and knows nothing of the stages after it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")


def flat_pickle(cls: type[T]) -> type[T]:
    """Pickle a slots dataclass as the tuple of its field values.

    A slots dataclass pickles through dataclasses' own __getstate__ and
    __setstate__, which look up the class's fields again for every object; a
    site's draft holds tens of thousands of records, and that lookup was most
    of the time the work folder took. Same values, same objects back."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get = attrgetter(*names)
    setattr_ = object.__setattr__

    def __getstate__(self: T) -> tuple[object, ...]:
        return get(self) if len(names) > 1 else (get(self),)

    def __setstate__(self: T, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state):
            setattr_(self, name, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign,assignment]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


@flat_pickle
@dataclass(frozen=True, slots=True)
class Block:
    """One line or paragraph of a page as ingest found it.

    For text dumps every non-empty line is a block. For HTML pages every
    block-level element with text is one, with where it sat in the page so the
    boilerplate stage can use structure as evidence.
    """

    text: str
    #: HTML only: the nearest structural container: "article", "main", "nav",
    #: "header", "footer", "aside", "form", "body"; None for text dumps.
    zone: str | None = None
    #: HTML only: the element's tag ("p", "h1", "li", ...).
    tag: str | None = None
    #: HTML only: share of the block's characters that sit inside <a>.
    link_density: float = 0.0
    #: HTML only: the element or an ancestor is hidden (hidden attribute,
    #: display:none, aria-hidden).
    hidden: bool = False
    #: HTML only: class and id attributes of the element and its ancestors,
    #: lower-cased and space separated ("share social-links menu ...").
    attrs: str = ""
    #: HTML only: an ancestor is <article> or <main>, so a nested <header> is the
    #: story's own header (title, byline), not the site's.
    in_article: bool = False
    #: Text dumps: a blank line (or the start of the file) precedes this block.
    starts_paragraph: bool = True


@flat_pickle
@dataclass(frozen=True, slots=True)
class Page:
    """A decoded, normalised page. ``path`` is relative to the corpus root."""

    path: str
    site: str
    format: str  # "text" | "html"
    encoding: str
    blocks: tuple[Block, ...]
    title: str | None = None
    declared_lang: str | None = None  # <html lang=...>, a hint only


@flat_pickle
@dataclass(frozen=True, slots=True)
class FailedPage:
    """A file that could not be read; it still gets a row in documents.parquet."""

    path: str
    site: str
    status: str  # "unreadable" | "undecodable" | "empty" | "too-large" | ...
    error: str
    format: str = ""
    encoding: str = ""


@flat_pickle
@dataclass(frozen=True, slots=True)
class LineDecision:
    """The boilerplate stage's verdict on one line (or split-off piece of a line)."""

    text: str
    is_boilerplate: bool
    reason: str  # "content" when kept; otherwise why it was dropped
    score: float  # the boilerplate score the decision was made from, 0..1
    block: int  # index of the source block in Page.blocks


@flat_pickle
@dataclass(frozen=True, slots=True)
class LangResult:
    """A language decision: BCP-47 tag, confidence in [0, 1], and the cues used."""

    tag: str
    confidence: float
    evidence: tuple[str, ...] = ()

    @property
    def script(self) -> str:
        if self.tag.endswith("-Cyrl"):
            return "Cyrl"
        if self.tag.endswith("-Latn"):
            return "Latn"
        return {"mk": "Cyrl", "bg": "Cyrl", "ru": "Cyrl", "uk": "Cyrl", "be": "Cyrl"}.get(
            self.tag, "Latn" if self.tag != "und" else ""
        )


@flat_pickle
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A content paragraph of a document, with its own language."""

    index: int  # position among the page's content paragraphs
    text: str
    lang: LangResult


@flat_pickle
@dataclass(frozen=True, slots=True)
class Document:
    """A page after boilerplate removal and language identification."""

    page: Page
    lang: LangResult
    paragraphs: tuple[Paragraph, ...]
    lines: tuple[LineDecision, ...]  # every line with its decision, for the audit trail

    @property
    def path(self) -> str:
        return self.page.path

    @property
    def n_boilerplate(self) -> int:
        return sum(1 for line in self.lines if line.is_boilerplate)


@flat_pickle
@dataclass(frozen=True, slots=True)
class PagePair:
    """Two pages judged translations of each other. ``src`` sorts first by language tag."""

    src: Document
    tgt: Document
    score: float


@flat_pickle
@dataclass(frozen=True, slots=True)
class Unpaired:
    """A page that was left without a partner, and why."""

    path: str
    reason: str
    #: the best candidate partner that was not taken, and its page_pair_score
    best: str | None = None
    best_score: float | None = None


@flat_pickle
@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment unit: indices into the two segment lists, and a score in [0, 1]."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@flat_pickle
@dataclass(frozen=True, slots=True)
class SiteResult:
    """What one site produced: documents, failures, pairs with their beads, leftovers."""

    site: str
    documents: tuple[Document, ...]
    failed: tuple[FailedPage, ...]
    pairs: tuple[tuple[PagePair, tuple[Bead, ...]], ...]
    unpaired: tuple[Unpaired, ...] = field(default=())


def pair_name(src_lang: str, tgt_lang: str) -> str:
    """OPUS-style folder name of a language pair: alphabetical, underscore inside a tag."""
    a, b = sorted((src_lang, tgt_lang))
    return f"{a.replace('-', '_')}-{b.replace('-', '_')}"
