"""Pages of one site -> translated page pairs.

A story on a multilingual site exists in one to four versions (en, sq, sr-Latn,
sr-Cyrl). File names are opaque, so pairing works from content only:

1. **Profile** every page: numbers (``1,000`` / ``1.000`` / ``1000`` are one
   anchor, ``2,5`` / ``2.5`` another), month names, names (capitalised tokens
   not at a sentence start), character length and paragraph count. Text is
   folded first (Serbian Cyrillic -> Latin, diacritics stripped, casefolded), so
   ``Београд``, ``Beograd`` and ``Beogradi`` meet.
2. **Block**: an inverted index over cheap anchor keys (numbers, name prefixes)
   gives each page its few best candidates in every other language, instead of
   comparing every page with every page.
3. **Score** a candidate pair in [0, 1]: idf-weighted overlap of numbers and
   fuzzy-matched names (rapidfuzz ``cdist``), damped when the length ratio is far
   from what this site's translations show for that language pair.
4. **Decide** (the only place the threshold is used): pages are merged into
   stories greedily from the best pair down, at most one page per language per
   story, and a merge must agree with every page already in both stories - a
   triangle en-sq-sr whose third side is weak is vetoed, a weak side whose
   other two sides are strong is carried. Every pair of languages inside a
   story becomes a :class:`PagePair`, except sr-Latn with sr-Cyrl (both are
   Serbian).

Unpaired pages carry a reason; the slug is the first word (``below-threshold``,
``taken``, ``no-candidate``, ``no-content``, ``lang-und``, ``lang-unsupported``),
details follow after a space, so reports can count ``reason.split()[0]``.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from .language import fold
from .models import Document, PagePair, Unpaired
from .settings import Settings

#: the languages pairing knows; a page tagged anything else is left alone
LANGS = ("en", "sq", "sr-Cyrl", "sr-Latn")
#: two scripts of one language: scored (it helps to build stories) but never output
_SAME_LANGUAGE = frozenset({"sr-Cyrl", "sr-Latn"})

# --- folding -------------------------------------------------------------------

# --- profiles -------------------------------------------------------------------

# Thousands groups need a separator and exactly three digits ("1,000", "1.000",
# "1 000" with a no-break or thin space); plain spaces are left alone because
# "12 300" is more often two numbers than one.
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?![.,]?\d)")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
# A token right after one of these (or at a paragraph start) opens a sentence,
# so its capital says nothing about it being a name.
_OPENERS = set('.!?:;"\'“”„«»‘’‚([–—-…•*')

# Month stems in en, sq and sr; a token is that month when it is the stem plus at
# most three letters of case ending ("novembru", "qershorit", "januara").
# Short or ambiguous stems must match exactly: "mart" is also Albanian Tuesday
# ("e martë", caught as a weekday first) and "may" is an English verb.
_MONTH_STEMS = (
    ("januar janar", "january"),
    ("febru shkurt", ""),
    ("mars", "march mart marta martu"),
    ("april prill", ""),
    ("", "maj maja maju maji majit"),
    ("qershor", "june jun juna junu juni"),
    ("korrik", "july jul jula julu juli"),
    ("august avgust gusht", ""),
    ("septemb shtator", ""),
    ("octob oktob tetor", ""),
    ("novemb nentor", ""),
    ("decemb dhjetor", ""),
)
_MONTH_PREFIXES = [(stem, i) for i, (stems, _) in enumerate(_MONTH_STEMS, 1) for stem in stems.split()]
_MONTH_EXACT = {w: i for i, (_, words) in enumerate(_MONTH_STEMS, 1) for w in words.split()}


# Weekdays: capitalised in English only, so as "names" they would count against
# every English page; as anchors they match across the three languages.
_DAYS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "monday hene henen ponedeljak ponedeljka ponedeljku",
        "tuesday marte marten utorak utorka utorku",
        "wednesday merkure merkuren sreda srede sredu sredom",
        "thursday enjte enjten cetvrtak cetvrtka cetvrtku",
        "friday premte premten petak petka petku",
        "saturday shtune shtunen subota subote subotu",
        "sunday diel dielen nedelja nedelje nedelju",
    ),
    start=1,
):
    for _name in _names.split():
        _DAYS[_name] = _i


def _month(token: str) -> int | None:
    """Month number (1-12) of a folded token in any of the three languages, or None."""
    if token in _MONTH_EXACT:
        return _MONTH_EXACT[token]
    for stem, num in _MONTH_PREFIXES:
        if token.startswith(stem) and len(token) - len(stem) <= 3:
            return num
    return None


def _number_key(raw: str) -> str:
    """One spelling per number: thousands separators dropped, decimal comma -> point."""
    if re.fullmatch(r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+", raw):
        return re.sub(r"\D", "", raw)
    return raw.replace(",", ".")


_SPELLING = (
    # Serbian writes foreign names as they sound and Albanian has its own
    # letters for the same sounds: "Džerard"/"Xherard"/"Gerrard",
    # "Tomson"/"Thomson", "Keli"/"Kelly". Mapping all three onto one rough
    # spelling lets rapidfuzz see them as near matches.
    ("dzh", "j"), ("dz", "j"), ("xh", "j"), ("gj", "j"), ("dj", "j"),
    ("sh", "s"), ("zh", "z"), ("ch", "c"), ("th", "t"), ("ph", "f"), ("ck", "k"),
    ("ee", "i"), ("oo", "u"), ("ou", "u"),
)
_SPELLING_TABLE = str.maketrans({"q": "k", "c": "k", "w": "v", "y": "i", "j": "i", "h": None,
                                 "x": "s"})


def _name_key(folded: str) -> str:
    """A name's rough spelling, cut to seven letters so case endings and Albanian
    article suffixes ("Martinit", "Martina") fall away."""
    for a, b in _SPELLING:
        folded = folded.replace(a, b)
    folded = folded.translate(_SPELLING_TABLE)
    folded = re.sub(r"(.)\1+", r"\1", folded)
    return folded[:7]


def _block_key(name_key: str) -> str:
    """A coarse key for blocking: the first four letters of a name's rough spelling."""
    return "n:" + name_key[:4]




@dataclass(frozen=True, slots=True)
class _Profile:
    doc: Document
    lang: str
    n_chars: int
    numbers: frozenset[str]
    names: tuple[str, ...]  # distinct name keys
    keys: frozenset[str]  # blocking keys


def _profile(doc: Document) -> _Profile:
    numbers: set[str] = set()
    lower_words: set[str] = set()
    caps: list[str] = []
    starts: list[str] = []
    for para in doc.paragraphs:
        text = para.text
        for m in _NUMBER.finditer(text):
            numbers.add(_number_key(m.group(1)))
        for m in _TOKEN.finditer(text):
            tok = m.group(0)
            folded = fold(tok)
            day = _DAYS.get(folded)
            if day is not None:
                numbers.add(f"w{day}")
                continue
            month = 5 if tok == "May" else _month(folded)
            if month is not None:
                numbers.add(f"m{month}")
                continue
            if not tok[0].isupper():
                lower_words.add(folded)
                continue
            if len(folded) < 2:
                continue
            # Look back past spaces for a sentence opener.
            j = m.start() - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            (starts if j < 0 or text[j] in _OPENERS else caps).append(folded)
    # A capitalised word that also shows up in lower case is an ordinary word
    # (English headline case, "The" after a dash). At a sentence start a
    # capital says nothing, so such a word counts only when it never appears
    # in lower case and is long enough not to be a function word ("Trump
    # rallies ...", "Tramp održava ...").
    names = {w for w in caps if w not in lower_words}
    names |= {w for w in starts if w not in lower_words and len(w) >= 4}
    name_keys = {_name_key(n) for n in names}
    keys = {f"d:{n}" for n in numbers} | {_block_key(k) for k in name_keys if len(k) >= 3}
    return _Profile(
        doc=doc,
        lang=doc.lang.tag,
        n_chars=sum(len(p.text) for p in doc.paragraphs),
        numbers=frozenset(numbers),
        names=tuple(sorted(name_keys)),
        keys=frozenset(keys),
    )


# --- scoring ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored pair of pages in different languages (``a`` sorts first by tag)."""

    a: str
    b: str
    score: float
    numbers: float  # idf-weighted overlap of numbers and months, 0..1 (-1: none on either side)
    names: float  # idf-weighted share of fuzzily matched names, 0..1 (-1: none on either side)
    length: float  # how well the length ratio fits this site's translations, 0..1


#: weight of one side's anchors that found a partner, of all its anchors; same for the other side
_Match = tuple[float, float, float, float]


def _share(m: _Match) -> float:
    """Geometric mean of the two matched shares; -1 when either page has none."""
    return math.sqrt(m[0] / m[1] * m[2] / m[3]) if m[1] > 0 and m[3] > 0 else -1.0


class _SiteScorer:
    """Scores page pairs of one site with statistics (idf, length ratios) of that site."""

    # A name stem that differs by one letter in six still matches ("maqedo"/"makedo").
    NAME_CUTOFF = 80.0
    # Numbers carry more weight than names: they survive translation unchanged.
    # (Long lower-case words as cognates were tried as a third kind of anchor;
    # on the sitebench dev data they only added noise, so they are not used.)
    W_NUMBERS = 2.5
    W_NAMES = 1.0
    #: how much a length ratio far from the site's usual one can take off
    W_LENGTH = 0.3

    def __init__(self, profiles: Sequence[_Profile]) -> None:
        self.profiles = {p.doc.path: p for p in profiles}
        n = max(1, len(profiles))
        df_num: Counter[str] = Counter()
        df_name: Counter[str] = Counter()
        for p in profiles:
            df_num.update(p.numbers)
            df_name.update(p.names)
        # A number or name on most pages of a site is chrome (a phone number, the
        # site's own name), not content: its idf goes to zero.
        self.idf_num = {k: self._idf(v, n) for k, v in df_num.items()}
        self.idf_name = {k: self._idf(v, n) for k, v in df_name.items()}
        self.log_len = self._length_model(profiles)
        self.len_sigma = 0.35
        self._cache: dict[tuple[str, str], Candidate] = {}

    @staticmethod
    def _idf(df: int, n: int) -> float:
        # A story has at most four versions, so an anchor on many more pages
        # than that is site chrome that slipped past boilerplate removal (the
        # office's phone number, "© 2024", the town in the footer) or a word
        # every story uses: it says nothing about which pages belong together.
        if df > max(6, n // 10) or (n >= 8 and df / n > 0.5):
            return 0.0
        return math.log(1.0 + n / df)

    @staticmethod
    def _length_model(profiles: Sequence[_Profile]) -> dict[str, float]:
        """Median log length per language: a site's translations run longer or shorter
        than their originals by a fairly steady factor per language pair."""
        by_lang: dict[str, list[float]] = defaultdict(list)
        for p in profiles:
            if p.n_chars:
                by_lang[p.lang].append(math.log(p.n_chars))
        return {lang: float(np.median(v)) for lang, v in by_lang.items()}

    def fit_lengths(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Refine the expected length ratios and their spread from confident pairs."""
        resid: list[float] = []
        offsets: dict[tuple[str, str], list[float]] = defaultdict(list)
        for a, b in pairs:
            pa, pb = self.profiles[a], self.profiles[b]
            offsets[(pa.lang, pb.lang)].append(math.log(pb.n_chars / pa.n_chars))
        for (la, lb), vals in offsets.items():
            prior = self.log_len.get(lb, 0.0) - self.log_len.get(la, 0.0)
            resid.extend(v - prior for v in vals)
        if len(resid) >= 8:
            mad = float(np.median(np.abs(np.array(resid) - np.median(resid))))
            # 1.4826 * MAD estimates sigma; the floor keeps a tidy site from
            # punishing a page with one extra paragraph.
            self.len_sigma = max(0.2, min(0.6, 1.4826 * mad * 1.5))
        self._cache.clear()

    def score(self, a: str, b: str) -> Candidate:
        """Score pages ``a`` and ``b`` (paths); symmetric, cached."""
        pa, pb = self.profiles[a], self.profiles[b]
        if pa.lang > pb.lang:
            pa, pb = pb, pa
        key = (pa.doc.path, pb.doc.path)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        num = self._matched_exact(pa.numbers, pb.numbers, self.idf_num)
        nam = self._matched_fuzzy(pa.names, pb.names, self.idf_name)
        length = self._length(pa, pb)
        # Pool the two kinds of anchor into one weighted share of each page's
        # anchors that found a partner, then take the geometric mean of the two
        # shares: a page whose anchors are mostly elsewhere scores low however
        # many the other page has.
        parts = ((num, self.W_NUMBERS), (nam, self.W_NAMES))
        ma = sum(w * m[0] for m, w in parts)
        ta = sum(w * m[1] for m, w in parts)
        mb = sum(w * m[2] for m, w in parts)
        tb = sum(w * m[3] for m, w in parts)
        anchor = math.sqrt(ma / ta * mb / tb) if ta > 0 and tb > 0 else 0.0
        # Length alone cannot make a pair (every short page is as long as every
        # other), but a wrong length drags a pair of look-alikes down.
        score = anchor * (1.0 - self.W_LENGTH + self.W_LENGTH * length)
        cand = Candidate(key[0], key[1], round(min(1.0, max(0.0, score)), 4),
                         _share(num), _share(nam), length)
        self._cache[key] = cand
        return cand

    @staticmethod
    def _matched_exact(xa: frozenset[str], xb: frozenset[str], idf: dict[str, float]) -> _Match:
        shared = sum(idf.get(k, 0.0) for k in xa & xb)
        return (shared, sum(idf.get(k, 0.0) for k in xa), shared, sum(idf.get(k, 0.0) for k in xb))

    def _matched_fuzzy(self, na: tuple[str, ...], nb: tuple[str, ...], idf: dict[str, float]) -> _Match:
        wa = np.array([idf.get(k, 0.0) for k in na])
        wb = np.array([idf.get(k, 0.0) for k in nb])
        if not na or not nb:
            return (0.0, float(wa.sum()), 0.0, float(wb.sum()))
        sim = cdist(na, nb, scorer=fuzz.ratio, score_cutoff=self.NAME_CUTOFF, dtype=np.uint8)
        hit = sim > 0
        return (float((wa * hit.any(axis=1)).sum()), float(wa.sum()),
                float((wb * hit.any(axis=0)).sum()), float(wb.sum()))

    def _length(self, pa: _Profile, pb: _Profile) -> float:
        if not pa.n_chars or not pb.n_chars:
            return 0.0
        expected = self.log_len.get(pb.lang, 0.0) - self.log_len.get(pa.lang, 0.0)
        z = (math.log(pb.n_chars / pa.n_chars) - expected) / self.len_sigma
        return math.exp(-0.5 * z * z)


def _blocked_candidates(profiles: Sequence[_Profile], per_page: int) -> set[tuple[str, str]]:
    """Pairs of pages in different languages that share enough anchor keys.

    An inverted index over keys accumulates idf-weighted shared keys per pair;
    each page keeps its ``per_page`` best partners in every other language. Keys
    on more than a fifth of the pages (chrome, the site's home town) are skipped,
    which keeps the work near linear in the number of pages.
    """
    n = len(profiles)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for k in p.keys:
            postings[k].append(i)
    max_df = max(8, n // 5)
    acc: dict[tuple[int, int], float] = defaultdict(float)
    for idx in postings.values():
        if len(idx) < 2 or len(idx) > max_df:
            continue
        w = math.log(1.0 + n / len(idx))
        for i, j in combinations(idx, 2):
            if profiles[i].lang != profiles[j].lang:
                acc[(i, j)] += w
    best: dict[tuple[int, str], list[tuple[float, int]]] = defaultdict(list)
    for (i, j), s in acc.items():
        best[(i, profiles[j].lang)].append((s, j))
        best[(j, profiles[i].lang)].append((s, i))
    out: set[tuple[str, str]] = set()
    for (i, _lang), lst in best.items():
        lst.sort(key=lambda t: (-t[0], profiles[t[1]].doc.path))
        for _s, j in lst[:per_page]:
            a, b = sorted((profiles[i].doc.path, profiles[j].doc.path))
            out.add((a, b))
    return out


def score_site(documents: Sequence[Document], per_page: int = 8) -> tuple[list[Candidate], "_SiteScorer"]:
    """Score the candidate page pairs of one site (no threshold applied).

    Returns the candidates, best first, and the scorer, which can score any
    further pair of the site's pages on demand.
    """
    profiles = [_profile(d) for d in documents if _pairable(d) is None]
    scorer = _SiteScorer(profiles)
    pairs = sorted(_blocked_candidates(profiles, per_page))
    cands = [scorer.score(a, b) for a, b in pairs]
    # Second pass: the confident, mutually best pairs teach the scorer what
    # length ratios this site's translations have.
    scorer.fit_lengths(_mutual_best(cands, scorer))
    cands = [scorer.score(a, b) for a, b in pairs]
    cands.sort(key=lambda c: (-c.score, c.a, c.b))
    return cands, scorer


def _mutual_best(cands: Sequence[Candidate], scorer: _SiteScorer) -> list[tuple[str, str]]:
    best: dict[tuple[str, str], Candidate] = {}
    for c in cands:
        la, lb = scorer.profiles[c.a].lang, scorer.profiles[c.b].lang
        for me, other_lang in ((c.a, lb), (c.b, la)):
            cur = best.get((me, other_lang))
            if cur is None or c.score > cur.score:
                best[(me, other_lang)] = c
    out = []
    for c in cands:
        la, lb = scorer.profiles[c.a].lang, scorer.profiles[c.b].lang
        if c.score >= 0.5 and best[(c.a, lb)] is c and best[(c.b, la)] is c:
            out.append((c.a, c.b))
    return out


# --- deciding ---------------------------------------------------------------------


def _pairable(doc: Document) -> str | None:
    """Why a page cannot take part at all, or None."""
    if doc.lang.tag == "und":
        return "lang-und"
    if doc.lang.tag not in LANGS:
        return f"lang-unsupported {doc.lang.tag}"
    if not doc.paragraphs:
        return "no-content"
    return None


def pair_site(documents: Sequence[Document], settings: Settings) -> tuple[list[PagePair], list[Unpaired]]:
    """Find the translated page pairs among the pages of one site.

    Pages are grouped into stories of at most one page per language; every two
    pages of a story in different languages (sr-Latn with sr-Cyrl excepted)
    become a :class:`PagePair` whose ``src`` has the tag that sorts first. A
    page is paired only when its pair score reaches ``settings.pair_threshold``
    and the story's other pages agree; the rest come back as :class:`Unpaired`
    with a reason. Deterministic: ties break on paths.
    """
    threshold = settings.pair_threshold
    # Consistency floor: a page joins a story only if it is at least this
    # similar to every page already in it (missing triangles veto a merge).
    veto = threshold * 0.5
    by_path = {d.path: d for d in documents}
    unpaired: list[Unpaired] = []
    active = []
    for d in sorted(documents, key=lambda d: d.path):
        why = _pairable(d)
        if why is None:
            active.append(d)
        else:
            unpaired.append(Unpaired(d.path, why))
    cands, scorer = score_site(active)

    # Triangle support: a pair whose pages share a strong partner in a third
    # language gets lifted toward that support.
    adj: dict[str, dict[str, float]] = defaultdict(dict)
    for c in cands:
        adj[c.a][c.b] = c.score
        adj[c.b][c.a] = c.score

    def support(a: str, b: str, direct: float) -> float:
        la, lb = scorer.profiles[a].lang, scorer.profiles[b].lang
        best = 0.0
        for c, s_ac in adj[a].items():
            lc = scorer.profiles[c].lang
            if lc in (la, lb):
                continue
            s_bc = adj[b].get(c)
            if s_bc is not None:
                best = max(best, min(s_ac, s_bc))
        return max(direct, 0.5 * (direct + best))

    ranked = sorted(
        ((support(c.a, c.b, c.score), c) for c in cands),
        key=lambda t: (-t[0], t[1].a, t[1].b),
    )
    final: dict[tuple[str, str], float] = {(c.a, c.b): s for s, c in ranked}

    def pair_score(a: str, b: str) -> float:
        key = (a, b) if (scorer.profiles[a].lang, a) < (scorer.profiles[b].lang, b) else (b, a)
        if key in final:
            return final[key]
        return scorer.score(*key).score

    story: dict[str, int] = {d.path: i for i, d in enumerate(active)}
    members: dict[int, list[str]] = {i: [d.path] for i, d in enumerate(active)}
    lost_to: dict[str, str] = {}
    vetoed: dict[str, tuple[float, str, str]] = {}
    for s, c in ranked:
        if s < threshold:
            break
        sa, sb = story[c.a], story[c.b]
        if sa == sb:
            continue
        ma, mb = members[sa], members[sb]
        langs_a = {scorer.profiles[p].lang for p in ma}
        langs_b = {scorer.profiles[p].lang for p in mb}
        if langs_a & langs_b:
            # One-to-one: the language slot is already filled by a better pair.
            for p, other in ((c.a, mb), (c.b, ma)):
                if len(members[story[p]]) == 1:
                    lost_to.setdefault(p, next(iter(other)))
            continue
        cross = [(pair_score(x, y), x, y) for x in ma for y in mb]
        weakest = min(cross)
        if weakest[0] < veto or sum(t[0] for t in cross) / len(cross) < threshold:
            for p in (c.a, c.b):
                if len(members[story[p]]) == 1:
                    vetoed.setdefault(p, weakest)
            continue
        for p in mb:
            story[p] = sa
        ma.extend(mb)
        del members[sb]

    pairs: list[PagePair] = []
    for group in members.values():
        if len(group) == 1:
            continue
        for x, y in combinations(sorted(group), 2):
            dx, dy = by_path[x], by_path[y]
            if {dx.lang.tag, dy.lang.tag} == _SAME_LANGUAGE:
                continue
            if (dx.lang.tag, x) > (dy.lang.tag, y):
                dx, dy = dy, dx
            pairs.append(PagePair(dx, dy, round(min(1.0, pair_score(dx.path, dy.path)), 4)))
    pairs.sort(key=lambda p: (p.src.path, p.tgt.path))

    langs_present = Counter(scorer.profiles[d.path].lang for d in active)
    for d in active:
        if len(members[story[d.path]]) > 1:
            continue
        lang = d.lang.tag
        others = [other for other in langs_present if other != lang and {other, lang} != _SAME_LANGUAGE]
        if not others:
            unpaired.append(Unpaired(d.path, "no-candidate"))
            continue
        row = adj.get(d.path, {})
        if d.path in lost_to:
            unpaired.append(Unpaired(d.path, f"taken by {lost_to[d.path]}"))
        elif d.path in vetoed:
            weak, x, y = vetoed[d.path]
            unpaired.append(Unpaired(
                d.path, f"below-threshold triangle veto: {x} with {y} scores {weak:.2f}"))
        elif row:
            best_path = min(row, key=lambda p: (-row[p], p))
            unpaired.append(
                Unpaired(d.path, f"below-threshold best {row[best_path]:.2f} with {best_path}")
            )
        else:
            unpaired.append(Unpaired(d.path, "below-threshold best 0.00 (no shared anchors)"))
    unpaired.sort(key=lambda u: u.path)
    return pairs, unpaired
