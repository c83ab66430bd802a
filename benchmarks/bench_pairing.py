"""Pairing time for one site of 500, 1,000, 2,000 and 4,000 pages per language.

    python benchmarks/bench_pairing.py [--sizes 500 1000 2000 4000] [--repeat 1]

The site is synthetic and made at run time: stories are drawn from concepts
that the shipped word tables translate (an English word with an Albanian and
a Serbian translation), so each story exists as an English, an Albanian and a
Serbian Latin page that pair by content; a tenth of the pages per language
have no translation; numbers and names are sprinkled as on news sites, and
every page repeats a few very common words. Prints, per size, the pages, the
seconds ``pairing.pair_site`` took (best of ``--repeat``; wall and CPU), the time per page
and its ratio to the previous size (at most x1.2 per doubling is the goal:
candidates come from an index, never from all pairs), and the share of the
true pairs found. Wall times on a shared machine are noisy: compare runs made
under the same load.
"""
from __future__ import annotations

import argparse
import gzip
import random
import time
from collections import defaultdict
from importlib import resources

from polycorpus.models import Document, LangResult, Page, Paragraph
from polycorpus.pairing import pair_site
from polycorpus.settings import Settings

LANGS = ("en", "sq", "sr-Latn")


def _table(name: str) -> dict[str, list[str]]:
    raw = resources.files("polycorpus").joinpath("data", name).read_bytes()
    by_en: dict[str, list[str]] = defaultdict(list)
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line.startswith("#"):
            foreign, en = line.split("\t")
            if len(foreign) >= 4 and foreign.isalpha():
                by_en[en].append(foreign)
    return by_en


def concepts(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(en, sq, sr) word triples the tables translate."""
    sq, sr = _table("lex_sq_en.tsv.gz"), _table("lex_sr_en.tsv.gz")
    common = sorted(e for e in set(sq) & set(sr) if len(e) >= 4 and e.isalpha())
    rng.shuffle(common)
    return [(e, sorted(sq[e])[0], sorted(sr[e])[0]) for e in common[:n]]


def make_site(per_lang: int, seed: int = 0) -> tuple[list[Document], set[frozenset[str]]]:
    rng = random.Random(seed)
    vocab = concepts(6000, rng)
    # Zipf-like: a few concepts on many pages, most on few.
    weights = [1.0 / (k + 10) for k in range(len(vocab))]
    n_stories = int(per_lang * 0.9)
    docs: list[Document] = []
    gold: set[frozenset[str]] = set()
    page_no = 0

    def page(lang: str, paragraphs: list[str]) -> Document:
        nonlocal page_no
        page_no += 1
        res = LangResult(lang, 0.99)
        path = f"site/{page_no:07d}.txt"
        return Document(Page(path, "site", "text", "utf-8", ()), res,
                        tuple(Paragraph(i, t, res) for i, t in enumerate(paragraphs)), ())

    def story() -> list[list[tuple[str, str, str]]]:
        n_par = rng.randint(2, 7)
        out = []
        for _ in range(n_par):
            words = rng.choices(vocab, weights=weights, k=rng.randint(8, 30))
            if rng.random() < 0.4:
                num = str(rng.randint(2, 99999))
                words.append((num, num, num))
            if rng.random() < 0.3:
                name = rng.choice(("Berisha", "Marković", "Hoxha", "Jovanović", "Smith", "Krasniqi", "Petrović"))
                words.append((name, name, name))
            out.append(words)
        return out

    for _ in range(n_stories):
        paras = story()
        group = []
        for k, lang in enumerate(LANGS):
            group.append(page(lang, [" ".join(w[k] for w in p).capitalize() + "." for p in paras]))
        docs += group
        for a in range(3):
            for b in range(a + 1, 3):
                gold.add(frozenset((group[a].path, group[b].path)))
    for lang in LANGS:  # pages with no translation
        k = LANGS.index(lang)
        for _ in range(per_lang - n_stories):
            docs.append(page(lang, [" ".join(w[k] for w in p).capitalize() + "." for p in story()]))
    rng.shuffle(docs)
    return docs, gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    settings = Settings(jobs=1)
    pair_site(make_site(30, seed=1)[0], settings)  # load the tables once, outside the timings
    print(f"{'pages/lang':>10} {'pages':>7} {'seconds':>8} {'CPU s':>7} {'ms/page':>8} {'x prev':>7} "
          f"{'recall':>7} {'precision':>9}")
    prev = None
    for n in args.sizes:
        docs, gold = make_site(n)
        best = cpu = float("inf")
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            pairs, _ = pair_site(docs, settings)
            best = min(best, time.perf_counter() - t0)
            cpu = min(cpu, time.process_time() - c0)
        found = {frozenset((p.src.path, p.tgt.path)) for p in pairs}
        per_page = 1000.0 * best / len(docs)
        ratio = f"{per_page / prev:.2f}" if prev else "-"
        print(f"{n:>10} {len(docs):>7} {best:>8.2f} {cpu:>7.2f} {per_page:>8.3f} {ratio:>7} "
              f"{len(found & gold) / len(gold):>7.3f} {len(found & gold) / max(1, len(found)):>9.3f}")
        prev = per_page


if __name__ == "__main__":
    main()
