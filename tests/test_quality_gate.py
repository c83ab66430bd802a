"""The quality gate: every dev figure at or above its floor in quality_floors.json.

Runs polycorpus on the evaluation data ($POLYCORPUS_EVAL, else ../shared/eval)
and scores it with the scorers shipped there (see benchmarks/eval_figures.py);
skips, saying why, when that folder is absent. Each run happens once a session;
each figure is its own test, so a failure names the figure, its value and its floor.
Alone: ``pytest tests/test_quality_gate.py``; all figures beside their floors:
``python benchmarks/eval_report.py``.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "eval_figures", Path(__file__).resolve().parent.parent / "benchmarks" / "eval_figures.py")
assert _SPEC and _SPEC.loader
figures = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(figures)

FLOORS = figures.load_floors()


class Measured:
    """Each group's figures, measured on first use and kept for the session."""

    def __init__(self, data: Path, work: Path) -> None:
        self.data, self.work, self.done = data, work, {}

    def get(self, group: str) -> dict[str, float]:
        if group not in self.done:
            self.done[group] = figures.measure(group, self.data, self.work / group)
        return self.done[group]


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Measured:
    data = figures.eval_dir()
    why = figures.missing(data)
    if why:
        pytest.skip(f"quality gate skipped: {why}")
    return Measured(data, tmp_path_factory.mktemp("gate"))


def test_floors_are_well_formed() -> None:
    assert FLOORS, "quality_floors.json has no floors"
    for name, floor in FLOORS.items():
        group, _, figure = name.partition(".")
        assert group in figures.GROUPS and figure, f"{name}: not GROUP.figure with a known group"
        assert ("min" in floor) != ("max" in floor), f"{name}: needs exactly one of min / max"
        assert isinstance(floor.get("min", floor.get("max")), (int, float)), f"{name}: bound is not a number"
        assert floor.get("note"), f"{name}: say where the floor came from"


def test_passes_reads_min_and_max() -> None:
    assert figures.passes(0.9, {"min": 0.9}) and not figures.passes(0.8999, {"min": 0.9})
    assert figures.passes(3, {"max": 3}) and not figures.passes(4, {"max": 3})
    assert figures.passes(0.89, {"min": 0.9, "tolerance": 0.01})


@pytest.mark.parametrize("group", figures.GROUPS)
def test_every_figure_has_a_floor(measured: Measured, group: str) -> None:
    unfloored = sorted(set(measured.get(group)) - set(FLOORS))
    assert not unfloored, f"figures without a floor in quality_floors.json: {unfloored}"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_holds_its_floor(measured: Measured, name: str) -> None:
    floor = FLOORS[name]
    got = measured.get(name.partition(".")[0])
    assert name in got, f"{name}: the gate no longer measures it (remove its floor, with a reason)"
    assert figures.passes(got[name], floor), (
        f"{name} = {got[name]}, floor {figures.bound(floor)} (tolerance {floor.get('tolerance', 0)}); "
        f"floor from: {floor['note']}")
