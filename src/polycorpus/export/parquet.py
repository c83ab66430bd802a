"""Write a run's results as Parquet, atomically.

Everything is written into a hidden sibling folder of OUT; only when the run
has finished is it swapped into place. A failed or interrupted run leaves no
half-written OUT and an earlier OUT intact.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import OutputNotWritable
from ..models import Bead, PagePair, Paragraph, SiteResult, pair_name
from . import schema

ROWS_PER_PART = 250_000
PAIRS_DIR = "pairs"


def pair_id(src_path: str, tgt_path: str, src_idx: tuple[int, ...], tgt_idx: tuple[int, ...]) -> str:
    """Stable across runs of the same input: a hash of the paths and paragraph indices."""
    key = f"{src_path}\t{tgt_path}\t{','.join(map(str, src_idx))}\t{','.join(map(str, tgt_idx))}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def bead_rows(site: str, pair: PagePair, beads: tuple[Bead, ...]) -> Iterator[dict[str, object]]:
    """One row per bead of a page pair, in the PAIRS schema."""
    src, tgt = pair.src, pair.tgt
    name = pair_name(src.lang.tag, tgt.lang.tag)
    for bead in beads:
        src_pars = [src.paragraphs[i] for i in bead.src]
        tgt_pars = [tgt.paragraphs[j] for j in bead.tgt]
        src_text = "\n".join(p.text for p in src_pars)
        tgt_text = "\n".join(p.text for p in tgt_pars)
        yield {
            "pair": name,
            "pair_id": pair_id(src.path, tgt.path, bead.src, bead.tgt),
            "site": site,
            "src_path": src.path,
            "tgt_path": tgt.path,
            "src_lang": src.lang.tag,
            "tgt_lang": tgt.lang.tag,
            "src_script": src.lang.script,
            "tgt_script": tgt.lang.script,
            "src_text": src_text,
            "tgt_text": tgt_text,
            "src_par_idx": list(bead.src),
            "tgt_par_idx": list(bead.tgt),
            "alignment_type": bead.kind,
            "score": float(bead.score),
            "page_pair_score": float(pair.score),
            # a bead's language confidence is that of its least sure paragraph
            "src_lid_conf": min((p.lang.confidence for p in src_pars), default=0.0),
            "tgt_lid_conf": min((p.lang.confidence for p in tgt_pars), default=0.0),
            "length_ratio": len(src_text) / len(tgt_text) if src_text and tgt_text else None,
            "src_n_chars": len(src_text),
            "tgt_n_chars": len(tgt_text),
            "review_status": "auto",
        }


def document_rows(result: SiteResult) -> Iterator[dict[str, object]]:
    """One row per input file of the site, failures included."""
    partners: dict[str, list[str]] = {}
    for pair, _ in result.pairs:
        partners.setdefault(pair.src.path, []).append(pair.tgt.path)
        partners.setdefault(pair.tgt.path, []).append(pair.src.path)
    unpaired = {u.path: u for u in result.unpaired}
    for doc in result.documents:
        paired = sorted(partners.get(doc.path, []))
        left = None if paired else unpaired.get(doc.path)
        yield {
            "path": doc.path,
            "site": result.site,
            "format": doc.page.format,
            "encoding": doc.page.encoding,
            "lang": doc.lang.tag,
            "script": doc.lang.script,
            "lang_conf": float(doc.lang.confidence),
            "status": "paired" if paired else "unpaired",
            "n_paragraphs": len(doc.paragraphs),
            "n_boilerplate": doc.n_boilerplate,
            "n_chars": sum(len(p.text) for p in doc.paragraphs),
            "title": doc.page.title,
            "paired_with": paired,
            "unpaired_reason": None if paired else (left.reason if left else "no-partner"),
            "best_candidate": left.best if left else None,
            "best_candidate_score": left.best_score if left else None,
            "error": None,
        }
    for failed in result.failed:
        yield {
            "path": failed.path,
            "site": result.site,
            "format": failed.format,
            "encoding": failed.encoding,
            "lang": "und",
            "script": "",
            "lang_conf": 0.0,
            "status": failed.status,
            "n_paragraphs": 0,
            "n_boilerplate": 0,
            "n_chars": 0,
            "title": None,
            "paired_with": [],
            "unpaired_reason": None,
            "best_candidate": None,
            "best_candidate_score": None,
            "error": failed.error,
        }


def paragraph_rows(result: SiteResult) -> Iterator[dict[str, object]]:
    """Every line of every page with its decision: the audit trail of the run."""
    for doc in result.documents:
        content = iter(doc.paragraphs)
        for line_no, line in enumerate(doc.lines):
            par: Paragraph | None = None if line.is_boilerplate else next(content)
            yield {
                "path": doc.path,
                "site": result.site,
                "line": line_no,
                "block": line.block,
                "index": par.index if par else None,
                "text": line.text,
                "is_boilerplate": line.is_boilerplate,
                "reason": line.reason,
                "boilerplate_score": float(line.score),
                "lang": par.lang.tag if par else None,
                "lang_conf": float(par.lang.confidence) if par else None,
                "lang_evidence": " ".join(par.lang.evidence) if par else None,
            }



class _PartedWriter:
    """A ParquetWriter that starts a new part file every ROWS_PER_PART rows."""

    def __init__(self, folder: Path, table_schema: pa.Schema) -> None:
        self.folder = folder
        self.schema = table_schema
        self.part = 0
        self.rows_in_part = 0
        self.writer: pq.ParquetWriter | None = None

    def write(self, rows: list[dict[str, object]]) -> None:
        if not rows:
            return
        if self.writer is None or self.rows_in_part >= ROWS_PER_PART:
            self.close()
            self.folder.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.folder / f"part-{self.part:05d}.parquet", self.schema)
            self.part += 1
            self.rows_in_part = 0
        self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))
        self.rows_in_part += len(rows)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class CorpusWriter:
    """Context manager: streams site results into a temporary folder, then swaps it in as OUT."""

    def __init__(self, out: Path, settings: dict[str, object]) -> None:
        self.out = Path(out)
        self.settings = settings
        self.tmp: Path | None = None
        self._pairs: dict[str, _PartedWriter] = {}
        self._docs: pq.ParquetWriter | None = None
        self._pars: pq.ParquetWriter | None = None

    def __enter__(self) -> CorpusWriter:
        out = self.out
        if out.exists() and not out.is_dir():
            raise OutputNotWritable(f"{str(out)!r} exists and is a file; pass a folder to --out")
        if out.is_dir() and any(out.iterdir()) and not (out / "documents.parquet").exists():
            raise OutputNotWritable(
                f"{str(out)!r} is a non-empty folder that is not a polycorpus output; "
                "pick another --out or empty it"
            )
        self._check_no_review_server()
        parent = out.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
        except OSError as exc:
            raise OutputNotWritable(f"cannot write under {str(parent)!r}: {exc.strerror}; pick another --out") from exc
        self._docs = pq.ParquetWriter(self.tmp / "documents.parquet", schema.with_metadata(schema.DOCUMENTS, "documents", self.settings))
        self._pars = pq.ParquetWriter(self.tmp / "paragraphs.parquet", schema.with_metadata(schema.PARAGRAPHS, "paragraphs", self.settings))
        return self

    def _check_no_review_server(self) -> None:
        from ..review.store import server_running

        if self.out.is_dir() and server_running(self.out):
            raise OutputNotWritable(f"a `polycorpus review` server is running on {str(self.out)!r}; "
                                    "stop it (Ctrl-C) before re-building this output, so no decision is lost")

    def scratch(self) -> Path:
        """A folder for the run's intermediate files; removed before OUT is swapped in."""
        assert self.tmp is not None
        folder = self.tmp / ".scratch"
        folder.mkdir(exist_ok=True)
        return folder

    def write_site(self, result: SiteResult) -> int:
        """Write one site's rows; returns the number of bead rows written."""
        assert self.tmp is not None and self._docs is not None and self._pars is not None
        by_pair: dict[str, list[dict[str, object]]] = {}
        for pair, beads in result.pairs:
            for row in bead_rows(result.site, pair, beads):
                by_pair.setdefault(row["pair"], []).append(row)  # type: ignore[arg-type]
        for name in sorted(by_pair):
            if name not in self._pairs:
                self._pairs[name] = _PartedWriter(
                    self.tmp / PAIRS_DIR / name, schema.with_metadata(schema.PAIRS, "pairs", self.settings)
                )
            self._pairs[name].write(by_pair[name])
        docs = list(document_rows(result))
        if docs:
            self._docs.write_table(pa.Table.from_pylist(docs, schema=self._docs.schema))
        pars = list(paragraph_rows(result))
        if pars:
            self._pars.write_table(pa.Table.from_pylist(pars, schema=self._pars.schema))
        return sum(len(rows) for rows in by_pair.values())

    def _close_all(self) -> None:
        for writer in self._pairs.values():
            writer.close()
        for table_writer in (self._docs, self._pars):
            if table_writer is not None:
                table_writer.close()

    def __exit__(self, exc_type, exc, tb) -> None:
        self._close_all()
        assert self.tmp is not None
        if exc_type is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return
        shutil.rmtree(self.tmp / ".scratch", ignore_errors=True)
        (self.tmp / PAIRS_DIR).mkdir(exist_ok=True)  # an output with no pairs still has the folder
        from ..review.store import carry_over

        # translators' decisions outlive a new run: they are keyed by paths and paragraph indices
        try:
            self._check_no_review_server()
        except OutputNotWritable:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        reviewed = self.out.is_dir() and carry_over(self.out, self.tmp)
        old = None
        try:
            if self.out.exists():
                old = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
                os.replace(self.out, old)
            os.replace(self.tmp, self.out)
        except OSError as exc:
            if old is not None and not self.out.exists():
                os.replace(old, self.out)
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise OutputNotWritable(f"cannot move the output into {str(self.out)!r}: {exc.strerror}") from exc
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        if reviewed:
            from ..review.corpus import ReviewMisfit, misfits

            found = misfits(self.out)
            if found:
                warnings.warn(ReviewMisfit(
                    f"{len(found)} review decision(s) no longer fit the new alignment; they stay in "
                    f"review.sqlite and `polycorpus review` shows them: " + "; ".join(map(str, found[:5]))), stacklevel=2)
