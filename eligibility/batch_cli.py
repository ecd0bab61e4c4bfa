"""`python -m eligibility batch`: arguments, signals, exit codes, summary."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import contextmanager

from eligibility.batch_records import InputError
from eligibility.batch_run import DEFAULT_CHUNK_SIZE, ONE_ROUND_CHUNK_SIZE, screen_file
from eligibility.untrusted import one_line

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
# Stopped by a signal: 128 + its number, as a shell reports it
# (130 Ctrl-C / SIGINT, 143 SIGTERM, 129 SIGHUP).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """A stop signal arrived (BaseException, like KeyboardInterrupt: no
    `except Exception` on the way swallows it)."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


@contextmanager
def stop_signals_raise():
    """SIGTERM and SIGHUP (what `timeout`, cron, `systemctl stop` and a
    closed terminal send) stop the run like Ctrl-C: the exception unwinds,
    the unfinished output is removed, the workers are stopped."""

    def stop(number, frame):
        raise Stopped(number)

    saved = {}
    try:
        for number in STOP_SIGNALS:
            saved[number] = signal.signal(number, stop)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def add_arguments(parser: argparse.ArgumentParser, epilog: str) -> None:
    parser.description = "Screen a caseload: one household per line (JSON Lines) or per row (CSV)."
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = epilog
    parser.add_argument("input", help='households: .jsonl (library format + optional "ref") or .csv (flat layout)')
    parser.add_argument("output", help="results: .csv or .jsonl, one row per household and benefit")
    parser.add_argument(
        "--rejects",
        metavar="FILE",
        help="rows not screened, with line number and reasons (.csv or .jsonl); default: standard error",
    )
    parser.add_argument(
        "--workers", type=int, default=default_workers(), metavar="N", help="worker processes (default: all cores)"
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        metavar="N",
        help=(
            f"at most N households per vectorised simulation, evened out between workers (default: one chunk per "
            f"worker up to {ONE_ROUND_CHUNK_SIZE:,}, otherwise {DEFAULT_CHUNK_SIZE:,})".replace(",", " ")
        ),
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


def check_lang(lang: str) -> None:
    from locales import LANGUAGES

    if lang not in LANGUAGES:
        raise InputError(f"--lang {one_line(lang, 40)}: unknown language (one of {', '.join(LANGUAGES)})")


def run_batch(args: argparse.Namespace) -> int:
    try:
        with stop_signals_raise():
            check_lang(args.lang)
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
    except KeyboardInterrupt:
        print("interrupted: no output written", file=sys.stderr)
        return 128 + signal.SIGINT
    except Stopped as stopped:
        print(f"stopped by {signal.Signals(stopped.number).name}: no output written", file=sys.stderr)
        return 128 + stopped.number
    except OSError as error:  # a full disk, a file removed under us…
        where = f" ({one_line(error.filename)})" if error.filename else ""
        print(f"error: {error.strerror or error}{where}: the run failed, no output written", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a crashed worker, a bug: the traceback helps a report
        import traceback

        traceback.print_exc()
        print(f"error: the run failed, no output written ({type(error).__name__})", file=sys.stderr)
        return EXIT_FAILED
    for line in summary.lines(args.output, args.rejects):
        print(line)
    return EXIT_OK
