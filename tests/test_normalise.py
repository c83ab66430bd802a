from polycorpus.normalise import normalise, normalise_lines


def test_nfc_composes_decomposed_letters():
    decomposed = "c\u030c"  # c + combining caron
    assert normalise(decomposed) == "č"


def test_invisible_characters_and_soft_hyphens_go():
    assert normalise("pre\u00adporuka\u200b je\ufeff") == "preporuka je"


def test_whitespace_runs_collapse_including_no_break_spaces():
    assert normalise("  09:00\u00a0 \t– 17:00\u202f ") == "09:00 – 17:00"


def test_quotes_and_script_are_kept():
    text = "„Ово је цитат“ i “quote”"
    assert normalise(text) == text


def test_lines_keep_blank_lines_as_paragraph_breaks():
    assert normalise_lines("a\r\n\r\nb\rc") == ["a", "", "b", "c"]
