"""The advisor's screenings in a process of their own, forked from the app
once the rules are warm.

Why: a screening of 15 people is about a quarter of a second of Python,
and in a thread it shared one interpreter lock with the app's thread (keys,
paints, garbage collections: ~130 ms of CPU per change); each slowed the
other. The machine has two cores. The rules cannot be pickled, so the
process is forked, not spawned: it shares the rules' memory pages with the
app.

Households go in and plain `Screening` objects come out through a socket
pair: nothing is written to disk, and the process keeps nothing between two
requests (the cache of screenings stays in the app). It dies with the app:
the kernel kills it when the app's main thread ends, even killed with
SIGKILL (`die_with_parent`; that is why `start` must run on the app's main
thread), and it ends at once when its socket is closed. If it dies anyway
(killed, out of memory), the screening it was doing is redone in the app
and the next one forks a new process.
"""

from __future__ import annotations

import gc
import os
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from eligibility.engine import ScreeningStopped

# How often the waiting thread asks `stop` (the process is told at once
# through shared memory; this only bounds how late a change is noticed).
STOP_CHECK_SECONDS = 0.01
# A full collection in the process after this many middle ones (CPython's
# default threshold).
FULL_COLLECTION_EVERY = 10
# How long `close` waits for the process to end before killing it.
CLOSE_SECONDS = 1.0


class ScreeningProcessLost(Exception):
    """The process died (or could not be reached): screen in the app instead."""


class ScreeningProcess:
    """A forked screener with the engine's `screen_many` signature, for
    `screen_forms`. One request at a time (the advisor's scheduler runs
    one screening at a time); safe to call from a worker thread."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.pid: int | None = None
        self.starts = 0
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        # The number of the request the app still wants, shared with the
        # process (an anonymous shared page: nothing on disk); 0 abandons
        # the one running.
        import mmap

        self._wanted = mmap.mmap(-1, 8)
        self._number = 0

    @property
    def alive(self) -> bool:
        return self._connection is not None

    def start(self) -> None:
        """Fork the process (on the app's main thread, no screening running:
        a lock held by another thread would stay held in the child)."""
        if self.alive:
            return
        self._reap()
        ours, theirs = socket.socketpair()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                ours.close()
                _serve(Connection(theirs.detach()), self._wanted, self.engine, parent)
                code = 0
            finally:
                os._exit(code)
        theirs.close()
        self.pid = pid
        self._connection = Connection(ours.detach())
        self.starts += 1

    def screen_many(
        self,
        households: Sequence[Any],
        explain: bool = False,
        stop: Callable[[], bool] | None = None,
    ) -> list[Any]:
        """As `Engine.screen_many`, in the process. Raises ScreeningStopped
        when `stop` says so, ScreeningProcessLost when the process is gone."""
        with self._lock:
            connection = self._connection
            if connection is None:
                raise ScreeningProcessLost
            self._number += 1
            number = self._number
            struct.pack_into("q", self._wanted, 0, number)
            try:
                connection.send((number, list(households), explain))
                while True:
                    if stop is not None and stop():
                        struct.pack_into("q", self._wanted, 0, 0)
                        raise ScreeningStopped
                    if not connection.poll(STOP_CHECK_SECONDS):
                        continue
                    answer, outcome, value = connection.recv()
                    if answer != number:
                        continue  # an abandoned request's late answer
                    if outcome == "done":
                        return value
                    if outcome == "stopped":
                        raise ScreeningStopped
                    raise RuntimeError(value)
            except (EOFError, OSError) as error:
                self._lost()
                raise ScreeningProcessLost from error

    def close(self) -> None:
        """End the process and wait for it (briefly; killed after that)."""
        struct.pack_into("q", self._wanted, 0, 0)  # stop the one running
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
            self._reap(wait=CLOSE_SECONDS)

    def _lost(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._reap()

    def _reap(self, wait: float = 0.0) -> None:
        """Collect the ended process (no zombie left); kill it if it is still
        there after `wait` seconds."""
        if self.pid is None:
            return
        deadline = time.monotonic() + wait
        while True:
            try:
                done, _status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                done = self.pid
            if done:
                self.pid = None
                return
            if time.monotonic() >= deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                self.pid = None
                return
            time.sleep(0.005)


def _serve(connection: Connection, wanted, engine: Any, parent: int) -> None:
    """The process's life: answer requests until the socket closes."""
    from eligibility.batch_executors import die_with_parent

    # The app's objects were copied with the fork and are never freed here:
    # out of the collector's sight (and their pages stay shared).
    gc.freeze()
    # Signals from the terminal are the app's; the app's event loop must not
    # be woken by ours; our output would garble its screen.
    signal.set_wakeup_fd(-1)
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGWINCH, signal.SIGTSTP):
        signal.signal(number, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    die_with_parent(parent)
    if engine.is_warm:
        # Touch the rules once now (their pages are copied on first write),
        # not during the worker's first change.
        from eligibility.examples import warm_up_household

        engine.screen(warm_up_household(), explain=True)
    while True:
        try:
            number, households, explain = connection.recv()
        except (EOFError, OSError):
            return

        def stop(number=number) -> bool:
            return struct.unpack_from("q", wanted, 0)[0] != number

        try:
            reply = (number, "done", engine.screen_many(households, explain=explain, stop=stop))
        except ScreeningStopped:
            reply = (number, "stopped", None)
        except Exception as error:  # told to the app, which shows it
            reply = (number, "failed", f"{type(error).__name__}: {error}")
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return
        except Exception as error:  # a result that cannot be pickled
            connection.send((number, "failed", f"{type(error).__name__}: {error}"))
        # The app's thresholds came with the fork (full collections pushed
        # back, kiosk/advisor/collector.py): ours is made here, while the app
        # paints, never in the middle of a screening.
        if gc.get_count()[2] >= FULL_COLLECTION_EVERY:
            gc.collect()
