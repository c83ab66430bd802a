"""Bytes to pages: find the files of a corpus, decode them, parse HTML into blocks.

A top-level folder of the corpus is a *site*; files directly in the corpus root
form the site ".". Sites are the unit of pairing and of parallel work, so the
corpus is walked site by site and never held whole.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusNotFound, EncodingUndetected
from .models import Block, FailedPage, Page
from .normalise import normalise, normalise_lines

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ROOT_SITE = "."

# The legacy code pages that occur on Balkan sites. cp1250 before cp1252: Serbian,
# Croatian and Bosnian Latin sites used it, and the two share most bytes.
LEGACY = ("cp1250", "cp1251", "cp1252")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)

# Letters a page in sq, sr, hr, bs, mk or en is made of; anything else in a
# decoding (æ, ð, þ, ¹, ¾ ...) is a sign the code page was the wrong one.
_EXPECTED = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "čćđšžČĆĐŠŽëËçÇ"
    "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
    "ѓќѕЃЌЅ"
    "0123456789 \n\t.,;:!?\"'()-–—…«»„“”‘’/%&@#+*=<>[]{}|_\r€°§"
)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path  # absolute
    rel: str  # relative to the corpus root, with forward slashes
    site: str


def check_corpus(corpus: Path) -> Path:
    """The corpus folder, or CorpusNotFound saying what is wrong with it."""
    corpus = Path(corpus)
    if not corpus.exists():
        raise CorpusNotFound(f"corpus folder {str(corpus)!r} does not exist; pass the folder to align")
    if not corpus.is_dir():
        raise CorpusNotFound(f"{str(corpus)!r} is not a folder; pass the folder that holds the pages")
    return corpus


def iter_sites(corpus: Path) -> Iterator[tuple[str, list[SourceFile]]]:
    """Yield (site, files) in a stable order. Hidden files and folders are skipped."""
    corpus = check_corpus(corpus)
    root_files = [p for p in sorted(corpus.iterdir()) if p.is_file() and not p.name.startswith(".")]
    if root_files:
        yield ROOT_SITE, [SourceFile(p, p.name, ROOT_SITE) for p in root_files]
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = [
            SourceFile(p, p.relative_to(corpus).as_posix(), folder.name)
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
        ]
        if files:
            yield folder.name, files


def _plausibility(text: str) -> float:
    """Share of characters that belong to the languages we expect."""
    if not text:
        return 0.0
    sample = text[:20000]
    good = sum(1 for ch in sample if ch in _EXPECTED)
    return good / len(sample)


def _lookup(name: bytes | str) -> str | None:
    try:
        return codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, is_html: bool = False, forced: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding name).

    Order: a forced encoding; a byte-order mark; the page's own declaration
    (<meta charset>, <?xml encoding?>) when the bytes agree with it; strict UTF-8;
    then the legacy code page whose decoding looks most like sq/sr/en text.
    """
    if forced:
        try:
            return data.decode(forced), _lookup(forced) or forced
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingUndetected(f"cannot decode as {forced}: {exc}; try another --encoding") from exc
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    if is_html:
        head = data[:4096]
        match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        declared = _lookup(match.group(1)) if match else None
        if declared:
            # latin-1 and ascii declarations are habitually wrong on Balkan sites:
            # browsers read them as cp1252, and so do we.
            if declared in {"latin-1", "iso8859-1", "ascii"}:
                declared = "cp1252"
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # the declaration lies; detect from the bytes instead
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for name in LEGACY:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None or best[0] < 0.9:
        raise EncodingUndetected(
            "bytes fit none of UTF-8, cp1250, cp1251, cp1252; pass --encoding NAME to force one"
        )
    return best[2], best[1]


# ---------------------------------------------------------------------------
# HTML

_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "head"}
_ZONES = {"article", "main", "nav", "header", "footer", "aside", "form"}
_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
    "figcaption", "caption", "td", "th", "address", "summary", "div", "section", "article",
    "main", "nav", "header", "footer", "aside", "form", "ul", "ol", "dl", "table", "tr",
    "tbody", "thead", "figure", "body", "label", "button", "option", "select", "legend",
    "fieldset", "details", "hr", "br",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|sr-only|visually-hidden|screen-reader-text|d-none)(?:\s|$)")


class _BlockBuilder:
    """Walks an lxml tree and cuts it into blocks at block-level elements and <br>."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._link_chars = 0
        self._ctx: tuple[str | None, str | None, bool, str, bool] = (None, None, False, "", False)

    def flush(self) -> None:
        raw = "".join(self._parts)
        self._parts = []
        links, self._link_chars = self._link_chars, 0
        for line in raw.split("\n"):
            text = normalise(line)
            if not text:
                continue
            zone, tag, hidden, attrs, in_article = self._ctx
            total = max(1, len(raw.strip()))
            self.blocks.append(
                Block(text=text, zone=zone or "body", tag=tag, link_density=min(1.0, links / total),
                      hidden=hidden, attrs=attrs.strip(), in_article=in_article)
            )

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            # a newline in HTML source is white space; only <br> breaks a line
            self._parts.append(text.replace("\r", " ").replace("\n", " "))
            if in_link:
                self._link_chars += len(text.strip())

    def walk(self, el, zone: str | None, hidden: bool, attrs: str, in_link: bool, in_article: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments, processing instructions
            self.add(el.tail, in_link)
            return
        tag = tag.lower().split("}")[-1]
        if tag in _DROP_TAGS:
            self.add(el.tail, in_link)
            return
        style = el.get("style") or ""
        klass = " ".join(filter(None, (el.get("class"), el.get("id")))).lower()
        now_hidden = hidden or el.get("hidden") is not None or el.get("aria-hidden") == "true" \
            or bool(_HIDDEN_STYLE.search(style)) or bool(_HIDDEN_CLASS.search(klass))
        now_zone = tag if tag in _ZONES else zone
        now_attrs = f"{attrs} {klass}" if klass else attrs
        # the block is in the article when an ancestor (not the element itself) is one
        child_in_article = in_article or tag in {"article", "main"}
        is_block = tag in _BLOCK_TAGS
        if tag == "br":
            self._parts.append("\n")
            self.add(el.tail, in_link)
            return
        if is_block:
            self.flush()
            self._ctx = (now_zone, tag, now_hidden, now_attrs, in_article)
        self.add(el.text, in_link or tag == "a")
        for child in el:
            self.walk(child, now_zone, now_hidden, now_attrs, in_link or tag == "a", child_in_article)
            if is_block:
                # text after a nested block belongs to this element again
                self._ctx = (now_zone, tag, now_hidden, now_attrs, in_article)
        if is_block:
            self.flush()
        self.add(el.tail, in_link)


def parse_html(text: str) -> tuple[tuple[Block, ...], str | None, str | None]:
    """HTML text -> (blocks, title, declared language)."""
    import lxml.etree  # here, not at the top: reading text files never needs it
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        # lxml refuses str input that carries an encoding declaration
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    title_el = root.find(".//title")
    title = normalise(title_el.text_content()) if title_el is not None else None
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    body = root.find("body")
    builder = _BlockBuilder()
    builder.walk(body if body is not None else root, None, False, "", False)
    builder.flush()
    return tuple(builder.blocks), title or None, (lang or None)


_SENTENCE_END_CHARS = re.compile(r"[.!?:;…\"”»)]")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*•–·▪●])\s")


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A blank-line separated block that is one paragraph wrapped at a fixed width:
    every line but the last of similar length, none longer than a wrap width, no
    list items. Lines of an address or a menu are short and ragged, and a
    paragraph per line is far longer than any wrap width."""
    if len(lines) < 2 or any(_LIST_ITEM.match(line) for line in lines):
        return False
    body = [len(line) for line in lines[:-1]]
    widest = max(body)
    if not (40 <= min(body) and widest <= 120 and widest - min(body) <= 0.3 * widest and len(lines[-1]) <= widest + 2):
        return False
    # A wrap falls mid-sentence, mostly before a lower-case word; short paragraphs
    # one per line end their sentences, and a title or a menu line is followed
    # by a capital.
    breaks = len(lines) - 1
    ended = sum(1 for line in lines[:-1] if _SENTENCE_END_CHARS.match(line[-1]))
    lower = sum(1 for line in lines[1:] if line[:1].islower())
    return ended * 3 <= breaks and lower * 2 >= breaks


def parse_text(text: str) -> tuple[Block, ...]:
    """A text dump: every non-empty line is a block, except that a paragraph hard-wrapped
    at a fixed width between blank lines is joined back into one block. A blank line
    before a block is kept as a flag."""
    groups: list[list[str]] = [[]]
    for line in normalise_lines(text):
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    blocks = []
    for group in groups:
        if not group:
            continue
        if _is_hard_wrapped(group):
            # a line ending in a hyphen after a letter goes on without a space:
            # the hyphen is kept, since "state-building" is commoner on the web
            # than a word split at the margin
            joined = group[0]
            for line in group[1:]:
                joined = joined + line if joined.endswith("-") and joined[-2:-1].isalpha() else f"{joined} {line}"
            group = [joined]
        blocks += [Block(text=line, starts_paragraph=k == 0) for k, line in enumerate(group)]
    return tuple(blocks)


_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<title)", re.I)


def sniff_format(data: bytes) -> str:
    """"html", "text" or "" (binary) for a file with no extension."""
    head = data[:2048]
    if head.startswith(_BINARY_MAGIC) or (b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))):
        return ""
    return "html" if _HTML_START.match(head.lstrip(codecs.BOM_UTF8)) else "text"


def read_page(source: SourceFile, forced_encoding: str | None = None,
              max_bytes: int = 0) -> Page | FailedPage:
    """Read one file. Never raises for a bad file: a FailedPage says what went wrong.
    A file larger than ``max_bytes`` (0: no limit) is not read: "too-large"."""
    suffix = source.path.suffix.lower()
    fmt = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else ""
    if not fmt and suffix:
        return FailedPage(source.rel, source.site, "unsupported", f"unsupported file type {suffix!r}")
    try:
        size = source.path.stat().st_size
        if max_bytes and size > max_bytes:
            return FailedPage(source.rel, source.site, "too-large",
                              f"{size:,} bytes is over the page size limit of {max_bytes:,} bytes "
                              "(raise it with --max-page-mb)", fmt)
        data = source.path.read_bytes()
    except OSError as exc:
        return FailedPage(source.rel, source.site, "unreadable", str(exc), fmt)
    if not fmt:
        # Scrapers often save pages without an extension: tell by the bytes.
        fmt = sniff_format(data)
        if not fmt:
            return FailedPage(source.rel, source.site, "unsupported", "no file extension and not text or HTML")
    return page_from_bytes(data, source.rel, source.site, fmt, forced_encoding)


def _lxml_error() -> type[Exception]:
    import lxml.etree

    return lxml.etree.LxmlError


def page_from_bytes(data: bytes, rel: str, site: str, fmt: str,
                    forced_encoding: str | None = None) -> Page | FailedPage:
    """A page from the bytes of a file whose format ("html" or "text") is known.
    Never raises for bad bytes: a FailedPage says what went wrong."""
    if not data.strip():
        return FailedPage(rel, site, "empty", "the file is empty", fmt)
    try:
        text, encoding = decode(data, is_html=fmt == "html", forced=forced_encoding)
    except EncodingUndetected as exc:
        return FailedPage(rel, site, "undecodable", str(exc), fmt)
    try:
        if fmt == "html":
            blocks, title, lang = parse_html(text)
        else:
            blocks, title, lang = parse_text(text), None, None
    except (_lxml_error(), ValueError) as exc:  # the tuple is built only when something was raised
        return FailedPage(rel, site, "unparsable", f"{type(exc).__name__}: {exc}", fmt, encoding)
    if not blocks:
        return FailedPage(rel, site, "empty", "no text in the file", fmt, encoding)
    return Page(rel, site, fmt, encoding, blocks, title, lang)
