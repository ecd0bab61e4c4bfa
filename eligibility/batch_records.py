"""One chunk of caseload records, as a worker screens it: each raw line
read, validated and screened into result rows, or rejected with located
reasons. Whatever a line holds, it costs that line only.

Runs in worker processes (or on Dask workers): everything here is plain
data that pickles, and nothing touches the output files.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from typing import Any, NamedTuple

from pydantic import ValidationError

from eligibility.batch_output import render_rows
from eligibility.errors import describe
from eligibility.household import Household
from eligibility.untrusted import has_unsafe_characters, one_line, shown

# A household is a few kilobytes: a longer line is not one, and is not read.
MAX_LINE_BYTES = 1 << 20
MAX_REF_LENGTH = 100
REF_INTEGER_DIGITS = 15
MAX_REF_INTEGER = 10**REF_INTEGER_DIGITS


class InputError(Exception):
    """The input as a whole cannot be read, or the arguments are unusable
    (exit code 2)."""


class RawRecord(NamedTuple):
    """One non-blank physical line of the input, as bytes."""

    line: int
    raw: bytes | None  # None: longer than MAX_LINE_BYTES, not read


class Problem(NamedTuple):
    """A cell that could not be read: its column, a code of
    `locales.errors.ERROR_MESSAGES` and the code's context; written in the
    run's language when the reasons are (`validate`)."""

    where: str
    code: str
    context: dict

    def text(self, lang: str) -> str:
        from eligibility.errors import located_error

        return located_error(self.where, lang, self.code, self.context)


class Item(NamedTuple):
    """A record read: a household in the library's JSON format, or the
    reasons it could not be read."""

    line: int
    ref: Any
    data: dict | None = None
    errors: tuple[str | Problem, ...] = ()
    # CSV only: the column prefix (`p1`, `p3`…) of each person in `data`,
    # to write validation errors in terms of the user's columns.
    people_columns: tuple[str, ...] | None = None


class Task(NamedTuple):
    """What every chunk of a run shares: how to read a line, the language of
    the reasons, the output format the rows are rendered in."""

    reader: Any  # JsonlFormat or CsvFormat
    lang: str = "fr"
    output: str = "csv"


class Outcome(NamedTuple):
    """What became of one record: screened (its rows rendered for the
    output, and what is unclaimed for the summary), or rejected with reasons."""

    line: int
    ref: Any
    reasons: list[str] | None  # None: screened
    rendered: str = ""
    unclaimed: tuple[tuple[str, str, float], ...] = ()  # (benefit, per, amount)


def bad_ref(ref: Any) -> Problem | None:
    """Why `ref` cannot serve as the caller's reference, or None."""
    if isinstance(ref, bool) or not isinstance(ref, str | int):
        return Problem("ref", "ref_not_text", {})
    if isinstance(ref, int):
        return (
            None
            if abs(ref) < MAX_REF_INTEGER
            else Problem("ref", "ref_integer_too_long", {"limit": REF_INTEGER_DIGITS})
        )
    if not ref.strip():
        return Problem("ref", "ref_empty", {})
    if len(ref) > MAX_REF_LENGTH:
        return Problem("ref", "ref_too_long", {"limit": MAX_REF_LENGTH, "value": f"'{shown(ref, 40)}'"})
    if has_unsafe_characters(ref):
        return Problem("ref", "ref_unsafe", {"value": f"'{shown(ref, 40)}'"})
    return None


class JsonlFormat:
    """JSON Lines: one household object per line, with an optional "ref"."""

    def __init__(self, encoding: str = "utf-8"):
        self.encoding = encoding

    def item(self, record: RawRecord) -> Item:
        line = record.line
        text, problem = decode(record, self.encoding)
        if problem:
            return Item(line, line, errors=(problem,))
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            # json's own words for what is wrong (technical, in English). The
            # column is counted in the line, its line break left out (json
            # counts from the last line break, and a record ends with one).
            column = min(error.pos, len(text.rstrip("\r\n"))) + 1
            problem = Problem("", "json_malformed", {"column": column, "detail": error.msg})
            return Item(line, line, errors=(problem,))
        except RecursionError:
            return Item(line, line, errors=(Problem("", "json_too_deep", {}),))
        except ValueError:  # Python refuses integers of more than 4 300 digits
            limit = sys.get_int_max_str_digits()
            return Item(line, line, errors=(Problem("", "json_number_too_long", {"limit": limit}),))
        if not isinstance(data, dict):
            return Item(line, line, errors=(Problem("", "json_not_object", {}),))
        ref = data.pop("ref", None)
        if ref is None:
            return Item(line, line, data)
        problem = bad_ref(ref)
        if problem:
            return Item(line, line, errors=(problem,))
        return Item(line, ref, data)


def decode(record: RawRecord, encoding: str) -> tuple[str, Problem | None]:
    if record.raw is None:
        return "", Problem("", "line_too_long", {"limit": MAX_LINE_BYTES})
    try:
        return record.raw.decode(encoding), None
    except UnicodeDecodeError as error:
        context = {"encoding": encoding, "byte": f"{record.raw[error.start]:02X}", "column": error.start + 1}
        return "", Problem("", "line_not_text", context)


def read_record(fmt, record: RawRecord) -> Item:
    """`fmt.item(record)`, and whatever goes wrong a located reject."""
    try:
        return fmt.item(record)
    except Exception as error:  # isolation: one line never costs the others
        return Item(
            record.line, record.line, errors=(Problem("", "line_unreadable", {"detail": type(error).__name__}),)
        )


def validate(item: Item, lang: str):
    """(household, None) or (None, reasons)."""
    if item.errors:
        return None, [one_line(reason.text(lang) if isinstance(reason, Problem) else reason) for reason in item.errors]
    try:
        return Household.model_validate(item.data), None
    except ValidationError as error:
        try:
            lines = describe(error, lang)
        except UnicodeEncodeError:
            # Pydantic cannot report on text holding a lone surrogate
            # ("\ud800" in JSON): validate the text with it escaped.
            return validate(item._replace(data=_escape_surrogates(item.data)), lang)
        except Exception:
            lines = [f"household: {error.error_count()} problem(s) that cannot be described"]
        if item.people_columns is not None:
            lines = [csv_location(text, list(item.people_columns)) for text in lines]
        return None, [one_line(text) for text in lines]
    except Exception as error:  # RecursionError on absurd nesting, and the unforeseen
        return None, [f"household: cannot be validated ({type(error).__name__})"]


_LOCATION = re.compile(r"^people\[(\d+)\](?:\.income)?(?:\.(\w+))?", re.ASCII)
_RENAMES = {"housing.status": "housing_status", "housing.rent": "rent", "housing.shared": "shared"}


def csv_location(line: str, prefixes: list[str]) -> str:
    """A `describe` line with the location in the CSV columns of the layout
    (`eligibility.batch_csv`), for a household read from a CSV row."""
    location, sep, message = line.partition(": ")
    match = _LOCATION.match(location)
    if match and int(match.group(1)) < len(prefixes):
        prefix = prefixes[int(match.group(1))]
        renamed = f"{prefix}_{match.group(2)}" if match.group(2) else prefix
        return f"{renamed}{location[match.end() :]}{sep}{message}"
    if location in _RENAMES:
        return f"{_RENAMES[location]}{sep}{message}"
    for group in ("received", "taxable_income"):
        if location.startswith(f"{group}."):
            return f"{group}_{location[len(group) + 1 :]}{sep}{message}"
    return line


def _escape_surrogates(value):
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_escape_surrogates(key): _escape_surrogates(each) for key, each in value.items()}
    if isinstance(value, list):
        return [_escape_surrogates(each) for each in value]
    return value


def screen_chunk(task: Task, records: list[RawRecord], engine=None) -> list[Outcome]:
    """Read, validate and screen one chunk with the process's (warm) engine:
    one `Outcome` per record, in input order."""
    from eligibility.engine import default_engine

    engine = engine or default_engine()
    # The previous chunk's simulation is garbage now, held in reference
    # cycles: left to the (rarely run) collector it would still be there at
    # this chunk's peak. Collected here rather than at the end of a chunk,
    # so that a worker's last chunk pays for no collection (the worker exits
    # without one). Cheap: the warm rules are frozen, out of its sight.
    # Measured on 3 000 households: peak 313 MB instead of 365 MB.
    gc.collect()
    outcomes: list[Outcome] = []
    valid: list[tuple[int, Any]] = []
    for record in records:
        item = read_record(task.reader, record)
        household, reasons = validate(item, task.lang)
        if household is not None:
            valid.append((len(outcomes), household))
        outcomes.append(Outcome(item.line, item.ref, None if household is not None else reasons or ["rejected"]))
    screenings = _screen_contained(engine, [household for _, household in valid])
    for (position, _), screening in zip(valid, screenings):
        line, ref = outcomes[position][:2]
        if isinstance(screening, BaseException):
            problem = Problem("", "screening_failed", {"detail": f"{type(screening).__name__}: {screening}"})
            reason = one_line(problem.text(task.lang))
            outcomes[position] = Outcome(line, ref, [reason])
            continue
        # `screening`: per benefit (benefit, status, amount, per, received, unclaimed), a ResultRow without the ref.
        unclaimed = tuple((benefit, per, amount or 0.0) for benefit, _, amount, per, _, due in screening if due)
        outcomes[position] = Outcome(line, ref, None, render_rows(ref, screening, task.output), unclaimed)
    return outcomes


def _screen_contained(engine, households: list) -> list:
    """Result rows per household (`Engine.screen_rows`), or the exception of
    a household that failed: one bad
    household never costs the rest of its chunk."""
    if not households:
        return []
    try:
        return engine.screen_rows(households)
    except Exception:
        results: list = []
        for household in households:
            try:
                results.append(engine.screen_rows([household])[0])
            except Exception as error:  # reported as a reject
                results.append(error)
        return results


def months_of(fmt, records: list[RawRecord], limit: int = 24, scan: int = 200) -> list:
    """One valid household per month among the first `scan` records (to
    warm the rules of those months before forking workers; the main process
    does not read the whole chunk for that)."""
    months: dict = {}
    for record in records[:scan]:
        household, _ = validate(read_record(fmt, record), "fr")
        if household is not None:
            months.setdefault(household.month, household)
        if len(months) >= limit:
            break
    return list(months.values())
