"""The review app end to end in real headless Chromium (Debian's chromium, driven by playwright;
no browser download). .ci/run installs chromium when it is missing."""
import http.server
import os
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import polycorpus
from polycorpus.export import export_corpus
from polycorpus.review.store import DB_NAME, ReviewLog

from .review_fixture import EN, SR, Server, write_output

CHROMIUM = Path("/usr/bin/chromium")
# Outside CI a developer without chromium is told and the tests skip; in CI (.ci/run sets
# up chromium) a missing browser is a failure, never a silent skip.
pytestmark = pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                                reason="needs Debian's chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless"])
        yield browser
        browser.close()


@pytest.fixture
def served(tmp_path):
    out = write_output(tmp_path / "out")
    with Server(out) as server:
        yield server, out


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def row(page, index: int):
    return page.locator(f"#b{index}")


def act(page, label: str) -> None:
    """Click a toolbar button and wait for the grid to reload with the result."""
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).click()


def test_confirm_a_bead_and_it_stays_confirmed_after_a_reload(page, served):
    server, out = served
    page.goto(f"{server.url}/")
    page.get_by_role("link", name="site-x/en/a.txt").click()
    row(page, 1).click()
    act(page, "Confirm")
    assert row(page, 1).locator(".status .word").inner_text() == "confirmed"
    page.reload()
    assert row(page, 1).locator(".status .word").inner_text() == "confirmed"
    assert row(page, 0).locator(".status .word").inner_text() == "auto"
    assert polycorpus.load(out)["review_status"].tolist()[:2] == ["auto", "confirmed"]
    assert page.dialogs == []


def test_edit_a_target_text_then_undo_it(page, served):
    server, out = served
    page.goto(f"{server.url}/pair/0")
    row(page, 1).click()
    page.keyboard.press("e")  # the shortcut of "Edit target"
    box = row(page, 1).get_by_role("textbox", name="Target text")
    box.fill("Usvojio je novi budžet.")
    with page.expect_navigation():
        row(page, 1).get_by_role("button", name="Save").click()
    assert row(page, 1).locator("td.tgt").inner_text() == "Usvojio je novi budžet."
    assert row(page, 1).locator(".status .word").inner_text() == "edited"
    assert polycorpus.load(out)["tgt_text"].tolist()[1] == "Usvojio je novi budžet."
    act(page, "Undo")
    assert row(page, 1).locator("td.tgt").inner_text() == SR[1]
    assert row(page, 1).locator(".status .word").inner_text() == "auto"
    assert polycorpus.load(out)["tgt_text"].tolist()[1] == SR[1]
    assert [e.action for e in ReviewLog(out / DB_NAME).all_events()] == ["edit", "undo"]  # undo appends
    act(page, "Redo")
    assert row(page, 1).locator("td.tgt").inner_text() == "Usvojio je novi budžet."


def test_merge_two_beads_and_export_shows_the_merge(page, served, tmp_path):
    server, out = served
    page.goto(f"{server.url}/pair/0")
    row(page, 2).click()
    act(page, "Merge with next")
    assert row(page, 2).locator("td.kind").inner_text() == "1-2"
    assert row(page, 2).locator("td.tgt").inner_text() == f"{SR[2]}\n{SR[3]}"
    df = polycorpus.load(out)
    merged = df[(df["src_path"] == "site-x/en/a.txt")].iloc[2]
    assert (list(merged["src_par_idx"]), list(merged["tgt_par_idx"])) == ([2], [2, 3])
    export_corpus(out, tmx=tmp_path / "tmx")
    units = ET.parse(tmp_path / "tmx" / "en-sr_Latn.tmx").getroot().findall("./body/tu")
    segs = [[s.text for s in u.iter("seg")] for u in units]
    assert [EN[2], f"{SR[2]}\n{SR[3]}"] in segs
    merged_unit = units[segs.index([EN[2], f"{SR[2]}\n{SR[3]}"])]
    assert merged_unit.get("changeid") == "ana"
    assert merged_unit.findall("tuv")[1].find("prop[@type='x-par-idx']").text == "2,3"


def test_two_pages_edit_the_same_bead_and_one_gets_a_conflict(browser, served):
    server, out = served
    first, second = browser.new_context().new_page(), browser.new_context().new_page()
    for p in (first, second):
        p.goto(f"{server.url}/pair/0")
        row(p, 0).click()
        p.get_by_role("button", name="Edit target").click()
        row(p, 0).get_by_role("textbox").fill(f"text from {'first' if p is first else 'second'}")
    with first.expect_navigation():
        row(first, 0).get_by_role("button", name="Save").click()
    row(second, 0).get_by_role("button", name="Save").click()
    banner = second.locator("#message")
    banner.wait_for(state="visible")
    assert banner.inner_text().startswith("Conflict:")
    assert "changed" in banner.inner_text()
    assert polycorpus.load(out)["tgt_text"].tolist()[0] == "text from first"
    second.reload()
    assert row(second, 0).locator("td.tgt").inner_text() == "text from first"
    first.context.close()
    second.context.close()


def test_markup_in_a_paragraph_stays_inert(page, served):
    server, _ = served
    page.goto(f"{server.url}/pair/0")
    cell = row(page, 4).locator("td.src")
    assert cell.inner_text() == EN[3]  # the characters are shown
    assert cell.locator("img, script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    with page.context.expect_page() as source:  # the source page shows it too
        row(page, 4).locator("td.idx a").first.click()
    src = source.value
    src.wait_for_load_state()
    assert src.locator("#p3").inner_text().endswith(EN[3])
    assert src.evaluate("typeof window.__xss") == "undefined"


class _Attacker(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self):  # noqa: N802
        body = (f'<form id="f" method="post" action="{self.target}/pair/0/action" enctype="text/plain">'
                '<input name=\'{"action":"confirm","key":"0|0","seen":{},"x":"\' value=\'"}\'>'
                '<button>go</button></form>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_cross_origin_post_is_refused(page, served):
    server, out = served
    _Attacker.target = server.url
    attacker = http.server.HTTPServer(("127.0.0.1", 0), _Attacker)
    thread = threading.Thread(target=attacker.serve_forever, daemon=True)
    thread.start()
    try:
        page.goto(f"http://127.0.0.1:{attacker.server_address[1]}/")
        with page.expect_navigation():
            page.get_by_role("button", name="go").click()
        assert "forbidden" in page.content()
        # a script on the other site fails the same way, even with the token guessed right
        page.goto(f"http://127.0.0.1:{attacker.server_address[1]}/")
        status = page.evaluate("""async (url) => {
            try { const r = await fetch(url, {method: 'POST', mode: 'no-cors', body: '{}'}); return r.type; }
            catch (e) { return 'error'; } }""", f"{server.url}/pair/0/action")
        assert status in ("opaque", "error")
    finally:
        attacker.shutdown()
    assert ReviewLog(out / DB_NAME).count() == 0
    assert set(polycorpus.load(out)["review_status"]) == {"auto"}


def test_every_action_is_a_labelled_button_with_a_shortcut_listed_in_the_help(page, served):
    server, out = served
    page.goto(f"{server.url}/pair/0")
    buttons = page.locator(".toolbar button")
    assert buttons.count() >= 20
    for k in range(buttons.count()):
        button = buttons.nth(k)
        assert button.inner_text().strip() and button.get_attribute("aria-keyshortcuts")
    assert page.locator("#help").is_hidden()
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "Merge with next" in page.locator("#help").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#help").is_hidden()
    # keys drive the grid: J moves down, C confirms, Z undoes
    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("c")
    assert row(page, 1).locator(".status .word").inner_text() == "confirmed"
    with page.expect_navigation():
        page.keyboard.press("z")
    assert row(page, 1).locator(".status .word").inner_text() == "auto"
    assert page.dialogs == []
