"""Writers of the corpus: Parquet (the corpus itself), TMX and TSV (for translators),
and a dataset card."""
from __future__ import annotations

from pathlib import Path


def export_corpus(out: Path, tmx: Path | None = None, tsv: Path | None = None, card: bool = False) -> dict[str, dict[str, int]]:
    """Write translator files and/or the dataset card for a polycorpus output.

    Returns {"tmx": {pair: units}, "tsv": {pair: rows}, "card": {...}} for what was written.
    """
    from .. import reader
    from .card import write_card
    from .tmx import write_tmx, write_tsv

    out = reader.check_output(Path(out))
    written: dict[str, dict[str, int]] = {}
    for kind, folder, writer, suffix in (("tmx", tmx, write_tmx, ".tmx"), ("tsv", tsv, write_tsv, ".tsv")):
        if folder is None:
            continue
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written[kind] = {}
        for name in reader.pair_names(out):
            rows = reader.iter_rows(out, name, both_sides=True)
            target = folder / f"{name}{suffix}"
            if kind == "tmx":
                srclang = name.split("-", 1)[0].replace("_", "-")
                written[kind][name] = writer(rows, target, srclang)  # type: ignore[call-arg]
            else:
                written[kind][name] = writer(rows, target)  # type: ignore[call-arg]
    if card:
        write_card(out, reader.stats(out))
        written["card"] = {"README.md": 1}
    return written
