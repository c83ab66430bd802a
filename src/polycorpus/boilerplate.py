"""Site chrome removal: every line of every page of a site -> kept or dropped, with a reason.

Three kinds of evidence are scored apart and combined into one boilerplate
score per line; one function (:func:`decide`) compares it with
``Settings.boilerplate_threshold``. The score stays in the output, so a user can
re-threshold without re-running.

1. **Repetition across the site.** A line that recurs on many pages of one site
   (all language versions together) is chrome. A story's own text recurs only
   across its translations, and differently worded per language, so an exact
   repeat on three or more pages is not the story.
2. **HTML structure.** Zones (nav, header, footer, aside, form), hidden
   elements, link density and class/id hints. Article and main are weak evidence
   for content only: share lines and tags sit inside the article element too.
3. **Text cues** in sq, sr (both scripts) and en: contact and address lines,
   opening hours, cookie and newsletter prompts, calls to action, copyright,
   credits, "follow us" and share lines, breadcrumbs and menus, social-feed items.
   These are generic shapes of chrome, not the phrases of any one site.

Short lines are judged by their neighbours: a short line between content
paragraphs is a heading or a list item; a short line in a run of chrome is chrome.

Scrapers sometimes drop the newline between the last paragraph and the footer
("...Zapadnom Balkanu.Qamil Hoxha street ob. no. 29"). Such glued chrome is split
off: the head stays content, the tail becomes its own ``glued`` decision.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .models import Block, LineDecision, Page
from .settings import Settings

CONTENT = "content"
# Where scoring itself needs a notion of "probably chrome" (which line is the
# title, whether a glued tail is worth splitting off, which neighbours a short
# line has) it uses this fixed mark, not the user's threshold: scores must not
# change when a user re-thresholds.
LIKELY_CHROME = 0.5
# Evidence this strong is not damped by the evidence for content.
STRONG_CUE = 0.85
_UNDAMPED = {"credit", "copyright"}


# ---------------------------------------------------------------------------
# Evidence and its combination


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to think a line is chrome, with how strongly (0..1)."""

    reason: str
    weight: float


@dataclass(frozen=True, slots=True)
class LineScore:
    """A line's boilerplate score and the reason of its strongest evidence."""

    score: float
    reason: str
    evidence: tuple[Evidence, ...] = ()


def combine(evidence: Sequence[Evidence], content_weight: float = 0.0) -> LineScore:
    """Noisy-or of the chrome evidence, damped by the evidence for content.

    Independent cues add up (an address line that also repeats on every page is
    surer chrome than either alone); content evidence (article zone, title, prose)
    scales the result down without ever overruling strong chrome evidence alone.
    """
    keep = 1.0
    for ev in evidence:
        keep *= 1.0 - ev.weight
    score = (1.0 - keep) * (1.0 - content_weight)
    # a strong formula (a funder's disclaimer, a copyright line) is no less
    # chrome for sitting in the article or reading as prose: the damping stops
    # there. Repetition is not such a formula: a headline recurs in "related" lists.
    strongest = max((ev.weight for ev in evidence if ev.reason in _UNDAMPED), default=0.0)
    if strongest >= STRONG_CUE:
        score = max(score, strongest)
    reason = max(evidence, key=lambda ev: ev.weight).reason if evidence else CONTENT
    return LineScore(round(min(1.0, max(0.0, score)), 4), reason, tuple(evidence))


def decide(text: str, line_score: LineScore, block: int, settings: Settings,
           reason: str | None = None) -> LineDecision:
    """The one place a score becomes a verdict."""
    dropped = line_score.score >= settings.boilerplate_threshold
    why = (reason or line_score.reason) if dropped else CONTENT
    if dropped and why == CONTENT:
        why = "boilerplate"
    return LineDecision(text=text, is_boilerplate=dropped, reason=why, score=line_score.score, block=block)


# ---------------------------------------------------------------------------
# Matching keys

_DIGITS = re.compile(r"\d")
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")


def line_key(text: str) -> str:
    """The form lines are matched in across pages: NFKC, casefolded, digits as 0,
    whitespace collapsed, punctuation and emoji at the edges stripped (so
    "📢 Join us ..." and "Join us ..." are one line)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DIGITS.sub("0", text)
    text = _SPACES.sub(" ", text).strip()
    return _EDGE_JUNK.sub("", text)


# ---------------------------------------------------------------------------
# Text cues, grouped by what they catch. Each family lists en, sq, sr-Latn and
# sr-Cyrl forms; all are matched on the casefolded line.

_I = re.IGNORECASE

# Street names and house numbers: "Rr. Agim Ramadani 15", "Rruga ...", "ul. ...",
# "Ulica ...", "ул. ...", "... street", "St.", "Blvd", "no. 29", "br. 4", "kati 2".
_STREET = re.compile(
    r"(?:^|\s)(?:rr\.|rruga|rr\s|ul\.|ulica|bul\.|bulevar|bulevardi|blvd\.?|ул\.|улица|бул\.|булевар|рр\.)"
    r"|\b(?:street|st\.|str\.|road|rd\.|avenue|ave\.|square|sheshi|trg|трг)(?:\s|$|,)"
    r"|\b(?:no|nr|br|бр|kati|floor|sprat|спрат|apartment|appartment|apt|stan)\.?\s*\d",
    _I,
)
# A postal code next to a place name ("10000 Prishtina", "10000, Kosovo",
# "Prishtina 10000", "Београд 11000").
_POSTCODE = re.compile(r"^\d{4,5},?\s+[^\W\d]{3,}|[^\W\d]{3,},?\s+\d{5}$")
# Phone numbers in international or local form, with or without a label.
_PHONE = re.compile(r"(?:\+|\b00)\d{2,3}[\s./-]*\(?\d{1,3}\)?(?:[\s./-]*\d{2,4}){2,}|\b0\d{2}[\s/-]\d{3}[\s-]?\d{3,4}\b")
_PHONE_LABEL = re.compile(r"^(?:tel|tel\.|telefon|telephone|phone|mob|mobile|fax|cel|тел|телефон|моб|факс)\b\.?\s*:?", _I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net|info|eu|al|rs|me|ba|mk|example|edu|gov)(?:/\S*)?\b", _I)
# Labels that open a contact block.
_CONTACT = re.compile(
    r"\b(?:contact(?:\s+us)?|get in touch|write to us|email us|our office|address|"
    r"na kontaktoni|kontakt(?:o|i)?|adresa|adresë|adresa jonë|"
    r"kontaktirajte(?:\s+nas)?|kontakt(?:\s+informacije)?|pišite nam|"
    r"контакт(?:ирајте(?:\s+нас)?)?|адреса|пишите нам)\s*:?$",
    _I,
)

# Opening hours: a time range, a weekday range, or their label.
_TIME_RANGE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:h\s*)?[–—-]\s*\d{1,2}[:.]\d{2}\b")
_WEEKDAY = (
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
    r"|e\s+(?:hënë|martë|mërkurë|enjte|premte|shtunë|diel)|(?:hën|mar|mër|enj|pre|sht|die)\.?"
    r"|(?:pon|uto|sre|čet|cet|pet|sub|ned)[a-zčćšž]*\.?"
    r"|(?:пон|уто|сре|чет|пет|суб|нед)[а-ш]*\.?"
)
_WEEKDAY_RANGE = re.compile(rf"(?:^|\s)(?:{_WEEKDAY})\s*[–—-]\s*(?:{_WEEKDAY})(?:\s|:|$)", _I)
# "Saturday: closed", "Radnim danima od 8 do 16h", "Mon-Fri 9am - 5pm".
_DAY_HOURS = re.compile(
    rf"^(?:{_WEEKDAY}|weekdays|working days|radnim danima|ditëve të punës|gjatë javës|радним данима)\s*:?\s*"
    r"(?:closed|zatvoreno|mbyllur|затворено|(?:od |from |nga |од )?\d{1,2}(?:[:.]\d{2})?\s*(?:h|am|pm)?\s*"
    r"(?:[–—-]|do|to|deri|до)\s*\d{1,2})",
    _I,
)
_HOURS_LABEL = re.compile(
    r"^(?:opening hours|working hours|office hours|business hours|hours|"
    r"orari(?:\s+i\s+punës)?|orari i punes|orari i hapjes|"
    r"radno vreme|radno vrijeme|radno vrème|"
    r"радно време|радно вријеме)\s*:?$",
    _I,
)

# Cookie banners.
_COOKIE = re.compile(r"\bcookies?\b|kolačić|kolacic|колачић|\bkukiz|biskota", _I)
_COOKIE_ACTION = re.compile(
    r"\b(?:accept|agree|ok|got it|prano|pranoj|pajtohem|prihvati|prihvatam|slažem|прихвати|прихватам|слажем)\b"
    r"|\b(?:this (?:web)?site|kjo faqe|ky uebfaqe|ovaj (?:veb )?sajt|ova stranica|овај (?:веб )?сајт)\b",
    _I,
)

# Newsletter and subscription prompts, sign-up forms.
_SUBSCRIBE = re.compile(
    r"\b(?:subscribe|newsletter|sign up|signup|enter your e-?mail|your e-?mail address|unsubscribe|"
    r"abonohu|abonim|buletin|regjistrohu|shkruani adresën|adresën tuaj|"
    r"pretplat\w*|bilten\w*|prijavi(?:te)? se|unesite (?:svoju|vašu)|e-?mail adres\w*|imejl\w*|"
    r"претплат\w*|билтен\w*|пријави(?:те)? се|унесите)",
    _I,
)

# Calls to action: load/show/read more, "view all", "click here", donate.
_CTA = re.compile(
    r"^(?:load|show|see|view|read|discover|learn|find out)\s+(?:more|all|the full)|"
    r"\bread more\b|continue reading|click here|more news|all news|"
    r"^(?:donate|apply now|register now|get involved|join us|download)\b|"
    r"^(?:dhuro|dhuroni|doniraj|donirajte|донирај|донирајте)\b|"
    r"^(?:shiko|lexo|ngarko|shfaq|mëso)\s+(?:më\s+(?:shumë|tepër)|të\s+gjitha|krejt)|vazhdo leximin|^më (?:shumë|tepër)$|kliko këtu|"
    r"^(?:prikaži|učitaj|pročitaj(?:te)?|saznaj(?:te)?|pogledaj(?:te)?|vidi)\s+(?:još|više|sve|opširnije)|"
    r"^opširnije|^više\s*$|kliknite ovde|"
    r"^(?:прикажи|учитај|прочитај(?:те)?|сазнај(?:те)?|погледај(?:те)?|види)\s+(?:још|више|све|опширније)|"
    r"^опширније|^више\s*$|кликните овде",
    _I,
)

# Promotions of the site's own products: "Read our latest report: ...",
# "Download the new brief", "Lexoni raportin tonë", "Pročitajte naš novi izveštaj".
_PROMO = re.compile(
    r"^(?:read|download|see|view|check out|discover|get)\s+(?:our|the)\s+(?:latest|new|newest|full|recent)\b|"
    r"^(?:lexoni|lexo|shkarkoni|shkarko|shikoni)\s+(?:raportin|publikimin|analizën|buletinin)\s+(?:tonë|e\s+ri|më\s+të\s+ri|e\s+fundit)|"
    r"^(?:pročitajte|pročitaj|preuzmite|preuzmi|pogledajte)\s+(?:naš|našu|najnoviji|novi|najnoviju|novu)\b|"
    r"^(?:прочитајте|прочитај|преузмите|преузми|погледајте)\s+(?:наш|нашу|најновији|нови|најновију|нову)\b",
    _I,
)

# Copyright and rights lines.
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|"
    r"të gjitha të drejtat|të drejtat e autorit|të drejtat e rezervuara|"
    r"sva prava (?:su )?zadržana|autorska prava|"
    r"сва права (?:су )?задржана|ауторска права",
    _I,
)
# Theme and site credits.
_CREDIT = re.compile(
    r"\b(?:powered by|designed by|developed by|theme by|website by|site by|made with|built with|"
    r"krijuar nga|dizajnuar nga|zhvilluar nga|mundësuar nga|"
    r"dizajn(?:irao)?\s*:|izrada(?: sajta)?\s*:|razvoj\s*:|"
    r"дизајн\s*:|израда(?: сајта)?\s*:?)",
    _I,
)
# Donor lines ("Supported by the EU"): chrome in a footer, but a project page
# may state its funder in the article, so they are weak evidence alone.
_DONOR = re.compile(
    r"^(?:supported|funded|financed|sponsored) by\b|^(?:with the support of|in partnership with)\b|"
    r"^(?:mbështetur|financuar|mbeshtetur) nga\b|^me mbështetjen e\b|"
    r"^(?:podržano|finansirano|finansira|podržava)\b|^uz podršku\b|"
    r"^(?:подржано|финансирано|финансира|подржава)\b|^уз подршку\b",
    _I,
)

# The funder's disclaimer under EU and embassy grants: "... the sole responsibility of X and
# do not necessarily reflect the views of ...". Long, but a fixed formula.
_DISCLAIMER = re.compile(
    r"sole responsibility of|do(?:es)? not necessarily reflect|"
    r"përgjegjësi e vetme e|nuk (?:pasqyron|reflekton) domosdoshmërisht|"
    r"isključiv\w* odgovornost|ne (?:odražava|predstavlja|izražava) nužno|"
    r"искључив\w* одговорност|не (?:одражава|представља|изражава) нужно",
    _I,
)
# "This project is funded by ...", "Ky projekt financohet nga ...", "Ovaj projekat je finansiran ..."
_FUNDED = re.compile(
    r"\b(?:project|publication|website|projekt\w*|publikim\w*|publikacij\w*|пројек\w*|публикациј\w*)\b.{0,30}"
    r"\b(?:funded|financed|supported|financuar|financohet|mbështetur|mbështetet|finansira\w*|podržan\w*|"
    r"финансира\w*|подржан\w*)\b",
    _I,
)

# Interface words that make up a whole line: search boxes, menus, skip links,
# pagers, form fields, legal links ("Search", "Kërko", "Pretraga", "Претрага",
# "Skip to content", "Next", "Prethodna", "Privacy Policy", "Name*").
_UI_WORDS = (
    r"search|search for|search here|type and hit enter|menu|main menu|close|skip to (?:main )?content|back to top|"
    r"previous|next|older posts|newer posts|previous post|next post|submit|send|send message|reply|cancel|"
    r"name|email|e-mail|website|message|comment|post comment|privacy policy|terms of use|terms and conditions|"
    r"sitemap|login|log in|register|sign in|next page|previous page|go to top|top|loading|tweet|like this|"
    r"print|share|print this page|website|post comment|cancel reply|add a comment|leave a reply|"
    r"printo|ndaj|cicëro|uebfaqja|faqja e internetit|posto komentin|anulo përgjigjen|shto një koment|"
    r"štampaj|odštampaj|podeli|podijeli|tvituj|veb-?sajt|objavi komentar|otkaži odgovor|dodaj komentar|"
    r"штампај|одштампај|подели|подијели|твитуј|веб-?сајт|објави коментар|откажи одговор|додај коментар|"
    r"kërko|kerko|kërkimi|mbyll|kthehu lart|kthehu mbrapa|para|pas|e mëparshme|tjetra|dërgo|emri|mesazhi|"
    r"komenti|politika e privatësisë|kushtet e përdorimit|hyr|faqja tjetër|faqja e mëparshme|duke u ngarkuar|"
    r"pretraga|traži|pretraži|meni|zatvori|nazad na vrh|prethodna|sledeća|sljedeća|prethodni|sledeći|pošalji|"
    r"ime|poruka|komentar|politika privatnosti|uslovi korišćenja|prijava|sledeća strana|sljedeća stranica|"
    r"prethodna strana|učitavanje|"
    r"претрага|тражи|претражи|мени|затвори|назад на врх|претходна|следећа|претходни|следећи|пошаљи|"
    r"име|порука|коментар|политика приватности|услови коришћења|пријава|следећа страна|претходна страна|учитавање"
)
_UI = re.compile(rf"^[^\w\s]{{0,2}}\s*(?:{_UI_WORDS})\s*(?:\.\.\.|[*:…])?\s*[*]?$|^[«‹<←]\s*\w+|\w+\s*[»›>→]$", _I)
# Print, PDF and skip links: a verb of the page's tools leading a short line
# ("🖨 Print this page", "Shkarko PDF", "Preskoči na sadržaj").
_TOOL = re.compile(
    r"^[^\w\s]{0,2}\s*(?:print|printo|shtyp|štampaj|odštampaj|штампај|одштампај|"
    r"download|shkarko|preuzmi|преузми|save as|ruaje si|sačuvaj kao|сачувај као)\b|\bpdf\b|"
    r"^(?:skip|jump|kalo|preskoči|прескочи)\s+(?:to|te|tek|na|на)\b|"
    r"^(?:go|shko|pređi|idi|пређи|иди)\s+(?:to|te|na|на)\s+(?:\w+\s+)?(?:content|përmbajtj\w*|sadržaj\w*|садржај\w*)",
    _I,
)

# Headings of sidebar widgets and related-post boxes: recent, related, popular,
# archives, categories, latest news ("Lajmet e fundit", "Najnovije vesti",
# "Повезани чланци").
_WIDGET = re.compile(
    r"^(?:recent|latest|related|popular|most read|trending|more|other|similar)\s+"
    r"(?:posts?|news|articles?|stories|publications|events|projects)\s*:?$|^(?:archives?|categories|tags|tag cloud)\s*:?$|"
    r"^(?:lajmet|postimet|artikujt|publikimet|ngjarjet|projektet)\s+(?:e\s+)?(?:fundit|ngjashme|tjera|lexuara)\s*:?$|"
    r"^(?:të ngjashme|më të lexuarat|arkiva|kategoritë)\s*:?$|"
    r"^(?:najnovije|poslednje|posljednje|slične|slični|povezane|povezani|popularne|najčitanije|ostale|ostali)\s+"
    r"(?:vesti|vijesti|objave|članci|publikacije|događaji|projekti)\s*:?$|^(?:arhiva|kategorije|najčitanije)\s*:?$|"
    r"^(?:најновије|последње|сличне|слични|повезане|повезани|популарне|најчитаније|остале|остали)\s+"
    r"(?:вести|објаве|чланци|публикације|догађаји|пројекти)\s*:?$|^(?:архива|категорије|најчитаније)\s*:?$",
    _I,
)
_RELATION_WORDS = {
    "related", "similar", "recent", "latest", "popular", "other", "more", "most", "read",
    "ngjashme", "ngjashëm", "ngjashem", "fundit", "lexuara", "lexuarat", "tjera", "tjerë", "shumë", "rejat",
    "povezane", "povezani", "slične", "slični", "najnovije", "najnoviji", "poslednje", "posljednje", "najčitanije",
    "ostale", "ostali", "još", "popularne", "srodne", "srodni",
    "повезане", "повезани", "сличне", "слични", "најновије", "најновији", "последње", "најчитаније", "остале",
    "остали", "још", "популарне", "сродне",
}
_POST_WORDS = {
    "posts", "post", "news", "articles", "stories", "publications", "events", "reads",
    "lajme", "lajmet", "artikuj", "artikujt", "postime", "postimet", "publikime", "publikimet", "ngjarje", "shkrime",
    "vesti", "vijesti", "članci", "članke", "objave", "publikacije", "tekstovi", "teme",
    "вести", "чланци", "објаве", "публикације", "текстови", "теме",
}
_ALSO_LIKE = re.compile(r"^(?:you may also like|you might also like|mund t['’]ju interesoj|mund t['’]ju pëlqej|"
                        r"možda vas (?:zanima|interesuje)|можда вас (?:занима|интересује))", _I)


def _is_widget_heading(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words or len(words) > 5 or _SENTENCE_END.search(text.rstrip(":")):
        return False
    return bool(_RELATION_WORDS.intersection(words) and _POST_WORDS.intersection(words)) or bool(_ALSO_LIKE.search(text))


# Language switchers: a line of nothing but language names or codes.
_LANG_NAMES = {"en", "eng", "sq", "al", "alb", "sr", "srb", "sr-latn", "sr-cyrl", "lat", "ćir", "cyr", "ћир", "лат",
               "english", "shqip", "srpski", "српски", "albanian", "serbian", "anglisht", "serbisht", "engleski",
               "albanski", "енглески", "албански", "latinica", "ćirilica", "латиница", "ћирилица"}
_LANG_SPLIT = re.compile(r"[\s|/•·,]+")


def _is_language_switch(text: str) -> bool:
    tokens = [t for t in _LANG_SPLIT.split(text.casefold()) if t]
    return 0 < len(tokens) <= 6 and all(t in _LANG_NAMES for t in tokens)


# Comment forms and share-widget captions, whole sentences that only widgets say.
_WIDGET_SENTENCE = re.compile(
    r"your email address will not be published|required fields are marked|click to (?:share|print|email)|"
    r"opens in (?:a )?new window|save my name|(?:this|këtë|ovom|овом) (?:browser|shfletues|pregledaču|прегледачу)|"
    r"adresa (?:juaj )?e (?:e-?mail|email)-it nuk do të publikohet|fushat e detyrueshme|"
    r"adresa (?:vaše )?e-?pošte neće biti objavljena|obavezna polja su označena|"
    r"адреса (?:ваше )?е-?поште неће бити објављена|обавезна поља су означена",
    _I,
)

# Social links, "follow us" and share lines.
_NETWORKS = re.compile(r"\b(?:facebook|twitter|linkedin|instagram|youtube|tiktok|whatsapp|viber|telegram|flickr|"
                       r"pinterest|threads|mastodon|reddit|фејсбук|твитер|инстаграм)\b", _I)
_FOLLOW = re.compile(
    r"\b(?:follow us|connect with us|find us on|join us on|stay connected|like us on|"
    r"na ndiqni|ndiqni na|ndiqni(?= në (?:facebook|instagram|twitter|rrjet))|na gjeni në|bashkohuni me ne|"
    r"pratite nas|zapratite nas|pronađite nas|povežite se|"
    r"пратите нас|запратите нас|пронађите нас|повежите се)\b",
    _I,
)
_SHARE = re.compile(
    r"^(?:share|tweet|print|email|send|"
    r"shpërndaje|shpërndaj|ndaje|printo|"
    r"podeli(?:te)?|podijeli(?:te)?|odštampaj|štampaj|"
    r"подели(?:те)?|подијели(?:те)?|одштампај|штампај)\b(?:[\s\w]{0,30}):|"
    r"^(?:share|shpërndaje|shpërndaj|ndaje|podeli(?:te)?|podijeli(?:te)?|подели(?:те)?|подијели(?:те)?)\s+"
    r"(?:this|on|via|këtë|në|me|ovaj|ovo|na|putem|preko|овај|ово|на|путем|преко)\b",
    _I,
)
# Tags and category lines ("Tags: ...", "Etiketa: ...", "Oznake: ...").
_TAGS = re.compile(r"^(?:tags?|categor\w*|etiket\w*|kategori\w*|oznak\w*|tagovi|категориј\w*|ознак\w*|тагови|"
                   r"filed under|posted in|postuar në|objavljeno u|објављено у)\s*:|^(?:tagged|etiketuar|označeno)\s", _I)
# Post metadata lines: "Posted by", "Published on", "Autor:", "Comments (3)".
_META = re.compile(
    r"^(?:posted|published|written|updated)\s+(?:by|on)\b|^(?:by|author|autor|autori|аутор)\s*:|"
    r"^(?:publikuar|postuar)\s+(?:më|nga)\b|^(?:objavljeno|ažurirano)\b|^(?:објављено|ажурирано)\b|"
    r"^\d+\s+(?:comments?|komente?|komentar[ai]?|коментар[аи]?)$|^(?:leave a (?:comment|reply)|lini një koment|"
    r"ostavite komentar|оставите коментар)",
    _I,
)

# A date: 12.03.2024, 12/03/2024, 2024-03-12, "12 March 2024", "March 12, 2024", "12. mart 2024.",
# "12 mars 2024", "12. марта 2024".
_MONTHS = (
    r"jan\w*|feb\w*|mar\w*|apr\w*|pri\w*|may|maj\w*|jun\w*|qer\w*|jul\w*|kor\w*|aug\w*|avg\w*|gush\w*|"
    r"sep\w*|sht\w*|oct\w*|okt\w*|tet\w*|nov\w*|nën\w*|dec\w*|dec\w*|dhj\w*|"
    r"јан\w*|феб\w*|мар\w*|апр\w*|мај\w*|јун\w*|јул\w*|авг\w*|сеп\w*|окт\w*|нов\w*|дец\w*"
)
_DATE = re.compile(
    rf"\b\d{{1,2}}[./-]\s?\d{{1,2}}[./-]\s?\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
    rf"\b\d{{1,2}}\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b|\b(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b",
    _I,
)
# "By Jane Doe", "Shkruar nga ...", "Piše: ...", "Autor teksta: ...", "Аутор: ..."
_AUTHOR = re.compile(
    r"^(?i:by|written by|posted by|author|shkruar nga|postuar nga|nga|autor(?:i|ka)?(?: teksta)?|piše|pišu|napisa\w*|"
    r"аутор(?:ка)?(?: текста)?|пише|пишу|написа\w*)\s*:?\s+[A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ]\w*(?:[\s-]+[A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ]\w*){0,2}\s*(?:$|[—–|/·,(])",
)
# "1,234 views", "Shikime: 817", "Pregleda: 230", "👁 1234"
_VIEWS = re.compile(
    r"^(?:(?:views|reads|shikime|lexime|pregleda|pregledi|čitanja|прегледа|прегледи|читања)\s*:?\s*[\d.,]+|"
    r"[\d.,]+\s*(?:views|reads|times|shikime|lexime|herë|pregleda|puta|прегледа|пута))$|"
    r"^(?:read|lexuar|pročitano|прочитано)\s+[\d.,]+\s+(?:times|herë|puta|пута)$|^\d+\s+min\.?\s+\w+$",
    _I,
)


def _is_byline(text: str) -> bool:
    """A short line that is a date, an author, or both, with a few words around them."""
    words = _words(text)
    if words > 10 or _SENTENCE_END.search(text) and not _DATE.search(text[-14:]):
        return False
    date = _DATE.search(text)
    if date and _words(text[:date.start()] + text[date.end():]) <= 6:
        return True
    return bool(_AUTHOR.search(text)) and words <= 8 and not _SENTENCE_END.search(text)


# Menus and breadcrumbs: "A | B | C", "Home > News > ...".
_PIPE_SPLIT = re.compile(r"\s[|•·]\s")
_CRUMB_SPLIT = re.compile(r"\s(?:>|»|›|/|→)\s")
_HOME = re.compile(r"^(?:home|ballina|kryefaqja|faqja kryesore|početna|naslovna|почетна|насловна)\b", _I)

# Breadcrumbs in any language: short capitalised items between separators, maybe
# after a label ("You are here: Home » Elections", "Ju jeni këtu: Ballina » Dialogu").
_CRUMB_SEP = re.compile(r"\s(?:>>?|»|›+|/|\||→|::)\s")
_CRUMB_LABEL = re.compile(r"^(?:[^\W\d_][\w'’-]*\s+){0,3}[^\W\d_][\w'’-]*\s*:\s+")
_UPPER = re.compile(r"^[^\w]{0,2}[A-ZČĆĐŠŽÇËА-ШЂЈЉЊЋЏ0-9]")


def _is_breadcrumb(text: str) -> bool:
    """Two or more short capitalised items between one kind of separator, with no
    sentence punctuation in them; a short label may lead ("Nalazite se ovde:")."""
    body = _CRUMB_LABEL.sub("", text, count=1)
    seps = {m.group(0).strip() for m in _CRUMB_SEP.finditer(body)}
    if len(seps) != 1:
        return False
    parts = [p.strip() for p in _CRUMB_SEP.split(body)]
    return 2 <= len(parts) <= 8 and all(
        0 < _words(p) <= 4 and _UPPER.search(p) and not re.search(r"[.!?:;,\"“”„«]", p) for p in parts)


# Pagers and counters: numbers with a few short words ("Strana 2 od 7", "2 / 7",
# "Faqja 2 nga 7", "« 1 2 3 … 12 Next »"). Words between two numbers must be
# one short connector, so a score ("Ajr 38 - 17 Melrouz") is not a pager.
_COUNTER = re.compile(r"^(?:[^\W\d_]+\.?\s+){0,2}\d+(?:[–-]\d+)?\s*(?:/|[^\W\d_]{1,3})\s*\d+$")
_PAGER_JUNK = re.compile(r"[«»‹›<>←→…|]|\.\.\.")


def _is_pager(text: str) -> bool:
    if _words(text) > 8:
        return False
    if _COUNTER.search(text.strip()):
        return True
    tokens = _PAGER_JUNK.sub(" ", text).split()
    nums = [k for k, tok in enumerate(tokens) if tok.isdigit()]
    if len(nums) < 2 or nums[-1] - nums[0] + 1 != len(nums):
        return False  # the numbers must form one run
    return len(tokens) - len(nums) <= 2 and all(tok.isalpha() for tok in tokens if not tok.isdigit())


# Items joined into one line by a separator: "Go to content ~ Language: SQ / EN",
# "Address 12  ·  Tel. 044 123 456  ·  info@x.org", "A :: B :: C". The kind of
# separator does not matter, the shape does: short items, none a sentence.
_JOIN_SEP = re.compile(r"\s+(?:~|·|•|\||/|–|—|-|::|>>?|»|›+|→)(?:\s+|$)|\s{2,}|^\s*(?:~|·|•|\||::)\s+")
# Dashes, slashes and crumb arrows also join a title's own parts or a crumb
# glued to a headline; breadcrumbs have their own rule (_is_breadcrumb).
_WEAK_SEPS = {"/", "–", "—", "-", ">", ">>", "»", "→"}


def _joined_items(text: str) -> tuple[list[str], bool] | None:
    """The items of a separator-joined line and whether a separator other than a
    dash or slash joins them; None for a line of one item."""
    seps = [m.group(0).strip() for m in _JOIN_SEP.finditer(text)]
    if not seps:
        return None
    items = [p.strip() for p in _JOIN_SEP.split(text) if p and p.strip()]
    if len(items) < 2:
        return None
    return items, any(s not in _WEAK_SEPS and not s.startswith("›") for s in seps)


# Counters: a number with a word or two and nothing else ("Seen 305×", "406 lexues",
# "Hits: 832", "Посете: 2087"). A capitalised word before a bare number is a
# heading ("Article 12") and stays.
_COUNT_LINE = re.compile(
    r"^[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s*\d[\d.,]*$|^(?:[^\W\d_]+\s+){0,2}\d[\d.,]*\s*×$|"
    r"^\d[\d.,]*\s*×?\s+[a-zà-žа-шђјљњћџ][^\W\d_]*$"
)


# Social-feed marks.
_HASHTAG = re.compile(r"(?<![\w&])#[^\W\d_]\w*")
_MENTION = re.compile(r"(?<![\w.])@[A-Za-z_]\w*")
_ARROW = re.compile(r"[→⇒➜➔►▶]")


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF) or (0x2600 <= cp <= 0x27BF) or (0x2B00 <= cp <= 0x2BFF) or cp == 0xFE0F


# Function words, to tell an English line on a non-English page.
_STOP = {
    "en": set("the and of to in is for with on we our that this are be by from will you your at as it an was "
              "have has new join us more about who which their".split()),
    "sq": set("të në dhe e i për një me që është nga se u do ka ky kjo janë më nuk si por ku ai ajo edhe "
              "tyre tij saj".split()),
    "sr": set("je i u da se na za od su sa koji kao o a ali što sto iz će ce bi ne to ili kako "
              "које који на за од су са као из ће би не то или како".split()),
}
_WORD = re.compile(r"[^\W\d_]+")


def guess_lang(text: str) -> str | None:
    """A cheap function-word guess among en, sq and sr; None when unsure.

    Only used to spot an English line on a non-English page (social feeds and
    promo banners are often left untranslated)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < 3:
        return None
    if sum(1 for ch in text if "\u0400" <= ch <= "\u04ff") > len(text) / 4:
        return "sr"
    hits = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP.items()}
    best = max(hits, key=hits.__getitem__)
    if hits[best] < 2 or list(hits.values()).count(hits[best]) > 1:
        return None
    return best


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _words(text: str) -> int:
    return len(text.split())


def text_evidence(text: str, page_lang: str | None = None) -> list[Evidence]:
    """Chrome evidence from the words of a line alone."""
    return list(_text_evidence(text, page_lang))


# Chrome lines recur on every page of a site, so their cues are worth caching.
@lru_cache(maxsize=1 << 16)
def _text_evidence(text: str, page_lang: str | None) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    t = text.strip()
    n = len(t)
    words = _words(t)
    letters = _letters(t) if n < 40 else n
    short = n <= 120

    if letters < 3:
        out.append(Evidence("short", 0.8))
    elif words == 1 and t.isalpha() and t.islower() and n <= 20:
        # a lone lower-case word ("mike", "fbpx") is a widget or tracker label:
        # titles, headings and list items start with a capital in sq, sr and en
        out.append(Evidence("short", 0.75))

    if _COPYRIGHT.search(t) and n <= 250:
        out.append(Evidence("copyright", 0.9))
    if _CREDIT.search(t) and n <= 150:
        out.append(Evidence("copyright", 0.8))
    if _COOKIE.search(t) and n <= 300:
        out.append(Evidence("cookie", 0.9 if _COOKIE_ACTION.search(t) else 0.5))
    if _SUBSCRIBE.search(t) and n <= 100:
        out.append(Evidence("subscribe", 0.8))
    if _CTA.search(t) and n <= 60:
        out.append(Evidence("call-to-action", 0.85))
    elif _PROMO.search(t) and n <= 160:
        out.append(Evidence("call-to-action", 0.6))
    if n <= 40 and _UI.search(t):
        out.append(Evidence("navigation", 0.75))
    if n <= 40 and words <= 5 and _TOOL.search(t):
        out.append(Evidence("navigation", 0.75))
    if n <= 60 and _WIDGET.search(t):
        out.append(Evidence("navigation", 0.7))
    if _WIDGET_SENTENCE.search(t) and n <= 200:
        out.append(Evidence("html-chrome", 0.8))
    if _is_language_switch(t):
        out.append(Evidence("navigation", 0.8))
    if n <= 60 and _is_widget_heading(t):
        out.append(Evidence("navigation", 0.7))
    if _DISCLAIMER.search(t) and n <= 600:
        out.append(Evidence("credit", 0.85))
    if short:
        if _HOURS_LABEL.search(t):
            out.append(Evidence("hours", 0.8))
        if _WEEKDAY_RANGE.search(t) or _DAY_HOURS.search(t) or (_TIME_RANGE.search(t) and words <= 8):
            out.append(Evidence("hours", 0.85))
        if _STREET.search(t) and words <= 10 and re.search(r"\d", t):
            out.append(Evidence("address", 0.8))
        elif _STREET.search(t) and words <= 5:
            out.append(Evidence("address", 0.5))
        if _POSTCODE.search(t) and words <= 6:
            out.append(Evidence("address", 0.75))
        if _PHONE_LABEL.search(t) or (_PHONE.search(t) and words <= 10):
            out.append(Evidence("contact", 0.85))
        if _EMAIL.search(t) and words <= 10:
            out.append(Evidence("contact", 0.85))
        if _CONTACT.search(t):
            out.append(Evidence("contact", 0.75))
        if _FOLLOW.search(t):
            out.append(Evidence("social", 0.8))
        if len(_NETWORKS.findall(t)) >= 2:
            out.append(Evidence("social", 0.8))
        elif _NETWORKS.search(t) and words <= 3:
            out.append(Evidence("social", 0.7))
        if _SHARE.search(t):
            out.append(Evidence("social", 0.8))
        if _TAGS.search(t):
            out.append(Evidence("tags", 0.8))
        if _META.search(t):
            out.append(Evidence("metadata", 0.6))
        if _is_byline(t):
            out.append(Evidence("metadata", 0.7))
        if _VIEWS.search(t):
            out.append(Evidence("metadata", 0.75))
        if _DONOR.search(t) and words <= 12:
            # a bare "Supported by X" with no sentence around it is a footer credit
            out.append(Evidence("credit", 0.6 if words <= 8 and not _SENTENCE_END.search(t) else 0.4))
        elif _FUNDED.search(t) and words <= 15:
            out.append(Evidence("credit", 0.45))
        if _URL.search(t) and not _EMAIL.fullmatch(t):
            out.append(Evidence("link", 0.6 if _ARROW.search(t) or words <= 6 else 0.4))
    if _is_pager(t):
        out.append(Evidence("navigation", 0.8))
    elif n <= 160 and _is_breadcrumb(t):
        out.append(Evidence("navigation", 0.8))
    # menus and breadcrumbs: several short items between separators
    for splitter, weight in ((_PIPE_SPLIT, 0.85), (_CRUMB_SPLIT, 0.8)):
        parts = splitter.split(t)
        if len(parts) >= 3 and all(0 < _words(p) <= 4 for p in parts):
            out.append(Evidence("navigation", weight))
            break
    else:
        parts = _CRUMB_SPLIT.split(t)
        # the last item short too: a crumb glued to the headline is cut off
        # by split_glued_head, not dropped with the headline
        if len(parts) >= 2 and _HOME.search(t) and all(_words(p) <= 8 for p in parts[:-1]) \
                and _words(parts[-1]) <= 5:
            out.append(Evidence("navigation", 0.8))

    if n <= 40 and _COUNT_LINE.search(t):
        out.append(Evidence("metadata", 0.7))
    if n <= 300:
        out += _joined_evidence(t, page_lang)

    # social-feed items: emoji-led lines, hashtags, @mentions
    hashtags = len(_HASHTAG.findall(t))
    mentions = len(_MENTION.findall(t))
    emoji_led = bool(t) and _is_emoji(t[0])
    social = 0.0
    if emoji_led:
        social = 0.6
    if hashtags or mentions:
        social = 1 - (1 - social) * (1 - min(0.7, 0.35 * (hashtags + mentions)))
        if emoji_led:
            # "📢 ... @partner ... #tag": a feed item, however long; strong enough
            # to outweigh the prose it is written in
            social = max(social, 0.92)
    if social:
        # an English feed item on a Serbian or Albanian page is never the story
        if page_lang and page_lang != "en" and guess_lang(t) == "en":
            social = max(social, 0.95)
        out.append(Evidence("social", round(social, 3)))
    elif page_lang and page_lang != "en" and _ARROW.search(t) and guess_lang(t) == "en":
        out.append(Evidence("social", 0.6))
    return tuple(out)


def _joined_evidence(t: str, page_lang: str | None) -> list[Evidence]:
    """A line of short items joined by a separator is chrome by its shape, and
    as chrome as its chromiest item (an address and a phone joined by " · ")."""
    joined = _joined_items(t)
    if joined is None:
        return []
    items, strong_sep = joined
    if not strong_sep:
        return []  # "Kanal 5 – 28.4.2011", "AFP - 22/02/07; AP - ...": a title's or a source's own
    out = []
    # the last item may end in a full stop ("Mob. 044 · 12. maj 2024."); inner ones may not
    no_sentences = not any(_SENTENCE_END.search(p.rstrip(":")) for p in items[:-1]) \
        and not re.search(r"[!?]$", items[-1])
    if no_sentences and all(_words(p) <= 6 for p in items):
        out.append(Evidence("joined", 0.7))
    # items of a line's length each, such as an address, a phone and an e-mail
    if no_sentences and all(_words(p) <= 12 for p in items):
        cues = [combine([ev for ev in _text_evidence(p, page_lang) if ev.reason != "short"]) for p in items]
        best = max(cues, key=lambda c: c.score)
        if best.score >= LIKELY_CHROME:
            out.append(Evidence("joined", round(0.95 * best.score, 4)))
    return out


# ---------------------------------------------------------------------------
# HTML structure

# <header> is weak: ingest gives the nearest container only, and the story's
# own <article><header> (title, lead) is a header too. Site headers repeat, and
# their menus are link lists, so they are caught anyway.
_ZONE_WEIGHT = {"nav": ("navigation", 0.85), "header": ("html-chrome", 0.4), "footer": ("html-chrome", 0.8),
                "aside": ("html-chrome", 0.8), "form": ("html-chrome", 0.75)}
# class/id words that mark chrome containers. Matched on the parts of each
# class/id token (split on - and _), so "share-buttons" and "site_footer" hit
# but "shared" or "entry-content" do not.
_HINTS = {
    "share": "social", "sharing": "social", "social": "social", "socials": "social", "follow": "social",
    "menu": "navigation", "nav": "navigation", "navbar": "navigation", "navigation": "navigation",
    "breadcrumb": "navigation", "breadcrumbs": "navigation", "pagination": "navigation", "pager": "navigation",
    "cookie": "cookie", "cookies": "cookie", "consent": "cookie", "gdpr": "cookie",
    "newsletter": "subscribe", "subscribe": "subscribe", "signup": "subscribe",
    "widget": "html-chrome", "sidebar": "html-chrome", "footer": "html-chrome", "related": "html-chrome",
    "tags": "tags", "tag": "tags", "comment": "html-chrome", "comments": "html-chrome", "banner": "html-chrome",
    "copyright": "copyright", "promo": "html-chrome", "advert": "html-chrome", "ads": "html-chrome",
    "popup": "html-chrome", "modal": "html-chrome", "toolbar": "html-chrome", "meta": "html-chrome",
}
_TOKEN_PARTS = re.compile(r"[-_\s]+")
# Hint words run together with a container word: "relatedposts", "sharebox", "footerlinks".
_COMPOUND = re.compile(rf"^({'|'.join(sorted(_HINTS, key=len, reverse=True))})"
                       r"(?:posts?|links?|box|area|bar|list|wrap(?:per)?|container|widget|section|block|items?|s)$")


def _hint_words(attrs: str) -> set[str]:
    out = set()
    for part in _TOKEN_PARTS.split(attrs):
        if part in _HINTS:
            out.add(part)
        elif (m := _COMPOUND.match(part)):
            out.add(m.group(1))
    return out


def structure_evidence(block: Block, page_wide: frozenset[str] = frozenset()) -> list[Evidence]:
    """Chrome evidence from where an HTML block sat; empty for text dumps.

    ``page_wide`` holds hint words carried by nearly every block of the page
    (a body class such as "has-sidebar"), which say nothing about one block."""
    if block.zone is None:
        return []
    out: list[Evidence] = []
    if block.hidden:
        out.append(Evidence("hidden", 0.95))
    if block.zone in _ZONE_WEIGHT:
        reason, weight = _ZONE_WEIGHT[block.zone]
        if block.zone == "header" and block.in_article:
            weight = 0.15  # <article><header> holds the story's title and byline
        elif block.tag == "h1" and block.zone == "header":
            weight = 0.3  # a lone <h1> in a header is usually the story's title
        out.append(Evidence(reason, weight))
    hints = _hint_words(block.attrs) - page_wide
    if hints:
        out.append(Evidence(_HINTS[sorted(hints)[0]], 0.7))
    if block.link_density >= 0.6 and _words(block.text) <= 12:
        out.append(Evidence("link-list", 0.7))
    elif block.link_density >= 0.8:
        out.append(Evidence("link-list", 0.5))
    if block.tag in {"button", "label", "option", "select", "legend"}:
        out.append(Evidence("html-chrome", 0.7))
    return out


def _page_wide_hints(page: Page) -> frozenset[str]:
    if page.format != "html" or not page.blocks:
        return frozenset()
    counts = Counter(w for b in page.blocks for w in _hint_words(b.attrs))
    return frozenset(w for w, c in counts.items() if c >= 0.8 * len(page.blocks))


# ---------------------------------------------------------------------------
# Repetition across the site


@dataclass(slots=True)
class SiteLines:
    """How many pages of the site each line (by :func:`line_key`) occurs on."""

    pages: Counter
    n_pages: int
    # label -> how many different lines of the site it opens ("Text: X", "Topics: ...")
    labels: Counter = field(default_factory=Counter)

    @classmethod
    def from_pages(cls, pages: Sequence[Page]) -> SiteLines:
        keys = [{line_key(b.text) for b in page.blocks} - {""} for page in pages]
        # A page scraped twice (two addresses, a print version) repeats its own
        # story: copies of one page count once, or their text would look like chrome.
        groups = _duplicate_groups([{k for k in ks if k.count(" ") >= _DUP_MIN_WORDS - 1} for ks in keys])
        counts: Counter = Counter()
        for members in groups:
            # a headline repeated within one page (title and body) counts once
            counts.update(set().union(*(keys[m] for m in members)))
        labels: Counter = Counter()
        for key in counts:
            if (m := _LABELLED.match(key)):
                labels[m.group(1)] += 1
        return cls(counts, len(pages), labels)

    def count(self, key: str) -> int:
        return self.pages.get(key, 0)


_DUP_MIN_WORDS = 8  # lines this long are a page's own prose, not chrome labels
_DUP_MIN_SHARED = 4
_DUP_SHARE = 0.6


def _duplicate_groups(long_lines: list[set[str]]) -> list[list[int]]:
    """Pages that are copies of one another: they share at least four long lines,
    and most of the smaller page's long lines. Lines on many pages of the site
    (chrome) are left out of the comparison. Returns groups of page indices."""
    n = len(long_lines)
    on: dict[str, list[int]] = {}
    for i, lines in enumerate(long_lines):
        for key in lines:
            on.setdefault(key, []).append(i)
    common = 4  # a page is rarely scraped more than four times; chrome runs on more pages
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, lines in enumerate(long_lines):
        rare = [key for key in lines if 1 < len(on[key]) <= common]
        if len(rare) < _DUP_MIN_SHARED:
            continue
        shared = Counter(j for key in rare for j in on[key] if j != i)
        own = sum(1 for key in lines if len(on[key]) <= common)
        for j, k in shared.items():
            other = sum(1 for key in long_lines[j] if len(on[key]) <= common)
            if k >= _DUP_MIN_SHARED and k >= _DUP_SHARE * min(own, other):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def repetition_evidence(text: str, site: SiteLines, extra: int = 0) -> Evidence | None:
    """Chrome evidence from how many pages of the site carry this exact line.

    ``extra`` adds pages the caller knows about that the counts miss (a line
    glued onto a paragraph is not a line of its own in the counts)."""
    key = line_key(text)
    if not key:
        return None
    n = site.count(key) + extra
    if n >= 3:
        return Evidence("repeated-on-site", 0.9)
    if n == 2 and site.n_pages >= 2:
        # two pages may be one story's two translations sharing a name or a
        # quote; only short lines get a (weak) push from this
        return Evidence("repeated-on-site", 0.45 if len(key) <= 50 else 0.2)
    return None


# A short label, a colon or a dash, a value: "Text: Jelena Ilić", "Topics: A, B, C",
# "Keywords — A, B". Matched on line keys (casefolded).
_LABELLED = re.compile(r"^([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?)\s*(?::|—|–)\s+(\S.*)$")


def label_evidence(text: str, site: SiteLines) -> Evidence | None:
    """A label that opens three or more different lines of the site is the
    site's field name (an author, topics, a partner), so a short value after it
    is chrome. A headline with a colon ("Džon Edvard: Poznavanje jezika je
    ključno") opens only its own line and its translation's, and its value is
    longer than a name or a list of short items."""
    m = _LABELLED.match(line_key(text))
    if not m or site.labels.get(m.group(1), 0) < 3:
        return None
    value = m.group(2)
    items = [v.strip() for v in value.split(",")]
    name_like = _words(value) <= 3
    list_like = len(items) >= 2 and all(0 < _words(v) <= 4 for v in items)
    if (name_like or list_like) and not re.search(r"[.!?…]$", value):
        return Evidence("metadata", 0.75)
    return None


# ---------------------------------------------------------------------------
# Content evidence

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)]*$")


def content_weight(text: str, block: Block, is_title: bool, page_wide: frozenset[str] = frozenset()) -> float:
    """How much the line looks like the story itself (0..1): damps chrome scores."""
    weight = 0.0
    words = _words(text)
    if words >= 25 or (words >= 12 and _SENTENCE_END.search(text)):
        weight = 0.3  # running prose
    # <main> holds comment forms and related-post boxes too: inside a container
    # whose class names chrome, being in <main> says nothing
    if block.zone in {"article", "main"} and not (_hint_words(block.attrs) - page_wide):
        weight = 1 - (1 - weight) * (1 - 0.3)
    if is_title:
        weight = 1 - (1 - weight) * (1 - 0.5)
    return weight


# ---------------------------------------------------------------------------
# Glued chrome

# Sentence end directly followed by a capital, no space: "...Balkanu.Qamil".
_GLUE_PUNCT = re.compile(r"(?<=[a-zà-žа-шђјљњћџ\d][.!?…])(?=[A-ZČĆĐŠŽÀ-ÞА-ШЂЈЉЊЋЏ])"
                         r"|(?<=[a-zà-žа-шђјљњћџ][.!?…][\"”’»)])(?=[A-ZČĆĐŠŽÀ-ÞА-ШЂЈЉЊЋЏ])")
# A lower-case letter straight into a capital ("...školaPodeli:"); only split
# there when the tail is a line seen elsewhere on the site.
_GLUE_CAMEL = re.compile(r"(?<=[a-zà-žа-шђјљњћџ\d])(?=[A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ][a-zà-žа-шђјљњћџ])")
# A sentence end and a space: split only for a line seen elsewhere on the site.
_GLUE_SPACE = re.compile(r"[.!?…][\"”’»)]? (?=[A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ©📢])")


# A lower-case letter straight into a digit: a date glued to a headline
# ("...uколико не буде поверења20. октобра 2023 | ..."); cut only for a byline.
_GLUE_DIGIT = re.compile(r"(?<=[a-zà-žа-шђјљњћџ])(?=\d)")
# Titles and abbreviations that end in a full stop inside a sentence: no cut
# after them ("Mr. Merriweather", "Rr. Agim Ramadani", "prof. Petrović").
_ABBREV = re.compile(r"(?:^|[\s(])(?:mr|mrs|ms|dr|st|jr|sr|prof|rr|br|ul|nr|bul|vs|no|sv|gen|col|sen|rep|"
                     r"gov|inž|mr\.sc|dipl|str|tel|ing|др|ул|бр|проф|св)\.\s*$", _I)


def _after_abbreviation(text: str, pos: int) -> bool:
    # only the few characters before the cut can hold the abbreviation
    return bool(_ABBREV.search(text, max(0, pos - 16), pos))


def split_glued(text: str, site: SiteLines, page_lang: str | None) -> tuple[str, str, LineScore] | None:
    """Find chrome glued to the end of a content line; (head, tail, tail score) or None.

    The earliest split whose tail is chrome wins, so a tail of several glued
    chrome lines goes as one piece."""
    seen: set[int] = set()
    candidates: list[tuple[int, str]] = []
    for pattern, kind in ((_GLUE_PUNCT, "punct"), (_GLUE_CAMEL, "camel"), (_GLUE_DIGIT, "camel"),
                          (_GLUE_SPACE, "space"), (_GLUE_BARE, "bare")):
        for m in pattern.finditer(text):
            pos = m.start() if kind not in {"space", "bare"} else m.end()
            if kind == "bare":
                pos = m.start() + 1
            if pos not in seen and 0 < pos < len(text) and not _after_abbreviation(text, pos):
                seen.add(pos)
                candidates.append((pos, kind))
    letters_before = list(itertools.accumulate((ch.isalpha() for ch in text), initial=0))
    for pos, kind in sorted(candidates):
        if letters_before[pos] < 20:
            continue
        head, tail = text[:pos].rstrip(), text[pos:].strip()
        if not tail:
            continue
        # the tail is a line of its own on other pages: the strongest sign. After
        # a sentence end one such page is enough; a split inside a word or at a
        # plain sentence break needs the line to be common on the site.
        seen_on = site.count(line_key(tail))
        evidence = []
        if kind == "bare":
            # no sign of a cut at all: only a few words that are a common line
            # of the site ("... on Sunday Spread the word"); one that ends a
            # sentence is the prose's own ("... West Virginia Metro News.")
            if seen_on >= 3 and _words(tail) <= 6 and not _SENTENCE_END.search(tail):
                evidence.append(Evidence("repeated-on-site", 0.9))
        elif seen_on >= 2 or (seen_on == 1 and kind == "punct"):
            evidence.append(Evidence("repeated-on-site", 0.9 if seen_on >= 2 else 0.6))
        if kind == "punct":
            evidence += text_evidence(tail, page_lang)
        elif kind == "camel" and _text_score(tail, page_lang) >= BYLINE_CUE:
            # no space between a lower-case letter and a capital is sign enough
            # for a tail with strong cues of its own ("...restBy Jane Doe / 12.03.2024")
            evidence += text_evidence(tail, page_lang)
        if not evidence:
            continue
        tail_score = combine(evidence)
        if tail_score.score >= LIKELY_CHROME:
            return head, tail, tail_score
    return None


# Where a line may have been glued without any sign: a space before a capital,
# a digit or a pictogram. Only a piece with strong chrome cues is cut there.
_GLUE_BARE = re.compile(r"(?<=\S) (?=[A-ZČĆĐŠŽÀ-ÞА-ШЂЈЉЊЋЏ©«←↑✉🖨\U0001F000-\U0001FAFF])")
# No space between a letter or digit and a capital: "DonateErdogan", "832Nga", "SRTitle".
_GLUE_TIGHT = re.compile(r"(?<=[^\W_])(?=[A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ][a-zà-žа-шђјљњћџ])")
STRONG_CHROME = 0.75
# A date or author line glued without a space scores this much (see _is_byline).
BYLINE_CUE = 0.7


def _text_score(piece: str, page_lang: str | None) -> float:
    """Cue strength of a candidate glued piece; being short is no cue here (every
    cut makes short pieces: "Le|Bron")."""
    return combine([ev for ev in text_evidence(piece, page_lang) if ev.reason not in {"short", "joined"}]).score


_MAX_HEAD_CHARS = 200


def split_glued_head(text: str, site: SiteLines, page_lang: str | None) -> tuple[str, str, LineScore] | None:
    """Chrome glued before a line, most often the title: "DonateErdogan gets ...",
    "Home / Publications / Youth HIV/Aids: ...". (head score, head, rest) or None.

    The longest head that is chrome wins. Without a space the cut is sign enough
    for a head seen elsewhere on the site or with strong cues; at a plain space
    the head must be both."""
    best = None
    letters_before = list(itertools.accumulate((ch.isalpha() for ch in text), initial=0))
    for pattern, tight in ((_GLUE_TIGHT, True), (_GLUE_BARE, False)):
        for m in pattern.finditer(text):
            pos = m.start()
            if pos > _MAX_HEAD_CHARS:
                break  # chrome on top of a line is a menu or a label, never a paragraph's worth
            if letters_before[-1] - letters_before[pos] < 12:
                continue
            head, rest = text[:pos].strip(), text[pos:].strip()
            if _words(rest) < 3 or not head or head.split()[-1][0] in "@#":
                continue
            seen = site.count(line_key(head))
            cues = _text_score(head, page_lang)
            if tight:
                # a story's headline recurs in "related" lists: a head without
                # cues must be commoner than that
                ok = (seen >= 1 and cues >= LIKELY_CHROME) or cues >= STRONG_CHROME or seen >= 6
            else:
                ok = (seen >= 1 and cues >= LIKELY_CHROME) or (seen >= 2 and cues > 0) or cues >= 0.85
            if ok and (best is None or pos > best[0]):
                evidence = text_evidence(head, page_lang)
                if seen:
                    evidence.append(Evidence("repeated-on-site", 0.9 if seen >= 2 else 0.6))
                best = (pos, head, rest, combine(evidence))
    if best is None:
        return None
    return best[1], best[2], best[3]


def split_glued_bare(text: str, page_lang: str | None) -> tuple[str, str, str] | None:
    """A short chrome piece glued at a plain space, at the end of a paragraph
    ("... in the north Share on Facebook") or between two paragraphs
    ("... in 2019. Print The ministry said ..."). (head, piece, rest) or None;
    rest is empty for a tail. Only pieces of a few words with strong cues count."""
    cuts = [m.start() + 1 for m in _GLUE_BARE.finditer(text)
            if not _after_abbreviation(text, m.start() + 1)] + [len(text)]
    letters_before = list(itertools.accumulate((ch.isalpha() for ch in text), initial=0))
    menu_like = _PIPE_SPLIT.search(text) or _CRUMB_SPLIT.search(text)
    for a in cuts[:-1]:
        head = text[:a].strip()
        # the head must read as prose, not as a menu whose last items are cues
        if letters_before[a] < 20 or _words(head) < 5 or (
                menu_like and (_PIPE_SPLIT.search(head) or _CRUMB_SPLIT.search(head))):
            continue
        for b in cuts:
            if b <= a:
                continue
            piece, rest = text[a:b].strip(), text[b:].strip()
            if _words(piece) > 8:
                break
            if rest and (_words(rest) < 8 or not _SENTENCE_END.search(head)):
                continue  # mid-line only between two sentences
            # a piece that ends a sentence or opens a quote is the prose's own
            # ("... the «snažan ekonomski rast».", "... on Childers Street.")
            if piece[0] in "«»\"„“”'" or (_SENTENCE_END.search(piece) and "©" not in piece):
                continue
            if _letters(piece) >= 4 and _text_score(piece, page_lang) >= STRONG_CHROME:
                return head, piece, rest
    return None


# ---------------------------------------------------------------------------
# Pages


def page_language(page: Page) -> str | None:
    """The page's language among en/sq/sr from its longer lines (or its <html lang>)."""
    votes: Counter = Counter()
    for b in page.blocks:
        if _words(b.text) >= 8:
            lang = guess_lang(b.text)
            if lang:
                votes[lang] += _words(b.text)
    if votes:
        return votes.most_common(1)[0][0]
    if page.declared_lang:
        return page.declared_lang.split("-")[0].lower()
    return None


_INNER_SENTENCE = re.compile(r"[a-zà-žа-шђјљњћџ][.!?…][\"”’»)]? [A-ZČĆĐŠŽА-ШЂЈЉЊЋЏ]")
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+")


def _headline_before_body(page: Page, raw: list[tuple[int, str, list[Evidence], str | None]]) -> set[int]:
    """The story's headline in a text dump: the line just above the first prose
    paragraph, past a byline. Its own title also turns up in "related posts"
    lists on other pages, so repetition alone must not condemn it here."""
    if page.format != "text":
        return set()
    for k, (_, text, evidence, _) in enumerate(raw):  # noqa: B007 -- k is read after the loop
        # prose: a sentence end, at the line's end or inside it (a tail glued on)
        if _words(text) >= 15 and (_SENTENCE_END.search(text) or _INNER_SENTENCE.search(text)) \
                and combine(evidence).score < LIKELY_CHROME:
            break
    else:
        return set()
    for j in range(k - 1, max(-1, k - 5), -1):
        _, text, evidence, _ = raw[j]
        cues = [ev for ev in evidence if ev.reason != "repeated-on-site"]
        if combine(cues).score >= LIKELY_CHROME:
            continue  # a byline or a date between headline and body
        if not 3 <= _words(text) <= 30:
            return set()
        if _SENTENCE_END.search(text):
            continue  # a short lead-in sentence; the headline is above it
        return {j}
    return set()


def _is_short(text: str) -> bool:
    return _words(text) <= 6 and len(text) <= 60


def score_page(page: Page, site: SiteLines) -> list[tuple[int, str, LineScore, str | None]]:
    """Score every line of a page: (block index, text, score, reason override).

    Glued chrome comes back as two entries of the same block. Scores only; the
    verdicts are made by :func:`decide`."""
    lang = page_language(page)
    page_wide = _page_wide_hints(page)

    raw: list[tuple[int, str, list[Evidence], str | None]] = []
    for i, block in enumerate(page.blocks):
        evidence = text_evidence(block.text, lang) + structure_evidence(block, page_wide)
        for ev in (repetition_evidence(block.text, site), label_evidence(block.text, site)):
            if ev:
                evidence.append(ev)
        raw.append((i, block.text, evidence, None))

    # the title: an <h1>, the line the page's <title> names, or the first line
    # that nothing marks as chrome
    title_idx: set[int] = {i for i, b in enumerate(page.blocks) if b.tag == "h1"}
    if page.title:
        # "Headline | Site name": the part before the site's name
        names = {line_key(page.title), line_key(_TITLE_SPLIT.split(page.title)[0])}
        title_idx |= {i for i, b in enumerate(page.blocks) if line_key(b.text) in names and _words(b.text) >= 2}
    if not title_idx:
        for i, _, evidence, _ in raw:
            if combine(evidence).score < LIKELY_CHROME:
                title_idx.add(i)
                break
    title_idx |= _headline_before_body(page, raw)

    scored: list[tuple[int, str, LineScore, str | None]] = []
    for i, text, evidence, _ in raw:
        block = page.blocks[i]
        is_title = i in title_idx
        # Glued chrome first: the tail's cues would otherwise condemn the whole
        # line, paragraph included. The split stands only if the head alone is
        # content; a chrome line glued to a chrome line is dropped whole.
        structure = structure_evidence(block, page_wide)

        def as_content(piece: str, title: bool = is_title, structure: list[Evidence] = structure,
                       block: Block = block) -> LineScore:
            return combine(text_evidence(piece, lang) + structure, content_weight(piece, block, title, page_wide))

        # Chrome glued after the text, then chrome glued before what is left
        # (a menu or a search box on top of the headline), then a short chrome
        # piece glued at a plain space.
        pieces: list[tuple[str, LineScore, str | None]] = []
        rest, tail_piece = text, []
        glued = split_glued(text, site, lang)
        if glued and as_content(glued[0]).score < LIKELY_CHROME:
            rest, tail_piece = glued[0], [(glued[1], glued[2], "glued")]
        whole = combine(evidence, content_weight(text, block, is_title, page_wide))
        if not tail_piece and whole.score >= LIKELY_CHROME:
            # A chrome line with no chrome of the site glued to its end stays
            # whole: cutting it at a bare space or on top would leave a scrap
            # of it ("Donors | Get involved") looking like content.
            scored.append((i, text, whole, None))
            continue
        lead = split_glued_head(rest, site, lang) if block.zone is None else None
        if lead and as_content(lead[1], False).score < LIKELY_CHROME:
            pieces.append((lead[0], lead[2], "glued"))
            rest = lead[1]
            is_title = True  # chrome glued on top sits on the headline
        bare = split_glued_bare(rest, lang)
        if bare and as_content(bare[0]).score < LIKELY_CHROME \
                and (not bare[2] or as_content(bare[2], False).score < LIKELY_CHROME):
            head, piece, after = bare
            pieces += [(head, as_content(head), None),
                       (piece, combine(text_evidence(piece, lang)), "glued")]
            if after:
                pieces.append((after, as_content(after, False), None))
        elif pieces or tail_piece:
            pieces.append((rest, as_content(rest), None))
        pieces += tail_piece
        if pieces:
            scored += [(i, piece, line_score, why) for piece, line_score, why in pieces]
            continue
        scored.append((i, text, combine(evidence, content_weight(text, block, is_title, page_wide)), None))

    return _smooth_runs(_smooth_short(scored, title_idx), title_idx)


def _smooth_short(scored: list[tuple[int, str, LineScore, str | None]],
                  title_idx: set[int]) -> list[tuple[int, str, LineScore, str | None]]:
    """A short kept line with chrome on both sides (or on its only side) is chrome.

    Short lines are too short to judge alone: between content paragraphs they are
    headings or list items; in a run of footer lines they are footer lines."""
    def uncertain(k: int) -> bool:
        i, text, line_score, _ = scored[k]
        return line_score.score < LIKELY_CHROME and _is_short(text) and i not in title_idx

    def side(k: int, step: int) -> bool | None:
        k += step
        while 0 <= k < len(scored):
            if not uncertain(k):
                return scored[k][2].score >= LIKELY_CHROME
            k += step
        return None

    def _neighbours(k: int) -> list[int]:
        found = []
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(scored) and uncertain(j):
                j += step
            if 0 <= j < len(scored):
                found.append(j)
        return found

    out = list(scored)
    for k in range(len(scored)):
        if not uncertain(k):
            continue
        before, after = side(k, -1), side(k, 1)
        sides = [s for s in (before, after) if s is not None]
        if sides and all(sides):
            i, text, line_score, _ = scored[k]
            # as sure as the weaker of its chrome neighbours, a little less
            near = [scored[j][2].score for j in _neighbours(k)]
            bumped = round(max(line_score.score, 0.9 * min(near)), 4)
            out[k] = (i, text, LineScore(bumped, "short", line_score.evidence), None)
    return out


def _is_listy(text: str) -> bool:
    """A line that could be an item of a list of links: a headline, a name, a
    funder line; not a paragraph of prose."""
    words = _words(text)
    return words <= 20 and len(text) <= 160 and (words <= 12 or not _SENTENCE_END.search(text))


def _smooth_runs(scored: list[tuple[int, str, LineScore, str | None]],
                 title_idx: set[int]) -> list[tuple[int, str, LineScore, str | None]]:
    """A run of kept headline-like lines inside chrome, after the story, is chrome.

    Related-post titles under a "related" heading, a funder line among share
    buttons and a pager: each alone reads like a headline, but they sit after
    the story's text with chrome above and below. A run of two or more such
    lines, or a single one that carries some chrome evidence of its own (a
    weak cue, a repeat elsewhere on the site), takes the score of its weaker
    chrome neighbour, a little less. Nothing before the first content line
    after the title is judged so: a short lead or list opens many stories."""
    def kept(k: int) -> bool:
        return scored[k][2].score < LIKELY_CHROME

    def candidate(k: int) -> bool:
        return kept(k) and scored[k][0] not in title_idx and _is_listy(scored[k][1])

    out = list(scored)
    seen_content = False
    k = 0
    while k < len(scored):
        if not candidate(k):
            if kept(k) and scored[k][0] not in title_idx:
                seen_content = True
            k += 1
            continue
        end = k
        while end + 1 < len(scored) and candidate(end + 1):
            end += 1
        before = scored[k - 1][2].score if k > 0 else None
        after = scored[end + 1][2].score if end + 1 < len(scored) else None
        sides = [x for x in (before, after) if x is not None]
        run = range(k, end + 1)
        weak_cues = all(any(ev.weight >= 0.3 for ev in scored[j][2].evidence) for j in run)
        if seen_content and before is not None and sides and all(x >= LIKELY_CHROME for x in sides) \
                and (end > k or weak_cues):
            bumped_to = 0.9 * min(sides)
            for j in run:
                i, text, line_score, _ = scored[j]
                out[j] = (i, text, LineScore(round(max(line_score.score, bumped_to), 4), "chrome-run",
                                             line_score.evidence), None)
        else:
            seen_content = True
        k = end + 1
    return out


def strip_site(pages: Sequence[Page], settings: Settings) -> list[list[LineDecision]]:
    """Decide, for every page of ONE site, which lines are content and which are chrome.

    ``pages`` are all pages of the site, every language version: repetition
    across them is evidence. Returns, per page in the same order, one
    LineDecision per line in block order; a block with chrome glued to its end
    gives two decisions with the same ``block`` index. Kept lines, in order, are
    the page's content paragraphs.
    """
    site = SiteLines.from_pages(pages)
    result: list[list[LineDecision]] = []
    for page in pages:
        decisions = [decide(text, line_score, i, settings, reason)
                     for i, text, line_score, reason in score_page(page, site)]
        result.append(decisions)
    return result


__all__ = ["strip_site", "score_page", "text_evidence", "structure_evidence", "repetition_evidence",
           "line_key", "combine", "decide", "Evidence", "LineScore", "SiteLines"]
