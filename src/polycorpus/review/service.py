"""What the review server does, without HTTP: the page-pair index, the grid
state of a page pair, and the reviewer's actions with their version checks."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .. import reader
from ..export.parquet import PAIRS_DIR
from . import state as ops
from .corpus import PageBase, page_base
from .state import ReviewBead, ReviewError
from .store import DB_NAME, Event, Replayed, ReviewLog, StaleVersion, now, replay

LOW_SCORE = 0.5
JUMPS = {
    "unreviewed": lambda b, score: b.status == "auto",
    "low": lambda b, score: score < LOW_SCORE,
    "non11": lambda b, score: b.kind != "1-1",
    "empty": lambda b, score: not b.src or not b.tgt,
    "edited": lambda b, score: b.status == "edited",
}


class Conflict(Exception):
    """The reviewer acted on beads that changed since their page showed them."""


@dataclass(frozen=True, slots=True)
class PageEntry:
    id: int
    pair: str
    site: str
    src_path: str
    tgt_path: str
    src_lang: str
    tgt_lang: str
    score: float
    n_beads: int
    file: str
    start: int  # first row of the page pair in its file


@dataclass(slots=True)
class Progress:
    n_beads: int
    n_reviewed: int = 0
    n_misfits: int = 0


def _values_at(column: pa.ChunkedArray, rows: np.ndarray) -> list[object]:
    """column[rows] as Python values; a dictionary column is looked up chunk by chunk (taking from a
    chunked dictionary column would first unify the dictionaries of every row group: slow)."""
    if not pa.types.is_dictionary(column.type):
        return column.take(pa.array(rows)).to_pylist()
    values: list[object] = []
    offset = 0
    for chunk in column.chunks:
        local = rows[(rows >= offset) & (rows < offset + len(chunk))] - offset
        if len(local):
            words = chunk.dictionary.to_pylist()
            values += [words[i] for i in chunk.indices.to_numpy()[local]]
        offset += len(chunk)
    return values


def _page_starts(src: pa.ChunkedArray, tgt: pa.ChunkedArray) -> np.ndarray:
    """Rows where a page pair starts: a page pair's rows are consecutive, so where either path
    differs from the row before. Compared as dictionary codes within a row group (fast), as
    strings across row groups (each has its own dictionary)."""
    starts: list[np.ndarray] = []
    offset, last = 0, None
    for s, t in zip(src.chunks, tgt.chunks):
        if len(s) == 0:
            continue
        a, b = s.indices.to_numpy(), t.indices.to_numpy()
        first = (s.dictionary[a[0]].as_py(), t.dictionary[b[0]].as_py())
        if first != last:
            starts.append(np.array([offset]))
        starts.append(np.flatnonzero((a[1:] != a[:-1]) | (b[1:] != b[:-1])) + 1 + offset)
        last = (s.dictionary[a[-1]].as_py(), t.dictionary[b[-1]].as_py())
        offset += len(s)
    return np.concatenate(starts).astype(np.int64) if starts else np.zeros(0, dtype=np.int64)


def index_pages(out: Path) -> list[PageEntry]:
    """One entry per page pair, in file order, from the path columns only (no texts are read)."""
    entries: list[PageEntry] = []
    strings = ["site", "src_path", "tgt_path", "src_lang", "tgt_lang"]
    for name in reader.pair_names(out):
        for file in sorted((out / PAIRS_DIR / name).glob("*.parquet")):
            t = pq.read_table(file, columns=[*strings, "page_pair_score"], read_dictionary=strings)
            if t.num_rows == 0:
                continue
            src, tgt = t["src_path"], t["tgt_path"]
            if [len(c) for c in src.chunks] != [len(c) for c in tgt.chunks]:
                src, tgt = (pa.chunked_array([c.combine_chunks()]) for c in (src, tgt))
            starts = _page_starts(src, tgt)
            ends = np.concatenate([starts[1:], [t.num_rows]])
            cols: dict[str, list] = {c: _values_at(t[c], starts) for c in t.column_names}
            for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist())):
                entries.append(PageEntry(len(entries), name, cols["site"][k], cols["src_path"][k], cols["tgt_path"][k],
                                         cols["src_lang"][k], cols["tgt_lang"][k], float(cols["page_pair_score"][k]),
                                         e - s, str(file), s))
    return entries


class ReviewService:
    """The state of one corpus under review. Thread-safe: actions are serialised by one lock, and the
    log's own check (StaleVersion) catches another process writing to the same database."""

    def __init__(self, out: Path) -> None:
        self.out = reader.check_output(Path(out))
        self.log = ReviewLog(self.out / DB_NAME)
        self.pages = index_pages(self.out)
        self.by_key = {(p.src_path, p.tgt_path): p for p in self.pages}
        self.lock = threading.Lock()
        self._files: dict[str, pq.ParquetFile] = {}
        self._row_groups: dict[str, np.ndarray] = {}
        self._states: dict[int, tuple[PageBase, Replayed]] = {}
        self.progress: dict[int, Progress] = {p.id: Progress(p.n_beads) for p in self.pages}
        self.orphans: list[Event] = []  # decisions on page pairs the alignment no longer has
        reviewed = []
        for (src, tgt) in self.log.pages():
            entry = self.by_key.get((src, tgt))
            if entry is None:
                self.orphans += self.log.events(src, tgt)
            else:
                reviewed.append(entry)
        # progress of reviewed page pairs: replay over the paragraph indices alone (no texts are read);
        # the full state of a page pair is built when it is opened
        events: dict[tuple[str, str], list[Event]] = {}
        for event in self.log.all_events():
            events.setdefault((event.src_path, event.tgt_path), []).append(event)
        for entry, rows in self._read(reviewed, columns=["src_par_idx", "tgt_par_idx"]):
            beads = [ReviewBead(tuple(r["src_par_idx"]), tuple(r["tgt_par_idx"])) for r in rows]
            self._count(entry.id, replay(beads, events[(entry.src_path, entry.tgt_path)]))

    # -- reading ----------------------------------------------------------------------------------
    def _read(self, entries: list[PageEntry], columns: list[str] | None = None):
        """Yield (entry, its rows), reading each Parquet row group once however many entries it holds."""
        groups: dict[tuple[str, int, int], list[PageEntry]] = {}
        for entry in entries:
            bounds = self._bounds(entry.file)
            first = int(np.searchsorted(bounds, entry.start, side="right") - 1)
            last = int(np.searchsorted(bounds, entry.start + entry.n_beads - 1, side="right") - 1)
            groups.setdefault((entry.file, first, last), []).append(entry)
        for (file, first, last), members in groups.items():
            pf = self._files[file]
            offset = int(self._bounds(file)[first])
            table = pf.read_row_groups(list(range(first, last + 1)), columns=columns)
            for entry in members:
                yield entry, table.slice(entry.start - offset, entry.n_beads).to_pylist()

    def _bounds(self, file: str) -> np.ndarray:
        """First row of each row group of a Parquet file, and its row count at the end."""
        if file not in self._row_groups:
            pf = self._files.setdefault(file, pq.ParquetFile(file))
            self._row_groups[file] = np.cumsum([0] + [pf.metadata.row_group(i).num_rows for i in range(pf.num_row_groups)])
        return self._row_groups[file]

    def _rows(self, entry: PageEntry) -> list[dict[str, object]]:
        return next(self._read([entry]))[1]

    def state(self, page_id: int) -> tuple[PageBase, Replayed]:
        """The page pair as aligned and as reviewed, caught up with every event in the log."""
        entry = self.pages[page_id]
        if page_id not in self._states:
            base = page_base(self._rows(entry))
            self._states[page_id] = (base, replay(base.beads, []))
        base, replayed = self._states[page_id]
        new = self.log.events(entry.src_path, entry.tgt_path, after_id=replayed.last_event)
        if new:
            replay(base.beads, new, into=replayed)
        self._count(page_id, replayed)
        return base, replayed

    def _count(self, page_id: int, replayed: Replayed) -> None:
        p = self.progress[page_id]
        p.n_beads = len(replayed.beads)
        p.n_reviewed = sum(b.status != "auto" for b in replayed.beads)
        p.n_misfits = len(replayed.misfits)

    def list_pages(self, pair: str = "", site: str = "", status: str = "", sort: str = "",
                   offset: int = 0, limit: int = 50) -> tuple[list[tuple[PageEntry, Progress]], int]:
        """A filtered, sorted slice of the page pairs, and how many match."""
        rows = self.pages
        if pair:
            rows = [p for p in rows if p.pair == pair]
        if site:
            rows = [p for p in rows if p.site == site]
        if status:
            def done(p: PageEntry) -> str:
                g = self.progress[p.id]
                return "unreviewed" if g.n_reviewed == 0 else "reviewed" if g.n_reviewed >= g.n_beads else "partly"
            rows = [p for p in rows if done(p) == status]
        if sort in ("score", "-score"):
            rows = sorted(rows, key=lambda p: p.score, reverse=sort == "-score")
        return [(p, self.progress[p.id]) for p in rows[offset:offset + limit]], len(rows)

    def facets(self) -> tuple[list[str], list[str]]:
        return sorted({p.pair for p in self.pages}), sorted({p.site for p in self.pages})

    def jump(self, page_id: int, kind: str, after: int) -> int | None:
        """Index of the next bead after `after` of this kind (wrapping round), or None."""
        test = JUMPS[kind]
        base, replayed = self.state(page_id)
        beads = replayed.beads
        order = list(range(after + 1, len(beads))) + list(range(0, min(after + 1, len(beads))))
        return next((i for i in order if test(beads[i], base.score(beads[i]))), None)

    def next_page(self, page_id: int) -> int | None:
        """The next page pair in list order that is not fully reviewed."""
        for p in self.pages[page_id + 1:] + self.pages[:page_id]:
            g = self.progress[p.id]
            if g.n_reviewed < g.n_beads:
                return p.id
        return None

    def source(self, path: str) -> list[dict[str, object]]:
        """Every line of one input page as the run saw it, from OUT/paragraphs.parquet."""
        import pyarrow.dataset as ds

        dataset = ds.dataset(str(self.out / "paragraphs.parquet"), format="parquet")
        return dataset.to_table(filter=ds.field("path") == path,
                                columns=["line", "index", "text", "is_boilerplate", "reason"]).to_pylist()

    # -- acting ------------------------------------------------------------------------------------
    def act(self, page_id: int, reviewer: str, action: str, key: str, seen: dict[str, int], version: int,
            params: dict[str, object]) -> tuple[int, str | None]:
        """Do one action; returns (the event id, the key of the bead to focus next).
        Conflict when a bead the reviewer saw has changed since; ReviewError when it cannot be done."""
        with self.lock:
            entry = self.pages[page_id]
            base, replayed = self.state(page_id)
            beads = replayed.beads
            by_key = {b.key: (i, b) for i, b in enumerate(beads)}
            for k, v in seen.items():
                if k not in by_key or by_key[k][1].version != v:
                    who = by_key[k][1] if k in by_key else None
                    raise Conflict("this bead changed since your page showed it"
                                   + (f" ({who.reviewer}, {who.reviewed_at})" if who and who.reviewer else "")
                                   + "; reload to see it as it is now, then decide again")
            target = None
            if action in ("undo", "redo"):
                change, target = self._undo_redo(base, replayed, reviewer, action)
            else:
                if key not in by_key:
                    raise Conflict("this bead is no longer there; reload to see the page as it is now")
                if action in ("shift", "confirm-all", "confirm-page") and version != replayed.last_event:
                    raise Conflict("the page changed since you opened it; reload, then do it again")
                change = self._change(base, beads, by_key[key][0], reviewer, action, params)
            at = now()
            try:
                event_id = self.log.append(entry.pair, entry.src_path, entry.tgt_path, reviewer, at, action,
                                           change, target, replayed.last_event)
            except StaleVersion as exc:
                self.state(page_id)
                raise Conflict("another reviewer saved on this page at the same moment; reload and decide again") from exc
            event = Event(event_id, entry.pair, entry.src_path, entry.tgt_path, reviewer, at, action, target,
                          change.before, change.after)
            replay(base.beads, [event], into=replayed)
            self._count(page_id, replayed)
            focus = change.after[0].key if change.after else None
            return event_id, focus

    def _undo_redo(self, base: PageBase, replayed: Replayed, reviewer: str, action: str):
        stack = (replayed.done if action == "undo" else replayed.undone).get(reviewer, [])
        if not stack:
            raise ReviewError(f"nothing to {action} on this page")
        target = stack[-1]
        event = self.log.event(target)
        before, after = (event.after, event.before) if action == "undo" else (event.before, event.after)
        start = ops.locate(replayed.beads, before)
        if start is None:
            raise Conflict(f"cannot {action}: these beads changed since (another action or reviewer); "
                           "reload to see them as they are now")
        return ops.Change(start, tuple(replayed.beads[start:start + len(before)]), after), target

    def _change(self, base: PageBase, beads: list[ReviewBead], i: int, reviewer: str, action: str,
                params: dict[str, object]) -> ops.Change:
        at = now()
        side = str(params.get("side", "tgt"))
        step = 1 if params.get("direction", "down") in ("down", "next") else -1
        if action == "confirm":
            return ops.set_status(beads, i, "confirmed", reviewer, at)
        if action == "reject":
            return ops.set_status(beads, i, "rejected", reviewer, at)
        if action == "edit":
            return ops.edit(beads, i, side, str(params.get("text", "")), base.pars, reviewer, at)
        if action == "merge":
            return ops.merge(beads, i, step, base.pars, reviewer, at)
        if action == "split":
            try:
                cuts = int(str(params.get("src_cut", 0))), int(str(params.get("tgt_cut", 0)))
            except ValueError as exc:
                raise ReviewError("split: the cuts must be whole numbers") from exc
            return ops.split(beads, i, *cuts, base.pars, reviewer, at)
        if action == "move":
            return ops.move(beads, i, side, step, base.pars, reviewer, at)
        if action == "shift":
            return ops.shift(beads, i, side, step, reviewer, at)
        if action == "confirm-all":
            return ops.confirm_through(beads, i, reviewer, at)
        if action == "confirm-page":
            return ops.confirm_through(beads, len(beads) - 1, reviewer, at)
        raise ReviewError(f"unknown action {action!r}")


def bead_view(base: PageBase, bead: ReviewBead) -> dict[str, object]:
    """What the grid shows of one bead."""
    return {"key": bead.key, "version": bead.version, "src": bead.src, "tgt": bead.tgt,
            "src_text": base.pars.text(bead, "src"), "tgt_text": base.pars.text(bead, "tgt"),
            "score": base.score(bead), "kind": bead.kind, "status": bead.status,
            "reviewer": bead.reviewer, "reviewed_at": bead.reviewed_at}


__all__ = ["ReviewService", "Conflict", "ReviewError", "bead_view", "index_pages"]
