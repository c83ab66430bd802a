"""The beads of one page pair as a reviewer sees them, and the edits on them.

A page pair's state is an ordered list of beads; every paragraph index of both
pages sits in exactly one bead, in order. Every edit is a *change*: a run of
consecutive beads (`before`) replaced by another run (`after`). Undo is the
same change the other way round, so the log only ever grows.

Pure functions only: no database, no I/O (the log is in store.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..errors import PolycorpusError

STATUSES = ("auto", "confirmed", "rejected", "edited")
SIDES = ("src", "tgt")


class ReviewError(PolycorpusError):
    """An edit that cannot be made on the beads as they are (the message says why)."""


@dataclass(frozen=True, slots=True)
class ReviewBead:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    status: str = "auto"
    #: the reviewer's text for a side; None means the corpus text of its paragraphs
    src_text: str | None = None
    tgt_text: str | None = None
    reviewer: str | None = None
    reviewed_at: str | None = None
    #: id of the event that last changed this bead (0: as aligned); what a client must have seen
    version: int = 0

    @property
    def key(self) -> str:
        """Unique within a page pair: a paragraph is in one bead only, and no bead is empty on both sides."""
        return f"{','.join(map(str, self.src))}|{','.join(map(str, self.tgt))}"

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def same(self, other: ReviewBead) -> bool:
        """Equal as a decision: shape, status and texts (not who or when)."""
        return (self.src, self.tgt, self.status, self.src_text, self.tgt_text) == (
            other.src, other.tgt, other.status, other.src_text, other.tgt_text)

    def side(self, name: str) -> tuple[int, ...]:
        return self.src if name == "src" else self.tgt

    def text_override(self, name: str) -> str | None:
        return self.src_text if name == "src" else self.tgt_text

    def to_json(self) -> dict[str, object]:
        return {"s": list(self.src), "t": list(self.tgt), "st": self.status, "sx": self.src_text,
                "tx": self.tgt_text, "by": self.reviewer, "at": self.reviewed_at}

    @classmethod
    def from_json(cls, data: dict) -> ReviewBead:
        return cls(tuple(data["s"]), tuple(data["t"]), data["st"], data.get("sx"), data.get("tx"),
                   data.get("by"), data.get("at"))


@dataclass(frozen=True, slots=True)
class Change:
    """Replace the beads `before` (consecutive, starting at index `start`) by `after`."""

    start: int
    before: tuple[ReviewBead, ...]
    after: tuple[ReviewBead, ...]


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """The corpus text of each paragraph of both pages, by index."""

    src: dict[int, str] = field(default_factory=dict)
    tgt: dict[int, str] = field(default_factory=dict)

    def text(self, bead: ReviewBead, name: str) -> str:
        override = bead.text_override(name)
        if override is not None:
            return override
        table = self.src if name == "src" else self.tgt
        return "\n".join(table.get(i, "") for i in bead.side(name))

    def pieces(self, bead: ReviewBead, name: str) -> list[str]:
        """The side's text one paragraph at a time, for splitting it up."""
        idx = bead.side(name)
        override = bead.text_override(name)
        if override is None:
            table = self.src if name == "src" else self.tgt
            return [table.get(i, "") for i in idx]
        lines = override.split("\n")
        if len(lines) != len(idx):
            raise ReviewError("this side's text was edited and no longer has one line per paragraph; "
                              "undo the edit or edit it back to one line per paragraph first")
        return lines


def locate(beads: Sequence[ReviewBead], before: Sequence[ReviewBead]) -> int | None:
    """Where the run `before` stands in `beads`, or None when it is not there as it was."""
    first = before[0].key
    start = next((k for k, bead in enumerate(beads) if bead.key == first), None)
    if start is None:
        return None
    window = beads[start:start + len(before)]
    if len(window) != len(before) or not all(a.same(b) for a, b in zip(window, before)):
        return None
    return start


def apply(beads: Sequence[ReviewBead], change: Change, event_id: int) -> list[ReviewBead]:
    """The beads with the change made; beads it actually altered get version `event_id`."""
    after = []
    for k, bead in enumerate(change.after):
        old = change.before[k] if k < len(change.before) else None
        unchanged = old is not None and old.key == bead.key and old.same(bead)
        after.append(replace(bead, version=beads[change.start + k].version if unchanged else event_id))
    return [*beads[:change.start], *after, *beads[change.start + len(change.before):]]


def _with_side(bead: ReviewBead, name: str, idx: tuple[int, ...], text: str | None) -> ReviewBead:
    """The bead with side `name` replaced."""
    if name == "src":
        return replace(bead, src=idx, src_text=text)
    return replace(bead, tgt=idx, tgt_text=text)


def _mark(bead: ReviewBead, status: str, reviewer: str, at: str) -> ReviewBead:
    return replace(bead, status=status, reviewer=reviewer, reviewed_at=at)


def _neighbour(beads: Sequence[ReviewBead], i: int, step: int, what: str) -> int:
    j = i + step
    if not 0 <= j < len(beads):
        raise ReviewError(f"there is no {'next' if step > 0 else 'previous'} bead to {what}")
    return j


def _join(parts: Sequence[tuple[ReviewBead, str]], name: str, pars: Paragraphs) -> str | None:
    """The reviewer text of a side made of the named sides of several beads: None while none was edited."""
    if all(b.text_override(name) is None for b, _ in parts):
        return None
    return "\n".join(t for t in (pars.text(b, name) for b, _ in parts) if t)


def set_status(beads: Sequence[ReviewBead], i: int, status: str, reviewer: str, at: str) -> Change:
    if status not in ("confirmed", "rejected"):
        raise ReviewError(f"unknown status {status!r}")
    return Change(i, (beads[i],), (_mark(beads[i], status, reviewer, at),))


def edit(beads: Sequence[ReviewBead], i: int, name: str, text: str, pars: Paragraphs, reviewer: str, at: str) -> Change:
    if name not in SIDES:
        raise ReviewError(f"side must be src or tgt, not {name!r}")
    bead = beads[i]
    if not bead.side(name):
        raise ReviewError("this side has no paragraph to edit; move or shift one into it first")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ReviewError("an edited side cannot be empty; to empty a side, move or shift its paragraphs away")
    original = "\n".join((pars.src if name == "src" else pars.tgt).get(j, "") for j in bead.side(name))
    value = None if text == original else text
    new = _with_side(bead, name, bead.side(name), value)
    return Change(i, (bead,), (_mark(new, "edited", reviewer, at),))


def merge(beads: Sequence[ReviewBead], i: int, step: int, pars: Paragraphs, reviewer: str, at: str) -> Change:
    j = _neighbour(beads, i, step, "merge with")
    a, b = (beads[i], beads[j]) if j > i else (beads[j], beads[i])
    merged = ReviewBead(a.src + b.src, a.tgt + b.tgt, "edited",
                        _join([(a, "src"), (b, "src")], "src", pars), _join([(a, "tgt"), (b, "tgt")], "tgt", pars),
                        reviewer, at)
    return Change(min(i, j), (a, b), (merged,))


def split(beads: Sequence[ReviewBead], i: int, src_cut: int, tgt_cut: int, pars: Paragraphs,
          reviewer: str, at: str) -> Change:
    """First part: the first `src_cut` source and `tgt_cut` target paragraphs; second part: the rest."""
    bead = beads[i]
    if not (0 <= src_cut <= len(bead.src) and 0 <= tgt_cut <= len(bead.tgt)):
        raise ReviewError(f"a split takes 0..{len(bead.src)} source and 0..{len(bead.tgt)} target paragraphs")
    if src_cut + tgt_cut == 0 or src_cut + tgt_cut == len(bead.src) + len(bead.tgt):
        raise ReviewError("each part of a split needs at least one paragraph")
    parts = []
    for lo, hi in ((slice(0, src_cut), slice(0, tgt_cut)), (slice(src_cut, None), slice(tgt_cut, None))):
        texts = {}
        for name, cut in (("src", lo), ("tgt", hi)):
            texts[name] = None if bead.text_override(name) is None else "\n".join(pars.pieces(bead, name)[cut])
        parts.append(ReviewBead(bead.src[lo], bead.tgt[hi], "edited", texts["src"], texts["tgt"], reviewer, at))
    return Change(i, (bead,), tuple(parts))


def move(beads: Sequence[ReviewBead], i: int, name: str, step: int, pars: Paragraphs, reviewer: str, at: str) -> Change:
    """Move one paragraph of side `name` to the neighbouring bead: the last one down, the first one up."""
    j = _neighbour(beads, i, step, "move a paragraph to")
    bead, other = beads[i], beads[j]
    idx = bead.side(name)
    if not idx:
        raise ReviewError("this side has no paragraph to move")
    pieces = pars.pieces(bead, name)
    edited = bead.text_override(name) is not None or other.text_override(name) is not None
    other_text = pars.text(other, name)
    if step > 0:
        moved, rest, moved_text, rest_text = idx[-1:], idx[:-1], pieces[-1], pieces[:-1]
        new_other_idx, new_other_text = moved + other.side(name), [moved_text, other_text]
    else:
        moved, rest, moved_text, rest_text = idx[:1], idx[1:], pieces[0], pieces[1:]
        new_other_idx, new_other_text = other.side(name) + moved, [other_text, moved_text]
    updated_bead = _with_side(bead, name, rest, "\n".join(rest_text) if edited else None)
    updated_other = _with_side(other, name, new_other_idx,
                               "\n".join(t for t in new_other_text if t) if edited else None)
    updated_bead, updated_other = _mark(updated_bead, "edited", reviewer, at), _mark(updated_other, "edited", reviewer, at)
    run = [updated_bead, updated_other] if step > 0 else [updated_other, updated_bead]
    after = tuple(b for b in run if b.src or b.tgt)
    return Change(min(i, j), (beads[min(i, j)], beads[max(i, j)]), after)


def shift(beads: Sequence[ReviewBead], i: int, name: str, step: int, reviewer: str, at: str) -> Change:
    """Shift side `name` of bead i and all beads after it one bead down (bead i keeps an empty side),
    or back up (the side of bead i+1 joins bead i's and the rest follow)."""
    tail = list(beads[i:])
    sides = [(b.side(name), b.text_override(name)) for b in tail]
    if step > 0:
        if not sides[0][0]:
            raise ReviewError("this side is already empty here")
        new_sides = [((), None)] + sides
    else:
        if len(sides) < 2:
            raise ReviewError("there is no bead below to pull this side up from")
        (a, at_a), (b, at_b) = sides[0], sides[1]
        if at_a is not None or at_b is not None:
            raise ReviewError("undo the text edits of these two beads before pulling a side up into an edited one")
        new_sides = [(a + b, None)] + sides[2:] + [((), None)]
    other = "tgt" if name == "src" else "src"
    rows = [(b.side(other), b.text_override(other), b) for b in tail] + [((), None, None)] * (len(new_sides) - len(tail))
    after = []
    for (idx, text), (other_idx, other_text, old) in zip(new_sides, rows):
        if not idx and not other_idx:
            continue
        new = _with_side(_with_side(old if old is not None else ReviewBead((), ()), other, other_idx, other_text),
                         name, idx, text)
        after.append(new if old is not None and new.key == old.key else _mark(new, "edited", reviewer, at))
    return Change(i, tuple(tail), tuple(after))


def confirm_through(beads: Sequence[ReviewBead], last: int, reviewer: str, at: str) -> Change:
    """Confirm every bead still `auto` from the first one down to bead `last`."""
    if last < 0:
        raise ReviewError("no beads to confirm")
    before = tuple(beads[:last + 1])
    after = tuple(_mark(b, "confirmed", reviewer, at) if b.status == "auto" else b for b in before)
    return Change(0, before, after)
