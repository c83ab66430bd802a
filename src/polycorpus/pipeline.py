"""The stages of `polycorpus align`, in order, one site at a time.

    1. ingest       files -> Page (decoded, normalised, HTML cut into blocks)   ingest.py
    2. boilerplate  Page blocks -> kept / dropped lines, each with a reason     boilerplate.py
    3. language     kept lines -> paragraphs with tags; the page's tag           language.py
    4. pairing      documents of a site -> translated page pairs               pairing.py
    5. alignment    each pair's paragraphs -> beads with scores                 align.py
    6. write        rows streamed into OUT, swapped in atomically               export/parquet.py

A site is the unit of work: its pages are read together (repetition across a
site is evidence of boilerplate; pairing is within a site), and sites run in
parallel worker processes. Only one site per worker is in memory at a time.
"""
from __future__ import annotations

import multiprocessing
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import align, boilerplate, ingest, language, pairing
from .export.parquet import CorpusWriter, pair_name
from .models import Bead, Document, FailedPage, LangResult, LineDecision, Page, PagePair, Paragraph, SiteResult
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
        letters = sum(ch.isalpha() for ch in text)
        if letters < settings.min_letters_for_lang and page_lang.tag != "und":
            # too short to decide alone (a name, a date): it shares its page's language
            lang = LangResult(page_lang.tag, page_lang.confidence * 0.5, ("short:page-lang",) + lang.evidence)
        elif lang.tag in _BCMS and page_lang.tag in _BCMS and lang.tag != page_lang.tag:
            lang = LangResult(page_lang.tag, min(lang.confidence, page_lang.confidence),
                              ("page-lang:" + lang.tag,) + lang.evidence)
        paragraphs.append(Paragraph(index, text, lang))
    return Document(page, page_lang, tuple(paragraphs), tuple(lines))


def align_site(pairs: Sequence[PagePair]) -> list[tuple[PagePair, tuple[Bead, ...]]]:
    """Stage 5: align every pair; pairs of one language pair are aligned together so
    the aligner can learn word pairs from all of them."""
    groups: dict[tuple[str, str], list[PagePair]] = {}
    for pair in pairs:
        groups.setdefault((pair.src.lang.tag, pair.tgt.lang.tag), []).append(pair)
    aligned: dict[int, tuple[Bead, ...]] = {}
    for (src_lang, tgt_lang), group in sorted(groups.items()):
        docs = [([p.text for p in pair.src.paragraphs], [p.text for p in pair.tgt.paragraphs]) for pair in group]
        for pair, beads in zip(group, align.align_many(docs, src_lang, tgt_lang)):
            aligned[id(pair)] = tuple(beads)
    return [(pair, aligned[id(pair)]) for pair in pairs]


def process_site(site: str, files: Sequence[ingest.SourceFile], settings: Settings) -> SiteResult:
    """Run stages 1-5 on one site."""
    # 1. ingest: a bad file becomes a FailedPage and the run goes on
    pages: list[Page] = []
    failed: list[FailedPage] = []
    for source in files:
        page = ingest.read_page(source, settings.encoding)
        (pages if isinstance(page, Page) else failed).append(page)  # type: ignore[arg-type]
    # 2. boilerplate, with every page of the site as evidence of what repeats
    decisions = boilerplate.strip_site(pages, settings) if pages else []
    # 3. language of paragraphs and pages
    documents = [build_document(page, lines, settings) for page, lines in zip(pages, decisions)]
    # 4. pairing within the site
    pairs, unpaired = pairing.pair_site(documents, settings)
    # 5. alignment
    aligned = align_site(pairs)
    return SiteResult(site, tuple(documents), tuple(failed), tuple(aligned), tuple(unpaired))


def _process_job(job: tuple[str, list[ingest.SourceFile], Settings]) -> SiteResult:
    return process_site(*job)


def run(
    corpus: Path,
    out: Path,
    settings: Settings,
    on_site: Callable[[SiteResult], None] | None = None,
) -> RunReport:
    """Align a corpus folder into OUT. Raises PolycorpusError for a missing corpus
    or an unwritable OUT; a bad file never stops the run."""
    report = RunReport()
    ingest.check_corpus(Path(corpus))  # before OUT is touched
    sites: Iterable[tuple[str, list[ingest.SourceFile]]] = ingest.iter_sites(Path(corpus))
    jobs = ((site, files, settings) for site, files in sites)
    with CorpusWriter(Path(out), settings.as_metadata()) as writer:
        if settings.jobs == 1:
            results: Iterable[SiteResult] = map(_process_job, jobs)
            _consume(results, writer, report, on_site)
        else:
            # fork keeps start-up cheap; results come back in site order, so runs are deterministic
            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            with ctx.Pool(settings.jobs) as pool:
                _consume(pool.imap(_process_job, jobs), writer, report, on_site)
    return report


def _consume(results: Iterable[SiteResult], writer: CorpusWriter, report: RunReport,
             on_site: Callable[[SiteResult], None] | None) -> None:
    for result in results:
        writer.write_site(result)
        report.add(result)
        if on_site is not None:
            on_site(result)
