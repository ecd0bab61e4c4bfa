"""A stop signal ends the kiosk and the advisor as their own exit does. By
Python's default a SIGTERM (a service stopped, `kill`) stopped the process
at once: the terminal was never put back, and the last screen drawn (a
person's answers, their household) stayed on it, under whatever came next.
Run as a person's terminal runs them: `python -m kiosk` in a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte
import pytest

DEMO = Path(__file__).resolve().parents[2] / "kiosk" / "demo.toml"
ALT_SCREEN_ON, ALT_SCREEN_OFF = b"\x1b[?1049h", b"\x1b[?1049l"


def _read(fd: int, until, seconds: float) -> bytes:
    """What the app writes to its terminal, until `until(output)` or EOF."""
    output = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not until(output):
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the app closed its side
                break
            if not chunk:
                break
            output += chunk
    return output


def last_frame(output: bytes, columns: int = 80, lines: int = 24) -> str:
    """What a terminal shows of the app just before it leaves its alternate
    screen: what stays on a terminal that does not put back the screen it
    had before (tmux after a resize, kiosk/app.py: LeavesBlank)."""
    drawn = output.rsplit(ALT_SCREEN_OFF, 1)[0].split(ALT_SCREEN_ON, 1)[-1]
    # The keyboard protocol's push and pop (kitty's), unknown to pyte.
    drawn = re.sub(rb"\x1b\[[<>][0-9;]*u", b"", drawn)
    screen = pyte.Screen(columns, lines)
    pyte.ByteStream(screen).feed(drawn)
    return "\n".join(screen.display)


# Each app with one of the two signals (one handler for both: kiosk/app.py,
# handle_stop_signals): a process start costs seconds.
@pytest.mark.parametrize(
    ("mode", "drawn", "number"),
    [([], b"Fran", signal.SIGHUP), (["--advisor"], b"Mois", signal.SIGTERM)],
    ids=["kiosk-hup", "advisor-term"],
)
def test_a_stop_signal_puts_the_terminal_back(mode, drawn, number):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(DEMO), *mode],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=DEMO.parents[1],
        start_new_session=True,
    )
    os.close(slave)
    try:
        before = _read(master, lambda out: ALT_SCREEN_ON in out and drawn in out.split(ALT_SCREEN_ON)[-1], 60)
        assert ALT_SCREEN_ON in before and drawn in before, before[-2000:]
        process.send_signal(number)
        after = _read(master, lambda out: False, 30)  # to the end: every process holding the terminal gone
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert ALT_SCREEN_OFF in after, after[-2000:]
    assert b"Traceback" not in before + after
    # Its last frame is empty: nothing of the person is left to a terminal
    # that keeps it (the first frames did show the screen).
    assert drawn.decode() in last_frame(before)
    assert not last_frame(before + after).strip(), last_frame(before + after)


def test_an_app_run_outside_the_main_thread_keeps_the_default():
    # Only the main thread's loop takes signals: the app still starts.
    import asyncio
    import threading

    from kiosk.app import handle_stop_signals, release_stop_signals

    errors = []

    async def mount_and_unmount():
        handle_stop_signals(lambda: None)
        release_stop_signals()

    def run():
        try:
            asyncio.run(mount_and_unmount())
        except Exception as error:  # the failure this test looks for
            errors.append(repr(error))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert errors == []
