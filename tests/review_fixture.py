"""A small hand-made corpus output for the review tests (one site, two page pairs, an XSS paragraph)."""
from pathlib import Path

from polycorpus.export.parquet import CorpusWriter
from polycorpus.models import Bead, Block, Document, LangResult, LineDecision, Page, PagePair, Paragraph, SiteResult

XSS = '<img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>'


def document(path: str, tag: str, texts: list[str]) -> Document:
    lines = [LineDecision(t, False, "content", 0.0, i) for i, t in enumerate(texts)]
    page = Page(path, "site-x", "text", "utf-8", tuple(Block(line.text) for line in lines))
    lang = LangResult(tag, 0.97, ("test",))
    return Document(page, lang, tuple(Paragraph(i, t, lang) for i, t in enumerate(texts)), tuple(lines))


EN = ["The council met on Monday.", "It approved the budget.", "The budget grows by 5%.", XSS, "Contact us."]
SR = ["Savet se sastao u ponedeljak.", "Usvojio je budžet.", "Budžet raste", "za 5%.", "Kontaktirajte nas."]
BEADS = (Bead((0,), (0,), 0.92), Bead((1,), (1,), 0.85), Bead((2,), (2,), 0.55), Bead((), (3,), 0.3),
         Bead((3,), (), 0.2), Bead((4,), (4,), 0.9))


def write_output(folder: Path, beads=BEADS, sr=SR, second: bool = True) -> Path:
    en = document("site-x/en/a.txt", "en", EN)
    sr_doc = document("site-x/sr/a.txt", "sr-Latn", sr)
    en2 = document("site-x/en/b.txt", "en", ["Second page.", "More text."])
    sr2 = document("site-x/sr/b.txt", "sr-Latn", ["Druga strana.", "Još teksta."])
    pairs = ((PagePair(en, sr_doc, 0.8), beads),) + (
        ((PagePair(en2, sr2, 0.6), (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8))),) if second else ())
    result = SiteResult("site-x", (en, sr_doc, en2, sr2), (), pairs, ())
    with CorpusWriter(folder, {}) as writer:
        writer.write_site(result)
    return folder


class Server:
    """The review app under uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, out: Path, reviewer: str = "ana") -> None:
        import socket

        from polycorpus.review.app import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.app = create_app(out, reviewer, "127.0.0.1", self.port)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        import threading
        import time

        import uvicorn

        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the review server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
