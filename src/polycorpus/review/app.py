"""The review web app: Starlette routes over a ReviewService, Jinja2 templates with autoescape.

Security, since the pages show scraped text in a browser that also visits other sites:
- every request whose Host is not this server's own address gets 403 (DNS rebinding);
- a request that changes anything needs the token made at this start (X-Review-Token)
  and a same-origin Origin, or it gets 403 (cross-site POST);
- every text goes through Jinja2's autoescape, and a Content-Security-Policy allows only
  this server's own script file, so markup in a bead is shown, never run;
- only the app's own files are served from disk; pages of the corpus are looked up by
  their path as a key in OUT's Parquet files, so `..` in a URL matches nothing (404).
"""
from __future__ import annotations

import ipaddress
import json
import secrets
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .service import JUMPS, LOW_SCORE, Conflict, ReviewService, bead_view
from .shortcuts import ACTIONS, GROUPS
from .state import ReviewError

HERE = Path(__file__).parent
WINDOW = 200  # beads per grid page: a 2,000-bead pair is shown 200 at a time
LIST_PAGE = 50
SAFE_METHODS = ("GET", "HEAD")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def _host_allowed(host_header: str, bound: str, port: int) -> bool:
    """Host must name this server: localhost, the bound name, or an IP literal, with our port."""
    host, _, given_port = host_header.rpartition(":") if not host_header.endswith("]") else (host_header, "", "")
    if not host or given_port != str(port):
        return False
    host = host.strip("[]").lower()
    if host in ("localhost", bound.lower()):
        return True
    try:
        ipaddress.ip_address(host)  # a rebinding attack needs a DNS name, never an IP literal
        return True
    except ValueError:
        return False


class Guard:
    """ASGI middleware: Host check on every request, token and Origin on every write, security headers."""

    def __init__(self, app, host: str, port: int, token: str, service: ReviewService | None = None) -> None:
        self.app, self.host, self.port, self.token = app, host, port, token
        self.service = service  # for tests and benchmarks

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        refusal = None
        if not _host_allowed(host, self.host, self.port):
            refusal = "forbidden: unknown Host (this server answers only to its own address)"
        elif scope["method"] not in SAFE_METHODS:
            if headers.get("origin") != f"http://{host}":
                refusal = "forbidden: a change must come from this server's own pages (Origin)"
            # bytes: compare_digest refuses a str with non-ASCII characters (a 500, not a 403)
            elif not secrets.compare_digest(headers.get("x-review-token", "").encode("latin-1"), self.token.encode()):
                refusal = "forbidden: missing or wrong review token; reload the page"
        if refusal:
            return await PlainTextResponse(refusal, status_code=403)(scope, receive, send)

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [(b"content-security-policy", CSP.encode()),
                                       (b"x-content-type-options", b"nosniff"),
                                       (b"referrer-policy", b"no-referrer"),
                                       (b"cache-control", b"no-store")]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(out: Path, reviewer: str, host: str = "127.0.0.1", port: int = 8765,
               pair: str | None = None, token: str | None = None) -> Guard:
    """The ASGI app for corpus OUT; `pair` preselects a language pair in the list."""
    service = ReviewService(Path(out))
    token = token or secrets.token_urlsafe(32)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(token=token, reviewer=reviewer, actions=ACTIONS, groups=GROUPS, low_score=LOW_SCORE)

    def render(name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def not_found(what: str) -> HTMLResponse:
        return render("error.html", 404, message=f"{what} not found")

    def page_id(request: Request) -> int | None:
        try:
            pid = int(request.path_params["pid"])
        except ValueError:
            return None
        return pid if 0 <= pid < len(service.pages) else None

    async def pair_list(request: Request) -> Response:
        q = request.query_params
        chosen = {k: q.get(k, "") for k in ("pair", "site", "status", "sort")}
        if "pair" not in q and pair:
            chosen["pair"] = pair
        try:
            page = max(0, int(q.get("page", "0")))
        except ValueError:
            page = 0
        rows, total = service.list_pages(offset=page * LIST_PAGE, limit=LIST_PAGE, **chosen)
        pairs, sites = service.facets()

        def link(**change) -> str:
            return "/?" + urlencode({**chosen, "page": page, **change})

        return render("list.html", rows=rows, total=total, page=page, pages=(total + LIST_PAGE - 1) // LIST_PAGE,
                      chosen=chosen, pairs=pairs, sites=sites, link=link, orphans=service.orphans)

    async def grid(request: Request) -> Response:
        pid = page_id(request)
        if pid is None:
            return not_found("page pair")
        entry = service.pages[pid]
        base, replayed = service.state(pid)
        beads = replayed.beads
        focus = request.query_params.get("focus", "")
        keys = [b.key for b in beads]
        try:
            start = int(request.query_params.get("start", "0"))
        except ValueError:
            start = 0
        if focus in keys:
            start = keys.index(focus) // WINDOW * WINDOW
        start = max(0, min(start, max(0, len(beads) - 1)) // WINDOW * WINDOW)
        rows = [(start + i, bead_view(base, b)) for i, b in enumerate(beads[start:start + WINDOW])]
        progress = service.progress[pid]
        return render("pair.html", entry=entry, rows=rows, start=start, total=len(beads), window=WINDOW,
                      version=replayed.last_event, focus=focus, progress=progress, misfits=replayed.misfits,
                      can_undo=bool(replayed.done.get(reviewer)), can_redo=bool(replayed.undone.get(reviewer)))

    async def jump(request: Request) -> Response:
        pid = page_id(request)
        kind = request.query_params.get("kind", "")
        if pid is None or kind not in JUMPS:
            return not_found("jump")
        try:
            after = int(request.query_params.get("from", "-1"))
        except ValueError:
            after = -1
        found = service.jump(pid, kind, after)
        beads = service.state(pid)[1].beads  # another server may have changed the pair since: stay in range
        target = f"/pair/{pid}?" + urlencode({"focus": beads[found].key} if found is not None and found < len(beads)
                                             else {"none": kind})
        return RedirectResponse(target, status_code=303)

    async def act(request: Request) -> Response:
        pid = page_id(request)
        if pid is None:
            return JSONResponse({"error": "no such page pair"}, status_code=404)
        try:
            body = json.loads(await request.body())
            action = str(body["action"])
            seen = {str(k): int(v) for k, v in dict(body.get("seen", {})).items()}
            version = int(body.get("version", 0))
        except (ValueError, KeyError, TypeError, AttributeError):  # AttributeError: a body that is no object
            return JSONResponse({"error": "malformed request"}, status_code=400)
        try:
            event, focus = service.act(pid, reviewer, action, str(body.get("key", "")), seen, version, body)
        except Conflict as exc:
            return JSONResponse({"conflict": str(exc)}, status_code=409)
        except ReviewError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        reply: dict[str, object] = {"event": event, "focus": focus}
        if action == "confirm-page":
            reply["next"] = service.next_page(pid)
        return JSONResponse(reply)

    async def source(request: Request) -> Response:
        path = request.query_params.get("path", "")
        lines = service.source(path) if path else []
        if not lines:
            return not_found("page")
        return render("source.html", path=path, lines=lines)

    app = Starlette(routes=[
        Route("/", pair_list),
        Route("/pair/{pid}", grid),
        Route("/pair/{pid}/jump", jump),
        Route("/pair/{pid}/action", act, methods=["POST"]),
        Route("/source", source),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ])
    return Guard(app, host, port, token, service)


def serve(out: Path, reviewer: str, host: str = "127.0.0.1", port: int = 8765, pair: str | None = None,
          on_ready=None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    from .store import hold_server_lock

    app = create_app(out, reviewer, host, port, pair)
    with hold_server_lock(out):
        if on_ready:
            on_ready(f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/")
        uvicorn.run(app, host=host, port=port, log_level="warning")
