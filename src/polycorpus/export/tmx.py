"""Translator formats: TMX 1.4b and TSV, one file per language pair, streamed
from the Parquet pairs with the review applied. Only beads with text on both
sides are written, and none a reviewer rejected. A reviewed unit carries TMX's
changeid (the reviewer) and changedate (when they decided)."""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .. import __version__

TMX_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="polycorpus" creationtoolversion={version} segtype="paragraph" o-tmf="polycorpus-parquet" adminlang="en" srclang={srclang} datatype="plaintext" creationdate={date}/>
  <body>
"""
TMX_FOOTER = "  </body>\n</tmx>\n"


def _idx(values: Iterable[int]) -> str:
    return ",".join(str(v) for v in values)


def _clean(text: str) -> str:
    """XML-safe text: no leading or trailing blanks, no characters XML 1.0 forbids."""
    return "".join(ch for ch in text.strip() if ch in "\t\n\r" or ord(ch) >= 0x20)


def _change(row: dict[str, object]) -> str:
    """TMX changeid/changedate attributes of a reviewed row; nothing for one as aligned."""
    who, when = row.get("reviewer"), row.get("reviewed_at")
    if not who or when is None:
        return ""
    return f" changeid={quoteattr(str(who))} changedate={quoteattr(when.strftime('%Y%m%dT%H%M%SZ'))}"  # type: ignore[attr-defined]


def tmx_units(rows: Iterable[dict[str, object]]) -> Iterator[str]:
    """One <tu> element per row with text on both sides that no reviewer rejected."""
    for row in rows:
        src, tgt = _clean(str(row["src_text"])), _clean(str(row["tgt_text"]))
        if not src or not tgt or row["review_status"] == "rejected":
            continue
        yield (
            f'    <tu tuid={quoteattr(str(row["pair_id"]))} srclang={quoteattr(str(row["src_lang"]))}{_change(row)}>\n'
            f'      <prop type="x-score">{float(row["score"]):.4f}</prop>\n'  # type: ignore[arg-type]
            f'      <prop type="x-alignment-type">{escape(str(row["alignment_type"]))}</prop>\n'
            f'      <prop type="x-review-status">{escape(str(row["review_status"]))}</prop>\n'
            f'      <prop type="x-site">{escape(str(row["site"]))}</prop>\n'
            f'      <tuv xml:lang={quoteattr(str(row["src_lang"]))}>'
            f'<prop type="x-path">{escape(str(row["src_path"]))}</prop>'
            f'<prop type="x-par-idx">{_idx(row["src_par_idx"])}</prop>'  # type: ignore[arg-type]
            f"<seg>{escape(src)}</seg></tuv>\n"
            f'      <tuv xml:lang={quoteattr(str(row["tgt_lang"]))}>'
            f'<prop type="x-path">{escape(str(row["tgt_path"]))}</prop>'
            f'<prop type="x-par-idx">{_idx(row["tgt_par_idx"])}</prop>'  # type: ignore[arg-type]
            f"<seg>{escape(tgt)}</seg></tuv>\n"
            "    </tu>\n"
        )


def write_tmx(rows: Iterable[dict[str, object]], path: Path, srclang: str, now: dt.datetime | None = None) -> int:
    """Write one TMX 1.4b file; returns the number of translation units."""
    now = now or dt.datetime.now(dt.timezone.utc)
    n = 0
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(TMX_HEADER.format(version=quoteattr(__version__), srclang=quoteattr(srclang),
                                   date=quoteattr(now.strftime("%Y%m%dT%H%M%SZ"))))
        for unit in tmx_units(rows):
            fh.write(unit)
            n += 1
        fh.write(TMX_FOOTER)
    tmp.replace(path)
    return n


TSV_COLUMNS = ["src_text", "tgt_text", "score", "alignment_type", "pair_id", "src_path", "tgt_path",
               "src_par_idx", "tgt_par_idx", "review_status", "reviewer"]


def write_tsv(rows: Iterable[dict[str, object]], path: Path) -> int:
    """Two text columns, then metadata; a header line; tabs and newlines inside
    text become spaces so every unit stays on one line."""
    n = 0
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, lineterminator="\n")
        writer.writerow(TSV_COLUMNS)
        for row in rows:
            src, tgt = str(row["src_text"]).strip(), str(row["tgt_text"]).strip()
            if not src or not tgt or row["review_status"] == "rejected":
                continue
            values = []
            for col in TSV_COLUMNS:
                value = row[col]
                if col in ("src_par_idx", "tgt_par_idx"):
                    value = _idx(value)  # type: ignore[arg-type]
                elif col == "score":
                    value = f"{float(value):.4f}"  # type: ignore[arg-type]
                elif value is None:
                    value = ""
                values.append(" ".join(str(value).split()))
            writer.writerow(values)
            n += 1
    tmp.replace(path)
    return n
