"""Writers of the corpus: Parquet (the corpus itself), TMX and TSV (for translators)."""
