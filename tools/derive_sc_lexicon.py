"""Derive ``src/polycorpus/data/sc_lexicon.tsv``: common word forms that one
standard's spelling dictionary has and the other's lacks (Serbian against
Croatian, Latin script).

    apt-get install hunspell-hr hunspell-sr hunspell-bs   # Debian, source libreoffice-dictionaries
    pip install wordfreq                        # only for this script
    python tools/derive_sc_lexicon.py [--hunspell /usr/share/hunspell] [--out PATH]

Sources and licences:

* Croatian: ``hr_HR.dic/.aff`` (Denis Lacković, Mirko Kos, Kruno; LGPL or SISSL).
* Serbian: ``sr_Latn_RS.dic/.aff`` (Goran Rakić, Miloš Popović, Aleksandar
  Urošević; GPL-2+ or LGPL-2.1 or MPL-1.1).
* Word frequency: wordfreq's ``sh`` (Serbo-Croatian) small list (CC BY-SA 4.0),
  used only to keep forms that occur in ordinary text; no frequency is stored.

Both dictionaries are permissive (the Serbian one accepts *tisuća* and
*vrijeme*, the Croatian one *hiljada* and *tokom*), so a form only one of
them accepts is a strong sign: *vreme*, *gde*, *takođe*, *uopšte*,
*organizovati*, *istorija* are missing from the Croatian dictionary; *tko*,
*tjedna*, *točno*, *općina*, *izvješće* from the Serbian one. Each form gets
a class:

* ``ekav``: Serbian-only and an ijekavian twin (an ``e`` read as ``ije``/``je``,
  or as ``i`` before ``j`` and ``o``: *grejati*/*grijati*, *deoba*/*dioba*) is
  in the Croatian dictionary: the jat reflex, Serbian only;
* ``sr``: any other Serbian-only form (vocabulary Bosnian often shares);
* ``ijek``: Croatian-only with an ekavian twin in the Serbian dictionary
  (ijekavian, Croatian and Bosnian);
* ``hr``: any other Croatian-only form.

Forms are kept when they are lower case in their dictionary (no names), at
least three letters, spelled without w, x, q, y, and not common English words.

A second table, ``sc_jat_forms.tsv.gz`` (``--jat-out``), holds the jat forms
of the whole dictionaries, not only the common ones: every Serbian form the
Croatian and Bosnian dictionaries lack whose ijekavian twin one of them has
(``ekav``: *preletela*, *vetrovima*), and as ``ijek`` every Croatian or
Bosnian form the Serbian dictionary lacks whose ekavian twin it has, and the
ije/je twins of the ``ekav`` forms (the Serbian dictionary accepts
ijekavian forms, so *vrijednosti* is found as the twin of *vrednosti*),
unless the twin is far commoner than its partner in wordfreq's ``sh`` list
(*njegova* and *negova* are no jat pair). The twin test
is what makes a form a jat form, so no frequency list is needed; this covers
the rarer inflections the wordfreq filter drops. Bosnian: ``bs_BA.dic/.aff``
(GPL-2+ or LGPL-2.1+ or MPL-1.1), used only to keep Bosnian forms out of
``ekav``.

A third, ``sc_sr_irati.tsv`` (``--irati-out``), lists the -irati verb forms
both the Serbian and the Croatian dictionary accept (*dizajnirati*,
*trenirati*): Serbian uses them too, so they are weaker Croatian evidence
than forms only the Croatian dictionary has.

A fourth, ``sr_mk_cyrillic.tsv.gz`` (``--cyrillic-out``), tells Serbian
Cyrillic from Macedonian where no letter (ђ ћ against ѓ ќ ѕ) decides:

* ``sr``: lower-case Cyrillic forms of the Serbian Cyrillic dictionary
  (``sr_RS.dic/.aff``, same authors and licence as the Latin one) whose Latin
  spelling is in wordfreq's ``sh`` list and that are far rarer (1.5 zipf or
  more) in wordfreq's Macedonian, Bulgarian, Russian and Ukrainian lists
  (*скупштина*, *улаз*, *успео*, *нисам*);
* ``mk``: forms of wordfreq's Macedonian list (CC BY-SA 4.0) at zipf 2.5 or
  more, without ѓ ќ ѕ (those decide alone), that the Serbian dictionary lacks
  and that are far rarer in the ``sh`` and Bulgarian lists (*собрание*,
  *влез*, *сакам*, *градот*).
"""
from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _flags(s: str, mode: str) -> list[str]:
    if mode == "num":
        return [f for f in s.split(",") if f]
    if mode == "long":
        return [s[i:i + 2] for i in range(0, len(s), 2)]
    return list(s)


def expand(aff_path: Path, dic_path: Path) -> set[str]:
    """Every form a hunspell dictionary accepts through one affix level
    (prefix x suffix cross products); no compounding."""
    raw = aff_path.read_bytes()
    m = re.search(rb"^SET\s+(\S+)", raw, re.M)
    enc = m.group(1).decode() if m else "utf-8"
    mode, need = "char", None
    rules: dict[str, tuple[str, bool, list]] = {}
    aliases: list[str] = []
    for line in raw.decode(enc).splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "AF" and len(parts) >= 2 and not parts[1].isdigit():
            aliases.append(parts[1])
        elif parts[0] == "FLAG":
            mode = parts[1]
        elif parts[0] == "NEEDAFFIX":
            need = parts[1]
        elif parts[0] in ("SFX", "PFX") and len(parts) >= 4:
            kind, flag = parts[0], parts[1]
            if flag not in rules:
                rules[flag] = (kind, parts[2] == "Y", [])
                continue
            strip = "" if parts[2] == "0" else parts[2]
            add = "" if parts[3] == "0" else parts[3].split("/")[0]
            cond = parts[4] if len(parts) > 4 else "."
            pat = re.compile(cond + "$" if kind == "SFX" else "^" + cond) if cond != "." else None
            rules[flag][2].append((strip, add, pat))
    words: set[str] = set()
    for line in dic_path.read_text(encoding=enc, errors="replace").splitlines()[1:]:
        line = line.split("\t")[0].strip()
        if not line:
            continue
        word, _, fl = line.partition("/")
        fl = fl.split()[0] if fl else ""
        if aliases and fl.isdigit():
            fl = aliases[int(fl) - 1]
        flags = _flags(fl, mode)
        if need not in flags:
            words.add(word)
        sfx: list[tuple[str, bool]] = []
        pfx: list[tuple[str, str, bool]] = []
        for f in flags:
            if f not in rules:
                continue
            kind, cross, rl = rules[f]
            for strip, add, pat in rl:
                if (pat is None or pat.search(word)) and (word.endswith(strip) if kind == "SFX" else word.startswith(strip)):
                    if kind == "SFX":
                        w = word[:len(word) - len(strip)] + add
                        words.add(w)
                        sfx.append((w, cross))
                    else:
                        pfx.append((strip, add, cross))
                        words.add(add + word[len(strip):])
        for strip, add, cross in pfx:
            if cross:
                words.update(add + w[len(strip):] for w, c in sfx if c and w.startswith(strip))
    return words


def _ije_twins(word: str) -> set[str]:
    out = set()
    for i, ch in enumerate(word):
        if ch == "e":
            out.add(word[:i] + "ije" + word[i + 1:])
            out.add(word[:i] + "je" + word[i + 1:])
    return out


def ijekavian_twins(word: str) -> set[str]:
    out = _ije_twins(word)
    # short jat before j or o: grejati/grijati, deoba/dioba, video/vidio
    for m in re.finditer(r"e(?=[jo])", word):
        out.add(word[:m.start()] + "i" + word[m.end():])
    return out


def ekavian_twins(word: str) -> set[str]:
    out = set()
    for m in re.finditer(r"i?je", word):
        out.add(word[:m.start()] + "e" + word[m.end():])
    for m in re.finditer(r"i(?=[jo])", word):
        out.add(word[:m.start()] + "e" + word[m.end():])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hunspell", type=Path, default=Path("/usr/share/hunspell"))
    ap.add_argument("--out", type=Path, default=REPO / "src" / "polycorpus" / "data" / "sc_lexicon.tsv")
    ap.add_argument("--jat-out", type=Path, default=REPO / "src" / "polycorpus" / "data" / "sc_jat_forms.tsv.gz")
    ap.add_argument("--irati-out", type=Path, default=REPO / "src" / "polycorpus" / "data" / "sc_sr_irati.tsv")
    ap.add_argument("--cyrillic-out", type=Path,
                    default=REPO / "src" / "polycorpus" / "data" / "sr_mk_cyrillic.tsv.gz")
    args = ap.parse_args()
    import wordfreq

    hr = expand(args.hunspell / "hr_HR.aff", args.hunspell / "hr_HR.dic")
    sr = expand(args.hunspell / "sr_Latn_RS.aff", args.hunspell / "sr_Latn_RS.dic")
    hr_low = {w.lower() for w in hr}
    sr_low = {w.lower() for w in sr}
    freq = wordfreq.get_frequency_dict("sh")

    def usable(w: str) -> bool:
        return (len(w) >= 3 and w.isalpha() and not re.search(r"[wxqy]", w)
                and wordfreq.zipf_frequency(w, "en") < 3.0)

    rows: list[tuple[str, str]] = []
    for w in sorted(freq, key=lambda w: (-freq[w], w)):
        if not usable(w):
            continue
        if w in sr and w not in hr_low:
            rows.append((w, "ekav" if ijekavian_twins(w) & hr_low else "sr"))
        elif w in hr and w not in sr_low:
            rows.append((w, "ijek" if ekavian_twins(w) & sr_low else "hr"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# Derived by tools/derive_sc_lexicon.py from the Debian hunspell-hr (LGPL or SISSL)\n"
                "# and hunspell-sr (GPL-2+ or LGPL-2.1 or MPL-1.1) dictionaries, forms filtered by\n"
                "# presence in wordfreq's sh list (CC BY-SA 4.0). form<TAB>class: ekav sr ijek hr.\n")
        for w, cls in rows:
            f.write(f"{w}\t{cls}\n")
    counts = {c: sum(1 for _, k in rows if k == c) for c in ("ekav", "sr", "ijek", "hr")}
    print(args.out, len(rows), counts)

    bs_low = {w.lower() for w in expand(args.hunspell / "bs_BA.aff", args.hunspell / "bs_BA.dic")}
    write_jat_forms(args.jat_out, sr, hr_low | bs_low, hr | bs_low, sr_low)
    write_sr_irati(args.irati_out, sr, hr_low)
    sr_cyr = expand(args.hunspell / "sr_RS.aff", args.hunspell / "sr_RS.dic")
    write_cyrillic(args.cyrillic_out, sr_cyr)
    return 0


_SR_CYR_WORD = re.compile(r"[а-шђјљњћџ]+")


def write_cyrillic(out: Path, sr_cyr: set[str]) -> None:
    """Serbian-only and Macedonian-only Cyrillic forms (see the module docstring)."""
    import math

    import wordfreq

    lists = {lang: wordfreq.get_frequency_dict(lang) for lang in ("sh", "mk", "bg", "ru", "uk")}

    def zipf(lang: str, w: str) -> float:
        f = lists[lang].get(w, 0.0)
        return math.log10(f * 1e9) if f else 0.0

    # polycorpus.text loads no table (polycorpus.language loads the one this script writes)
    from polycorpus.text import to_latin as latin

    sr = sorted(w for w in sr_cyr if len(w) >= 3 and _SR_CYR_WORD.fullmatch(w) and latin(w) in lists["sh"]
                and max(zipf(lang, w) for lang in ("mk", "bg", "ru", "uk")) <= zipf("sh", latin(w)) - 1.5)
    sr_low = {w.lower() for w in sr_cyr}
    mk = sorted(w for w in lists["mk"] if len(w) >= 2 and _SR_CYR_WORD.fullmatch(w) and w not in sr_low
                and zipf("mk", w) >= 2.5 and max(zipf("sh", latin(w)), zipf("bg", w)) <= zipf("mk", w) - 1.5)
    header = ("# Derived by tools/derive_sc_lexicon.py from the Debian hunspell-sr Cyrillic dictionary\n"
              "# (GPL-2+ or LGPL-2.1 or MPL-1.1) and wordfreq's sh, mk, bg, ru, uk lists (CC BY-SA 4.0):\n"
              "# forms only Serbian or only Macedonian writes. form<TAB>class: sr mk.\n")
    body = "".join(f"{w}\tsr\n" for w in sr) + "".join(f"{w}\tmk\n" for w in mk)
    out.write_bytes(gzip.compress((header + body).encode("utf-8"), mtime=0))
    print(out, {"sr": len(sr), "mk": len(mk)})


def write_sr_irati(out: Path, sr: set[str], hr_low: set[str]) -> None:
    """-irati verb forms (organizirati, dizajnirani) that the Serbian
    dictionary accepts as well as the Croatian one: Serbian writes these too,
    so the Croatian -irati cue counts half for them."""
    # the endings of polycorpus.language._HR_VERB_RE (not imported: it loads this table)
    irati = re.compile(r"\w{3,}?(?:iz|c|ol|rm|n|g|str|nt|gr)ira"
                       r"(?:ti|m|š|mo|te|ju|j|o|la|lo|li|le|n|na|no|ni|nog|nih|nje|nja|nju|njem)")
    forms = sorted(w for w in sr if w.isalpha() and w.islower() and "ira" in w and w in hr_low
                   and irati.fullmatch(w))
    with out.open("w", encoding="utf-8") as f:
        f.write("# Derived by tools/derive_sc_lexicon.py: -irati forms both the hunspell-sr (GPL-2+ or\n"
                "# LGPL-2.1 or MPL-1.1) and hunspell-hr (LGPL or SISSL) dictionaries accept. One form a line.\n")
        f.writelines(f"{w}\n" for w in forms)
    print(out, len(forms))


def write_jat_forms(out: Path, sr: set[str], hr_bs_low: set[str], hr_bs: set[str], sr_low: set[str]) -> None:
    """Every jat form of the dictionaries (see the module docstring)."""
    def usable(w: str) -> bool:
        # four letters at least: three-letter twins (lee/lije) are accidents
        return len(w) >= 4 and w.isalpha() and w.islower() and not re.search(r"[wxqy]", w)

    ekav = sorted(w for w in sr if usable(w) and w not in hr_bs_low and ijekavian_twins(w) & hr_bs_low)
    ijek = {w for w in hr_bs if usable(w) and w not in sr_low and ekavian_twins(w) & sr_low}
    # The Serbian dictionary accepts ijekavian forms too (Serbian has an
    # ijekavian variant: vrijednosti, posjeduje), so the test above misses
    # most of them. The ijekavian twins of the Serbian-only ekavian forms are
    # ijekavian whatever the Serbian dictionary says: vrednosti is missing
    # from the Croatian and Bosnian dictionaries, so vrijednosti is its
    # ijekavian twin. Only ije/je twins here: an e/i twin can be another word
    # in both standards (navijati "cheer" against navejati "drift").
    # Guards against pairs that are not jat: no twin made by n+je (the
    # verbal nouns kretanje, postupanje against participles kretane,
    # postupane), none by a final -ije (linije against linie; the common
    # prije, poslije are in the hand table), and none far commoner than its
    # ekavian partner (njegova, premijer, oružje against negova, premer,
    # oruže), where in a real jat pair both forms are in use.
    import wordfreq

    def jat_pair(ije: str, e: str) -> bool:
        if ije.replace("nje", "ne") == e or ije[:-3] + "e" == e:
            return False
        return wordfreq.zipf_frequency(ije, "sh") - wordfreq.zipf_frequency(e, "sh") <= 1.5

    for w in ekav:
        ijek.update(t for t in _ije_twins(w) if t in hr_bs_low and usable(t) and jat_pair(t, w))
    ijek = sorted(ijek - set(ekav))
    header = ("# Derived by tools/derive_sc_lexicon.py from the Debian hunspell-sr (GPL-2+ or LGPL-2.1 or\n"
              "# MPL-1.1), hunspell-hr (LGPL or SISSL) and hunspell-bs (GPL-2+ or LGPL-2.1+ or MPL-1.1)\n"
              "# dictionaries: forms one side lacks whose jat twin the other has. form<TAB>class: ekav ijek.\n")
    body = "".join(f"{w}\tekav\n" for w in ekav) + "".join(f"{w}\tijek\n" for w in ijek)
    out.parent.mkdir(parents=True, exist_ok=True)
    # gzipped (mtime 0, so a rebuild is byte-identical); pyproject ships data/*.tsv.gz
    out.write_bytes(gzip.compress((header + body).encode("utf-8"), mtime=0))
    print(out, {"ekav": len(ekav), "ijek": len(ijek)})


if __name__ == "__main__":
    raise SystemExit(main())
