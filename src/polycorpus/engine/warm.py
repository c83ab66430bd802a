"""Imported by the process that Dask's local workers are forked from
(``multiprocessing``'s forkserver): the stages' modules, and what the stages
load once per process (word tables, lemma dictionaries, detector models), are
then loaded once, in the background while the scheduler starts, and every
worker starts with them instead of importing and loading them itself.
"""
from __future__ import annotations

from . import tasks  # noqa: F401 - the stages a task runs


def _load() -> None:
    from ..language import detectors
    from ..pairing import lexicon

    detectors.load()
    lexicon.load()


try:
    _load()
except Exception:  # noqa: BLE001 - a worker then loads what it needs when it needs it
    pass
