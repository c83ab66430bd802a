"""Language identification for Albanian, English and Serbian pages, telling
Serbian from Croatian and Bosnian in both scripts.

langdetect gives the broad language; it has no Serbian (Serbian Latin comes out
``hr``, Serbian Cyrillic ``mk``) and no Bosnian. On top of it this module adds
what a linguist would look at:

* script, decided word by word after homoglyph repair (pages mix Latin
  look-alike letters into Cyrillic words and the other way round);
* letters only one Cyrillic alphabet has (Serbian ђ ћ, Macedonian ѓ ќ ѕ, ...),
  then function words;
* the jat reflex: Serbian is ekavian (*vreme, mesto, dete*), Croatian and
  Bosnian ijekavian (*vrijeme, mjesto, dijete*);
* vocabulary, month names, agent nouns and verb suffixes that differ between
  the three standards;
* Serbian phonetic spelling of foreign names (*Vašington*) against the
  original spelling Croatian and Bosnian keep (*Washington*);
* syntax: Serbian *da* + present (*treba da uradi*), Croatian infinitive and
  separated future (*bit će*).

Scoring is kept apart from deciding: :func:`_scan` turns a text into an
:class:`_Evidence` (counts and points, additive, so a page pools its
paragraphs), and :func:`_decide` turns evidence into a :class:`LangResult`.
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import LangDetectException

from .models import LangResult

__all__ = ["identify", "detect", "identify_page", "identify_document", "fix_homoglyphs", "to_latin", "fold"]

# Deterministic runs: every Detector copies the class seed when it is created.
DetectorFactory.seed = 0

#: fewer letters than this and there is nothing to decide on
MIN_LETTERS = 3

_FACTORY: DetectorFactory | None = None


def _factory() -> DetectorFactory:
    # Loading the 55 profiles takes ~0.5 s; do it once per process.
    global _FACTORY
    if _FACTORY is None:
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        _FACTORY = factory
    return _FACTORY


# --------------------------------------------------------------------------
# Scripts, homoglyphs, transliteration
# --------------------------------------------------------------------------

# Latin letters that look like Cyrillic ones, and back. Latin "i" and "s" are
# left out on purpose: their twins (і, ѕ) are Ukrainian/Macedonian letters, and
# mapping them would invent evidence for those languages in Serbian text.
_LAT2CYR = dict(zip("ABCEHKMOPTXYJaceopxyjk", "АВСЕНКМОРТХУЈасеорхујк"))
_CYR2LAT = {cyr: lat for lat, cyr in _LAT2CYR.items()}
_CYR2LAT.update({"і": "i", "І": "I", "ѕ": "s", "Ѕ": "S"})

_WORD_RE = re.compile(r"[^\W\d_]+")
_CYR_RE = re.compile(r"[\u0400-\u04ff]")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _word_votes(word: str) -> tuple[int, int]:
    """Letters of a word that only one script could have written: (Latin, Cyrillic)."""
    lat = cyr = 0
    for ch in word:
        if _is_cyr(ch):
            if ch not in _CYR2LAT:
                cyr += 1
        elif ch not in _LAT2CYR:
            lat += 1
    return lat, cyr


def fix_homoglyphs(text: str) -> str:
    """Repair look-alike letters of the other script inside words, for matching.

    Each word is given the script most of its distinctive letters belong to
    (``ПPABИMA`` -> ``ПРАВИМА``, ``Beоgrad`` -> ``Beograd``); a word made only
    of letters both scripts share (``je``, ``oко``) follows the script of the
    text as a whole. Text without both scripts is returned unchanged.
    """
    if not _CYR_RE.search(text) or not re.search(r"[A-Za-z]", text):
        return text
    words = _WORD_RE.findall(text)
    votes = [_word_votes(w) for w in words]
    total_lat = sum(v[0] for v in votes)
    total_cyr = sum(v[1] for v in votes)
    majority = "Cyrl" if total_cyr > total_lat else "Latn" if total_lat > total_cyr else ""
    it = iter(votes)

    def repl(m: re.Match[str]) -> str:
        lat, cyr = next(it)
        word = m.group(0)
        script = "Cyrl" if cyr > lat else "Latn" if lat > cyr else (majority if lat == cyr == 0 else "")
        if script == "Cyrl":
            return "".join(_LAT2CYR.get(ch, ch) for ch in word)
        if script == "Latn":
            return "".join(_CYR2LAT.get(ch, ch) for ch in word)
        return word

    return _WORD_RE.sub(repl, text)


_SR_CYR2LAT = dict(zip(
    "абвгдђежзијклмнопрстћуфхцчшѓќѕ",
    ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "ć", "u", "f", "h", "c", "č", "š", "ǵ", "ḱ", "dz"],
))
_SR_CYR2LAT.update({"љ": "lj", "њ": "nj", "џ": "dž"})
_DIGRAPH_UPPER = {"Љ": ("Lj", "LJ"), "Њ": ("Nj", "NJ"), "Џ": ("Dž", "DŽ")}
_TO_LATIN_RE = re.compile(r"[\u0400-\u04ff]")


def to_latin(text: str) -> str:
    """Serbian Cyrillic -> Serbian Latin (гајица: љ->lj, њ->nj, џ->dž, ђ->đ, ћ->ć).

    Capital digraph letters follow their neighbours: ``Љубав`` -> ``Ljubav``,
    ``ЉУБАВ`` -> ``LJUBAV``. Macedonian ѓ ќ ѕ become ǵ ḱ dz; other Cyrillic
    letters (Russian, Bulgarian) are left as they are. Latin text is unchanged.
    """
    if not _TO_LATIN_RE.search(text):
        return text
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _DIGRAPH_UPPER:
            nxt = text[i + 1] if i + 1 < n else ""
            prev = text[i - 1] if i else ""
            all_caps = nxt.isupper() or (not nxt.isalpha() and prev.isupper())
            out.append(_DIGRAPH_UPPER[ch][1 if all_caps else 0])
        elif ch in _SR_CYR2LAT:
            out.append(_SR_CYR2LAT[ch])
        elif ch.lower() in _SR_CYR2LAT:
            lat = _SR_CYR2LAT[ch.lower()]
            out.append(lat[0].upper() + lat[1:])
        else:
            out.append(ch)
    return "".join(out)


def fold(text: str) -> str:
    """A matching key: homoglyphs repaired, Cyrillic to Latin, diacritics off, casefolded.

    ``fold("Ђорђе Đorđe ĐORĐE")`` is ``"djordje djordje djordje"``: đ, which
    has no decomposition, becomes the customary "dj". Never store the result;
    it is for comparing texts only.
    """
    text = to_latin(fix_homoglyphs(text)).replace("đ", "dj").replace("Đ", "Dj")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# --------------------------------------------------------------------------
# Cue tables
# --------------------------------------------------------------------------
# Weights are points for (sr, hr, bs). A cue shared by Serbian and Bosnian
# (hiljada) gives both; one shared by Croatian and Bosnian (every ijekavian
# form) gives both, so Bosnian wins when it has both kinds, which is what
# Bosnian text looks like. A trailing "*" makes an entry a prefix.

SR, HR, BS = 0, 1, 2
_W_SR = (2.0, 0.0, 0.0)
_W_HR = (0.0, 2.0, 0.0)
_W_BS = (0.0, 0.0, 2.0)
_W_SRBS = (1.5, 0.0, 1.5)
_W_HRBS = (0.0, 1.5, 1.5)
_W_EKAV = (2.0, 0.0, 0.0)
_W_IJEK = (0.0, 2.0, 2.0)

# Jat reflex. Only word forms whose ekavian and ijekavian shapes differ;
# forms like "vremena", "ranije", "bolje", "dijalog" are deliberately absent.
_JAT = [
    ("ekavian", _W_EKAV, """
        vreme mesto mesta mestu mestom mestima umesto reč reči rečima rečju dete deteta detetu
        detetom deca dece deci decu decom pre najpre posle gde ovde onde negde nigde svugde igde
        dole deo dela delu delom delovi delova delove delo delimično delimičan delatnost* delova*
        deluj* delić* deli deliti podeli* podela* odeljen* razdel* videti videla videli videlo
        videvši želeo želela želeli želelo želeti hteo htela hteli htelo hteti živeo živela živeli
        živeti voleo volela voleli voleti razumeo razumela razumeli razumeti razumem razume uspeo
        uspela uspeli uspelo uspeti uspe* doneo donela doneli doneti preneo prenela preneli preneti
        odneo odneti uneo uneti poneo poneti izneo iznela izneli izneti sedeo sedela sedeti leteo
        leteti goreo goreti umeo umeti smeo smeti sme smeju smem trpeo trpeti mrzeo oboleo obolela
        oboleli oboleti obolel* lep lepa lepo lepi lepu lepog lepe lepše lepši lepot* reka reke reku
        rekom rekama retk* retko svet svetski svetsk* svetl* svetlost* vek veka veku vekova stoleć*
        mleko mleka belo beli bela bele belog belom beloj belu belih cena cene ceni cenu cenama
        cenom ceniti cenjen* ocen* procen* ceo cela celo celi celu celog celoj celom celim celih
        celokup* celin* sreda sredu srede telo tela telu telom telesn* mera mere meri meru merama
        merom meren* vera veru verom verova* uveren* poveren* poverenj* prover* verovatno verovatn*
        savet* primer* smer* namer* sedišt* sednic* sever* seća* sećanj* setio setila setili setiti
        podseti* podseća* pesm* pesni* peva* pevač* mesec* meseč* lek leka leku lekom lekovi lekova
        lekove lekar* leče* leči* lečen* zvezd* sneg snega snegom snež* devojk* devojč* čovek*
        čoveč* pobed* beža* begunac izbeglic* greh greha posled* predsed* sused* uvek zahtev* vešt*
        obaveštenj* obavest* izvestio izvestila izvestili izveštaj* svedo* svesn* svestan svešću dve
        dvema dvesta venčanj* vetar vetra seme semena stena stene beleš* beleži* zabeleži* obeleži*
        usled nedelj* menja* promen* izmen* zamen* smen* bezbed* obezbed* spreč* prestonic* nemač*
        nemc* nemac belorus* letnj* letos leto reše* rešen* rešit* rešav* greš* pogreši* sejati*
        lekov* porekl* veroispovest* prevoz* prevod* levo levi leva levu levom levice levica sled*
        usled* oseć* oseti* dečak* dečač* vežb* cvet cveta cveće ponedelj* prosečn* delov* prenet*
        odnet* donel* prenel* iznel* odnel* svešć* razume* opredelj* smeh* smej* teral* terat*
        teraj* predlog* železn* izbeg* proleć* gnezd* rečn* razumev* obaveštaj* savest* savesn*
        detinj* dečj* cev cevi cevima cevovod* uveri* uverava* primet* primeć* napred unapred seo
        donet* obezbeđ* pretnj* preti preteći pretio pretila preći predeo nasled* razmen* primen*
        zasedanj*
    """),
    ("ijekavian", _W_IJEK, """
        vrijeme mjesto mjesta mjestu mjestom mjestima umjesto riječ riječi riječima riječju dijete
        djeteta djetetu djetetom djeca djece djeci djecu djecom prije najprije poslije gdje ovdje
        ondje negdje nigdje svugdje igdje dolje dio dijela dijelu dijelom dijelovi dijelova dijelove
        djelo djela djelu djelatnost* djelova* djeluj* dijeli dijeliti podijeli* podjel* odjeljen*
        odjel* razdijel* vidjeti vidjela vidjeli vidjelo vidjevši vidio želio željela željeli
        željelo željeti htio htjela htjeli htjelo htjeti živio živjela živjeli živjeti volio voljela
        voljeli voljeti razumio razumjela razumjeli razumjeti razumijem razumije uspio uspjela
        uspjeli uspjelo uspjeti uspje* uspije* donio donijela donijeli donijeti prenio prenijela
        prenijeli prenijeti odnio odnijeti unio unijeti ponio ponijeti iznio iznijela iznijeli
        iznijeti sjedio sjedila sjediti letio letjeti gorio gorjeti umio umjeti smio smjeti smije
        smiju smijem trpio trpjeti mrzio obolio oboljela oboljeli oboljeti lijep lijepa lijepo
        lijepi lijepu lijepog lijepe ljepše ljepši ljepot* rijeka rijeke rijeku rijekom rijekama
        rijetk* svijet svijeta svijetu svijetom svjetski svjetsk* svjetl* svjetlost* vijek vijeka
        vijeku vjekova stoljeć* mlijeko mlijeka bijelo bijeli bijela bijele bijelog bijelom bijeloj
        bijelu bijelih cijena cijene cijeni cijenu cijenama cijenom cijeniti cijenjen* ocjen*
        procjen* cio cijela cijelo cijeli cijelu cijelog cijeloj cijelom cijelim cijelih cjelokup*
        cjelin* srijeda srijedu srijede tijelo tijela tijelu tijelom tjelesn* mjera mjere mjeri
        mjeru mjerama mjerom mjeren* vjera vjeru vjerom vjerova* uvjeren* povjeren* povjerenj*
        provjer* savjet* primjer* smjer* namjer* sjedišt* sjednic* sjever* sjeća* sjećanj* sjetio
        sjetila sjetili sjetiti podsjeti* podsjeća* pjesm* pjesni* pjeva* pjevač* mjesec* mjeseč*
        lijek lijeka lijeku lijekom lijekovi lijekova lijekove liječ* zvijezd* zvjezd* snijeg
        snijega snijegom snjež* djevojk* djevojč* čovjek* čovječ* pobjed* pobijed* bježa* bjegunac
        izbjeglic* grijeh grijeha posljed* predsjed* susjed* uvijek zahtjev* vješt* obavještenj*
        obavijest* izvijesti* izvještaj* svjedo* svjesn* svjestan svijest* dvije dvjema dvjesta
        dvjesto vjenčanj* vjetar vjetra sjeme sjemena stijena stijene bilješ* bilježi* zabilježi*
        obilježi* uslijed nedjelj* mijenja* promjen* promijen* izmjen* izmijen* zamjen* zamijen*
        smjen* smijen* sprječ* spriječ* prijestolnic* njemač* nijem* bjelorus* ljetn* ljetos ljeto
        riješ* rješen* rješav* riješit* griješ* pogriješi* sijati* lijekov* porijekl*
        vjeroispovijest* prijevoz* prijevod* lijevo lijevi lijeva lijevu lijevom ljevic* slijed*
        sljed* uslijedi* osjeć* osjeti* dječak* dječač* vježb* cvijet cvijeta cvijeće ponedjelj*
        prosječn* dijelov* djelov* sviješć* razumj* razumije* opredjelj* smijeh* smija* tjera*
        prijedlog* željezn* izbjeg* proljeć* gnijezd* gnjezd* riječn* rječn* razumijevanj*
        obavještaj* savjest* savjesn* djetinj* dječj* dječij* cijev* cjevovod* uvjeri* uvjerava*
        primijet* primjet* primijeć* primjeć* naprijed unaprijed sjeo prijetnj* prijeti* prijeteć*
        prijeći predjel* nasljed* razmjen* razmijen* primjen* primijen* zasjedanj* prijenos*
        prijelaz*
    """),
]

# Vocabulary that differs between the standards, with the words' weights.
_LEX = [
    ("sr", _W_SR, """
        istorij* istorijsk* avgust* odsto hleb* bioskop* spoljn* onlajn veb sajt sajta sajtu sajtovi
        švajcar* juče ćerk* sopstven* vasion* ministark*
    """),
    ("hr", _W_HR, """
        tisuća tisuće tisuću tisućama tisuć* milijun* postotak postotka postotku postotke postotaka
        povijest* povijesn* suradnj* suradnik* surađ* tjedan tjedna tjednu tjedno tjedni tjedana
        nogomet* točk* točan točno točna točni točnost* tko nitko netko itko svatko obitelj*
        sveučilišt* vlak vlaka vlakom vlakovi kemij* kemijsk* tijekom utjecaj* utjeca* uvjet*
        zrakoplov* kazališt* glazb* znanost* znanstven* kruh* kava kave kavu tvrtk* tvornic* tajnik*
        tajništv* ravnatelj* mirovin* umirovlj* knjižnic* udrug* čimbenik* glasnogovorni* potpora
        potpore potpori potporu potporom gospodarstv* gospodarsk* povjerenstv* prosvjed* obrana
        obrane obranu obranom obrambe* oporb* tisak tiska tiskan* tiskovn* računalo računalu
        računalom računalima računaln* računalstv* veleposlan* dužnosnik* sudjelova* sudionik*
        sudjeluj* inozem* izvješć* priopć* putovnic* sudac suca sucu suci sucima desetljeć* unatoč
        usprkos osobito glede sukladno svezi nazočn* iznimn* primjerice dakako štoviše ubojstv*
        ubojic* uhić* uhiti* cjepiv* cijeplj* liječnik* liječnic* odvjetni* nizozem* španjolsk*
        rumunjsk* litva europsk* europa europe europi europu europom europlj* euro eura eurima
        pokraj stoga jučer kći kćer* vjerojatn* djelomičn* hlač* rajčic* mrkv* krumpir* žlic*
        siječanj siječnja veljača veljače ožujak ožujka travanj travnja svibanj svibnja siječnj*
        veljač* ožuj* travanj travnj* svibanj svibnj* lipanj lipnj* srpanj srpnj* kolovoz kolovoza
        kolovozu rujan rujn* listopad* studeni studenoga studenog studenom prosinac prosinc* zračn*
        potres potresu potresom potresima otok otoka otoku otoci otoke ozljed* ozlijeđ* sustav*
        pridon* unaprjeđ* tečaj* promatra* razin* obramben* djelatnik* natjeca* natječaj* vratar*
        kirurg* kisik* vodik* ugljik* dušik* talijan* financ* podrijetl* prihvaća* shvaća* obuhvaća*
        trebam trebaš trebamo trebate njezin* ovisi* ovisn* plin plina plinom plinovod* zapovjed*
        župan* županij* premda stupanj stupnj* osobn* obveza obveze obvezi obvezu obvezom obvezama
        obvezan obvezna obvezno obvezni obveznog obveznom obveznih obvezat* obvezuj* momčad*
        izbornik* ljekarn* kolodvor* pokus pokusa pokusi potic* glasovati glasovao glasovala
        glasovali glasovalo glasovanj* pozornost* uporab* juha juhe juhi juhu tanjur* kralježnic*
        diplomacij* utrk* rabiti rabi rabe rabio rabila rabili rabljen* neovisn* kupnj* iznimk*
        stjeca* stječ* tipk* autocest* tenisač* naklad* kompjutor* pisač* zaslon* tipkovnic*
        mobitel*
    """),
    ("bs", _W_BS, """
        historij* historijsk* hljeb* lahk* mehk* sahat* kahv* juni juli august* bezbjedn* vjerovatn*
        djelimičn* ljekar* saopć* obezbijed* obezbjeđ* dženaz* bajram* mezar* sevdah* merhamet*
        hadž* hodž* avlij* sedmic* uposlen*
    """),
    # Croatian words Serbian also uses, less often.
    ("hr-", (0.0, 0.8, 0.6), """
        izvan ponovno kamo zastupnik* proračun* čelnik* vani cesta ceste cesti cestu cestom cestama
        cestovn*
    """),
    # Serbian forms Bosnian also uses, less often.
    ("sr+", (1.5, 0.0, 0.8), """
        opštin* opšt* uopšt* saopšt* takođe evro evra evrima inostran*
    """),
    # Serbian and Bosnian words Croatian also uses now and then.
    ("srbs-", (0.7, 0.0, 0.7), """
        neko avion* aerodrom* oblast* povred* šampion* region* kurs* tabel* glasati glasala glasali
        glasao glasanj* ponovo advokat* budžet* stomak* suviše kompjuter* fajl fajla fajlu fajlom
        fajlovi fajlove fajlova
    """),
    ("srbs", _W_SRBS, """
        hiljad* milion* procenat procenata procenta procentu procente procentn* saradnj* saradnik*
        sarađ* fudbal* tačk* tačan tačno tačna tačni tačnost* porodic* univerzitet* voz voza vozom
        vozovi hemij* hemijsk* tokom uticaj* utica* uslov* vazduh* pozorišt* muzik* muzičk* nauk*
        naučn* kafa kafe kafu kafan* vaspitanj* vaspita* ambasad* zvanič* učestvova* učesnik* učešć*
        učestvuj* preduzeć* preduze* preduzim* kancelarij* sekretar* penzij* penzioner* plata platu
        plate bibliotek* portparol* privred* odbrana odbrane odbranu odbranom štamp* računar*
        fabrik* sprat sprata pasoš* sudij* poslanik* poslanic* decenij* uprkos naročito veoma juna
        jula junu julu jun jul januar januara januaru februar februara februaru mart marta martu
        april aprila aprilu maj maja maju septemb* oktob* novemb* decemb* tužilaštv* tužilac tužioca
        ubistv* ubic* hapš* uhaps* vakcin* saobraćaj* evrop* holandij* holandsk* španij* špansk*
        rumunij* rumunsk* litvanij* haos* šta ko niko svako iko nekoga nikoga mada desi desio desila
        desilo dešava* projekat efekat objekat subjekat aspekat finans* prihvata prihvataju
        prihvatati prihvatanj* shvata shvataju shvatati shvatanj* obuhvata obuhvataju obuhvatati
        podstic* podstak* podstič* partij* kom njen njena njeno njeni njenu njenog njenom njenoj
        njenih njenim zavisi* zavisn* gas gasa gasom gasovod* komand* stepen* ličn* obavez* apotek*
        sprove* sprovod* zemljotres* talas* ostrv* džinovsk* poen* ajkul* sistem* takmič* golman*
        vanredn* hirurg* kiseonik* vodonik* ugljenik* azot* italijan* brisel* nivo* odbramb*
        posmatra* opozicion* uporedi* upoređ* poređenj* fondacij* komšij* pijac* akcionar* kičm*
        uveče nezavisn* kupovin* pominj* pomenu* unapređ* autoput* napolj* prevazi* taster* kašik* čaršij*
    """),
    ("hrbs", _W_HRBS, """
        općin* opći opća opće općeg općem općoj općenit* uopće također švicar* sretan sretna sretno
        sretni odgoj* zrak zraka zraku vanjsk* vlastit* usporedi* usporedb* uspoređ* ured ureda
        uredu uredom uredi uredima zaklad* poduzeć* tržnic* navečer okoliš* opskrb*
    """),
]

# How much each family's function words speak for it. Serbo-Croatian against
# Slovenian, the Latin look-alike langdetect most often confuses it with.
_NOT_SC_LETTERS_RE = re.compile(r"[łśźńąęóőűřěůťďňľĺŕôäöüßëç]")
_SC_FUNC = set("""
    u su nije nisu koji koja koje kojeg kojem kojoj kojim kojih što kao ili
    sa već kada kad bio će ću ćemo ćete ćeš ovaj ova ovo ovog ovom taj tog
    između kroz prema dok nego godine godina jer
    ko tko niko nitko svako svatko šta ništa nešto zbog još toga čega kod
    nakon zašto gde gdje ovde ovdje tokom tijekom protiv veoma takođe također
""".split())  # the last lines: Slovenian kdo, nihče, vsak, kaj, nič, nekaj, zaradi, še,
# tega, česa, pri, po, zakaj, kje, tukaj, med, proti, zelo, tudi
# The masculine l-participle: Serbo-Croatian -ao/-eo/-io (rekao, video,
# izjavio), Slovenian -al/-el/-il (rekel, videl, izjavil). Counted with the
# function words and as a cue Slovenian cannot have; names (Mario, Paolo) and
# loanwords ending so are left out.
_NOT_PARTICIPLE = frozenset("""
    radio video studio scenario portfolio rodeo stereo kakao trio audio oratorio
    mario torino milano palermo romeo
""".split())
# Adjective endings Slovenian lacks: Serbo-Croatian škotskog, zvaničnoj,
# kineskom against Slovenian škotskega, uradni, kitajskemu. Left out: -nom
# and -im/-ih, which Slovenian nouns and adjectives share (z zakonom, novih).
_SC_ADJ_RE = re.compile(r"\b\w{3,}(?:(?:sk|šk|čk|ck)(?:og|oga|oj|om|omu)|n(?:og|oga|oj|omu))\b")  # on lowered text
_SL_FUNC = set("""
    in v so ki tudi bo bodo ter kot pri jih če ker kar saj kjer zelo lahko že
    niso sem tega teh med kateri katere katerih vendar naj bil bila bilo
    bili lani letos leta smo ste ga jo ali še
""".split()) - {"bila", "bilo", "bili", "ga", "jo", "smo", "ste", "ali", "še"}
_SQ_FUNC = set("""
    të në dhe për një është nga që nuk janë ishte kjo këtë tij saj edhe
    shumë gjatë mund duhet kanë tyre ky por si mbi pasi ose
""".split())
_EN_FUNC = set("""
    the and of to is that for with was are this have from by it on as be
    which were has not at an their would will
""".split())

# Serbian Cyrillic against Macedonian where no letter decides.
_SR_CYR_FUNC = {"у": 2, "је": 2, "су": 2, "није": 2, "нису": 2, "ће": 2, "који": 2, "која": 0.5,
                "које": 1.5, "којима": 2, "са": 1, "из": 1, "био": 2, "била": 0.5, "било": 0.5,
                "али": 1, "свако": 2, "нико": 2, "неко": 2, "сваки": 2, "свих": 2, "све": 1,
                "бити": 2, "његов": 2, "његова": 2, "његово": 2, "његове": 2, "њихов": 2,
                "према": 2, "кроз": 2, "због": 2, "током": 2, "још": 2, "када": 2, "кад": 1,
                "где": 2, "шта": 2, "ко": 2, "зато": 1, "члан": 2,  # mk, bg: член
                # mk сме, сум, сега, денес, луѓе, тоа, зошто, овој, додека, повеќе
                "смо": 2, "сам": 1.5, "сада": 2, "данас": 2, "људи": 2, "тога": 2,
                "зашто": 2, "овог": 2, "док": 1.5, "више": 1,
                # mk како, наместо, овој, не сум, можам, пред, по, меѓу, сите,
                # ништо, исто така, помалку, многу, еден, ниеден
                "као": 2, "уместо": 2, "овај": 2, "нисам": 2, "могу": 1.5, "уз": 2, "пре": 2,
                "након": 2, "између": 2, "сви": 2, "свим": 2, "ништа": 2, "такође": 2, "мање": 2,
                "веома": 2, "један": 2, "једна": 2, "једно": 2, "једног": 2, "једном": 2,
                "ниједан": 2, "јесте": 2}
_MK_CYR_FUNC = {"во": 2, "е": 2, "се": 0.3, "со": 2, "ќе": 2, "кои": 2, "дека": 2, "ги": 2,
                "го": 1, "ја": 1, "беше": 2, "биле": 2, "сите": 2, "еден": 2, "една": 2,
                "тоа": 2, "овој": 1, "оваа": 2, "таа": 1, "тие": 1, "но": 1, "кој": 2, "никој": 2,
                "секој": 2, "некој": 2, "биде": 2, "бидат": 2, "бил": 2, "кога": 2, "каде": 2,
                "уште": 2, "затоа": 2, "негов": 2, "негова": 2, "според": 2, "преку": 2, "врз": 2,
                "поради": 2, "кое": 2, "нивни": 2, "нивните": 2, "нивната": 2, "нејзе": 2}
# Serbian declines nouns, Macedonian has lost the cases and instead puts the
# article after the noun: endings tip the balance where no word decides.
_SR_CYR_END_RE = re.compile(r"\w{3,}(?:има|ама|ога|ему|ом|их|(?:ск|шк|чк|н)(?:ог|ој))\b")
# The l-participle: Serbian -ао/-ео/-ио (рекао, успео, покренуо), Macedonian
# and Bulgarian -л (рекол, успеал). Lower case only; loanwords left out.
_SR_CYR_PART_RE = re.compile(r"\b[а-шђјљњћџ]\w+[аеиу]о\b")
_NOT_CYR_PARTICIPLE = frozenset("""
    радио видео студио сценарио портфолио родео стерео какао трио аудио ораторио
""".split())
_MK_CYR_END_RE = re.compile(r"\w{3,}(?:иот|от|ата|ите|ување|увања)\b")
# Serbian present plurals and -ovati verbs end in -ају, -ују, -еју (играју,
# модернизује); Macedonian has играат, модернизира: no -ју ending at all.
_SR_CYR_JU_RE = re.compile(r"\w{2,}(?:ају|ују|еју|ује|ију)\b")
_SR_CYR_DA_LI_RE = re.compile(r"\bда ли\b")  # Macedonian writes дали


def _build(tables: list[tuple[str, tuple[float, float, float], str]]) -> tuple[dict, dict, list[int]]:
    exact: dict[str, tuple[str, tuple[float, float, float]]] = {}
    prefix: dict[str, tuple[str, tuple[float, float, float]]] = {}
    for name, weights, words in tables:
        for w in words.split():
            if w.endswith("?"):  # placeholder for an unsure entry: skip
                continue
            if w.endswith("*"):
                prefix[w[:-1]] = (name, weights)
            else:
                exact[w] = (name, weights)
    lengths = sorted({len(p) for p in prefix}, reverse=True)
    return exact, prefix, lengths


# One table, so the longest prefix wins across jat and vocabulary
# ("procenat", percent, is vocabulary; "procen-", estimate, is jat).
_EXACT, _PREFIX, _LENS = _build(_JAT + _LEX)
_JAT_STEMS = {k: v for k, v in _build(_JAT)[1].items() if len(k) >= 4}
_JAT_STEM_LENS = sorted({len(k) for k in _JAT_STEMS}, reverse=True)


def _lookup(word: str, exact: dict, prefix: dict, lengths: list[int]):
    hit = exact.get(word)
    if hit is not None:
        return hit
    return _lookup_prefix(word, prefix, lengths)


def _lookup_prefix(word: str, prefix: dict, lengths: list[int]):
    n = len(word)
    for k in lengths:
        if k <= n:
            hit = prefix.get(word[:k])
            if hit is not None:
                return hit
    return None


# Forms one standard's spelling dictionary accepts and the other's lacks,
# derived from the hunspell-sr and hunspell-hr dictionaries by
# tools/derive_sc_lexicon.py (sources and licences in its header). They
# cover the long tail the hand tables above cannot (every inflected ekavian
# form, Serbian -ovati/-isati verbs, ...) and weigh less, since a dictionary
# can lack a form by oversight; the hand tables win where both have a word.
_DERIVED_WEIGHTS = {
    "ekav": ("ekavian", (1.0, 0.0, 0.0)),
    "sr": ("sr", (1.0, 0.0, 0.5)),
    "ijek": ("ijekavian", (0.0, 1.0, 1.0)),
    "hr": ("hr", (0.0, 1.0, 0.3)),
}


def _read_data(name: str) -> list[str]:
    """The lines of a shipped data file (gzipped when its name says so), comments left out."""
    raw = resources.files("polycorpus").joinpath("data", name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _load_classed(name: str, weights: dict) -> dict[str, tuple[str, tuple[float, float, float]]]:
    """A form<TAB>class table, each form mapped to its class's weights."""
    return {word: weights[cls] for word, _, cls in (line.partition("\t") for line in _read_data(name))}


_DERIVED = _load_classed("sc_lexicon.tsv", _DERIVED_WEIGHTS)


# Every jat form of the whole Serbian, Croatian and Bosnian dictionaries (a
# form one side lacks whose ekavian or ijekavian twin the other side has),
# not only the common forms of the table above: preletela, vetrovima,
# snabdevača. Built by the same script; consulted last, for words written in
# lower case only (a capitalised word may be a name: Lee is not "lije").
_JAT_FORM_WEIGHTS = {"ekav": _DERIVED_WEIGHTS["ekav"], "ijek": _DERIVED_WEIGHTS["ijek"]}


# gzipped: 55k forms are 0.9 MB as text, a sixth of that compressed
_JAT_FORMS = _load_classed("sc_jat_forms.tsv.gz", _JAT_FORM_WEIGHTS)

# -irati forms the Serbian spelling dictionary accepts as well as the Croatian
# one (dizajnirani, trenirati); by the same script.
_SR_IRATI = frozenset(_read_data("sc_sr_irati.tsv"))

# Cyrillic forms only Serbian or only Macedonian writes (скупштина, улаз,
# успео against собрание, влез, успеал), for Serbian against Macedonian where
# no letter decides; by the same script (sources in its docstring).
_CYR_FORMS = {form: ("sr-Cyrl" if cls == "sr" else "mk")
              for form, _, cls in (line.partition("\t") for line in _read_data("sr_mk_cyrillic.tsv.gz"))}
_CYR_FORM_WEIGHT = 1.0


# Verbal and nominal prefixes in front of a jat stem: pot|predsjednik,
# s|po|razumjeli, na|sljedstvo. Only stems (table entries ending in "*") of
# four letters or more are tried after a prefix, never whole short words
# ("pre|vesti" is "translate", not "news").
_VERB_PREFIX_RE = re.compile(r"^(?:pot|pod|nad|raz|ras|iz|is|za|pre|pri|pro|na|po|s|u|o|ob|od|do|ne)")


# Words a jat stem or a prefix+stem lookup would misread: the same in every
# standard (rešetka, greška, pogrešan, poredak, suveren, the noun sporazum
# beside the jat verb sporazumeti/sporazumjeti).
_NOT_JAT_PREFIXES = ("rešet", "grešk", "pogrešk", "pogrešan", "pogrešn", "pogrešno", "poretk",
                     "suveren", "suspend")
_NOT_JAT_WORDS = frozenset("sporazum sporazuma sporazumu sporazumom sporazumi sporazume "
                           "sporazumima nesporazum nesporazuma nesporazumi".split())


def _not_jat(word: str) -> bool:
    return word in _NOT_JAT_WORDS or word.startswith(_NOT_JAT_PREFIXES)


def _lookup_jat_prefixed(word: str):
    m = _VERB_PREFIX_RE.match(word)
    if m is None or len(word) < 7:
        return None
    rest = word[m.end():]
    # "s" is no prefix before a vowel (s|uveren, s|uspendirati)
    if m.group(0) == "s" and rest[:1] in "aeiou":
        return None
    for _ in range(2):
        hit = _lookup_prefix(rest, _JAT_STEMS, _JAT_STEM_LENS)
        if hit is not None:
            return hit
        m = _VERB_PREFIX_RE.match(rest)
        if m is None:
            return None
        rest = rest[m.end():]
    return None


# Verb suffixes: Croatian -irati/-izirati/-ficirati against Serbian -ovati/-isati.
_HR_VERB_RE = re.compile(
    r"\b(\w{3,}?(?:iz|c|ol|rm|n|g|str|nt|gr))ira"
    r"(?:ti|m|š|mo|te|ju|j|o|la|lo|li|le|n|na|no|ni|nog|nih|nje|nja|nju|njem)\b")
_SR_VERB_RE = re.compile(
    r"\b(\w{3,}?(?:iz|fik|ik|ag|str|ent|tr|gr|ol|rm|fin|in|ar|ir|es|on|at|rs|iv))(?:ova|isa)"
    r"(?:ti|o|la|lo|li|le|n|na|no|ni|nog|nih|nje|nja|nju|njem)\b"
    r"|\b\w{3,}?(?:izuj|fikuj|aguj)(?:e|u|em|eš|emo|ete)\b"
    # present of -isati: integriše, definišu, funkcioniše (Croatian integrira,
    # definiraju); native piše, diše, briše, miriše lack the stem before -iš-
    r"|\b\w{3,}?(?:gr|in|ol|on|er|ar|ir|iv)iš(?:e|u|em|eš|emo|ete)\b")
# -irati verbs Serbian uses as well: no evidence either way.
_NEUTRAL_IRA = ("plan", "stud", "kop", "cit", "analiz", "invest", "komunic", "form", "demonstr",
                "ilustr", "domin", "toler", "tren", "park", "min", "loc", "mont", "serv", "sankcion",
                "kombin", "koordin", "diskrimin", "disciplin", "dirig", "pozicion")
# Croatian agent nouns in -telj (gledatelj, ravnatelj); Serbian -lac/-oca (gledalac).
_HR_TELJ_RE = re.compile(r"\b\w+[ai]telj\w*")
_NOT_TELJ = ("obitelj", "prijatelj", "neprijatelj", "roditelj", "učitelj", "mučitelj", "spasitelj", "stvoritelj",
             "staratelj", "voditelj", "reditelj", "ugostitelj", "negovatelj", "istražitelj", "graditelj",
             "hranitelj")
_SR_LAC_RE = re.compile(r"\b\w{3,}[ai](?:lac|oca|ocu|ocem|oci|ocima)\b")
# Women's titles: Croatian (and Bosnian) direktorica, studentica, aktivistica;
# Serbian direktorka, studentkinja, aktivistkinja. Lower case only, so a
# declined name (Njujorka) is not read as one.
_FEM_CASE = r"(?:a|e|i|u|om|ama)\b"
# collective numerals (petorica, četvorka), govorica, and sports' juniorka, seniorka
_NOT_FEM = ("dvo", "tro", "četvor", "petor", "šestor", "sedmor", "osmor", "devetor", "desetor",
            "govor", "junior", "senior")
_HR_FEM_RE = re.compile(rf"\b[a-zčćšžđ]\w{{2,}}(?:or|ent|ist|ant)ic{_FEM_CASE}")
_SR_FEM_RE = re.compile(rf"\b[a-zčćšžđ]\w{{2,}}ork{_FEM_CASE}|\b[a-zčćšžđ]\w{{2,}}(?:ent|ist|ant)kinj{_FEM_CASE}")

_MODALS = (r"treba|trebalo|trebaju|trebao|trebala|trebali|može|mogu|možemo|možete|mogao|mogla|"
           r"mogli|moglo|mogle|želi|želim|želimo|žele|želeo|želela|želeli|želio|željela|željeli|hoće|hoću|"
           r"hoćemo|planira|planiraju|pokušava|pokušavaju|pokušao|pokušala|nastavlja|nastavljaju|"
           r"nastavio|nastavila|počinje|počinju|počeo|počela|počeli|odlučio|odlučila|odlučili|"
           r"mora|moraju|moram|moramo|morao|morala|namerava|nameravaju|namjerava|namjeravaju|"
           r"uspeo|uspela|uspio|uspjela|sme|smeju|smije|smiju|ume|umeju|umije|"
           r"odbio|odbila|odbili|odbija|odbijaju|prestao|prestala|prestali|prestaje|prestaju|"
           r"nastoji|nastoje|nastojao|nastojala|nastojali|pokušati|pokušavati")
# Only after modals: Croatian takes a "da" clause after nouns and adjectives
# too ("ima pravo da se smatra nevinim"), so "pravo da" says nothing.
# A clitic or an adverb may stand between: "moraju naporno da rade", "može to da uradi".
_DA_PRESENT_RE = re.compile(rf"\b(?:{_MODALS}) (?:(?:se|mu|joj|im|ga|ih|me|nam|vam|ti|to|sve|[a-zčćšžđ]{{3,}}no) )?da\b(?! li)")
_MODAL_INF_RE = re.compile(rf"\b(?:{_MODALS}) (?!biti\b)\w+(?:ti|ći)\b")
# Matched as written: "rekao je da Li", "je Li" are the name Li.
_DA_LI_RE = re.compile(r"\b(?:da|Da|DA) (?:li|LI)\b")
_JE_LI_RE = re.compile(r"\b(?:je|Je|JE) (?:li|LI)\b")
# "te" for "and" after a comma is Croatian and Bosnian; Serbian says "i".
_TE_RE = re.compile(r", te\b")
# "and a half": Croatian "i pol", Serbian and Bosnian "i po".
_HALF_RE = re.compile(r"\b(?:sat|dan|godinu|mjesec|tjedan|\d+) i pol\b")
# Croatian writes the future of a truncated infinitive apart: "bit će", "radit ćemo".
_HR_FUT_RE = re.compile(
    r"\b(?:\w{2,}(?:t|ći) (?:ću|ćeš|ćemo|ćete)|(?:bit|imat|morat|htjet|trebat|dat|stat|postat|ostat|"
    r"radit|nastavit|održat|započet|uzet|\w+(?:ivat|avat|ovat|irat|jet)) će)\b")
# Serbian writes it together: "biće", "uradiće", "imaćemo".
_SR_FUT_RE = re.compile(r"\b[a-zčćšžđ]\w+[ai](?:ću|ćeš|će|ćemo|ćete)\b")  # lower case: not Kovačiću, a name
_NOT_SR_FUT = {"piće", "piću", "plaće", "plaću", "kraće", "saće", "sviće", "niće", "riće", "kuće",
               "otkriće", "otkriću", "domaće", "pokriće", "pokriću", "umeće", "umijeće"}
# Serbian and Bosnian use "sa" before any word; Croatian only before s, z, š, ž.
_SA_RE = re.compile(r"\bsa (?![sszšžk]|mnom|ps)\w")
# "Lice" for a person is Serbian and Bosnian legal usage (pravno lice, lica
# koja); Croatian says "osoba" (pravna osoba, osobe koje).
_LICE_RE = re.compile(r"\b(?:(?:svako|svakom|nijedno|nijednom|pravno|pravna|pravnih|pravnim|fizičko|fizička|"
                      r"fizičkih|fizičkim|službeno|službena|službenog|odgovorno|treće|trećih|trećem) "
                      r"lic(?:e|a|u|em|ima)|lic(?:e|a|u|ima) (?:koje|koja|koji|kojima|kojem|kome|kojeg|kojih))\b")
# The United Nations' General Assembly (and a company's general meeting):
# Serbian and Bosnian "Generalna skupština", Croatian "Opća" or "Glavna skupština".
_GEN_ASSEMBLY_RE = re.compile(r"\bgeneraln(?:a|e|oj|u|om) skupštin(?:a|e|i|u|om)\b")
# Latin neuters: Serbian (and some Bosnian) kriterijum, medijum, direktorijum,
# kalcijum; Croatian (and most Bosnian) kriterij, medij, direktorij, kalcij.
_SR_IJUM_RE = re.compile(r"\b[a-zčćšž]\w{2,}ijum(?:a|u|om|i|e|ima)?\b")
_HR_IJ_RE = re.compile(r"\b(?:kriterij|kalij|natrij|magnezij|kalcij|direktorij|akvarij|konzorcij|simpozij"
                       r"|planetarij|kolegij|auditorij|sanatorij|moratorij)(?:a|u|em|i|e|ima)?\b")
# The United Nations: Serbian and Bosnian "Ujedinjene nacije", Croatian "Ujedinjeni narodi".
_UN_SRBS_RE = re.compile(r"\bujedinjen(?:e|ih|im|ima) nacij(?:e|a|ama)\b")
_UN_HR_RE = re.compile(r"\bujedinjen(?:i|ih|im|ima) narod(?:i|a|ima)\b")
# Likewise "ka": Croatian only before k, g, h (ka kući), Serbian and Bosnian before any word.
_KA_RE = re.compile(r"\bka (?![kgh])\w")

# Cues that are a pattern's match: (pattern, matched on the text as written
# rather than lowered, label, weights, cue prefix, matches to pass over).
_PATTERN_CUES: tuple[tuple[re.Pattern, bool, str, tuple[float, float, float], str,
                           Callable[[str], bool] | None], ...] = (
    (_SR_VERB_RE, False, "sr", (1.2, 0.0, 0.6), "verb:sr", None),
    (_HR_TELJ_RE, False, "hr", (0.0, 1.0, 0.4), "noun:hr", lambda w: w.startswith(_NOT_TELJ)),
    (_SR_LAC_RE, False, "srbs", (1.0, 0.0, 0.8), "noun:srbs", None),
    (_HR_FEM_RE, True, "hr", (0.0, 1.0, 0.8), "noun:hr", lambda w: w.startswith(_NOT_FEM)),
    (_SR_FEM_RE, True, "sr", (1.0, 0.0, 0.7), "noun:sr", lambda w: w.startswith(_NOT_FEM)),
    (_DA_PRESENT_RE, False, "sr", (0.8, 0.0, 0.4), "syntax:da+present", None),
    # Bosnian keeps the infinitive as Croatian does
    (_MODAL_INF_RE, False, "hr", (0.0, 0.6, 0.6), "syntax:infinitive", None),
    (_HR_FUT_RE, False, "hr", (0.0, 1.5, 1.0), "future:hr", None),
    (_SR_FUT_RE, True, "sr", (1.2, 0.0, 0.3), "future:sr", _NOT_SR_FUT.__contains__),
    (_LICE_RE, False, "srbs", (1.0, 0.0, 0.8), "lex:srbs", None),
    (_GEN_ASSEMBLY_RE, False, "srbs", (0.7, 0.0, 0.7), "lex:srbs", None),
    (_UN_SRBS_RE, False, "srbs", (1.0, 0.0, 1.0), "lex:srbs", None),
    (_SR_IJUM_RE, False, "srbs", (1.0, 0.0, 0.8), "noun:srbs", None),
    (_HR_IJ_RE, False, "hr", (0.0, 1.0, 0.8), "noun:hr", None),
    (_UN_HR_RE, False, "hr", (0.0, 1.5, 0.3), "lex:hr", None),
)
# Original spelling of foreign words (w, x, q, y, th, ch, ph, ck, gh) in a
# South Slavic Latin text: Croatian and Bosnian keep it, Serbian transcribes.
# A doubled consonant in a name is an original spelling too (Blemmings,
# Russell): Serbo-Croatian spelling has none outside prefix joins (najjači,
# oddaljen, bezzvučan), which are lower case.
_FOREIGN_RE = re.compile(r"\b(?:Th|Ch|Ph)\w+|\b[A-Z]\w*(?:[wxqyWXQY]|th|ch|ph|ck|gh"
                         r"|bb|cc|ff|gg|kk|ll|mm|nn|pp|rr|ss|tt)\w*|\b\w*[wxqWXQ]\w*")
# So are a doubled vowel (Liverpool, Greenpeace: Serbian Liverpul, Grinpis)
# and a letter from another alphabet (López, Müller: Serbian Lopes, Miler),
# counted only when declined (Liverpoola, Lópezom): Serbian keeps brands and
# titles as written (Goop, Newport on the Levee), and declines a transcribed
# name ending in -o into a doubled vowel (Kavano, Kavanoom, Kavanoov).
_FOREIGN_DECLINED_RE = re.compile(r"\b[A-Z]\w*(?:oo|ee|[áéíóúýñöüäëïçøåàèìòùâêîôûãõğşı])\w*")
_TRANSCRIBED_O_RE = re.compile(r"oo(?:m|v(?:a|e|i|o|u|om|og|oj|im|ih)?)$")
_VOWEL_PAIR_RE = re.compile(r"oo|ee")
# A doubled vowel where a prefix meets its stem: Neefikasan, Kooperacija,
# Zoološki, Pooštren, Preeksponiran, Samoobrana.
_VOWEL_JOIN_PREFIXES = frozenset("ne pre pro po ko zo do za na samo kontra anti mikro makro video "
                                 "radio auto foto geo bio neo".split())


def _native_spelling(word: str) -> bool:
    """True when a _FOREIGN_RE match is no foreign spelling after all."""
    if word.isupper() or _NATIVE_TH_RE.match(word):  # acronyms; th, ph across a prefix
        return True
    low = word.lower()
    pair = _VOWEL_PAIR_RE.search(low)
    return pair is not None and (low[:pair.start() + 1] in _VOWEL_JOIN_PREFIXES
                                 or _TRANSCRIBED_O_RE.search(low) is not None)
# Serbian transcribes English "ay"/"ai" sounds as "ej" (Vejd, Džejms, Rejgan,
# Tejlor, Grejem); native names have "ej" only before a vowel or at the end
# (Dejan, Pejić, Pejović, Andrej), and "eje" only as a case of "-eja"
# (Koreje), so "eje" counts before a consonant only.
# English "-ay"/"-ey" at the end becomes "-ej" too (Mej), which Slavic
# names share only in a few (Andrej, Matej).
_SR_PHONETIC_RE = re.compile(r"\b[A-ZČĆŠŽĐ]\w*ej(?:e?[bcdfgklmnprstvzčćšžđ]\w*|\b)")
_NATIVE_TH_RE = re.compile(r"(?i)(?:pret|pot|neop|op)h[^wxqy]*$")  # ph across neop|hodan, op|hodnja
_W_ORIGINAL = (0.0, 0.8, 0.8)
_W_ORIGINAL_BARE = (0.0, 0.4, 0.4)
# Case endings on a foreign spelling; not "-e", which English words end in
# undeclined (Ballyhackamore, George).
_DECLINED_RE = re.compile(r"[^aeiou](?:u|a|om|em|i|ov|ova|ove|ovi|ovu|ovog|ovom|ovih|ski|ska|sko|skog|skoj)$")
_NATIVE_EJ = ("Andrej", "Matej", "Sergej", "Aleksej", "Alej", "Gej")
# "dž" in a name, first or after a vowel: Serbian transcription (Džordan,
# Rendžers) or a Bosnian name (Džemal, Hadžić), never Croatian spelling of a
# foreign name (Jordan, Rangers).
_DZ_NAME_RE = re.compile(r"\b(?:Dž|DŽ)\w+|\b[A-ZČĆŠŽĐ]\w*[aeiou]dž\w*")
# Serbian phonetic spellings of names.
_SR_NAMES = set("""
    vašington njujork džonson bajden tramp džordž džon džona džejms majkl klinton bler makron
    čikago fejsbuk gugl tviter jutjub majkrosoft šekspir mančester liverpul čelsi barselona
    brisel minhen cirih bajdena trampa džonsona vašingtona njujorka fejsbuka
    gugla tvitera sjedinjen
""".split()) - {"sjedinjen"}


# --------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------

@dataclass
class _Evidence:
    """Additive counts from one or more texts; nothing here is a decision."""

    letters: int = 0
    latn: int = 0
    cyrl: int = 0
    #: langdetect probability mass, each text's weighted by its letters
    ld: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    ld_weight: int = 0
    #: points per label: "sr" "hr" "bs" (within Serbo-Croatian), "SC", "sl",
    #: "sq", "en" (families), "sr-Cyrl", "mk", "bg", "ru", "uk", "be" (Cyrillic)
    points: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    cues: Counter[str] = field(default_factory=Counter)

    def add(self, other: "_Evidence") -> None:
        self.letters += other.letters
        self.latn += other.latn
        self.cyrl += other.cyrl
        for lang, mass in other.ld.items():
            self.ld[lang] += mass
        self.ld_weight += other.ld_weight
        for label, points in other.points.items():
            self.points[label] += points
        self.cues.update(other.cues)


_CYR_LETTERS = {
    "sr-Cyrl": "ђћЂЋ",
    "mk": "ѓќѕЃЌЅ",
    "ru": "ыэёЫЭЁ",
    "uk": "єїґЄЇҐ",
    "be": "ўЎ",
    "bg": "ъщЪЩ",
    # і is Ukrainian and Belarusian; ў beside it makes it Belarusian
    "uk-be": "іІ",
}
_SR_MK_SHARED = "јљњџЈЉЊЏ"


def _scan(text: str) -> _Evidence:
    ev = _Evidence()
    text = _URL_RE.sub(" ", fix_homoglyphs(text))
    words = _WORD_RE.findall(text)
    for w in words:
        n_cyr = sum(1 for ch in w if _is_cyr(ch))
        ev.cyrl += n_cyr
        ev.latn += len(w) - n_cyr
    ev.letters = ev.latn + ev.cyrl
    if ev.letters < MIN_LETTERS:
        return ev
    if ev.cyrl > ev.latn:
        if _scan_cyrillic(text, words, ev):
            return ev
    else:
        _scan_latin(text, words, ev)
    _langdetect(text, ev)
    return ev


def _scan_cyrillic(text: str, words: list[str], ev: _Evidence) -> bool:
    """Cyrillic letters and function words. True when a letter decided, so
    langdetect need not run."""
    decided = False
    for tag, letters in _CYR_LETTERS.items():
        n = sum(text.count(ch) for ch in letters)
        if n:
            ev.points["letter:" + tag] += 3.0 * n
            ev.cues[f"letter:{tag}:{next(ch for ch in letters if ch in text)}"] += n
            decided = True
    shared = sum(text.count(ch) for ch in _SR_MK_SHARED)
    if shared:
        ev.cues["letters:јљњџ"] += shared
        ev.points["SRMK"] += shared
    for w in words:
        lw = w.lower()
        if lw in _SR_CYR_FUNC:
            ev.points["sr-Cyrl"] += _SR_CYR_FUNC[lw]
            ev.cues[f"func:sr:{lw}"] += 1
        elif lw in _MK_CYR_FUNC:
            ev.points["mk"] += _MK_CYR_FUNC[lw]
            ev.cues[f"func:mk:{lw}"] += 1
        elif lw in _CYR_FORMS:
            label = _CYR_FORMS[lw]
            cue = f"dict:{label}:{lw}"
            if ev.cues[cue] < 2:  # a repeated word counts twice at most
                ev.points[label] += _CYR_FORM_WEIGHT
                ev.points["dict:" + label] += _CYR_FORM_WEIGHT
            ev.cues[cue] += 1
    low = text.lower()
    n_sr = len(_SR_CYR_END_RE.findall(low))
    n_mk = len(_MK_CYR_END_RE.findall(low))
    ev.points["sr-Cyrl"] += 0.4 * n_sr
    n_da_li = len(_SR_CYR_DA_LI_RE.findall(low))
    ev.points["dict:sr-Cyrl"] += n_da_li  # as telling as a Serbian-only form
    n_ju = len(_SR_CYR_JU_RE.findall(low)) + 2 * n_da_li
    if n_ju:
        ev.points["sr-Cyrl"] += 1.0 * n_ju
        ev.cues["ending:sr:ју"] += n_ju
    ev.points["mk"] += 0.4 * n_mk
    n_part = sum(1 for w in _SR_CYR_PART_RE.findall(text) if w not in _NOT_CYR_PARTICIPLE)
    if n_part:
        ev.points["sr-Cyrl"] += 1.5 * n_part
        ev.cues["participle:sr:-о"] += n_part
    if n_sr:
        ev.cues["ending:sr:case"] += n_sr
    if n_mk:
        ev.cues["ending:mk:article"] += n_mk
    # ђ/ћ or a South Slavic letter with clear function words decide without langdetect
    return decided or (shared > 0 and abs(ev.points["sr-Cyrl"] - ev.points["mk"]) >= 4)


# Cues Slovenian cannot have (ijekavian forms, Serbo-Croatian syntax and name
# spelling) also speak for Serbo-Croatian against Slovenian; ekavian forms and
# vocabulary do not, Slovenian shares too many (mesto, vlak, kruh, avgust).
_SC_ONLY_CUES = ("jat:ijekavian", "syntax:da", "future:", "name:phonetic", "name:dž", "name:sr",
                 "verb:sr")  # Slovenian has organizirati, integrirati as Croatian does


def _add(ev: _Evidence, label: str, weights: tuple[float, float, float], cue: str) -> None:
    # A repeated word counts at most twice: one topic word must not outvote the text.
    if ev.cues[cue] >= 2:
        ev.cues[cue] += 1
        return
    ev.cues[cue] += 1
    if cue.startswith(_SC_ONLY_CUES):
        ev.points["SC+"] += max(weights)
    ev.points["sr"] += weights[SR]
    ev.points["hr"] += weights[HR]
    ev.points["bs"] += weights[BS]


def _is_caps_word(word: str) -> bool:
    """A word of a heading set in capitals (ZASTARELO), not an acronym (NATO, EU)."""
    return len(word) >= 5 and word.isupper()


def _scan_latin(text: str, words: list[str], ev: _Evidence) -> None:
    low = text.lower()
    latin = [w for w in words if not _is_cyr(w[0])]
    sc = sl = sq = en = 0.0
    participles = 0
    for original in latin:
        w = original.lower()
        if w in _SC_FUNC:
            sc += 1
        elif (len(w) >= 4 and w[-1] == "o" and w[-2] in "aei" and original.islower()
              and w not in _NOT_PARTICIPLE):
            sc += 1
            participles += 1
        if w in _SL_FUNC:
            sl += 1
        if w in _SQ_FUNC:
            sq += 1
        if w in _EN_FUNC:
            en += 1
        hit = _lookup(w, _EXACT, _PREFIX, _LENS)
        if hit is None:
            hit = _lookup_jat_prefixed(w)
        if hit is not None and hit[0].endswith("kavian") and _not_jat(w):
            hit = None
        if hit is not None:
            kind = "jat" if hit[0].endswith("kavian") else "lex"
            _add(ev, hit[0], hit[1], f"{kind}:{hit[0]}:{w}")
        elif w in _DERIVED and (original.islower() or _is_caps_word(original)):  # Kofi, Novom Sadu are names
            name, weights = _DERIVED[w]
            _add(ev, name, weights, f"dict:{name}:{w}")
        elif w in _SR_NAMES:
            _add(ev, "sr", (2.0, 0.0, 0.3), f"name:sr:{w}")
        elif w in _JAT_FORMS and (original.islower() or _is_caps_word(original)):
            name, weights = _JAT_FORMS[w]
            _add(ev, name, weights, f"dict:{name}:{w}")
    # ć and đ are Serbo-Croatian letters (Slovenian has neither; Polish ć
    # comes with ł ś ź ń ą ę); ë is Albanian. Letters count even in a
    # heading too short for langdetect.
    if ("ć" in low or "đ" in low) and not _NOT_SC_LETTERS_RE.search(low):
        ev.points["SC!"] += 1.0 + 0.2 * (low.count("ć") + low.count("đ"))
    n_sq = low.count("ë")
    if n_sq:
        ev.points["sq!"] += 1.0 + 0.2 * n_sq
    ev.points["SC"] += sc
    # Slovenian has no -ao/-eo/-io participle: a Serbo-Croatian-only cue
    ev.points["SC+"] += 2.0 * participles
    adjectives = len(_SC_ADJ_RE.findall(low))
    if adjectives:
        ev.points["SC+"] += 2.0 * adjectives
    ev.points["sl"] += sl
    ev.points["sq"] += sq
    ev.points["en"] += en

    for m in _HR_VERB_RE.finditer(low):
        if not m.group(1).endswith(_NEUTRAL_IRA):
            # half weight for a form the Serbian dictionary accepts too
            half = 0.5 if m.group(0) in _SR_IRATI else 1.0
            _add(ev, "hr", (0.0, half, 0.5 * half), f"verb:hr:{m.group(0)}")
    for pattern, as_written, label, weights, prefix, skip in _PATTERN_CUES:
        for m in pattern.finditer(text if as_written else low):
            if skip is None or not skip(m.group(0)):
                _add(ev, label, weights, f"{prefix}:{m.group(0)}")
    for _ in _DA_LI_RE.finditer(text):
        _add(ev, "srbs", (1.2, 0.0, 1.2), "syntax:da li")
    n_te = len(_TE_RE.findall(low))
    if n_te:
        _add(ev, "hrbs", (0.0, 0.6, 0.6), "syntax:te")
    if _HALF_RE.search(low):
        _add(ev, "hr", (0.0, 1.5, 0.0), "lex:hr:i pol")
    for _ in _JE_LI_RE.finditer(text):
        _add(ev, "hr", (0.0, 1.0, 0.3), "syntax:je li")
    for _ in _KA_RE.finditer(low):
        _add(ev, "srbs", _W_SRBS, "lex:srbs:ka")
    n_sa = len(_SA_RE.findall(low))
    if n_sa:
        _add(ev, "srbs", (0.4 * min(n_sa, 3), 0.0, 0.3 * min(n_sa, 3)), "syntax:sa")
    n_foreign = 0
    for m in _FOREIGN_RE.finditer(text):
        if not _native_spelling(m.group(0)):
            n_foreign += 1
            if n_foreign <= 2:
                # Serbian keeps titles and brands as they are too (na mreži
                # Twitter); a foreign spelling declined like a native word
                # (Washingtonu, Johnsona) is what only Croatian and Bosnian write.
                declined = _DECLINED_RE.search(m.group(0)) is not None
                _add(ev, "hrbs", _W_ORIGINAL if declined else _W_ORIGINAL_BARE, f"name:original:{m.group(0)}")
    for m in _FOREIGN_DECLINED_RE.finditer(text):
        word = m.group(0)
        if (n_foreign < 2 and _DECLINED_RE.search(word) and not _FOREIGN_RE.fullmatch(word)
                and not _native_spelling(word)):
            n_foreign += 1
            _add(ev, "hrbs", _W_ORIGINAL, f"name:original:{word}")
    for m in _SR_PHONETIC_RE.finditer(text):
        if not m.group(0).startswith(_NATIVE_EJ):
            _add(ev, "sr", (0.8, 0.0, 0.4), f"name:phonetic:{m.group(0)}")
    for m in _DZ_NAME_RE.finditer(text):
        _add(ev, "srbs", (0.6, 0.0, 0.6), f"name:dž:{m.group(0)}")


def _langdetect(text: str, ev: _Evidence) -> None:
    detector = _factory().create()
    # langdetect's profiles are mostly lower case: an all-caps heading
    # ("OPĆA DEKLARACIJA") reads as Portuguese unless lowered.
    if sum(ch.isupper() for ch in text) * 2 > ev.letters:
        text = text.lower()
    detector.append(text)
    try:
        langs = detector.get_probabilities()
    except LangDetectException:
        return
    weight = max(ev.letters, 1)
    for lang in langs:
        ev.ld[lang.lang] += lang.prob * weight
    ev.ld_weight += weight


# --------------------------------------------------------------------------
# Decision
# --------------------------------------------------------------------------

#: tie-breakers within Serbo-Croatian when the cues are even: Croatian is the
#: commonest language of cue-less Serbo-Croatian paragraphs in our measurements
_PRIOR = {"sr": 0.05, "hr": 0.1, "bs": 0.0}
_PREFER = {"sr": "sr", "sr-Latn": "sr", "hr": "hr", "bs": "bs"}
_FAMILY_LD_WEIGHT = 4.0


def _prior(prefer: str | None) -> dict[str, float]:
    if prefer is None:
        return _PRIOR
    if prefer not in _PREFER:
        raise ValueError(f"prefer must be one of {', '.join(_PREFER)}, not {prefer!r}")
    return {**_PRIOR, _PREFER[prefer]: 0.2}


def _decide(ev: _Evidence, prior: dict[str, float] = _PRIOR) -> LangResult:
    if ev.letters < MIN_LETTERS:
        return LangResult("und", 0.0, ("too-few-letters",))
    ld = {k: v / ev.ld_weight for k, v in ev.ld.items()} if ev.ld_weight else {}
    ld_evidence = tuple(f"langdetect:{k}:{v:.2f}" for k, v in sorted(ld.items(), key=lambda kv: -kv[1])[:2])
    p = ev.points
    if ev.cyrl > ev.latn:
        return _decide_cyrillic(ev, ld, ld_evidence)

    words = max(1.0, ev.letters / 5.0)
    # Function-word rates, capped, next to langdetect's probability.
    family = {lang: _FAMILY_LD_WEIGHT * prob for lang, prob in ld.items()}
    family["SC"] = _FAMILY_LD_WEIGHT * (ld.get("hr", 0.0) + ld.get("bs", 0.0) + ld.get("sr", 0.0))
    family.pop("hr", None)
    for label in ("SC", "sl", "sq", "en"):
        rate = p[label] / words
        family[label] = family.get(label, 0.0) + min(3.0, 12.0 * rate) + min(2.0, p[label + "!"])
    family["SC"] += min(3.0, 0.5 * p["SC+"])
    # langdetect reads short Serbo-Croatian as Slovenian; a Slovenian text of
    # a few words nearly always has one of in, v, so, ki, tudi, bo, pri, ...
    if "sl" in family and p["sl"] == 0 and p["SC"] > 0:
        family["sl"] *= 0.5
    best = max(family, key=family.__getitem__)
    total = sum(max(v, 0.0) for v in family.values()) or 1.0
    fam_conf = family[best] / total
    if best != "SC":
        return LangResult(best, round(min(1.0, max(ld.get(best, 0.0), fam_conf)), 4),
                          ("script:Latn",) + ld_evidence)

    scores = {lang: p[lang] + prior[lang] for lang in ("sr", "hr", "bs")}
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    top, second = ranked[0], ranked[1]
    margin = scores[top] - scores[second]
    # 0.5 at an even split, towards 1 as the margin grows.
    sub_conf = 1.0 - 0.5 * pow(2.718281828, -margin / 1.5)
    tag = "sr-Latn" if top == "sr" else top
    cues = [c for c, _ in ev.cues.most_common(6)]
    if p[top] == p[second]:  # the cues were even: the tie-breaker decided
        cues.append(f"tie:{top}")
    return LangResult(tag, round(fam_conf * sub_conf, 4), ("script:Latn",) + tuple(cues) + ld_evidence)


def _decide_cyrillic(ev: _Evidence, ld: dict[str, float], ld_evidence: tuple[str, ...]) -> LangResult:
    p = ev.points
    cues = tuple(c for c, _ in ev.cues.most_common(5))
    letter_tags = {t: p["letter:" + t] for t in _CYR_LETTERS if p["letter:" + t] > 0}
    if "uk-be" in letter_tags:
        n = letter_tags.pop("uk-be")
        target = "be" if "be" in letter_tags and "uk" not in letter_tags else "uk"
        letter_tags[target] = letter_tags.get(target, 0.0) + n
    if letter_tags:
        # ъ/щ alone mean Bulgarian only when no Russian letter is there too;
        # ы э ё are Belarusian as well as Russian, and ў is Belarusian only.
        if "bg" in letter_tags and "ru" in letter_tags:
            letter_tags.pop("bg")
        if "be" in letter_tags:
            letter_tags.pop("ru", None)
        scores = dict(letter_tags)
        # with its own letters, Serbian's and Macedonian's words count too
        for tag in ("sr-Cyrl", "mk"):
            if tag in scores:
                scores[tag] += p[tag]
        best = max(scores, key=scores.__getitem__)
        conf = scores[best] / sum(scores.values())
        return LangResult(best, round(conf, 4), ("script:Cyrl",) + cues)
    sr, mk = p["sr-Cyrl"], p["mk"]
    if p["SRMK"] or sr or mk:
        # Without ј, љ, њ, џ a Serbian text needs a Serbian-only form or "да
        # ли": "у" and case endings are Ukrainian and Russian too.
        if sr > mk and (p["SRMK"] or (sr >= 2 and p["dict:sr-Cyrl"] > 0)):
            return LangResult("sr-Cyrl", round(sr / (sr + mk + 1.0), 4), ("script:Cyrl",) + cues + ld_evidence)
        if mk > sr:
            return LangResult("mk", round(mk / (sr + mk + 1.0), 4), ("script:Cyrl",) + cues + ld_evidence)
    if ld:
        best = max(ld, key=ld.__getitem__)
        return LangResult(best, round(ld[best], 4), ("script:Cyrl",) + ld_evidence)
    return LangResult("und", 0.0, ("script:Cyrl",))


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------

def _short_text_discount(result: LangResult, letters: int) -> LangResult:
    # langdetect is "1.00 sure" about "Član 1."; a few letters cannot carry
    # that much certainty, so confidence grows with length up to ~30 letters.
    factor = min(1.0, 0.4 + letters / 50.0)
    if factor >= 1.0 or result.tag == "und":
        return result
    return LangResult(result.tag, round(result.confidence * factor, 4), result.evidence)


def identify(text: str, *, prefer: str | None = None) -> LangResult:
    """The language of one text: a BCP-47 tag, a confidence in [0, 1] and the cues.

    Tags are ``sq``, ``en``, ``sr-Latn``, ``sr-Cyrl``; look-alikes get their
    ISO 639-1 code (``hr``, ``bs``, ``mk``, ``sl``, ``bg``, ``ru`` ...);
    ``und`` when the text has fewer than three letters. ``evidence`` names the
    cues that decided (``"jat:ekavian:vreme"``, ``"lex:sr:hiljada"``,
    ``"letter:sr-Cyrl:ђ"``, ``"langdetect:hr:0.99"``; ``"tie:hr"`` when a
    Latin Serbo-Croatian text gave no cue for any standard and the tie-breaker
    chose). Deterministic.

    ``prefer`` (``"sr"``, ``"hr"`` or ``"bs"``) is the standard such a tie
    goes to; by default Croatian, the commonest language of cue-less text in
    our measurements. Pass ``"sr"`` for text known to come from Serbian
    sites: text with a Croatian or Bosnian cue still comes out so.
    """
    prior = _prior(prefer)
    ev = _scan(text)
    return _short_text_discount(_decide(ev, prior), ev.letters)


def detect(text: str, *, prefer: str | None = None) -> tuple[str, float]:
    """``identify`` as a (tag, confidence) pair, for notebooks."""
    result = identify(text, prefer=prefer)
    return result.tag, result.confidence


def identify_document(paragraph_texts: Sequence[str], *,
                      prefer: str | None = None) -> tuple[LangResult, list[LangResult]]:
    """The language of a page and of each of its paragraphs, scanning each once.

    Returns ``(page, paragraphs)``: ``page`` is what :func:`identify_page`
    gives, ``paragraphs[i]`` what :func:`identify` gives for
    ``paragraph_texts[i]``. Each paragraph is scanned (langdetect included)
    once, and its evidence is both decided alone and pooled for the page.
    """
    prior = _prior(prefer)
    pooled = _Evidence()
    results: list[LangResult] = []
    for text in paragraph_texts:
        ev = _scan(text)
        results.append(_short_text_discount(_decide(ev, prior), ev.letters))
        pooled.add(ev)
    return _short_text_discount(_decide(pooled, prior), pooled.letters), results


def identify_page(paragraph_texts: Sequence[str], *, prefer: str | None = None) -> LangResult:
    """The language of a page from its content paragraphs.

    Evidence is pooled across paragraphs before deciding, each paragraph's
    langdetect vote weighted by its letters: a page has more jat forms and
    vocabulary cues than any one paragraph, so Serbian against Croatian and
    Bosnian is decided on all of them together. Use :func:`identify_document`
    when the paragraphs' own results are wanted too. ``prefer`` is as in
    :func:`identify`.
    """
    return identify_document(paragraph_texts, prefer=prefer)[0]
