"""The review log and its replay, and the review applied by load(), export and stats."""
import os
import signal
import sqlite3
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import polycorpus
from polycorpus import reader
from polycorpus.export import export_corpus
from polycorpus.models import Bead
from polycorpus.review import state as ops
from polycorpus.review.corpus import ReviewMisfit
from polycorpus.review.service import Conflict, ReviewService
from polycorpus.review.state import Paragraphs, ReviewBead, ReviewError
from polycorpus.review.store import DB_NAME, ReviewLog

from .review_fixture import BEADS, EN, SR, write_output

SRC, TGT = "site-x/en/a.txt", "site-x/sr/a.txt"


@pytest.fixture
def out(tmp_path) -> Path:
    return write_output(tmp_path / "out")


def keys(service: ReviewService, page: int = 0) -> list[str]:
    return [b.key for b in service.state(page)[1].beads]


def act(service, action, key="", page=0, reviewer="ana", **params):
    beads = {b.key: b for b in service.state(page)[1].beads}
    seen = {key: beads[key].version} if key in beads else {}
    return service.act(page, reviewer, action, key, seen, service.state(page)[1].last_event, params)


def test_beads_cover_every_paragraph_after_each_edit():
    pars = Paragraphs({i: f"s{i}" for i in range(4)}, {j: f"t{j}" for j in range(4)})
    beads = [ReviewBead((0,), (0,)), ReviewBead((1,), (1, 2)), ReviewBead((2,), ()), ReviewBead((3,), (3,))]

    def run(change):
        new = ops.apply(beads, change, 1)
        assert [i for b in new for i in b.src] == [0, 1, 2, 3]
        assert [j for b in new for j in b.tgt] == [0, 1, 2, 3]
        return new

    assert [b.key for b in run(ops.merge(beads, 1, 1, pars, "a", "t"))] == ["0|0", "1,2|1,2", "3|3"]
    assert [b.key for b in run(ops.split(beads, 1, 1, 1, pars, "a", "t"))] == ["0|0", "1|1", "|2", "2|", "3|3"]
    assert [b.key for b in run(ops.move(beads, 1, "tgt", 1, pars, "a", "t"))] == ["0|0", "1|1", "2|2", "3|3"]
    assert [b.key for b in run(ops.move(beads, 1, "src", -1, pars, "a", "t"))] == ["0,1|0", "|1,2", "2|", "3|3"]
    shifted = run(ops.shift(beads, 1, "tgt", 1, "a", "t"))
    assert [b.key for b in shifted] == ["0|0", "1|", "2|1,2", "3|", "|3"]
    assert [b.key for b in run(ops.shift(shifted, 1, "tgt", -1, "a", "t"))] == [b.key for b in beads]
    with pytest.raises(ReviewError):
        ops.split(beads, 0, 1, 1, pars, "a", "t")  # the second part would be empty
    with pytest.raises(ReviewError):
        ops.merge(beads, 3, 1, pars, "a", "t")  # no next bead


def test_actions_undo_and_redo_are_appended_events(out):
    service = ReviewService(out)
    act(service, "confirm", "0|0")
    act(service, "edit", "1|1", side="tgt", text="Usvojio je novi budžet.")
    act(service, "merge", "2|2", direction="down")
    assert keys(service) == ["0|0", "1|1", "2|2,3", "3|", "4|4"]
    for _ in range(3):
        act(service, "undo")
    assert keys(service) == ["0|0", "1|1", "2|2", "|3", "3|", "4|4"]
    assert all(b.status == "auto" for b in service.state(0)[1].beads)
    act(service, "redo")
    act(service, "redo")
    beads = service.state(0)[1].beads
    assert (beads[0].status, beads[1].status, beads[1].tgt_text) == ("confirmed", "edited", "Usvojio je novi budžet.")
    log = ReviewLog(out / DB_NAME)
    actions = [e.action for e in log.all_events()]
    assert actions == ["confirm", "edit", "merge", "undo", "undo", "undo", "redo", "redo"]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        log.db.execute("DELETE FROM events")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        log.db.execute("UPDATE events SET reviewer = 'x'")
    assert log.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # a second reader of the same log replays to the same beads
    again = ReviewService(out)
    assert [b.same(c) for b, c in zip(again.state(0)[1].beads, beads)] == [True] * len(beads)


def test_undo_is_per_reviewer_and_a_new_action_clears_redo(out):
    service = ReviewService(out)
    act(service, "confirm", "0|0", reviewer="ana")
    act(service, "reject", "4|4", reviewer="ben")
    act(service, "undo", reviewer="ana")  # ana's confirm, not ben's reject
    beads = {b.key: b for b in service.state(0)[1].beads}
    assert (beads["0|0"].status, beads["4|4"].status) == ("auto", "rejected")
    act(service, "confirm", "1|1", reviewer="ana")
    with pytest.raises(ReviewError, match="nothing to redo"):
        act(service, "redo", reviewer="ana")


def test_a_stale_version_is_a_conflict_not_an_overwrite(out):
    service = ReviewService(out)
    seen = {"1|1": 0}
    service.act(0, "ana", "edit", "1|1", seen, 0, {"side": "tgt", "text": "Ana's text"})
    with pytest.raises(Conflict):
        service.act(0, "ben", "edit", "1|1", seen, 0, {"side": "tgt", "text": "Ben's text"})
    assert polycorpus.load(out)["tgt_text"].tolist()[1] == "Ana's text"
    # a second process writing to the same log is caught by the log itself
    other = ReviewService(out)
    act(other, "confirm", "0|0", reviewer="cy")
    beads = {b.key: b for b in service.state(0)[1].beads}
    assert beads["0|0"].status == "confirmed"


def test_load_export_and_stats_apply_the_review(out, tmp_path):
    service = ReviewService(out)
    act(service, "merge", "2|2", direction="down", reviewer="ana")
    act(service, "reject", "3|", reviewer="ana")
    act(service, "edit", "0|0", side="tgt", text="Savet je zasedao u ponedeljak.", reviewer="ben")
    df = polycorpus.load(out, pair="en-sr_Latn")
    page = df[df["src_path"] == SRC]
    assert [list(x) for x in page["tgt_par_idx"]] == [[0], [1], [2, 3], [], [4]]
    merged = page.iloc[2]
    assert (merged["alignment_type"], merged["tgt_text"], merged["review_status"]) == ("1-2", "Budžet raste\nza 5%.", "edited")
    assert page.iloc[0]["tgt_text"] == "Savet je zasedao u ponedeljak." and page.iloc[0]["reviewer"] == "ben"
    assert page.iloc[0]["reviewed_at"].year >= 2024
    assert set(page["review_status"]) == {"edited", "rejected", "auto"}
    assert len(polycorpus.load(out, status="rejected")) == 1
    assert "rejected" not in set(polycorpus.load(out, status=["auto", "edited"])["review_status"])

    written = export_corpus(out, tmx=tmp_path / "tmx", tsv=tmp_path / "tsv")
    root = ET.parse(tmp_path / "tmx" / "en-sr_Latn.tmx").getroot()
    units = root.findall("./body/tu")
    assert written["tmx"]["en-sr_Latn"] == len(units) == 6  # 4 two-sided beads of a.txt after the merge, 2 of b.txt
    by_idx = {u.findall("tuv")[1].find("prop[@type='x-par-idx']").text: u for u in units
              if u.findall("tuv")[1].find("prop[@type='x-path']").text == TGT}
    assert by_idx["2,3"].findall("tuv")[1].find("seg").text == "Budžet raste\nza 5%."
    assert by_idx["0"].get("changeid") == "ben" and len(by_idx["0"].get("changedate")) == 16
    assert by_idx["1"].get("changeid") is None  # never reviewed
    stats = reader.stats(out)
    assert stats["pairs"]["en-sr_Latn"]["review_status"] == {"auto": 4, "edited": 2, "rejected": 1}
    assert stats["review_misfits"] == []


def test_tmx_leaves_rejected_beads_out(out, tmp_path):
    service = ReviewService(out)
    act(service, "reject", "1|1")
    export_corpus(out, tmx=tmp_path)
    texts = [seg.text for seg in ET.parse(tmp_path / "en-sr_Latn.tmx").getroot().iter("seg")]
    assert EN[1] not in texts and SR[1] not in texts and EN[0] in texts


def test_a_new_align_run_keeps_the_review_and_reports_what_no_longer_fits(out):
    service = ReviewService(out)
    act(service, "confirm", "0|0")
    act(service, "merge", "2|2", direction="down")
    service.log.close()
    # the new run aligns 2 and 3 of the target differently: the merge no longer fits, the confirm does
    new_beads = (BEADS[0], BEADS[1], Bead((2,), (2, 3), 0.7), BEADS[4], BEADS[5])
    with pytest.warns(ReviewMisfit, match="1 review decision"):
        write_output(out, beads=new_beads)
    assert (out / DB_NAME).is_file()
    with pytest.warns(ReviewMisfit, match="merge by ana"):
        df = polycorpus.load(out)
    assert df["review_status"].tolist()[0] == "confirmed"
    assert reader.stats(out)["review_misfits"][0].startswith("event 2 (merge by ana")
    # the misfit is still in the log, and still shown by the server
    assert len(ReviewLog(out / DB_NAME).all_events()) == 2
    assert [e.id for e in ReviewService(out).state(0)[1].misfits] == [2]


def test_an_unreviewed_output_loads_as_before(out):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = polycorpus.load(out, min_score=0.5)
    assert set(df["review_status"]) == {"auto"} and df["reviewer"].isna().all()
    assert not (out / DB_NAME).exists()


WRITER = """
import sys
from polycorpus.review.service import ReviewService
service = ReviewService(sys.argv[1])
keys = [b.key for b in service.state(0)[1].beads]
n = 0
while True:
    key = keys[n % len(keys)]
    action = "confirm" if n % 2 == 0 else "reject"
    bead = {b.key: b for b in service.state(0)[1].beads}[key]
    event, _ = service.act(0, "ana", action, key, {key: bead.version}, 0, {})
    print(event, flush=True)
    n += 1
"""


def test_killing_the_writer_mid_save_leaves_a_consistent_log_with_every_acknowledged_event(out):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out)], stdout=subprocess.PIPE, text=True)
    acknowledged = []
    for line in proc.stdout:  # type: ignore[union-attr]
        acknowledged.append(int(line))
        if len(acknowledged) >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    db = sqlite3.connect(out / DB_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in db.execute("SELECT id FROM events")}
    assert set(acknowledged) <= ids
    db.close()
    service = ReviewService(out)  # replays cleanly after the kill
    assert service.state(0)[1].misfits == []


def test_confirm_all_above_and_the_jumps(out):
    service = ReviewService(out)
    act(service, "reject", "1|1")
    act(service, "confirm-all", "|3")
    statuses = [b.status for b in service.state(0)[1].beads]
    assert statuses == ["confirmed", "rejected", "confirmed", "confirmed", "auto", "auto"]
    assert service.jump(0, "unreviewed", -1) == 4
    assert service.jump(0, "non11", 0) == 3 and service.jump(0, "empty", 3) == 4
    assert service.jump(0, "low", 4) == 3  # wraps round to the 0.30 bead (below 0.5)
    assert service.jump(0, "edited", -1) is None
    act(service, "confirm-page", "0|0")
    assert {b.status for b in service.state(0)[1].beads} == {"confirmed", "rejected"}
    assert service.next_page(0) == 1 and service.progress[0].n_reviewed == 6


def test_an_edited_side_splits_only_along_its_lines(out):
    service = ReviewService(out)
    act(service, "merge", "2|2", direction="down")
    act(service, "edit", "2|2,3", side="tgt", text="Budžet raste\nza pet odsto.")
    act(service, "split", "2|2,3", src_cut=1, tgt_cut=1)
    beads = service.state(0)[1].beads
    assert [b.key for b in beads][2:4] == ["2|2", "|3"] and beads[3].tgt_text == "za pet odsto."
    act(service, "undo")
    act(service, "edit", "2|2,3", side="tgt", text="Budžet raste za pet odsto.")
    with pytest.raises(ReviewError, match="one line per paragraph"):
        act(service, "split", "2|2,3", src_cut=1, tgt_cut=1)


def test_align_refuses_to_replace_an_output_under_review(out):
    from polycorpus.errors import OutputNotWritable
    from polycorpus.review.store import hold_server_lock

    ReviewService(out).log.close()
    lock = hold_server_lock(out)
    with pytest.raises(OutputNotWritable, match="review` server is running"):
        write_output(out)
    lock.close()
    write_output(out)  # once the server is gone
    assert (out / DB_NAME).is_file()


def test_decisions_on_a_page_pair_the_new_alignment_lost_are_reported(out):
    from starlette.testclient import TestClient

    from polycorpus.review.app import create_app

    service = ReviewService(out)
    act(service, "reject", "1|1", page=1)
    service.log.close()
    with pytest.warns(ReviewMisfit, match="1 review decision.*site-x/en/b.txt"):
        write_output(out, second=False)
    with pytest.warns(ReviewMisfit, match="reject by ana"):
        polycorpus.load(out)
    page = TestClient(create_app(out, "ana", "127.0.0.1", 8765), base_url="http://127.0.0.1:8765").get("/").text
    assert "1 review decision(s) are about page pairs the current alignment no longer has" in page
