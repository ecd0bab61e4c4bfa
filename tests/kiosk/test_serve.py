"""Browser mode: `python -m kiosk serve` answers on the loopback address."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_with_the_kiosk_page():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert page is not None, "the server did not answer"
        assert "Accès aux droits" in page
        # Each browser session gets its own app process, over a websocket.
        assert "ws" in page.lower()
    finally:
        server.terminate()
        server.wait(timeout=20)
