"""Files given one by one, outside a corpus run: what ``polycorpus detect`` and
``polycorpus align-pair`` do.

    for path, result in detect_files(["page.html"]): ...
    pair = align_documents("report.en.txt", "report.sr.txt", unit="line")
    print("\\n".join(pair.lines("tsv")))

Heavy modules (the language tables, lxml, spaCy) load only when a file needs
them, so that aligning two small files starts fast.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .models import Bead, LangResult
from .segment import Unit, split_segments
from .settings import Settings

#: the output formats of :meth:`AlignedDocuments.lines`
FORMATS = ("ladder", "tsv", "jsonl")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file; ``-`` reads standard input."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror}") from exc


def read_text(path: str | Path) -> str:
    """A file's text, its encoding detected (see :func:`polycorpus.ingest.decode`)."""
    from .ingest import decode

    return decode(read_bytes(path))[0]


# ---------------------------------------------------------------------------
# Language of files


def detect_files(
    paths: Iterable[str | Path], per_line: bool = False, prefer: str | None = None,
    settings: Settings | None = None,
) -> Iterator[tuple[str | None, LangResult]]:
    """The language of each file, as ``(path, result)``: from its content paragraphs,
    its boilerplate left out first (the page alone is its site). With
    ``per_line``, one ``(None, result)`` per line of each file instead, every
    line judged as it is. ``prefer`` is :func:`polycorpus.language.identify`'s."""
    settings = settings or Settings(jobs=1, progress=False)
    for path in paths:
        if per_line:
            for line in file_lines(path):
                yield None, _language().identify(line, prefer=prefer)
        else:
            yield str(path), _language().identify_page(content_paragraphs(path, settings), prefer=prefer)


def file_lines(path: str | Path) -> list[str]:
    """The lines of a file's text; of an HTML file, the lines of its visible text."""
    from .ingest import HTML_SUFFIXES, decode, parse_html

    data = read_bytes(path)
    is_html = Path(path).suffix.lower() in HTML_SUFFIXES
    text, _ = decode(data, is_html=is_html)
    if is_html:
        text = "\n".join(block.text for block in parse_html(text)[0])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    return lines


def content_paragraphs(path: str | Path, settings: Settings) -> list[str]:
    """A page's paragraphs without its boilerplate (all of them when everything
    looks like boilerplate); none for an empty file."""
    from . import boilerplate
    from .ingest import HTML_SUFFIXES, TEXT_SUFFIXES, page_from_bytes, sniff_format
    from .models import FailedPage

    data = read_bytes(path)
    suffix = Path(path).suffix.lower()
    fmt = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else (sniff_format(data) or "text")
    page = page_from_bytes(data, str(path), "detect", fmt)
    if isinstance(page, FailedPage):
        if page.status != "empty":
            raise InputError(f"cannot read {str(path)!r}: {page.error}")
        return []
    lines = boilerplate.strip_site([page], settings)[0]
    return [line.text for line in lines if not line.is_boilerplate] or [line.text for line in lines]


def format_detection(result: LangResult, path: str | None = None, as_json: bool = False) -> str:
    """``[PATH<TAB>]TAG<TAB>CONFIDENCE``, or a JSON object with the deciding cues."""
    if as_json:
        record = {"tag": result.tag, "confidence": round(result.confidence, 4), "evidence": list(result.evidence)}
        return json.dumps({"path": path, **record} if path else record, ensure_ascii=False)
    return f"{path}\t{result.tag}\t{result.confidence:.4f}" if path else f"{result.tag}\t{result.confidence:.4f}"


def _language():
    # the language tables take longer to load than everything else align-pair needs
    from . import language

    return language


# ---------------------------------------------------------------------------
# Two documents aligned


@dataclass(frozen=True, slots=True)
class AlignedDocuments:
    """Two documents cut into segments, and the beads that align them."""

    src: list[str]
    tgt: list[str]
    beads: list[Bead]

    def lines(self, fmt: str = "ladder") -> Iterator[str]:
        """The beads as ``ladder``, ``tsv`` or ``jsonl`` lines (see :mod:`polycorpus.align`)."""
        from . import align

        if fmt == "ladder":
            return align.format_ladder(self.beads)
        if fmt == "tsv":
            return align.format_tsv(self.beads, self.src, self.tgt)
        if fmt == "jsonl":
            return align.format_jsonl(self.beads, self.src, self.tgt)
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def align_documents(
    src: str | Path, tgt: str | Path, unit: Unit = "paragraph",
    src_lang: str | None = None, tgt_lang: str | None = None,
) -> AlignedDocuments:
    """Align two given files, translations of each other, in two passes
    (:func:`polycorpus.align.align_many`). Every segment of both sides is in
    exactly one bead, in order.

    ``unit``: see :func:`polycorpus.segment.split_segments`. Only sentence
    splitting depends on the language; for it a language not given is detected
    from the file's first 200 non-empty lines."""
    from .align import align_many

    texts = [read_text(src), read_text(tgt)]
    langs = [src_lang, tgt_lang]
    if unit == "sentence":
        langs = [given or _language().identify_page([t for t in text.splitlines() if t.strip()][:200]).tag
                 for given, text in zip(langs, texts)]
    segments = [split_segments(text, unit, lang or "xx") for text, lang in zip(texts, langs)]
    beads = align_many([(segments[0], segments[1])])[0]
    return AlignedDocuments(segments[0], segments[1], beads)
