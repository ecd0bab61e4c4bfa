"""Browser mode: the kiosk served by textual-serve, offline and bounded.

textual-serve's own page asks fonts.googleapis.com for its font, builds the
websocket address from the address it listens on, accepts a websocket from
any page and starts an app process (about 200 MiB) for every one. Through
its public options (`templates_path`) and methods, `KioskServer`:

- serves its own page (kiosk/serve_templates/app_index.html): the same
  terminal, the font from textual-serve's own static files (Roboto Mono),
  nothing from elsewhere; the websocket is on the page's own origin;
- accepts a websocket only from a page of this server (the Origin header),
  and only for a name of this machine (the Host header: a web page cannot
  reach the kiosk by a name of its own that points here);
- runs at most `serve.max_sessions` app processes; beyond, a polite page in
  every offered language says to try again in a moment (and reloads itself);
- logs without tracebacks' local variables.
"""

from __future__ import annotations

import atexit
import html
import logging
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from kiosk.config import CONFIG_ENV, KioskConfig
from kiosk.pin import STATE_ENV
from locales import N_

log = logging.getLogger("kiosk.serve")

TEMPLATES = Path(__file__).with_name("serve_templates")
TITLE = "Accès aux droits"
BUSY = N_("Le kiosque est déjà utilisé. Merci de réessayer dans un moment.")
#: Seconds before the busy page tries again by itself.
BUSY_RETRY = 15
#: Names of this machine a browser on it may use (besides --host).
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


class KioskServer(Server):
    def __init__(self, command: str, config: KioskConfig, *, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title=TITLE, templates_path=TEMPLATES)
        self.config = config
        self.max_sessions = config.serve.max_sessions
        self.sessions = 0
        self.allowed_hosts = LOOPBACK_NAMES | {host, f"[{host}]"}

    # ------------------------------------------------------------ checks
    def _host_allowed(self, request: web.Request) -> bool:
        host = request.host or ""
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in self.allowed_hosts

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        return origin is not None and origin == f"{request.scheme}://{request.host}"

    # ------------------------------------------------------------- pages
    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if not self._host_allowed(request):
            raise web.HTTPForbidden(text="Forbidden")
        if self.sessions >= self.max_sessions:
            return self.busy_page()
        context: dict[str, Any] = {
            "font_size": max(10, min(64, to_int(request.query.get("fontsize", "16"), 16))),
            # Relative to the page: same origin whatever name the browser used.
            "app_websocket_url": ("wss" if request.secure else "ws") + f"://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        _no_store(response)
        return response

    def busy_page(self) -> web.Response:
        from locales import gettext, is_rtl

        lines = []
        for code in self.config.languages:
            text = html.escape(gettext(code, BUSY))
            direction = "rtl" if is_rtl(code) else "ltr"
            lines.append(f'<p lang="{code}" dir="{direction}">{text}</p>')
        body = (
            "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
            f"<meta http-equiv='refresh' content='{BUSY_RETRY}'>"
            f"<title>{html.escape(TITLE)}</title>"
            "<style>body{font:24px sans-serif;background:#f7f7f2;color:#111;margin:2em}"
            "p{margin:.6em 0}</style></head><body>\n" + "\n".join(lines) + "\n</body></html>\n"
        )
        response = web.Response(text=body, content_type="text/html", status=503)
        response.headers["Retry-After"] = str(BUSY_RETRY)
        _no_store(response)
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._host_allowed(request) or not self._same_origin(request):
            log.warning("websocket refused: not from this server's page")
            raise web.HTTPForbidden(text="Forbidden")
        if self.sessions >= self.max_sessions:
            log.info("websocket refused: %d sessions already", self.sessions)
            raise web.HTTPServiceUnavailable(text="Busy")
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPNotFound()  # the kiosk offers no download

    # ------------------------------------------------------------ process
    def initialize_logging(self) -> None:
        # textual-serve's default prints tracebacks with their local variables.
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
        # No access log: a line per request is a record of when each person
        # used the kiosk (and their page's size), which nobody needs.
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        print(f"Accès aux droits: serving the kiosk on {self.public_url} (at most {self.max_sessions} sessions)")


def _no_store(response: web.StreamResponse) -> None:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"


def serve(config: KioskConfig, config_path: str, *, host: str, port: int, advisor: bool = False) -> None:
    # Each browser session runs this command in its own process; the child
    # finds the configuration, and the count of wrong staff PINs shared by
    # all sessions (a reload must not reset it), through the environment.
    os.environ[CONFIG_ENV] = os.path.abspath(config_path)
    state = tempfile.mkdtemp(prefix="kiosk-pin-")
    atexit.register(shutil.rmtree, state, ignore_errors=True)
    os.environ[STATE_ENV] = os.path.join(state, "state.json")
    command = f"{shlex.quote(sys.executable)} -m kiosk" + (" --advisor" if advisor else "")
    KioskServer(command, config, host=host, port=port).serve()
