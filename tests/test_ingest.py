from pathlib import Path

import pytest

from polycorpus.errors import CorpusNotFound, EncodingUndetected
from polycorpus.ingest import ROOT_SITE, SourceFile, decode, iter_sites, parse_html, read_page
from polycorpus.models import FailedPage, Page


def source(path: Path, site: str = ".") -> SourceFile:
    return SourceFile(path, path.name, site)


def test_cp1251_page_is_decoded_as_cyrillic(data_dir):
    page = read_page(source(data_dir / "ingest" / "serbian_cp1251.txt"))
    assert isinstance(page, Page)
    assert page.encoding == "cp1251"
    assert page.blocks[0].text == "Општина је јуче отворила нову библиотеку."
    assert [b.starts_paragraph for b in page.blocks] == [True, True]


def test_cp1250_page_keeps_serbian_latin_letters(data_dir):
    page = read_page(source(data_dir / "ingest" / "serbian_cp1250.txt"))
    assert page.encoding == "cp1250"
    assert page.blocks[1].text.startswith("Đaci će moći")
    # consecutive lines: the second does not start a new blank-line paragraph
    assert [b.starts_paragraph for b in page.blocks] == [True, False]


def test_utf8_bom_is_stripped(data_dir):
    page = read_page(source(data_dir / "ingest" / "albanian_bom.txt"))
    assert page.encoding == "utf-8-sig"
    assert page.blocks[0].text == "Komuna hapi dje një bibliotekë të re."


def test_html_meta_charset_is_honoured_and_structure_recorded(data_dir):
    page = read_page(source(data_dir / "ingest" / "page_cp1250.html"))
    assert isinstance(page, Page)
    assert page.format == "html" and page.encoding == "cp1250"
    assert page.title == "Nova biblioteka"
    assert page.declared_lang == "sr-Latn"
    texts = [b.text for b in page.blocks]
    assert "Nova biblioteka u opštini" in texts
    # <br> splits a paragraph into lines; scripts and styles never appear
    assert "Đaci će moći da čitaju knjige" in texts and "svakog dana posle nastave." in texts
    assert not any("var x" in t or "color:red" in t for t in texts)
    by_text = {b.text: b for b in page.blocks}
    assert by_text["Početna"].zone == "nav" and by_text["Početna"].link_density == 1.0
    assert by_text["Opština je juče otvorila novu biblioteku u centru grada."].zone == "article"
    assert by_text["Skriveni tekst"].hidden
    assert "share" in by_text["Podeli: Facebook Twitter"].attrs
    assert by_text["© 2024 Centar. Sva prava zadržana."].zone == "footer"


def test_meta_charset_that_lies_falls_back_to_detection():
    html = '<html><head><meta charset="utf-8"></head><body><p>Ćao, šta radiš?</p></body></html>'
    text, encoding = decode(html.encode("cp1250"), is_html=True)
    assert encoding == "cp1250" and "Ćao, šta radiš?" in text


def test_undecodable_and_empty_files_fail_with_a_status(data_dir):
    bad = read_page(source(data_dir / "ingest" / "binary.txt"))
    assert isinstance(bad, FailedPage) and bad.status == "undecodable" and "--encoding" in bad.error
    empty = read_page(source(data_dir / "ingest" / "empty.txt"))
    assert isinstance(empty, FailedPage) and empty.status == "empty"


def test_unsupported_file_type_fails_with_a_status(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    failed = read_page(source(tmp_path / "report.pdf"))
    assert isinstance(failed, FailedPage) and failed.status == "unsupported"


def test_forced_encoding_that_does_not_fit_is_a_named_error():
    with pytest.raises(EncodingUndetected, match="--encoding"):
        decode("Ђаци".encode("utf-8"), forced="ascii")


def test_sites_are_top_level_folders_and_root_files(tmp_path):
    (tmp_path / "a.txt").write_text("root page", encoding="utf-8")
    (tmp_path / "site-x" / "sub").mkdir(parents=True)
    (tmp_path / "site-x" / "sub" / "b.txt").write_text("nested page", encoding="utf-8")
    (tmp_path / "site-x" / ".hidden.txt").write_text("skip me", encoding="utf-8")
    sites = [(site, [f.rel for f in files]) for site, files in iter_sites(tmp_path)]
    assert sites == [(ROOT_SITE, ["a.txt"]), ("site-x", ["site-x/sub/b.txt"])]


def test_missing_corpus_is_a_named_error(tmp_path):
    with pytest.raises(CorpusNotFound, match="does not exist"):
        list(iter_sites(tmp_path / "nope"))


def test_html_without_body_or_with_xml_declaration_parses():
    blocks, title, _ = parse_html('<?xml version="1.0" encoding="utf-8"?><html><p>Zdravo svete</p></html>')
    assert [b.text for b in blocks] == ["Zdravo svete"] and title is None


def test_article_header_is_told_from_the_site_header():
    blocks, _, _ = parse_html(
        "<body><header><p>Site name</p></header><article><header><h1>Story title</h1></header>"
        "<p>Story text.</p><footer><p>Tags: a, b</p></footer></article></body>"
    )
    by_text = {b.text: b for b in blocks}
    assert by_text["Site name"].zone == "header" and not by_text["Site name"].in_article
    assert by_text["Story title"].zone == "header" and by_text["Story title"].in_article
    assert by_text["Tags: a, b"].zone == "footer" and by_text["Tags: a, b"].in_article
    assert by_text["Story text."].zone == "article" and by_text["Story text."].in_article


def test_hard_wrapped_paragraphs_are_joined_but_lists_and_addresses_are_not():
    from polycorpus.ingest import parse_text

    text = (
        "Naslov izveštaja\n\n"
        "Vlada je juče usvojila novi zakon o opštinama posle duge i\n"
        "iscrpne rasprave u skupštini, a predlog je podržalo 130 poslanika\n"
        "iz svih poslaničkih grupa, saopšteno je iz Beograda.\n\n"
        "Zakon uvodi nova pravila za finansiranje lokalnih samouprava i\n"
        "stupa na snagu prvog januara, uz prelazni rok od šest meseci za\n"
        "opštine koje ne ispune uslove iz prethodnog perioda.\n\n"
        "  1. Prva tačka liste koja je dovoljno duga da liči na prelom\n"
        "  2. Druga tačka liste koja je takođe dovoljno duga za prelom\n\n"
        "Qamil Hoxha street ob. no. 29\n"
        "appartment no. 7,\n"
        "10000, Kosovo\n"
    )
    blocks = [b.text for b in parse_text(text)]
    assert blocks[1].startswith("Vlada je juče") and blocks[1].endswith("saopšteno je iz Beograda.")
    assert "duge i iscrpne rasprave" in blocks[1]
    assert blocks[2].startswith("Zakon uvodi") and blocks[2].endswith("prethodnog perioda.")
    assert blocks[3:5] == ["1. Prva tačka liste koja je dovoljno duga da liči na prelom",
                           "2. Druga tačka liste koja je takođe dovoljno duga za prelom"]
    assert blocks[5:] == ["Qamil Hoxha street ob. no. 29", "appartment no. 7,", "10000, Kosovo"]


def test_a_hyphen_at_a_wrap_joins_without_a_space():
    from polycorpus.ingest import parse_text

    text = ("The programme supports dialogue between the communities and state-\n"
            "building partners working in the north of Kosovo over many years.\n")
    assert [b.text for b in parse_text(text)] == [
        "The programme supports dialogue between the communities and state-building partners "
        "working in the north of Kosovo over many years."]


def test_a_menu_line_over_a_title_or_short_paragraphs_one_per_line_stay_apart():
    from polycorpus.ingest import parse_text

    text = ("Home | About us | Projects | Publications | Events | Contact\n"
            "Tough talk on the northern bridge and the new municipal budget\n\n"
            "The council met on Monday and voted on the budget for next year.\n"
            "It approved funds for two schools and a clinic in the villages.\n"
            "The mayor said the work would begin in the spring of next year.\n")
    assert len(parse_text(text)) == 5


def test_newlines_in_html_source_are_spaces_and_br_breaks_lines():
    blocks, _, _ = parse_html(
        "<body><article><p>Vlada je juče usvojila\n    novi zakon o opštinama\n    posle duge rasprave.</p>"
        "<p>Rr. Agim Ramadani 15<br>Prishtinë</p></article></body>"
    )
    assert [b.text for b in blocks] == ["Vlada je juče usvojila novi zakon o opštinama posle duge rasprave.",
                                        "Rr. Agim Ramadani 15", "Prishtinë"]


def test_files_without_an_extension_are_sniffed(tmp_path):
    (tmp_path / "page").write_bytes("Општина је отворила библиотеку.".encode("cp1251"))
    (tmp_path / "doc").write_bytes(b"<!DOCTYPE html><html><body><p>Zdravo</p></body></html>")
    (tmp_path / "blob").write_bytes(b"%PDF-1.7 binary")
    text = read_page(source(tmp_path / "page"))
    assert isinstance(text, Page) and text.format == "text" and text.encoding == "cp1251"
    html = read_page(source(tmp_path / "doc"))
    assert isinstance(html, Page) and html.format == "html" and html.blocks[0].text == "Zdravo"
    blob = read_page(source(tmp_path / "blob"))
    assert isinstance(blob, FailedPage) and blob.status == "unsupported"
