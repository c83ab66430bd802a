"""The review applied to corpus rows: what `load()`, `export` and `stats` read.

The Parquet files are never rewritten. A page pair with events in the log is
read as aligned, its log is replayed, and its rows are made anew from the
replayed beads: edited texts, merged and split beads with their paragraph
indices, and the `review_status`, `reviewer` and `reviewed_at` columns.
"""
from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..export.parquet import pair_id
from ..export.schema import PAIRS
from .state import Paragraphs, ReviewBead
from .store import Event, Replayed, ReviewLog, replay

#: the columns load() adds to PAIRS: who made the last decision on a bead, and when
REVIEW_FIELDS = [pa.field("reviewer", pa.string(), nullable=True),
                 pa.field("reviewed_at", pa.timestamp("s", tz="UTC"), nullable=True)]
REVIEWED = pa.schema(list(PAIRS) + REVIEW_FIELDS)


class ReviewMisfit(UserWarning):
    """Review decisions that no longer fit the corpus's alignment (after a new `align` run)."""


@dataclass(frozen=True, slots=True)
class Misfit:
    event: int
    pair: str
    src_path: str
    tgt_path: str
    action: str
    reviewer: str
    at: str

    def __str__(self) -> str:
        return (f"event {self.event} ({self.action} by {self.reviewer} at {self.at}) on {self.src_path} | "
                f"{self.tgt_path}: the beads it changed are no longer aligned as they were")


def misfit(event: Event) -> Misfit:
    return Misfit(event.id, event.pair, event.src_path, event.tgt_path, event.action, event.reviewer, event.at)


@dataclass(frozen=True, slots=True)
class PageBase:
    """A page pair as aligned: its shared fields, beads, paragraph texts, and per-paragraph scores."""

    fields: dict[str, object]  # pair, site, paths, langs, scripts, page_pair_score
    beads: tuple[ReviewBead, ...]
    pars: Paragraphs
    scores: dict[str, float]  # bead key -> score as aligned
    par_score: dict[tuple[str, int], float]  # (side, paragraph) -> score of the bead it was aligned in
    par_conf: dict[tuple[str, int], float]  # (side, paragraph) -> language-ID confidence of its bead side

    @property
    def key(self) -> tuple[str, str]:
        return str(self.fields["src_path"]), str(self.fields["tgt_path"])

    def score(self, bead: ReviewBead) -> float:
        """As aligned; a bead a reviewer made gets the lowest score of the aligned beads it draws from."""
        if bead.key in self.scores:
            return self.scores[bead.key]
        values = [self.par_score.get(("src", i), 0.0) for i in bead.src]
        values += [self.par_score.get(("tgt", j), 0.0) for j in bead.tgt]
        return min(values, default=0.0)

    def conf(self, bead: ReviewBead, side: str) -> float:
        return min((self.par_conf.get((side, i), 0.0) for i in bead.side(side)), default=0.0)


PAGE_FIELDS = ("pair", "site", "src_path", "tgt_path", "src_lang", "tgt_lang", "src_script", "tgt_script",
               "page_pair_score")


def page_base(rows: Sequence[dict[str, object]]) -> PageBase:
    """The PageBase of one page pair from its Parquet rows (in file order)."""
    fields = {k: rows[0][k] for k in PAGE_FIELDS}
    beads, scores, par_score, par_conf = [], {}, {}, {}
    src: dict[int, str] = {}
    tgt: dict[int, str] = {}
    for row in rows:
        bead = ReviewBead(tuple(row["src_par_idx"]), tuple(row["tgt_par_idx"]))  # type: ignore[arg-type]
        beads.append(bead)
        scores[bead.key] = float(row["score"])  # type: ignore[arg-type]
        for side, table in (("src", src), ("tgt", tgt)):
            idx = bead.side(side)
            text = str(row[f"{side}_text"])
            # paragraphs are lines, so a bead's text is its paragraphs joined by newlines
            pieces = text.split("\n") if len(text.split("\n")) == len(idx) else [text] + [""] * (len(idx) - 1)
            for i, piece in zip(idx, pieces):
                table[i] = piece
                par_score[(side, i)] = scores[bead.key]
                par_conf[(side, i)] = float(row[f"{side}_lid_conf"])  # type: ignore[arg-type]
    return PageBase(fields, tuple(beads), Paragraphs(src, tgt), scores, par_score, par_conf)


def _timestamp(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def bead_row(base: PageBase, bead: ReviewBead) -> dict[str, object]:
    """One row of the REVIEWED schema for a bead."""
    src_text, tgt_text = base.pars.text(bead, "src"), base.pars.text(bead, "tgt")
    f = base.fields
    return {
        **f,
        "pair_id": pair_id(str(f["src_path"]), str(f["tgt_path"]), bead.src, bead.tgt),
        "src_text": src_text,
        "tgt_text": tgt_text,
        "src_par_idx": list(bead.src),
        "tgt_par_idx": list(bead.tgt),
        "alignment_type": bead.kind,
        "score": base.score(bead),
        "src_lid_conf": base.conf(bead, "src"),
        "tgt_lid_conf": base.conf(bead, "tgt"),
        "length_ratio": len(src_text) / len(tgt_text) if src_text and tgt_text else None,
        "src_n_chars": len(src_text),
        "tgt_n_chars": len(tgt_text),
        "review_status": bead.status,
        "reviewer": bead.reviewer,
        "reviewed_at": _timestamp(bead.reviewed_at),
    }


def replay_page(log: ReviewLog, base: PageBase) -> Replayed:
    return replay(base.beads, log.events(*base.key))


def _warn(misfits: Sequence[Misfit]) -> None:
    if misfits:
        shown = "; ".join(str(m) for m in misfits[:5])
        more = f" (and {len(misfits) - 5} more)" if len(misfits) > 5 else ""
        warnings.warn(ReviewMisfit(f"{len(misfits)} review decision(s) no longer fit the alignment and were not "
                                   f"applied; they stay in review.sqlite: {shown}{more}"), stacklevel=3)


def has_review(out: Path) -> bool:
    """Whether OUT's review log holds any decision (a server that was started
    and closed leaves an empty log: nothing to apply then)."""
    log = ReviewLog.of(out)
    if log is None:
        return False
    try:
        return log.count() > 0
    finally:
        log.close()


def _with_review_columns(table: pa.Table) -> pa.Table:
    for f in REVIEW_FIELDS:
        table = table.append_column(f, pa.nulls(table.num_rows, f.type))
    return table


def _vanished(log: ReviewLog, pages: dict[tuple[str, str], str], pairs: Iterable[str], seen: set) -> list[Misfit]:
    """Decisions on page pairs of these language pairs that the alignment no longer has at all."""
    wanted = set(pairs)
    return [misfit(e) for (s, t), p in sorted(pages.items()) if p in wanted and (s, t) not in seen
            for e in log.events(s, t)]


def reviewed_table(out: Path, table: pa.Table, pairs: Iterable[str], misfits: list[Misfit] | None = None) -> pa.Table:
    """The PAIRS rows of `table` (whole page pairs of the language pairs `pairs`, in file order) with the
    review of OUT applied: the REVIEWED schema. Misfits are added to `misfits`, or warned about when it is None."""
    log = ReviewLog.of(out)
    pages = log.pages() if log else {}
    if log is None or not pages:
        if log:
            log.close()
        return _with_review_columns(table)
    found: list[Misfit] = []
    seen: set[tuple[str, str]] = set()
    keys = pc.binary_join_element_wise(table["src_path"], table["tgt_path"], "\t")
    mask = pc.is_in(keys, value_set=pa.array([f"{s}\t{t}" for s, t in pages]))
    hits = pc.indices_nonzero(mask).to_pylist() if table.num_rows else []
    key_list = keys.to_pylist() if hits else []
    pieces, pos, i = [], 0, 0
    while i < len(hits):
        start, key = hits[i], key_list[hits[i]]
        end = start
        while i < len(hits) and hits[i] == end and key_list[hits[i]] == key:
            end += 1
            i += 1
        if start > pos:
            pieces.append(_with_review_columns(table.slice(pos, start - pos)))
        base = page_base(table.slice(start, end - start).to_pylist())
        seen.add(base.key)
        state = replay_page(log, base)
        found += [misfit(e) for e in state.misfits]
        pieces.append(pa.Table.from_pylist([bead_row(base, b) for b in state.beads], schema=REVIEWED))
        pos = end
    if pos < table.num_rows:
        pieces.append(_with_review_columns(table.slice(pos)))
    found += _vanished(log, pages, pairs, seen)
    log.close()
    if misfits is None:
        _warn(found)
    else:
        misfits += found
    return pa.concat_tables(pieces).cast(REVIEWED) if pieces else _with_review_columns(table)


def reviewed_rows(out: Path, pair: str, rows: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
    """Stream rows (whole page pairs, in file order) with the review applied, one page pair in memory at most."""
    log = ReviewLog.of(out)
    pages = log.pages() if log else {}
    found: list[Misfit] = []
    seen: set[tuple[str, str]] = set()
    held: list[dict[str, object]] = []

    def flush() -> Iterator[dict[str, object]]:
        base = page_base(held)
        seen.add(base.key)
        state = replay_page(log, base)  # type: ignore[arg-type]
        found.extend(misfit(e) for e in state.misfits)
        yield from (bead_row(base, b) for b in state.beads)
        held.clear()

    for row in rows:
        key = (row["src_path"], row["tgt_path"])
        if held and (held[0]["src_path"], held[0]["tgt_path"]) != key:
            yield from flush()
        if key in pages:
            held.append(row)
        else:
            yield {**row, "reviewer": None, "reviewed_at": None}
    if held:
        yield from flush()
    if log:
        found += _vanished(log, pages, [pair], seen)
        log.close()
    _warn(found)


def misfits(out: Path) -> list[Misfit]:
    """Every decision in OUT's log that no longer fits its alignment (one scan per language pair)."""
    import pyarrow.dataset as ds

    from .. import reader

    log = ReviewLog.of(out)
    if log is None:
        return []
    pages = log.pages()
    present = set(reader.pair_names(out))
    found: list[Misfit] = [misfit(e) for (s, t), p in sorted(pages.items()) if p not in present
                           for e in log.events(s, t)]
    log.close()
    for pair in sorted({p for p in pages.values() if p in present}):
        sources = sorted({s for (s, _), p in pages.items() if p == pair})
        table = reader.pairs_dataset(out, pair).to_table(filter=ds.field("src_path").isin(sources))
        reviewed_table(out, table, [pair], found)
    return found
