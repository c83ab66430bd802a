"""polycorpus: scraped Albanian, Serbian and English pages -> a clean parallel corpus.

    import polycorpus
    report = polycorpus.align_corpus("corpus", "out")        # build
    df = polycorpus.load("out", pair="en-sq", min_score=0.8)  # read
    polycorpus.detect("Ово је српски текст.")                 # -> ("sr-Cyrl", confidence)
"""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path

__all__ = ["__version__", "align_corpus", "align_documents", "align_segments", "detect", "detect_files", "identify",
           "load", "stats", "export_corpus", "Settings"]


def align_corpus(corpus: str | Path, out: str | Path, **options):
    """Build the parallel corpus of CORPUS into OUT; options are Settings fields.
    Returns the run report (counts of pages, pairs, beads, drops by reason)."""
    if options.get("engine") == "dask" and not options.get("scheduler"):
        from .forking import start_forkserver

        start_forkserver()  # its workers' imports overlap with this process's
    from .pipeline import run
    from .settings import Settings

    return run(Path(corpus), Path(out), Settings(**options))


def __getattr__(name: str):
    # Lazy: importing polycorpus stays cheap, and the CLI loads only what a command needs.
    if name in ("detect", "identify"):
        from . import language

        return getattr(language, name)
    if name in ("load", "stats"):
        from . import reader

        return getattr(reader, name)
    if name == "export_corpus":
        from .export import export_corpus

        return export_corpus
    if name in ("align_documents", "detect_files"):
        from . import files

        return getattr(files, name)
    if name == "align_segments":
        from .align import align

        return align
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(f"module 'polycorpus' has no attribute {name!r}")
