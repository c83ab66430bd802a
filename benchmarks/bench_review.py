"""Speed of the review app on a synthetic 50,000-pair corpus.

    python benchmarks/bench_review.py [--pairs 50000] [--beads 20] [--big 2000] [--reviewed 1000]
                                      [--repeat 5] [--keep DIR]

Writes a corpus output the way CorpusWriter does (one row group per site and
language pair, 100 page pairs a site), with `--pairs` page pairs of `--beads`
beads each plus one page pair of `--big` beads; the texts are made-up words,
since only sizes matter here. Then serves it with uvicorn on 127.0.0.1 and
prints, best of `--repeat` over real HTTP:

- start-up (indexing the page pairs), and again with `--reviewed` page pairs
  carrying a decision in review.sqlite;
- the pair list: first page, a filtered and sorted page, a page deep in the list;
- the grid of the big pair (the first 200 beads, then the window around its
  last bead), and one confirm on it;
- with Debian's chromium present: the grid of the big pair in headless
  Chromium, from navigation to the page's load event.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from polycorpus.export import schema  # noqa: E402
from polycorpus.export.parquet import PAIRS_DIR, pair_id  # noqa: E402

WORDS = ("the council budget road school water river city court report year people health work "
         "savet budžet put škola voda reka grad sud izveštaj godina ljudi zdravlje rad").split()
PAIRS_PER_SITE = 100


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."


def page_rows(rng: random.Random, site: str, k: int, n_beads: int) -> list[dict[str, object]]:
    src, tgt = f"{site}/en/page{k}.html", f"{site}/sr/page{k}.html"
    rows = []
    for i in range(n_beads):
        s, t = sentence(rng), sentence(rng)
        rows.append({"pair": "en-sr_Latn", "pair_id": pair_id(src, tgt, (i,), (i,)), "site": site, "src_path": src,
                     "tgt_path": tgt, "src_lang": "en", "tgt_lang": "sr-Latn", "src_script": "Latn",
                     "tgt_script": "Latn", "src_text": s, "tgt_text": t, "src_par_idx": [i], "tgt_par_idx": [i],
                     "alignment_type": "1-1", "score": round(rng.random(), 3), "page_pair_score": round(rng.random(), 3),
                     "src_lid_conf": 0.99, "tgt_lid_conf": 0.99, "length_ratio": len(s) / len(t),
                     "src_n_chars": len(s), "tgt_n_chars": len(t), "review_status": "auto"})
    return rows


def write_corpus(out: Path, n_pairs: int, n_beads: int, big: int) -> int:
    """Returns the page id of the big pair (the first page pair of the first site)."""
    rng = random.Random(0)
    folder = out / PAIRS_DIR / "en-sr_Latn"
    folder.mkdir(parents=True)
    pairs_schema = schema.with_metadata(schema.PAIRS, "pairs")
    with pq.ParquetWriter(folder / "part-00000.parquet", pairs_schema) as writer:
        for site_no in range(math.ceil(n_pairs / PAIRS_PER_SITE)):
            site = f"site{site_no:04d}"
            rows = []
            for k in range(min(PAIRS_PER_SITE, n_pairs - site_no * PAIRS_PER_SITE)):
                rows += page_rows(rng, site, k, big if site_no == 0 and k == 0 else n_beads)
            writer.write_table(pa.Table.from_pylist(rows, schema=pairs_schema))
    for name, table_schema in (("documents", schema.DOCUMENTS), ("paragraphs", schema.PARAGRAPHS)):
        pq.write_table(table_schema.empty_table(), out / f"{name}.parquet")
    return 0


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_cpu(fn, repeat: int) -> float:
    """CPU seconds of this process: what the machine's other users do not inflate."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url) as r:
        return r.read()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=50_000)
    ap.add_argument("--beads", type=int, default=20)
    ap.add_argument("--big", type=int, default=2000)
    ap.add_argument("--reviewed", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", type=Path, default=None, help="Write the corpus here and keep it.")
    args = ap.parse_args()

    from polycorpus.review.service import ReviewService
    from tests.review_fixture import Server

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-review-"))
    out = root / "out"
    if not out.exists():
        start = time.perf_counter()
        big_id = write_corpus(out, args.pairs, args.beads, args.big)
        print(f"wrote {args.pairs} page pairs ({args.pairs * args.beads + args.big - args.beads} beads) "
              f"in {time.perf_counter() - start:.1f} s")
    big_id = 0
    (out / "review.sqlite").unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        (out / f"review.sqlite{suffix}").unlink(missing_ok=True)
    figures: dict[str, float] = {}
    figures["startup_s"] = best(lambda: ReviewService(out).log.close(), min(args.repeat, 3))
    figures["startup_cpu_s"] = best_cpu(lambda: ReviewService(out).log.close(), min(args.repeat, 3))
    with Server(out) as server:
        base = server.url
        figures["list_first_page_s"] = best(lambda: get(f"{base}/"), args.repeat)
        figures["list_filtered_sorted_s"] = best(lambda: get(f"{base}/?site=site0420&status=unreviewed&sort=score"),
                                                 args.repeat)
        figures["list_sorted_deep_page_s"] = best(lambda: get(f"{base}/?sort=-score&page=900"), args.repeat)
        figures["grid_big_first_window_s"] = best(lambda: get(f"{base}/pair/{big_id}"), args.repeat)
        last_key = f"{args.big - 1}|{args.big - 1}"
        figures["grid_big_last_window_s"] = best(lambda: get(f"{base}/pair/{big_id}?focus={last_key}"), args.repeat)
        token = server.app.token  # type: ignore[attr-defined]

        def confirm() -> None:
            state = server.app.service.state(big_id)[1]  # type: ignore[attr-defined]
            bead = state.beads[len(state.beads) // 2]
            body = json.dumps({"action": "reject" if bead.status == "confirmed" else "confirm", "key": bead.key,
                               "seen": {bead.key: bead.version}, "version": state.last_event}).encode()
            request = urllib.request.Request(f"{base}/pair/{big_id}/action", data=body, method="POST", headers={
                "Content-Type": "application/json", "Origin": base, "X-Review-Token": token})
            get_response = urllib.request.urlopen(request)
            get_response.read()

        figures["action_on_big_s"] = best(confirm, args.repeat)
        if Path("/usr/bin/chromium").exists():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"])
                page = browser.new_page()

                def open_grid() -> None:
                    page.goto(f"{base}/pair/{big_id}", wait_until="load")
                    page.wait_for_selector("tr.bead.selected")

                figures["browser_grid_big_s"] = best(open_grid, args.repeat)
                figures["browser_list_s"] = best(lambda: page.goto(f"{base}/", wait_until="load"), args.repeat)
                browser.close()
    # start-up again with decisions on many page pairs
    service = ReviewService(out)
    for pid in range(1, args.reviewed + 1):
        bead = service.state(pid)[1].beads[0]
        try:
            service.act(pid, "bench", "confirm", bead.key, {}, 0, {})
        except Exception:  # already confirmed by an earlier run with --keep
            pass
    service.log.close()
    figures[f"startup_with_{args.reviewed}_reviewed_s"] = best(lambda: ReviewService(out).log.close(), 1)
    figures[f"startup_with_{args.reviewed}_reviewed_cpu_s"] = best_cpu(lambda: ReviewService(out).log.close(), 1)
    import os

    print(f"load average while measuring (2 cores shared): {os.getloadavg()[0]:.1f}")
    for name, value in figures.items():
        print(f"{name:32s} {value * 1000:9.1f} ms")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
