"""A Hugging Face dataset card (OUT/README.md) for a polycorpus output."""
from __future__ import annotations

from pathlib import Path

from .. import __version__
from .parquet import PAIRS_DIR
from .schema import DOCUMENTS, PAIRS, PARAGRAPHS

COLUMN_DOCS = {
    "pair": "language pair, OPUS style: en-sq, en-sr_Latn, en-sr_Cyrl, sq-sr_Latn, sq-sr_Cyrl; src is its first language",
    "pair_id": "stable id of the row: a hash of both paths and paragraph indices",
    "site": "the site (top-level folder of the input corpus) the pages came from",
    "src_path": "source page, relative to the input corpus",
    "tgt_path": "target page, relative to the input corpus",
    "src_lang": "BCP-47 tag of the source side (sq, en, sr-Latn, sr-Cyrl)",
    "tgt_lang": "BCP-47 tag of the target side",
    "src_script": "script of the source side (Latn or Cyrl)",
    "tgt_script": "script of the target side",
    "src_text": "source paragraphs of the bead, joined by a newline; empty for an untranslated target paragraph",
    "tgt_text": "target paragraphs of the bead, joined by a newline; empty for an untranslated source paragraph",
    "src_par_idx": "indices of the source paragraphs among the page's content paragraphs",
    "tgt_par_idx": "indices of the target paragraphs",
    "alignment_type": "bead shape: 1-1, 1-2, 2-1, 2-2, 1-3, ..., 1-0 and 0-1",
    "score": "bead score in [0, 1]; higher is more likely right",
    "page_pair_score": "how sure the pairing of the two pages was, in [0, 1]",
    "src_lid_conf": "language-identification confidence of the source side (least sure paragraph)",
    "tgt_lid_conf": "language-identification confidence of the target side",
    "length_ratio": "source characters / target characters; null for a one-sided row",
    "src_n_chars": "characters of src_text",
    "tgt_n_chars": "characters of tgt_text",
    "review_status": "auto (as aligned), confirmed, rejected or edited (set by a reviewer)",
}


DOCUMENT_DOCS = {
    "path": "input file, relative to the input corpus",
    "site": "the site it belongs to",
    "format": "text or html",
    "encoding": "the encoding it was decoded with",
    "lang": "BCP-47 tag of the page: sq, en, sr-Latn, sr-Cyrl, hr, bs, mk, ... or und",
    "script": "Latn or Cyrl",
    "lang_conf": "language-identification confidence in [0, 1]",
    "status": "paired, unpaired, or why the file failed (unsupported, unreadable, undecodable, unparsable, empty, too-large)",
    "n_paragraphs": "content paragraphs kept",
    "n_boilerplate": "lines dropped as boilerplate",
    "n_chars": "characters of content",
    "title": "the HTML title, when there is one",
    "paired_with": "the pages it was paired with",
    "unpaired_reason": "why no partner was found (no-partner ..., taken ..., no-candidate ..., lang-unsupported ...)",
    "best_candidate": "an unpaired page's best candidate partner, when it had one",
    "best_candidate_score": "that candidate's page_pair_score (below the threshold, or lost to a better pair)",
    "error": "what went wrong, for a failed file",
}

PARAGRAPH_DOCS = {
    "path": "input file",
    "site": "its site",
    "line": "position among all lines of the page",
    "block": "the source block (a line with glued boilerplate splits into two lines of one block)",
    "index": "content paragraph index (the src_par_idx / tgt_par_idx of the pairs); null when dropped",
    "text": "the line's text",
    "is_boilerplate": "whether it was dropped",
    "reason": "content, or why it was dropped: repeated-on-site, html-chrome, contact, address, hours, cookie, social, glued, ...",
    "boilerplate_score": "the score the decision came from; lines at or above the threshold are dropped",
    "lang": "language of a content paragraph",
    "lang_conf": "its confidence",
    "lang_evidence": "the cues that decided, space separated",
}


def _columns(schema, docs: dict[str, str]) -> list[str]:
    rows = ["| column | type | meaning |", "|---|---|---|"]
    return rows + [f"| `{f.name}` | {f.type} | {docs.get(f.name, '')} |" for f in schema]


def write_card(out: Path, stats: dict[str, object]) -> Path:
    """Write OUT/README.md with dataset-card YAML, the columns and the counts."""
    pairs: dict[str, dict[str, object]] = stats["pairs"]  # type: ignore[assignment]
    tags = sorted({t.replace("_", "-") for name in pairs for t in name.split("-", 1)})
    iso = sorted({t.split("-")[0] for t in tags})
    yaml = ["---", "language:"] + [f"- {t}" for t in iso]
    yaml += ["language_bcp47:"] + [f"- {t}" for t in tags]
    yaml += ["multilinguality: translation", "task_categories:", "- translation",
             "pretty_name: polycorpus parallel corpus", "configs:"]
    for name in pairs:
        yaml += [f"- config_name: {name}", "  data_files:", "  - split: train", f"    path: {PAIRS_DIR}/{name}/*.parquet"]
    yaml.append("---")
    body = [
        "",
        "# polycorpus parallel corpus",
        "",
        f"Aligned paragraphs of Albanian, Serbian (Latin and Cyrillic) and English web pages, built with "
        f"polycorpus {__version__}: pages were decoded and normalised, site boilerplate was stripped, the language "
        "of every page and paragraph identified, translated pages paired by content within each site, and their "
        "paragraphs aligned by length, shared anchors and cognates with a two-pass learned lexicon.",
        "",
        "Load one pair with `datasets.load_dataset(\"parquet\", data_files=\"pairs/en-sq/*.parquet\")`, "
        "or all of it with `polycorpus.load(path)`.",
        "",
        "## Counts",
        "",
        "| pair | rows | rows with both sides | page pairs |",
        "|---|---|---|---|",
    ]
    for name, p in pairs.items():
        body.append(f"| {name} | {p['rows']} | {p['rows_both_sides']} | {p['page_pairs']} |")
    body += ["", f"Documents: {stats['documents']}; by language: "
             + ", ".join(f"{k} {v}" for k, v in stats["documents_by_lang"].items()) + ".",  # type: ignore[attr-defined]
             "", "## Columns of `pairs/<pair>/*.parquet`", ""]
    body += _columns(PAIRS, COLUMN_DOCS)
    body += ["", "## `documents.parquet`: one row per input file", ""] + _columns(DOCUMENTS, DOCUMENT_DOCS)
    body += ["", "## `paragraphs.parquet`: every line of every page, kept or dropped, with the reason", ""]
    body += _columns(PARAGRAPHS, PARAGRAPH_DOCS) + [""]
    path = Path(out) / "README.md"
    path.write_text("\n".join(yaml + body), encoding="utf-8")
    return path
