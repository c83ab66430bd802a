"""One frozen options object per run, checked in one place."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from .errors import PolycorpusError


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds and switches of a run. Scores are kept in the output, so a user
    can re-threshold later without re-running."""

    #: worker processes; sites are the unit of parallel work
    jobs: int = max(1, os.cpu_count() or 1)
    #: force one encoding for every file instead of detecting it
    encoding: str | None = None
    #: a line whose boilerplate score reaches this is dropped
    boilerplate_threshold: float = 0.5
    #: a paragraph with fewer letters than this gets its page's language
    min_letters_for_lang: int = 20
    #: two pages pair when their calibrated page_pair_score reaches this (about the
    #: share of such pairs that are right); favours precision, see README
    pair_threshold: float = 0.35
    #: a file larger than this many bytes is not read: it gets the status
    #: "too-large" in documents.parquet and the run goes on; 0 for no limit
    max_page_bytes: int = 10 * 2**20
    #: show a progress bar (only when stderr is a terminal)
    progress: bool = True
    #: who runs the sites: "local" (a process pool) or "dask" (dask.distributed)
    engine: str = "local"
    #: dask only: address of a running scheduler (tcp://HOST:PORT); None starts a LocalCluster of `jobs` workers
    scheduler: str | None = None
    #: recompute everything instead of reusing the work folder beside OUT
    fresh: bool = False

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise PolycorpusError("--jobs must be at least 1")
        if self.engine not in ("local", "dask"):
            raise PolycorpusError(f"--engine must be local or dask, got {self.engine!r}")
        if self.scheduler and self.engine != "dask":
            raise PolycorpusError("--scheduler needs --engine dask")
        if self.max_page_bytes < 0:
            raise PolycorpusError(f"--max-page-mb must be 0 (no limit) or more, got {self.max_page_bytes} bytes")
        for name in ("boilerplate_threshold", "pair_threshold"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise PolycorpusError(f"{name} must be within [0, 1], got {value}")

    def as_metadata(self) -> dict[str, object]:
        """The settings that shape the output, for Parquet schema metadata."""
        out = asdict(self)
        for how_not_what in ("progress", "jobs", "engine", "scheduler", "fresh"):
            out.pop(how_not_what)
        return out
