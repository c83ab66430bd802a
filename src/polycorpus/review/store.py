"""The review log: OUT/review.sqlite, an append-only list of events.

    events(id, pair, src_path, tgt_path, reviewer, at, action, target, before, after)

Every reviewer action is one event holding the beads it replaced (`before`)
and the beads it put there (`after`), as JSON. The state of a page pair is its
beads as aligned, with every event replayed in id order. Undo is a new event
whose `before` and `after` are those of the event it undoes (`target`); redo
likewise. Triggers refuse UPDATE and DELETE, so nothing is ever rewritten.

Decisions are keyed by page paths and paragraph indices, not by row numbers: a
new `align` run keeps them. An event whose `before` is no longer what the beads
are (the new alignment differs there) does not fit: replay skips it and lists
it in `Replayed.misfits`, and the log still holds it.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .state import Change, ReviewBead, apply, locate

DB_NAME = "review.sqlite"
SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pair TEXT NOT NULL,
    src_path TEXT NOT NULL,
    tgt_path TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,              -- UTC, ISO 8601
    action TEXT NOT NULL,          -- confirm, reject, edit, merge, split, move, shift, confirm-all, undo, redo
    target INTEGER REFERENCES events(id),  -- the event an undo or redo is about
    before TEXT NOT NULL,          -- JSON list of beads
    after TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_page ON events (src_path, tgt_path, id);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
"""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    pair: str
    src_path: str
    tgt_path: str
    reviewer: str
    at: str
    action: str
    target: int | None
    before: tuple[ReviewBead, ...]
    after: tuple[ReviewBead, ...]


@dataclass(slots=True)
class Replayed:
    """A page pair's beads after replaying its log, and what replay could not apply."""

    beads: list[ReviewBead]
    misfits: list[Event] = field(default_factory=list)
    #: per reviewer: ids of their actions in force (undo takes the last) and of undone ones (redo takes the last)
    done: dict[str, list[int]] = field(default_factory=dict)
    undone: dict[str, list[int]] = field(default_factory=dict)
    #: id of the last event of the page that was read (fitting or not): the page's version
    last_event: int = 0


def replay(base: Sequence[ReviewBead], events: Iterable[Event], into: Replayed | None = None) -> Replayed:
    """Apply events in order to the beads as aligned (or continue an earlier replay)."""
    state = into or Replayed(list(base))
    for event in events:
        state.last_event = max(state.last_event, event.id)
        start = locate(state.beads, event.before) if event.before else None
        if start is None:
            state.misfits.append(event)
            continue
        state.beads = apply(state.beads, Change(start, event.before, event.after), event.id)
        done = state.done.setdefault(event.reviewer, [])
        undone = state.undone.setdefault(event.reviewer, [])
        if event.action == "undo":
            if event.target in done:
                done.remove(event.target)
            undone.append(event.target)  # type: ignore[arg-type]
        elif event.action == "redo":
            if event.target in undone:
                undone.remove(event.target)
            done.append(event.target)  # type: ignore[arg-type]
        else:
            done.append(event.id)
            undone.clear()
    return state


def _beads(text: str) -> tuple[ReviewBead, ...]:
    return tuple(ReviewBead.from_json(b) for b in json.loads(text))


def _dump(beads: Sequence[ReviewBead]) -> str:
    return json.dumps([b.to_json() for b in beads], ensure_ascii=False, separators=(",", ":"))


class StaleVersion(Exception):
    """Another writer added an event to the page since the caller read it."""


class ReviewLog:
    """The SQLite log beside a corpus. WAL mode and synchronous=FULL: an event is on disk
    before the call that wrote it returns, and a killed writer leaves a consistent file."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        else:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    @classmethod
    def of(cls, out: Path) -> ReviewLog | None:
        """The log of corpus OUT opened for reading, or None when nobody reviewed it yet."""
        path = Path(out) / DB_NAME
        return cls(path, readonly=True) if path.is_file() else None

    def close(self) -> None:
        self.db.close()

    def _event(self, row: tuple) -> Event:
        return Event(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], _beads(row[8]), _beads(row[9]))

    _COLUMNS = "id, pair, src_path, tgt_path, reviewer, at, action, target, before, after"

    def events(self, src_path: str, tgt_path: str, after_id: int = 0) -> list[Event]:
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM events WHERE src_path = ? AND tgt_path = ? AND id > ? ORDER BY id",
            (src_path, tgt_path, after_id))
        return [self._event(r) for r in rows]

    def event(self, event_id: int) -> Event:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
        return self._event(row)

    def all_events(self) -> list[Event]:
        return [self._event(r) for r in self.db.execute(f"SELECT {self._COLUMNS} FROM events ORDER BY id")]

    def pages(self) -> dict[tuple[str, str], str]:
        """The page pairs with events: (src_path, tgt_path) -> language pair."""
        return {(s, t): p for p, s, t in self.db.execute("SELECT DISTINCT pair, src_path, tgt_path FROM events")}

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM events").fetchone()[0]

    def append(self, pair: str, src_path: str, tgt_path: str, reviewer: str, at: str, action: str,
               change: Change, target: int | None, expect_last: int) -> int:
        """Write one event, if the page's last event is still `expect_last`; else StaleVersion."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            last = self.db.execute("SELECT coalesce(max(id), 0) FROM events WHERE src_path = ? AND tgt_path = ?",
                                   (src_path, tgt_path)).fetchone()[0]
            if last != expect_last:
                raise StaleVersion(last)
            cursor = self.db.execute(
                "INSERT INTO events (pair, src_path, tgt_path, reviewer, at, action, target, before, after) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (pair, src_path, tgt_path, reviewer, at, action, target, _dump(change.before), _dump(change.after)))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return int(cursor.lastrowid)  # type: ignore[arg-type]


LOCK_NAME = "review.lock"


def hold_server_lock(out: Path):
    """Mark OUT as served by a review server until the returned file is closed (or the process
    dies): a new `align` run must not swap OUT, and the log in it, from under the server."""
    import fcntl

    handle = open(Path(out) / LOCK_NAME, "a+")  # held for the server's lifetime
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def server_running(out: Path) -> bool:
    """Whether a review server holds OUT's lock."""
    import fcntl

    path = Path(out) / LOCK_NAME
    if not path.is_file():
        return False
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def carry_over(old_out: Path, new_out: Path) -> bool:
    """Copy OUT/review.sqlite of an earlier output into a new one (a consistent snapshot,
    even while a review server writes to it). Returns whether there was one."""
    source = Path(old_out) / DB_NAME
    if not source.is_file():
        return False
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(Path(new_out) / DB_NAME)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return True
