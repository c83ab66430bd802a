"""The `polycorpus` command: a thin click layer over the library.

Each command parses options, builds Settings, calls one public function and
turns a PolycorpusError into a one-line error with exit status 1.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Any, cast

import click

from . import __version__
from .errors import PolycorpusError


def _fail(exc: PolycorpusError) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="polycorpus")
def cli() -> None:
    """Turn scraped Albanian, Serbian and English web pages into a parallel corpus.

    \b
    polycorpus align corpus/ --out out/        build the corpus
    polycorpus detect page.txt --per-line      language of every line
    polycorpus align-pair en.txt sr.txt        align two given documents
    """


@cli.command()
@click.argument("corpus", type=click.Path(path_type=Path), default=Path("corpus"), required=False)
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Output folder; replaced atomically when the run succeeds.")
@click.option("--jobs", "-j", type=int, default=None,
              help="Worker processes, one site at a time each. [default: the machine's cores]")
@click.option("--encoding", default=None, help="Force this encoding for every file instead of detecting it.")
@click.option("--boilerplate-threshold", type=click.FloatRange(0, 1), default=None,
              help="Drop a line whose boilerplate score reaches this. [default: 0.5]")
@click.option("--pair-threshold", type=click.FloatRange(0, 1), default=None,
              help="Pair two pages when their calibrated page_pair_score reaches this. [default: 0.35]")
@click.option("--max-page-mb", type=click.FloatRange(0), default=None,
              help="Skip a file larger than this (status too-large in documents.parquet); 0 for no limit. "
                   "[default: 10]")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Progress bar on stderr (only shown when stderr is a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="No run summary on stderr.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Who runs the sites: a local process pool, or Dask (a LocalCluster of --jobs workers, "
                   "or the cluster of --scheduler).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="With --engine dask: use this running Dask scheduler. CORPUS and OUT must be on a "
                   "mount every worker sees.")
@click.option("--fresh", is_flag=True,
              help="Recompute every site instead of reusing what earlier runs left in the work folder beside OUT.")
def align(corpus: Path, out: Path, jobs: int | None, encoding: str | None, boilerplate_threshold: float | None,
          pair_threshold: float | None, max_page_mb: float | None, progress: bool, quiet: bool, engine: str, scheduler: str | None,
          fresh: bool) -> None:
    """Build a parallel corpus from the pages under CORPUS (default: corpus/).

    A top-level folder of CORPUS is a site; files directly in CORPUS form one
    site. Pages are paired and aligned within their site. Writes
    OUT/pairs/<pair>/part-*.parquet, OUT/documents.parquet and
    OUT/paragraphs.parquet, and prints a run summary on stderr.

    What each site's tasks made is kept in .OUT.work/ beside OUT: a killed run
    picks up where it stopped, and a re-run redoes only the sites whose files
    changed (and the second pass of sites whose pooled model changed).

    \b
    Examples:
      polycorpus align                       # corpus/ -> out/
      polycorpus align scraped/ --out corpus-2024 --jobs 4
      polycorpus align scraped/ --out corpus-2024 --engine dask --scheduler tcp://10.0.0.5:8786
    """
    if engine == "dask" and not scheduler:
        from .forking import start_forkserver

        start_forkserver()  # its workers' imports overlap with this process's
    from .pipeline import run
    from .settings import Settings

    options: dict[str, Any] = {k: v for k, v in {"jobs": jobs, "encoding": encoding, "boilerplate_threshold": boilerplate_threshold,
                                 "pair_threshold": pair_threshold,
                                 "max_page_bytes": None if max_page_mb is None else int(max_page_mb * 2**20),
                                 }.items() if v is not None}
    try:
        settings = Settings(progress=progress, engine=engine, scheduler=scheduler, fresh=fresh, **options)
        bar = _progress_bar(corpus, enabled=progress)
        say = None if quiet else (lambda text: bar.write(text, file=sys.stderr) if bar else click.echo(text, err=True))
        from .review.corpus import ReviewMisfit  # here, not at the top: pyarrow would slow every command's start

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ReviewMisfit)  # every misfit; other warnings as Python's defaults say
            report = run(corpus, out, settings, on_progress=bar.update if bar else None, on_message=say)
        if bar:
            bar.close()
    except PolycorpusError as exc:
        raise _fail(exc) from exc
    for w in caught:  # a review decision the new alignment no longer fits is said plainly
        if issubclass(w.category, ReviewMisfit):
            click.echo(f"warning: {w.message}", err=True)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if not quiet:
        click.echo(report.summary(), err=True)
        click.echo(f"wrote {out}", err=True)


def _progress_bar(corpus: Path, enabled: bool):
    """A tqdm bar over files on stderr, or None when stderr is not a terminal."""
    if not enabled or not sys.stderr.isatty() or not corpus.is_dir():
        return None
    from tqdm import tqdm

    # every file is counted twice: once per sweep over the sites (see pipeline.run)
    total = 2 * sum(1 for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    return tqdm(total=total, unit="file", desc="align", file=sys.stderr, leave=False)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--per-line", is_flag=True, help="One output line per input line: TAG<TAB>CONFIDENCE.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines with tag, confidence and the deciding cues.")
@click.option("--prefer", type=click.Choice(["sr", "hr", "bs"]), default=None,
              help="Where Serbian, Croatian or Bosnian Latin text has no cue for any of them, tag it so "
                   "(default: hr, the commonest such text in our measurements; the cue 'tie:..' says when).")
def detect(files: tuple[Path, ...], per_line: bool, as_json: bool, prefer: str | None) -> None:
    """Tell the language of FILES: sq, en, sr-Latn, sr-Cyrl, hr, bs, mk, ... or und.

    By default one line per file, PATH<TAB>TAG<TAB>CONFIDENCE, from the
    file's content: HTML is read for its visible text, and the page's
    boilerplate (menus, footers, addresses; see `align`) is left out first, so
    an English footer does not tip a Serbian page. With --per-line every input
    line is judged as it is. Use - to read stdin.

    \b
    Examples:
      polycorpus detect page1.txt page2.html
      polycorpus detect --per-line paragraphs.txt
      cat lines.txt | polycorpus detect --per-line -
      polycorpus detect --per-line --prefer sr lines-from-a-serbian-site.txt
    """
    from .files import detect_files, format_detection

    try:
        for path, result in detect_files(files, per_line=per_line, prefer=prefer):
            click.echo(format_detection(result, path, as_json))
    except PolycorpusError as exc:
        raise _fail(exc) from exc


@cli.command("align-pair")
@click.argument("src", type=click.Path(path_type=Path))
@click.argument("tgt", type=click.Path(path_type=Path))
@click.option("--unit", type=click.Choice(["line", "paragraph", "sentence"]), default="paragraph", show_default=True,
              help="line: one segment a line; paragraph: blank-line separated; sentence: spaCy's rule-based sentencizer.")
@click.option("--format", "fmt", type=click.Choice(["ladder", "tsv", "jsonl"]), default="ladder", show_default=True,
              help="ladder: [i, ...]:[j, ...]:score per bead; tsv: texts side by side; jsonl: one JSON bead a line.")
@click.option("--src-lang", default=None, help="Language of SRC, for --unit sentence (default: detected).")
@click.option("--tgt-lang", default=None, help="Language of TGT, for --unit sentence (default: detected).")
def align_pair(src: Path, tgt: Path, unit: str, fmt: str, src_lang: str | None, tgt_lang: str | None) -> None:
    """Align two given documents SRC and TGT, translations of each other.

    Every segment of both sides appears in exactly one bead, in order; an
    untranslated segment is a bead with an empty side.

    \b
    Examples:
      polycorpus align-pair report.en.txt report.sr.txt
      polycorpus align-pair a.txt b.txt --unit sentence --format tsv
    """
    from .files import align_documents
    from .segment import Unit

    try:
        pair = align_documents(src, tgt, cast(Unit, unit), src_lang, tgt_lang)
        for line in pair.lines(fmt):
            click.echo(line)
    except PolycorpusError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--tmx", "tmx_dir", type=click.Path(path_type=Path), default=None,
              help="Write one TMX 1.4b file per language pair into this folder.")
@click.option("--tsv", "tsv_dir", type=click.Path(path_type=Path), default=None,
              help="Write one TSV file per language pair (two text columns, then metadata) into this folder.")
@click.option("--card", is_flag=True, help="Write OUT/README.md, a Hugging Face dataset card.")
def export(out: Path, tmx_dir: Path | None, tsv_dir: Path | None, card: bool) -> None:
    """Export the aligned corpus in OUT for translators and hubs.

    Only beads with text on both sides are exported to TMX and TSV.

    \b
    Examples:
      polycorpus export out --tmx tmx/
      polycorpus export out --tsv tsv/ --card
    """
    from .export import export_corpus

    if not (tmx_dir or tsv_dir or card):
        raise click.UsageError("say what to export: --tmx DIR, --tsv DIR and/or --card")
    try:
        written = export_corpus(out, tmx=tmx_dir, tsv=tsv_dir, card=card)
    except PolycorpusError as exc:
        raise _fail(exc) from exc
    for kind, files in written.items():
        for name, n in files.items():
            click.echo(f"{kind}: {name}: {n}" if kind != "card" else f"card: {out / name}", err=True)


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(out: Path, as_json: bool) -> None:
    """Counts and summaries of the aligned corpus in OUT.

    Per pair, site, language and alignment type; score and length-ratio
    summaries; the share of Serbian Cyrillic and Latin; unpaired pages and why.

    \b
    Examples:
      polycorpus stats out
      polycorpus stats out --json | jq .pairs
    """
    from . import reader

    try:
        data = reader.stats(out)
    except PolycorpusError as exc:
        raise _fail(exc) from exc
    click.echo(json.dumps(data, ensure_ascii=False, indent=1) if as_json else reader.format_stats(data))


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--pair", default=None, help="Show this language pair first (e.g. en-sr_Latn).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 lets other machines in, and warns.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port to listen on.")
@click.option("--reviewer", default=None, help="Name written with every decision. [default: your login name]")
@click.option("--open/--no-open", "open_browser", default=False, show_default=True, help="Open the browser at the URL.")
def review(out: Path, pair: str | None, host: str, port: int, reviewer: str | None, open_browser: bool) -> None:
    """Review and correct the aligned pairs of OUT in a local web app.

    Decisions go into OUT/review.sqlite, an append-only log (undo is a new
    event); `load()`, `export` and `stats` apply them, and a new `align` run
    keeps them. Serves until Ctrl-C.

    \b
    Examples:
      polycorpus review out
      polycorpus review out --pair en-sq --reviewer ana --open
    """
    import getpass
    import webbrowser

    from .review.app import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines on the network can reach the review app", err=True)

    def ready(url: str) -> None:
        click.echo(f"polycorpus review: {url}  (Ctrl-C to stop)", err=True)
        if open_browser:
            webbrowser.open(url)

    try:
        serve(out, reviewer or getpass.getuser(), host, port, pair, on_ready=ready)
    except PolycorpusError as exc:
        raise _fail(exc) from exc


def main() -> None:
    cli(prog_name="polycorpus")


if __name__ == "__main__":
    main()
