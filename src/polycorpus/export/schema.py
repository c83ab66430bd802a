"""The Parquet schemas of a polycorpus output, declared once, never inferred.

    OUT/pairs/<pair>/part-NNNNN.parquet   PAIRS: one row per aligned unit (bead)
    OUT/documents.parquet                 DOCUMENTS: one row per input file
    OUT/paragraphs.parquet                PARAGRAPHS: one row per line of every page, kept or dropped

Text columns are plain strings (no dictionary encoding), so pandas, DuckDB and
Hugging Face `datasets` read them without glue.
"""
from __future__ import annotations

import json

import pyarrow as pa

from .. import __version__

#: bump when a column is added, removed or changes meaning
FORMAT_VERSION = "1.1"

PAIRS = pa.schema(
    [
        pa.field("pair", pa.string(), nullable=False),  # en-sq, en-sr_Latn, ... (OPUS style, alphabetical)
        pa.field("pair_id", pa.string(), nullable=False),  # stable hash of paths and indices
        pa.field("site", pa.string(), nullable=False),
        pa.field("src_path", pa.string(), nullable=False),
        pa.field("tgt_path", pa.string(), nullable=False),
        pa.field("src_lang", pa.string(), nullable=False),
        pa.field("tgt_lang", pa.string(), nullable=False),
        pa.field("src_script", pa.string(), nullable=False),
        pa.field("tgt_script", pa.string(), nullable=False),
        pa.field("src_text", pa.string(), nullable=False),  # paragraphs of the bead joined by "\n"; "" when none
        pa.field("tgt_text", pa.string(), nullable=False),
        pa.field("src_par_idx", pa.list_(pa.int32()), nullable=False),
        pa.field("tgt_par_idx", pa.list_(pa.int32()), nullable=False),
        pa.field("alignment_type", pa.string(), nullable=False),  # "1-1", "1-2", "0-1", ...
        pa.field("score", pa.float64(), nullable=False),  # bead score in [0, 1]
        pa.field("page_pair_score", pa.float64(), nullable=False),  # how sure the page pairing was
        pa.field("src_lid_conf", pa.float64(), nullable=False),
        pa.field("tgt_lid_conf", pa.float64(), nullable=False),
        pa.field("length_ratio", pa.float64(), nullable=True),  # src chars / tgt chars; null when a side is empty
        pa.field("src_n_chars", pa.int32(), nullable=False),
        pa.field("tgt_n_chars", pa.int32(), nullable=False),
        pa.field("review_status", pa.string(), nullable=False),  # auto | confirmed | rejected | edited
    ]
)

DOCUMENTS = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("site", pa.string(), nullable=False),
        pa.field("format", pa.string(), nullable=False),  # text | html | "" when unknown
        pa.field("encoding", pa.string(), nullable=False),
        pa.field("lang", pa.string(), nullable=False),  # BCP-47: sq, en, sr-Latn, sr-Cyrl, hr, ..., und
        pa.field("script", pa.string(), nullable=False),  # Latn | Cyrl | ""
        pa.field("lang_conf", pa.float64(), nullable=False),
        pa.field("status", pa.string(), nullable=False),  # paired | unpaired | unreadable | undecodable | empty | ...
        pa.field("n_paragraphs", pa.int32(), nullable=False),  # content paragraphs
        pa.field("n_boilerplate", pa.int32(), nullable=False),  # lines dropped as boilerplate
        pa.field("n_chars", pa.int64(), nullable=False),  # characters of content
        pa.field("title", pa.string(), nullable=True),
        pa.field("paired_with", pa.list_(pa.string()), nullable=False),
        pa.field("unpaired_reason", pa.string(), nullable=True),
        # unpaired pages: the best candidate partner pairing found, and its page_pair_score
        pa.field("best_candidate", pa.string(), nullable=True),
        pa.field("best_candidate_score", pa.float64(), nullable=True),
        pa.field("error", pa.string(), nullable=True),
    ]
)

PARAGRAPHS = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("site", pa.string(), nullable=False),
        pa.field("line", pa.int32(), nullable=False),  # position among all lines of the page
        pa.field("block", pa.int32(), nullable=False),  # source block (a glued line splits into two lines)
        pa.field("index", pa.int32(), nullable=True),  # content paragraph index; null for boilerplate
        pa.field("text", pa.string(), nullable=False),
        pa.field("is_boilerplate", pa.bool_(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),  # "content" or why it was dropped
        pa.field("boilerplate_score", pa.float64(), nullable=False),
        pa.field("lang", pa.string(), nullable=True),  # content paragraphs only
        pa.field("lang_conf", pa.float64(), nullable=True),
        pa.field("lang_evidence", pa.string(), nullable=True),  # cues that decided, space separated
    ]
)


def with_metadata(schema: pa.Schema, kind: str, settings: dict[str, object] | None = None) -> pa.Schema:
    """The schema with polycorpus metadata: format version, tool version, run settings."""
    meta = {
        b"polycorpus.format_version": FORMAT_VERSION.encode(),
        b"polycorpus.version": __version__.encode(),
        b"polycorpus.table": kind.encode(),
    }
    if settings is not None:
        meta[b"polycorpus.settings"] = json.dumps(settings, sort_keys=True).encode()
    return schema.with_metadata(meta)
