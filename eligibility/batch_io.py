"""Files of caseload screening: the input read as bounded raw lines, the
result and reject writers, and output files committed together.

The main process only cuts the input into lines (at most `MAX_LINE_BYTES`
each, blank lines skipped): reading each line as JSON or CSV happens in
the workers (`eligibility.batch_records`), so that whatever a line holds
costs that line only.
"""

from __future__ import annotations

import codecs
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from eligibility.batch_csv import CsvFormat, CsvLayout, sniff_delimiter, split_row
from eligibility.batch_output import OUTPUT_COLUMNS, REJECT_COLUMNS, RejectWriter, ResultWriter
from eligibility.batch_records import (
    MAX_LINE_BYTES,
    InputError,
    Item,
    JsonlFormat,
    RawRecord,
    read_record,
)
from eligibility.untrusted import shown

INPUT_FORMATS = ("jsonl", "csv")
# Re-exported: the writers live in eligibility.batch_output.
__all__ = [
    "OUTPUT_COLUMNS",
    "REJECT_COLUMNS",
    "CommittedTogether",
    "InputError",
    "Lines",
    "RejectWriter",
    "ResultWriter",
    "detect_format",
    "open_input",
    "open_records",
    "read_items",
]
_UTF8_BOM = codecs.BOM_UTF8
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def detect_format(path: str, given: str | None, what: str) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    option = "--input-format" if what == "input" else "--format"
    raise InputError(f"{shown(path)}: cannot tell the {what} format from the extension; use {option} csv|jsonl")


def check_encoding(encoding: str) -> str:
    """An encoding we can cut into lines byte-wise (ASCII-compatible)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"--encoding {shown(encoding, 40)}: unknown encoding") from None
    if '\n,;\t"{}'.encode(name, errors="replace") != b'\n,;\t"{}' or name.startswith(("utf-16", "utf-32")):
        raise InputError(f"--encoding {shown(encoding, 40)}: not supported (use utf-8, cp1252 or latin-1)")
    return name


def open_input(path: str) -> IO[bytes]:
    """The input, opened for reading: a regular file or a pipe."""
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise InputError(f"{shown(path)}: {error.strerror}") from None
    mode = os.fstat(handle.fileno()).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        handle.close()
        raise InputError(f"{shown(path)}: not a regular file")
    return handle


def _sniff(handle: IO[bytes], encoding: str) -> None:
    """Refuse, before reading on, a file that is not text at all."""
    head = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
    if head.startswith(_WIDE_BOMS) or (head[:2].count(b"\x00") == 1 and encoding.startswith("utf")):
        raise InputError("the file is UTF-16 or UTF-32 text: save it as UTF-8 (in Excel: CSV UTF-8)")
    # A NUL on a later line is that line's problem (rejected with its
    # number); on the first line, the file is not text at all.
    if b"\x00" in head.split(b"\n", 1)[0]:
        raise InputError("line 1: binary data (a NUL byte), not text")


class Lines:
    """Non-blank physical lines of a binary file, each at most
    `MAX_LINE_BYTES` long, and the number of bytes consumed."""

    def __init__(self, handle: IO[bytes], encoding: str):
        self.handle = handle
        self.position = 0
        self.number = 0
        self.skip_bom = encoding.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig")

    def __iter__(self) -> Iterator[RawRecord]:
        readline = self.handle.readline
        while True:
            raw = readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            self.number += 1
            self.position += len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # the rest of the line, unread
                    raw = readline(MAX_LINE_BYTES)
                    self.position += len(raw)
                yield RawRecord(self.number, None)
                continue
            if self.number == 1 and self.skip_bom and raw.startswith(_UTF8_BOM):
                raw = raw[3:]
            if raw.isspace():
                continue
            yield RawRecord(self.number, raw)


def open_records(handle: IO[bytes], fmt: str, encoding: str = "utf-8"):
    """(format, records): the reader of each line and the raw lines; the
    CSV header is read and checked here, so that its problems stop the run."""
    encoding = check_encoding(encoding)
    _sniff(handle, encoding)
    lines = Lines(handle, encoding)
    if fmt == "jsonl":
        return JsonlFormat(encoding), lines, iter(lines)
    records = iter(lines)
    header = next(records, None)
    if header is None:
        return CsvFormat(None, ",", encoding), lines, iter(())
    if header.raw is None:
        raise InputError(f"line {header.line}: the header is longer than {MAX_LINE_BYTES} bytes")
    try:
        text = header.raw.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"line {header.line}: the header is not {encoding} text (try --encoding cp1252)") from None
    delimiter = sniff_delimiter(text)
    names, problem = split_row(text, delimiter)
    if problem:
        # The run stops with the other messages of the command line, in English.
        raise InputError(f"line {header.line}: {problem.text('en')}")
    return CsvFormat(CsvLayout(names), delimiter, encoding), lines, records


def read_items(handle: IO[bytes], fmt: str, encoding: str = "utf-8") -> Iterator[tuple[Item, int]]:
    """(item, byte position after it) for each record, read in this process
    (tests and tools; the batch reads records in its workers)."""
    reader, lines, records = open_records(handle, fmt, encoding)
    for record in records:
        yield read_record(reader, record), lines.position


# -- files that appear complete, together, or not at all --------------------
_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.part$")


class PendingFile:
    """A text file written beside `path` under a hidden temporary name
    (`.NAME.PID.RANDOM.part`, readable by its owner only), renamed over
    `path` by `publish`, removed by `discard`. In the same directory, so
    personal data never lands in a shared temporary directory and the
    rename is atomic.

    The name is chosen before the file is made (`create`): whoever holds
    this object can remove the file whenever an interruption (Ctrl-C, a
    stop signal) lands, even between its creation and `create` returning."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.temp: Path | None = self.path.parent / f".{self.path.name}.{os.getpid()}.{secrets.token_hex(6)}.part"
        self.handle: IO[str] | None = None

    def create(self) -> IO[str]:
        remove_stale_parts(self.path)
        fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        # backslashreplace: a character that cannot be encoded never costs
        # the run (the readers already reject such references).
        self.handle = open(fd, "w", encoding="utf-8", newline="", errors="backslashreplace")
        return self.handle

    def finish(self) -> None:
        """Everything on disk (a full disk shows here), nothing visible yet."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.chmod(self.temp, _default_mode())

    def publish(self) -> None:
        os.replace(self.temp, self.path)
        self.temp = None

    def discard(self) -> None:
        if self.handle is not None:
            try:
                self.handle.close()
            except OSError:  # the data is being thrown away anyway
                pass
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except FileNotFoundError:  # interrupted before it was made
                pass
            self.temp = None


def remove_stale_parts(path: Path) -> None:
    """Remove the temporary files a killed run (SIGKILL, power cut) left
    beside `path`: their process is gone. Another live run's are kept."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        match = _PART.match(entry.name)
        if not match or match.group("name") != path.name:
            continue
        pid = int(match.group("pid"))
        if pid != os.getpid() and _alive(pid):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class CommittedTogether:
    """Output files that appear together when the block succeeds, and not
    at all when it fails: on a full disk, an interruption or any error, no
    file is renamed into place and the previous ones stay as they were.
    `None` paths give `None` handles."""

    def __init__(self, *paths: str | None):
        self.paths = paths
        self.files: list[PendingFile | None] = []

    def __enter__(self) -> list[IO[str] | None]:
        # Each file is known here before it exists: an interruption while
        # it is made still finds it to remove.
        self.files = [PendingFile(path) if path else None for path in self.paths]
        try:
            return [f.create() if f else None for f in self.files]
        except BaseException:
            self._discard()
            raise

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self._discard()
            return
        try:
            present = [f for f in self.files if f is not None]
            for each in present:
                each.finish()
            # Every byte is on disk: only renames are left, which need no space.
            for each in present:
                each.publish()
        except BaseException:
            self._discard()
            raise

    def _discard(self) -> None:
        for each in self.files:
            if each is not None:
                each.discard()


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
