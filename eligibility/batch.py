"""Caseload screening: many households from a file, one result row per
household and benefit in another.

    python -m eligibility batch INPUT OUTPUT [--rejects FILE] [--workers N]
        [--chunk-size N] [--scheduler ADDRESS|local] [--format csv|jsonl]
        [--input-format csv|jsonl] [--encoding utf-8] [--lang fr]

INPUT
    JSON Lines (`.jsonl`, `.ndjson`, `.json`): one household per line in the
    library's format (`python -m eligibility schema`), with an optional
    `"ref"` (string or integer): the caller's reference, the line number
    when absent. Blank lines are skipped.

    CSV (`.csv`): one row per household, flat layout below; a header line
    first. Comma, semicolon or tab separated (guessed from the header);
    UTF-8 by default (`--encoding cp1252` for older Excel files).
    See `examples/batch_template.csv`.

OUTPUT
    CSV or JSON Lines (by extension, or `--format`), one row per household
    and benefit, in input order:
    `ref, benefit, status, amount, per, received, unclaimed`
    (status: eligible | not_eligible | unknown; amount in euros, empty/null
    when unknown; per: month | year; received, unclaimed: true | false).
    The file appears only when the run is complete (written beside it under
    a temporary name, then renamed); an interrupted run leaves it untouched.

REJECTS
    A row that cannot be read or is not a valid household is not screened:
    it goes to `--rejects FILE` (CSV `line, ref, reason`, or JSON Lines when
    the name ends in `.jsonl`) with its line number and the reasons, located
    (`p2_birth_date: born after the month screened`). Without `--rejects`
    they are printed on standard error. Every household row ends up in the
    output or in the rejects; the summary counts add up.

CSV LAYOUT (column names are case-insensitive, in any order; empty cell =
not given)
    ref               your reference (default: the line number)
    month             month screened, YYYY-MM or MM/YYYY (default: this month)
    commune           INSEE commune code (required), e.g. 59350 for Lille
    housing_status    tenant_private | tenant_social | owner | hosted_free | homeless
    rent              monthly rent in euros, for tenants (empty: unknown)
    shared            shared flat (colocation): yes | no
    estimated         answers that were guessed, separated by spaces
    single_parent_months  a parent alone: months since they raise their
                      children alone (empty: not asked)
    pK_...            person K, for K = 1..20; a person whose cells are all
                      empty is absent. Fields:
        pK_id             identifier within the household (default pK)
        pK_role           applicant | partner | child | other (exactly one applicant)
        pK_birth_date     YYYY-MM-DD or DD/MM/YYYY
        pK_activity       employed | self_employed | unemployed | student |
                          retired | unable_to_work | inactive
        pK_school         none | primary | college | lycee | higher (children)
        pK_nationality    fr | eu | other (default fr)
        pK_residence_permit_years   years of residence permit (non-EU)
        pK_disability_rate          0 to 1, or a percentage (80%)
        pK_pregnant       yes | no
        pK_worked_five_of_last_ten_years  yes | no (ASS; empty: not asked)
        pK_rsdae          yes | no (AAH at 50-79 %; empty: not asked)
        pK_salary, pK_self_employment, pK_unemployment, pK_pension,
        pK_alimony, pK_other        net euros per month
    received_<benefit>  benefit already received: its amount (per month, per
                      year for yearly benefits), or `yes` when the amount is
                      unknown; empty or `no`: not received. <benefit> is a
                      catalog id: rsa, ppa, aide_logement, af, cf, asf,
                      paje_base, aeeh, aah, asi, aspa, ass, ars, bourse_college,
                      bourse_lycee, cheque_energie, css_participation_forfaitaire
    taxable_income_YYYY  revenu fiscal de référence of year YYYY
    Numbers accept a decimal comma (1 234,50) or point (1234.50).

PARALLELISM
    `--workers N` (default: all cores) forks N worker processes once the
    rules are built and warm in the main process (a built OpenFisca system
    can be neither pickled nor deep-copied); chunks of `--chunk-size`
    households are screened as the input streams, with at most two chunks
    per worker in flight, so memory depends on the chunk size, not on the
    input size. `--scheduler ADDRESS` sends the chunks to a Dask cluster
    instead (`--scheduler local` starts one on this machine with N worker
    processes); every Dask worker builds and warms its own rules once, and
    needs this package installed. Households of one month are screened in
    one vectorised simulation per chunk: inputs sorted by month go faster.

EXIT CODES
    0 the run completed (even with rejects), 2 unusable arguments or
    unreadable input, 1 unexpected failure, 130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from eligibility.batch_io import (
    AtomicFile,
    InputError,
    Item,
    RejectWriter,
    ResultWriter,
    csv_location,
    detect_format,
    read_items,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_INTERRUPTED = 130
DEFAULT_CHUNK_SIZE = 1000
# Chunks waiting or running per worker: enough to keep every worker busy
# while the main process writes results, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2
# A screening allocates many short-lived objects; with the default first
# threshold (700) the collector runs thousands of times a chunk and walks
# the rules' millions of long-lived objects. Measured: about 20 % less CPU.
GC_THRESHOLDS = (20_000, 20, 20)

ChunkItems = list[tuple]  # Item.as_tuple() of each row


# -- one chunk: validate, screen, flatten ------------------------------------
@dataclass
class ChunkResult:
    # Per input row, in input order: (line, ref, rows) for a screened
    # household, (line, ref, reasons) with rows=None for a rejected one.
    outcomes: list[tuple[int, Any, list[tuple] | None, list[str] | None]]


def screen_chunk(items: ChunkItems, lang: str = "fr", engine=None) -> ChunkResult:
    """Validate and screen one chunk with the process's (warm) engine."""
    from eligibility.engine import default_engine
    from eligibility.errors import describe
    from eligibility.household import Household

    engine = engine or default_engine()
    outcomes: list = []
    valid: list[tuple[int, Household]] = []
    for line, ref, data, errors, prefixes in items:
        if errors:
            outcomes.append((line, ref, None, list(errors)))
            continue
        try:
            household = Household.model_validate(data)
        except ValidationError as error:
            lines = describe(error, lang)
            if prefixes is not None:
                lines = [csv_location(text, prefixes) for text in lines]
            outcomes.append((line, ref, None, lines))
            continue
        valid.append((len(outcomes), household))
        outcomes.append((line, ref, None, None))
    for (position, _), screening in zip(valid, _screen_contained(engine, [h for _, h in valid])):
        line, ref, _, _ = outcomes[position]
        if isinstance(screening, BaseException):
            outcomes[position] = (line, ref, None, [f"screening failed: {type(screening).__name__}: {screening}"])
            continue
        rows = [(ref, b.id, b.status.value, b.amount, b.per, b.received, b.unclaimed) for b in screening.benefits]
        outcomes[position] = (line, ref, rows, None)
    return ChunkResult(outcomes)


def _screen_contained(engine, households: list) -> list:
    """Screenings, or the exception of a household that failed: one bad
    household never costs the rest of its chunk."""
    if not households:
        return []
    try:
        # The output rows carry no amount after claiming: not computed.
        return engine.screen_many(households, settle=False)
    except Exception:
        results: list = []
        for household in households:
            try:
                results.append(engine.screen(household))
            except Exception as error:  # reported as a reject
                results.append(error)
        return results


# -- executors: chunks in, results out, in order -------------------------------
class SerialExecutor:
    """In this process."""

    workers = 1

    def __init__(self, lang: str):
        self.lang = lang

    def start(self, first_chunk: ChunkItems) -> None:
        _warm_for(first_chunk)

    def map(self, chunks: Iterable[tuple[ChunkItems, Any]]) -> Iterator[tuple[ChunkResult, Any]]:
        for items, tag in chunks:
            yield screen_chunk(items, self.lang), tag

    def close(self, cancel: bool = False) -> None:
        pass


class ForkExecutor:
    """Worker processes forked from this one once the rules are warm."""

    def __init__(self, workers: int, lang: str):
        self.workers = workers
        self.lang = lang
        self.pool = None

    def start(self, first_chunk: ChunkItems) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _warm_for(first_chunk)
        # Objects alive now are shared with the workers; frozen, the collector
        # leaves them (and so their memory pages) alone.
        gc.collect()
        gc.freeze()
        context = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_init)
        # With "fork", every worker is forked at the first submission, before
        # the executor starts its own threads.
        self.pool.submit(os.getpid).result()

    def map(self, chunks):
        assert self.pool is not None
        return _bounded_in_order(
            lambda items: self.pool.submit(screen_chunk, items, self.lang),
            lambda future: future.result(),
            chunks,
            self.workers * IN_FLIGHT_PER_WORKER,
        )

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)
            self.pool = None


class DaskExecutor:
    """Chunks sent to a Dask cluster; every worker warms its own rules."""

    def __init__(self, address: str, workers: int, lang: str):
        self.address = address
        self.requested_workers = workers
        self.lang = lang
        self.client = None
        self.cluster = None
        self.workers = workers

    def start(self, first_chunk: ChunkItems) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
        if self.address == "local":
            self.cluster = LocalCluster(
                n_workers=self.requested_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.address, timeout="30s")
            except (OSError, TimeoutError, ValueError) as error:
                raise InputError(f"--scheduler {self.address}: cannot connect ({error})") from None
        self.client.register_plugin(WarmEngine(), name="acces-droits-warm-engine")
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, chunks):
        assert self.client is not None
        return _bounded_in_order(
            lambda items: self.client.submit(_dask_screen_chunk, items, self.lang, pure=False),
            lambda future: future.result(),
            chunks,
            self.workers * IN_FLIGHT_PER_WORKER,
        )

    def close(self, cancel: bool = False) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # Dask is optional
    _WorkerPlugin = object


class WarmEngine(_WorkerPlugin):
    """Builds and warms the rules once per Dask worker process."""

    def setup(self, worker=None):
        from eligibility.engine import default_engine

        default_engine().warm_up()


def _dask_screen_chunk(items: ChunkItems, lang: str) -> ChunkResult:
    from eligibility.engine import default_engine

    engine = default_engine()
    engine.warm_up()  # a no-op when the plugin already did it
    return screen_chunk(items, lang, engine)


def _bounded_in_order(submit: Callable, result: Callable, chunks, limit: int):
    """Submit chunks as they come, at most `limit` pending; yield results in
    submission order (so the output follows the input)."""
    pending: deque = deque()
    for items, tag in chunks:
        pending.append((submit(items), tag))
        if len(pending) >= limit:
            future, done_tag = pending.popleft()
            yield result(future), done_tag
    while pending:
        future, done_tag = pending.popleft()
        yield result(future), done_tag


def _worker_init() -> None:
    import signal

    # Ctrl-C is handled by the main process, which stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*GC_THRESHOLDS)


class _CollectorTuned:
    """Fewer garbage collections during a run, the long-lived objects of the
    warm rules set aside; restored afterwards (this may be a library call)."""

    def __enter__(self):
        self.saved = gc.get_threshold()
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
        return self

    def __exit__(self, *exc) -> None:
        gc.set_threshold(*self.saved)
        gc.unfreeze()


def _warm_for(items: ChunkItems) -> None:
    """Warm the main process's rules for the months of the first chunk, so
    that forked workers inherit the parameter caches of those months."""
    from eligibility.engine import default_engine
    from eligibility.household import Household

    engine = default_engine()
    engine.warm_up()
    months: dict = {}
    for _, _, data, errors, _ in items:
        if errors:
            continue
        try:
            household = Household.model_validate(data)
        except ValidationError:
            continue
        months.setdefault(household.month, household)
    for household in list(months.values())[:24]:
        engine.screen(household)


# -- progress ---------------------------------------------------------------
class QuietProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def update(self, position: int, households: int) -> None:
        pass


class RichProgress:
    """A bar over the bytes of the input, refreshed when a chunk completes
    (no refresh thread: worker processes are forked without it around)."""

    def __init__(self, stream: IO[str], total_bytes: int | None, label: str):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[households]} households"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            auto_refresh=False,
            transient=False,
        )
        self.task = self.progress.add_task(label, total=total_bytes, households=0)

    def __enter__(self):
        self.progress.start()
        self.progress.refresh()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def update(self, position: int, households: int) -> None:
        self.progress.update(self.task, completed=position, households=f"{households:,}".replace(",", " "))
        self.progress.refresh()


def make_progress(stream: IO[str], total_bytes: int | None, label: str = "Screening"):
    """A progress bar on a terminal, nothing otherwise (logs, pipes, cron)."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return QuietProgress()
    try:
        return RichProgress(stream, total_bytes, label)
    except ImportError:
        return QuietProgress()


# -- summary ----------------------------------------------------------------
@dataclass
class Summary:
    read: int = 0
    screened: int = 0
    rejected: int = 0
    with_unclaimed: int = 0
    # benefit -> [households, euros]
    unclaimed_monthly: dict[str, list] = field(default_factory=dict)
    unclaimed_yearly: dict[str, list] = field(default_factory=dict)
    seconds: float = 0.0
    start_seconds: float = 0.0  # building and warming the rules, starting workers
    workers: int = 1

    def add(self, result: ChunkResult, rejects: Callable[[int, Any, list[str]], None], write_rows) -> None:
        for line, ref, rows, reasons in result.outcomes:
            self.read += 1
            if rows is None:
                self.rejected += 1
                rejects(line, ref, reasons or ["rejected"])
                continue
            self.screened += 1
            write_rows(rows)
            unclaimed = False
            for _, benefit, _, amount, per, _, is_unclaimed in rows:
                if not is_unclaimed:
                    continue
                unclaimed = True
                totals = (self.unclaimed_monthly if per == "month" else self.unclaimed_yearly).setdefault(
                    benefit, [0, 0.0]
                )
                totals[0] += 1
                totals[1] += amount or 0.0
            self.with_unclaimed += unclaimed

    def lines(self, output: str, rejects: str | None) -> list[str]:
        screening = self.seconds - self.start_seconds
        rate = self.read / screening if screening > 0 else 0.0
        out = [
            f"Households read: {_n(self.read)} in {self.seconds:.1f} s: {self.start_seconds:.1f} s to get the rules "
            f"ready, then {_n(round(rate))} a second with {self.workers} worker{'s' if self.workers > 1 else ''}",
            f"  screened: {_n(self.screened)} -> {output}",
            f"  rejected: {_n(self.rejected)}" + (f" -> {rejects}" if rejects and self.rejected else ""),
            f"  with at least one unclaimed right: {_n(self.with_unclaimed)}",
        ]
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


# -- the run ----------------------------------------------------------------
def _chunks(items: Iterator[tuple[Item, int]], size: int) -> Iterator[tuple[ChunkItems, int]]:
    chunk: ChunkItems = []
    position = 0
    for item, position in items:
        chunk.append(item.as_tuple())
        if len(chunk) >= size:
            yield chunk, position
            chunk = []
    if chunk:
        yield chunk, position


def screen_file(
    input_path: str,
    output_path: str,
    *,
    rejects_path: str | None = None,
    output_format: str | None = None,
    input_format: str | None = None,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    scheduler: str | None = None,
    lang: str = "fr",
    encoding: str = "utf-8",
    progress_stream: IO[str] | None = None,
    reject_stream: IO[str] | None = None,
    executor=None,
) -> Summary:
    """Screen every household of `input_path` into `output_path`.

    Raises `InputError` for unusable arguments or input; any other
    exception leaves `output_path` (and `rejects_path`) untouched."""
    in_format = detect_format(input_path, input_format, "input")
    out_format = detect_format(output_path, output_format, "output")
    rejects_format = "jsonl" if rejects_path and Path(rejects_path).suffix.lower() in (".jsonl", ".ndjson") else "csv"
    if chunk_size < 1:
        raise InputError("--chunk-size must be at least 1")
    if workers < 1:
        raise InputError("--workers must be at least 1")
    for path in (output_path, rejects_path):
        if path is None:
            continue
        if not Path(path).parent.resolve().is_dir():
            raise InputError(f"{path}: no such directory")
        if Path(path).is_dir():
            raise InputError(f"{path}: is a directory")
        if Path(path).resolve() == Path(input_path).resolve():
            raise InputError(f"{path}: the output would overwrite the input")
    if rejects_path and Path(rejects_path).resolve() == Path(output_path).resolve():
        raise InputError("--rejects must name another file than the output")
    try:
        handle = open(input_path, "rb")
    except OSError as error:
        raise InputError(f"{input_path}: {error.strerror}") from None
    with handle:
        try:
            total = os.fstat(handle.fileno()).st_size
        except OSError:
            total = None
        summary = Summary()
        started = time.perf_counter()
        chunks = _chunks(read_items(handle, in_format, encoding), chunk_size)
        # Look two chunks ahead: a one-chunk input is screened here, without
        # forking workers for nothing.
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        if executor is None:
            executor = _choose_executor(scheduler, workers, lang, single_chunk=second is None)
        chunks = _prepend((first, second), chunks)
        cancel = True
        try:
            executor.start(first[0] if first else [])
            summary.start_seconds = time.perf_counter() - started
            summary.workers = executor.workers
            with _CollectorTuned(), AtomicFile(output_path) as out, _rejects_file(rejects_path) as rejected_out:
                writer = ResultWriter(out, out_format)
                if rejected_out is not None:
                    on_reject = RejectWriter(rejected_out, rejects_format).write
                else:
                    stream = reject_stream or sys.stderr

                    def on_reject(line, ref, reasons):
                        for reason in reasons:
                            print(f"{input_path}:{line}: {reason}", file=stream)

                with make_progress(progress_stream if progress_stream is not None else sys.stderr, total) as bar:
                    for result, position in executor.map(chunks):
                        summary.add(result, on_reject, writer.write)
                        bar.update(position, summary.read)
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


def _choose_executor(scheduler: str | None, workers: int, lang: str, single_chunk: bool):
    if scheduler:
        return DaskExecutor(scheduler, workers, lang)
    if workers > 1 and not single_chunk:
        return ForkExecutor(workers, lang)
    return SerialExecutor(lang)


class _NoFile:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return None


def _rejects_file(path: str | None):
    return AtomicFile(path) if path else _NoFile()


# -- command line -------------------------------------------------------------
def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Screen a caseload: one household per line (JSON Lines) or per row (CSV)."
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    # The module documentation from INPUT on: formats, CSV layout, exit codes.
    parser.epilog = __doc__[__doc__.index("\nINPUT\n") + 1 :]
    parser.add_argument("input", help='households: .jsonl (library format + optional "ref") or .csv (flat layout)')
    parser.add_argument("output", help="results: .csv or .jsonl, one row per household and benefit")
    parser.add_argument(
        "--rejects",
        metavar="FILE",
        help="rows not screened, with line number and reasons (.csv or .jsonl); default: standard error",
    )
    parser.add_argument(
        "--workers", type=int, default=_default_workers(), metavar="N", help="worker processes (default: all cores)"
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"households per vectorised simulation (default {DEFAULT_CHUNK_SIZE})",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://host:8786), or 'local' for a cluster on this machine",
    )
    parser.add_argument("--format", choices=["csv", "jsonl"], help="output format (default: from the extension)")
    parser.add_argument("--input-format", choices=["csv", "jsonl"], help="input format (default: from the extension)")
    parser.add_argument(
        "--encoding", default="utf-8", help="input text encoding (default utf-8; cp1252 for older Excel CSV)"
    )
    parser.add_argument("--lang", default="fr", help="language of the reasons in the rejects (default fr)")


def run_batch(args: argparse.Namespace) -> int:
    try:
        summary = screen_file(
            args.input,
            args.output,
            rejects_path=args.rejects,
            output_format=args.format,
            input_format=args.input_format,
            workers=args.workers,
            chunk_size=args.chunk_size,
            scheduler=args.scheduler,
            lang=args.lang,
            encoding=args.encoding,
        )
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except LookupError as error:  # unknown --encoding
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted: no output written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a crashed worker, a full disk…
        import traceback

        traceback.print_exc()
        print(f"error: the run failed, no output written ({type(error).__name__}: {error})", file=sys.stderr)
        return EXIT_FAILED
    for line in summary.lines(args.output, args.rejects):
        print(line)
    return EXIT_OK
