"""Browser mode: `python -m kiosk serve` is offline and bounded.

- it refuses to start without a configuration (or --demo);
- its page fetches nothing from another machine: a headless Chromium (the
  Debian package) loads it, runs the kiosk in it, and every request the
  browser makes, as its own network log records them, goes to loopback;
- websockets only from its own page (Origin) and for this machine's names
  (Host); at most `serve.max_sessions` sessions, then a polite page in every
  offered language.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
#: The README's kiosk flags that keep the browser's own services silent
#: (update checks, network time, autofill, hints, safe-browsing lists...).
CHROMIUM_QUIET = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--safebrowsing-disable-auto-update",
    "--no-pings",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationHintsFetching,"
    "MediaRouter,Translate,TranslateUI,NetworkTimeServiceQuerying,CertificateTransparencyComponentUpdater",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("KIOSK_CONFIG", None)
    return env


class Served:
    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "serve", "--host", "127.0.0.1", "--port", str(self.port), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=_env(),
            cwd=REPO,
            start_new_session=True,  # its app processes are stopped with it
        )

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve stopped: {self.process.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("the server did not answer")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)


@pytest.fixture
def served(request):
    servers: list[Served] = []

    def start(*args: str) -> Served:
        server = Served(*args)
        servers.append(server)
        server.wait_ready()
        return server

    yield start
    for server in servers:
        server.stop()


def _site_config(tmp_path: Path, extra: str = "") -> str:
    path = tmp_path / "site.toml"
    path.write_text(f'site_name = "CCAS de Roubaix"\nsite_commune = "59512"\n{extra}', encoding="utf-8")
    return str(path)


def test_serve_refuses_to_start_without_a_configuration():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--config" in result.stderr and "--demo" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_page_names_no_other_machine(served):
    server = served("--demo")
    with urllib.request.urlopen(server.url + "/?fontsize=24", timeout=10) as response:
        page = response.read().decode("utf-8")
        assert response.headers["Cache-Control"] == "no-store"
    assert "Accès aux droits" in page
    assert "googleapis" not in page
    # Every address in the page is relative or this server's; the SVG
    # namespace is a name, not a request.
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page) + re.findall(r'url\("([^"]+)"\)', page)
    assert addresses, page
    for address in addresses:
        assert address.startswith("/") or address.startswith(server.url), address
    assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page
    # The terminal's font comes from this server.
    font = re.search(r'url\("(/static/fonts/[^"]+)"\)', page).group(1)
    with urllib.request.urlopen(server.url + font, timeout=10) as response:
        assert response.status == 200 and len(response.read()) > 10_000


async def test_websockets_only_from_this_servers_page_and_at_most_the_cap(served, tmp_path):
    server = served("--config", _site_config(tmp_path, "[serve]\nmax_sessions = 1\n"))
    ws_url = server.url + "/ws?width=80&height=24"
    async with aiohttp.ClientSession() as client:
        for headers in ({}, {"Origin": "http://evil.example"}, {"Origin": "null"}):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(ws_url, headers=headers)
            assert refused.value.status == 403, headers
        # A page of another name that points here (DNS rebinding) is refused too.
        async with client.get(server.url + "/", headers={"Host": f"evil.example:{server.port}"}) as response:
            assert response.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(
                ws_url,
                headers={"Host": f"evil.example:{server.port}", "Origin": f"http://evil.example:{server.port}"},
            )
        assert refused.value.status == 403

        # The page's own origin: accepted, one app process starts.
        first = await client.ws_connect(ws_url, headers={"Origin": server.url})
        try:
            await first.send_json(["ping", "1"])
            for _ in range(50):
                message = await first.receive(timeout=30)
                if message.type == aiohttp.WSMsgType.TEXT and json.loads(message.data)[0] == "pong":
                    break
            # Beyond the cap: the page is a polite one, in every language; the websocket is refused.
            async with client.get(server.url + "/") as response:
                assert response.status == 503
                busy = await response.text()
            assert "Le kiosque est déjà utilisé" in busy and 'lang="ar" dir="rtl"' in busy
            assert "http-equiv='refresh'" in busy
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(ws_url, headers={"Origin": server.url})
            assert refused.value.status == 503
        finally:
            await first.close()
        # The session closed: the kiosk page again.
        for _ in range(100):
            async with client.get(server.url + "/") as response:
                if response.status == 200:
                    break
            await asyncio.sleep(0.2)
        assert response.status == 200


def test_the_server_keeps_no_record_of_the_visits(served):
    """No access log: a line per request said when each person used the kiosk."""
    server = served("--demo")
    with urllib.request.urlopen(server.url + "/?fontsize=20", timeout=30) as page:
        assert page.status == 200
    server.stop()
    written = server.process.stderr.read().decode("utf-8", "replace")
    assert "GET /" not in written and "fontsize" not in written, written


# ------------------------------------------------------------ in Chromium
class DevTools:
    """The few Chrome DevTools protocol calls the test needs, over aiohttp."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict] = []

    async def call(self, method: str, session: str | None = None, **params) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        await self.ws.send_json(message)
        while True:
            reply = await self.ws.receive_json(timeout=60)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    async def evaluate(self, session: str, expression: str):
        reply = await self.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
        return reply.get("result", {}).get("value")

    def params(self, method: str) -> list[dict]:
        """The parameters of the events of `method` recorded so far."""
        return [e["params"] for e in self.events if e.get("method") == method]


NEEDS_CHROMIUM = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason="needs Debian's chromium (apt-get install chromium) to load the page in a real browser",
)


@contextlib.asynccontextmanager
async def kiosk_in_chromium(server: Served, netlog: Path, fontsize: int = 16):
    """A headless Chromium (1280×800) showing the kiosk's page, recording its
    network log in `netlog`: the DevTools client and the page's session, once
    the kiosk is drawn in the page."""
    profile = tempfile.mkdtemp(prefix="kiosk-chromium-")
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            *CHROMIUM_QUIET,
            f"--user-data-dir={profile}",
            f"--log-net-log={netlog}",
            "--net-log-capture-mode=Default",
            "--remote-debugging-port=0",
            "--window-size=1280,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        devtools_url = None
        deadline = time.monotonic() + 60
        while devtools_url is None and time.monotonic() < deadline:
            line = browser.stderr.readline().decode("utf-8", "replace")
            if not line and browser.poll() is not None:
                break
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                devtools_url = found.group(1)
        assert devtools_url, "chromium did not start"
        async with aiohttp.ClientSession() as client, client.ws_connect(devtools_url, max_msg_size=0) as ws:
            cdp = DevTools(ws)
            target = (await cdp.call("Target.createTarget", url="about:blank"))["targetId"]
            session = (await cdp.call("Target.attachToTarget", targetId=target, flatten=True))["sessionId"]
            await cdp.call("Network.enable", session)
            await cdp.call("Page.navigate", session, url=f"{server.url}/?fontsize={fontsize}")
            # The kiosk runs in the page once its first bytes arrive over the websocket.
            started = False
            for _ in range(240):
                try:
                    started = "-first-byte" in str(await cdp.evaluate(session, "document.body.className"))
                except AssertionError:  # the page loads again (a fontsize too large)
                    started = False
                if started:
                    break
                await asyncio.sleep(0.25)
            assert started, "the kiosk did not start in the page"
            yield cdp, session
            await cdp.call("Browser.close")
        browser.wait(timeout=30)
    finally:
        if browser.poll() is None:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


def drawn_since(cdp: DevTools, start: int) -> str:
    """What the kiosk sent the page to draw (its websocket frames) from the
    `start`-th event recorded: the terminal's output, escape codes included,
    in which a run of text in one style reads whole."""
    out = []
    for event in cdp.events[start:]:
        if event.get("method") == "Network.webSocketFrameReceived":
            frame = event["params"]["response"]
            data = frame["payloadData"]
            out.append(base64.b64decode(data).decode("utf-8", "replace") if frame["opcode"] == 2 else data)
    return "".join(out)


async def drawn(cdp: DevTools, session: str, text: str, start: int = 0) -> bool:
    """Whether the kiosk draws `text` in the page (from the `start`-th event
    recorded) within 20 s."""
    for _ in range(80):
        if text in drawn_since(cdp, start):
            return True
        await asyncio.sleep(0.25)
        await cdp.evaluate(session, "1")  # brings the events recorded meanwhile
    return text in drawn_since(cdp, start)


@pytest.mark.timeout(240)
@NEEDS_CHROMIUM
async def test_in_chromium_every_request_stays_on_this_machine(served, tmp_path):
    server = served("--demo")
    netlog = tmp_path / "netlog.json"
    async with kiosk_in_chromium(server, netlog) as (cdp, _session):
        await asyncio.sleep(1.0)
        page_requests = [p["request"]["url"] for p in cdp.params("Network.requestWillBeSent")]
        sockets = [p["url"] for p in cdp.params("Network.webSocketCreated")]

    # Everything the page asked for (documents, scripts, styles, fonts,
    # images, websockets) went to this machine, and the kiosk ran.
    assert page_requests and sockets, (page_requests, sockets)
    for url in page_requests + sockets:
        if urlsplit(url).scheme in ("data", "blob", "about"):
            continue
        assert urlsplit(url).hostname == "127.0.0.1", url
    assert any(url.startswith(server.url + "/static/fonts/") for url in page_requests), page_requests
    assert any(url.startswith(f"ws://127.0.0.1:{server.port}/ws") for url in sockets), sockets
    # The browser's own network log (every request of the process) names no
    # font service: nothing of the page went elsewhere. Chromium's own
    # services (update checks, account list, DNS probes) still try to go out
    # whatever the flags: the README says to block the kiosk machine's
    # outbound traffic at its firewall.
    recorded = netlog.read_text(encoding="utf-8", errors="replace")
    assert f"127.0.0.1:{server.port}/static/fonts/" in recorded, "the network log recorded nothing"
    for host in ("fonts.googleapis.com", "fonts.gstatic.com"):
        assert host not in recorded


@pytest.mark.timeout(240)
@NEEDS_CHROMIUM
async def test_in_chromium_the_keys_work_and_the_focus_shows_before_any_tap(served, tmp_path):
    """A person with a keyboard at a browser kiosk: textual-serve's page left
    the keyboard on the page (keys lost until a tap on the kiosk) and its app
    started as a window in the background (no focused button drawn)."""
    server = served("--demo")
    async with kiosk_in_chromium(server, tmp_path / "netlog.json") as (cdp, session):
        assert "xterm-helper-textarea" in str(await cdp.evaluate(session, "document.activeElement.className"))
        assert await drawn(cdp, session, "▶ Français ◀"), "the focused button is not drawn as focused"
        before = len(cdp.events)
        for kind in ("keyDown", "keyUp"):
            await cdp.call(
                "Input.dispatchKeyEvent",
                session,
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                **({"text": "\r"} if kind == "keyDown" else {}),
            )
        assert await drawn(cdp, session, "Dans quelle ville habitez-vous", before), "Enter did not reach the kiosk"


@pytest.mark.timeout(240)
@NEEDS_CHROMIUM
async def test_in_chromium_a_fontsize_too_large_for_the_screen_is_made_smaller(served, tmp_path):
    """At 30 on a 1280×800 screen the kiosk had 71×20 (its last keys off the
    edge, README's table): the page loads again with a size that keeps 80×24,
    before any session starts."""
    server = served("--demo")
    async with kiosk_in_chromium(server, tmp_path / "netlog.json", fontsize=30) as (cdp, session):
        search = await cdp.evaluate(session, "location.search")
        sockets = [p["url"] for p in cdp.params("Network.webSocketCreated")]
    fontsize = int(re.search(r"fontsize=(\d+)", search).group(1))
    assert 20 <= fontsize < 30, search
    # One websocket only (the page at 30 opened none), for at least 80×24.
    assert len(sockets) == 1, sockets
    size = re.search(r"width=(\d+)&height=(\d+)", sockets[0])
    assert int(size.group(1)) >= 80 and int(size.group(2)) >= 24, sockets
