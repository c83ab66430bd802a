"""The review app over HTTP: pages, actions, and the security checks (Host, Origin, token,
escaping, nothing outside OUT)."""
import re
import socket
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from polycorpus.review.app import create_app
from polycorpus.review.store import DB_NAME, ReviewLog

from .review_fixture import Server, write_output

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def out(tmp_path) -> Path:
    return write_output(tmp_path / "out")


@pytest.fixture
def client(out):
    app = create_app(out, "ana", "127.0.0.1", PORT, token="t0ken")
    return TestClient(app, base_url=ORIGIN)


def post(client, body, **headers):
    return client.post("/pair/0/action", json=body,
                       headers={"Origin": ORIGIN, "X-Review-Token": "t0ken", **headers})


def test_list_and_grid_show_the_pairs(client):
    page = client.get("/").text
    assert "site-x/en/a.txt" in page and "site-x/en/b.txt" in page
    assert client.get("/?site=nowhere").text.count("/pair/") == 0
    assert client.get("/?sort=score").text.index("b.txt") < client.get("/?sort=score").text.index("a.txt")
    grid = client.get("/pair/0").text
    assert grid.count('class="bead ') == 6 and ">auto<" in grid and "aria-keyshortcuts" in grid
    assert client.get("/pair/99").status_code == 404


def test_an_action_posts_and_the_grid_shows_it(client, out):
    r = post(client, {"action": "confirm", "key": "0|0", "seen": {"0|0": 0}, "version": 0})
    assert r.status_code == 200, r.text
    assert re.search(r'data-key="0\|0".*?<span class="word">confirmed</span>', client.get("/pair/0").text, re.S)
    stale = post(client, {"action": "reject", "key": "0|0", "seen": {"0|0": 0}, "version": 0})
    assert stale.status_code == 409 and "changed" in stale.json()["conflict"]
    assert post(client, {"action": "merge", "key": "4|4", "seen": {}, "direction": "down"}).status_code == 422
    assert client.get("/pair/0/action").status_code == 405  # a change is never a GET


def test_markup_in_a_bead_is_escaped(client):
    grid = client.get("/pair/0").text
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in grid and "<script>window.__xss" not in grid
    assert "<img src=x" not in grid
    assert "script-src 'self'" in client.get("/pair/0").headers["content-security-policy"]


def test_a_foreign_host_gets_403(client):
    assert client.get("/", headers={"Host": f"evil.example:{PORT}"}).status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 403
    assert client.get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200


def test_a_write_needs_the_token_and_a_same_origin(client, out):
    body = {"action": "confirm", "key": "0|0", "seen": {}}
    assert post(client, body, Origin="http://evil.example").status_code == 403
    assert post(client, body, **{"X-Review-Token": "wrong"}).status_code == 403
    no_origin = client.post("/pair/0/action", json=body, headers={"X-Review-Token": "t0ken"})
    assert no_origin.status_code == 403
    assert ReviewLog(out / DB_NAME).count() == 0


def test_source_pages_come_from_the_corpus_only(client):
    page = client.get("/source", params={"path": "site-x/en/a.txt"})
    assert page.status_code == 200 and 'id="p3"' in page.text and "&lt;script&gt;" in page.text
    assert client.get("/source", params={"path": "../../../etc/passwd"}).status_code == 404


def raw_get(port: int, target: str) -> int:
    """Status of a GET sent byte for byte, so `..` is not tidied away by a client library."""
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        return int(s.recv(100).split()[1])


def test_dot_dot_in_a_url_gets_404(out):
    with Server(out) as server:
        for target in ("/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
                       "/../review.sqlite", "/static/../app.py", "/review.sqlite", "/pairs/"):
            assert raw_get(server.port, target) == 404, target
        assert raw_get(server.port, "/static/review.js") == 200


def test_the_review_command_serves_with_the_login_name_and_warns_off_loopback(out, monkeypatch):
    import getpass

    from click.testing import CliRunner

    from polycorpus.cli import cli
    from polycorpus.review import app as review_app

    calls = []
    monkeypatch.setattr(review_app, "serve", lambda *a, **k: calls.append((a, k)))
    assert CliRunner().invoke(cli, ["review", str(out)]).exit_code == 0
    assert calls[0][0][:4] == (out, getpass.getuser(), "127.0.0.1", 8765)
    result = CliRunner().invoke(cli, ["review", str(out), "--host", "0.0.0.0", "--reviewer", "ana"])
    assert result.exit_code == 0 and "warning: listening on 0.0.0.0" in result.output
    assert calls[1][0][1] == "ana"


def test_killing_the_server_mid_save_loses_no_acknowledged_action(out):
    import http.client
    import json
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import threading
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("polycorpus")
    proc = subprocess.Popen([str(exe), "review", str(out), "--port", str(port), "--reviewer", "ana"],
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert "polycorpus review: http://127.0.0.1:" in proc.stderr.readline()  # type: ignore[union-attr]
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/pair/0") as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        token = re.search(r'name="review-token" content="([^"]+)"', page).group(1)
        acknowledged: list[int] = []

        def hammer() -> None:
            versions = {"0|0": 0}
            for n in range(10_000):
                body = json.dumps({"action": "confirm" if n % 2 == 0 else "reject", "key": "0|0",
                                   "seen": versions, "version": 0}).encode()
                request = urllib.request.Request(f"{base}/pair/0/action", data=body, method="POST", headers={
                    "Content-Type": "application/json", "Origin": base, "X-Review-Token": token})
                try:
                    with urllib.request.urlopen(request, timeout=5) as response:
                        event = json.loads(response.read())["event"]
                except (OSError, http.client.HTTPException):
                    return  # the server is gone, maybe mid-response: that action was not acknowledged
                acknowledged.append(event)
                versions = {"0|0": event}

        thread = threading.Thread(target=hammer)
        thread.start()
        while len(acknowledged) < 30 and thread.is_alive():
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        thread.join(timeout=30)
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()  # type: ignore[union-attr]
    db = sqlite3.connect(out / DB_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r[0] for r in db.execute("SELECT id FROM events")}
    db.close()
    assert len(acknowledged) >= 30 and set(acknowledged) <= stored
    # the lock died with the server: the output can be rebuilt, and the log replays
    from polycorpus.review.store import server_running

    assert not server_running(out)
    service = create_app(out, "ana", "127.0.0.1", PORT).service
    assert service is not None and service.state(0)[1].misfits == []
