"""The shared folds, transliteration, URL, number and name keys (polycorpus.text)."""
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polycorpus import text as T


def test_to_latin_serbian_cyrillic():
    assert T.to_latin("Љубав ЉУБАВ Џеп Ђорђе Ћуприја") == "Ljubav LJUBAV Džep Đorđe Ćuprija"
    assert T.to_latin("ѓ ќ ѕ") == "ǵ ḱ dz"
    assert T.to_latin("Latin only") == "Latin only"


def test_fix_homoglyphs_gives_each_word_its_script():
    # Latin P, A, B, M inside a Cyrillic word; Cyrillic о inside a Latin one
    assert T.fix_homoglyphs("ПPABИMA и Beоgrad") == "ПРАВИМА и Beograd"
    assert T.fix_homoglyphs("plain text") == "plain text"


def test_fold_matches_scripts_and_diacritics():
    assert T.fold("Ђорђе Đorđe ĐORĐE") == "djordje djordje djordje"
    assert T.fold("Краснићи") == T.fold("Krasnići") == "krasnici"
    assert T.fold("Shqipërisë Çështja") == "shqiperise ceshtja"


@given(st.text(alphabet=st.sampled_from("abcehijkmopstxyzdq čđłæ_1 .,-ЖжшђабвгдеосхруÉé"), max_size=30))
def test_token_fold_shortcuts_keep_its_definition(text):
    # the shortcuts (no look-alike letter in a Cyrillic text, no letter the
    # table changes in a Latin one) give what the plain steps give
    def look_alikes(t: str) -> str:
        return T._MIXED_WORD.sub(lambda m: m.group(0).translate(T._TOKEN_HOMOGLYPHS), t)

    t = text.casefold()
    assert T._cyrillic_homoglyphs(t) == look_alikes(t)
    if not t.isascii():
        t = (look_alikes(t) if T.CYR_RE.search(t) else t).translate(T._TOKEN_FOLD_TABLE)
        t = T._COMBINING.sub("", T.unicodedata.normalize("NFKD", t))
    assert T.token_fold(text) == t


def test_token_fold_agrees_with_fold_on_serbian_and_albanian():
    for s in ("Љубљана Њиш Џеп Ђорђе Ћуприја", "Ljubljana Njiš Džep Đorđe Ćuprija", "Shqipëri çelës"):
        assert T.token_fold(s) == T.fold(s)
    assert T.token_fold("Бeoгpaд") == T.token_fold("Београд") == "beograd"


def test_token_fold_reads_the_serbian_alphabet():
    assert T.token_fold("абвгдђежзијклљмнњопрстћуфхцчџш") == "abvgddjezzijklljmnnjoprstcufhccdzs"
    assert T.token_fold("АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ") == "abvgddjezzijklljmnnjoprstcufhccdzs"


def test_token_fold_differs_from_fold_where_documented():
    # Macedonian ѓ and Russian letters: each fold keeps its stage's reading
    assert T.token_fold("ѓ") == "dj" and T.fold("ѓ") == "g"
    assert T.token_fold("юя") == "juja" and T.fold("юя") == "юя"
    assert T.token_fold("łódź") == "lodz" and T.fold("łódź") == "łodz"


@pytest.mark.parametrize("raw, key", [
    ("1.000", "1000"), ("1,000", "1000"), ("1000", "1000"), ("3,5", "3.5"), ("3.5", "3.5"),
    ("0,5", "0.5"), ("007", "7"), ("1.2.3", "12.3"), ("2.400.000", "2400000"),
])
def test_number_key(raw, key):
    assert T.number_key(raw) == key


@pytest.mark.parametrize("raw, key", [
    ("1,250", "1250"), ("1.250", "1250"), ("3,5", "3.5"), ("0,5", ".5"), ("1.2.3", "1.2.3"),
    ("2,400,000", "2400000"), ("000", "0"),
])
def test_number_key_as_written(raw, key):
    assert T.number_key_as_written(raw) == key


def test_number_re_finds_grouped_numbers():
    assert T.NUMBER_RE.findall("1.250 and 3,5 or 2024") == ["1.250", "3,5", "2024"]


def test_url_patterns():
    text = "See <https://example.org/a?b=1> or www.test.rs, mail ana@example.com."
    assert T.URL_RE.findall(text) == ["https://example.org/a?b=1", "www.test.rs,", "ana@example.com"]
    assert "example" not in T.URL_LOOSE_RE.sub(" ", "go to https://example.org/x now")
    for s in ("http://x", "WWW.x.y", "a@b.c"):
        assert T.may_have_url(s)
    assert not T.may_have_url("no link here")


def test_phonetic_keys():
    assert T.consonant_skeleton("trump") == T.consonant_skeleton("tramp") == "trmp"
    assert T.consonant_skeleton("washington") == T.consonant_skeleton("vasington")
    assert T.name_key(T.fold("Hodža")) == T.name_key(T.fold("Hoxha"))
    assert T.name_key(T.fold("Tomson")) == T.name_key(T.fold("Thomson"))
    assert T.name_key(T.fold("Xherard")) == T.name_key(T.fold("Džerard"))


def test_import_is_light():
    code = "import sys, polycorpus.text; print(sorted(m for m in ('numpy', 'lxml', 'polycorpus.language') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
