"""The stages of `polycorpus align`, in order, one site at a time.

    1. ingest       files -> Page (decoded, normalised, HTML cut into blocks)   ingest.py
    2. boilerplate  Page blocks -> kept / dropped lines, each with a reason     boilerplate.py
    3. language     kept lines -> paragraphs with tags; the page's tag           language.py
    3b. site language  weak page tags -> the likeliest of the site's languages  site_language.py
    4. pairing      documents of a site -> translated page pairs, by content    pairing/
    5. alignment    each pair's paragraphs -> beads with scores, in two passes:  align/
                    the second uses word pairs and length ratios learned from
                    the first pass over the whole corpus, per language pair
    6. write        rows streamed into OUT, swapped in atomically               export/parquet.py

A site is the unit of work: its pages are read together (repetition across a
site is evidence of boilerplate; pairing is within a site), and sites run as
parallel tasks of an engine (engine/: a local process pool or Dask). Only one
site per worker is in memory at a time; between the two alignment passes a
site waits on disk (the work folder beside OUT), not in memory.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import align, boilerplate, ingest, language, pairing, site_language
from .models import (
    Document,
    FailedPage,
    LangResult,
    LineDecision,
    Page,
    PagePair,
    Paragraph,
    SiteResult,
    Unpaired,
    pair_name,
)
from .settings import Settings

# Tags that langdetect and our own cues confuse with one another: within this
# family a paragraph takes its page's decision, which rests on far more text.
_BCMS = {"sr-Latn", "hr", "bs"}


@dataclass
class RunReport:
    """What a run did, for the summary on stderr and for callers of the library."""

    sites: int = 0
    files: int = 0
    pages_by_lang: Counter[str] = field(default_factory=Counter)
    pairs_by_lang: Counter[str] = field(default_factory=Counter)
    beads_by_type: Counter[str] = field(default_factory=Counter)
    dropped_by_reason: Counter[str] = field(default_factory=Counter)
    unpaired_by_reason: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, status, error)
    # the work a run did, apart from what it found in the work folder beside OUT
    prepared: list[str] = field(default_factory=list)  # sites whose first pass ran
    models_learned: list[str] = field(default_factory=list)  # language pairs whose model was learned
    finished: list[str] = field(default_factory=list)  # sites whose second pass ran
    failed_sites: list[str] = field(default_factory=list)  # sites whose task failed twice

    @property
    def beads(self) -> int:
        return sum(self.beads_by_type.values())

    def add(self, result: SiteResult) -> None:
        self.sites += 1
        self.files += len(result.documents) + len(result.failed)
        for doc in result.documents:
            self.pages_by_lang[doc.lang.tag] += 1
            for line in doc.lines:
                if line.is_boilerplate:
                    self.dropped_by_reason[line.reason] += 1
        for pair, beads in result.pairs:
            self.pairs_by_lang[pair_name(pair.src.lang.tag, pair.tgt.lang.tag)] += 1
            for bead in beads:
                self.beads_by_type[bead.kind] += 1
        for unpaired in result.unpaired:
            self.unpaired_by_reason[unpaired.reason.split()[0].rstrip(":")] += 1
        for failed in result.failed:
            self.failed.append((failed.path, failed.status, failed.error))

    def summary(self) -> str:
        def counts(counter: Counter[str]) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"

        lines = [
            f"sites: {self.sites}; files: {self.files}; pages read: {sum(self.pages_by_lang.values())}"
            f" ({counts(self.pages_by_lang)})",
            f"page pairs: {sum(self.pairs_by_lang.values())} ({counts(self.pairs_by_lang)})",
            f"beads: {self.beads} ({counts(self.beads_by_type)})",
            f"lines dropped: {sum(self.dropped_by_reason.values())} ({counts(self.dropped_by_reason)})",
            f"pages unpaired: {sum(self.unpaired_by_reason.values())} ({counts(self.unpaired_by_reason)})",
            f"files failed: {len(self.failed)}",
            f"work: first pass run on {len(self.prepared)} of {self.sites} sites, second pass on"
            f" {len(self.finished)}, models learned {len(self.models_learned)}; the rest from the work folder"
            + (f"; sites failed twice: {len(self.failed_sites)}" if self.failed_sites else ""),
        ]
        lines += [f"  {path}: {status}: {error}" for path, status, error in self.failed[:20]]
        if len(self.failed) > 20:
            lines.append(f"  ... and {len(self.failed) - 20} more (see documents.parquet)")
        return "\n".join(lines)


def build_document(page: Page, lines: Sequence[LineDecision], settings: Settings) -> Document:
    """Stage 3: the language of every kept line and of the page as a whole."""
    kept = [line.text for line in lines if not line.is_boilerplate]
    if kept:
        page_lang, own = language.identify_document(kept)  # one scan per paragraph serves both
    else:
        page_lang, own = LangResult("und", 0.0, ("no-content",)), []
    paragraphs = []
    for index, (text, lang) in enumerate(zip(kept, own)):
        letters = sum(map(str.isalpha, text))
        if letters < settings.min_letters_for_lang and page_lang.tag != "und":
            # too short to decide alone (a name, a date): it shares its page's language
            lang = LangResult(page_lang.tag, page_lang.confidence * 0.5, ("short:page-lang",) + lang.evidence)
        elif lang.tag in _BCMS and page_lang.tag in _BCMS and lang.tag != page_lang.tag:
            lang = LangResult(page_lang.tag, min(lang.confidence, page_lang.confidence),
                              ("page-lang:" + lang.tag,) + lang.evidence)
        paragraphs.append(Paragraph(index, text, lang))
    return Document(page, page_lang, tuple(paragraphs), tuple(lines))


LangPair = tuple[str, str]


@dataclass
class SiteDraft:
    """A site after stages 1-4 and the aligner's first pass, waiting for what the
    whole corpus teaches the second pass. Spilled to disk between the passes."""

    site: str
    documents: tuple[Document, ...]
    failed: tuple[FailedPage, ...]
    unpaired: tuple[Unpaired, ...]
    groups: dict[LangPair, list[PagePair]]  # page pairs by language pair, in pair order
    runs: dict[LangPair, list]  # the first pass's runs, one per page pair of the group


def _texts(pair: PagePair) -> tuple[list[str], list[str]]:
    return [p.text for p in pair.src.paragraphs], [p.text for p in pair.tgt.paragraphs]


def prepare_site(site: str, files: Sequence[ingest.SourceFile],
                 settings: Settings) -> tuple[SiteDraft, dict[LangPair, align.Evidence]]:
    """Stages 1-4 and the first alignment pass of one site."""
    # 1. ingest: a bad file becomes a FailedPage and the run goes on
    pages: list[Page] = []
    failed: list[FailedPage] = []
    for source in files:
        page = ingest.read_page(source, settings.encoding, settings.max_page_bytes)
        (pages if isinstance(page, Page) else failed).append(page)  # type: ignore[arg-type]
    # 2. boilerplate, with every page of the site as evidence of what repeats
    decisions = boilerplate.strip_site(pages, settings) if pages else []
    # 3. language of paragraphs and pages
    documents = [build_document(page, lines, settings) for page, lines in zip(pages, decisions)]
    # 3b. a page too short or too even to decide alone takes one of the site's languages
    documents = site_language.settle(documents)
    # 4. pairing within the site
    aligned = align.FirstPasses()  # first-pass runs of the pairs pairing learned from, pages' segment keys
    pairs, unpaired = pairing.pair_site(documents, settings, aligned)
    # 5a. first alignment pass, per language pair; what it teaches is pooled over the corpus
    groups: dict[LangPair, list[PagePair]] = {}
    for pair in pairs:
        groups.setdefault((pair.src.lang.tag, pair.tgt.lang.tag), []).append(pair)
    runs: dict[LangPair, list] = {}
    evidence: dict[LangPair, align.Evidence] = {}
    for key, group in sorted(groups.items()):
        ids = [f"{pair.src.path}\t{pair.tgt.path}" for pair in group]
        runs[key], evidence[key] = align.first_pass([_texts(pair) for pair in group], doc_ids=ids, done=aligned,
                                                    sides=[(pair.src.path, pair.tgt.path) for pair in group])
    draft = SiteDraft(site, tuple(documents), tuple(failed), tuple(unpaired), groups, runs)
    return draft, evidence


def finish_site(draft: SiteDraft, learned: dict[LangPair, align.Learned]) -> SiteResult:
    """5b. The second alignment pass, with what the whole corpus taught."""
    aligned = []
    for key, group in sorted(draft.groups.items()):
        beads = align.second_pass([_texts(pair) for pair in group], draft.runs[key], learned[key])
        aligned += [(pair, tuple(b)) for pair, b in zip(group, beads)]
    order = {id(pair): k for k, pair in enumerate(p for g in draft.groups.values() for p in g)}
    aligned.sort(key=lambda item: order[id(item[0])])
    return SiteResult(draft.site, draft.documents, draft.failed, tuple(aligned), draft.unpaired)


def run(
    corpus: Path,
    out: Path,
    settings: Settings,
    on_progress: Callable[[int], None] | None = None,
    on_message: Callable[[str], None] | None = None,
) -> RunReport:
    """Align a corpus folder into OUT. Raises PolycorpusError for a missing corpus
    or an unwritable OUT; a bad file never stops the run, nor does a site that fails twice.

    Two sweeps over the sites: the first runs stages 1-4 and the aligner's first
    pass (prepare_site), keeping only what the alignments teach (word pairs,
    length ratios) per language pair; the second realigns every site with that
    pooled knowledge (finish_site) and writes it. Sites are tasks run by
    ``settings.engine`` (a local process pool or Dask); what they make is kept
    in a work folder beside OUT so a killed or repeated run redoes only what
    changed (see engine/). ``on_progress`` is called with the number of files
    each time a site finishes a sweep; ``on_message`` with lines worth showing
    (the Dask dashboard's address)."""
    from . import engine

    return engine.run(corpus, out, settings, on_progress, on_message)
