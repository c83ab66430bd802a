"""Read a polycorpus output back: `load()` for notebooks, `stats()` for the CLI.

Filters are pushed into pyarrow, so only the wanted language pairs' files are
opened and only matching rows are materialised. When translators reviewed the
corpus (OUT/review.sqlite, see polycorpus.review), their decisions are applied
to what is read: edited texts, merged and split beads, `review_status`, and the
added `reviewer` and `reviewed_at` columns.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .errors import OutputInvalid
from .export.parquet import PAIRS_DIR
from .export.schema import PAIRS


def check_output(out: Path) -> Path:
    """OUT, or OutputInvalid saying why it is not a polycorpus output."""
    out = Path(out)
    if not (out / "documents.parquet").is_file() or not (out / PAIRS_DIR).is_dir():
        raise OutputInvalid(
            f"{str(out)!r} is not a polycorpus output (no documents.parquet or pairs/); "
            "build one with `polycorpus align CORPUS --out OUT`"
        )
    return out


def pair_names(out: Path) -> list[str]:
    """The language pairs present in OUT, e.g. ['en-sq', 'en-sr_Latn']."""
    return sorted(p.name for p in (check_output(out) / PAIRS_DIR).iterdir() if p.is_dir() and any(p.glob("*.parquet")))


def pairs_dataset(out: Path, pair: str | Sequence[str] | None = None) -> ds.Dataset:
    """A pyarrow dataset over the pair files of OUT (all pairs, or the named ones)."""
    wanted = pair_names(out) if pair is None else [pair] if isinstance(pair, str) else list(pair)
    files = []
    for name in wanted:
        folder = Path(out) / PAIRS_DIR / name
        if not folder.is_dir():
            raise OutputInvalid(f"no pair {name!r} in {str(out)!r}; it has {', '.join(pair_names(out)) or 'none'}")
        files += sorted(str(f) for f in folder.glob("*.parquet"))
    return ds.dataset(files, schema=PAIRS, format="parquet")


def _filter(min_score: float | None, status: str | Sequence[str] | None, both_sides: bool) -> pc.Expression | None:
    expr = None

    def both(a, b):
        return b if a is None else a & b

    if min_score is not None:
        expr = both(expr, ds.field("score") >= min_score)
    if status is not None:
        statuses = [status] if isinstance(status, str) else list(status)
        expr = both(expr, ds.field("review_status").isin(statuses))
    if both_sides:
        expr = both(expr, (ds.field("src_n_chars") > 0) & (ds.field("tgt_n_chars") > 0))
    return expr


def load(
    out: str | Path,
    pair: str | Sequence[str] | None = None,
    min_score: float | None = None,
    status: str | Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    both_sides: bool = False,
) -> pd.DataFrame:
    """Load aligned rows of a polycorpus output as a pandas DataFrame.

    >>> df = polycorpus.load("out", pair="en-sq", min_score=0.8)     # doctest: +SKIP
    >>> df[["src_text", "tgt_text", "score"]].head()                  # doctest: +SKIP

    pair: one pair name or several ("en-sq", "en-sr_Latn", ...); None for all.
    min_score: keep rows whose bead score is at least this.
    status: review status(es) to keep ("auto", "confirmed", "rejected", "edited"); rejected
        beads are kept unless this leaves them out.
    both_sides: drop one-sided rows (untranslated paragraphs).
    """
    from .review.corpus import REVIEW_FIELDS, has_review, reviewed_table

    out = Path(out)
    dataset = pairs_dataset(out, pair)
    if not has_review(out):
        # nothing to apply: filters and columns go to pyarrow, the reviewer columns are empty
        stored = [c for c in columns if c in PAIRS.names] if columns else None
        table = dataset.to_table(columns=stored, filter=_filter(min_score, status, both_sides))
        for f in REVIEW_FIELDS:
            if not columns or f.name in columns:
                table = table.append_column(f, pa.nulls(table.num_rows, f.type))
    else:
        # a decision can change a bead's score, status and sides: filter after applying it
        table = reviewed_table(out, dataset.to_table(), _pair_list(out, pair))
        expr = _filter(min_score, status, both_sides)
        if expr is not None:
            table = table.filter(expr)
    if columns:
        table = table.select(list(columns))
    return table.to_pandas()


def _pair_list(out: Path, pair: str | Sequence[str] | None) -> list[str]:
    return pair_names(out) if pair is None else [pair] if isinstance(pair, str) else list(pair)


def iter_rows(out: Path, pair: str, both_sides: bool = True, batch_size: int = 4096) -> Iterator[dict[str, object]]:
    """Stream the rows of one pair as dicts, in file order, with the review applied, without loading them all."""
    from .review.corpus import REVIEW_FIELDS, has_review, reviewed_rows

    if not has_review(Path(out)):
        # nothing to apply: the one-sided rows are left out by pyarrow, the reviewer columns are empty
        empty = {f.name: None for f in REVIEW_FIELDS}
        for batch in pairs_dataset(out, pair).to_batches(batch_size=batch_size,
                                                         filter=_filter(None, None, both_sides)):
            for row in batch.to_pylist():
                yield {**row, **empty}
        return

    def raw() -> Iterator[dict[str, object]]:
        for batch in pairs_dataset(out, pair).to_batches(batch_size=batch_size):
            yield from batch.to_pylist()

    for row in reviewed_rows(Path(out), pair, raw()):
        if not both_sides or (row["src_n_chars"] and row["tgt_n_chars"]):
            yield row


def _summary(values: pa.ChunkedArray | pa.Array) -> dict[str, float | None]:
    values = pc.drop_null(values)
    if len(values) == 0:
        return {"mean": None, "min": None, "p10": None, "median": None, "p90": None, "max": None}
    q = pc.quantile(values, q=[0.1, 0.5, 0.9]).to_pylist()
    return {
        "mean": round(pc.mean(values).as_py(), 4),
        "min": round(pc.min(values).as_py(), 4),
        "p10": round(q[0], 4),
        "median": round(q[1], 4),
        "p90": round(q[2], 4),
        "max": round(pc.max(values).as_py(), 4),
    }


def _counts(array: pa.ChunkedArray | pa.Array) -> dict[str, int]:
    vc = pc.value_counts(array).to_pylist()
    return dict(sorted(((str(v["values"]), v["counts"]) for v in vc), key=lambda kv: (-kv[1], kv[0])))


def stats(out: str | Path) -> dict[str, object]:
    """Counts and summaries of a polycorpus output, as plain data (for --json)."""
    out = check_output(Path(out))
    docs = pq.read_table(out / "documents.parquet",
                         columns=["path", "site", "lang", "status", "unpaired_reason", "n_paragraphs"])
    by_lang = _counts(docs["lang"])
    result: dict[str, object] = {
        "documents": docs.num_rows,
        "documents_by_lang": by_lang,
        "documents_by_status": _counts(docs["status"]),
        "documents_by_site": _counts(docs["site"]),
        "unpaired_by_reason": _counts(pc.drop_null(docs["unpaired_reason"])),
    }
    serbian = {tag: n for tag, n in by_lang.items() if tag.startswith("sr-")}
    total_sr = sum(serbian.values())
    result["serbian_script_share"] = (
        {"sr-Cyrl": round(serbian.get("sr-Cyrl", 0) / total_sr, 4), "sr-Latn": round(serbian.get("sr-Latn", 0) / total_sr, 4)}
        if total_sr else {}
    )
    from .review.corpus import has_review, reviewed_table

    reviewed = has_review(out)
    per_pair = {}
    misfits: list = []
    for name in pair_names(out):
        dataset = pairs_dataset(out, name)
        if reviewed:
            table = reviewed_table(out, dataset.to_table(), [name], misfits)
        else:
            table = dataset.to_table(columns=["site", "src_path", "tgt_path", "alignment_type", "score", "length_ratio",
                                              "src_n_chars", "tgt_n_chars", "review_status"])
        both = pc.and_(pc.greater(table["src_n_chars"], 0), pc.greater(table["tgt_n_chars"], 0))
        page_pairs = {(s, t) for s, t in zip(table["src_path"].to_pylist(), table["tgt_path"].to_pylist())}
        per_pair[name] = {
            "rows": table.num_rows,
            "rows_both_sides": pc.sum(both).as_py() or 0,
            "page_pairs": len(page_pairs),
            "rows_by_site": _counts(table["site"]),
            "alignment_types": _counts(table["alignment_type"]),
            "score": _summary(table["score"]),
            "length_ratio": _summary(table["length_ratio"]),
            "review_status": _counts(table["review_status"]),
        }
    result["pairs"] = per_pair
    result["review_misfits"] = [str(m) for m in misfits]
    return result


def format_stats(data: dict[str, object]) -> str:
    """The stats as readable text."""
    def line(counter: object) -> str:
        return ", ".join(f"{k} {v}" for k, v in counter.items()) or "none"  # type: ignore[attr-defined]

    parts = [
        f"documents: {data['documents']}",
        f"  by language: {line(data['documents_by_lang'])}",
        f"  by status: {line(data['documents_by_status'])}",
        f"  by site: {line(data['documents_by_site'])}",
        f"  unpaired, by reason: {line(data['unpaired_by_reason'])}",
        f"Serbian script share: {line(data['serbian_script_share'])}",
    ]
    for name, p in data["pairs"].items():  # type: ignore[attr-defined]
        parts += [
            f"pair {name}: {p['rows']} rows ({p['rows_both_sides']} with both sides) from {p['page_pairs']} page pairs",
            f"  by site: {line(p['rows_by_site'])}",
            f"  alignment types: {line(p['alignment_types'])}",
            f"  score: {line(p['score'])}",
            f"  length ratio (src/tgt chars): {line(p['length_ratio'])}",
            f"  review status: {line(p['review_status'])}",
        ]
    misfits: list[str] = data.get("review_misfits") or []  # type: ignore[assignment]
    if misfits:
        parts.append(f"review decisions that no longer fit the alignment: {len(misfits)}")
        parts += [f"  {m}" for m in misfits]
    return "\n".join(parts)
