# Two commands do all the set-up on a fresh machine:
#   make align   install into .venv and build the corpus from corpus/ into out/
#   make test    install into .venv (with test extras); ruff, mypy, then the test suite
#                (which includes the quality gate over ../shared/eval)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: align test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.core: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.core
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

align: $(VENV)/.core
	$(BIN)/polycorpus align corpus --out out

test: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(VENV)/.core
	$(BIN)/python benchmarks/bench_langid.py
	$(BIN)/python benchmarks/bench_align.py

clean:
	rm -rf out .out.work .pytest_cache
