"""Boilerplate removal on small hand-made sites: text dumps and HTML, in sq, en,
sr-Latn and sr-Cyrl, with chrome that repeats, chrome that is glued to the last
paragraph, and short lines that are content."""
from __future__ import annotations

from pathlib import Path

import pytest

from polycorpus.boilerplate import (
    SiteLines,
    line_key,
    repetition_evidence,
    strip_site,
    text_evidence,
)
from polycorpus.ingest import SourceFile, parse_html, parse_text, read_page
from polycorpus.models import Block, LineDecision, Page
from polycorpus.settings import Settings

SETTINGS = Settings(jobs=1, progress=False)


def text_page(path: str, text: str, site: str = "bridge") -> Page:
    return Page(path, site, "text", "utf-8", parse_text(text))


def html_page(path: str, html: str, site: str = "bridge") -> Page:
    blocks, title, lang = parse_html(html)
    return Page(path, site, "html", "utf-8", blocks, title, lang)


def kept(decisions: list[LineDecision]) -> list[str]:
    return [d.text for d in decisions if not d.is_boilerplate]


def dropped(decisions: list[LineDecision]) -> dict[str, str]:
    return {d.text: d.reason for d in decisions if d.is_boilerplate}


# --- one story in four language versions, each with the site's footer ---------

SQ_STORY = [
    "Bashkia hap bibliotekën e re në qendër të qytetit",
    "Bashkia e Prizrenit hapi të hënën një bibliotekë të re publike në qendër të qytetit, me mbi dhjetë mijë "
    "libra në shqip, serbisht dhe turqisht.",
    "Kryetari tha se biblioteka do të jetë e hapur edhe gjatë fundjavës për nxënësit dhe studentët.",
]
EN_STORY = [
    "Municipality opens new library in the city centre",
    "The municipality of Prizren on Monday opened a new public library in the city centre, holding more than "
    "ten thousand books in Albanian, Serbian and Turkish.",
    "The mayor said the library would also be open at weekends for pupils and students.",
]
SR_STORY = [
    "Opština otvara novu biblioteku u centru grada",
    "Opština Prizren je u ponedeljak otvorila novu javnu biblioteku u centru grada, sa više od deset hiljada "
    "knjiga na albanskom, srpskom i turskom jeziku.",
    "Predsednik opštine je rekao da će biblioteka biti otvorena i vikendom za učenike i studente.",
]
CYRL_STORY = [
    "Општина отвара нову библиотеку у центру града",
    "Општина Призрен је у понедељак отворила нову јавну библиотеку у центру града, са више од десет хиљада "
    "књига на албанском, српском и турском језику.",
    "Председник општине је рекао да ће библиотека бити отворена и викендом за ученике и студенте.",
]

SQ_FOOTER = [
    "Kryefaqja | Për ne | Programet | Botimet | Na kontaktoni",
    "Rruga Nëna Terezë 44, kati 3",
    "20000 Prizren, Kosovë",
    "Tel: +383 29 555 123",
    "E hënë – E premte: 09:00 – 16:00",
    "Na ndiqni në rrjete sociale",
    "Lexo më shumë",
    "© 2023 Instituti Ura. Të gjitha të drejtat e rezervuara.",
]
EN_FOOTER = [
    "Home | About | Programmes | Publications | Contact us",
    "44 Mother Teresa Street, 3rd floor",
    "20000 Prizren, Kosovo",
    "Phone: +383 29 555 123",
    "Monday – Friday: 09:00 – 16:00",
    "Follow us on social media",
    "Read more",
    "© 2023 Bridge Institute. All rights reserved.",
]
SR_FOOTER = [
    "Početna | O nama | Programi | Izdanja | Kontaktirajte nas",
    "Ulica Majke Tereze 44, sprat 3",
    "20000 Prizren, Kosovo",
    "Tel: +383 29 555 123",
    "Pon – Pet: 09:00 – 16:00",
    "Pratite nas na društvenim mrežama",
    "Pročitaj više",
    "© 2023 Institut Most. Sva prava zadržana.",
]
CYRL_FOOTER = [
    "Почетна | О нама | Програми | Издања | Контактирајте нас",
    "Улица Мајке Терезе 44, спрат 3",
    "20000 Призрен, Косово",
    "Тел: +383 29 555 123",
    "Пон – Пет: 09:00 – 16:00",
    "Пратите нас на друштвеним мрежама",
    "Прочитај више",
    "© 2023 Институт Мост. Сва права задржана.",
]


def dump(nav_and_footer: list[str], story: list[str]) -> str:
    """A text dump: the menu line, the story, then the footer lines."""
    return "\n".join([nav_and_footer[0], *story, "", *nav_and_footer[1:]]) + "\n"


def four_versions() -> list[Page]:
    return [
        text_page("bridge/sq.txt", dump(SQ_FOOTER, SQ_STORY)),
        text_page("bridge/en.txt", dump(EN_FOOTER, EN_STORY)),
        text_page("bridge/sr.txt", dump(SR_FOOTER, SR_STORY)),
        text_page("bridge/cyrl.txt", dump(CYRL_FOOTER, CYRL_STORY)),
    ]


def test_text_chrome_is_dropped_in_every_language_from_cues_alone():
    # one page per language version, so only one page carries each footer:
    # repetition cannot help, the text cues must
    pages = four_versions()
    result = strip_site(pages, SETTINGS)
    for decisions, story, footer in zip(result, (SQ_STORY, EN_STORY, SR_STORY, CYRL_STORY),
                                        (SQ_FOOTER, EN_FOOTER, SR_FOOTER, CYRL_FOOTER)):
        assert kept(decisions) == story
        reasons = dropped(decisions)
        assert set(reasons) == set(footer)
        assert reasons[footer[0]] == "navigation"
        assert reasons[footer[3]] == "contact"
        assert reasons[footer[4]] == "hours"
        assert reasons[footer[7]] == "copyright"


def test_every_block_gets_a_decision_in_order_with_reason_and_score():
    pages = four_versions()
    for page, decisions in zip(pages, strip_site(pages, SETTINGS)):
        assert sorted({d.block for d in decisions}) == list(range(len(page.blocks)))
        assert [d.block for d in decisions] == sorted(d.block for d in decisions)
        for d in decisions:
            assert 0.0 <= d.score <= 1.0
            assert (d.reason == "content") == (not d.is_boilerplate)
            assert d.is_boilerplate == (d.score >= SETTINGS.boilerplate_threshold)


def test_threshold_comes_from_settings_and_scores_do_not_change():
    pages = four_versions()
    strict = strip_site(pages, SETTINGS)
    lax = strip_site(pages, Settings(jobs=1, progress=False, boilerplate_threshold=1.0))
    assert [[d.score for d in p] for p in strict] == [[d.score for d in p] for p in lax]
    assert sum(d.is_boilerplate for p in lax for d in p) < sum(d.is_boilerplate for p in strict for d in p)


def test_runs_are_deterministic():
    assert strip_site(four_versions(), SETTINGS) == strip_site(four_versions(), SETTINGS)


# --- repetition across the site ------------------------------------------------

def test_line_repeated_on_many_pages_is_chrome_but_a_headline_repeated_in_one_page_is_not():
    stories = [
        ("Rain floods the old bridge in Mitrovica", "Heavy rain on Sunday flooded the old bridge over the Ibar "
         "river, and the police closed it to traffic for the whole night."),
        ("New school year starts in Gjakova", "Some four thousand pupils went back to school in Gjakova on "
         "Monday, in three buildings renovated during the summer."),
        ("Farmers protest milk prices in Podujevo", "Dozens of farmers blocked the main road in Podujevo on "
         "Friday to protest against the price paid for raw milk."),
    ]
    pages = []
    for k, (title, body) in enumerate(stories):
        # "Bridge Institute for Civic Life" has no cue at all: only its repetition tells
        text = f"Bridge Institute for Civic Life\n{title}\n{body}\n{title}\n"
        pages.append(text_page(f"bridge/{k}.txt", text))
    for (title, body), decisions in zip(stories, strip_site(pages, SETTINGS)):
        assert kept(decisions) == [title, body, title]
        assert dropped(decisions) == {"Bridge Institute for Civic Life": "repeated-on-site"}


def test_repetition_counts_pages_not_occurrences():
    pages = [text_page("a.txt", "Same line\nSame line\nSame line\n"), text_page("b.txt", "Other\n")]
    site = SiteLines.from_pages(pages)
    assert site.count(line_key("Same line")) == 1
    assert repetition_evidence("Same line", site) is None


def test_line_key_folds_case_digits_space_and_edge_emoji():
    assert line_key("📢  Join us on 12 May!") == line_key("join us on 30 may")


# --- glued chrome ------------------------------------------------------------------

def test_glued_address_is_split_off_and_the_paragraph_kept():
    last = ("Projekat će trajati dve godine i obuhvatiće opštine na severu Kosova i u "
            "Zapadnom Balkanu.")
    sr = text_page("bridge/glued.txt", "\n".join([
        "Mir i saradnja na severu",
        "Projekat podržava dijalog lokalnih zajednica i jačanje institucija na celom Kosovu.",
        last + "Ulica Kralja Petra 12",
        "38220 Kosovska Mitrovica",
        "Radno vreme:",
        "Pon – Pet: 08:00 – 16:00",
    ]))
    en = text_page("bridge/glued-en.txt", "\n".join([
        "Peace and cooperation in the north",
        "The project supports dialogue between local communities and stronger institutions across Kosovo.",
        "Ulica Kralja Petra 12",
        "38220 Kosovska Mitrovica",
    ]))
    decisions = strip_site([sr, en], SETTINGS)[0]
    assert kept(decisions)[-1] == last
    tail = [d for d in decisions if d.text == "Ulica Kralja Petra 12"]
    assert len(tail) == 1 and tail[0].is_boilerplate and tail[0].reason == "glued"
    head = [d for d in decisions if d.text == last][0]
    assert head.block == tail[0].block == 2


def test_chrome_glued_inside_a_word_is_split_when_seen_alone_elsewhere_on_the_site():
    share = "Podeli: Facebook Twitter LinkedIn"
    others = [text_page(f"bridge/{k}.txt", f"Vest broj {k}\nTekst vesti broj {k} je ovde i dovoljno je dugačak.\n"
                                           f"{share}\n") for k in range(3)]
    glued = text_page("bridge/g.txt", "Naslov vesti\nOvo je poslednji pasus vesti bez tačke na kraju rečenice"
                                      f"{share}\n")
    decisions = strip_site([*others, glued], SETTINGS)[-1]
    assert kept(decisions) == ["Naslov vesti", "Ovo je poslednji pasus vesti bez tačke na kraju rečenice"]
    assert dropped(decisions) == {share: "glued"}


def test_sentence_then_capital_without_chrome_is_not_split():
    page = text_page("x.txt", "Naslov\nU.S. zvaničnici su stigli u ponedeljak.Sastanak je trajao dva sata i "
                              "završen je bez izjava za medije.\n")
    decisions = strip_site([page], SETTINGS)[0]
    assert len(decisions) == 2 and not any(d.is_boilerplate for d in decisions)


# --- short lines ---------------------------------------------------------------

def test_short_title_and_short_heading_between_paragraphs_are_content():
    page = text_page("short.txt", "\n".join([
        "Uvod",
        "Ovaj izveštaj opisuje stanje lokalne samouprave u opštinama sa srpskom većinom tokom prošle godine.",
        "Nalazi",
        "Većina opština je usvojila budžet na vreme, ali su javne rasprave bile retke i slabo posećene.",
    ]))
    assert kept(strip_site([page], SETTINGS)[0]) == [
        "Uvod",
        "Ovaj izveštaj opisuje stanje lokalne samouprave u opštinama sa srpskom većinom tokom prošle godine.",
        "Nalazi",
        "Većina opština je usvojila budžet na vreme, ali su javne rasprave bile retke i slabo posećene.",
    ]


def test_short_line_in_a_run_of_chrome_is_chrome():
    page = text_page("run.txt", "\n".join([
        "Naslov vesti o opštini",
        "Opština je juče usvojila novi budžet za narednu godinu posle duge rasprave u skupštini.",
        "Ulica Kralja Petra 12",
        "Mitrovica",
        "38220, Kosovo",
    ]))
    decisions = strip_site([page], SETTINGS)[0]
    assert dropped(decisions)["Mitrovica"] == "short"
    assert len(kept(decisions)) == 2


def test_lone_lower_case_widget_words_are_chrome():
    page = text_page("w.txt", "fbpx\nNaslov projekta\nProjekat traje šest meseci i obuhvata tri opštine na "
                              "severu.\nmike\n")
    assert kept(strip_site([page], SETTINGS)[0]) == [
        "Naslov projekta", "Projekat traje šest meseci i obuhvata tri opštine na severu."]


def test_page_that_is_almost_all_chrome_keeps_nothing_but_its_title():
    page = text_page("chrome.txt", "\n".join([
        "Ballina | Rreth nesh | Lajme | Kontakt",
        "Abonohu në buletinin tonë",
        "Shkruani adresën tuaj të email-it",
        "Abonohu",
        "Na ndiqni:",
        "Facebook",
        "Instagram",
        "Kjo faqe përdor cookies. Prano",
        "© 2022 Qendra Ura",
    ]))
    decisions = strip_site([page], SETTINGS)[0]
    assert kept(decisions) == []
    assert dropped(decisions)["Kjo faqe përdor cookies. Prano"] == "cookie"
    assert dropped(decisions)["Abonohu në buletinin tonë"] == "subscribe"


# --- social-feed items -------------------------------------------------------------

def test_english_social_item_on_a_serbian_page_is_chrome():
    social = ("We are proud to present our new report on minority rights together with our partners. "
              "#Kosovo #HumanRights")
    page = text_page("sr.txt", "\n".join([
        "Prava manjina na Kosovu",
        "Izveštaj analizira primenu zakona o upotrebi jezika u dvadeset opština tokom poslednje dve godine.",
        social,
    ]))
    decisions = strip_site([page], SETTINGS)[0]
    assert dropped(decisions) == {social: "social"}


def test_emoji_led_mention_line_is_chrome_on_an_english_page_too():
    social = "📢 Thanks to @EUinKosovo for supporting our youth exchange this summer! #Youth"
    page = text_page("en.txt", "Youth exchange\nForty students from six towns spent a week together in "
                               "Peja this summer, learning about each other's languages.\n" + social + "\n")
    assert dropped(strip_site([page], SETTINGS)[0]) == {social: "social"}


# --- HTML ------------------------------------------------------------------------------

HTML_SQ = """<!DOCTYPE html><html lang="sq"><head><title>Zgjedhjet lokale | Instituti Ura</title></head>
<body class="single-post has-sidebar">
<header><div class="logo">Instituti Ura</div>
<nav><ul><li><a href="/">Ballina</a></li><li><a href="/a">Rreth nesh</a></li><li><a href="/b">Botime</a></li></ul></nav>
</header>
<div class="breadcrumbs"><a href="/">Ballina</a> » <a href="/l">Lajme</a> » Zgjedhjet lokale</div>
<main><article>
<h1>Zgjedhjet lokale dhe pjesëmarrja e pakicave</h1>
<p>Raporti i ri analizon pjesëmarrjen e komuniteteve joshumicë në zgjedhjet lokale të vitit të kaluar.</p>
<h2>Gjetjet kryesore</h2>
<ul><li>Pjesëmarrja ra në shumicën e komunave.</li><li>Gratë kandidate ishin më të pakta.</li></ul>
<p>Autorët rekomandojnë fushata informuese në gjuhët e komuniteteve dhe trajnime për komisionet.</p>
<div class="share-buttons"><span>Shpërndaje:</span> <a href="#">Facebook</a> <a href="#">X</a></div>
<div class="post-tags">Etiketa: <a href="#">zgjedhje</a>, <a href="#">pakica</a></div>
</article>
<aside class="sidebar"><h3>Lajmet e fundit</h3><ul><li><a href="/1">Takim me të rinjtë në Pejë</a></li></ul></aside>
</main>
<div style="display:none">Ky tekst është i fshehur për lexuesit.</div>
<footer><p>Rr. Agim Ramadani 2, 10000 Prishtinë</p><p>info@ura.example</p>
<form><label>Email</label><button>Abonohu</button></form></footer>
</body></html>"""


def test_html_page_keeps_the_article_and_drops_chrome_inside_and_around_it():
    page = html_page("ura/sq.html", HTML_SQ)
    decisions = strip_site([page], SETTINGS)[0]
    assert kept(decisions) == [
        "Zgjedhjet lokale dhe pjesëmarrja e pakicave",
        "Raporti i ri analizon pjesëmarrjen e komuniteteve joshumicë në zgjedhjet lokale të vitit të kaluar.",
        "Gjetjet kryesore",
        "Pjesëmarrja ra në shumicën e komunave.",
        "Gratë kandidate ishin më të pakta.",
        "Autorët rekomandojnë fushata informuese në gjuhët e komuniteteve dhe trajnime për komisionet.",
    ]
    reasons = dropped(decisions)
    assert reasons["Ky tekst është i fshehur për lexuesit."] == "hidden"
    assert reasons["Ballina"] == "navigation"
    assert any(text.startswith("Shpërndaje") for text in reasons)
    assert any(text.startswith("Etiketa") for text in reasons)


def test_html_sidebar_word_on_the_body_does_not_condemn_the_article():
    # "has-sidebar" sits on <body>, so every block carries it: it says nothing
    page = html_page("ura/sq.html", HTML_SQ)
    decisions = strip_site([page], SETTINGS)[0]
    assert "Gjetjet kryesore" in kept(decisions)


def test_html_header_inside_the_article_keeps_the_title():
    html = """<html lang="sr"><body><article><header><h1>Почетак школске године</h1></header>
    <p>Око четири хиљаде ученика кренуло је у понедељак у школу у обновљеним зградама.</p></article>
    <footer><p>Сва права задржана © 2024</p></footer></body></html>"""
    decisions = strip_site([html_page("x.html", html)], SETTINGS)[0]
    assert kept(decisions) == [
        "Почетак школске године",
        "Око четири хиљаде ученика кренуло је у понедељак у школу у обновљеним зградама.",
    ]


# --- text cues one by one ---------------------------------------------------------------

def reasons_of(text: str, page_lang: str | None = None) -> set[str]:
    return {ev.reason for ev in text_evidence(text, page_lang) if ev.weight >= 0.5}


def test_cues_cover_each_language():
    assert "hours" in reasons_of("E hënë – E premte: 08:00 – 16:00")
    assert "hours" in reasons_of("Пон – Пет: 08:00 – 16:00")
    assert "hours" in reasons_of("Radno vreme:")
    assert "call-to-action" in reasons_of("Shiko më shumë")
    assert "call-to-action" in reasons_of("Prikaži još")
    assert "call-to-action" in reasons_of("Прочитај више")
    assert "copyright" in reasons_of("Сва права задржана.")
    assert "copyright" in reasons_of("Powered by WordPress")
    assert "social" in reasons_of("Connect with us:")
    assert "address" in reasons_of("ул. Немањина 4")
    assert "contact" in reasons_of("+383 44 123 456")
    assert "navigation" in reasons_of("Home > News > Local elections")
    assert "navigation" in reasons_of("English | Shqip | Srpski")
    assert "cookie" in reasons_of("Овај сајт користи колачиће. Прихвати")


def test_cues_leave_ordinary_prose_alone():
    for prose in (
        "Geiger je razvio metodu otkrivanja i mjerenja radioaktivnosti.",
        "Dhe nëse ju pëlqen ta ndiqni këtë modë të guximshme - jeni me fat.",
        "The company said it would share more details about the plan next week.",
        "Sastanak je počeo u 10.30 i trajao je do podneva, rekao je portparol.",
    ):
        assert reasons_of(prose, "sr") == set(), prose


def test_cues_for_widgets_forms_and_pagers():
    assert "html-chrome" in reasons_of("Your email address will not be published. Required fields are marked *")
    assert "html-chrome" in reasons_of("Vaša adresa e-pošte neće biti objavljena.")
    assert "navigation" in reasons_of("Povezani članci")
    assert "navigation" in reasons_of("Sledeća strana")
    assert "navigation" in reasons_of("Kërko")
    assert "hours" in reasons_of("Subota: zatvoreno")
    assert "hours" in reasons_of("Radnim danima od 8 do 16h")
    assert "call-to-action" in reasons_of("Lexo më tepër")
    assert "call-to-action" in reasons_of("Read our latest report: Youth and the dialogue")


def test_long_emoji_led_feed_item_outweighs_its_prose():
    social = ("📢We are pleased to announce a new partnership with @Partner on the project for peace, "
              "and together we will advance the #EU agenda, foster dialogue for #peace and promote inclusive "
              "policymaking across the region in the coming years.")
    page = text_page("en.txt", "Peace projects\nThe institute runs three projects on dialogue between "
                               "communities in the north of the country.\n" + social + "\n")
    decision = [d for d in strip_site([page], SETTINGS)[0] if d.text == social][0]
    assert decision.is_boilerplate and decision.reason == "social"


# --- cues written for sites the development data never showed ------------------


def test_bylines_dates_and_view_counters_in_each_language():
    for line in ("By Jane Doe — 4 April 2023", "Shkruar nga Besa Krasniqi", "Nga Besa Krasniqi / 04.04.2023",
                 "Autor: Marko Petrović", "Piše: Marko Petrović, 4. april 2023.", "Аутор текста: Марко Петровић",
                 "4 prill 2023 | Redaksia", "04/04/2023 · Analysis"):
        assert "metadata" in reasons_of(line), line
    for line in ("1,204 views", "Shikime: 88", "Pregleda: 310", "310 прегледа"):
        assert "metadata" in reasons_of(line), line


def test_funder_disclaimers_and_bare_donor_credits():
    for line in (
        "This report was funded by the European Union. Its contents are the sole responsibility of the Ura "
        "Institute and do not necessarily reflect the views of the European Union.",
        "Përmbajtja e këtij raporti është përgjegjësi e vetme e Institutit Ura dhe nuk pasqyron domosdoshmërisht "
        "pikëpamjet e Bashkimit Evropian.",
        "Sadržaj ove publikacije je isključiva odgovornost Instituta Most i ne odražava nužno stavove Evropske unije.",
        "Садржај ове публикације је искључива одговорност Института Мост и не одражава нужно ставове Европске уније.",
        "Supported by the Rockefeller Brothers Fund",
        "Уз подршку Фонда за отворено друштво",
    ):
        assert "credit" in reasons_of(line), line


def test_widget_headings_tags_and_page_tools_in_each_language():
    for line in ("More stories", "Artikuj të ngjashëm", "Povezani tekstovi", "Повезани текстови",
                 "You might also like", "Možda vas zanima"):
        assert "navigation" in reasons_of(line), line
    for line in ("Kategoritë: Dialogu, Të rinjtë", "Tagged Kosovo, EU", "Oznake: izbori", "Категорије: избори"):
        assert "tags" in reasons_of(line), line
    for line in ("🖨 Print article", "Shkarko PDF", "Preuzmi izveštaj (PDF)", "Прескочи на садржај",
                 "Kalo te përmbajtja", "Podeli na Facebook-u", "Shpërndaje në Twitter", "Објави коментар"):
        assert reasons_of(line) & {"navigation", "social"}, line
    assert "html-chrome" in reasons_of("Ruaj emrin dhe email-in tim në këtë shfletues për komentin e radhës.")
    assert "html-chrome" in reasons_of("Сачувај моје име и е-пошту у овом прегледачу за следећи коментар.")


def test_new_cues_leave_prose_with_dates_names_and_streets_alone():
    for prose in (
        "By 2030 the ministry plans to build forty new schools in the north.",
        "Nga Prishtina në Beograd ka rreth 360 kilometra rrugë.",
        "Protest je počeo 4. aprila 2023. ispred zgrade opštine, a završio se mirno.",
        "Kategorija mladih je najviše pogođena nezaposlenošću, navodi se u izveštaju.",
        "Вест је објављена 4. априла 2023. године на сајту министарства.",
    ):
        assert reasons_of(prose) == set(), prose


def test_headline_that_other_pages_list_as_related_is_kept_on_its_own_page():
    headline = "Komuna e Gjilanit hap qendrën e re rinore"
    body = ("Komuna e Gjilanit hapi të premten një qendër të re rinore me sallë leximi, studio muzike dhe "
            "hapësirë për organizatat e të rinjve.")
    own = text_page("sq/0.txt", f"Ballina | Lajme | Kontakt\n{headline}\n{body}\n© 2024 Qendra Ura\n")
    others = [
        text_page(f"sq/{k}.txt", f"Ballina | Lajme | Kontakt\nTitulli i lajmit numër {k} për komunën\n"
                                 f"Lajmi numër {k} flet për punën e komunës me qytetarët gjatë këtij viti, "
                                 f"me shumë takime në lagje.\nLajme të ngjashme\n{headline}\n© 2024 Qendra Ura\n")
        for k in range(1, 5)
    ]
    decisions = strip_site([own, *others], SETTINGS)
    assert kept(decisions[0]) == [headline, body]
    for page_decisions in decisions[1:]:
        assert headline not in kept(page_decisions)


def test_chrome_glued_on_top_of_the_headline_and_at_a_bare_space_is_split_off():
    body = ("Parlamenti miratoi ligjin për qasje në dokumente publike pas një debati të gjatë, me votat e "
            "shumicës së deputetëve të pranishëm.")
    second = ("Organizatat e shoqërisë civile kërkuan që zbatimi i ligjit të monitorohet nga një komision "
              "i pavarur gjatë vitit të parë.")
    pages = [
        text_page("sq/0.txt", f"DhuroParlamenti miraton ligjin për qasje në dokumente\n{body} 🖨 Printo faqen "
                              f"{second}\n© 2024 Instituti Ura\n"),
        text_page("sq/1.txt", "Dhuro\nNjë lajm tjetër për zgjedhjet lokale\nKomisioni qendror i zgjedhjeve "
                              "publikoi rezultatet përfundimtare të zgjedhjeve lokale në të gjitha komunat.\n"),
    ]
    decisions = strip_site(pages, SETTINGS)[0]
    assert kept(decisions) == ["Parlamenti miraton ligjin për qasje në dokumente", body, second]
    assert dropped(decisions)["Dhuro"] == "glued"
    assert dropped(decisions)["🖨 Printo faqen"] == "glued"


def test_comment_form_inside_main_is_chrome():
    html = """<html lang="sr"><body><main><article><h1>Opština otvara novi vrtić</h1>
    <p>Opština je u ponedeljak otvorila novi vrtić za sto dvadeset dece, sa dvorištem i kuhinjom.</p></article>
    <div id="comments" class="comments-area"><p>Ostavite odgovor</p>
    <p>Vaša adresa e-pošte neće biti objavljena. Obavezna polja su označena *</p>
    <p>Sačuvaj moje ime, e-poštu i veb-sajt u ovom pregledaču za sledeći put kada budem komentarisao.</p>
    </div></main></body></html>"""
    decisions = strip_site([html_page("sr/0.html", html)], SETTINGS)[0]
    assert kept(decisions) == ["Opština otvara novi vrtić",
                               "Opština je u ponedeljak otvorila novi vrtić za sto dvadeset dece, sa dvorištem i kuhinjom."]


def test_a_chrome_line_is_never_cut_into_a_chrome_scrap_and_a_content_scrap():
    """A repeated menu or a social-feed item is dropped whole: cutting it at a bare
    space would leave a piece of it ("Donors | Get involved") kept as content."""
    menu = "News | Research | Our team | Donors | Get involved"
    feed = ("📢We are happy to welcome our new partner @CivicLab to the #youth programme. "
            "Together, we'll build dialogue and trust across the region.")
    pages = [text_page(f"p{k}.txt", "\n".join([menu, *story, feed]))
             for k, story in enumerate((EN_STORY, SQ_STORY, SR_STORY, CYRL_STORY))]
    for decisions, story in zip(strip_site(pages, SETTINGS), (EN_STORY, SQ_STORY, SR_STORY, CYRL_STORY)):
        assert kept(decisions) == story
        assert menu in dropped(decisions) and feed in dropped(decisions)


# --- generic mechanisms: crumbs, pagers, strong formulas, runs, glue ------------

def test_breadcrumbs_from_separators_in_any_language_with_or_without_a_label():
    for crumb in ("You are here: Home » Elections", "Ju jeni këtu: Ballina » Shoqëria civile",
                  "Nalazite se ovde: Početna » Vladavina prava", "Налазите се овде: Почетна » Владавина права",
                  "Start → Library → Accountability", "Fillimi ›› Redaksia ›› Transparenca",
                  "Prva strana | Priče | Mladi", "Почетна / Вести"):
        assert "navigation" in reasons_of(crumb), crumb
    for title in ("Livingston 1 - 0 Rangers: Menga goal downs Gerrard's men",
                  "HIV/Aids: China reports 14% surge in new cases",
                  "Džon Edvard: Poznavanje jezika je od ključnog značaja za globalne građane",
                  "Trump vs. Biden / Harris debate draws record audience",
                  "Qeveria dhe opozita / debat i gjatë në Kuvend për buxhetin e vitit"):
        assert "navigation" not in reasons_of(title), title


def test_a_crumb_glued_to_the_headline_is_cut_off_and_the_headline_kept():
    crumb = "Početna / Publikacije / Dijalog"
    body = ("Više od dvadeset miliona ljudi gledalo je u četvrtak saslušanje pred senatskim odborom, "
            "pokazuju podaci televizijskih kuća.")
    own = text_page("sr/0.txt", f"{crumb} Preko 20 miliona ljudi je gledalo saslušanje\n{body}\n")
    others = [text_page(f"sr/{k}.txt", f"{crumb}\nNaslov vesti broj {k}\nVest broj {k} govori o radu "
                                       f"opštine sa građanima tokom ove godine, sa mnogo sastanaka.\n")
              for k in range(1, 4)]
    decisions = strip_site([own, *others], SETTINGS)[0]
    assert kept(decisions) == ["Preko 20 miliona ljudi je gledalo saslušanje", body]
    assert dropped(decisions)[crumb] == "glued"


def test_pagers_and_counters_as_numbers_with_short_words():
    for pager in ("Strana 2 od 7", "Страна 2 од 7", "Faqja 2 nga 7", "Page 2 of 7", "2 / 7", "« 1 2 3 »",
                  "« Prethodna 1 2 3 Sledeća »", "1 2 3 … 12 Next »", "Showing 11–20 of 134"):
        assert "navigation" in reasons_of(pager), pager
    for line in ("Ajr 38 - 17 Melrouz: neporaženi Ajr se penje na vrh", "Europe take 10-6 lead",
                 "Në vitin 2019, 30 nga 45 komuna", "Od 2 do 7 godina zatvora"):
        assert "navigation" not in reasons_of(line), line


DISCLAIMER_HTML = """<html lang="{lang}"><body><article class="post"><h1>{title}</h1>
<div class="entry-content"><p>{body}</p><p>{disclaimer}</p></div></article></body></html>"""


def test_a_funder_disclaimer_inside_the_article_is_not_damped_below_the_threshold():
    cases = [
        ("sr", "Opština otvara novi vrtić",
         "Opština je u ponedeljak otvorila novi vrtić za sto dvadeset dece, sa dvorištem, kuhinjom i salom "
         "za fizičko vaspitanje, a upis počinje sledećeg meseca.",
         "Ova publikacija je nastala uz finansijsku podršku Evropske unije. Za njen sadržaj odgovorna je "
         "organizacija Most i on ne odražava nužno stavove Evropske unije."),
        ("sr", "Општина отвара нови вртић",
         "Општина је у понедељак отворила нови вртић за сто двадесет деце, са двориштем, кухињом и салом "
         "за физичко васпитање, а упис почиње следећег месеца.",
         "Ова публикација је настала уз финансијску подршку Европске уније. За њен садржај одговорна је "
         "организација Мост и он не одражава нужно ставове Европске уније."),
        ("sq", "Komuna hap kopshtin e ri",
         "Komuna hapi të hënën një kopsht të ri për njëqind e njëzet fëmijë, me oborr, kuzhinë dhe sallë "
         "për edukatë fizike, ndërsa regjistrimi fillon muajin e ardhshëm.",
         "Ky publikim është realizuar me mbështetjen financiare të Bashkimit Evropian. Përmbajtja e tij është "
         "përgjegjësi e vetme e Qendrës Ura dhe nuk pasqyron domosdoshmërisht pikëpamjet e Bashkimit Evropian."),
    ]
    for lang, title, body, disclaimer in cases:
        page = html_page(f"{lang}/d.html", DISCLAIMER_HTML.format(lang=lang, title=title, body=body,
                                                                  disclaimer=disclaimer))
        decisions = strip_site([page], SETTINGS)[0]
        assert kept(decisions) == [title, body]
        assert dropped(decisions)[disclaimer] == "credit"


RELATED_SITE = [
    ("en", "Council opens a new youth centre in Gjilan",
     "The council of Gjilan on Friday opened a new youth centre with a reading room, a music studio and "
     "space for youth organisations.", "Read next"),
    ("sq", "Džon Edvard: Njohja e gjuhëve është thelbësore për qytetarët globalë",
     "Profesori Džon Edvard tha në konferencën e djeshme se njohja e gjuhëve të huaja u hap të rinjve "
     "dyert e punës në të gjithë rajonin.", "Lexo në vijim"),
    ("sr-Latn", "Opština Gračanica gradi novi most preko reke",
     "Opština Gračanica počela je u utorak izgradnju novog mosta preko reke, koji bi trebalo da bude "
     "završen do kraja sledeće godine.", "Pročitajte sledeće"),
    ("sr-Cyrl", "Општина Грачаница гради нови мост преко реке",
     "Општина Грачаница почела је у уторак изградњу новог моста преко реке, који би требало да буде "
     "завршен до краја следеће године.", "Прочитајте следеће"),
]


def test_related_titles_under_a_heading_after_the_story_are_a_chrome_run():
    """Each page lists the other pages' headlines under a heading no cue knows; the
    run sits between chrome (share line, copyright) after the story. The story's
    own headline, a colon in it, stays content on its own page."""
    titles = [t for _, t, _, _ in RELATED_SITE]
    pages = []
    for k, (lang, title, body, heading) in enumerate(RELATED_SITE):
        others = [t for t in titles if t != title][:2]
        pages.append(text_page(f"{lang}/{k}.txt", "\n".join(
            [title, body, "Share on Facebook", heading, *others, "© 2024 Bridge Centre"]) + "\n"))
    for (lang, title, body, _heading), decisions in zip(RELATED_SITE, strip_site(pages, SETTINGS)):
        assert kept(decisions) == [title, body], lang
        listed = [t for t in titles if t != title][:2]
        assert all(dropped(decisions)[t] in {"chrome-run", "repeated-on-site"} for t in listed)


def test_a_short_list_or_heading_inside_the_story_is_not_a_chrome_run():
    story = [
        "Zgjedhjet lokale: çka duhet të dini",
        "Publikuar më 12 mars 2024 nga Arta Berisha",
        "Votimi fillon në orën shtatë",
        "Vendvotimet mbyllen në orën nëntëmbëdhjetë",
        "Komisioni qendror i zgjedhjeve njoftoi se rezultatet e para pritet të publikohen gjatë natës, pasi "
        "të numërohen votat në të gjitha vendvotimet.",
        "Rezultatet përfundimtare",
        "Ato certifikohen brenda tridhjetë ditëve.",
        "Shpërndaje në Facebook",
        "© 2024 Qendra Ura",
    ]
    decisions = strip_site([text_page("sq/l.txt", "\n".join(story) + "\n")], SETTINGS)[0]
    assert kept(decisions) == [story[0], *story[2:7]]


def test_html_related_box_without_class_hints_is_a_chrome_run():
    html = """<html lang="sr"><body><div class="row"><h1>Opština otvara novi vrtić</h1>
    <div class="tekst"><p>Opština je u ponedeljak otvorila novi vrtić za sto dvadeset dece, sa dvorištem i kuhinjom, a upis počinje sledećeg meseca.</p></div>
    <div>Podeli na Facebook-u</div>
    <div class="kutija"><div>Ne propustite</div><div>Skupština usvojila budžet za narednu godinu</div>
    <div>Novi autobusi na gradskim linijama od ponedeljka</div></div>
    <div>© 2024 Centar Most</div></div></body></html>"""
    decisions = strip_site([html_page("sr/r.html", html)], SETTINGS)[0]
    assert kept(decisions) == ["Opština otvara novi vrtić",
                               "Opština je u ponedeljak otvorila novi vrtić za sto dvadeset dece, sa dvorištem i "
                               "kuhinjom, a upis počinje sledećeg meseca."]


def test_no_cut_after_an_abbreviation_and_a_byline_glued_by_a_digit_is_cut():
    from polycorpus.boilerplate import split_glued

    tail = "Merriweather Lewis of the council and others"
    site = SiteLines.from_pages([text_page(f"e/{k}.txt", f"{tail}\nStory {k}\n") for k in range(3)])
    assert split_glued(f"The report was presented to the press by Mr. {tail}", site, "en") is None
    # a real sentence end is still a cut, an abbreviation earlier in the line or not
    cut = split_glued(f"Dr. Ana Petrović otvorila je konferenciju o zdravlju. {tail}", site, "sr")
    assert cut is not None and cut[1] == tail
    empty = SiteLines.from_pages([])
    for text, head in (
        ("Северна Кореја поручује да нема говора о разоружању20. октобра 2023 | Блерим Гаши",
         "Северна Кореја поручује да нема говора о разоружању"),
        ("Scherzer dëshiron të ruajë rolin kundër Rockies22 qershor 2022 — Asnjë koment",
         "Scherzer dëshiron të ruajë rolin kundër Rockies"),
    ):
        cut = split_glued(text, empty, None)
        assert cut is not None and cut[0] == head


def test_a_common_short_site_line_glued_at_a_bare_space_is_cut_off():
    share = "Spread the word"
    body = ("President Joko Widodo was scheduled to visit evacuation centres in Palu on Sunday and meet "
            "the rescue teams")
    pages = [text_page("en/0.txt", f"Quake toll rises in Sulawesi\n{body} {share}\n")] + [
        text_page(f"en/{k}.txt", f"Another story number {k}\nThe council met on Monday to discuss the "
                                 f"budget for next year in detail.\n{share}\n") for k in range(1, 4)]
    decisions = strip_site(pages, SETTINGS)[0]
    assert kept(decisions) == ["Quake toll rises in Sulawesi", body]
    # a word that ends the prose's own sentence stays ("... West Virginia Metro News.")
    news = [text_page(f"n/{k}.txt", f"Story {k} title here\nNews.\n") for k in range(3)]
    prose = ("The rally could draw coverage from the Pittsburgh media, according to the West Virginia Metro News.")
    decisions = strip_site([text_page("n/x.txt", f"Rally in Wheeling tonight\n{prose}\n"), *news], SETTINGS)[0]
    assert prose in kept(decisions)


def test_short_items_joined_by_any_separator_are_chrome_and_a_dashed_title_is_not():
    for line in ("Preskoči na sadržaj ~ Jezik: SQ / EN / SR",
                 "Ballina :: Ekipi :: Fushat e fokusit ::",
                 "Bulevar oslobođenja 44, Novi Sad  ·  Mob. 044 123 456  ·  info@most.example.org",
                 "Главна страна • Екипа • Послови"):
        assert any(ev.reason == "joined" for ev in text_evidence(line, None)), line
    # dashes join a title's own parts and a source list's; a sentence is no item
    for line in ("Recenzija filma „Džoni Inglish – Ponovo u akciji“ – mlaki satirični špijunski film",
                 "(AFP, FENA - 22/02/07; AP - 21/02/07)",
                 "Mislim da je to jedno od glavnih pitanja. · Kako to da promenimo"):
        assert not any(ev.reason == "joined" for ev in text_evidence(line, None)), line


def test_counter_lines_are_chrome_and_a_numbered_heading_is_not():
    for line in ("Seen 305×", "406 lexues", "Посете: 2087", "Pregleda: 1.204"):
        assert any(ev.reason == "metadata" for ev in text_evidence(line, None)), line
    for line in ("Neni 12", "Article 5", "Član 3"):
        assert not text_evidence(line, None), line


def test_a_label_that_opens_lines_on_many_pages_is_chrome_but_a_headline_with_a_colon_is_not():
    authors = ["Jelena Ilić", "Teuta Shala", "Stefan Nikolić", "Vjosa Krasniqi"]
    topics = ["Mladi lideri, Pomirenje", "Rodna ravnopravnost, Slobodna štampa", "Transparentnost, Pomirenje",
              "Lokalna demokratija, Mladi lideri"]
    headline = "Džon Edvard: Poznavanje jezika je ključno za građane sveta"
    places = ["Nišu", "Subotici", "Čačku", "Kraljevu", "Somboru"]
    body = ("Opština je u ponedeljak otvorila novi vrtić za sto dvadeset dece, sa dvorištem i kuhinjom, "
            "a upis počinje sledećeg meseca u svim školama u {k}.")
    pages = [text_page(f"sr/{k}.txt", f"Priča o vrtiću u {places[k]}\nTekst: {authors[k]}\n"
                                      f"{body.format(k=places[k])}\nTeme: {topics[k]}\n") for k in range(4)]
    pages.append(text_page("sr/h.txt", f"{headline}\nTekst: Jelena Ilić\n{body.format(k=places[4])}\n"))
    pages.append(text_page("en/h.txt", "John Edward: Language skills are essential for global citizens\n"
                                       "The minister opened the new kindergarten for one hundred and twenty "
                                       "children on Monday, and enrolment starts next month.\n"))
    result = strip_site(pages, SETTINGS)
    for k in range(4):
        assert f"Tekst: {authors[k]}" in dropped(result[k]) and f"Teme: {topics[k]}" in dropped(result[k])
        assert kept(result[k])[0] == f"Priča o vrtiću u {places[k]}"
    assert kept(result[4])[0] == headline
    # Albanian and Cyrillic labels alike: what counts is the label opening many lines
    site = SiteLines.from_pages([text_page(f"c/{k}.txt", f"Аутор: {n}\nПрича {k}\n")
                                 for k, n in enumerate(["Драган Петровић", "Ана Јовић", "Марко Илић"])])
    from polycorpus.boilerplate import label_evidence
    assert label_evidence("Аутор: Нина Ђорђевић", site) is not None
    assert label_evidence("Аутор: Драган Петровић је написао нову књигу о граду.", site) is None


def test_headline_guard_sees_the_first_paragraph_with_a_tail_glued_to_it():
    related = "Bashkia hap bibliotekën e re në qendër të qytetit"
    para = ("Tre djem adoleshentë janë arrestuar pas sulmit në qendër të qytetit. Policia tha se hetimi "
            "vazhdon dhe se dëshmitarët mund të paraqiten në stacion gjatë javës Shkarko PDF-në")
    pages = [text_page("sq/0.txt", f"{related}\n{para}\n")] + [
        text_page(f"sq/{k}.txt", f"Histori tjetër numër {k} nga qyteti\nKëshilli u mblodh të hënën për të "
                                 f"diskutuar buxhetin e vitit të ardhshëm.\nTë ngjashme\n{related}\n")
        for k in range(1, 4)]
    assert kept(strip_site(pages, SETTINGS)[0])[0] == related


def test_a_page_scraped_three_times_keeps_its_text():
    """Copies of one page (two addresses and a print version) repeat the story itself:
    its paragraphs must not be taken for chrome repeated across the site."""
    footer = ["Rr. Agim Ramadani 15, 10000 Prishtinë", "© 2024 Qendra për Dialog. Të gjitha të drejtat e rezervuara."]
    story = [
        "Komuna hap bibliotekën e re në qendër të qytetit",
        "Komuna e Prizrenit hapi të hënën një bibliotekë të re publike në qendër të qytetit, me mbi dhjetë mijë libra.",
        "Kryetari tha se biblioteka do të jetë e hapur edhe gjatë fundjavës për nxënësit dhe studentët e qytetit.",
        "Biblioteka ka edhe një sallë për fëmijë, ku çdo të shtunë do të mbahen orë leximi me shkrimtarë vendorë.",
        "Projekti kushtoi rreth dyqind mijë euro dhe u financua nga buxheti i komunës dhe nga donatorë të huaj.",
        "Banorët e lagjes thanë se prisnin prej vitesh një hapësirë të tillë për të rinjtë dhe për të moshuarit.",
    ]
    other = [
        "Bashkia rregullon rrugët e fshatrave para dimrit",
        "Punëtorët e komunës filluan të shtunën riparimin e rrugëve që lidhin fshatrat me qytetin para ardhjes së dimrit.",
        "Sipas drejtorit, punimet do të përfundojnë brenda tri javësh nëse moti nuk i pengon ato gjatë kësaj kohe.",
    ]
    pages = [text_page(f"copy{k}.txt", "\n".join(story + footer)) for k in range(3)]
    pages += [text_page(f"other{k}.txt", "\n".join([f"{other[0]} {k}"] + other[1:] + footer)) for k in range(2)]
    decisions = strip_site(pages, SETTINGS)
    for copy in decisions[:3]:
        assert kept(copy) == story
    for page in decisions:
        assert set(footer) <= set(dropped(page))


# --- a help site: side menu of every page's title, footer, recurring subheadings in the articles ---

DOCS_SITE = Path(__file__).parent / "data" / "boilerplate" / "docs-site"
SUBHEADINGS = {"Background", "Desktop", "Test it", "Key findings:", "Pozadina", "Testirajte", "Ključni nalazi:"}
MENUS = {"en": ["Installing the reader", "Reading offline", "Syncing your notes", "Sharing a document"],
         "sr": ["Instaliranje čitača", "Čitanje bez mreže", "Usklađivanje beleški", "Deljenje dokumenta"]}


def docs_site(kind: str) -> tuple[list[Page], list[list[LineDecision]]]:
    files = sorted((DOCS_SITE / kind).iterdir())
    pages = [read_page(SourceFile(f, f.name, "docs")) for f in files]
    assert all(isinstance(p, Page) for p in pages)
    return pages, strip_site(pages, SETTINGS)


@pytest.mark.parametrize("kind", ["text", "html"])
def test_recurring_subheadings_inside_the_articles_are_content(kind):
    pages, decisions = docs_site(kind)
    for page, lines in zip(pages, decisions):
        heads = [d for d in lines if d.text in SUBHEADINGS]
        assert len(heads) >= 2, page.path
        assert all(not d.is_boilerplate for d in heads), (page.path, [(d.text, d.reason) for d in heads])
        # they recur on three or more pages: repetition still counts, only weakly
        assert all(0 < d.score < SETTINGS.boilerplate_threshold for d in heads)


@pytest.mark.parametrize("kind", ["text", "html"])
def test_the_menu_entry_of_the_page_itself_is_chrome_and_its_headline_content(kind):
    pages, decisions = docs_site(kind)
    for page, lines in zip(pages, decisions):
        lang, number = page.path.split(".")[0].split("-")
        menu, own = MENUS[lang], MENUS[lang][int(number)]
        kept_lines = kept(lines)
        # every menu entry is dropped, the page's own among them; its headline is kept once
        assert kept_lines.count(own) == 1, (page.path, kept_lines[:3])
        assert not set(menu[:int(number)] + menu[int(number) + 1:]) & set(kept_lines)
        first = [d for d in lines if d.text == own][0]
        assert first.is_boilerplate and first.reason == "repeated-on-site", page.path
        # the footer goes, every paragraph stays
        assert not any("©" in t or "Facebook" in t or "rivacy" in t or "privatnosti" in t for t in kept_lines)
        assert sum(len(t.split()) > 8 for t in kept_lines) == len(
            [b for b in page.blocks if len(b.text.split()) > 8 and "©" not in b.text])


def test_a_repeated_line_between_chrome_lines_stays_chrome_though_it_is_a_subheading_elsewhere():
    pages, _ = docs_site("text")
    # the same subheading moved into the footer of one page: there it stands among chrome
    moved = []
    for page in pages:
        blocks = list(page.blocks)
        if page.path == "en-0.txt":
            blocks.insert(len(blocks) - 1, Block("Background"))
        moved.append(Page(page.path, page.site, page.format, page.encoding, tuple(blocks)))
    decisions = strip_site(moved, SETTINGS)
    footer_copy = decisions[0][-2]
    assert footer_copy.text == "Background" and footer_copy.is_boilerplate
    assert [d.is_boilerplate for d in decisions[0] if d.text == "Background"] == [False, True]
