"""The local engine: a process pool on this machine (or no pool with --jobs 1)."""
from __future__ import annotations

import multiprocessing
import pickle
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from .tasks import SharedFile


class LocalEngine:
    """Runs tasks in worker processes, one site per worker at a time, results in job order."""

    def __init__(self, jobs: int, scratch: Path) -> None:
        self.scratch = scratch
        # fork keeps start-up cheap; imap returns results in job order, so runs are deterministic
        ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        self.pool = ctx.Pool(jobs) if jobs > 1 else None

    def map(self, fn: Callable[..., object], jobs: Iterable[object], shared: object = None) -> Iterator[object]:
        call = partial(fn, shared=shared) if shared is not None else fn
        return self.pool.imap(call, jobs) if self.pool is not None else map(call, jobs)

    def share(self, value: object) -> SharedFile:
        # Sent with each task it would be queued once per site: each worker
        # process reads it once from the scratch folder instead.
        path = self.scratch / f"shared-{uuid.uuid4().hex[:8]}.pickle"
        with open(path, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return SharedFile(path)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
