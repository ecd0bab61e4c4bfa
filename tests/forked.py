"""The command line run in a child forked from the test process, whose rules
are already built and warm: a fresh `python -m eligibility` rebuilds them
from cold (tens of CPU-seconds on the 2-core CI machine) for tests that are
about what our process does (exit codes, standard error, signals, workers),
not about starting Python. Its own process all the same: its own pid,
signals, file descriptors and exit status, as `subprocess` would give.
One test per entry point still starts a real `python -m …` (test_cli.py)."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Completed:
    """What `subprocess.run(..., capture_output=True, text=True)` returns."""

    returncode: int
    stdout: str
    stderr: str


class ForkedMain:
    """`eligibility.cli.main(argv)` in a forked child, used like a
    `subprocess.Popen` (pid, poll, send_signal, kill, communicate).

    Standard input comes from `stdin` (bytes or text), or from the fd
    `stdin_fd`; standard output goes to `stdout_fd` when given; both
    outputs are otherwise kept in files read by `communicate()`. The child
    ends as the interpreter would after `sys.exit(main())`: standard output
    flushed, a failed flush reported on standard error."""

    def __init__(self, argv: Sequence[str], stdin: str | bytes | None = None, stdout_fd: int | None = None) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="forked-cli-")
        self._out = os.path.join(self._folder.name, "stdout")
        self._err = os.path.join(self._folder.name, "stderr")
        source = os.path.join(self._folder.name, "stdin")
        with open(source, "wb") as handle:
            handle.write(stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b""))
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into pytest
            code = 70
            try:
                code = _child(list(argv), source, stdout_fd if stdout_fd is not None else self._out, self._err)
            finally:
                os._exit(code)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                self.kill()
                os.waitpid(self.pid, 0)
                raise AssertionError(f"the forked command did not end within {timeout} s")
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def communicate(self, timeout: float) -> tuple[str, str]:
        self.wait(timeout)
        texts = tuple(_read(path) for path in (self._out, self._err))
        self._folder.cleanup()
        return texts


def _read(path: str) -> str:
    if not os.path.exists(path):  # standard output went to a given fd
        return ""
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _child(argv: list[str], stdin_path: str, stdout: str | int, stderr_path: str) -> int:
    # Fresh standard streams on fds 0-2, as in a new process (pytest's
    # capture and xdist's channels belong to the parent).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as the interpreter sets it
    fds = [os.open(stdin_path, os.O_RDONLY)]
    fds.append(stdout if isinstance(stdout, int) else os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    fds.append(os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # lives as long as the child
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)
    from eligibility.cli import main

    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # what the interpreter would print
        import traceback

        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
    except Exception as error:  # the interpreter's own message at exit
        print(f"Exception ignored on flushing sys.stdout:\n{type(error).__name__}: {error}", file=sys.stderr)
        code = code or 120
    sys.stderr.flush()
    return code


def run_main(*argv: str, stdin: str | bytes | None = None, timeout: float = 120) -> Completed:
    """`python -m eligibility ARGV` run to its end, forked (see the module)."""
    child = ForkedMain(argv, stdin=stdin)
    out, err = child.communicate(timeout)
    return Completed(child.returncode, out, err)
