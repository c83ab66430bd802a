"""Segmenting text into lines, paragraphs and sentences."""
from __future__ import annotations

import pytest

from polycorpus.segment import split_segments


def test_lines_keep_numbering_including_empty_lines():
    text = "Prvi red\n\nTreći red\r\nČetvrti\n"
    assert split_segments(text, "line", "sr-Latn") == ["Prvi red", "", "Treći red", "Četvrti"]
    assert split_segments("", "line", "en") == []
    assert split_segments("one", "line", "en") == ["one"]


def test_paragraphs_are_blank_line_separated_and_joined():
    text = "Rreshti i parë\nvazhdon këtu.\n\n  \nParagrafi i dytë.\n\n\n"
    assert split_segments(text, "paragraph", "sq") == ["Rreshti i parë vazhdon këtu.", "Paragrafi i dytë."]


@pytest.mark.parametrize("lang,text,expected", [
    ("sq", "Qeveria miratoi ligjin. A do të ketë ndryshime? Po!",
     ["Qeveria miratoi ligjin.", "A do të ketë ndryshime?", "Po!"]),
    ("sr-Cyrl", "Влада је усвојила закон. Да ли ће бити промена?",
     ["Влада је усвојила закон.", "Да ли ће бити промена?"]),
    ("en", "The council met.\n\nIt approved the budget. Work starts soon.",
     ["The council met.", "It approved the budget.", "Work starts soon."]),
    ("zz-unknown", "First one. Second one.", ["First one.", "Second one."]),
])
def test_sentences(lang, text, expected):
    assert split_segments(text, "sentence", lang) == expected


def test_unknown_unit_is_an_error():
    with pytest.raises(ValueError, match="unit"):
        split_segments("x", "word", "en")  # type: ignore[arg-type]
