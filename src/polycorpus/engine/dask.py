"""The Dask engine: tasks on a dask.distributed cluster, a LocalCluster of
--jobs worker processes or a running scheduler (--scheduler tcp://HOST:PORT).

Workers read CORPUS and the work folder beside OUT through the same absolute
paths as the main process, so on more than one host both must be on a shared
mount. The pooled model is scattered to every worker once; a site's task only
names its files.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from ..errors import EngineUnavailable, SchedulerUnreachable
from ..forking import start_forkserver
from .tasks import Lost

#: tasks in flight per worker thread: enough to keep workers busy while results
#: come back in order, few enough that the scheduler holds a window, not the corpus
TASKS_PER_THREAD = 4
#: a task the cluster loses (its worker died) is submitted again up to this many times in all
LOST_ATTEMPTS = 3


#: a LocalCluster's housekeeping, less often than Dask's defaults (a tick every
#: 20 ms, memory every 100 ms, system figures every 500 ms in every process):
#: each wakes an event loop that takes the GIL from the task running beside it
QUIET = {
    "distributed.worker.profile.enabled": False,  # no sampling of every worker's stack each 10 ms
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.tick.limit": "60s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


class DaskEngine:
    def __init__(self, jobs: int, scheduler: str | None, on_message: Callable[[str], None]) -> None:
        # the forkserver first (align_corpus and the CLI start it sooner still):
        # it imports and loads what workers need while this process imports
        # dask.distributed and starts the scheduler
        method = start_forkserver() if not scheduler else "spawn"
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineUnavailable(
                "the dask engine needs dask.distributed: pip install 'polycorpus[dask]' (or --engine local)"
            ) from exc
        self.cluster = None
        if scheduler:
            try:
                # waits distributed.comm.timeouts.connect (Dask's config, 30 s by default)
                self.client = Client(scheduler)
            except (OSError, TimeoutError) as exc:
                raise SchedulerUnreachable(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}; start it with `dask scheduler` "
                    "or drop --scheduler to run a local cluster"
                ) from exc
        else:
            # one thread a worker: the stages are pure Python and hold the GIL;
            # any free port, as other runs may share the machine; no statistical
            # profiler sampling every worker's stack each 10 ms (the workers get this config)
            with dask.config.set({**QUIET, "distributed.worker.multiprocessing-method": method}):
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        threads = sum(self.client.nthreads().values()) or 1
        self.window = max(TASKS_PER_THREAD * threads, 8)
        link = self.client.dashboard_link if self._has_dashboard() else None
        on_message(f"dask: {len(self.client.nthreads())} workers, {threads} threads"
                   + (f"; dashboard {link}" if link else ""))

    def _has_dashboard(self) -> bool:
        # without bokeh the scheduler serves no dashboard pages, only its link
        try:
            import bokeh  # noqa: F401
        except ImportError:
            return False
        try:
            return bool(self.client.scheduler_info().get("services", {}).get("dashboard"))
        except Exception:  # noqa: BLE001 - only decides whether a link is printed
            return False

    def map(self, fn: Callable[..., object], jobs: Iterable[object], shared: object = None) -> Iterator[object]:
        """Submit a bounded window of tasks; yield their results in job order.
        A task whose worker died more often than Dask allows comes back as Lost."""
        from distributed import KilledWorker, as_completed

        jobs = iter(jobs)
        kwargs = {"shared": shared} if shared is not None else {}
        pending = as_completed()
        index: dict[object, tuple[int, object, int]] = {}  # future key -> (position, job, attempt)
        ready: dict[int, object] = {}
        submitted = emitted = 0

        def fill() -> None:
            nonlocal submitted
            while submitted - emitted < self.window:
                job = next(jobs, None)
                if job is None:
                    return
                submit(submitted, job, 1)
                submitted += 1

        def submit(number: int, job: object, attempt: int) -> None:
            future = self.client.submit(fn, job, pure=False, **kwargs)
            index[future.key] = (number, job, attempt)
            pending.add(future)

        fill()
        while emitted < submitted:
            while emitted not in ready:
                future = next(pending)
                number, job, attempt = index.pop(future.key)
                try:
                    ready[number] = future.result()
                except Exception as exc:  # noqa: BLE001 - a lost task is reported, the run goes on
                    # A task catches its own errors (tasks._twice), so what is raised
                    # here is the cluster losing it. KilledWorker: Dask has already
                    # rerun it up to its allowed-failures, so it is reported. Else
                    # its result was lost on the way back (the worker died while it
                    # was gathered): it is submitted again, LOST_ATTEMPTS times at most.
                    if attempt < LOST_ATTEMPTS and not isinstance(exc, KilledWorker):
                        submit(number, job, attempt + 1)
                    else:
                        ready[number] = Lost(job, f"{type(exc).__name__}: {exc}")  # type: ignore[arg-type]
                future.release()
            result = ready.pop(emitted)
            emitted += 1
            fill()
            yield result

    def share(self, value: object) -> object:
        return self.client.scatter(value, broadcast=True, hash=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
