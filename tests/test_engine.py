"""Engines and the work folder: the same rows from the local pool, a Dask
LocalCluster and a Dask scheduler with workers started as processes; a killed
run picks up; a re-run redoes only what changed; a failing site is reported."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from polycorpus import pipeline
from polycorpus.cli import cli
from polycorpus.engine import SITE_FAILED, work_folder
from polycorpus.errors import PolycorpusError
from polycorpus.pipeline import run
from polycorpus.settings import Settings

from .conftest import DATA

CORPUS = DATA / "engine"  # four sites: a and b en-sq, c and d en-sr-Latn
SITES = ["site-a", "site-b", "site-c", "site-d"]
QUIET = {"progress": False}


def rows(out: Path) -> dict[str, list[dict]]:
    """Every row of every table of an output, in file order."""
    tables = {name: ds.dataset(out / name).to_table().to_pylist() for name in ("documents.parquet", "paragraphs.parquet")}
    for folder in sorted((out / "pairs").iterdir()):
        tables[folder.name] = ds.dataset(folder).to_table().to_pylist()
    return tables


def entries(out: Path, kind: str) -> set[str]:
    """Keys of the work folder's entries of one kind (draft, evidence, model, result)."""
    return {p.name.split(".")[0] for p in work_folder(out).rglob(f"*.{kind}.pickle")}


@pytest.fixture
def corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, list[dict]]:
    """The local engine's rows on the fixture corpus, from a fresh run."""
    out = tmp_path_factory.mktemp("local") / "out"
    report = run(CORPUS, out, Settings(jobs=1, fresh=True, **QUIET))
    assert report.pairs_by_lang == {"en-sq": 3, "en-sr_Latn": 2} and report.beads == 20
    return rows(out)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, host="127.0.0.1") as local:
        yield local


def test_local_pool_gives_the_same_rows_as_one_process(tmp_path, expected):
    run(CORPUS, tmp_path / "out", Settings(jobs=2, **QUIET))
    assert rows(tmp_path / "out") == expected


def test_dask_cluster_gives_the_local_engine_rows(tmp_path, cluster, expected):
    report = run(CORPUS, tmp_path / "out", Settings(engine="dask", scheduler=cluster.scheduler_address, **QUIET))
    assert rows(tmp_path / "out") == expected
    assert sorted(report.prepared) == SITES and sorted(report.finished) == SITES


def test_a_dask_worker_killed_midway_loses_only_its_task(tmp_path, cluster, expected):
    distributed = pytest.importorskip("distributed")
    with distributed.Client(cluster) as client:
        victim = sorted(client.scheduler_info()["workers"])[0]
        pid = client.run(os.getpid, workers=[victim])[victim]
        ticks: list[int] = []

        def tick(n_files: int) -> None:
            ticks.append(n_files)
            if len(ticks) == 1:  # the first site is through its first pass; others are running
                os.kill(pid, signal.SIGKILL)

        report = run(CORPUS, tmp_path / "out", Settings(engine="dask", scheduler=cluster.scheduler_address, **QUIET),
                     on_progress=tick)
        client.wait_for_workers(2, timeout=60)  # the nanny restarts it, for the tests after this one
    assert report.failed_sites == [] and rows(tmp_path / "out") == expected


def test_dask_engine_starts_its_own_local_cluster(tmp_path, expected):
    pytest.importorskip("distributed")
    messages: list[str] = []
    run(CORPUS, tmp_path / "out", Settings(engine="dask", jobs=2, **QUIET), on_message=messages.append)
    assert rows(tmp_path / "out") == expected
    assert messages and messages[0].startswith("dask: 2 workers")


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_dask_scheduler_and_two_workers_as_processes_give_the_local_rows(tmp_path, expected):
    distributed = pytest.importorskip("distributed")
    dask = str(Path(sys.executable).parent / "dask")
    address_file = tmp_path / "scheduler.json"
    procs = [_start([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(address_file)], tmp_path)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        for name in ("w1", "w2"):
            procs.append(_start([dask, "worker", "--scheduler-file", str(address_file), "--name", name,
                                 "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
                                 "--local-directory", str(tmp_path / name)], tmp_path))
        with distributed.Client(scheduler_file=str(address_file), timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
            assert {w["name"] for w in client.scheduler_info()["workers"].values()} == {"w1", "w2"}
        result = CliRunner().invoke(cli, ["align", str(CORPUS), "--out", str(tmp_path / "out"),
                                          "--engine", "dask", "--scheduler", address, "--no-progress"])
        assert result.exit_code == 0, result.output
        assert "dask: 2 workers, 2 threads" in result.output
        assert rows(tmp_path / "out") == expected
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(cli, ["align", str(CORPUS), "--out", str(tmp_path / "out"), "--engine", "dask",
                                          "--scheduler", "tcp://127.0.0.1:9", "--no-progress"])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
    assert not (tmp_path / "out").exists()


def test_scheduler_needs_the_dask_engine():
    with pytest.raises(PolycorpusError, match="--engine dask"):
        Settings(scheduler="tcp://127.0.0.1:8786")


class Calls:
    """Counts the stage functions the in-process engine (--jobs 1) calls, by site."""

    def __init__(self, monkeypatch) -> None:
        self.prepare: list[str] = []
        self.finish: list[str] = []
        prepare, finish = pipeline.prepare_site, pipeline.finish_site

        def counted_prepare(site, files, settings):
            self.prepare.append(site)
            return prepare(site, files, settings)

        def counted_finish(draft, learned):
            self.finish.append(draft.site)
            return finish(draft, learned)

        monkeypatch.setattr(pipeline, "prepare_site", counted_prepare)
        monkeypatch.setattr(pipeline, "finish_site", counted_finish)


def test_unchanged_rerun_does_no_stage_work(corpus, tmp_path, expected, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out, Settings(jobs=1, **QUIET))
    calls = Calls(monkeypatch)
    report = run(corpus, out, Settings(jobs=1, **QUIET))
    assert calls.prepare == [] and calls.finish == []
    assert report.prepared == [] and report.finished == [] and report.models_learned == []
    assert "first pass run on 0 of 4 sites, second pass on 0, models learned 0" in report.summary()
    assert rows(out) == expected


def test_touching_a_page_without_changing_it_redoes_nothing(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out, Settings(jobs=1, **QUIET))
    os.utime(corpus / "site-b" / "p01.txt", (time.time() + 60, time.time() + 60))
    calls = Calls(monkeypatch)
    run(corpus, out, Settings(jobs=1, **QUIET))
    assert calls.prepare == [] and calls.finish == []


def test_changed_page_redoes_its_site_and_the_sites_of_the_model_it_changes(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out, Settings(jobs=1, **QUIET))
    page = corpus / "site-b" / "p01.txt"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "on Thursday.", "on Thursday evening, with 27 votes in favour."), encoding="utf-8")
    calls = Calls(monkeypatch)
    report = run(corpus, out, Settings(jobs=1, **QUIET))
    # only site-b's first pass runs again; the en-sq evidence it adds changes the
    # en-sq model, so the en-sq sites (a and b) are finished again; c and d are not
    assert calls.prepare == ["site-b"] and report.prepared == ["site-b"]
    assert report.models_learned == ["en-sq"]
    assert calls.finish == ["site-a", "site-b"] and report.finished == ["site-a", "site-b"]
    # and the output is what a fresh run of the changed corpus gives
    run(corpus, tmp_path / "fresh", Settings(jobs=1, fresh=True, **QUIET))
    assert rows(out) == rows(tmp_path / "fresh")
    # the work folder keeps one corpus's worth: the old site-b entries are gone
    assert len(entries(out, "draft")) == 4 and len(entries(out, "result")) == 4 and len(entries(out, "model")) == 2


def test_new_unpaired_page_redoes_only_its_site(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out, Settings(jobs=1, **QUIET))
    (corpus / "site-c" / "p03.txt").write_text(textwrap.dedent("""\
        Ministria e bujqësisë njoftoi se subvencionet për blegtorët do të paguhen në muajin mars.

        Fermerët duhet të dorëzojnë kërkesat në zyrat komunale deri në fund të shkurtit.
        """), encoding="utf-8")
    calls = Calls(monkeypatch)
    report = run(corpus, out, Settings(jobs=1, **QUIET))
    assert calls.prepare == ["site-c"] and calls.finish == ["site-c"]
    assert report.models_learned == [] and report.pairs_by_lang == {"en-sq": 3, "en-sr_Latn": 2}


def test_fresh_recomputes_everything(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out, Settings(jobs=1, **QUIET))
    calls = Calls(monkeypatch)
    report = run(corpus, out, Settings(jobs=1, fresh=True, **QUIET))
    assert calls.prepare == SITES and calls.finish == SITES and len(report.models_learned) == 2


_KILLER = """
import os, signal, sys
from polycorpus.pipeline import run
from polycorpus.settings import Settings

ticks = 0
def tick(n_files):
    global ticks
    ticks += 1
    if ticks == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)

run(sys.argv[1], sys.argv[2], Settings(jobs=1, progress=False), on_progress=tick)
"""


@pytest.mark.parametrize("kill_at", [2, 6], ids=["first-sweep", "second-sweep"])
def test_killed_run_picks_up_where_it_stopped(corpus, tmp_path, expected, monkeypatch, kill_at):
    """SIGKILL after `kill_at` sites have gone through a sweep (4 sites, two sweeps:
    ticks 1-4 are the first, 5-8 the second); the re-run recomputes only the rest."""
    out = tmp_path / "out"
    killed = subprocess.run([sys.executable, "-c", _KILLER, str(corpus), str(out), str(kill_at)])
    assert killed.returncode == -signal.SIGKILL
    assert not out.exists()  # OUT is swapped in only when a run completes
    drafts, results = len(entries(out, "draft")), len(entries(out, "result"))
    assert (drafts, results) == ((2, 0) if kill_at == 2 else (4, 2))
    calls = Calls(monkeypatch)
    report = run(corpus, out, Settings(jobs=1, **QUIET))
    assert calls.prepare == SITES[drafts:] and report.prepared == SITES[drafts:]
    assert calls.finish == SITES[results:] and report.finished == SITES[results:]
    assert rows(out) == expected
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.tmp-")]
    assert leftovers == []  # the killed run's half-written OUT is cleared by the next run


@pytest.mark.parametrize("stage", ["prepare_site", "finish_site"])
def test_site_that_fails_twice_is_reported_and_the_run_goes_on(corpus, tmp_path, expected, monkeypatch, stage):
    attempts: list[str] = []
    real = getattr(pipeline, stage)

    def flaky(*args):
        site = args[0] if stage == "prepare_site" else args[0].site
        if site == "site-c":
            attempts.append(site)
            raise RuntimeError("disk on fire")
        return real(*args)

    monkeypatch.setattr(pipeline, stage, flaky)
    out = tmp_path / "out"
    report = run(corpus, out, Settings(jobs=1, **QUIET))
    assert attempts == ["site-c", "site-c"]
    assert report.failed_sites == ["site-c"] and "sites failed twice: 1" in report.summary()
    docs = {d["path"]: d for d in rows(out)["documents.parquet"]}
    assert {docs[p]["status"] for p in ("site-c/p01.txt", "site-c/p02.txt")} == {SITE_FAILED}
    assert "disk on fire" in docs["site-c/p01.txt"]["error"]
    # every other site is written as usual
    assert [d for d in rows(out)["documents.parquet"] if d["site"] != "site-c"] == [
        d for d in expected["documents.parquet"] if d["site"] != "site-c"]
    # a failed site is not cached: the next run tries it again and completes the corpus
    monkeypatch.setattr(pipeline, stage, real)
    again = run(corpus, out, Settings(jobs=1, **QUIET))
    assert "site-c" in again.finished and rows(out) == expected


def test_length_sample_is_everything_below_the_cap_and_evenly_spaced_above():
    from polycorpus.engine.reduce import LengthSample

    lengths = [(k, k + 1) for k in range(1000)]
    whole = LengthSample(cap=2000)
    whole.add(lengths[:300])
    whole.add(lengths[300:])
    assert whole.kept == lengths and whole.stride == 1
    capped = LengthSample(cap=100)
    for start in range(0, 1000, 37):  # sites of uneven size
        capped.add(lengths[start:start + 37])
    assert capped.stride == 16 and capped.kept == lengths[::16] and 50 < len(capped.kept) <= 100
    other = LengthSample(cap=100)
    other.add(lengths)  # the same lengths split otherwise: the same sample
    assert other.kept == capped.kept
