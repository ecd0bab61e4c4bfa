"""One caseload run: the input read in chunks, screened by an executor,
the outcomes written in input order, the summary counted."""

from __future__ import annotations

import itertools
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from eligibility.batch_executors import Chunk, CollectorTuned, choose_executor
from eligibility.batch_io import (
    CommittedTogether,
    RejectWriter,
    ResultWriter,
    detect_format,
    open_input,
    open_records,
)
from eligibility.batch_progress import make_progress
from eligibility.batch_records import InputError, Outcome, Problem, RawRecord, Task
from eligibility.untrusted import shown

# Households per vectorised simulation. A chunk has a fixed cost (its
# simulations' formulas) and then a small cost per household: bigger chunks
# go faster and need more memory. An input that fits in one chunk per worker
# of at most ONE_ROUND_CHUNK_SIZE goes as one chunk per worker; otherwise
# chunks of DEFAULT_CHUNK_SIZE. Both sizes keep a worker under the 350 MB the
# README promises (the peaks measured at each size are in the commit
# messages of these two constants; `benchmarks/batch_throughput.py --one N`
# measures them again).
DEFAULT_CHUNK_SIZE = 3000
ONE_ROUND_CHUNK_SIZE = 5500


@dataclass
class Summary:
    read: int = 0
    screened: int = 0
    rejected: int = 0
    duplicates: int = 0  # of the rejected: a ref already seen
    with_unclaimed: int = 0
    # benefit -> [households, euros]
    unclaimed_monthly: dict[str, list] = field(default_factory=dict)
    unclaimed_yearly: dict[str, list] = field(default_factory=dict)
    seconds: float = 0.0
    start_seconds: float = 0.0  # building and warming the rules, starting workers
    workers: int = 1
    lang: str = "fr"  # of the reasons written for the rejects
    # ref (as written) -> line of its first record
    first_lines: dict[str, int] = field(default_factory=dict, repr=False)

    def add(
        self,
        outcomes: Iterable[Outcome],
        rejects: Callable[[int, Any, list[str]], None],
        write: Callable[[str], None],
    ) -> None:
        for line, ref, reasons, rendered, unclaimed in outcomes:
            self.read += 1
            first = self.first_lines.setdefault(str(ref), line)
            if first != line:
                # Two records with one ref: results no one could tell apart.
                self.duplicates += 1
                problem = Problem("ref", "ref_duplicate", {"value": f"'{shown(ref, 40)}'", "line": first})
                reasons = [problem.text(self.lang)]
            if reasons is not None:
                self.rejected += 1
                rejects(line, ref, reasons)
                continue
            self.screened += 1
            write(rendered)
            for benefit, per, amount in unclaimed:
                totals = (self.unclaimed_monthly if per == "month" else self.unclaimed_yearly).setdefault(
                    benefit, [0, 0.0]
                )
                totals[0] += 1
                totals[1] += amount
            self.with_unclaimed += bool(unclaimed)

    def lines(self, output: str, rejects: str | None) -> list[str]:
        screening = self.seconds - self.start_seconds
        rate = self.read / screening if screening > 0 else 0.0
        out = [
            f"Households read: {_n(self.read)} in {self.seconds:.1f} s: {self.start_seconds:.1f} s to get the rules "
            f"ready, then {_n(round(rate))} a second with {self.workers} worker{'s' if self.workers > 1 else ''}",
            f"  screened: {_n(self.screened)} -> {shown(output)}",
            f"  rejected: {_n(self.rejected)}" + (f" -> {shown(rejects)}" if rejects and self.rejected else ""),
        ]
        if self.duplicates:
            out.append(f"    of which a ref already used on an earlier line: {_n(self.duplicates)}")
        out.append(f"  with at least one unclaimed right: {_n(self.with_unclaimed)}")
        for title, totals, unit in (
            ("Unclaimed per month, by benefit", self.unclaimed_monthly, "€/month"),
            ("Unclaimed per year, yearly benefits", self.unclaimed_yearly, "€/year"),
        ):
            if not totals:
                continue
            out.append(f"{title}:")
            width = max(len(b) for b in totals)
            for benefit, (count, euros) in sorted(totals.items(), key=lambda kv: -kv[1][1]):
                out.append(f"  {benefit:<{width}}  {_n(count):>9} households  {_euros(euros):>16} {unit}")
            out.append(f"  {'total':<{width}}  {'':>20}  {_euros(sum(e for _, e in totals.values())):>16} {unit}")
        return out


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _euros(value: float) -> str:
    return f"{value:,.2f}".replace(",", " ")


def balanced_size(total_bytes: int | None, bytes_read: int, records_read: int, workers: int, size: int) -> int:
    """The chunk size, at most `size`, that gives every worker as many
    households, estimated from the file's size and its first lines: 10 000
    households on 2 workers go as 4 chunks of 2 500, not 3 000 + 3 000 +
    3 000 + 1 000 (one worker idle for a quarter of the run)."""
    if not total_bytes or not records_read or workers < 2:
        return size
    estimate = total_bytes * records_read / max(bytes_read, 1)
    rounds = math.ceil(estimate / (workers * size))
    return max(1, min(size, math.ceil(estimate / (workers * rounds))))


def automatic_size(total_bytes: int | None, bytes_read: int, records_read: int, workers: int) -> int:
    """The chunk size when none is asked for: one chunk per worker when the
    input, estimated from the file's size and its first lines, fits in
    ONE_ROUND_CHUNK_SIZE per worker; otherwise `balanced_size` of at most
    DEFAULT_CHUNK_SIZE."""
    if total_bytes and records_read:
        estimate = total_bytes * records_read / max(bytes_read, 1)
        if estimate <= max(workers, 1) * ONE_ROUND_CHUNK_SIZE:
            return max(1, math.ceil(estimate / max(workers, 1)))
    return balanced_size(total_bytes, bytes_read, records_read, workers, DEFAULT_CHUNK_SIZE)


def chunks_of(
    records: Iterable[RawRecord], lines, size: int | None, total_bytes: int | None = None, workers: int = 1
) -> Iterator[Chunk]:
    """`size` None: `automatic_size`; otherwise at most `size`, evened out between workers."""
    records = iter(records)
    head = list(itertools.islice(records, 200))
    if size is None:
        size = automatic_size(total_bytes, lines.position, len(head), workers)
    else:
        size = balanced_size(total_bytes, lines.position, len(head), workers, size)
    chunk: list[RawRecord] = []
    for record in itertools.chain(head, records):
        chunk.append(record)
        if len(chunk) >= size:
            yield Chunk(chunk, lines.position)
            chunk = []
    if chunk:
        yield Chunk(chunk, lines.position)


def check_paths(input_path: str, output_path: str, rejects_path: str | None) -> None:
    for path in (output_path, rejects_path):
        if path is None:
            continue
        if not Path(path).parent.resolve().is_dir():
            raise InputError(f"{shown(path)}: no such directory")
        if Path(path).is_dir():
            raise InputError(f"{shown(path)}: is a directory")
        if Path(path).resolve() == Path(input_path).resolve():
            raise InputError(f"{shown(path)}: the output would overwrite the input")
    if rejects_path and Path(rejects_path).resolve() == Path(output_path).resolve():
        raise InputError("--rejects must name another file than the output")


def screen_file(
    input_path: str,
    output_path: str,
    *,
    rejects_path: str | None = None,
    output_format: str | None = None,
    input_format: str | None = None,
    workers: int = 1,
    chunk_size: int | None = None,
    scheduler: str | None = None,
    lang: str = "fr",
    encoding: str = "utf-8",
    progress_stream: IO[str] | None = None,
    reject_stream: IO[str] | None = None,
    executor=None,
) -> Summary:
    """Screen every household of `input_path` into `output_path`.

    Raises `InputError` for unusable arguments or input; any other
    exception (or interruption) leaves `output_path` and `rejects_path`
    as they were: both appear together when the run completes."""
    in_format = detect_format(input_path, input_format, "input")
    out_format = detect_format(output_path, output_format, "output")
    rejects_format = "jsonl" if rejects_path and Path(rejects_path).suffix.lower() in (".jsonl", ".ndjson") else "csv"
    if chunk_size is not None and chunk_size < 1:
        raise InputError("--chunk-size must be at least 1")
    if workers < 1:
        raise InputError("--workers must be at least 1")
    check_paths(input_path, output_path, rejects_path)
    with open_input(input_path) as handle:
        try:
            total = os.fstat(handle.fileno()).st_size or None
        except OSError:
            total = None
        summary = Summary(lang=lang)
        started = time.perf_counter()
        try:
            reader, lines, records = open_records(handle, in_format, encoding)
        except InputError as error:
            raise InputError(f"{shown(input_path)}: {error}") from None
        chunks = chunks_of(records, lines, chunk_size, total, 1 if executor is not None else workers)
        # Look two chunks ahead: a one-chunk input is screened here, without
        # forking workers for nothing.
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        if executor is None:
            task = Task(reader, lang, out_format)
            executor = choose_executor(task, scheduler, workers, single_chunk=second is None)
        chunks = _prepend((first, second), chunks)
        cancel = True
        try:
            executor.start(first)
            summary.start_seconds = time.perf_counter() - started
            summary.workers = executor.workers
            with CollectorTuned(), CommittedTogether(output_path, rejects_path) as (out, rejected_out):
                writer = ResultWriter(out, out_format)
                if rejected_out is not None:
                    on_reject = RejectWriter(rejected_out, rejects_format).write
                else:
                    stream = reject_stream or sys.stderr
                    shown_input = shown(input_path)

                    def on_reject(line, ref, reasons):
                        for reason in reasons:
                            print(f"{shown_input}:{line}: {reason}", file=stream)

                with make_progress(progress_stream if progress_stream is not None else sys.stderr, total) as bar:
                    for done in executor.map(chunks):
                        summary.add(done.outcomes, on_reject, writer.write)
                        bar.update(done.position, summary.read)
            cancel = False
        finally:
            executor.close(cancel=cancel)
        summary.seconds = time.perf_counter() - started
    return summary


def _prepend(heads, rest):
    for head in heads:
        if head is not None:
            yield head
    yield from rest
