"""Caseload runs stopped from outside, with real processes and signals:
SIGTERM and SIGHUP like Ctrl-C, workers that die with their parent even
on SIGKILL, and a full disk. Each time the previous output and rejects
stay as they were, and no file of personal results is left behind."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eligibility import batch_io
from eligibility.batch_sample import households as sample_households
from eligibility.cli import main
from tests.forked import ForkedMain

pytestmark = pytest.mark.heavy

WAIT = 60  # seconds; a loaded 2-core machine is slow


@pytest.fixture(scope="module")
def caseload(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("caseload") / "in.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for index, data in enumerate(sample_households(4000, seed=21)):
            handle.write(json.dumps({"ref": f"h{index}", **data}) + "\n")
    return path


def start_batch(source: Path, folder: Path) -> ForkedMain:
    """`python -m eligibility batch` in its own process, forked from this
    warm one (tests/forked.py): the run, its signals and its workers are
    the command's own; only the cold build of the rules is skipped."""
    (folder / "out.csv").write_text("previous results\n")
    (folder / "rejects.csv").write_text("previous rejects\n")
    return ForkedMain(
        [
            "batch",
            str(source),
            str(folder / "out.csv"),
            "--rejects",
            str(folder / "rejects.csv"),
            "--workers",
            "2",
            "--chunk-size",
            "20",
        ]
    )


def wait_for(condition, what: str, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(each) for each in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def running_with_workers(process: ForkedMain, folder: Path) -> list[int]:
    """Once screening has started: the output's temporary files exist and
    the two workers are forked."""

    def ready():
        if process.poll() is not None:
            raise AssertionError(f"the run ended early: {process.communicate(timeout=WAIT)}")
        workers = children(process.pid)
        return workers if len(parts(folder)) == 2 and len(workers) >= 2 else None

    return wait_for(ready, "the run to start screening")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stop_signal_leaves_everything_as_it_was(engine, caseload, tmp_path, number):
    process = start_batch(caseload, tmp_path)
    workers = running_with_workers(process, tmp_path)
    process.send_signal(number)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 128 + number, err
    assert "no output written" in err and "Traceback" not in err
    assert (tmp_path / "out.csv").read_text() == "previous results\n"
    assert (tmp_path / "rejects.csv").read_text() == "previous rejects\n"
    assert parts(tmp_path) == []
    wait_for(lambda: not any(alive(pid) for pid in workers), "the workers to stop", timeout=30)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_workers_die_with_their_parent_even_on_sigkill(engine, caseload, tmp_path):
    process = start_batch(caseload, tmp_path)
    workers = running_with_workers(process, tmp_path)
    process.kill()
    process.communicate(timeout=WAIT)
    wait_for(lambda: not any(alive(pid) for pid in workers), "the orphaned workers to die", timeout=30)
    assert (tmp_path / "out.csv").read_text() == "previous results\n"
    # SIGKILL gives no chance to clean up: the next run removes what it left.
    assert len(parts(tmp_path)) == 2
    small = tmp_path / "small.jsonl"
    small.write_text(caseload.read_text().splitlines()[0] + "\n")
    assert (
        main(
            [
                "batch",
                str(small),
                str(tmp_path / "out.csv"),
                "--rejects",
                str(tmp_path / "rejects.csv"),
                "--workers",
                "1",
            ]
        )
        == 0
    )
    assert parts(tmp_path) == []


def test_stale_parts_of_a_live_run_are_kept(tmp_path):
    own = tmp_path / f".out.csv.{os.getppid()}.abc.part"  # a live process (our parent)
    dead = tmp_path / ".out.csv.999999999.abc.part"
    other = tmp_path / f".other.csv.{999999999}.abc.part"
    for path in (own, dead, other):
        path.write_text("x")
    batch_io.remove_stale_parts(tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([own.name, other.name])


# A stop lands between two bytecodes of the main thread: here, inside each
# call that makes the pending files (the second file's creation once left
# that file behind: made, not yet known to be removed).
@pytest.mark.parametrize("where", ["remove_stale_parts", "os.open", "open"])
@pytest.mark.parametrize("which", [1, 2])
def test_a_stop_while_the_files_are_made_leaves_none(tmp_path, monkeypatch, where, which):
    calls = {"count": 0}
    module, name = (batch_io.os, "open") if where == "os.open" else (batch_io, where)
    real = getattr(module, name) if hasattr(module, name) else open

    def stopped_on_the_call(*args, **kwargs):
        result = real(*args, **kwargs)
        calls["count"] += 1
        if calls["count"] == which:  # after the call did its work
            raise KeyboardInterrupt
        return result

    monkeypatch.setattr(module, name, stopped_on_the_call, raising=False)
    (tmp_path / "out.csv").write_text("previous results\n")
    with pytest.raises(KeyboardInterrupt):
        with batch_io.CommittedTogether(str(tmp_path / "out.csv"), str(tmp_path / "rejects.csv")):
            pass
    assert calls["count"] == which
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert (tmp_path / "out.csv").read_text() == "previous results\n"


# -- a full disk -----------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (not root?); the ENOSPC test covers the logic")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_writes_nothing_and_says_so(engine, caseload, small_disk, capsys):
    source = small_disk.parent / "in.jsonl"
    lines = caseload.read_text().splitlines()[:300]
    lines.insert(5, '{"ref": "bad"}')
    source.write_text("\n".join(lines) + "\n")
    (small_disk / "out.csv").write_text("previous results\n")
    (small_disk / "rejects.csv").write_text("previous rejects\n")
    code = main(
        [
            "batch",
            str(source),
            str(small_disk / "out.csv"),
            "--rejects",
            str(small_disk / "rejects.csv"),
            "--workers",
            "1",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "No space left on device" in err and "no output written" in err, err
    assert "Traceback" not in err
    assert (small_disk / "out.csv").read_text() == "previous results\n"
    assert (small_disk / "rejects.csv").read_text() == "previous rejects\n"
    assert parts(small_disk) == []


@pytest.mark.parametrize("failing", ["out.csv", "rejects.csv"])
def test_enospc_on_either_file_commits_neither(engine, tmp_path, monkeypatch, capsys, failing):
    source = tmp_path / "in.jsonl"
    source.write_text('{"ref": "bad"}\n' + json.dumps(next(iter(sample_households(1, seed=3)))) + "\n")
    (tmp_path / "out.csv").write_text("previous results\n")
    (tmp_path / "rejects.csv").write_text("previous rejects\n")
    real_fsync = os.fsync

    def fsync(fd):
        if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(f".{failing}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(batch_io.os, "fsync", fsync)
    code = main(
        ["batch", str(source), str(tmp_path / "out.csv"), "--rejects", str(tmp_path / "rejects.csv"), "--workers", "1"]
    )
    assert code == 1 and "No space left on device" in capsys.readouterr().err
    assert (tmp_path / "out.csv").read_text() == "previous results\n"
    assert (tmp_path / "rejects.csv").read_text() == "previous rejects\n"
    assert parts(tmp_path) == []


def test_interrupted_library_call_removes_its_temporary_files(engine, tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in sample_households(4, seed=5)))
    monkeypatch.setattr(batch_io.ResultWriter, "write", lambda self, rows: (_ for _ in ()).throw(KeyboardInterrupt))
    from eligibility.batch import screen_file

    with pytest.raises(KeyboardInterrupt):
        screen_file(
            str(source), str(tmp_path / "out.csv"), rejects_path=str(tmp_path / "r.csv"), progress_stream=io.StringIO()
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
