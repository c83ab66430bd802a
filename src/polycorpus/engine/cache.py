"""The work folder beside OUT: what finished sites left, so a run resumes and
a re-run redoes only what changed.

    .OUT.work/
      sites/ab/<site key>.evidence.pickle   what the site's first pass taught, per language pair
      sites/ab/<site key>.draft.pickle      the site after the first pass, waiting for the pooled model
      models/ab/<model key>.pickle          the pooled model (lexicon, length model) of one language pair
      results/ab/<result key>.pickle        the finished site (SiteResult), ready to be written into OUT

Keys are SHA-256 digests:
  site key    polycorpus version and code, the settings that shape the output,
              the site's name, and every file's path and contents;
  model key   the pooled first-pass evidence of one language pair;
  result key  the site key and the model keys of the language pairs the site has.
Every file is written under a temporary name and renamed into place, so a run
killed at any moment leaves only whole entries (and stray *.tmp files that the
next completed run removes). Workers on other hosts read and write it through
the same path: it must sit on a mount every worker sees.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import pickle
import shutil
import uuid
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..ingest import SourceFile
from ..settings import Settings

_KINDS = {"evidence": "sites", "draft": "sites", "model": "models", "result": "results"}


def work_folder(out: Path) -> Path:
    """The work folder of OUT: a hidden sibling, so it survives OUT being swapped."""
    out = Path(out).absolute()
    return out.with_name(f".{out.name}.work")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version plus a digest of the package's code and word tables: an edited
    checkout (same version number, different code) does not reuse old results."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        # every file of the package: code, word tables and cue data alike (.py, .tsv, .json, .gz, ...)
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def site_key(site: str, files: Sequence[SourceFile], settings: Settings, fingerprint: str) -> str:
    """A digest of everything a site's output depends on: its files' contents, the
    settings that shape the output and the code. Reads every file once."""
    digest = hashlib.sha256()
    header = {"code": fingerprint, "settings": settings.as_metadata(), "site": site}
    digest.update(json.dumps(header, sort_keys=True).encode() + b"\n")
    for source in files:
        digest.update(source.rel.encode() + b"\0")
        try:
            with open(source.path, "rb") as fh:
                digest.update(hashlib.file_digest(fh, "sha256").digest())
        except OSError as exc:
            # an unreadable file is part of the site's state too (it gets a row saying so)
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def model_key(fingerprint: str, beads: Iterable[tuple[float, tuple[str, ...], tuple[str, ...], object]],
              lengths: Iterable[tuple[int, int]]) -> str:
    """A digest of one language pair's pooled evidence and of the code that learns
    from it: the same evidence teaches the same model only to the same code."""
    digest = hashlib.sha256(fingerprint.encode())
    for score, src, tgt, doc in beads:
        digest.update(json.dumps([repr(score), src, tgt, str(doc)], ensure_ascii=False).encode() + b"\n")
    digest.update(b"lengths\n")
    digest.update(array("q", itertools.chain.from_iterable(lengths)).tobytes())
    return digest.hexdigest()


def result_key(site_key: str, model_keys: dict[str, str]) -> str:
    """The finished site depends on its first pass and on the models of its language pairs only."""
    text = json.dumps({"site": site_key, "models": model_keys}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


class WorkCache:
    """Reads and writes entries of the work folder. Picklable: workers get one."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()

    def path(self, kind: str, key: str) -> Path:
        return self.root / _KINDS[kind] / key[:2] / f"{key}.{kind}.pickle"

    def has(self, kind: str, key: str) -> bool:
        return self.path(kind, key).is_file()

    def load(self, kind: str, key: str) -> object:
        with open(self.path(kind, key), "rb") as fh:
            return pickle.load(fh)

    def get(self, kind: str, key: str) -> object | None:
        """The entry, or None when it is missing or unreadable (then it is recomputed)."""
        try:
            return self.load(kind, key)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def put(self, kind: str, key: str, value: object) -> Path:
        path = self.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return path

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def prune(self, live: dict[str, set[str]]) -> int:
        """Remove every entry this run did not use (and stray temporary files):
        the folder holds one corpus's worth, not the history of every run.
        Returns the number of files removed."""
        removed = 0
        for kind, folder in _KINDS.items():
            base = self.root / folder
            if not base.is_dir():
                continue
            for path in base.glob(f"*/*.{kind}.pickle*"):
                key = path.name.split(".", 1)[0]
                if path.name.endswith(".tmp") or key not in live.get(kind, set()):
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed
