"""How `align` runs its sites: one plan, two engines.

    sweep 1   prepare every site (stages 1-4, first alignment pass)    one task a site
    reduce    pool the first passes' evidence per language pair       main process
    learn     the model (lexicon, length ratio) of each pair            one task a pair
    share     the pooled model goes to the workers once                 scatter / a file
    sweep 2   finish every site with it (second pass)                   one task a site
    write     results in site order into OUT, swapped in atomically    main process

The engine only runs tasks: `local` in a process pool on this machine, `dask`
on a dask.distributed cluster. Everything a task makes goes into the work
folder beside OUT (engine/cache.py) under a key of what it depends on, so a
killed run picks up where it stopped and a re-run redoes only what changed.
"""
from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import ingest
from ..models import FailedPage, SiteResult, pair_name
from ..pipeline import RunReport
from ..settings import Settings
from . import tasks
from .cache import WorkCache, code_fingerprint, model_key, result_key, work_folder
from .reduce import EvidencePool

__all__ = ["run", "work_folder"]

LangPair = tuple[str, str]

#: documents.parquet status of every file of a site whose task failed twice
SITE_FAILED = "site-failed"


@dataclass
class _Site:
    """What the main process keeps of a site between the sweeps: a few strings."""

    number: int
    site: str
    n_files: int
    key: str
    pairs: tuple[LangPair, ...]
    error: str | None
    result: str = ""  # result key, set after the reduce


@contextlib.contextmanager
def open_engine(settings: Settings, scratch: Path, on_message: Callable[[str], None]) -> Iterator[object]:
    if settings.engine == "dask":
        from .dask import DaskEngine

        engine: object = DaskEngine(settings.jobs, settings.scheduler, on_message)
    else:
        from .local import LocalEngine

        engine = LocalEngine(settings.jobs, scratch)
    try:
        yield engine
    finally:
        engine.close()  # type: ignore[attr-defined]


def run(
    corpus: Path,
    out: Path,
    settings: Settings,
    on_progress: Callable[[int], None] | None = None,
    on_message: Callable[[str], None] | None = None,
) -> RunReport:
    """Align a corpus folder into OUT with the engine the settings name. See pipeline.run."""
    from ..export.parquet import CorpusWriter  # (pyarrow: the workers, which import this package, never write)

    corpus = ingest.check_corpus(Path(corpus)).absolute()  # before OUT is touched; workers need absolute paths
    report = RunReport()
    tick = on_progress or (lambda n: None)
    say = on_message or (lambda text: None)
    cache = WorkCache(work_folder(out))
    if settings.fresh:
        cache.clear()
    _clear_killed_runs(Path(out))
    fingerprint = code_fingerprint()
    with CorpusWriter(Path(out), settings.as_metadata()) as writer, \
            open_engine(settings, writer.scratch(), say) as engine:
        # sweep 1: prepare every site, pooling what the first passes teach
        jobs = (tasks.PrepareJob(k, site, files, settings, cache, fingerprint)
                for k, (site, files) in enumerate(ingest.iter_sites(corpus)))
        sites: list[_Site] = []
        pool = EvidencePool()
        for prepared in engine.map(tasks.prepare_task, jobs):  # type: ignore[attr-defined]
            if isinstance(prepared, tasks.Lost):
                job = prepared.job
                prepared = tasks.Prepared(job.number, job.site, len(job.files), error=prepared.error)  # type: ignore[union-attr]
            pool.add(prepared.evidence)
            sites.append(_Site(prepared.number, prepared.site, prepared.n_files, prepared.key,
                               tuple(sorted(prepared.evidence)), prepared.error))
            if prepared.computed:
                report.prepared.append(prepared.site)
            tick(prepared.n_files)

        # reduce: one model per language pair, learned once for the same evidence
        pooled = pool.pooled()
        del pool
        keys = {pair: model_key(fingerprint, ev.beads, ev.lengths) for pair, ev in pooled.items()}
        learned = {pair: cache.get("model", keys[pair]) for pair in sorted(pooled)}
        # the models not in the work folder are learned by the workers, largest first
        size = {pair: len(ev.beads) for pair, ev in pooled.items()}
        missing = sorted((pair for pair, model in learned.items() if model is None), key=lambda p: (-size[p], p))
        made = engine.map(tasks.learn_task, [  # type: ignore[attr-defined]
            tasks.LearnJob(pair, pooled[pair], keys[pair], cache) for pair in missing])
        for pair, model in zip(missing, made):
            if isinstance(model, tasks.Lost):  # its worker kept dying: learn it here
                model = tasks.learn_task(model.job)  # type: ignore[arg-type]
            learned[pair] = model
        report.models_learned += [pair_name(*pair) for pair in sorted(missing)]
        del pooled
        for entry in sites:
            if entry.error is None:
                entry.result = result_key(entry.key, {pair_name(*p): keys[p] for p in entry.pairs})

        # sweep 2: finish the sites whose result is not in the work folder yet
        todo = [entry for entry in sites if entry.error is None and not cache.has("result", entry.result)]
        shared = engine.share(learned) if todo else None  # type: ignore[attr-defined]
        finished = engine.map(tasks.finish_task, (  # type: ignore[attr-defined]
            tasks.FinishJob(e.number, e.site, e.n_files, e.key, e.result, cache) for e in todo), shared)
        waiting = {entry.number for entry in todo}
        for entry in sites:
            error = entry.error
            if entry.number in waiting:
                done = next(finished)
                error = done.error  # a Finished, or Lost when its worker kept dying
                if error is None:
                    report.finished.append(entry.site)
            result = None if error else cache.get("result", entry.result)
            if result is None and error is None:
                # unreadable in the work folder: finish it here
                done = tasks.finish_task(tasks.FinishJob(entry.number, entry.site, entry.n_files, entry.key,
                                                         entry.result, cache), learned)
                error = done.error
                result = None if error else cache.get("result", entry.result)
                if error is None and entry.number not in waiting:  # a site of `waiting` is counted above
                    report.finished.append(entry.site)
            if result is None:
                result = _failed_site(corpus, entry.site, error or "no result")
                report.failed_sites.append(entry.site)
            writer.write_site(result)  # type: ignore[arg-type]
            report.add(result)  # type: ignore[arg-type]
            tick(entry.n_files)
    live = {"evidence": {e.key for e in sites}, "draft": {e.key for e in sites},
            "model": set(keys.values()), "result": {e.result for e in sites}}
    cache.prune(live)
    return report


def _clear_killed_runs(out: Path) -> None:
    """A killed run leaves its half-written OUT in a temporary sibling: the work
    folder kept what it finished, so the folder itself is of no further use.
    (Two runs into the same OUT at the same time are not supported.)"""
    out = out.absolute()
    if out.parent.is_dir():
        for stale in out.parent.glob(f".{out.name}.tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)


def _failed_site(corpus: Path, site: str, error: str) -> SiteResult:
    """A row per file of a site whose task failed twice, so documents.parquet says so."""
    files = next((files for name, files in ingest.iter_sites(corpus) if name == site), [])
    failed = tuple(FailedPage(f.rel, site, SITE_FAILED, f"the site failed twice: {error}") for f in files)
    return SiteResult(site, (), failed, ())
