"""The classroom's door: an ASGI middleware that lets in only who has the join code.

:class:`TokenGate` wraps the whole web app (Solara's pages, its static files, its websocket),
so the check happens on the server for every request, before Solara sees it:

* ``/?code=K7PQ3X`` (the join code, as printed by ``werkhalle classroom``) sets an HttpOnly
  cookie and redirects to the same page without the code; later requests and the page's
  websocket carry the cookie;
* ``/board?key=<lecturer token>`` does the same for the lecturer (the board, and the
  export at ``/board/export.csv`` and ``/board/export.xlsx``, need the lecturer's token);
* anything else without a valid cookie gets ``403`` and a small page to type the code in
  (self-contained: no scripts, no other files); a websocket without it is closed before it
  is accepted (the browser sees ``403``);
* wrong codes are counted per client address: after :data:`MAX_WRONG` within
  :data:`WRONG_WINDOW` seconds further attempts get ``429`` until the window has passed.

Plain ASGI, no web framework needed; the board's export comes from :mod:`sim.dashboard.board`.
"""

from __future__ import annotations

import html
import io
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from sim.dashboard.board import export_csv, export_xlsx, xlsx_available
from sim.dashboard.classroom import Classroom
from sim.labels import SYNTHETIC_LABEL

JOIN_COOKIE = "werkhalle-join"
"""Cookie holding the participants' join code."""
BOARD_COOKIE = "werkhalle-board"
"""Cookie holding the lecturer's token."""
BOARD_PATH = "/board"
"""Where the lecturer's board lives."""
MAX_WRONG = 20
"""Wrong codes allowed per client address within :data:`WRONG_WINDOW`."""
WRONG_WINDOW = 600.0
"""Seconds over which wrong codes are counted."""

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
                   Awaitable[None]]

_FORM = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Werkhalle classroom (SYNTHETIC)</title>
<style>body{{font-family:sans-serif;margin:0}}.bar{{background:#b71c1c;color:#fff;
padding:6px 16px;font-weight:600}}main{{padding:24px}}input{{font-size:20px;
letter-spacing:3px;width:9em}}button{{font-size:18px}}.msg{{color:#b71c1c}}</style></head>
<body><div class="bar">{label}</div><main><h1>Werkhalle classroom</h1>
<p class="msg" id="wh-refused">{message}</p>
<form method="get" action="/"><label>Join code / Beitrittscode:
<input name="code" autocomplete="off" autofocus></label> <button>Join / Beitreten</button>
</form><p>Ask your lecturer for the code. / Den Code nennt Ihre Lehrkraft.</p></main>
</body></html>"""


def cookies_of(scope: Scope) -> dict[str, str]:
    """The cookies a request (or websocket handshake) carries."""
    jar = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header counts as none
                return {}
    return {key: morsel.value for key, morsel in jar.items()}


class TokenGate:
    """ASGI middleware: only requests with the join code (or the lecturer's token) get in.

    Args:
        app: The wrapped ASGI app (Solara's).
        classroom: Knows the codes and holds the results for the export.
        clock: Seconds (monotonic); tests pass their own.
    """

    def __init__(self, app: ASGIApp, classroom: Classroom,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.classroom = classroom
        self.clock = clock
        self._wrong: dict[str, list[float]] = {}

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Any]],
                       send: Callable[[Any], Awaitable[None]]) -> None:
        """Check the request, then pass it on, answer it, or refuse it."""
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        cookies = cookies_of(scope)
        lecturer = self.classroom.check_lecturer(cookies.get(BOARD_COOKIE))
        joined = lecturer or self.classroom.check_join(cookies.get(JOIN_COOKIE))
        path = scope.get("path", "/")
        board = path == BOARD_PATH or path.startswith(BOARD_PATH + "/")
        if kind == "websocket":
            if joined:
                await self.app(scope, receive, send)
            else:
                await send({"type": "websocket.close", "code": 1008})
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        client = (scope.get("client") or ("?", 0))[0]
        if "code" in query or "key" in query:
            if self._blocked(client):
                await self._page(send, 429, "Too many wrong codes; wait a few minutes.")
                return
            key, code = query.get("key", [""])[0], query.get("code", [""])[0]
            if key and self.classroom.check_lecturer(key):
                await self._redirect(send, path, {BOARD_COOKIE: key, JOIN_COOKIE: key})
                return
            if code and self.classroom.check_join(code):
                await self._redirect(send, path, {JOIN_COOKIE: code})
                return
            self._wrong.setdefault(client, []).append(self.clock())
            await self._page(send, 403, "Wrong code. / Falscher Code.")
            return
        if board and not lecturer:
            await self._page(send, 403, "The class board needs the lecturer's link.")
            return
        if not joined:
            await self._page(send, 403, "")
            return
        if lecturer and path in (f"{BOARD_PATH}/export.csv", f"{BOARD_PATH}/export.xlsx"):
            await self._export(send, path.endswith(".xlsx"))
            return
        await self.app(scope, receive, send)

    def _blocked(self, client: str) -> bool:
        now = self.clock()
        recent = [t for t in self._wrong.get(client, []) if now - t < WRONG_WINDOW]
        self._wrong[client] = recent
        return len(recent) >= MAX_WRONG

    async def _page(self, send: Callable[[Any], Awaitable[None]], status: int,
                    message: str) -> None:
        body = _FORM.format(label=html.escape(SYNTHETIC_LABEL),
                            message=html.escape(message)).encode()
        await _respond(send, status, body, "text/html; charset=utf-8")

    async def _redirect(self, send: Callable[[Any], Awaitable[None]], path: str,
                        cookies: dict[str, str]) -> None:
        headers = [(b"location", (path or "/").encode()), (b"cache-control", b"no-store")]
        for name, value in cookies.items():
            headers.append((b"set-cookie", f"{name}={value}; Path=/; HttpOnly; "
                                           f"SameSite=Strict".encode()))
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def _export(self, send: Callable[[Any], Awaitable[None]], xlsx: bool) -> None:
        if xlsx and xlsx_available():
            buffer = io.BytesIO()
            export_xlsx(self.classroom, buffer)
            await _respond(send, 200, buffer.getvalue(), "application/vnd.openxmlformats-"
                           "officedocument.spreadsheetml.sheet", "werkhalle_class_SYNTHETIC.xlsx")
        elif xlsx:
            await self._page(send, 404, "xlsx export needs openpyxl (pip install openpyxl).")
        else:
            await _respond(send, 200, export_csv(self.classroom).encode(),
                           "text/csv; charset=utf-8", "werkhalle_class_SYNTHETIC.csv")


async def _respond(send: Callable[[Any], Awaitable[None]], status: int, body: bytes,
                   content_type: str, filename: str = "") -> None:
    headers = [(b"content-type", content_type.encode()), (b"cache-control", b"no-store"),
               (b"content-length", str(len(body)).encode())]
    if filename:
        headers.append((b"content-disposition", f'attachment; filename="{filename}"'.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
