"""The two tasks a site goes through, the same under every engine.

A task reads its site's files (or its draft) from the corpus and the work
folder, writes what it made into the work folder and returns only a small
record: evidence for the reduce step, or word that the result is in place.
A task that raises is tried once more in the same worker; a second failure is
returned as an error, and the site gets rows saying so.
"""
from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .. import align, pipeline
from ..ingest import SourceFile
from ..settings import Settings
from . import cache as work

LangPair = tuple[str, str]
T = TypeVar("T")


@dataclass(frozen=True)
class PrepareJob:
    number: int  # the site's position in the corpus: results are written in this order
    site: str
    files: list[SourceFile]
    settings: Settings
    cache: work.WorkCache
    fingerprint: str


@dataclass
class Prepared:
    """What the first sweep tells the main process about a site."""

    number: int
    site: str
    n_files: int
    key: str = ""  # the site key; empty when the site failed
    evidence: dict[LangPair, align.Evidence] = field(default_factory=dict)
    computed: bool = False  # False: read from the work folder
    error: str | None = None


@dataclass(frozen=True)
class FinishJob:
    number: int
    site: str
    n_files: int
    site_key: str
    result_key: str
    cache: work.WorkCache


@dataclass(frozen=True)
class Finished:
    number: int
    site: str
    error: str | None = None


@dataclass(frozen=True)
class LearnJob:
    """The reduce step of one language pair: learn its model from the pooled evidence."""

    pair: LangPair
    evidence: align.Evidence
    model_key: str
    cache: work.WorkCache


@dataclass(frozen=True)
class Lost:
    """A task the engine could not get an answer for (its worker died, again and again)."""

    job: PrepareJob | FinishJob | LearnJob
    error: str


@dataclass(frozen=True)
class SharedFile:
    """The local engine's way of sharing a value: a file every worker reads once."""

    path: Path


_SHARED: dict[Path, object] = {}


def resolve(shared: object) -> object:
    """The shared value: Dask hands the scattered value itself; the local engine a file."""
    if not isinstance(shared, SharedFile):
        return shared
    if shared.path not in _SHARED:
        _SHARED.clear()  # one run's model at a time
        with open(shared.path, "rb") as fh:
            _SHARED[shared.path] = pickle.load(fh)
    return _SHARED[shared.path]


class _Failed:
    def __init__(self, error: str) -> None:
        self.error = error


def _twice(fn: Callable[..., T], *args: object) -> T | _Failed:
    error = ""
    for _ in range(2):
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001 - any failure of one site must not stop the run
            error = f"{type(exc).__name__}: {exc}"
    return _Failed(error)


def prepare_task(job: PrepareJob, shared: object = None) -> Prepared:
    """Sweep 1 for one site: hash its files; reuse the first pass of an identical
    site from the work folder, or run stages 1-4 and the first pass and store them."""
    key = work.site_key(job.site, job.files, job.settings, job.fingerprint)
    evidence = job.cache.get("evidence", key)  # written after the draft: present means whole
    if evidence is not None and job.cache.has("draft", key):
        return Prepared(job.number, job.site, len(job.files), key, evidence, computed=False)  # type: ignore[arg-type]
    outcome = _twice(pipeline.prepare_site, job.site, job.files, job.settings)
    if isinstance(outcome, _Failed):
        return Prepared(job.number, job.site, len(job.files), error=outcome.error)
    draft, evidence = outcome
    job.cache.put("draft", key, draft)
    job.cache.put("evidence", key, evidence)
    return Prepared(job.number, job.site, len(job.files), key, evidence, computed=True)


def finish_task(job: FinishJob, shared: object = None) -> Finished:
    """Sweep 2 for one site: the second pass with the pooled model; the result
    goes into the work folder, where the main process reads it to write OUT."""
    learned = resolve(shared)

    def finish() -> object:
        draft = job.cache.load("draft", job.site_key)
        return pipeline.finish_site(draft, learned)  # type: ignore[arg-type]

    outcome = _twice(finish)
    if isinstance(outcome, _Failed):
        return Finished(job.number, job.site, error=outcome.error)
    job.cache.put("result", job.result_key, outcome)
    return Finished(job.number, job.site)


def learn_task(job: LearnJob, shared: object = None) -> align.Learned:
    """The model of one language pair, learned and kept in the work folder.
    The pairs are learned in parallel: the largest is a second of CPU, and
    the workers would wait for it anyway."""
    model = job.evidence.learn()
    job.cache.put("model", job.model_key, model)
    return model
